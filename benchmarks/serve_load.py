"""`kg serve` under load: do cheap queries keep flowing while runaway queries are being stopped?

usage: python benchmarks/serve_load.py GRAPH.ttl [--workers 2] [--timeout 5] [--threads 16]
                                       [--requests 400] [--runaway-every 50] [--long-queries N]

Starts `kg serve GRAPH --port 0 --workers W --timeout T` and, once it listens, sends REQUESTS
queries over HTTP (urllib, one connection per request) from THREADS client threads. Request i
(counting from 1) is a runaway when i is a multiple of RUNAWAY_EVERY: a three-way cross join of
the whole graph, which no time limit lets finish; the others are cheap queries (lookups a user
of the graph makes, each a few milliseconds in Oxigraph), taken in turn. Prints the graph's
size, then for cheap queries the p50, p95 and max latency (seconds from sending the request to
reading the whole reply), the number of 503s among cheap and among runaway queries, and the
errors: any other status, or no reply. A runaway is expected to end in 503; a cheap query in
200. The machine is shared and noisy: compare runs made one after the other.
"""
from __future__ import annotations

import argparse
import json
import select
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PREFIXES = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "PREFIX kgo: <https://w3id.org/kg-news/ontology#> "
            "PREFIX kge: <https://w3id.org/kg-news/entity/> ")
CHEAP = [
    PREFIXES + "SELECT ?supplier WHERE { ?supplier kgo:supplies kge:hezbollah } ORDER BY ?supplier",
    PREFIXES + "SELECT ?label WHERE { kge:hamas rdfs:label ?label }",
    PREFIXES + "SELECT ?p ?o WHERE { kge:israel ?p ?o } LIMIT 20",
    PREFIXES + "SELECT ?claim ?o WHERE { ?claim rdf:subject kge:hamas ; rdf:object ?o } LIMIT 10",
    PREFIXES + "ASK { kge:iran kgo:supplies ?anyone }",
]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SIZE = {"triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "claims": PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?c a kgo:Claim }"}


def start(graph: Path, workers: int, timeout: float, options: list[str]) -> tuple[subprocess.Popen, str, float]:
    """`kg serve` on a free port: the process, its endpoint URL and the seconds it took to listen."""
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(graph), "--port", "0",
                             "--workers", str(workers), "--timeout", f"{timeout:g}", *options],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ready, _, _ = select.select([proc.stdout], [], [], 600)
    line = proc.stdout.readline() if ready else ""
    if " at http://" not in line:
        proc.kill()
        sys.exit(f"kg serve did not start: {line!r}")
    return proc, line.split(" at ")[1].split()[0], time.perf_counter() - began


def ask(url: str, query: str) -> tuple[int | None, float, str]:
    """(HTTP status or None when no reply, seconds, body) of one GET."""
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, body = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        status, body = err.code, err.read().decode("utf-8", errors="replace")
    except OSError as err:
        status, body = None, str(err)
    return status, time.perf_counter() - began, body


def count(url: str, query: str) -> int:
    status, _, body = ask(url, query)
    if status != 200:
        sys.exit(f"size query failed: {status} {body}")
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def load(url: str, requests: int, threads: int, runaway_every: int) -> list[tuple[bool, int | None, float, str]]:
    """(runaway?, status, seconds, body) of each request, sent by ``threads`` threads in turn."""
    jobs = [(i % runaway_every == 0, i) for i in range(1, requests + 1)]
    results: list[tuple[bool, int | None, float, str]] = []
    lock = threading.Lock()

    def client() -> None:
        while True:
            with lock:
                if not jobs:
                    return
                runaway, i = jobs.pop(0)
            status, seconds, body = ask(url, RUNAWAY if runaway else CHEAP[i % len(CHEAP)])
            with lock:
                results.append((runaway, status, seconds, body))

    pool = [threading.Thread(target=client) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--runaway-every", type=int, default=50)
    parser.add_argument("--long-queries", type=int, help="passed to kg serve (default: its own)")
    args = parser.parse_args()

    options = [] if args.long_queries is None else ["--long-queries", str(args.long_queries)]
    proc, url, started = start(args.graph, args.workers, args.timeout, options)
    try:
        print(f"graph: {args.graph} ({count(url, SIZE['triples']):,} triples, "
              f"{count(url, SIZE['claims']):,} claims); listening after {started:.1f} s")
        for query in CHEAP:  # each cheap query must answer, and once before the clock starts
            status, seconds, body = ask(url, query)
            if status != 200:
                sys.exit(f"cheap query failed: {status} {body}")
        began = time.perf_counter()
        results = load(url, args.requests, args.threads, args.runaway_every)
        wall = time.perf_counter() - began
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    cheap = sorted(seconds for runaway, _, seconds, _ in results if not runaway)
    p95 = statistics.quantiles(cheap, n=20, method="inclusive")[-1]
    refused = {kind: sum(1 for runaway, status, _, _ in results if runaway == (kind == "runaway") and status == 503)
               for kind in ("cheap", "runaway")}
    at_limit = sum(1 for runaway, status, _, body in results
                   if runaway and status == 503 and "time limit" in body)  # the others were cut earlier
    errors = [(runaway, status) for runaway, status, _, _ in results if status not in (200, 503)]
    print(f"kg serve --workers {args.workers} --timeout {args.timeout:g}; {args.threads} client threads, "
          f"{len(results)} requests ({len(cheap)} cheap, {len(results) - len(cheap)} runaway) in {wall:.1f} s")
    print(f"cheap latency: p50 {statistics.median(cheap):.3f} s, p95 {p95:.3f} s, max {cheap[-1]:.3f} s")
    print(f"503s: {refused['cheap']} of {len(cheap)} cheap, {refused['runaway']} of {len(results) - len(cheap)} "
          f"runaway ({at_limit} of them at the time limit)")
    print(f"errors: {len(errors)}" + (f" {errors[:10]}" if errors else ""))


if __name__ == "__main__":
    main()
