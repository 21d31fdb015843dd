"""The calls the README's "Using as a library" and "kg diff" sections show, as they are written there."""
from __future__ import annotations

import networkx as nx
from rdflib import Graph

import kg
import kg.graph

ARTICLE = """Russia sends drones to Iran

Russia has sent attack drones to Iran, the White House said on Monday.
"""


def test_api_build_result_graph_network_claims(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = kg.build([str(tmp_path / "data")])
    assert isinstance(result.graph, Graph) and len(result.graph)
    assert isinstance(result.network, nx.MultiDiGraph)
    assert isinstance(result.claims, tuple) and all(isinstance(c, kg.Claim) for c in result.claims)
    assert result.claims

    # From Python: kg.graph.diff_graphs(old, new), or contents_of_build(entities, claims) and diff_contents.
    assert kg.graph.diff_graphs(result.graph, result.graph).is_empty
    contents = kg.graph.contents_of_build(result.entities, result.claims)
    changes = kg.graph.diff_contents(kg.graph.contents_of_build((), ()), contents)
    assert {c.id for c in changes.new_claims} == {kg.graph.claim_id(c) for c in result.claims}


def test_api_top_level_names():
    assert sorted(kg.__all__) == sorted(name for name in kg.__all__ if hasattr(kg, name))
    assert callable(kg.build)
