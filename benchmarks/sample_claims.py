"""Draw claims of a graph for a person to judge by hand, the same number from each relation.

    python benchmarks/sample_claims.py GRAPH.ttl --per-relation 10 --seed 1 [--out judge.md]

Writes a markdown table: for each claim drawn its relation, subject, object, items, modality,
article, date and sentence, with an empty "judgement" column to fill in (for instance "ok",
"wrong" or "wrong: should be Possible"). A relation with fewer claims than asked gives them all.
Each relation's draw depends only on the seed and that relation's claims, so the same graph and
seed give the same file, and a new relation elsewhere does not change the draw of the others.
Read the precision of a relation as the share of its rows judged ok.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph
from rdflib.namespace import DCTERMS

from kg.errors import KGError
from kg.ontology import KGO
from kg.sparql.inspect import read_graph

COLUMNS = ("#", "relation", "subject", "object", "items", "modality", "article", "date", "sentence", "judgement")


@dataclass(frozen=True)
class ClaimRow:
    claim: str
    relation: str
    subject: str
    object: str
    items: str
    modality: str
    article: str
    date: str
    sentence: str


def local_name(term) -> str:
    return str(term).replace("#", "/").rstrip("/").rsplit("/", 1)[-1]


def claim_rows(graph: Graph) -> dict[str, list[ClaimRow]]:
    """relation -> its claims, in claim IRI order."""
    def label(node) -> str:
        return str(graph.value(node, RDFS.label) or local_name(node))

    rows = defaultdict(list)
    for claim in sorted(set(graph.subjects(RDF.type, KGO.Claim))):
        def one(prop, show=str) -> str:
            value = graph.value(claim, prop)
            return "" if value is None else show(value)

        row = ClaimRow(claim=local_name(claim), relation=one(RDF.predicate, local_name),
                       subject=one(RDF.subject, label), object=one(RDF.object, label),
                       items=", ".join(sorted(label(i) for i in graph.objects(claim, KGO.item))),
                       modality=one(KGO.modality, local_name), article=one(DCTERMS.isPartOf, local_name),
                       date=one(DCTERMS.date), sentence=one(KGO.evidence))
        rows[row.relation].append(row)
    return rows


def draw(rows: dict[str, list[ClaimRow]], per_relation: int, seed: int) -> list[ClaimRow]:
    """Up to ``per_relation`` claims of each relation, relations in name order."""
    drawn = []
    for relation in sorted(rows):
        claims = rows[relation]
        # A string seed is hashed the same way on every run and machine.
        picked = random.Random(f"{seed}:{relation}").sample(claims, min(per_relation, len(claims)))
        drawn.extend(sorted(picked, key=lambda row: row.claim))
    return drawn


def cell(text: str) -> str:
    """Text made safe for one markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def markdown(graph_name: str, rows: dict[str, list[ClaimRow]], drawn: list[ClaimRow],
             per_relation: int, seed: int) -> str:
    counts = ", ".join(f"{r} {sum(d.relation == r for d in drawn)} of {len(rows[r])}" for r in sorted(rows))
    lines = [f"# Claims of {graph_name} to judge by hand", "",
             f"{len(drawn)} claims drawn, up to {per_relation} per relation, seed {seed}: {counts}.", "",
             "Fill in the judgement column: is the claim what the sentence says (subject, relation, object, "
             "items and modality)?", "",
             "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for number, row in enumerate(drawn, 1):
        values = (str(number), row.relation, row.subject, row.object, row.items, row.modality, row.article,
                  row.date, row.sentence, "")
        lines.append("| " + " | ".join(cell(v) for v in values) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graph", type=Path, help="a graph.ttl written by kg build")
    parser.add_argument("--per-relation", type=int, default=10, help="claims to draw from each relation")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="markdown file to write (default: standard output)")
    args = parser.parse_args(argv)
    if args.per_relation < 1:
        parser.error("--per-relation must be at least 1")
    try:
        graph = read_graph(args.graph)
    except KGError as err:
        print(f"sample_claims: {err}", file=sys.stderr)
        return 1
    rows = claim_rows(graph)
    text = markdown(str(args.graph), rows, draw(rows, args.per_relation, args.seed), args.per_relation, args.seed)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
