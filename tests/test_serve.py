"""kg serve: the real endpoint on a free local port, queried with SPARQLWrapper and with urllib."""
from __future__ import annotations

import csv
import io
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper
from rdflib import Graph

from kg.sparql.negotiate import GRAPH_TYPES, RESULT_TYPES, choose
from kg.sparql.query import uses_service
from kg.sparql.serve import WorkerPool

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "output" / "graph.ttl"
TRIPLES = str(len(Graph().parse(GRAPH)))  # what COUNT must answer on the committed sample graph
PREFIXES = ("PREFIX kgo: <https://w3id.org/kg-news/ontology#> "
            "PREFIX kge: <https://w3id.org/kg-news/entity/> ")
SUPPLIERS = PREFIXES + "SELECT ?s WHERE { ?s kgo:supplies kge:hezbollah } ORDER BY ?s"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
WAGNER = "https://w3id.org/kg-news/entity/wagner-group"


def _start(graph: Path, *options: str):
    """Run `kg serve` on a free port; return the process and its endpoint URL once it listens."""
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(graph), "--port", "0", *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    ready, _, _ = select.select([proc.stdout], [], [], 60)
    line = proc.stdout.readline() if ready else ""  # "serving GRAPH at URL (...)" once it listens
    if " at http://" not in line:
        proc.kill()
        raise AssertionError(f"kg serve did not start: {line}{proc.stderr.read()}")
    return proc, line.split(" at ")[1].split()[0]


def _stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def endpoint():
    proc, url = _start(GRAPH, "--timeout", "20")
    yield url
    _stop(proc)


def _request(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, content type, body) of a plain HTTP request; error statuses are returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read().decode("utf-8")


def _get(url: str, query: str, accept: str = "*/*"):
    return _request(f"{url}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept})


def test_serve_binds_localhost_by_default(endpoint):
    assert endpoint.startswith("http://127.0.0.1:") and endpoint.endswith("/sparql")


def test_serve_sparqlwrapper_json_and_post(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery(SUPPLIERS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [r["s"]["value"] for r in rows] == [WAGNER]
    client.setMethod(POST)
    assert client.query().convert()["results"]["bindings"] == rows


def test_serve_sparqlwrapper_xml_csv_tsv(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery(SUPPLIERS)
    client.setReturnFormat(XML)
    uris = [e.firstChild.data for e in client.query().convert().getElementsByTagName("uri")]
    assert uris == [WAGNER]
    client.setReturnFormat(CSV)
    assert client.query().convert().decode("utf-8").split() == ["s", WAGNER]
    client.setReturnFormat(TSV)
    assert client.query().convert().decode("utf-8").split() == ["?s", f"<{WAGNER}>"]


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv; charset=utf-8"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
])
def test_serve_content_negotiation_with_plain_http(endpoint, accept, media):
    status, content_type, body = _get(endpoint, COUNT, accept)
    assert (status, content_type) == (200, media)
    if media.startswith("application/sparql-results+json"):
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == TRIPLES
    elif "xml" in media:
        assert ET.fromstring(body).tag == "{http://www.w3.org/2005/sparql-results#}sparql"
    elif "csv" in media:
        assert list(csv.reader(io.StringIO(body))) == [["n"], [TRIPLES]]
    else:
        assert body.split("\n")[0] == "?n"


def test_serve_post_bodies_and_construct_as_turtle(endpoint):
    construct = PREFIXES + "CONSTRUCT { ?s kgo:supplies kge:hezbollah } WHERE { ?s kgo:supplies kge:hezbollah }"
    status, media, body = _request(endpoint, construct.encode(), {"Content-Type": "application/sparql-query",
                                                                  "Accept": "text/turtle"})
    assert (status, media) == (200, "text/turtle; charset=utf-8") and WAGNER in body
    form = urllib.parse.urlencode({"query": SUPPLIERS}).encode()
    status, _, body = _request(endpoint, form, {"Content-Type": "application/x-www-form-urlencoded",
                                                "Accept": "text/csv"})
    assert status == 200 and body.split() == ["s", WAGNER]


@pytest.mark.parametrize("how", ["get-update", "post-update-body", "post-update-form", "query-drop",
                                 "query-insert"])
def test_serve_refuses_update(endpoint, how):
    insert = PREFIXES + "INSERT DATA { kge:a kgo:supplies kge:b }"
    if how == "get-update":
        status, _, body = _request(f"{endpoint}?{urllib.parse.urlencode({'update': insert})}")
    elif how == "post-update-body":
        status, _, body = _request(endpoint, insert.encode(), {"Content-Type": "application/sparql-update"})
    elif how == "post-update-form":
        status, _, body = _request(endpoint, urllib.parse.urlencode({"update": insert}).encode(),
                                   {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = _get(endpoint, "DROP ALL" if how == "query-drop" else insert)
    assert status == 403 and "SPARQL Update is refused" in body
    assert json.loads(_get(endpoint, COUNT)[2])["results"]["bindings"][0]["n"]["value"] == TRIPLES


def test_serve_sparqlwrapper_update_is_refused(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery(PREFIXES + "DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(urllib.error.HTTPError) as err:
        client.query()
    assert err.value.code == 403


@pytest.mark.parametrize(("args", "status", "message"), [
    (("SELECT ?x WHERE { ?x ?y }",), 400, "SPARQL syntax error at line 1, column"),
    ((SUPPLIERS, "image/png"), 406, "available: application/sparql-results+json"),
])
def test_serve_bad_requests_say_what_is_wrong(endpoint, args, status, message):
    got, _, body = _get(endpoint, *args)
    assert got == status and message in body


def test_serve_wrong_path_and_method(endpoint):
    assert _request(endpoint.replace("/sparql", "/admin"))[0] == 404
    assert _request(endpoint, b"x", method="PUT")[0] == 405


def test_serve_stops_a_query_over_the_time_limit_and_keeps_serving(tmp_path):
    graph = tmp_path / "big.ttl"
    graph.write_text("".join(f"<urn:n{i}> <urn:p> <urn:n{i + 1}> .\n" for i in range(2000)), encoding="utf-8")
    proc, url = _start(graph, "--timeout", "1")
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        started = time.monotonic()
        status, _, body = _get(url, slow)
        assert status == 503 and "ran longer than the time limit of 1 s" in body
        assert time.monotonic() - started < 15
        status, _, body = _get(url, COUNT)  # a fresh worker answers the next query
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "2000"
    finally:
        _stop(proc)


def test_serve_answers_cheap_queries_while_runaways_are_stopped(tmp_path):
    """A runaway moves out of the lane of cheap queries once it has run half a second; the one
    worker for cheap queries is replaced at once, so cheap queries are answered while the
    runaway still runs, and a second runaway finding the long lane full is stopped early."""
    graph = tmp_path / "chain.ttl"
    graph.write_text("".join(f"<urn:n{i}> <urn:p> <urn:n{i + 1}> .\n" for i in range(2000)), encoding="utf-8")
    proc, url = _start(graph, "--workers", "1", "--long-queries", "1", "--timeout", "20")
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    try:
        first: list = []
        thread = threading.Thread(target=lambda: first.append(_get(url, runaway)))
        thread.start()
        time.sleep(2)  # past the lane of cheap queries: the runaway is in the long lane now
        status, _, body = _get(url, runaway)  # the long lane is full: stopped without waiting
        assert status == 503 and "the lane of long queries is full (1 running)" in body
        assert thread.is_alive()
        for _ in range(3):
            status, _, body = _get(url, COUNT)
            assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "2000"
            assert thread.is_alive()  # answered while the runaway still holds its worker
            time.sleep(0.5)
        thread.join(60)
        assert first[0][0] == 503 and "ran longer than the time limit of 20 s" in first[0][2]
        assert _get(url, COUNT)[0] == 200
    finally:
        _stop(proc)


def test_serve_missing_graph_fails_at_start(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "serve", str(tmp_path / "none.ttl"), "--port", "0"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1 and result.stderr.strip() == f"kg: error: {tmp_path / 'none.ttl'}: graph file not found"


def test_serve_negotiation_prefers_specific_types_and_q_values():
    assert choose("", RESULT_TYPES) == "application/sparql-results+json"
    assert choose("text/*;q=0.8, */*;q=0.1", RESULT_TYPES) == "text/csv"
    assert choose("application/sparql-results+json;q=0", RESULT_TYPES) is None
    assert choose("application/n-triples, text/turtle;q=0.5", GRAPH_TYPES) == "application/n-triples"


def test_serve_a_dead_worker_is_replaced():
    pool = WorkerPool(GRAPH, size=1, timeout=20)
    try:
        os.kill(pool._idle.queue[0].pid, signal.SIGKILL)
        assert pool.run(COUNT, "text/csv").status == 500
        reply = pool.run(COUNT, "text/csv")
        assert (reply.status, reply.body.split()) == (200, [b"n", TRIPLES.encode()])
    finally:
        pool.close()


def test_serve_refuses_service_so_it_never_calls_other_servers(endpoint):
    federated = "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?x } } }"
    status, _, body = _get(endpoint, federated)
    assert status == 403 and "SERVICE is refused" in body
    assert uses_service("SELECT * WHERE { SERVICE SILENT <http://x.example/> { ?s ?p ?o } }")
    assert not uses_service(SUPPLIERS) and not uses_service("SELECT ?service WHERE { ?service ?p ?o }")
