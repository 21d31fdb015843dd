"""Entity resolution on mentions built by hand."""
from __future__ import annotations

from kg.extract.catalog import load_catalog
from kg.model import Mention
from kg.ontology import DEFAULT_ONTOLOGY_DIR
from kg.extract.resolve import resolve_entities


def mention(doc, start, text, cls, source="ner", key=None):
    return Mention(doc_id=doc, start=start, end=start + len(text.split()), start_char=0, end_char=len(text),
                   text=text, type=cls, source=source, key=key or text)


def resolved(mentions):
    result = resolve_entities(mentions, load_catalog(DEFAULT_ONTOLOGY_DIR))
    return {m.text: result.entity_of[(m.doc_id, m.start, m.end)] for m in mentions}, result


def test_resolve_surname_joins_the_one_full_name_across_documents():
    ids, result = resolved([mention("a", 0, "Anna Kowalczyk", "Person"), mention("b", 5, "Kowalczyk", "Person")])
    assert ids["Kowalczyk"] == ids["Anna Kowalczyk"] == "anna-kowalczyk"
    assert any("Kowalczyk" in line for line in result.merge_log)


def test_resolve_ambiguous_surname_is_left_apart_and_logged():
    ids, result = resolved([mention("a", 0, "Anna Kowalczyk", "Person"), mention("a", 3, "Piotr Kowalczyk", "Person"),
                            mention("b", 0, "Kowalczyk", "Person")])
    assert ids["Kowalczyk"] not in (ids["Anna Kowalczyk"], ids["Piotr Kowalczyk"])
    assert any(line.startswith("left apart") for line in result.merge_log)


def test_resolve_surname_joins_catalog_person():
    ids, _ = resolved([mention("a", 0, "Kirby", "Person")])
    assert ids["Kirby"] == "john-kirby"


def test_resolve_acronym_joins_spelled_out_name():
    ids, _ = resolved([mention("a", 0, "Northern Alliance Front", "Organization"), mention("a", 9, "NAF", "Organization")])
    assert ids["NAF"] == ids["Northern Alliance Front"]


def test_resolve_never_merges_a_person_with_a_non_person():
    _, result = resolved([mention("a", 0, "Jordan Valley", "Organization"),
                          mention("b", 0, "Jordan Valley", "Person")])
    assert len(set(result.entity_of.values())) == 2
    assert {e.type for e in result.entities.values()} == {"Organization", "Person"}


def test_resolve_ner_class_flips_take_the_majority_class():
    _, result = resolved([mention("a", 0, "Wadi Salqa", "Place"), mention("b", 0, "Wadi Salqa", "Place"),
                          mention("c", 0, "Wadi Salqa", "Organization")])
    assert len(set(result.entity_of.values())) == 1
    assert [e.type for e in result.entities.values()] == ["Place"]
    assert any("as Place (2 of 3" in line for line in result.merge_log)


def test_resolve_surname_typed_as_organisation_joins_the_person():
    ids, _ = resolved([mention("a", 0, "Anna Kowalczyk", "Person"), mention("b", 2, "Kowalczyk", "Organization")])
    assert ids["Kowalczyk"] == ids["Anna Kowalczyk"]


def test_resolve_catalog_mentions_keep_catalog_ids_and_links():
    ids, result = resolved([mention("a", 0, "Hizbollah", "ArmedGroup", source="catalog", key="hezbollah")])
    entity = result.entities[ids["Hizbollah"]]
    assert entity.label == "Hezbollah" and entity.mentions == 1 and entity.documents == ("a",)
    assert "Hizbollah" in entity.aliases


def test_resolve_counts_mentions_and_articles():
    _ids, result = resolved([mention("a", 0, "Anna Kowalczyk", "Person"), mention("a", 4, "Anna Kowalczyk", "Person"),
                            mention("b", 0, "Anna Kowalczyk", "Person")])
    entity = result.entities["anna-kowalczyk"]
    assert (entity.mentions, entity.documents) == (3, ("a", "b"))
