"""The name -> writer table: every format kg writes, and ``export`` to write one by name."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from ..errors import ExportError
from .gexf import write_gexf
from .graphml import write_graphml
from .html import write_html
from .jsonld import write_jsonld
from .ntriples import write_ntriples
from .turtle import write_turtle

__all__ = ["BUILD_FORMATS", "WRITERS", "Writer", "export"]

Writer = Callable[[Graph, Path], None]

WRITERS: dict[str, Writer] = {
    "gexf": write_gexf,
    "graphml": write_graphml,
    "html": write_html,
    "jsonld": write_jsonld,
    "nt": write_ntriples,
    "ttl": write_turtle,
}

# What `kg build` writes beside graph.ttl, as graph.<format>.
BUILD_FORMATS = ("html", "gexf", "graphml", "jsonld")


def export(graph: Graph, fmt: str, path: Path) -> Path:
    """Write ``graph`` to ``path`` in format ``fmt`` (a key of WRITERS); return the path.

    Raises ExportError listing the known formats when ``fmt`` is not one of them,
    or naming the file when it cannot be written.
    """
    writer = WRITERS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown export format {fmt!r}; known: {', '.join(sorted(WRITERS))}")
    try:
        writer(graph, Path(path))
    except OSError as err:
        raise ExportError(f"{path}: cannot write: {err.strerror or err}") from err
    return Path(path)
