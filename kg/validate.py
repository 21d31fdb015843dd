"""Check a built graph against the graph contract, ``ontology/shapes.ttl``, with pySHACL.

The ontology (``kg.ttl``) is read beside the data so that class constraints follow its
subclasses and the claim shape can read each relation's domain and range from it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Namespace
from rdflib.collection import Collection

from .errors import KGError
from .inspect import read_graph
from .ontology import DEFAULT_ONTOLOGY_DIR, load_ontology

__all__ = ["DEFAULT_SHAPES", "Finding", "ValidationReport", "validate_graph"]

DEFAULT_SHAPES = DEFAULT_ONTOLOGY_DIR / "shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of the SHACL report: how bad, which node, which property, what is wrong."""

    severity: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """``conforms`` is False only when a finding is a Violation; warnings are listed beside."""

    conforms: bool
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Violation")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity != "Violation")


def validate_graph(graph: Path, shapes: Path | None = None, ontology_dir: Path | None = None) -> ValidationReport:
    """Validate the Turtle file ``graph``; KGError names a file that is missing or unparsable."""
    import pyshacl

    data = read_graph(Path(graph))
    shapes_graph = read_graph(Path(shapes or DEFAULT_SHAPES))
    # Merged by hand: pySHACL's ont_graph copies only RDFS/OWL axioms, not that
    # kgo:supplies is a kgo:Relation, which the claim shape checks.
    data += load_ontology(ontology_dir).graph
    try:
        conforms, report, _ = pyshacl.validate(
            data, shacl_graph=shapes_graph, inference="none",
            allow_warnings=True, advanced=False, inplace=True,
        )
    except Exception as err:  # pySHACL raises its own types for malformed shapes
        raise KGError(f"{shapes or DEFAULT_SHAPES}: cannot validate with these shapes: {err}") from err
    return ValidationReport(bool(conforms), _findings(report, data))


def _findings(report: Graph, data: Graph) -> tuple[Finding, ...]:
    found = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = str(report.value(result, SH.resultSeverity)).removeprefix(str(SH))
        path = report.value(result, SH.resultPath)
        found.append(Finding(
            severity=severity,
            focus=_short(data, report.value(result, SH.focusNode)),
            path=_path_text(data, report, path),
            message=str(report.value(result, SH.resultMessage) or ""),
        ))
    return tuple(sorted(set(found), key=lambda f: (f.severity != "Violation", f.focus, f.path, f.message)))


def _short(graph: Graph, term: object) -> str:
    try:
        return graph.namespace_manager.normalizeUri(term)  # type: ignore[arg-type]
    except Exception:  # a literal or an IRI with no prefix
        return str(term)


def _path_text(data: Graph, report: Graph, path: object) -> str:
    """``rdf:subject``, or ``dcterms:isPartOf/dcterms:date`` for a sequence path."""
    if path is None:
        return ""
    if isinstance(path, BNode):
        return "/".join(_short(data, step) for step in Collection(report, path))
    return _short(data, path)
