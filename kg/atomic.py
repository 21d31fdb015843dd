"""Files written whole or not at all: a reader never sees one half-written.

A leaf that every writer uses: the exporters, the Turtle writer, the build's
output files and the graph summary kept for the next build.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

__all__ = ["open_atomic", "remove_stale_temporaries", "write_atomic"]


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


def remove_stale_temporaries(paths: list[Path]) -> None:
    """Delete the temporary files that a build killed while writing ``paths`` left beside them."""
    for path in paths:
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            stale.unlink(missing_ok=True)
