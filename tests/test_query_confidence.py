"""Ask by confidence (issue 20): named queries take --param min_confidence, corroboration ranks by it.

The graphs are written by hand, with edge nodes as the graph contract of issue 20 has them: one
``kgc:edge-<sha1("s|p|o")[:16]>`` per direct edge, typed ``kgo:Edge`` and ``rdf:Statement``, with
``rdf:subject``, ``rdf:predicate``, ``rdf:object``, ``kgo:confidence`` and ``kgo:sourceCount``.
"""
from __future__ import annotations

import hashlib
import json
import math
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.sparql.query import find_query, load_rdflib, load_store, named_queries, parse_params, rows_oxigraph, rows_rdflib

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

PREFIXES = """
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix kgo: <https://w3id.org/kg-news/ontology#> .
@prefix kge: <https://w3id.org/kg-news/entity/> .
@prefix kgd: <https://w3id.org/kg-news/doc/> .
@prefix kgc: <https://w3id.org/kg-news/claim/> .
"""
ENTITIES = """
kge:atlantis rdfs:label "Atlantis" . kge:borduria rdfs:label "Borduria" . kge:cordova rdfs:label "Cordova" .
kge:spokesman rdfs:label "Spokesman" .
kgd:d1 a kgo:Article ; dcterms:title "One" . kgd:d2 a kgo:Article ; dcterms:title "Two" .
kgd:d3 a kgo:Article ; dcterms:title "Three" . kgd:d4 a kgo:Article ; dcterms:title "Four" .
"""
# (claim, subject, relation, object, modality, document, confidence, speaker)
CLAIMS = [
    # Atlantis supplies Borduria: three articles, each unsure; with a doubt
    ("c1", "atlantis", "supplies", "borduria", "Asserted", "d1", 0.2, "spokesman"),
    ("c2", "atlantis", "supplies", "borduria", "Asserted", "d2", 0.2, None),
    ("c3", "atlantis", "supplies", "borduria", "Asserted", "d3", 0.21875, None),
    ("c4", "atlantis", "supplies", "borduria", "Possible", "d1", 0.1, None),
    # Cordova supplies Borduria: one sure article, and a denial in another (it adds nothing)
    ("c5", "cordova", "supplies", "borduria", "Asserted", "d4", 0.95, "spokesman"),
    ("c6", "cordova", "supplies", "borduria", "Negated", "d2", 0.9, None),
    # Borduria attacks Atlantis: only denied, so no direct edge and no edge node
    ("c7", "borduria", "attacks", "atlantis", "Negated", "d1", 0.8, "spokesman"),
]
HIGH, LOW, DENIED = ("Cordova", "supplies", "Borduria"), ("Atlantis", "supplies", "Borduria"), \
    ("Borduria", "attacks", "Atlantis")


def edge_confidence(confidences_by_story: dict[str, list[float]]) -> float:
    """The contract's formula (kg/graph/confidence.py on the builder's branch), copied."""
    return round(1 - math.prod(1 - max(c) for c in confidences_by_story.values()), 3)


def _edges() -> dict[tuple[str, str, str], dict[str, list[float]]]:
    edges: dict[tuple[str, str, str], dict[str, list[float]]] = {}
    for _, s, p, o, modality, doc, confidence, _ in CLAIMS:
        if modality != "Negated":
            edges.setdefault((s, p, o), {}).setdefault(doc, []).append(confidence)
    return edges


def graph_text(with_edges: bool = True) -> str:
    lines = [PREFIXES, ENTITIES]
    for claim, s, p, o, modality, doc, confidence, speaker in CLAIMS:
        said = f" ; kgo:attributedTo kge:{speaker}" if speaker else ""
        lines.append(f"kgc:{claim} a kgo:Claim, rdf:Statement ; rdf:subject kge:{s} ; rdf:predicate kgo:{p} ; "
                     f"rdf:object kge:{o} ; kgo:modality kgo:{modality} ; dcterms:isPartOf kgd:{doc} ; "
                     f'kgo:evidence "{claim}: {s} {p} {o}" ; kgo:confidence {confidence}{said} .')
    for (s, p, o), stories in _edges().items():
        lines.append(f"kge:{s} kgo:{p} kge:{o} .")
        if with_edges:
            node = "edge-" + hashlib.sha1(f"{s}|{p}|{o}".encode()).hexdigest()[:16]
            lines.append(f"kgc:{node} a kgo:Edge, rdf:Statement ; rdf:subject kge:{s} ; rdf:predicate kgo:{p} ; "
                         f'rdf:object kge:{o} ; kgo:confidence "{edge_confidence(stories)}"^^xsd:decimal ; '
                         f"kgo:sourceCount {len(stories)} .")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("confidence") / "graph.ttl"
    path.write_text(graph_text(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def old_graph_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("old") / "graph.ttl"
    path.write_text(graph_text(with_edges=False), encoding="utf-8")
    return path


def _select(path: Path, name: str, *pairs: str) -> list[dict]:
    query = find_query(name)
    columns, rows = rows_oxigraph(load_store(path), query.text, parse_params(list(pairs), query))
    return [dict(zip(columns, row)) for row in rows]


def _triples(rows: list[dict], subject="subject", obj="object", relation="relation") -> list[tuple]:
    return [(r[subject], r.get(relation, "supplies"), r[obj]) for r in rows]


def test_the_hand_written_edges_are_at_095_and_05():
    assert {k: edge_confidence(v) for k, v in _edges().items()} == {
        ("atlantis", "supplies", "borduria"): 0.5, ("cordova", "supplies", "borduria"): 0.95}


def test_corroboration_keeps_the_relations_at_or_over_min_confidence(graph_file):
    assert _triples(_select(graph_file, "corroboration", "min_confidence=0.8")) == [HIGH]
    assert _triples(_select(graph_file, "corroboration", "min_confidence=0.5")) == [HIGH, LOW]  # at least
    assert _select(graph_file, "corroboration", "min_confidence=1") == []


def test_corroboration_ranks_by_edge_confidence_first_and_shows_it(graph_file):
    rows = _select(graph_file, "corroboration")
    # Atlantis -> Borduria is in more articles (3 against 2), yet ranks under the surer edge;
    # the relation only denied has no edge node: no confidence, last.
    assert _triples(rows) == [HIGH, LOW, DENIED]
    assert [(r["confidence"], r["articles"]) for r in rows] == [("0.95", "2"), ("0.5", "3"), (None, "1")]
    assert rows == _select(graph_file, "corroboration", "min_confidence=0")  # the default is 0


def test_corroboration_on_a_graph_without_edge_nodes_ranks_as_before(old_graph_file):
    rows = _select(old_graph_file, "corroboration")
    assert _triples(rows) == [LOW, HIGH, DENIED]  # by articles, then sentences, as before issue 20
    assert {r["confidence"] for r in rows} == {None}
    assert _select(old_graph_file, "corroboration", "min_confidence=0.8") == []


# Each query that lists relations, with what it returns for a graph's four relations' claims.
CASES = {
    "about": (["entity=Borduria"], lambda r: (r["subject"], r["relation"], r["object"])),
    "timeline": (["relation=supplies"], lambda r: (r["subject"], "supplies", r["object"])),
    "who-said-what": ([], lambda r: (r["subject"], r["relation"], r["object"])),
    "who-supplies-whom": ([], lambda r: (r["supplier"], "supplies", r["recipient"])),
    "disagreements": ([], lambda r: (r["subject"], r["relation"], r["object"])),
    "corroboration": ([], lambda r: (r["subject"], r["relation"], r["object"])),
}
EXPECTED_ALL = {
    "about": {HIGH, LOW, DENIED}, "timeline": {HIGH, LOW}, "who-said-what": {HIGH, LOW, DENIED},
    "who-supplies-whom": {HIGH, LOW}, "disagreements": {HIGH, LOW}, "corroboration": {HIGH, LOW, DENIED},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_named_query_listing_relations_takes_min_confidence(name, graph_file, old_graph_file):
    assert set(CASES) == set(named_queries())  # a new named query is added here too
    pairs, relation = CASES[name]
    everything = _select(graph_file, name, *pairs)
    assert {relation(r) for r in everything} == EXPECTED_ALL[name]
    assert _select(graph_file, name, *pairs, "min_confidence=0") == everything
    assert {relation(r) for r in _select(graph_file, name, *pairs, "min_confidence=0.8")} == {HIGH}
    assert {relation(r) for r in _select(graph_file, name, *pairs, "min_confidence=0.96")} == set()
    # a graph written before edge nodes: the same rows at 0 (bar corroboration's order), none above
    old = _select(old_graph_file, name, *pairs)
    key = (lambda rows: sorted(map(str, rows))) if name == "corroboration" else (lambda rows: rows)
    assert key([{k: v for k, v in r.items() if k != "confidence"} for r in old]) == \
        key([{k: v for k, v in r.items() if k != "confidence"} for r in everything])
    assert _select(old_graph_file, name, *pairs, "min_confidence=0.8") == []


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("minimum", ["0", "0.8"])
def test_min_confidence_gives_the_same_rows_on_rdflib(name, minimum, graph_file):
    query = find_query(name)
    params = parse_params([*CASES[name][0], f"min_confidence={minimum}"], query)
    ox_columns, ox_rows = rows_oxigraph(load_store(graph_file), query.text, params)
    rl_columns, rl_rows = rows_rdflib(load_rdflib(graph_file), query.text, params)
    assert ox_columns == rl_columns
    normalised = [[tuple(sorted(v.split(", "))) if c in {"modalities", "items"} and v else v
                   for c, v in zip(ox_columns, row)] for row in ox_rows], \
                 [[tuple(sorted(v.split(", "))) if c in {"modalities", "items"} and v else v
                   for c, v in zip(rl_columns, row)] for row in rl_rows]
    assert normalised[0] == normalised[1] and ox_rows


def test_min_confidence_is_filled_in_and_checked_before_the_query_runs():
    query = find_query("corroboration")
    assert parse_params([], query) == {"min_confidence": "0"}
    assert parse_params(["min_confidence= 0.80 "], query) == {"min_confidence": "0.80"}
    for bad in ("high", "1.5", "-0.1", "1e-1", "NaN", "INF", "", "0.8) || true || (", '0.8"^^xsd:string'):
        with pytest.raises(QueryError, match=r"expected a decimal number from 0 to 1, such as 0\.5$"):
            parse_params([f"min_confidence={bad}"], query)


def _cli(*args: str):
    return runner.invoke(app, ["query", *args])


def test_cli_corroboration_shows_the_confidence_column_and_keeps_the_sure_edge(graph_file):
    result = runner.invoke(app, ["query", str(graph_file), "--name", "corroboration", "--param",
                                 "min_confidence=0.8"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    header = [c.strip() for c in result.stdout.splitlines()[1].strip("┃").split("┃")]
    assert header == ["subject", "relation", "object", "confidence", "articles", "sentences", "sources",
                      "modalities"]  # the table leaves out the parameter
    assert "Cordova" in result.stdout and "0.95" in result.stdout and "Atlantis" not in result.stdout
    assert "1 row" in result.stderr
    csv = _cli(str(graph_file), "--name", "corroboration", "-p", "min_confidence=0.8", "--format", "csv").stdout
    header, *rows = csv.splitlines()
    assert header == "subject,relation,object,confidence,articles,sentences,sources,modalities,min_confidence"
    assert len(rows) == 1 and rows[0].startswith("Cordova,supplies,Borduria,0.95,2,2,1,") and rows[0].endswith(",0.8")
    data = json.loads(_cli(str(graph_file), "--name", "corroboration", "--format", "json").stdout)
    bindings = data["results"]["bindings"]
    assert [b["confidence"]["datatype"] for b in bindings[:2]] == ["http://www.w3.org/2001/XMLSchema#decimal"] * 2
    assert {b["min_confidence"]["value"] for b in bindings} == {"0"}  # csv and json say what was asked


@pytest.mark.parametrize("value", ["high", "1.5", "-1", "1e-3"])
def test_cli_refuses_a_bad_min_confidence_in_one_line(graph_file, value):
    result = _cli(str(graph_file), "--name", "who-supplies-whom", "--param", f"min_confidence={value}")
    assert result.exit_code == 1
    assert result.stderr == (f"kg: error: --param min_confidence={value!r}: expected a decimal number "
                             "from 0 to 1, such as 0.5\n")


def test_cli_list_shows_min_confidence():
    result = _cli("--list")
    assert result.exit_code == 0
    corroboration = next(line for line in result.stdout.splitlines() if line.startswith("corroboration"))
    assert corroboration.endswith("[--param min_confidence=0..1]")


def test_a_param_declaration_kg_cannot_read_names_the_file(tmp_path, graph_file):
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    query = ontology / "queries" / "corroboration.rq"
    query.write_text(query.read_text(encoding="utf-8").replace("[decimal 0..1, default 0]", "[number 0..1]"),
                     encoding="utf-8")
    result = _cli(str(graph_file), "--name", "about", "-p", "entity=x", "--ontology", str(ontology))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert f"{query}: # param: min_confidence: cannot read 'number 0..1'" in result.stderr
