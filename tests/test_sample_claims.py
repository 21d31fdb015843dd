"""benchmarks/sample_claims.py: a stratified draw of claims for judging by hand, on the sample graph."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from rdflib import RDF, Graph

from kg.ontology import KGO

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "sample_claims.py"
SAMPLE_GRAPH = ROOT / "output" / "graph.ttl"


def sample(*args: str) -> str:
    run = subprocess.run([sys.executable, str(SCRIPT), str(SAMPLE_GRAPH), *args],
                         capture_output=True, text=True, check=True)
    return run.stdout


def table_rows(text: str) -> list[list[str]]:
    """The cells of each body row of the markdown table, escaped pipes restored."""
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| # |")]
    return [[cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line[1:-1])] for line in rows]


def test_draws_n_claims_per_relation_or_all_of_a_smaller_one():
    graph = Graph().parse(SAMPLE_GRAPH)
    claims = set(graph.subjects(RDF.type, KGO.Claim))
    per_relation = Counter(str(graph.value(c, RDF.predicate)).split("#")[-1] for c in claims)
    assert min(per_relation.values()) < 3 < max(per_relation.values())  # both cases are exercised
    rows = table_rows(sample("--per-relation", "3", "--seed", "11"))
    drawn = Counter(row[1] for row in rows)
    assert drawn == {relation: min(3, n) for relation, n in per_relation.items()}
    sentences = {str(graph.value(c, KGO.evidence)) for c in claims}
    for row in rows:
        assert len(row) == 10 and row[-1] == ""  # the judgement is left for a person
        assert row[8] in sentences
        assert row[5] in {"Asserted", "Planned", "Possible", "Negated"}


def test_the_same_seed_gives_the_same_table_and_another_seed_another(tmp_path):
    first = sample("--per-relation", "2", "--seed", "5")
    assert sample("--per-relation", "2", "--seed", "5") == first
    assert sample("--per-relation", "2", "--seed", "6") != first
    out = tmp_path / "judge.md"
    sample("--per-relation", "2", "--seed", "5", "--out", str(out))
    assert out.read_text(encoding="utf-8") == first
    assert "| # | relation | subject | object | items | modality | article | date | sentence | judgement |" in first


def test_a_sentence_with_pipes_and_line_breaks_stays_in_its_cell(tmp_path):
    from rdflib import RDFS, Literal

    from kg.ontology import KGC, KGE

    graph = Graph()
    for slug, name in (("a", "Alder | Sons"), ("b", "Birch")):
        graph.add((KGE[slug], RDFS.label, Literal(name)))
    claim = KGC["c1"]
    for p, o in ((RDF.type, KGO.Claim), (RDF.subject, KGE["a"]), (RDF.predicate, KGO.supplies),
                 (RDF.object, KGE["b"]), (KGO.modality, KGO.Possible),
                 (KGO.evidence, Literal("Alder | Sons may ship\nrifles to Birch."))):
        graph.add((claim, p, o))
    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    run = subprocess.run([sys.executable, str(SCRIPT), str(path), "--per-relation", "1"],
                         capture_output=True, text=True, check=True)
    [row] = table_rows(run.stdout)
    assert row[1:4] == ["supplies", "Alder | Sons", "Birch"]
    assert row[8] == "Alder | Sons may ship rifles to Birch." and row[9] == ""
