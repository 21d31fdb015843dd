"""Check a built graph against the graph contract, ``shapes.ttl`` of the ontology folder.

Two engines give the same findings: ``oxigraph`` (the default) runs each constraint as one
SPARQL query over the whole graph (:mod:`kg.shacl_sparql`), seconds on a large graph;
``pyshacl`` is the reference implementation, minutes on the same graph, and is used as well
when the shapes need a part of SHACL the SPARQL compilation does not cover. The ontology
(``kg.ttl``) is read beside the data so that class constraints follow its subclasses and the
claim shape can read each relation's domain and range from it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import logging
import re

import pyoxigraph as ox
from rdflib import BNode, Graph, Namespace
from rdflib.collection import Collection

from ..errors import KGError
from ..ontology import DEFAULT_ONTOLOGY_DIR, ONTOLOGY_FILE, load_ontology, ontology_folder
from .inspect import read_graph

__all__ = ["DEFAULT_SHAPES", "ENGINES", "Finding", "ValidationReport", "validate_graph"]

logger = logging.getLogger(__name__)
ENGINES = ("oxigraph", "pyshacl")
_PREFIX_LINE = re.compile(r"@prefix\s+([\w-]*):\s*<([^>]*)>\s*\.", re.IGNORECASE)

SHAPES_FILE = "shapes.ttl"
DEFAULT_SHAPES = DEFAULT_ONTOLOGY_DIR / SHAPES_FILE
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


def validate_graph(graph: Path, shapes: Path | None = None, ontology_dir: Path | None = None,
                   engine: str = "oxigraph") -> ValidationReport:
    """Validate the Turtle file ``graph`` against ``shapes`` (default: ``shapes.ttl`` of the ontology
    folder) with the ``kg.ttl`` of the ontology folder ``ontology_dir`` (default: the shipped one)
    read beside it; KGError names a file that is missing or unparsable."""
    if engine not in ENGINES:
        raise KGError(f"unknown validation engine {engine!r}; known: {', '.join(ENGINES)}")
    folder = ontology_folder(ontology_dir)
    shapes = Path(shapes or folder / SHAPES_FILE)
    shapes_graph = read_graph(shapes)
    if engine == "oxigraph":
        from .shacl_sparql import Unsupported

        try:
            return _validate_oxigraph(Path(graph), shapes_graph, folder)
        except Unsupported as err:
            logger.warning("%s: %s; validating with pySHACL", shapes, err)
    return _validate_pyshacl(Path(graph), shapes_graph, shapes, folder)


def _validate_oxigraph(graph: Path, shapes_graph: Graph, ontology_dir: Path) -> ValidationReport:
    from .query import load_store
    from .shacl_sparql import check_shapes

    store = load_store(graph)
    load_ontology(ontology_dir)  # a missing or malformed kg.ttl named as the build names it
    store.bulk_load(path=str(ontology_dir / ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)
    names = _prefixes_of(graph)
    found = {Finding(v.severity, _short(names, v.focus), _path_name(names, v.path), v.message)
             for v in check_shapes(store, shapes_graph)}
    ordered = tuple(sorted(found, key=_order))
    return ValidationReport(not any(f.severity == "Violation" for f in ordered), ordered)


def _prefixes_of(graph: Path) -> Graph:
    """An empty rdflib graph bound to the prefixes of the Turtle file's head, to shorten IRIs as
    pySHACL's report does, without parsing the whole file in rdflib."""
    names = Graph()
    with graph.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            match = _PREFIX_LINE.match(line.strip())
            if match:
                names.bind(match.group(1), match.group(2), override=True)
            elif line.strip():
                break
    return names


def _path_name(names: Graph, path: object) -> str:
    if path is None:
        return ""
    if isinstance(path, tuple):
        return "/".join(_short(names, step) for step in path)
    return _short(names, path)


def _order(finding: Finding) -> tuple:
    return finding.severity != "Violation", finding.focus, finding.path, finding.message


def _validate_pyshacl(graph: Path, shapes_graph: Graph, shapes: Path,
                      ontology_dir: Path) -> ValidationReport:
    import pyshacl

    data = read_graph(graph)
    # Merged by hand: pySHACL's ont_graph copies only RDFS/OWL axioms, not that
    # kgo:supplies is a kgo:Relation, which the claim shape checks.
    data += load_ontology(ontology_dir).graph
    try:
        conforms, report, _ = pyshacl.validate(
            data, shacl_graph=shapes_graph, inference="none",
            allow_warnings=True, advanced=False, inplace=True,
        )
    except Exception as err:  # pySHACL raises its own types for malformed shapes
        raise KGError(f"{shapes}: cannot validate with these shapes: {err}") from err
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
    return tuple(sorted(set(found), key=_order))


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
