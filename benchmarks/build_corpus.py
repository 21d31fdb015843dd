"""Speed and memory of kg build on a real corpus, every mode in one run, as ratios.

usage: python benchmarks/build_corpus.py [CORPUS] [--limit N] [--workers N] [--work DIR] [--json FILE]

CORPUS defaults to the Al Jazeera articles of the shared corpus. On the same
texts, one after the other, it runs and times:

  raw          spaCy's nlp.pipe over every article's text, in one process: the
               same pipeline kg loads (its catalog names included), nothing else
  full-parse   kg build --full-parse --workers 1 (every sentence parsed)
  default      kg build --workers 1
  workers      kg build --workers N (N = 2 unless --workers says otherwise)
  no change    kg build again into the same folder: everything from its cache
  1% gone      kg build of the corpus less every hundredth article
  1% new       kg build of the whole corpus again: those articles come back new

Every kg build is a process of its own, timed end to end (model load, reading
the files and writing every output included); peak memory is the largest sum
of resident memory of the process and all its workers, sampled every 0.1 s.
Beside each time it prints what the build found (articles read and skipped,
claims), because a fast build that dropped its claims is a failure: when a
limit skipped an article it says so and exits 1. The machine is shared and
noisy: compare the ratios of one run, not seconds between runs.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "aljazeera_gaza" / "articles"

RAW = """
import json, sys, time
from kg.extract.nlp import reading_text
from kg.load import load_documents
from kg.ontology import DEFAULT_ONTOLOGY_DIR
from kg.parse import BATCH_PARTS, stages
documents, _ = load_documents([sys.argv[1]])
nlp = stages(str(DEFAULT_ONTOLOGY_DIR.resolve()), None)[0]
texts = [reading_text(d) for d in documents]
started = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_PARTS))
print(json.dumps({"seconds": time.perf_counter() - started, "tokens": tokens, "articles": len(texts)}))
"""


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and every process under it (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):  # ended meanwhile, or a zombie without memory
            continue
    return total


def run(command: list[str]) -> dict:
    """Run ``command``; its wall time, peak memory of its process tree, and output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "COLUMNS": "200"})
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.1)
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{err[-3000:]}")
    return {"seconds": seconds, "peak_mb": peak / 2**20, "stdout": out, "stderr": err}


def _rows(stdout: str) -> dict[str, int]:
    """The kg build summary table as {what: count}."""
    rows = {}
    for line in stdout.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) >= 4 and cells[2].isdigit():
            rows[cells[1]] = int(cells[2])
    return rows


def kg_build(corpus: Path, out: Path, *options: str) -> dict:
    measured = run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), *options])
    rows = _rows(measured.pop("stdout"))
    skipped_lines = [line for line in measured.pop("stderr").splitlines() if line.startswith("skipped ")]
    measured.update(
        read=rows.get("articles read", 0),
        skipped=rows.get("files skipped", 0),
        limit_skips=sum(1 for line in skipped_lines if "time budget" in line or "too large" in line),
        claims=sum(n for what, n in rows.items() if what.startswith("claims:")),
        parsed=rows.get("articles parsed", 0),
    )
    return measured


def _corpus_view(files: list[Path], folder: Path) -> Path:
    """A folder of links to ``files``, so a build sees just them."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for path in files:
        (folder / path.name).symlink_to(path.resolve())
    return folder


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (by name)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel build")
    parser.add_argument("--work", type=Path, default=None, help="folder for the outputs (default: a temporary one)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()

    files = sorted(p for p in args.corpus.iterdir() if p.is_file())
    files = files[: args.limit] if args.limit else files
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    everything = _corpus_view(files, work / "corpus")
    fewer = _corpus_view([p for i, p in enumerate(files) if i % 100 != 50], work / "corpus-less-1pc")

    figures: dict[str, dict] = {}
    raw = run([sys.executable, "-c", RAW, str(everything)])
    figures["raw"] = {**json.loads(raw.pop("stdout")), "peak_mb": raw["peak_mb"], "wall": raw["seconds"]}
    tokens = figures["raw"]["tokens"]
    figures["full-parse"] = kg_build(everything, work / "full", "--workers", "1", "--full-parse", "--no-cache")
    figures["default"] = kg_build(everything, work / "one", "--workers", "1")
    figures["workers"] = kg_build(everything, work / "many", "--workers", str(args.workers))
    figures["no change"] = kg_build(everything, work / "many", "--workers", str(args.workers))
    figures["1% gone"] = kg_build(fewer, work / "many", "--workers", str(args.workers))
    figures["1% new"] = kg_build(everything, work / "many", "--workers", str(args.workers))

    same = all((work / "one" / name).read_bytes() == (work / "many" / name).read_bytes()
               for name in ("graph.ttl", "graph.html", "graph.gexf"))
    print(f"corpus: {len(files)} files, {figures['raw']['articles']} articles read, {tokens:,} tokens; "
          f"workers: {args.workers}")
    print(f"{'mode':<11} {'seconds':>8} {'tokens/s':>9} {'vs raw':>7} {'peak MB':>8} {'read':>6} {'skipped':>7} "
          f"{'parsed':>6} {'claims':>7}")
    raw_seconds = figures["raw"]["seconds"]
    for mode, f in figures.items():
        print(f"{mode:<11} {f['seconds']:>8.1f} {tokens / f['seconds']:>9,.0f} {raw_seconds / f['seconds']:>6.2f}x "
              f"{f['peak_mb']:>8.0f} {f.get('read', f.get('articles')):>6} {f.get('skipped', ''):>7} "
              f"{f.get('parsed', ''):>6} {f.get('claims', ''):>7}")
    default, full = figures["default"], figures["full-parse"]
    print(f"\ndefault (1 worker) / raw nlp.pipe throughput: {raw_seconds / default['seconds']:.2f}x  (target >= 2.0)")
    print(f"claims of default / claims of --full-parse:     {default['claims'] / full['claims']:.3f}  (target >= 0.98)")
    print(f"{args.workers} workers / 1 worker throughput:           "
          f"{default['seconds'] / figures['workers']['seconds']:.2f}x  (target >= 1.7)")
    print(f"no-change rebuild / full build time:            "
          f"{figures['no change']['seconds'] / figures['workers']['seconds']:.3f}  (target <= 0.03)")
    print(f"1% new rebuild / full build time:               "
          f"{figures['1% new']['seconds'] / figures['workers']['seconds']:.3f}  (target <= 0.05)")
    print(f"peak memory of the default build: {default['peak_mb']:.0f} MB (target <= 2048)")
    print(f"1 worker and {args.workers} workers wrote the same graph.ttl, graph.html, graph.gexf: {same}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True))
    limited = sum(f.get("limit_skips", 0) for f in figures.values())
    if limited:
        print(f"\n!!! A LIMIT SKIPPED {limited} ARTICLES (time budget or size): these timings are not of the "
              "whole corpus, and its claims are missing !!!", file=sys.stderr)
        return 1
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
