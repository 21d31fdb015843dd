"""graph.graphml and graph.gexf read by parsers no one in kg wrote: graphology's, through node.

graphology's GraphML and GEXF parsers are what Gephi Lite and sigma.js apps use; unlike
networkx they refuse a file whose edge ids repeat. `.ci/run` installs them with npm into
tests/js/node_modules.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from conftest import require
from kg.export import export, to_network
from kg.export.network import ITEM_RELATIONS, edge_id
from kg.sparql.inspect import read_graph

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "output" / "graph.ttl"
READER = ROOT / "tests" / "js" / "read_graph.js"
NODE_MODULES = ROOT / "tests" / "js" / "node_modules"


@pytest.fixture(scope="module")
def network():
    return to_network(read_graph(SAMPLE))


def _graphology(fmt: str, path: Path) -> dict:
    require(shutil.which("node") is not None, "node")
    require(all((NODE_MODULES / p).is_dir() for p in ("graphology", "graphology-gexf", "graphology-graphml")),
            "the npm packages of tests/js (npm ci --prefix tests/js)")
    done = subprocess.run(["node", str(READER), fmt, str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_readers_graphology_reads_every_node_and_edge(network, fmt, tmp_path):
    path = export(read_graph(SAMPLE), fmt, tmp_path / f"graph.{fmt}")
    read = _graphology(fmt, path)
    by_networkx = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(path)
    assert read["order"] == by_networkx.number_of_nodes() == network.number_of_nodes()
    assert read["size"] == by_networkx.number_of_edges() == network.number_of_edges()
    expected = {edge_id(s, d["relation"], o) for s, o, d in network.edges(data=True)}
    assert {e["key"] for e in read["edges"]} == expected
    for edge in read["edges"]:
        data = network.edges[edge["source"], edge["target"], edge["attributes"]["relation"]]
        assert edge["attributes"]["weight"] == data["weight"]
        assert edge["attributes"]["kind"] == data["kind"]
    for node, data in network.nodes(data=True):
        assert read["nodes"][node]["community"] == data["community"]


def test_export_readers_graphml_edge_ids_are_unique(tmp_path):
    text = export(read_graph(SAMPLE), "graphml", tmp_path / "graph.graphml").read_text(encoding="utf-8")
    ids = [line.split('id="', 1)[1].split('"', 1)[0] for line in text.splitlines() if "<edge " in line]
    assert ids and len(ids) == len(set(ids))
    assert 'id="wagner-group.supplies.hezbollah"' in text


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_readers_see_the_items_supplied(fmt, tmp_path):
    read = _graphology(fmt, export(read_graph(SAMPLE), fmt, tmp_path / f"graph.{fmt}"))
    items = {(e["source"], e["attributes"]["relation"], e["target"]) for e in read["edges"]
             if e["attributes"]["kind"] == "item"}
    assert ("wagner-group", ITEM_RELATIONS[0], "pantsir-s1") in items
    assert ("pantsir-s1", ITEM_RELATIONS[1], "hezbollah") in items
    assert {r for _, r, _ in items} == set(ITEM_RELATIONS)


def test_export_readers_igraph_reads_the_graphml(network, tmp_path):
    try:
        import igraph
    except ImportError:
        igraph = None
    require(igraph is not None, "igraph (a test dependency)")
    path = export(read_graph(SAMPLE), "graphml", tmp_path / "graph.graphml")
    read = igraph.Graph.Read_GraphML(str(path))
    assert (read.vcount(), read.ecount()) == (network.number_of_nodes(), network.number_of_edges())
    assert sorted(read.es["relation"]) == sorted(d["relation"] for *_, d in network.edges(data=True))
    assert sorted(read.vs["community"]) == sorted(d["community"] for _, d in network.nodes(data=True))
