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

The prefilter's loss is measured claim by claim, not by counts: the distinct
(subject, relation, object) triples of the claims of the default build's graph
against those of the --full-parse build's, how many of the full parse's it
finds and how many it finds that the full parse does not.
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
sys.path.insert(0, str(ROOT))  # the kg of this tree, as the builds below (run from ROOT) use
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "aljazeera_gaza" / "articles"

RAW = """
import json, sys, time
from kg.extract.nlp import reading_text
from kg.ingest.load import load_documents
from kg.ontology import DEFAULT_ONTOLOGY_DIR
from kg.pipeline.parse import BATCH_PARTS, stages
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


def claim_triples(graph: Path) -> frozenset[tuple[str, str, str]]:
    """The distinct (subject, relation, object) of the claims of a graph file kg build wrote."""
    from kg.graph.diff import contents_of_graph

    return frozenset(row[:3] for row in contents_of_graph(graph).claims.values())


def triples_match(default: Path, full: Path) -> dict[str, int]:
    """How many of the claim triples of the ``full`` parse's graph the ``default`` build's graph has."""
    found, wanted = claim_triples(default), claim_triples(full)
    return {"full": len(wanted), "default": len(found), "matched": len(found & wanted), "extra": len(found - wanted)}


def _corpus_view(files: list[Path], folder: Path) -> Path:
    """A folder of links to ``files``, so a build sees just them."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for path in files:
        (folder / path.name).symlink_to(path.resolve())
    return folder


MODES = ("raw", "full-parse", "default", "workers", "no change", "1% gone", "1% new")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (by name)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel build")
    parser.add_argument("--work", type=Path, default=None, help="folder for the outputs (default: a temporary one)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--modes", default=",".join(MODES),
                        help=f"the modes to run, of {', '.join(MODES)} (each rebuild needs 'workers' before it)")
    args = parser.parse_args()

    files = sorted(p for p in args.corpus.iterdir() if p.is_file())
    files = files[: args.limit] if args.limit else files
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    everything = _corpus_view(files, work / "corpus")
    fewer = _corpus_view([p for i, p in enumerate(files) if i % 100 != 50], work / "corpus-less-1pc")

    modes = [m.strip() for m in args.modes.split(",")]
    workers = ("--workers", str(args.workers))
    runs = {
        "full-parse": lambda: kg_build(everything, work / "full", "--workers", "1", "--full-parse", "--no-cache"),
        "default": lambda: kg_build(everything, work / "one", "--workers", "1"),
        "workers": lambda: kg_build(everything, work / "many", *workers),
        "no change": lambda: kg_build(everything, work / "many", *workers),
        "1% gone": lambda: kg_build(fewer, work / "many", *workers),
        "1% new": lambda: kg_build(everything, work / "many", *workers),
    }
    figures: dict[str, dict] = {}
    if "raw" in modes:
        raw = run([sys.executable, "-c", RAW, str(everything)])
        figures["raw"] = {**json.loads(raw.pop("stdout")), "peak_mb": raw["peak_mb"], "wall": raw["seconds"]}
    for mode, folder in (("default", "one"), ("workers", "many")):
        if mode in modes and (work / folder).exists():
            shutil.rmtree(work / folder)  # a full build, not a rebuild of an earlier run's folder
    for mode in MODES[1:]:
        if mode in modes:
            figures[mode] = runs[mode]()
    report(figures, args.workers, len(files), work)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True))
    limited = sum(f.get("limit_skips", 0) for f in figures.values())
    if limited:
        print(f"\n!!! A LIMIT SKIPPED {limited} ARTICLES (time budget or size): these timings are not of the "
              "whole corpus, and its claims are missing !!!", file=sys.stderr)
        return 1
    return 0


def _ratio(figures: dict, over: str, under: str, invert: bool = False) -> str:
    if over not in figures or under not in figures:
        return "not run"
    a, b = figures[over]["seconds"], figures[under]["seconds"]
    return f"{(b / a if invert else a / b):.3f}"


def report(figures: dict, workers: int, files: int, work: Path) -> None:
    tokens = figures.get("raw", {}).get("tokens")
    print(f"corpus: {files} files; tokens (spaCy's, of every article): {tokens or 'raw not run'}; workers: {workers}")
    print(f"{'mode':<11} {'seconds':>8} {'tokens/s':>9} {'peak MB':>8} {'read':>6} {'skipped':>7} {'parsed':>6} "
          f"{'claims':>7}")
    for mode, f in figures.items():
        speed = f"{tokens / f['seconds']:>9,.0f}" if tokens else f"{'':>9}"
        print(f"{mode:<11} {f['seconds']:>8.1f} {speed} {f['peak_mb']:>8.0f} {f.get('read', f.get('articles')):>6} "
              f"{f.get('skipped', ''):>7} {f.get('parsed', ''):>6} {f.get('claims', ''):>7}")
    print()
    print(f"default (1 worker) / raw nlp.pipe throughput: {_ratio(figures, 'default', 'raw', invert=True)}"
          "  (target >= 2.0)")
    if "default" in figures and "full-parse" in figures:
        print(f"claims of default / claims of --full-parse:     "
              f"{figures['default']['claims'] / figures['full-parse']['claims']:.3f}")
    if (work / "one" / "graph.ttl").exists() and (work / "full" / "graph.ttl").exists():
        match = triples_match(work / "one" / "graph.ttl", work / "full" / "graph.ttl")
        figures["triples"] = match
        print(f"claim triples of --full-parse the default finds: {match['matched'] / match['full']:.3f}  "
              f"({match['matched']} of {match['full']}; {match['extra']} found by the default alone)  (target >= 0.98)")
    print(f"{workers} workers / 1 worker throughput:           {_ratio(figures, 'workers', 'default', invert=True)}"
          "  (target >= 1.7)")
    print(f"no-change rebuild / full build time:            {_ratio(figures, 'no change', 'workers')}  (target <= 0.03)")
    print(f"1% new rebuild / full build time:               {_ratio(figures, '1% new', 'workers')}  (target <= 0.05)")
    if "default" in figures:
        print(f"peak memory of the default build: {figures['default']['peak_mb']:.0f} MB (target <= 2048)")
    if (work / "one" / "graph.ttl").exists() and (work / "many" / "graph.ttl").exists():
        same = all((work / "one" / name).read_bytes() == (work / "many" / name).read_bytes()
                   for name in ("graph.ttl", "graph.html", "graph.gexf"))
        print(f"1 worker and {workers} workers (after its rebuilds) wrote the same graph.ttl, graph.html, "
              f"graph.gexf: {same}")


if __name__ == "__main__":
    sys.exit(main())
