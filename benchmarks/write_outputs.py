"""Seconds to write each file of a build from its graph, as ``write_build`` writes them.

    python benchmarks/write_outputs.py GRAPH.ttl [--profile FORMAT] [--repeat N]

Loads GRAPH.ttl (a built graph) with rdflib, then writes graph.ttl (``write_turtle``) and each
format of ``BUILD_FORMATS`` through ``kg.export.WRITERS`` into a temporary folder, in the order of
``write_build``, printing the seconds each file took and the total. As in ``write_build``, the writers
share one list of the graph's triples (made first, on its own line). The network the page, GEXF and
GraphML share is made by the first of them that needs it (reported on its own line first, so the
three files' times are theirs alone). ``--profile FORMAT`` (ttl, html, gexf, graphml, jsonld or
network) prints the 25 costliest functions of that one file under cProfile instead.
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph

from kg.export import BUILD_FORMATS, WRITERS
from kg.export.network import to_network
from kg.export.turtle import write_turtle

try:
    from kg.export.triples import shared_triples
except ImportError:  # a kg from before the writers shared one list of the triples
    shared_triples = None


def _steps(graph: Graph, folder: Path, stack: contextlib.ExitStack) -> dict:
    steps = {"triples": lambda: stack.enter_context(shared_triples(graph)) if shared_triples else None,
             "ttl": lambda: write_turtle(graph, folder / "graph.ttl"),
             "network": lambda: to_network(graph)}
    for fmt in BUILD_FORMATS:
        steps[fmt] = (lambda f: lambda: WRITERS[f](graph, folder / f"graph.{f}"))(fmt)
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="a graph.ttl written by kg build")
    parser.add_argument("--profile", choices=("ttl", "network", *BUILD_FORMATS))
    parser.add_argument("--repeat", type=int, default=1, help="times to write each file (the best is shown)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    graph = Graph().parse(args.graph, format="turtle")
    print(f"loaded {len(graph):,} triples in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        steps = _steps(graph, Path(tmp), stack)
        if args.profile:
            steps["triples"]()
            if args.profile in ("html", "gexf", "graphml"):
                steps["network"]()
            profiler = cProfile.Profile()
            profiler.runcall(steps[args.profile])
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
            return 0
        total = 0.0
        for name, step in steps.items():
            best = float("inf")
            for _ in range(1 if name in ("triples", "network") else args.repeat):  # both are made once
                started = time.perf_counter()
                step()
                best = min(best, time.perf_counter() - started)
            total += best
            print(f"{name:8} {best:7.2f} s")
        print(f"{'total':8} {total:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
