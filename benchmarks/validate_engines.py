"""Time `kg validate`'s two engines on one graph and check they find the same.

    python benchmarks/validate_engines.py GRAPH.ttl [--skip-pyshacl]

oxigraph: the shapes compiled to SPARQL and run on Oxigraph (the default engine);
pyshacl: the reference SHACL engine on rdflib. Prints each engine's time, peak memory of
the process so far, the numbers of violations and warnings, and whether the findings are
the same, finding for finding.
"""
from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from kg.sparql.validate import validate_graph


def run(graph: Path, engine: str):
    started = time.perf_counter()
    report = validate_graph(graph, engine=engine)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{engine:>8}: {seconds:7.1f} s, peak memory so far {peak_mb:,.0f} MB, "
          f"{len(report.violations)} violations, {len(report.warnings)} warnings")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--skip-pyshacl", action="store_true", help="time the fast engine only")
    args = parser.parse_args()
    fast = run(args.graph, "oxigraph")
    if args.skip_pyshacl:
        return
    reference = run(args.graph, "pyshacl")
    same = fast.findings == reference.findings
    print(f"same findings: {'yes' if same else 'NO'} ({len(fast.findings)} and {len(reference.findings)})")
    for finding in sorted(set(fast.findings) ^ set(reference.findings), key=str)[:20]:
        print(f"  only in {'oxigraph' if finding in fast.findings else 'pyshacl'}: {finding}")


if __name__ == "__main__":
    main()
