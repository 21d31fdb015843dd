"""Write a build's files: the graph as Turtle and its exports, atomically, the same bytes for the same input."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..atomic import remove_stale_temporaries, write_atomic
from .triples import shared_triples
from .turtle import write_turtle
from .writers import BUILD_FORMATS, export

__all__ = ["WRITTEN_FILE", "outputs_up_to_date", "write_build", "write_build_if_changed"]

WRITTEN_FILE = "written.json"  # in the cache folder: what the files of the last write were made from


@lru_cache(maxsize=1)
def writer_version() -> str:
    """kg's code and the page's own files (page.js, page.html): a kg that writes a file
    differently writes it again, though the graph it is made from is the same."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".js", ".html", ".css") and path.is_file():
            h.update(path.relative_to(package).as_posix().encode("utf-8"))
            h.update(path.read_bytes())
    return h.hexdigest()


def _contents_digest(result) -> str:
    """A digest of everything the output files are made from, the code that writes them included."""
    h = hashlib.sha256(writer_version().encode("ascii"))
    for part in (result.entities, result.documents, result.claims, result.merge_log):
        h.update(repr(part).encode("utf-8"))
    return h.hexdigest()


def _file_digests(paths: list[Path]) -> dict[str, str] | None:
    try:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    except OSError:
        return None


def _output_paths(out: Path) -> list[Path]:
    return [out / name for name in ("graph.ttl", *(f"graph.{fmt}" for fmt in BUILD_FORMATS), "merge-log.txt")]


def outputs_up_to_date(result, out: Path, record_dir: Path) -> bool:
    """Whether the files in ``out`` were written by ``write_build(..., record_dir=record_dir)`` from
    the same entities, documents, claims and merge log as ``result``'s, and nobody has changed them
    since: then writing them again, most of a rebuild in which nothing changed, can be skipped."""
    try:
        before = json.loads((Path(record_dir) / WRITTEN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    paths = _output_paths(Path(out))
    return before.get("contents") == _contents_digest(result) and before.get("files") == _file_digests(paths)


def write_build_if_changed(result, out: Path, record_dir: Path) -> list[Path] | None:
    """``write_build`` with a record in ``record_dir`` (the build's cache folder) of what the files
    were made from, unless the files in ``out`` are already those of ``result`` (then None; a killed
    write's temporaries are cleared anyway)."""
    remove_stale_temporaries(_output_paths(Path(out)))
    if outputs_up_to_date(result, out, record_dir):
        return None
    return write_build(result, out, record_dir=record_dir)


def write_build(result, out: Path, *, record_dir: Path | None = None) -> list[Path]:
    """Write ``graph.ttl``, its exports (``graph.html``, ``.gexf``, ...) and ``merge-log.txt`` into ``out``;
    with ``record_dir``, note there what they were made from (see ``outputs_up_to_date``)."""
    out = Path(out)
    paths = _output_paths(out)
    record_file = Path(record_dir) / WRITTEN_FILE if record_dir is not None else None
    remove_stale_temporaries(paths)
    if record_file is not None:
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
    if record_file is not None:
        made_from = {"contents": _contents_digest(result), "files": _file_digests(paths)}
        write_atomic(record_file, json.dumps(made_from).encode("utf-8"))
    return paths
