"""What a Gephi user needs from graph.gexf (issue 20): a numeric edge ``confidence`` for the range
filter and a ``relation`` to colour by, read back from a small build by networkx and graphology.

Gephi offers a range filter only on a numeric attribute, so ``confidence`` must be declared
``double`` (a ``string`` would only allow a partition or an equality filter).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from conftest import require
from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
READER = ROOT / "tests" / "js" / "read_graph.js"
NODE_MODULES = ROOT / "tests" / "js" / "node_modules"
GEXF = "{http://gexf.net/1.3}"
ARTICLES = {
    "drones.txt": "Iran supplies Shahed drones to Russia, the White House said on Tuesday.\n",
    "missiles.txt": "Russia attacked Ukraine again overnight. Iran has supplied Russia with ballistic missiles, "
                    "officials said.\nThe Wagner Group backs Hezbollah, according to US intelligence.\n",
}


@pytest.fixture(scope="module")
def gexf(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("gephi")
    for name, text in ARTICLES.items():
        (root / "in").mkdir(exist_ok=True)
        (root / "in" / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(root / "in"), "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    return root / "out" / "graph.gexf"


def test_gephi_gexf_declares_confidence_double_and_relation_string(gexf):
    declared = {(a.get("title"), a.get("type")) for a in ET.parse(gexf).getroot().iter(f"{GEXF}attribute")
                if a.get("id") in ("confidence", "relation")}
    assert declared == {("confidence", "double"), ("relation", "string")}


def test_gephi_networkx_reads_a_float_confidence_and_a_relation_on_every_edge(gexf):
    network = nx.read_gexf(gexf)
    edges = list(network.edges(data=True))
    assert len(edges) >= 3  # supplies, attacks, backs and the items supplied
    for source, target, data in edges:
        assert isinstance(data["confidence"], float) and 0 <= data["confidence"] <= 1, (source, target, data)
        assert isinstance(data["relation"], str) and data["relation"], (source, target, data)
    assert {"supplies", "attacks", "backs"} <= {d["relation"] for *_, d in edges}


def test_gephi_graphology_reads_a_number_confidence_and_a_relation_on_every_edge(gexf):
    require(shutil.which("node") is not None, "node")
    require(all((NODE_MODULES / p).is_dir() for p in ("graphology", "graphology-gexf")),
            "the npm packages of tests/js (npm ci --prefix tests/js)")
    done = subprocess.run(["node", str(READER), "gexf", str(gexf)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    read = json.loads(done.stdout)
    assert read["size"] == nx.read_gexf(gexf).number_of_edges() >= 3
    for edge in read["edges"]:
        confidence = edge["attributes"]["confidence"]  # a JSON number: graphology parsed the double
        assert isinstance(confidence, (int, float)) and not isinstance(confidence, bool), edge
        assert 0 <= confidence <= 1 and edge["attributes"]["relation"], edge
