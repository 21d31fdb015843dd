"""N-Triples for bulk loaders: one triple a line, lines sorted so a graph gives one file."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph

from ..atomic import write_atomic

__all__ = ["ntriples_lines", "stream_ntriples", "write_ntriples"]


def ntriples_lines(graph: Graph) -> Iterator[bytes]:
    """The graph's N-Triples lines, sorted, each ending in a newline."""
    text = graph.serialize(format="nt", encoding="utf-8")
    yield from sorted(line + b"\n" for line in text.splitlines() if line.strip())


def stream_ntriples(graph: Graph, stream: BinaryIO) -> None:
    """Write the lines to an open binary stream (stdout for a pipe into a loader)."""
    for line in ntriples_lines(graph):
        stream.write(line)


def write_ntriples(graph: Graph, path: Path) -> None:
    """Write ``graph`` to ``path`` as N-Triples."""
    write_atomic(Path(path), b"".join(ntriples_lines(graph)))
