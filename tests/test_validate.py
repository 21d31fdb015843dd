"""kg validate: the sample graph conforms to ontology/shapes.ttl; broken copies show their violations."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ontology import load_ontology

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "output" / "graph.ttl"

runner = CliRunner()


def _validate(path: Path):
    return runner.invoke(app, ["validate", str(path)])


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = GRAPH.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "graph.ttl"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    return broken


def test_validate_sample_graph_conforms():
    result = _validate(GRAPH)
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().split("\n")[-1]
    assert re.fullmatch(rf"{re.escape(str(GRAPH))}: conforms \(\d+ warnings\)", last)
    # Article 003 of the sample gives no date: reported, not a violation.
    assert "Warning: kgc:" in result.stdout and "Violation" not in result.stdout


def _first_planned_claim() -> tuple[str, str, str]:
    """A claim's modality line taken out of the committed graph, whatever that claim's id is today."""
    text = GRAPH.read_text(encoding="utf-8")
    line = "    kgo:modality kgo:Planned ;\n"
    at = text.index(line)
    claim = re.findall(r"^(kgc:\w+) ", text[:at], flags=re.M)[-1]
    return line, "", f"Violation: {claim} kgo:modality: a claim has exactly one modality"


@pytest.mark.parametrize(("old", "new", "expected"), [
    _first_planned_claim(),
    ("kge:wagner-group a kgo:ArmedGroup ;\n    rdfs:label \"Wagner Group\" ;",
     "kge:wagner-group a kgo:ArmedGroup ;",
     "Violation: kge:wagner-group rdfs:label: an entity has exactly one rdfs:label"),
    ("rdf:subject kge:yevgeny-prigozhin ;", "rdf:subject kge:russia ;",
     "the subject of a leads claim, russia, has a class that kg.ttl does not allow there"),
    ("kge:wagner-group a kgo:ArmedGroup ;", "kge:wagner-group a kgo:Place ;",
     "Violation: kgo:supplies: the subject of a supplies edge, wagner-group, has a class that kg.ttl does not "
     "allow there"),
])
def test_validate_broken_graph_names_the_violation(tmp_path, old, new, expected):
    result = _validate(_broken_copy(tmp_path, old, new))
    assert result.exit_code == 1
    assert expected in result.stdout
    assert "does not conform:" in result.stdout.strip().split("\n")[-1]


def test_validate_missing_graph_names_the_file(tmp_path):
    result = _validate(tmp_path / "none.ttl")
    assert result.exit_code == 1 and f"{tmp_path / 'none.ttl'}: graph file not found" in result.stderr


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_validate_checks_the_edges_of_every_relation_the_ontology_declares(tmp_path, engine):
    """shapes.ttl names no relation: its edge shape reads each relation's domain and range from kg.ttl.
    A weapon system is in no relation's domain or range, so an edge from it to itself breaks both ends."""
    from kg.sparql.validate import validate_graph

    relations = sorted(load_ontology().relations)
    assert len(relations) == 9
    broken = tmp_path / "graph.ttl"
    broken.write_text(GRAPH.read_text(encoding="utf-8") + "".join(
        f"kge:pantsir-s1 kgo:{name} kge:pantsir-s1 .\n" for name in relations), encoding="utf-8")
    found = {str(f) for f in validate_graph(broken, engine=engine).violations}
    assert found == {f"Violation: kgo:{name}: the {end} of a {name} edge, pantsir-s1, has a class that kg.ttl "
                     "does not allow there" for name in relations for end in ("subject", "object")}


# Each line breaks a different constraint of shapes.ttl; both engines must report the same.
BREAKAGES = [
    ("    kgo:item kge:air-defence-system ;\n    kgo:modality kgo:Planned ;",
     "    kgo:item kge:russia, \"a literal\" ;\n    kgo:modality kgo:Planned, kgo:Possible ;"),
    ("    kgo:confidence 0.", "    kgo:confidence 1."),  # the first claim's, now over 1
    ("    kgo:mentionCount 1 .", "    kgo:mentionCount 0, \"many\" ."),
    ('    dcterms:date "2023-11-03"^^xsd:date ;\n    dcterms:source', '    dcterms:date "2023-11-03", "2023-11-04" ;\n    dcterms:source'),
    ('    dcterms:source "000_913475dfa0a1c5c8.txt" ;\n', ""),
    ("rdf:subject kge:yevgeny-prigozhin ;", "rdf:subject kge:russia ;"),
    ("kge:wagner-group a kgo:ArmedGroup ;", "kge:wagner-group a kgo:Place ;"),
    ("    rdf:object kge:russia ;\n    rdf:predicate kgo:threatensSanctions ;",
     "    rdf:object \"Russia\" ;\n    rdf:predicate kgo:threatensSanctions, kgo:sanctions ;"),
]


def test_validate_oxigraph_and_pyshacl_give_the_same_findings(tmp_path):
    from kg.sparql.validate import validate_graph

    text = GRAPH.read_text(encoding="utf-8")
    for old, new in BREAKAGES:
        assert old in text, old
        text = text.replace(old, new, 1)
    broken = tmp_path / "graph.ttl"
    broken.write_text(text, encoding="utf-8")
    fast = validate_graph(broken, engine="oxigraph")
    reference = validate_graph(broken, engine="pyshacl")
    assert fast.findings == reference.findings
    assert not fast.conforms and len(fast.violations) >= len(BREAKAGES) + 4
    assert validate_graph(GRAPH, engine="oxigraph").findings == validate_graph(GRAPH, engine="pyshacl").findings
