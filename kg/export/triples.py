"""A graph's triples listed once for all the writers of one build's files (Turtle and JSON-LD walk them all)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rdflib import Graph

__all__ = ["shared_triples", "triples_of"]

_SHARED: list = []  # [(graph, its triples)] while write_build writes one graph's files


@contextmanager
def shared_triples(graph: Graph) -> Iterator[None]:
    """Within the block, ``triples_of(graph)`` lists the graph's triples once for all the writers
    that walk them all (a walk of rdflib's store costs as much as the rest of writing Turtle):
    the graph must not change inside it."""
    _SHARED[:] = [(graph, list(graph.triples((None, None, None))))]
    try:
        yield
    finally:
        _SHARED.clear()


def triples_of(graph: Graph) -> list:
    """Every triple of ``graph``, the list ``shared_triples`` made if it is open on this graph."""
    if _SHARED and _SHARED[0][0] is graph:
        return _SHARED[0][1]
    return list(graph.triples((None, None, None)))
