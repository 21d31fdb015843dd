"""kg.corrections without a build: reading and checking a corrections file, and applying each op to
entities, mentions and claims written by hand."""
from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from kg.corrections import correct_claims, correct_resolution, parse_corrections
from kg.corrections.ops import Add, Merge, Reject, Split
from kg.extract.resolve import Resolution
from kg.graph.assemble import build_graph, claim_id, to_networkx
from kg.graph.confidence import edge_confidence, edge_iri, edge_sources
from kg.model import APPLIED, INVALID, NOT_MATCHED, ArticleResolution, Claim, Entity, Mention
from kg.ontology import KGE, KGO, load_ontology

ONTOLOGY = load_ontology()
NOTE = "Panel of experts report, paragraph 12"


def parse(*lines):
    text = "\n".join(json.dumps(line) if isinstance(line, dict) else line for line in lines)
    return parse_corrections(text.encode("utf-8"), ONTOLOGY)


def mention(doc: str, start: int, text: str, source: str = "ner") -> Mention:
    return Mention(doc, start, start + 1, start * 10, start * 10 + len(text), text, "Organization", source, text)


# Two articles: "Blue Hand" and its misspelling "Blu Hand" are one group; "Tyre" is a city in d1 and
# a company ("Tyre Holdings", written "Tyre") in d2.
MENTIONS = [mention("d1", 0, "Blue Hand"), mention("d1", 5, "Tyre"), mention("d2", 0, "Blu Hand"),
            mention("d2", 3, "Blue  Hand"), mention("d2", 7, "tyre"), mention("d2", 9, "it", source="coref")]
ENTITIES = {
    "blue-hand": Entity("blue-hand", "Blue Hand", "ArmedGroup", ("Blue  Hand",), mentions=2, documents=("d1", "d2")),
    "blu-hand": Entity("blu-hand", "Blu Hand", "ArmedGroup", mentions=1, documents=("d2",)),
    "tyre": Entity("tyre", "Tyre", "Place", ("tyre",), mentions=3, documents=("d1", "d2")),
}
ENTITY_OF = {("d1", 0, 1): "blue-hand", ("d1", 5, 6): "tyre", ("d2", 0, 1): "blu-hand", ("d2", 3, 4): "blue-hand",
             ("d2", 7, 8): "tyre", ("d2", 9, 10): "tyre"}
RESOLUTION = Resolution(ENTITIES, ENTITY_OF, ("joined 'x' -> 'y'",))


def claim(subject: str, relation: str, obj: str, document: str = "d1", sentence: int = 0, **fields) -> Claim:
    return Claim(subject, relation, obj, document, sentence, "A sentence.", 0, 11, **fields)


# --------------------------------------------------------------------------- reading the file

def test_corrections_every_op_is_read_with_its_line_and_its_decision():
    read = parse(
        "# comments and blank lines are not corrections",
        "",
        {"op": "merge", "from": "blu-hand", "into": f"{KGE}blue-hand", "by": "J. Analyst", "note": "a typo",
         "date": "2024-05-01"},
        {"op": "split", "entity": "tyre", "where": {"documents": ["d2"]},
         "new": {"id": "tyre-holdings", "label": "Tyre Holdings", "type": "Organization"}},
        {"op": "retype", "entity": "tyre", "type": "Place"},
        {"op": "rename", "entity": "blue-hand", "label": "The  Blue Hand"},
        {"op": "reject", "claim": "https://w3id.org/kg-news/claim/0123456789abcdef"},
        {"op": "reject", "document": "d1", "sentence": 0, "relation": "attacks", "object": "tyre"},
        {"op": "add", "subject": "blue-hand", "relation": "attacks", "object": "tyre", "by": "J. Analyst", "note": NOTE},
        {"op": "confirm", "claim": "0123456789abcdef"},
        {"op": "distinct", "entities": ["tyre", "tyre-holdings"]},
    )
    assert read.invalid == ()
    assert [(op.line, op.name) for op in read.ops] == [
        (3, "merge"), (4, "split"), (5, "retype"), (6, "rename"), (7, "reject"), (8, "reject"), (9, "add"),
        (10, "confirm"), (11, "distinct")]
    merge, split = read.ops[0], read.ops[1]
    assert (merge.from_, merge.into, merge.by, merge.note, merge.date) == (
        "blu-hand", "blue-hand", "J. Analyst", "a typo", "2024-05-01")
    assert split.documents == ("d2",) and split.names == () and split.new.type == "Organization"
    assert read.ops[3].label == "The Blue Hand"  # runs of spaces in a label are one space
    assert read.ops[4].claim.claim == "0123456789abcdef"  # the local part of a kgc: IRI
    assert read.ops[6].modality == "Asserted" and read.ops[6].object.id == "tyre"
    assert read.digest != parse({"op": "retype", "entity": "tyre", "type": "Place"}).digest  # the file's bytes


@pytest.mark.parametrize(("line", "op", "reason"), [
    ('{"op": "merge", "from": "a"', "", "not JSON"),
    ('["merge"]', "", "not a JSON object"),
    ({"op": "merg", "from": "a", "into": "b"}, "", "unknown op 'merg'; known: merge, split, retype"),
    ({"from": "a", "into": "b"}, "", 'no "op"'),
    ({"op": "merge", "from": "a"}, "merge", "no 'into'"),
    ({"op": "merge", "from": "a", "into": "a"}, "merge", "merges a into itself"),
    ({"op": "merge", "from": "a", "into": "b", "because": "x"}, "merge", "unknown field 'because'"),
    ({"op": "retype", "entity": "a", "type": "River"}, "retype", "unknown class 'River' for type; known: ArmedGroup"),
    ({"op": "retype", "entity": "a", "type": "Actor"}, "retype", "unknown class 'Actor'"),
    ({"op": "rename", "entity": "a b", "label": "A"}, "rename", "entity 'a b' is not an id"),
    ({"op": "split", "entity": "a", "where": {}, "new": {"id": "b", "label": "B", "type": "Place"}}, "split",
     "'where' needs documents, names or both"),
    ({"op": "split", "entity": "a", "where": {"names": ["A"]}, "new": {"id": "b", "label": "B"}}, "split",
     "unknown class None for new.type"),
    ({"op": "split", "entity": "a", "where": {"names": ["A"]}, "new": {"label": "B", "type": "Place"}}, "split",
     "no 'new.id'"),
    ({"op": "reject", "document": "d1", "sentence": 3}, "reject", "needs 'claim', or 'document', 'sentence' and 'relation'"),
    ({"op": "reject", "claim": "c", "document": "d1"}, "reject", "'document', 'sentence' and 'relation' go together"),
    ({"op": "reject", "document": "d1", "sentence": "3", "relation": "attacks"}, "reject", "'sentence' must be a whole number"),
    ({"op": "reject", "document": "d1", "sentence": 3, "relation": "arms"}, "reject", "unknown relation 'arms'; known: alliedWith"),
    ({"op": "add", "subject": "a", "relation": "attacks", "object": "b", "by": "J. Analyst"}, "add",
     "a fact added by hand needs 'by' (who) and 'note' (why)"),
    ({"op": "add", "subject": "a", "relation": "attacks", "object": "b", "by": "J", "note": "n", "modality": "Sure"},
     "add", "unknown modality 'Sure'"),
    ({"op": "add", "subject": "a", "relation": "attacks", "object": "b", "by": "J", "note": "n", "date": "May 2024"},
     "add", "date 'May 2024' is not an ISO date"),
    ({"op": "distinct", "entities": ["a", "a"]}, "distinct", "'entities' needs two different ids or more"),
])
def test_corrections_an_invalid_line_is_reported_with_its_number_and_the_rest_is_read(line, op, reason):
    read = parse({"op": "rename", "entity": "a", "label": "A"}, line, {"op": "retype", "entity": "a", "type": "Place"})
    assert [o.line for o in read.ops] == [1, 3]
    (invalid,) = read.invalid
    assert (invalid.line, invalid.op, invalid.status) == (2, op, INVALID)
    assert reason in invalid.reason
    assert str(invalid).startswith(f"line 2: {op + ': ' if op else ''}")


def test_corrections_a_line_that_is_not_utf8_is_invalid_not_fatal():
    read = parse_corrections(b'{"op": "retype", "entity": "a", "type": "Place"}\n\xff\xfe\n', ONTOLOGY)
    assert len(read.ops) == 1 and [(o.line, o.reason) for o in read.invalid] == [(2, "not UTF-8 text")]


# --------------------------------------------------------------------------- resolution ops

def resolve(*lines):
    read = parse(*lines)
    return correct_resolution(RESOLUTION, MENTIONS, read.ops)


def test_corrections_merge_moves_every_mention_and_keeps_the_into_entity_label_and_class():
    corrected = resolve({"op": "merge", "from": "blu-hand", "into": "blue-hand"})
    resolution = corrected.resolution
    assert "blu-hand" not in resolution.entities and resolution.entity_of[("d2", 0, 1)] == "blue-hand"
    merged = resolution.entities["blue-hand"]
    assert (merged.label, merged.type, merged.mentions, merged.documents) == ("Blue Hand", "ArmedGroup", 3, ("d1", "d2"))
    assert merged.aliases == ("Blu Hand", "Blue  Hand")
    assert resolution.merged == {"blu-hand": "blue-hand"}
    assert resolution.merge_log == ("joined 'x' -> 'y'", "merged 'blu-hand' into 'blue-hand' by correction, line 1")
    assert [(o.line, o.status) for o in corrected.outcomes] == [(1, APPLIED)]
    # the input is left as it was
    assert RESOLUTION.entity_of[("d2", 0, 1)] == "blu-hand" and "blu-hand" in RESOLUTION.entities


def test_corrections_merge_changes_the_claim_key_of_the_articles_of_the_merged_entity_only():
    corrected = resolve({"op": "merge", "from": "blu-hand", "into": "blue-hand"}).resolution
    d1 = [m for m in MENTIONS if m.doc_id == "d1"]
    d2 = [m for m in MENTIONS if m.doc_id == "d2"]
    assert ArticleResolution.of(d1, (), corrected) == ArticleResolution.of(d1, (), RESOLUTION)
    assert ArticleResolution.of(d2, (), corrected) != ArticleResolution.of(d2, (), RESOLUTION)
    # a catalog id the article's words reach ("Blu-Hand-backed") takes the class of the entity it joined
    assert ("blu-hand", "ArmedGroup") in ArticleResolution.of(d1, ("blu-hand",), corrected).types


def test_corrections_split_by_document_and_by_name_ignoring_case_and_spaces():
    corrected = resolve(
        {"op": "split", "entity": "tyre", "where": {"documents": ["d2"], "names": ["TYRE"]},
         "new": {"id": "tyre-holdings", "label": "Tyre Holdings", "type": "Organization"}},
        {"op": "split", "entity": "blue-hand", "where": {"names": ["blue hand"]},
         "new": {"id": "blu-hand", "label": "ignored", "type": "Place"}})
    entities, entity_of = corrected.resolution.entities, corrected.resolution.entity_of
    holdings = entities["tyre-holdings"]
    assert (holdings.label, holdings.type, holdings.mentions, holdings.documents) == (
        "Tyre Holdings", "Organization", 1, ("d2",))
    assert holdings.aliases == ("tyre",)
    assert entity_of[("d2", 7, 8)] == "tyre-holdings" and entity_of[("d2", 9, 10)] == "tyre"  # "it" is no "tyre"
    assert entities["tyre"].mentions == 2 and entities["tyre"].aliases == ()
    # every mention of blue-hand is named so: it is gone, and an entity of the new id takes them as it is
    assert "blue-hand" not in entities
    assert (entities["blu-hand"].label, entities["blu-hand"].type, entities["blu-hand"].mentions) == (
        "Blu Hand", "ArmedGroup", 3)
    assert [o.status for o in corrected.outcomes] == [APPLIED, APPLIED]
    assert "(an entity already)" in corrected.outcomes[1].reason


def test_corrections_a_split_into_an_entity_keeps_the_names_the_split_one_still_has():
    # an alias of tyre that the entity split into is also named by: it does not leave with the split
    resolution = Resolution({**ENTITIES, "tyre": replace(ENTITIES["tyre"], aliases=("Blu Hand", "tyre"))},
                            ENTITY_OF, ())
    read = parse({"op": "split", "entity": "tyre", "where": {"documents": ["d1"]},
                  "new": {"id": "blu-hand", "label": "x", "type": "Place"}})
    entities = correct_resolution(resolution, MENTIONS, read.ops).resolution.entities
    assert entities["tyre"].aliases == ("Blu Hand", "tyre") and entities["tyre"].mentions == 2
    assert entities["blu-hand"].aliases == ("Tyre",) and entities["blu-hand"].mentions == 2


def test_corrections_retype_and_what_matches_nothing():
    corrected = resolve(
        {"op": "retype", "entity": "tyre", "type": "Organization"},
        {"op": "merge", "from": "blu-hand", "into": "blue-hand"},
        {"op": "retype", "entity": "blu-hand", "type": "Place"},
        {"op": "merge", "from": "nobody", "into": "blue-hand"},
        {"op": "split", "entity": "tyre", "where": {"documents": ["d9"]},
         "new": {"id": "t", "label": "T", "type": "Place"}},
        {"op": "rename", "entity": "nobody", "label": "left for after claims are read"},
        {"op": "merge", "from": "blue-hand", "into": "blu-hand"})
    assert corrected.resolution.entities["tyre"].type == "Organization"
    assert [(o.line, o.op, o.status, o.reason) for o in corrected.outcomes] == [
        (1, "retype", APPLIED, "tyre from Place to Organization"),
        (2, "merge", APPLIED, "blu-hand into blue-hand: 1 mentions in 1 articles"),
        (3, "retype", NOT_MATCHED, "no entity blu-hand (merged into blue-hand by an earlier line)"),
        (4, "merge", NOT_MATCHED, "no entity nobody"),
        (5, "split", NOT_MATCHED, "no mention of tyre in d9"),
        (7, "merge", NOT_MATCHED, "blu-hand was merged into blue-hand by an earlier line"),
    ]
    assert corrected.resolution.entities["blue-hand"].mentions == 3


# --------------------------------------------------------------------------- claim ops

CLAIMS = [claim("blue-hand", "attacks", "tyre", "d1", 0), claim("blu-hand", "attacks", "tyre", "d2", 4),
          claim("blue-hand", "attacks", "tyre", "d2", 5, modality="Negated")]


def correct(*lines, claims=CLAIMS, merged=None):
    read = parse(*lines)
    return correct_claims(ENTITIES.values(), claims, read.ops, merged or {}, ONTOLOGY)


def test_corrections_rename_keeps_the_id_and_the_old_label_as_an_alias():
    corrected = correct({"op": "rename", "entity": "tyre", "label": "Tyre, Lebanon"})
    tyre = next(e for e in corrected.entities if e.id == "tyre")
    assert tyre.label == "Tyre, Lebanon" and tyre.aliases == ("Tyre", "tyre")
    assert corrected.claims == tuple(CLAIMS)


def test_corrections_reject_by_claim_id_and_by_place_after_a_merge_changed_the_id():
    old_id = claim_id(CLAIMS[1])
    merged = [claim("blue-hand", "attacks", "tyre", "d2", 4)]  # blu-hand merged: the claim read again
    corrected = correct({"op": "reject", "claim": claim_id(CLAIMS[0])},
                        {"op": "reject", "claim": old_id},
                        {"op": "reject", "claim": old_id, "document": "d2", "sentence": 4, "relation": "attacks",
                         "subject": "blu-hand"},
                        claims=[CLAIMS[0], *merged, CLAIMS[2]], merged={"blu-hand": "blue-hand"})
    assert corrected.claims == (CLAIMS[2],)
    assert [(o.line, o.status) for o in corrected.outcomes] == [(1, APPLIED), (2, NOT_MATCHED), (3, APPLIED)]
    assert corrected.outcomes[1].reason == f"no claim {old_id}"
    assert corrected.outcomes[2].reason == f"1 claim removed: {claim_id(merged[0])}"


def test_corrections_a_claim_still_naming_a_merged_entity_joins_it():
    corrected = correct(claims=CLAIMS, merged={"blu-hand": "blue-hand", "tyre": "blue-hand"})
    # blue-hand attacks tyre became blue-hand attacks blue-hand: no relation of a thing with itself
    assert corrected.claims == ()
    corrected = correct(claims=[claim("tyre", "attacks", "blu-hand", items=("blu-hand",))], merged={"blu-hand": "blue-hand"})
    assert [(c.object, c.items) for c in corrected.claims] == [("blue-hand", ("blue-hand",))]


def test_corrections_reject_or_confirm_matching_nothing_says_what_it_looked_for():
    corrected = correct({"op": "reject", "document": "d1", "sentence": 12, "relation": "supplies"},
                        {"op": "confirm", "document": "d2", "sentence": 5, "relation": "attacks"},
                        {"op": "confirm", "claim": "ffffffffffffffff"})
    assert [(str(o), o.status) for o in corrected.outcomes] == [
        ("line 1: reject: no claim of document d1, sentence 12, supplies", NOT_MATCHED),
        (f"line 2: confirm: kept as it is: {claim_id(CLAIMS[2])}", APPLIED),
        ("line 3: confirm: no claim ffffffffffffffff", NOT_MATCHED)]
    assert corrected.claims == tuple(CLAIMS)


def test_corrections_add_makes_a_hand_claim_and_the_entities_it_lacks():
    corrected = correct({"op": "add", "subject": "blue-hand", "relation": "supplies",
                         "object": {"id": "red-hand", "label": "Red Hand", "type": "ArmedGroup"},
                         "items": [{"id": "kite-drone", "label": "Kite drone", "type": "WeaponSystem"}],
                         "modality": "Possible", "by": "J. Analyst", "note": NOTE, "date": "2024-05-01"})
    hand = corrected.claims[-1]
    assert hand.by_hand and (hand.added_by, hand.note, hand.rule, hand.confidence) == ("J. Analyst", NOTE, "hand", 1.0)
    assert (hand.subject, hand.relation, hand.object, hand.items, hand.modality, hand.date) == (
        "blue-hand", "supplies", "red-hand", ("kite-drone",), "Possible", "2024-05-01")
    assert (hand.document, hand.sentence, hand.text) == ("", -1, "")
    expected = hashlib.sha1("|".join(("hand", "blue-hand", "supplies", "red-hand", "J. Analyst", NOTE)).encode())
    assert claim_id(hand) == expected.hexdigest()[:16]
    added = {e.id: e for e in corrected.entities}
    assert (added["red-hand"].label, added["red-hand"].type, added["red-hand"].mentions) == ("Red Hand", "ArmedGroup", 0)
    assert [e.id for e in corrected.entities] == sorted(added)


def test_corrections_add_names_what_it_cannot_make():
    corrected = correct(
        {"op": "add", "subject": "green-hand", "relation": "attacks", "object": "tyre", "by": "J", "note": "n"},
        {"op": "add", "subject": "tyre", "relation": "leads", "object": "blue-hand", "by": "J", "note": "n"},
        {"op": "add", "subject": "blue-hand", "relation": "supplies", "object": "blu-hand", "items": ["tyre"],
         "by": "J", "note": "n"},
        {"op": "add", "subject": "blue-hand", "relation": "attacks", "object": "tyre", "by": "J", "note": "n"},
        {"op": "add", "subject": "blue-hand", "relation": "attacks", "object": "tyre", "by": "J", "note": "n"})
    assert [(o.status, o.reason.split(";")[0]) for o in corrected.outcomes[:3]] == [
        (NOT_MATCHED, "no entity green-hand"),
        (INVALID, "the subject of leads is a Place"),
        (INVALID, "the item of supplies is a Place")]
    assert corrected.outcomes[3].status == APPLIED
    assert corrected.outcomes[4].status == NOT_MATCHED and "an earlier line" in corrected.outcomes[4].reason
    assert sum(c.by_hand for c in corrected.claims) == 1


def test_corrections_distinct_checks_the_entities_and_changes_nothing():
    corrected = correct({"op": "distinct", "entities": ["blue-hand", "tyre"]},
                        {"op": "distinct", "entities": ["blue-hand", "nobody"]})
    assert [(o.status, o.reason) for o in corrected.outcomes] == [
        (APPLIED, "kept apart: blue-hand, tyre"), (NOT_MATCHED, "no entity nobody")]
    assert corrected.claims == tuple(CLAIMS) and corrected.entities == tuple(ENTITIES[k] for k in sorted(ENTITIES))


# --------------------------------------------------------------------------- a hand fact in the graph

def test_corrections_a_hand_fact_is_one_source_of_its_own_with_confidence_one():
    articles = [claim("blue-hand", "attacks", "tyre", "d1", 0, confidence=0.6),
                claim("blue-hand", "attacks", "tyre", "d2", 3, confidence=0.5)]
    corrected = correct({"op": "add", "subject": "blue-hand", "relation": "attacks", "object": "tyre",
                         "by": "J. Analyst", "note": NOTE}, claims=articles)
    sources = edge_sources(corrected.claims)[("blue-hand", "attacks", "tyre")]
    assert len(sources) == 3 and edge_confidence(sources) == 1.0
    network = to_networkx(corrected.entities, corrected.claims)
    edge = network.edges["blue-hand", "tyre", "attacks"]
    assert (edge["weight"], edge["claims"], edge["confidence"]) == (3, 3, 1.0)
    graph = build_graph(corrected.entities, [], corrected.claims)
    node = edge_iri("blue-hand", "attacks", "tyre")
    assert (graph.value(node, KGO.sourceCount).toPython(), graph.value(node, KGO.confidence).toPython()) == (3, 1)


def test_corrections_ops_are_frozen_and_know_their_line():
    read = parse({"op": "merge", "from": "a", "into": "b"}, {"op": "reject", "claim": "c"})
    assert isinstance(read.ops[0], Merge) and isinstance(read.ops[1], Reject)
    with pytest.raises(AttributeError):
        read.ops[0].line = 3  # type: ignore[misc]
    assert not isinstance(read.ops[0], (Split, Add))
