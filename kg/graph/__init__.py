"""Graph: claims to the RDF graph of the contract and its networkx view; what changed between graphs.

``assemble`` makes the graph (entities, direct edges, claim nodes, provenance) and
the networkx projection; ``diff`` says what one graph adds to another.
"""
from __future__ import annotations

from .assemble import build_graph, claim_id, to_networkx
from .diff import GraphChanges, GraphContents, contents_of_build, contents_of_graph, diff_contents, diff_graphs

__all__ = ["GraphChanges", "GraphContents", "build_graph", "claim_id", "contents_of_build", "contents_of_graph",
           "diff_contents", "diff_graphs", "to_networkx"]
