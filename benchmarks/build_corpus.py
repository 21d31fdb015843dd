"""Speed and memory of a build on a real corpus, as ratios measured in one run.

usage: python benchmarks/build_corpus.py CORPUS [--limit N] [--workers N] [--out DIR]

Loads the articles, then times in the same process (a) spaCy alone over their
texts and (b) the whole kg build of them, and prints both with their ratio
(how much kg adds to the language model), articles per second, and the peak
resident memory of this process and of its worker processes. The machine is
shared and noisy: compare ratios, not seconds, between runs.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from kg.load import load_documents
from kg.ontology import DEFAULT_ONTOLOGY_DIR
from kg.output import write_build
from kg.pipeline import _pipeline, build_documents


def _timed(action):
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    (documents, skipped), load_s = _timed(lambda: load_documents([args.corpus]))
    documents = documents[: args.limit] if args.limit else documents
    nlp = _pipeline(str(DEFAULT_ONTOLOGY_DIR.resolve()), None)
    texts = [d.text for d in documents]
    _, spacy_s = _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=args.workers)))
    result, build_s = _timed(lambda: build_documents(documents, skipped=skipped, n_process=args.workers))
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    _, write_s = _timed(lambda: write_build(result, out))

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = len(documents)
    print(f"articles: {n} (skipped {len(skipped)}), workers: {args.workers}")
    print(f"entities: {len(result.entities)}  claims: {len(result.claims)}  triples: {len(result.graph)}")
    print(f"load {load_s:.1f} s | spaCy alone {spacy_s:.1f} s | kg build {build_s:.1f} s | write {write_s:.1f} s")
    print(f"kg build / spaCy alone: {build_s / spacy_s:.2f}")
    print(f"articles per second (build + write): {n / (build_s + write_s):.1f}")
    print(f"peak memory: {peak_mb:.0f} MB (this process), {workers_mb:.0f} MB (largest worker)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
