"""GraphML: the flat network with typed keys, as yEd, Cytoscape and networkx read it."""
from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
from rdflib import Graph

from .network import flat_view, to_network
from ..atomic import write_atomic

__all__ = ["graphml_bytes", "write_graphml"]


def graphml_bytes(graph: Graph) -> bytes:
    """The GraphML document of a graph's network (strings, ints and doubles typed)."""
    buffer = io.BytesIO()
    # networkx names keys d0, d1, ... in the order it meets attributes; the flat view
    # inserts them in a fixed order, so the file is the same for the same graph.
    nx.write_graphml(flat_view(to_network(graph)), buffer, encoding="utf-8", prettyprint=True,
                     named_key_ids=True)
    return buffer.getvalue()


def write_graphml(graph: Graph, path: Path) -> None:
    """Write ``graph``'s network to ``path`` as GraphML."""
    write_atomic(Path(path), graphml_bytes(graph))
