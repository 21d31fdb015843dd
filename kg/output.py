"""Write a build's files: the graph as Turtle, atomically, the same bytes for the same input."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_turtle(graph: Graph, path: Path) -> None:
    write_atomic(Path(path), graph.serialize(format="turtle").encode("utf-8"))


def remove_stale_temporaries(paths: list[Path]) -> None:
    """Delete the temporary files that a build killed while writing ``paths`` left beside them."""
    for path in paths:
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            stale.unlink(missing_ok=True)


def write_build(result, out: Path) -> list[Path]:
    """Write ``graph.ttl`` and ``merge-log.txt`` for a build into ``out``."""
    out = Path(out)
    written = [out / "graph.ttl", out / "merge-log.txt"]
    remove_stale_temporaries(written)
    write_turtle(result.graph, written[0])
    write_atomic(written[1], "".join(f"{line}\n" for line in result.merge_log).encode("utf-8"))
    return written
