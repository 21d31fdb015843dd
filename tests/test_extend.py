"""Extending kg as data, as the README's recipe says: a copy of ontology/ with a relation added (kg.ttl,
a frame, a lexicon entry, a named query), given with --ontology to every command that reads it."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest.datafiles import read_json
from kg.extract.rules import _FRAME_KEYS, _RULE_KEYS, AGENT_ROLES, NOUN_PATHS, OBJECT_ROLES, VERB_PATHS
from kg.ontology import DEFAULT_ONTOLOGY_DIR

runner = CliRunner()
RULES = DEFAULT_ONTOLOGY_DIR / "rules"


def _header(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("//"), f"{path.name} does not begin with a // header"
    return "\n".join(line for line in lines if line.lstrip().startswith("//"))


def _undocumented(header: str, keys) -> list[str]:
    return sorted(k for k in keys if not re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", header))


def test_every_rules_file_documents_every_key_in_its_header():
    """frames.jsonl, relations.jsonl and lexicon.json each begin with a // header naming every key."""
    frames = _header(RULES / "frames.jsonl")
    assert _undocumented(frames, (_FRAME_KEYS - {"_comment"}) | set(AGENT_ROLES + OBJECT_ROLES)
                         | set(VERB_PATHS) | NOUN_PATHS) == []
    relations = _header(RULES / "relations.jsonl")
    forms = {"compound", "relnoun", "under", "pair", "receive"}
    assert _undocumented(relations, _RULE_KEYS | forms | {"forward", "reverse", "holder", "owner", "users"}) == []
    lexicon = _header(RULES / "lexicon.json")
    assert _undocumented(lexicon, read_json(RULES / "lexicon.json")) == []


def test_lexicon_comment_lines_keep_error_line_numbers(tmp_path):
    from kg.errors import OntologyError

    broken = tmp_path / "lexicon.json"
    broken.write_text('// a header\n// on two lines\n{\n  "a": [1,\n}\n', encoding="utf-8")
    with pytest.raises(OntologyError, match=r"lexicon.json:5: invalid JSON"):
        read_json(broken)
    (tmp_path / "ok.json").write_text('// a header\n{"url": "https://example.org/x"}\n', encoding="utf-8")
    assert read_json(tmp_path / "ok.json") == {"url": "https://example.org/x"}


# The README's recipe: declare the relation in kg.ttl, add a frame, the nouns of its verb to the
# lexicon's derivations, and a named query that reads it.
RELATION = """
kgo:controls a owl:ObjectProperty, kgo:Relation ;
    rdfs:label "controls"@en ;
    rdfs:comment "The subject, an armed group or a state, holds the object, a place, by force."@en ;
    rdfs:domain [ a owl:Class ; owl:unionOf ( kgo:ArmedGroup kgo:State ) ] ;
    rdfs:range kgo:Place .
"""
FRAME = {"id": "controls", "relation": "controls", "verbs": ["occupy"],
         "roles": {"agent": ["poss", "noun.prep:by"], "patient": ["object", "noun.prep:of"]}}
QUERY = """# Who controls which place: each controls claim's ends, with the number of articles that state it.
PREFIX kgo: <https://w3id.org/kg-news/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?holder ?place (COUNT(DISTINCT ?article) AS ?articles) WHERE {
    ?claim rdf:predicate kgo:controls ; rdf:subject ?s ; rdf:object ?o ; dcterms:isPartOf ?article .
    ?s rdfs:label ?holder .
    ?o rdfs:label ?place .
} GROUP BY ?holder ?place ORDER BY ?holder ?place
"""
# Sentences written for this test.
ARTICLES = {
    "coast.json": {"title": "Checkpoints on the coast road", "date": "2024-03-04",
                   "text": "The Wagner Group occupied Rafah in March, according to a monitoring group. "
                           "Residents described checkpoints on every road out of town."},
    "winter.json": {"title": "A long winter", "date": "2024-03-05",
                    "text": "Russia's occupation of Gaza City has lasted for months, local officials said on "
                            "Monday. Iran supplied drones to Hezbollah last year."},
}


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """(ontology copy, output folder) of a build with the copy, which declares kgo:controls."""
    root = tmp_path_factory.mktemp("extend")
    ontology = root / "my-ontology"
    shutil.copytree(DEFAULT_ONTOLOGY_DIR, ontology)
    with (ontology / "kg.ttl").open("a", encoding="utf-8") as handle:
        handle.write(RELATION)
    with (ontology / "rules" / "frames.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(FRAME) + "\n")
    lexicon = ontology / "rules" / "lexicon.json"
    text = lexicon.read_text(encoding="utf-8")
    assert text.count('"derivations": {\n') == 1
    lexicon.write_text(text.replace('"derivations": {\n', '"derivations": {\n    "occupy": ["occupation"],\n'),
                       encoding="utf-8")
    (ontology / "queries" / "who-controls-what.rq").write_text(QUERY, encoding="utf-8")
    articles = root / "articles"
    articles.mkdir()
    for name, article in ARTICLES.items():
        (articles / name).write_text(json.dumps(article), encoding="utf-8")
    out = root / "out"
    done = runner.invoke(app, ["build", str(articles), "--out", str(out), "--ontology", str(ontology),
                               "--workers", "1", "--no-cache"])
    assert done.exit_code == 0, done.output
    return ontology, out


def test_extend_the_build_states_the_new_relation(extended):
    from rdflib import RDF, Graph

    from kg.ontology import KGE, KGO

    _, out = extended
    graph = Graph().parse(out / "graph.ttl")
    assert set(graph.subject_objects(KGO.controls)) == {(KGE["wagner-group"], KGE.rafah),
                                                      (KGE.russia, KGE["gaza-city"])}
    claims = {(graph.value(c, RDF.subject), graph.value(c, RDF.object))
              for c in graph.subjects(RDF.predicate, KGO.controls)}
    assert claims == {(KGE["wagner-group"], KGE.rafah), (KGE.russia, KGE["gaza-city"])}


def test_extend_validate_with_the_ontology_conforms(extended):
    ontology, out = extended
    graph = str(out / "graph.ttl")
    done = runner.invoke(app, ["validate", graph, "--ontology", str(ontology)])
    assert done.exit_code == 0, done.output
    assert done.stdout.strip().splitlines()[-1] == f"{graph}: conforms"
    # against the shipped ontology, the new claims are not of a relation it knows
    shipped = runner.invoke(app, ["validate", graph])
    assert shipped.exit_code == 1 and "a relation of the ontology" in shipped.stdout


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_extend_validate_checks_the_new_relation_s_domain_and_range(extended, tmp_path, engine):
    """No shape names kgo:controls: the edge shape reads its domain and range from the copy's kg.ttl."""
    from kg.sparql.validate import validate_graph

    ontology, out = extended
    broken = tmp_path / "graph.ttl"
    broken.write_text((out / "graph.ttl").read_text(encoding="utf-8") + "kge:rafah kgo:controls kge:iran .\n",
                      encoding="utf-8")
    found = {str(f) for f in validate_graph(broken, ontology_dir=ontology, engine=engine).violations}
    assert found == {
        "Violation: kgo:controls: the subject of a controls edge, rafah, has a class that kg.ttl does not allow there",
        "Violation: kgo:controls: the object of a controls edge, iran, has a class that kg.ttl does not allow there"}


def test_extend_named_query_of_the_copy(extended):
    ontology, out = extended
    listed = runner.invoke(app, ["query", "--list", "--ontology", str(ontology)])
    assert listed.exit_code == 0, listed.output
    assert re.search(r"^who-controls-what +Who controls which place", listed.stdout, flags=re.M)
    done = runner.invoke(app, ["query", str(out / "graph.ttl"), "--ontology", str(ontology),
                               "--name", "who-controls-what", "--format", "csv"])
    assert done.exit_code == 0, done.output
    assert done.stdout.replace("\r\n", "\n").splitlines() == [
        "holder,place,articles", "Russia,Gaza City,1", "Wagner Group,Rafah,1"]


def test_extend_page_and_gexf_carry_the_new_relation(extended):
    import networkx as nx

    _, out = extended
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "wagner-group.controls.rafah" in page and "russia.controls.gaza-city" in page
    gexf = nx.read_gexf(out / "graph.gexf")
    edges = {(s, d["relation"], o) for s, o, d in gexf.edges(data=True)}
    assert {("wagner-group", "controls", "rafah"), ("russia", "controls", "gaza-city")} <= edges


def test_extend_score_a_gold_file_that_names_the_new_relation(extended, tmp_path):
    ontology, out = extended
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"facts": [
        {"s": "Wagner Group", "r": "controls", "o": "Rafah", "docs": ["coast"]},
        {"s": "Russia", "r": "controls", "o": "Gaza City", "docs": ["winter"]},
        {"s": "Iran", "r": "supplies", "o": "Hezbollah", "docs": ["winter"]}]}), encoding="utf-8")
    args = ["score", str(out / "graph.ttl"), "--gold", str(gold), "--format", "json"]
    shipped = runner.invoke(app, args)
    assert shipped.exit_code == 1 and "controls" in shipped.stderr
    done = runner.invoke(app, [*args, "--ontology", str(ontology)])
    assert done.exit_code == 0, done.output
    figures = json.loads(done.stdout)
    assert (figures["relation_precision"], figures["relation_recall"]) == (1.0, 1.0), figures


def test_extend_an_ontology_folder_that_is_not_there_is_named(tmp_path):
    missing = tmp_path / "nowhere"
    for args in (["query", "--list"], ["validate", "graph.ttl"], ["score", "graph.ttl", "--gold", "gold.json"]):
        done = runner.invoke(app, [*args, "--ontology", str(missing)])
        assert done.exit_code == 1
        assert f"kg: error: {missing}: ontology folder not found" in done.stderr
