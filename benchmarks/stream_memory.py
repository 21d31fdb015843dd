"""Time and memory of writing a graph: streamed N-Triples / N-Quads against the rdflib graph as Turtle.

    python benchmarks/stream_memory.py --articles 2000

Generates ARTICLES articles of CLAIMS claims each (two claims a sentence) among 2,000 entities,
then, each in its own process so the peaks do not mix, writes them as graph.nq, graph.nt and
graph.ttl (build_graph, then Turtle) into a temporary folder. Reports triples, seconds, file size
and the peak resident memory of the process over what the claims themselves take.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.export.stream import write_stream
from kg.export.turtle import write_turtle
from kg.graph.assemble import build_graph
from kg.model import Claim, Document, Entity

ENTITIES = 2000


def corpus(articles: int, claims: int) -> tuple[list[Entity], list[Document], list[Claim]]:
    entities = [Entity(id=f"e{i}", label=f"Entity {i}", type="ArmedGroup", mentions=3, documents=("d0",))
                for i in range(ENTITIES)]
    documents = [Document(id=f"d{d}", title=f"Title {d}", text="", date="2024-01-02", source=f"d{d}.txt")
                 for d in range(articles)]
    made = []
    for d in range(articles):
        for k in range(claims):
            subject, obj = (d + k) % ENTITIES, (d * 7 + k) % ENTITIES
            text = f"Sentence {k // 2} of article {d}: entity {subject} backs entity {obj}."
            made.append(Claim(subject=f"e{subject}", relation="backs", object=f"e{obj}", document=f"d{d}",
                              sentence=k // 2, text=text, start_char=0, end_char=len(text), date="2024-01-02"))
    return entities, documents, made


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(fmt: str, articles: int, claims: int, out: Path) -> str:
    entities, documents, made = corpus(articles, claims)
    before = peak_mb()
    start = time.perf_counter()
    path = out / f"graph.{fmt}"
    if fmt == "ttl":
        graph = build_graph(entities, documents, made)
        write_turtle(graph, path)
        lines = len(graph)
    else:
        write_stream(entities, documents, made, path, quads=fmt == "nq")
        with path.open("rb") as handle:
            lines = sum(1 for _ in handle)
    seconds = time.perf_counter() - start
    return (f"| {fmt} | {lines:,} | {seconds:.1f} s | {path.stat().st_size / 1e6:.0f} MB "
            f"| {peak_mb() - before:.0f} MB |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--claims", type=int, default=10, help="claims per article")
    parser.add_argument("--one", choices=("nq", "nt", "ttl"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(measure(args.one, args.articles, args.claims, args.out))
        return
    print(f"{args.articles} articles, {args.articles * args.claims} claims")
    print("| format | triples (quads) | time | file | memory over the claims |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as out:
        for fmt in ("nq", "nt", "ttl"):
            done = subprocess.run([sys.executable, __file__, "--one", fmt, "--articles", str(args.articles),
                                   "--claims", str(args.claims), "--out", out],
                                  capture_output=True, text=True, check=True)
            print(done.stdout.strip())


if __name__ == "__main__":
    main()
