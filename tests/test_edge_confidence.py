"""One confidence per direct edge (issue 20): 1 - prod over independent stories of (1 - the story's
best claim), on an edge node kgc:edge-<sha1(s|p|o)[:16]>, in the network, GEXF and GraphML, checked
by the shapes and binned by kg score against the gold."""
from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, XSD, Literal
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.evaluate.score import score_files
from kg.export import export, to_network
from kg.graph.assemble import build_graph
from kg.graph.confidence import edge_confidence, edge_iri
from kg.ontology import KGC, KGE, KGO
from kg.sparql.inspect import read_graph
from kg.sparql.validate import validate_graph

# A wire story long enough to be found a syndicated copy of itself under another headline.
BODY = ("Iran supplied Shahed drones to Russia last month, officials in Kyiv said on Tuesday. "
        "The drones were flown across the Caspian Sea in several batches, according to the officials, who spoke "
        "after a long meeting in the capital with envoys from a dozen European governments. "
        "Farmers near the border reported hearing engines overhead late at night for most of the week. "
        "The envoys asked for more air defence systems before the winter, and the meeting ended without a "
        "statement from the hosts. Markets in the region were calm, and grain prices held steady through the day "
        "as traders waited for news from the port authorities about the next convoy of ships.")
OTHER = ("A new shipment\n\nIran has supplied more drones to Russia, a Western diplomat said. "
         "Iran denied that it supplied missiles to Belarus.\n")


def test_edge_confidence_formula():
    assert edge_confidence({"a": [0.8], "b": [0.5]}) == 0.9  # two independent articles
    assert edge_confidence({"a": [0.8, 0.5]}) == 0.8          # one story: its best claim
    assert edge_confidence({"a": [0.7]}) == 0.7
    assert edge_confidence({}) == 0.0                          # nothing states it
    assert edge_confidence({"a": [0.9], "b": [0.9], "c": [0.9]}) == 0.999


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edges")
    (folder / "wire.txt").write_text("Tehran ships drones to Moscow\n\n" + BODY + "\n", encoding="utf-8")
    (folder / "copy.txt").write_text("Drones for Moscow, Kyiv says\n\n" + BODY + "\nReporting by the wire desk.\n",
                                     encoding="utf-8")
    (folder / "other.txt").write_text(OTHER, encoding="utf-8")
    result = kg.build([folder])
    out = tmp_path_factory.mktemp("out")
    path = out / "graph.ttl"
    path.write_text(result.graph.serialize(format="turtle"), encoding="utf-8")
    return result, path


def _supplies(result, obj: str):
    return [c for c in result.claims if (c.subject, c.relation, c.object) == ("iran", "supplies", obj)]


def test_edge_node_counts_a_syndicated_copy_once(built):
    result, _ = built
    copies = {d.id: d.copy_of for d in result.documents}
    assert copies["wire"] == "copy" and copies["copy"] is None and copies["other"] is None
    claims = _supplies(result, "russia")
    assert {c.document for c in claims} == {"wire", "copy", "other"}
    story = {"wire": "copy", "copy": "copy", "other": "other"}
    best = {s: max(c.confidence for c in claims if story[c.document] == s) for s in ("copy", "other")}
    expected = round(1 - (1 - best["copy"]) * (1 - best["other"]), 3)
    node = KGC["edge-" + hashlib.sha1(b"iran|supplies|russia").hexdigest()[:16]]
    assert node == edge_iri("iran", "supplies", "russia")
    graph = result.graph
    assert set(graph.objects(node, RDF.type)) == {KGO.Edge, RDF.Statement}
    assert (graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object)) == (
        KGE.iran, KGO.supplies, KGE.russia)
    assert (KGE.iran, KGO.supplies, KGE.russia) in graph
    confidence = graph.value(node, KGO.confidence)
    assert confidence.datatype == XSD.decimal and float(confidence) == expected
    assert graph.value(node, KGO.sourceCount) == Literal(2, datatype=XSD.integer)  # three articles, two stories
    # the in-memory network and the one read back from the RDF carry the same confidence
    assert result.network.edges["iran", "russia", "supplies"]["confidence"] == expected
    assert to_network(graph).edges["iran", "russia", "supplies"]["confidence"] == expected


def test_a_negated_claim_adds_nothing(built):
    result, _ = built
    denied = _supplies(result, "belarus")
    assert denied and all(c.modality == "Negated" for c in denied)
    assert (KGE.iran, KGO.supplies, KGE.belarus) not in result.graph
    assert (edge_iri("iran", "supplies", "belarus"), None, None) not in result.graph
    assert to_network(result.graph).edges["iran", "belarus", "supplies"]["confidence"] == 0.0
    # a confident denial of an asserted edge, in an article of its own, changes neither figure
    asserted = _supplies(result, "russia")
    denial = dataclasses.replace(asserted[0], document="denial", modality="Negated", confidence=0.99)
    node = edge_iri("iran", "supplies", "russia")
    before = build_graph(result.entities, result.documents, result.claims)
    after = build_graph(result.entities, result.documents, [*result.claims, denial])
    for prop in (KGO.confidence, KGO.sourceCount):
        assert after.value(node, prop) == before.value(node, prop)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_confidence_is_a_double_in_gexf_and_graphml(built, fmt, tmp_path):
    result, path = built
    written = export(read_graph(path), fmt, tmp_path / f"graph.{fmt}")
    text = written.read_text(encoding="utf-8")
    if fmt == "gexf":
        assert '<attribute id="confidence" title="confidence" type="double" />' in text
    else:
        assert 'attr.name="confidence" attr.type="double"' in text
    read = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(written)
    values = {(s, d.get("relation") or d.get("label"), o): d["confidence"] for s, o, d in read.edges(data=True)}
    value = values[("iran", "supplies", "russia")]
    assert isinstance(value, float)
    assert value == result.network.edges["iran", "russia", "supplies"]["confidence"]


def test_shapes_catch_an_edge_without_confidence(built, tmp_path):
    _, path = built
    assert validate_graph(path).conforms
    graph = read_graph(path)
    node = edge_iri("iran", "supplies", "russia")
    graph.remove((node, KGO.confidence, None))
    broken = tmp_path / "broken.ttl"
    broken.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    report = validate_graph(broken)
    assert not report.conforms
    assert any("an edge has one confidence" in f.message for f in report.violations)
    graph.add((node, KGO.confidence, Literal("1.5", datatype=XSD.decimal)))
    broken.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    assert not validate_graph(broken).conforms


def test_score_bins_the_edges_by_confidence(built, tmp_path):
    result, path = built
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({
        "entities": {"Iran": {"aliases": ["Tehran"]}, "Russia": {"aliases": ["Moscow"]}},
        "facts": [{"s": "Iran", "r": "supplies", "o": "Russia", "docs": ["copy", "other"]}]}), encoding="utf-8")
    score = score_files(path, gold)
    edges = [b for b in score.edge_reliability if b.claims]
    expected = result.network.edges["iran", "russia", "supplies"]["confidence"]
    assert [(b.claims, b.right) for b in edges] == [(1, 1)]
    assert edges[0].confidence == pytest.approx(expected)
    assert score.edge_calibration_error == pytest.approx(1 - expected)
    data = score.as_dict()
    assert data["edge_calibration_error"] == round(1 - expected, 3)
    assert [b["edges"] for b in data["edge_reliability"] if b["edges"]] == [1]
    # claims are binned apart: the edge node's confidence is not taken for a claim's
    assert sum(b.claims for b in score.reliability) == len(result.claims)
    shown = CliRunner().invoke(app, ["score", str(path), "--gold", str(gold)])
    assert shown.exit_code == 0, shown.output
    assert "reliability: edges by confidence" in shown.output and "edge calibration error" in shown.output
