"""Speed and memory of a build on a real corpus, as ratios measured in one run.

usage: python benchmarks/build_corpus.py CORPUS [--limit N] [--workers N] [--out DIR] [--time-budget S]

Loads the articles, then times in the same process (a) spaCy alone over their
texts and (b) the whole kg build of them, and prints both with their ratio
(how much kg adds to the language model), articles per second, and the peak
resident memory of this process and of its worker processes. The machine is
shared and noisy: compare ratios, not seconds, between runs.

Beside the timings it prints what the build found: articles read, skipped by
reason, and claims. A fast build that dropped its claims is a failure, so when
a limit (the time budget, the file size) skipped anything it says so loudly and
exits 1.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg.load import load_documents
from kg.limits import TIME_BUDGET
from kg.ontology import DEFAULT_ONTOLOGY_DIR
from kg.output import write_build
from kg.parse import stages
from kg.pipeline import TIME_SKIP, build_documents, time_skips


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
    parser.add_argument("--time-budget", type=float, default=TIME_BUDGET)
    args = parser.parse_args()

    (documents, skipped), load_s = _timed(lambda: load_documents([args.corpus]))
    documents = documents[: args.limit] if args.limit else documents
    nlp = stages(str(DEFAULT_ONTOLOGY_DIR.resolve()), None)[0]
    texts = [d.text for d in documents]
    _, spacy_s = _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=args.workers)))
    result, build_s = _timed(lambda: build_documents(documents, skipped=skipped, n_process=args.workers,
                                                     time_budget=args.time_budget))
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    _, write_s = _timed(lambda: write_build(result, out))

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = len(documents)
    reasons = Counter(skip.kind for skip in result.skipped)
    print(f"articles: {n} given, {len(result.documents)} read, {len(result.skipped)} skipped; workers: {args.workers}")
    for reason, count in sorted(reasons.items()):
        print(f"  skipped {count}: {reason}")
    print(f"entities: {len(result.entities)}  claims: {len(result.claims)}  triples: {len(result.graph)}")
    print(f"load {load_s:.1f} s | spaCy alone {spacy_s:.1f} s | kg build {build_s:.1f} s | write {write_s:.1f} s")
    print(f"kg build / spaCy alone: {build_s / spacy_s:.2f}")
    print(f"articles per second (build + write): {n / (build_s + write_s):.1f}")
    print(f"peak memory: {peak_mb:.0f} MB (this process), {workers_mb:.0f} MB (largest worker)")
    limited = time_skips(result) + sum(count for reason, count in reasons.items() if reason.startswith("too large"))
    if limited:
        print(f"\n!!! A LIMIT SKIPPED {limited} ARTICLES ({TIME_SKIP} or too large): these timings are not "
              "of the whole corpus, and its claims are missing !!!", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
