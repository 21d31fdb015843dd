"""kg query: the named queries on the committed sample graph, both engines, the CLI's output and errors."""
from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.sparql.query import (find_query, load_rdflib, load_store, named_queries, rows_oxigraph, rows_rdflib,
                      run_query)

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "output" / "graph.ttl"
SAMPLE_PARAMS = {"about": {"entity": "Hezbollah"}, "timeline": {"relation": "supplies"}}
# GROUP_CONCAT's order is left open by SPARQL; the engines differ, so compare these as sets.
CONCATENATED = {"items", "modalities", "saidBy", "via"}
PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX kgo: <https://w3id.org/kg-news/ontology#> PREFIX kge: <https://w3id.org/kg-news/entity/>
"""

runner = CliRunner()


@pytest.fixture(scope="module")
def store():
    return load_store(GRAPH)


@pytest.fixture(scope="module")
def rdflib_graph():
    return load_rdflib(GRAPH)


def _select(store, name: str, **params) -> list[dict]:
    columns, rows = rows_oxigraph(store, find_query(name).text, params)
    return [dict(zip(columns, row)) for row in rows]


def _normalised(columns: list[str], rows: list[tuple]) -> list[tuple]:
    return [tuple(" | ".join(sorted(v.split(", "))) if c in CONCATENATED and v else _number_text(v)
                  for c, v in zip(columns, row)) for row in rows]


def _number_text(value):
    """A decimal as one text: Oxigraph writes the edge confidence 1.0 as "1", rdflib as "1.0"."""
    try:
        return str(Decimal(value).normalize()) if value and "." in value else value
    except (InvalidOperation, TypeError):
        return value


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_query_named_query_same_rows_on_rdflib(name, store, rdflib_graph):
    text, params = find_query(name).text, SAMPLE_PARAMS.get(name, {})
    ox_columns, ox_rows = rows_oxigraph(store, text, params)
    rl_columns, rl_rows = rows_rdflib(rdflib_graph, text, params)
    assert ox_columns == rl_columns
    assert _normalised(ox_columns, ox_rows) == _normalised(rl_columns, rl_rows)


def test_query_named_queries_are_described_ordered_and_declare_their_params():
    queries = named_queries()
    assert {"who-supplies-whom", "about", "corroboration", "disagreements", "timeline",
            "who-said-what"} <= set(queries)
    for query in queries.values():
        assert query.description and "ORDER BY" in query.text, query.name
        for param in query.params:
            assert f"?{param.name}" in query.text and param.help, (query.name, param.name)
        assert {p.name for p in query.params if p.default is None} == set(SAMPLE_PARAMS.get(query.name, {}))
        assert "min_confidence" in {p.name for p in query.params}, query.name  # every one lists relations


def test_query_who_supplies_whom_lists_wagner_to_hezbollah_with_items_and_dates(store):
    rows = _select(store, "who-supplies-whom")
    top = rows[0]
    assert (top["supplier"], top["recipient"]) == ("Wagner Group", "Hezbollah")
    assert {"Pantsir-S1", "30mm ammunition"} <= set(top["items"].split(", "))
    assert int(top["articles"]) == 5 and "Planned" in top["modalities"]
    assert (top["first"], top["last"]) == ("2023-11-03", "2024-07-24")
    assert [int(r["articles"]) for r in rows] == sorted((int(r["articles"]) for r in rows), reverse=True)


def test_query_about_matches_any_label_case_insensitively_or_the_slug(store):
    def claims(entity: str) -> set[str]:
        return {r["claim"] for r in _select(store, "about", entity=entity)}

    by_label = claims("Wagner Group")
    assert by_label and by_label == claims("wagner") == claims("PMC Wagner") == claims("wagner-group")
    rows = _select(store, "about", entity="Pantsir-S1")  # an item supplied
    assert rows and all("Pantsir-S1" in r["items"] for r in rows)
    assert claims("John Kirby") >= {r["claim"] for r in _select(store, "who-said-what")
                                     if r["speaker"] == "John Kirby"}


def test_query_params_are_bound_as_terms_not_pasted_into_the_text(store):
    hostile = 'x")) } SELECT * WHERE { ?s ?p ?o } #'
    assert _select(store, "about", entity=hostile) == []


def test_query_timeline_of_a_relation_by_name_or_label_in_date_order(store):
    rows = _select(store, "timeline", relation="supplies")
    assert len(rows) == 20 and {r["relation"] for r in rows} == {"supplies"}
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates) and rows[0]["date"] is None  # undated articles first
    assert len(_select(store, "timeline", relation="threatens sanctions")) == 3
    assert len(_select(store, "timeline", relation="THREATENSSANCTIONS")) == 3


def test_query_corroboration_ranks_the_best_attested_relation_first(store):
    rows = _select(store, "corroboration")
    assert (rows[0]["subject"], rows[0]["relation"], rows[0]["object"]) == ("Wagner Group", "supplies", "Hezbollah")
    assert int(rows[0]["sentences"]) >= int(rows[0]["articles"]) == 5


def test_query_who_said_what_credits_speakers(store):
    rows = _select(store, "who-said-what")
    kirby = [r for r in rows if r["speaker"] == "John Kirby"]
    assert any(r["relation"] == "directs" and r["subject"] == "Russia" for r in kirby)
    assert [r["speaker"] for r in rows] == sorted(r["speaker"] for r in rows)


def test_query_disagreements_pair_an_assertion_with_a_denial(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text("""
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix kgo: <https://w3id.org/kg-news/ontology#> .
        @prefix kge: <https://w3id.org/kg-news/entity/> .
        kge:a rdfs:label "Atlantis" . kge:b rdfs:label "Borduria" .
        kge:c1 a kgo:Claim ; rdf:subject kge:a ; rdf:predicate kgo:supplies ; rdf:object kge:b ;
             kgo:modality kgo:Asserted ; kgo:evidence "Atlantis sends Borduria arms." .
        kge:c2 a kgo:Claim ; rdf:subject kge:a ; rdf:predicate kgo:supplies ; rdf:object kge:b ;
             kgo:modality kgo:Negated ; kgo:evidence "Atlantis denied sending arms." .
        kge:c3 a kgo:Claim ; rdf:subject kge:b ; rdf:predicate kgo:attacks ; rdf:object kge:a ;
             kgo:modality kgo:Possible ; kgo:evidence "Borduria may attack." .
        """, encoding="utf-8")
    rows = _select(load_store(graph), "disagreements")
    assert rows == [{"subject": "Atlantis", "relation": "supplies", "object": "Borduria", "doubt": "Negated",
                     "asserted": "1", "doubted": "1", "assertedIn": "Atlantis sends Borduria arms.",
                     "doubtedIn": "Atlantis denied sending arms.", "min_confidence": None}]


def test_query_syntax_error_gives_the_position(store):
    with pytest.raises(QueryError, match=r"SPARQL syntax error at line 2, column \d+"):
        run_query(store, "SELECT ?x\nWHERE { ?x ?y }")


def test_query_update_is_refused(store):
    with pytest.raises(QueryError, match="Update is refused"):
        run_query(store, PREFIXES + "INSERT DATA { kge:a kgo:supplies kge:b }")
    assert not run_query(store, PREFIXES + "ASK { kge:a kgo:supplies kge:b }")


def _cli(*args: str):
    return runner.invoke(app, ["query", *args])


def test_query_cli_named_query_as_json_is_sparql_results_json():
    result = _cli(str(GRAPH), "--name", "about", "--param", "entity=Hezbollah", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["head"]["vars"][:3] == ["entity", "date", "subject"]
    first = data["results"]["bindings"][0]
    assert first["claim"]["type"] == "uri" and first["entity"] == {"type": "literal", "value": "Hezbollah"}


def test_query_cli_csv_tsv_and_table(tmp_path):
    query = tmp_path / "q.rq"
    query.write_text(PREFIXES + "SELECT ?s WHERE { ?s kgo:supplies kge:hezbollah } ORDER BY ?s\n")
    rows = list(csv.reader(io.StringIO(_cli(str(GRAPH), "--file", str(query), "--format", "csv").stdout)))
    assert rows == [["s"], ["https://w3id.org/kg-news/entity/wagner-group"]]
    tsv = _cli(str(GRAPH), "--file", str(query), "--format", "tsv").stdout
    assert tsv.split("\n")[:2] == ["?s", "<https://w3id.org/kg-news/entity/wagner-group>"]
    table = _cli(str(GRAPH), "--file", str(query))
    assert "kge:wagner-group" in table.stdout and "1 row" in table.stderr


def test_query_cli_list_shows_names_and_descriptions():
    result = _cli("--list")
    assert result.exit_code == 0
    for query in named_queries().values():
        assert query.name in result.stdout
    assert "Who supplies what to whom" in result.stdout and "--param entity=" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    ([str(GRAPH), "SELECT ?x WHERE { ?x ?y }"], "query: SPARQL syntax error at line 1, column"),
    ([str(GRAPH), "--name", "nope"], "unknown named query 'nope'; known: about, corroboration"),
    ([str(GRAPH), "--name", "about"], "needs --param entity="),
    ([str(GRAPH), "--name", "about", "-p", "entity=x", "-p", "colour=red"], "has no parameter 'colour'"),
    (["missing.ttl", "ASK {}"], "missing.ttl: graph file not found"),
    ([str(GRAPH), "DROP ALL"], "SPARQL Update is refused"),
    ([str(GRAPH), "ASK {}", "--format", "xlsx"], "unknown format 'xlsx'"),
    ([str(GRAPH), "SELECT ?s WHERE { ?s ?p ?x }", "-p", "x=1"], "does not contains variable ?x in its SELECT"),
    ([str(GRAPH), "ASK {}", "--name", "about"], "exactly one of QUERY, --file or --name"),
])
def test_query_cli_bad_input_is_one_line(args, message):
    result = _cli(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_query_cli_unparsable_graph_names_the_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    result = _cli(str(bad), "ASK {}")
    assert result.exit_code == 1 and f"{bad}: cannot parse as Turtle" in result.stderr
    assert "line 1" in result.stderr


def test_query_timeout_stops_a_runaway_query_with_one_line():
    import time

    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    result = runner.invoke(app, ["query", str(GRAPH), endless, "--timeout", "1"])
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    assert result.output.strip() == "kg: error: query stopped: it ran longer than the time limit of 1 s (--timeout)"


def test_query_timeout_leaves_a_quick_query_alone():
    result = runner.invoke(app, ["query", str(GRAPH), "ASK { ?s ?p ?o }", "--timeout", "30"])
    assert result.exit_code == 0 and result.stdout.strip() == "true"
