"""Write a build's files: the graph as Turtle and its exports, atomically, the same bytes for the same input."""
from __future__ import annotations

import hashlib
import json
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


def write_turtle(graph: Graph, path: Path) -> None:
    """Write ``graph`` to ``path`` as rdflib's Turtle (the same bytes, written faster)."""
    from .turtle import turtle_text

    write_atomic(Path(path), turtle_text(graph).encode("utf-8"))


def remove_stale_temporaries(paths: list[Path]) -> None:
    """Delete the temporary files that a build killed while writing ``paths`` left beside them."""
    for path in paths:
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            stale.unlink(missing_ok=True)


WRITTEN_FILE = "written.json"  # in the cache folder: what the files of the last write were made from


def _contents_digest(result) -> str:
    """A digest of everything the output files are made from."""
    h = hashlib.sha256()
    for part in (result.entities, result.documents, result.claims, result.merge_log):
        h.update(repr(part).encode("utf-8"))
    return h.hexdigest()


def _file_digests(paths: list[Path]) -> dict[str, str] | None:
    try:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    except OSError:
        return None


def _output_paths(out: Path) -> list[Path]:
    from . import BUILD_FORMATS

    return [out / name for name in ("graph.ttl", *(f"graph.{fmt}" for fmt in BUILD_FORMATS), "merge-log.txt")]


def outputs_up_to_date(result, out: Path) -> bool:
    """Whether the files in ``out`` were written by ``write_build(..., record=True)`` from the same
    entities, documents, claims and merge log as ``result``'s, and nobody has changed them since:
    then writing them again, most of a rebuild in which nothing changed, can be skipped."""
    from ..build.cache import CACHE_DIR

    try:
        before = json.loads((Path(out) / CACHE_DIR / WRITTEN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    paths = _output_paths(Path(out))
    return before.get("contents") == _contents_digest(result) and before.get("files") == _file_digests(paths)


def write_build_if_changed(result, out: Path) -> list[Path] | None:
    """``write_build`` with a record of what the files were made from, unless the files in ``out``
    are already those of ``result`` (then None; a killed write's temporaries are cleared anyway)."""
    remove_stale_temporaries(_output_paths(Path(out)))
    if outputs_up_to_date(result, out):
        return None
    return write_build(result, out, record=True)


def write_build(result, out: Path, *, record: bool = False) -> list[Path]:
    """Write ``graph.ttl``, its exports (``graph.html``, ``.gexf``, ...) and ``merge-log.txt`` into ``out``;
    with ``record``, note what they were made from (see ``outputs_up_to_date``)."""
    from ..build.cache import CACHE_DIR
    from . import BUILD_FORMATS, export  # the exporters import write_atomic from here

    out = Path(out)
    paths = _output_paths(out)
    record_file = out / CACHE_DIR / WRITTEN_FILE
    remove_stale_temporaries(paths)
    record_file.unlink(missing_ok=True)  # until every file is written again
    graph = result.graph
    if graph is None:  # a build that left the graph to be made only if it is written
        from ..graph.assemble import build_graph

        graph = build_graph(result.entities, result.documents, result.claims)
    with shared_triples(graph):
        write_turtle(graph, paths[0])
        for fmt, path in zip(BUILD_FORMATS, paths[1:]):
            export(graph, fmt, path)
    write_atomic(paths[-1], "".join(f"{line}\n" for line in result.merge_log).encode("utf-8"))
    if record:
        made_from = {"contents": _contents_digest(result), "files": _file_digests(paths)}
        write_atomic(record_file, json.dumps(made_from).encode("utf-8"))
    return paths
