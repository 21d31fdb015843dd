"""Write a build's files: the graph as Turtle and its exports, atomically, the same bytes for the same input."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary handle on a temporary file beside ``path``, renamed into place when the block ends
    without an error and deleted when it raises: a file written piece by piece is never seen half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); an output file is for others to read too.
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    with open_atomic(path) as handle:
        handle.write(data)


def write_turtle(graph: Graph, path: Path) -> None:
    write_atomic(Path(path), graph.serialize(format="turtle").encode("utf-8"))


def remove_stale_temporaries(paths: list[Path]) -> None:
    """Delete the temporary files that a build killed while writing ``paths`` left beside them."""
    for path in paths:
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            stale.unlink(missing_ok=True)


def write_build(result, out: Path) -> list[Path]:
    """Write ``graph.ttl``, its exports (``graph.html``, ``.gexf``, ...) and ``merge-log.txt`` into ``out``."""
    from .export import BUILD_FORMATS, export  # the exporters import write_atomic from here

    out = Path(out)
    names = ["graph.ttl", *(f"graph.{fmt}" for fmt in BUILD_FORMATS), "merge-log.txt"]
    remove_stale_temporaries([out / name for name in names])
    written = [out / "graph.ttl"]
    write_turtle(result.graph, written[0])
    written += [export(result.graph, fmt, out / f"graph.{fmt}") for fmt in BUILD_FORMATS]
    written.append(out / "merge-log.txt")
    write_atomic(written[-1], "".join(f"{line}\n" for line in result.merge_log).encode("utf-8"))
    return written
