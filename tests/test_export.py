"""Exporters: the name -> writer table, GEXF, GraphML, JSON-LD, N-Triples and `kg export`."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from conftest import require
from kg.cli import app
from kg.errors import ExportError
from kg.export import WRITERS, export, to_network
from kg.export.gexf import gexf_bytes
from kg.export.graphml import graphml_bytes
from kg.export.html import render_page
from kg.export.jsonld import jsonld_bytes
from kg.export.network import EDGE_FIELDS, NODE_FIELDS, flat_view
from kg.ontology import KGO
from kg.sparql.inspect import read_graph

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "output" / "graph.ttl"
GEXF_SCHEMA = ROOT.parent / "shared" / "schemas" / "gexf-1.3" / "gexf.rng"

runner = CliRunner()


@pytest.fixture(scope="module")
def sample():
    return read_graph(SAMPLE)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_export_every_writer_writes_the_same_bytes_twice(sample, fmt, tmp_path):
    first = export(sample, fmt, tmp_path / f"a.{fmt}")
    second = export(read_graph(SAMPLE), fmt, tmp_path / f"b.{fmt}")
    assert first.stat().st_size > 1000
    assert first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"a.{fmt}", f"b.{fmt}"]  # no temp file left


def test_export_unknown_format_lists_the_known_ones(sample, tmp_path):
    with pytest.raises(ExportError, match="unknown export format 'pdf'; known: gexf, graphml, html, jsonld, nt"):
        export(sample, "pdf", tmp_path / "g.pdf")


def test_export_network_counts_and_attributes(sample):
    network = to_network(sample)
    entities = set(sample.subjects(KGO.mentionCount, None))
    assert network.number_of_nodes() == len(entities)
    supplies = network.edges["wagner-group", "hezbollah", "supplies"]
    assert supplies["weight"] >= 2 and supplies["claims"] >= supplies["weight"]
    assert "Planned" in supplies["modality"].split(",")
    assert supplies["first_date"] <= supplies["last_date"]
    assert any("Kirby" in e.speaker for e in supplies["evidence"])
    assert network.nodes["russia"]["class"] == "State" and network.nodes["russia"]["mentions"] > 10


def test_export_network_keeps_denied_edges_marked(hostile_graph):
    from rdflib import URIRef

    graph = Graph()
    for triple in hostile_graph:
        graph.add(triple)
    claim = URIRef("https://w3id.org/kg-news/claim/c1")
    graph.set((claim, KGO.modality, KGO.Negated))
    graph.remove((None, KGO.supplies, None))  # the contract: no direct edge when all is denied
    edge = to_network(graph).edges["acme-arms", "red-brigade", "supplies"]
    assert edge["modality"] == "Negated" and edge["weight"] == 1


def _validate_gexf(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["xmllint", "--noout", "--relaxng", str(GEXF_SCHEMA), str(path)],
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_export_gexf_validates_against_the_official_schema(sample, hostile_graph, which, tmp_path):
    require(shutil.which("xmllint") is not None and GEXF_SCHEMA.is_file(),
            "xmllint (Debian libxml2-utils) or the GEXF 1.3 schema (in ../shared/schemas)")
    path = tmp_path / "graph.gexf"
    path.write_bytes(gexf_bytes(sample if which == "sample" else hostile_graph))
    result = _validate_gexf(path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "validates" in result.stderr


def test_export_gexf_round_trips_through_networkx(sample, tmp_path):
    path = tmp_path / "graph.gexf"
    path.write_bytes(gexf_bytes(sample))
    read = nx.read_gexf(path, version="1.3")
    network = to_network(sample)
    assert read.graph["mode"] == "dynamic"
    assert sorted(read.nodes) == sorted(network.nodes)
    for node, data in network.nodes(data=True):
        got = read.nodes[node]
        assert {k: got.get(k) for k in NODE_FIELDS if k in data} == {k: data[k] for k in NODE_FIELDS if k in data}
        assert got["viz"]["size"] > 0 and set(got["viz"]["color"]) >= {"r", "g", "b"}
    assert read.number_of_edges() == network.number_of_edges()
    for source, target, data in read.edges(data=True):
        expected = network.edges[source, target, data["relation"]]
        assert data["weight"] == expected["weight"] and data["claims"] == expected["claims"]
        assert data["modality"] == expected["modality"]
        if "first_date" in expected:
            assert data["spells"] == [(expected["first_date"], expected["last_date"])]


def test_export_gexf_has_no_timestamp_or_empty_name(sample):
    text = gexf_bytes(sample).decode("utf-8")
    assert "lastmodifieddate" not in text and 'name=""' not in text and "xsi:" not in text


def test_export_graphml_reads_back_into_an_equal_graph(sample, tmp_path):
    path = tmp_path / "graph.graphml"
    path.write_bytes(graphml_bytes(sample))
    read = nx.read_graphml(path)
    assert read.graph == {"node_default": {}, "edge_default": {}}
    read.graph.clear()
    expected = flat_view(to_network(sample))
    assert nx.utils.graphs_equal(read, expected)
    data = next(iter(read.edges(data=True)))[2]
    assert {type(data[k]) for k in ("weight", "confidence", "relation")} == {int, float, str}


def test_export_graphml_declares_typed_keys(sample):
    text = graphml_bytes(sample).decode("utf-8")
    for name, kind in {**NODE_FIELDS, **EDGE_FIELDS}.items():
        xml_type = {str: "string", int: "long", float: "double"}[kind]
        assert re.search(rf'attr\.name="{name}" attr\.type="{xml_type}"', text), name


def test_export_jsonld_is_isomorphic_to_the_turtle(sample):
    data = jsonld_bytes(sample)
    assert isomorphic(Graph().parse(data=data, format="json-ld"), sample)
    document = json.loads(data)
    context = document["@context"]
    assert context["supplies"] == {"@id": "kgo:supplies", "@type": "@id"}
    assert context["mentionCount"]["@id"] == "kgo:mentionCount" and context["Claim"] == "kgo:Claim"
    russia = next(n for n in document["@graph"] if n["@id"] == "kge:russia")
    assert russia["@type"] == "State" and russia["label"] == "Russia"


def test_export_jsonld_keeps_hostile_text_exact(hostile_graph):
    assert isomorphic(Graph().parse(data=jsonld_bytes(hostile_graph), format="json-ld"), hostile_graph)


def test_export_html_puts_no_markup_from_articles_in_the_page(hostile_graph):
    page = render_page(to_network(hostile_graph))
    assert "__pwned" in page  # the text is there, escaped
    assert "<img" not in page and "</script><script>" not in page and "<b>Red" not in page
    assert "\u2028" not in page
    assert not re.search(r"<(link|img|iframe)\b|\b(src|href)=\"?https?:", page)


def test_export_html_inlines_everything(sample):
    page = render_page(to_network(sample))
    assert "cdn" not in page.lower().split("<script>")[0]
    assert not re.search(r"<script[^>]*\bsrc=|<link\b", page)
    assert "Content-Security-Policy" in page


def test_export_cli_writes_each_format(tmp_path):
    for fmt in ("html", "gexf", "graphml", "jsonld", "nt"):
        result = runner.invoke(app, ["export", str(SAMPLE), "--to", fmt, "--out", str(tmp_path / f"g.{fmt}")])
        assert result.exit_code == 0, result.output
        assert (tmp_path / f"g.{fmt}").stat().st_size > 1000


def test_export_cli_streams_ntriples_to_stdout(sample):
    result = runner.invoke(app, ["export", str(SAMPLE), "--to", "nt", "--out", "-"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(sample) and lines == sorted(lines)
    assert isomorphic(Graph().parse(data=result.stdout, format="nt"), sample)


def test_export_cli_unknown_format(tmp_path):
    result = runner.invoke(app, ["export", str(SAMPLE), "--to", "pdf", "--out", str(tmp_path / "g.pdf")])
    assert result.exit_code == 1
    assert "unknown export format 'pdf'" in result.output and "graphml" in result.output
    assert not (tmp_path / "g.pdf").exists()


@pytest.mark.parametrize("content", [None, "this is not turtle <<<"])
def test_export_cli_names_a_missing_or_broken_graph(tmp_path, content):
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_text(content)
    result = runner.invoke(app, ["export", str(path), "--to", "gexf", "--out", str(tmp_path / "g.gexf")])
    assert result.exit_code == 1
    assert str(path) in result.output and result.output.startswith("kg: error:")
    assert len(result.output.strip().splitlines()) == 1


def test_export_network_links_each_item_to_its_supplier_and_recipient(sample):
    network = to_network(sample)
    supplies = network.edges["wagner-group", "hezbollah", "supplies"]
    naming = [e for e in supplies["evidence"] if "Pantsir-S1" in e.items]
    assert naming and "pantsir-s1" in supplies["items"]
    for source, relation, target in (("wagner-group", "suppliesItem", "pantsir-s1"),
                                     ("pantsir-s1", "suppliedTo", "hezbollah")):
        edge = network.edges[source, target, relation]
        assert edge["kind"] == "item" and edge["claims"] == len(naming)
        assert 1 <= edge["weight"] <= supplies["weight"]
        assert edge["first_date"] == min(e.date for e in naming if e.date)
    kinds = {d["kind"] for *_, d in network.edges(data=True)}
    assert kinds == {"item", "relation"}
    # communities: every entity has one, numbered from 0 by size
    communities = [d["community"] for _, d in network.nodes(data=True)]
    assert min(communities) == 0 and network.nodes["wagner-group"]["community"] == network.nodes["hezbollah"]["community"]


@pytest.mark.parametrize("fmt", ["html", "gexf", "graphml"])
def test_export_same_bytes_whatever_the_hash_seed(fmt, tmp_path):
    """Layout, communities and ids must not follow Python's per-process string hashing."""
    import os
    import sys

    written = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.{fmt}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg", "export", str(SAMPLE), "--to", fmt, "--out", str(out)],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        written.append(out.read_bytes())
    assert written[0] == written[1]


def test_export_layout_core_labels_do_not_overlap(sample):
    import numpy as np

    from kg.export.layout import core_threshold, label_box, layout, overlaps

    network = to_network(sample)
    threshold = core_threshold(network)
    assert threshold == 1  # the sample is small: its whole linked graph is the first view
    sizes = {n: 10.0 for n in network}
    positions = layout(network, threshold, sizes)
    assert set(positions) == set(network)
    core = sorted({n for s, o in network.edges() for n in (s, o)})
    centres = np.array([positions[n] for n in core])
    boxes = np.array([label_box(network.nodes[n]["label"], sizes[n]) for n in core])
    x_overlap, y_overlap = overlaps(centres, boxes)
    assert not ((x_overlap > 0) & (y_overlap > 0)).any()
    alone = [n for n in network if network.degree(n) == 0]
    assert min(positions[n][1] for n in alone) > max(positions[n][1] for n in core)  # below the graph
