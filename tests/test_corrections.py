"""An analyst's corrections survive every rebuild: each op on the sample corpus, built afresh and
rebuilt from the cache, what each redoes, the report, the CLI, and the graph contract of a fact
added by hand."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV
from typer.testing import CliRunner

from kg.cli import app
from kg.corrections import CORRECTIONS_FILE
from kg.export.network import to_network
from kg.export.output import write_build
from kg.export.stream import write_stream_build
from kg.graph.assemble import claim_id
from kg.graph.confidence import edge_iri
from kg.model import APPLIED, INVALID, NOT_MATCHED
from kg.ontology import KGC, KGE, KGO
from kg.pipeline.run import build
from kg.sparql.validate import validate_graph

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIRST = "000_913475dfa0a1c5c8"  # the sample's first article
BY, NOTE = "J. Analyst", "UN panel report S/2024/123, para 40"

runner = CliRunner()


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """A build of the sample into an output folder with its cache, no corrections: (folder, result)."""
    out = tmp_path_factory.mktemp("first")
    return out, build([DATA], cache_dir=out)


def write_lines(path: Path, lines) -> Path:
    path.write_text("".join((json.dumps(line) if isinstance(line, dict) else line) + "\n" for line in lines),
                    encoding="utf-8")
    return path


def copy_of(first, folder: Path) -> Path:
    """The first build's output folder, cache included, copied: a rebuild there is an analyst's rebuild."""
    shutil.copytree(first[0], folder)
    return folder


def rebuild(first, folder: Path, lines):
    out = copy_of(first, folder)
    return build([DATA], cache_dir=out, corrections=write_lines(out / CORRECTIONS_FILE, lines))


def find_claim(result, document: str, sentence: int, subject: str, relation: str, obj: str):
    return next(c for c in result.claims
                if (c.document, c.sentence, c.subject, c.relation, c.object) == (document, sentence, subject, relation, obj))


def entity(result, eid: str):
    return next((e for e in result.entities if e.id == eid), None)


def every_op(result) -> list:
    """A line of each op, on facts of the sample (claim ids taken from a build without corrections)."""
    wagner_iran = claim_id(find_claim(result, FIRST, 6, "wagner-group", "supplies", "iran"))
    kirby = claim_id(find_claim(result, FIRST, 6, "john-kirby", "officialOf", "national-security-council"))
    hamas = claim_id(find_claim(result, FIRST, 11, "hamas", "attacks", "israel"))
    return [
        "# what an analyst fixed in the sample graph",
        {"op": "merge", "from": "national-security-council", "into": "white-house", "by": BY,
         "note": "the NSC is part of the White House"},
        {"op": "split", "entity": "gaza", "where": {"documents": [FIRST], "names": [" GAZA "]},
         "new": {"id": "gaza-city", "label": "Gaza City", "type": "Place"}},
        {"op": "retype", "entity": "don", "type": "Place"},
        {"op": "rename", "entity": "wagner-group", "label": "PMC Wagner Group"},
        {"op": "reject", "claim": wagner_iran},
        # its id changed with the merge: found by where it was said, its object by the id merged away
        {"op": "reject", "claim": kirby, "document": FIRST, "sentence": 6, "relation": "officialOf",
         "subject": "john-kirby", "object": "national-security-council"},
        {"op": "add", "subject": "wagner-group", "relation": "supplies",
         "object": {"id": "houthis", "label": "Houthis", "type": "ArmedGroup"}, "items": ["pantsir-s1"],
         "modality": "Planned", "by": BY, "note": NOTE, "date": "2024-05-01"},
        {"op": "confirm", "claim": hamas},
        {"op": "distinct", "entities": ["rostov", "ronstov"]},
    ]


@pytest.fixture(scope="module")
def corrected(first, tmp_path_factory):
    """The sample with a line of each op: built afresh (no cache), and rebuilt in the first build's folder."""
    lines = every_op(first[1])
    folder = tmp_path_factory.mktemp("corrected")
    fresh = build([DATA], corrections=write_lines(folder / "fresh.jsonl", lines))
    cached = rebuild(first, folder / "out", lines)
    return {"fresh": fresh, "cached": cached, "lines": lines}


@pytest.mark.parametrize("how", ["fresh", "cached"])
def test_corrections_each_op_changes_the_graph_as_it_says(first, corrected, how):
    result, before = corrected[how], first[1]
    assert [(o.line, o.op, o.status) for o in result.corrections] == [
        (2, "merge", APPLIED), (3, "split", APPLIED), (4, "retype", APPLIED), (5, "rename", APPLIED),
        (6, "reject", APPLIED), (7, "reject", APPLIED), (8, "add", APPLIED), (9, "confirm", APPLIED),
        (10, "distinct", APPLIED)]
    # merge: the NSC is gone, its names are the White House's, and so are its claims
    assert entity(result, "national-security-council") is None
    white_house = entity(result, "white-house")
    assert {"National Security Council", "NSC"} <= set(white_house.aliases) and white_house.label == "White House"
    assert not any("national-security-council" in (c.subject, c.object) for c in result.claims)
    assert any((c.subject, c.relation, c.object) == ("john-kirby", "officialOf", "white-house") for c in result.claims)
    assert "merged 'national-security-council' into 'white-house' by correction, line 2" in result.merge_log
    # split: Gaza in the first article is Gaza City
    gaza_city, gaza = entity(result, "gaza-city"), entity(result, "gaza")
    assert (gaza_city.label, gaza_city.type, gaza_city.documents) == ("Gaza City", "Place", (FIRST,))
    assert gaza_city.mentions + gaza.mentions == entity(before, "gaza").mentions and FIRST not in gaza.documents
    # retype and rename
    assert entity(result, "don").type == "Place"
    wagner = entity(result, "wagner-group")
    assert wagner.label == "PMC Wagner Group" and "Wagner Group" in wagner.aliases
    # reject: by claim id, and by document, sentence and relation
    ids = {claim_id(c) for c in result.claims}
    assert corrected["lines"][5]["claim"] not in ids
    assert not any((c.document, c.sentence, c.relation, c.subject) == (FIRST, 6, "officialOf", "john-kirby")
                   for c in result.claims)
    # add: the hand fact and the entity it needed
    (hand,) = [c for c in result.claims if c.by_hand]
    assert (hand.subject, hand.relation, hand.object, hand.items, hand.modality) == (
        "wagner-group", "supplies", "houthis", ("pantsir-s1",), "Planned")
    assert (hand.added_by, hand.note, hand.date, hand.confidence, hand.document) == (BY, NOTE, "2024-05-01", 1.0, "")
    assert (entity(result, "houthis").type, entity(result, "houthis").mentions) == ("ArmedGroup", 0)


def test_corrections_a_fresh_build_and_a_cached_rebuild_write_the_same_bytes(corrected, tmp_path):
    fresh, cached = write_build(corrected["fresh"], tmp_path / "fresh"), write_build(corrected["cached"], tmp_path / "cached")
    for one, other in zip(fresh, cached):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_corrections_the_cached_rebuild_redoes_only_the_articles_whose_entities_changed(first, corrected):
    before = first[1]
    touched = {*entity(before, "national-security-council").documents, FIRST, *entity(before, "don").documents}
    work = corrected["cached"].work
    assert work["articles parsed"] == 0 and work["articles whose mentions were found again"] == 0
    assert work["articles whose claims were read"] == len(touched) < len(before.documents)
    assert work["articles whose claims came from the cache"] == len(before.documents) - len(touched)


def test_corrections_a_merge_rereads_only_the_claims_of_the_merged_entities_articles(first, tmp_path):
    before = first[1]
    result = rebuild(first, tmp_path / "out", [{"op": "merge", "from": "ronstov", "into": "rostov"}])
    ronstov = entity(before, "ronstov")
    assert len(ronstov.documents) == 1 and entity(result, "ronstov") is None
    assert result.work["articles parsed"] == 0
    assert result.work["articles whose claims were read"] == 1
    assert result.work["articles whose claims came from the cache"] == len(before.documents) - 1
    rostov = entity(result, "rostov")
    assert "Ronstov" in rostov.aliases and set(ronstov.documents) <= set(rostov.documents)


def test_corrections_a_retype_rereads_the_articles_that_mention_the_entity(first, tmp_path):
    result = rebuild(first, tmp_path / "out", [{"op": "retype", "entity": "don", "type": "Place"}])
    assert entity(result, "don").type == "Place"
    assert result.work["articles parsed"] == 0
    assert result.work["articles whose claims were read"] == len(entity(first[1], "don").documents)


def test_corrections_reject_rename_and_add_read_no_article_again(first, tmp_path):
    before = first[1]
    rejected = find_claim(before, FIRST, 11, "hamas", "attacks", "israel")
    result = rebuild(first, tmp_path / "out", [
        {"op": "reject", "claim": claim_id(rejected)},
        {"op": "rename", "entity": "hezbollah", "label": "Hezbollah (Lebanon)"},
        {"op": "add", "subject": "iran", "relation": "backs", "object": "hamas", "by": BY, "note": NOTE}])
    assert result.work["articles parsed"] == 0 and result.work["articles whose claims were read"] == 0
    assert rejected not in result.claims and len(result.claims) == len(before.claims)
    assert entity(result, "hezbollah").label == "Hezbollah (Lebanon)"
    assert [o.status for o in result.corrections] == [APPLIED] * 3
    assert {c.document for c in result.changes.gone_claims} == {FIRST}
    assert [c.relation for c in result.changes.new_claims] == ["backs"]


def test_corrections_an_edited_file_is_never_answered_with_the_last_result(first, tmp_path):
    out = copy_of(first, tmp_path / "out")
    path = write_lines(out / CORRECTIONS_FILE, [{"op": "rename", "entity": "iran", "label": "Islamic Republic of Iran"}])
    build([DATA], cache_dir=out, corrections=path)
    write_lines(path, [{"op": "rename", "entity": "iran", "label": "Iran (state)"},
                       {"op": "add", "subject": "iran", "relation": "backs", "object": "hamas", "by": BY, "note": NOTE}])
    edited = build([DATA], cache_dir=out, corrections=path)
    assert entity(edited, "iran").label == "Iran (state)"
    again = build([DATA], cache_dir=out, corrections=path)  # nothing changed: the last result, report and all
    assert entity(again, "iran").label == "Iran (state)" and again.corrections == edited.corrections
    assert again.changes.is_empty and again.claims == edited.claims and any(c.by_hand for c in again.claims)
    assert again.graph.serialize(format="turtle") == edited.graph.serialize(format="turtle")
    path.unlink()
    plain = build([DATA], cache_dir=out)
    assert entity(plain, "iran").label == "Iran" and plain.corrections == ()


def test_corrections_lines_not_applied_are_reported_and_the_rest_applied(first, tmp_path):
    stale = claim_id(find_claim(first[1], FIRST, 6, "john-kirby", "officialOf", "national-security-council"))
    result = rebuild(first, tmp_path / "out", [
        "# comments and blank lines are no corrections",
        "",
        '{"op": "rename", "entity": "iran"',
        {"op": "rename", "entity": "iran", "label": "Islamic Republic of Iran"},
        {"op": "retype", "entity": "iran", "type": "Country"},
        {"op": "merg", "from": "ronstov", "into": "rostov"},
        {"op": "merge", "from": "national-security-council", "into": "white-house"},
        {"op": "reject", "claim": stale},
        {"op": "merge", "from": "hizbollah", "into": "hezbollah"},
        {"op": "add", "subject": "iran", "relation": "arms", "object": "hamas", "by": BY, "note": NOTE},
    ])
    assert [(o.line, o.op, o.status) for o in result.corrections] == [
        (3, "", INVALID), (4, "rename", APPLIED), (5, "retype", INVALID), (6, "", INVALID), (7, "merge", APPLIED),
        (8, "reject", NOT_MATCHED), (9, "merge", NOT_MATCHED), (10, "add", INVALID)]
    reasons = {o.line: o.reason for o in result.corrections}
    assert reasons[3].startswith("not JSON") and "unknown class 'Country'" in reasons[5]
    assert reasons[6].startswith("unknown op 'merg'") and reasons[8] == f"no claim {stale}"
    assert reasons[9] == "no entity hizbollah" and "unknown relation 'arms'" in reasons[10]
    assert entity(result, "iran").label == "Islamic Republic of Iran" and entity(result, "national-security-council") is None


def test_corrections_cli_reads_the_output_folders_file_and_prints_the_report(first, tmp_path):
    out = copy_of(first, tmp_path / "out")
    write_lines(out / CORRECTIONS_FILE, [{"op": "merge", "from": "ronstov", "into": "rostov"},
                                         {"op": "reject", "document": FIRST, "sentence": 99, "relation": "supplies"}])
    result = runner.invoke(app, ["build", str(DATA), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"corrections from {out / CORRECTIONS_FILE}" in result.output
    assert "corrections applied" in result.output and "corrections matching nothing" in result.output
    assert (f"correction matching nothing, line 2: reject: no claim of document {FIRST}, sentence 99, supplies"
            in result.output)
    assert "kge:ronstov" not in (out / "graph.ttl").read_text(encoding="utf-8")
    assert "merged 'ronstov' into 'rostov' by correction, line 1" in (out / "merge-log.txt").read_text(encoding="utf-8")


def test_corrections_cli_option_names_any_file(first, tmp_path):
    out = copy_of(first, tmp_path / "out")
    path = write_lines(tmp_path / "mine.jsonl", [{"op": "retype", "entity": "don", "type": "Place"},
                                                 {"op": "retype", "entity": "don", "type": "River"}])
    result = runner.invoke(app, ["build", str(DATA), "-o", str(out), "--corrections", str(path)])
    assert result.exit_code == 0, result.output
    assert "correction invalid, line 2: retype: unknown class 'River'" in result.output
    assert "kge:don a kgo:Place" in (out / "graph.ttl").read_text(encoding="utf-8")
    missing = runner.invoke(app, ["build", str(DATA), "-o", str(out), "--corrections", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 1 and "corrections file not found" in missing.output


@pytest.fixture(scope="module")
def written(corrected, tmp_path_factory):
    out = tmp_path_factory.mktemp("written")
    write_build(corrected["fresh"], out)
    return out


def hand_node(result):
    (hand,) = [c for c in result.claims if c.by_hand]
    return KGC[claim_id(hand)]


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_corrections_a_graph_with_a_hand_fact_validates(written, engine):
    report = validate_graph(written / "graph.ttl", engine=engine)
    assert report.conforms, [str(f) for f in report.violations]


def test_corrections_a_hand_facts_provenance_is_the_analyst_never_an_article(corrected, written):
    graph = Graph().parse(written / "graph.ttl")
    node = hand_node(corrected["fresh"])
    assert (node, RDF.type, KGO.Claim) in graph and (node, RDF.type, RDF.Statement) in graph
    assert graph.value(node, KGO.addedBy) == Literal(BY) and graph.value(node, RDFS.comment) == Literal(NOTE)
    assert str(graph.value(node, KGO.rule)) == "hand" and graph.value(node, KGO.confidence).toPython() == 1
    assert graph.value(node, DCTERMS.date).toPython().isoformat() == "2024-05-01"
    for prop in (PROV.wasDerivedFrom, DCTERMS.isPartOf, KGO.evidence, KGO.startChar):
        assert graph.value(node, prop) is None
    assert (KGE["wagner-group"], KGO.supplies, KGE.houthis) in graph
    edge = edge_iri("wagner-group", "supplies", "houthis")
    assert (graph.value(edge, KGO.sourceCount).toPython(), graph.value(edge, KGO.confidence).toPython()) == (1, 1)
    network = to_network(graph)
    data = network.edges["wagner-group", "houthis", "supplies"]
    assert (data["weight"], data["sources"], data["hand"], data["confidence"]) == (1, 1, 1, 1.0)
    (evidence,) = data["evidence"]
    assert (evidence.added_by, evidence.note, evidence.article, evidence.sentence) == (BY, NOTE, "", "")


def test_corrections_shapes_still_ask_an_article_claim_for_its_evidence(corrected, written, tmp_path):
    text = (written / "graph.ttl").read_text(encoding="utf-8")
    node = "kgc:" + str(hand_node(corrected["fresh"]))[len(str(KGC)):]
    cases = [
        (f"{node} a rdf:Statement", f"{node} prov:wasDerivedFrom kgd:{FIRST}\\/s\\/0 .\n{node} a rdf:Statement",
         "a fact added by hand is derived from no sentence"),
        ('    kgo:addedBy "J. Analyst" ;\n', "", "a claim is derived from exactly one sentence, or added by hand"),
        ("    kgo:evidence ", "    rdfs:seeAlso ", "a claim carries the text of its sentence"),
    ]
    for old, new, message in cases:
        assert old in text, old
        broken = tmp_path / "broken.ttl"
        broken.write_text(text.replace(old, new, 1), encoding="utf-8")
        for engine in ("oxigraph", "pyshacl"):
            report = validate_graph(broken, engine=engine)
            assert not report.conforms and any(message in f.message for f in report.violations), (engine, message)


def test_corrections_streamed_triples_hold_the_hand_fact_in_the_default_graph(corrected, written, tmp_path):
    result = corrected["fresh"]
    write_stream_build(result, tmp_path, "nt")
    write_stream_build(result, tmp_path, "nq")
    turtle = Graph().parse(written / "graph.ttl")
    assert isomorphic(Graph().parse(tmp_path / "graph.nt", format="nt"), turtle)
    dataset = Dataset()
    dataset.parse(tmp_path / "graph.nq", format="nquads")
    union = Graph()
    for s, p, o, _ in dataset.quads():
        union.add((s, p, o))
    assert isomorphic(union, turtle)
    node = hand_node(result)
    named = {str(g) for g in dataset.graphs() if (node, None, None) in g and g.identifier != dataset.default_graph.identifier}
    assert named == set() and (node, KGO.addedBy, Literal(BY)) in dataset.default_graph


def test_corrections_the_page_and_exports_carry_the_hand_fact(written):
    page = (written / "graph.html").read_text(encoding="utf-8")
    assert f'"added_by":"{BY}"' in page.replace(": ", ":") and NOTE in page
    for name in ("graph.jsonld", "graph.gexf", "graph.graphml"):
        assert "houthis" in (written / name).read_text(encoding="utf-8"), name


def test_corrections_readme_example_is_what_a_rebuild_reports(first, tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Corrections: what an analyst changes"):readme.index("## Bad input")]
    blocks = section.split("```\n")
    lines = next(b for b in blocks if b.startswith('{"op":"merge"')).splitlines()
    shown = next(b for b in blocks if b.startswith("$ kg build data/ -o out/")).splitlines()
    out = copy_of(first, tmp_path / "out")
    write_lines(out / CORRECTIONS_FILE, lines)
    result = runner.invoke(app, ["build", str(DATA), "-o", str(out)])
    assert result.exit_code == 0, result.output
    printed = [line for line in result.output.splitlines() if line.startswith("correction")]
    assert printed == [line.replace("out/", f"{out}/") for line in shown if line.startswith("correction")]
    for row in ("articles parsed", "articles whose claims were read", "corrections applied",
                "corrections matching nothing", "corrections invalid"):
        (expected,) = [line for line in shown if f"│ {row} " in line]
        assert expected in result.output, row
