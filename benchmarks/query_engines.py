"""Oxigraph against rdflib's SPARQL engine on a built graph: load time and each named query.

usage: python benchmarks/query_engines.py GRAPH.ttl [--repeats N] [--cap SECONDS]

Each named query (with the parameters below) runs N times on each engine; the best time is
kept. rdflib runs each query in a forked child holding the already parsed graph, so a query
that exceeds --cap seconds is stopped and reported as "> cap" (its ratio is then a lower
bound). Row counts are printed for both engines: they must agree. The machine is shared and
noisy: compare ratios, not seconds, between runs.
"""
from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

from kg.sparql.query import load_rdflib, load_store, named_queries, rows_oxigraph, rows_rdflib

PARAMS = {"about": {"entity": "Hezbollah"}, "timeline": {"relation": "supplies"}}
_FORK = multiprocessing.get_context("fork")  # the child shares the parsed graph, no reload


def _best(action, repeats: int) -> tuple[float, int]:
    """(best seconds, rows) over ``repeats`` runs of ``action`` returning (columns, rows)."""
    best, count = float("inf"), 0
    for _ in range(repeats):
        start = time.perf_counter()
        count = len(action()[1])
        best = min(best, time.perf_counter() - start)
    return best, count


def _rdflib_child(graph, text, params, repeats, conn) -> None:
    conn.send(_best(lambda: rows_rdflib(graph, text, params), repeats))


def _rdflib_capped(graph, text: str, params: dict, repeats: int, cap: float) -> tuple[float | None, int | None]:
    parent, child = _FORK.Pipe()
    proc = _FORK.Process(target=_rdflib_child, args=(graph, text, params, repeats, child))
    proc.start()
    try:
        if parent.poll(cap * repeats):
            return parent.recv()
        return None, None
    finally:
        proc.kill()
        proc.join()


def _timed(action):
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("graph", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cap", type=float, default=120.0, help="seconds per rdflib query run")
    args = parser.parse_args()

    store, ox_load = _timed(lambda: load_store(args.graph))
    graph, rl_load = _timed(lambda: load_rdflib(args.graph))
    print(f"graph: {args.graph} ({len(store)} triples); best of {args.repeats} runs; rdflib cap {args.cap:g} s/run")
    print(f"{'step':<20} {'rows ox':>8} {'rows rdflib':>11} {'oxigraph s':>11} {'rdflib s':>10} {'ratio':>8}")
    print(f"{'load Turtle':<20} {'':>8} {'':>11} {ox_load:>11.3f} {rl_load:>10.3f} {rl_load / ox_load:>8.1f}")
    ox_total = rl_total = 0.0
    for name, query in named_queries().items():
        params = PARAMS.get(name, {})
        ox_s, ox_rows = _best(lambda: rows_oxigraph(store, query.text, params), args.repeats)
        rl_s, rl_rows = _rdflib_capped(graph, query.text, params, args.repeats, args.cap)
        ox_total += ox_s
        rl_total += rl_s if rl_s is not None else args.cap
        rl_text = f"{rl_s:>10.3f}" if rl_s is not None else f"{'> ' + format(args.cap, 'g'):>10}"
        ratio = (rl_s if rl_s is not None else args.cap) / max(ox_s, 1e-9)
        mark = "" if rl_s is not None else ">"
        print(f"{name:<20} {ox_rows:>8} {rl_rows if rl_rows is not None else '-':>11} "
              f"{ox_s:>11.3f} {rl_text} {mark + format(ratio, '.0f'):>8}")
    print(f"{'all queries':<20} {'':>8} {'':>11} {ox_total:>11.3f} {rl_total:>10.3f} {rl_total / ox_total:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
