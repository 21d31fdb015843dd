"""Load ontology/kg.ttl: the classes, relations and modalities kg knows.

The ontology file is the single source for class and relation names; rules and
code check their names against the :class:`Ontology` loaded here, so a typo
fails loudly with the list of valid names.

Example:
    >>> onto = load_ontology()
    >>> onto.relations["supplies"].range[:2]
    ('ArmedGroup', 'GovernmentBody')
"""
from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Namespace, URIRef
from rdflib.collection import Collection as RDFList
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from kg.errors import OntologyError, RuleError

__all__ = [
    "DEFAULT_ONTOLOGY_DIR",
    "KGC",
    "KGD",
    "KGE",
    "KGO",
    "Ontology",
    "Relation",
    "load_ontology",
    "ontology_folder",
    "syntax_message",
]

KGO = Namespace("https://w3id.org/kg-news/ontology#")
KGE = Namespace("https://w3id.org/kg-news/entity/")
KGD = Namespace("https://w3id.org/kg-news/doc/")
KGC = Namespace("https://w3id.org/kg-news/claim/")

DEFAULT_ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = "kg.ttl"

# Abstract classes: no entity is typed with them, so a domain or range naming
# one stands for its subclasses.
ABSTRACT_CLASSES = frozenset({"Actor"})

_UNTERMINATED = "expected '.' or '}' or ']' at end of statement"


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation property of the ontology, e.g. ``kgo:supplies``.

    Class names are local names; ``domain`` and ``range`` list the concrete
    classes allowed (unions and abstract classes expanded), sorted.
    ``close_match`` holds the full IRIs of matching CAMEO event codes.
    """

    name: str
    label: str
    comment: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    symmetric: bool
    close_match: tuple[str, ...]


@dataclass(frozen=True)
class Ontology:
    """The loaded ontology. Shared by the cache: treat ``graph`` as read-only."""

    graph: Graph
    classes: frozenset[str]
    relations: dict[str, Relation]
    modalities: tuple[str, ...]

    def check_class(self, name: str, where: str) -> None:
        """Raise RuleError, naming ``where`` and the known classes, if ``name`` is not a class."""
        _check_known(name, self.classes, "class", where)

    def range_classes(self, prop: str) -> frozenset[str]:
        """The classes an object of ``kgo:<prop>`` may have: its range and the range's subclasses."""
        ranges = set(self.graph.objects(KGO[prop], RDFS.range))
        found = {node for r in ranges for node in self.graph.transitive_subjects(RDFS.subClassOf, r)}
        return frozenset(str(node)[len(str(KGO)):] for node in found if str(node).startswith(str(KGO)))

    def check_relation(self, name: str, where: str) -> None:
        """Raise RuleError, naming ``where`` and the known relations, if ``name`` is not a relation."""
        _check_known(name, self.relations, "relation", where)


def _check_known(name: str, known: Collection[str], kind: str, where: str) -> None:
    if name not in known:
        names = ", ".join(sorted(known))
        raise RuleError(f"{where}: unknown {kind} {name!r}; known: {names}")


def ontology_folder(directory: str | Path | None = None) -> Path:
    """The ontology folder a command reads: ``directory`` (a copy of ``ontology/`` given with
    ``--ontology``) or, when None, the shipped one.

    Every command that reads the ontology (build, validate, query, score) finds it here, so a
    copy given to one is read the same way by the others: its ``kg.ttl``, ``rules/``,
    ``entities.jsonl``, ``shapes.ttl`` and ``queries/``. Raises OntologyError when
    ``directory`` is not a folder.
    """
    if directory is None:
        return DEFAULT_ONTOLOGY_DIR
    folder = Path(directory)
    if not folder.is_dir():
        raise OntologyError(f"{folder}: ontology folder not found; give a copy of the shipped ontology/ "
                            "(kg.ttl, entities.jsonl, rules/, shapes.ttl, queries/)")
    return folder


def load_ontology(directory: Path | None = None) -> Ontology:
    """Load ``kg.ttl`` from ``directory`` (default: the shipped ``ontology/``).

    Cached per resolved directory. Raises OntologyError naming the file (and
    line, for a Turtle syntax error) when it is missing or malformed.
    """
    return _load_cached(str(Path(directory or DEFAULT_ONTOLOGY_DIR).resolve()))


@functools.cache
def _load_cached(directory: str) -> Ontology:
    path = Path(directory) / ONTOLOGY_FILE
    graph = _parse(path)
    classes = frozenset(_local(c) for c in graph.subjects(RDF.type, OWL.Class) if _is_kgo(c))
    relations = {
        _local(p): _relation(graph, p, path)
        for p in sorted(graph.subjects(RDF.type, KGO.Relation))
    }
    modalities = tuple(sorted(_local(m) for m in graph.subjects(RDF.type, KGO.Modality)))
    for relation in relations.values():
        _check_relation_classes(relation, classes, path)
    return Ontology(graph, classes, relations, modalities)


def _check_relation_classes(relation: Relation, classes: frozenset[str], path: Path) -> None:
    unknown = sorted(set(relation.domain + relation.range) - classes)
    if unknown:
        raise OntologyError(
            f"{path}: relation {relation.name!r} names undeclared classes: {', '.join(unknown)}"
        )


def _parse(path: Path) -> Graph:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise OntologyError(f"{path}: ontology file not found") from err
    except (OSError, UnicodeDecodeError) as err:
        raise OntologyError(f"{path}: cannot read the ontology: {err}") from err
    try:
        return Graph().parse(data=text, format="turtle")
    except BadSyntax as err:
        raise OntologyError(syntax_message(path, text, err)) from err


def syntax_message(path: Path, text: str, err: BadSyntax) -> str:
    """``<path>:<line>: <what is wrong>`` from rdflib's BadSyntax."""
    why = getattr(err, "_why", str(err))
    pos = getattr(err, "_i", None)
    if pos is None:
        return f"{path}:{err.lines + 1}: {why}; fix the Turtle syntax there"
    if why == _UNTERMINATED:
        # The parser stops at the next statement; the missing '.' or ';'
        # belongs at the end of the last line with content before it.
        line = _last_content_line(text[:pos])
        return f"{path}:{line}: statement not terminated: expected '.', ';' or ','"
    line = text.count("\n", 0, pos) + 1
    near = text[pos:].split("\n", 1)[0].strip()[:40]
    return f"{path}:{line}: {why}" + (f" (at {near!r})" if near else "") + "; fix the Turtle syntax there"


def _last_content_line(before: str) -> int:
    lines = before.split("\n")
    while len(lines) > 1 and _is_blank(lines[-1]):
        lines.pop()
    return len(lines)


def _is_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _relation(graph: Graph, prop: URIRef, path: Path) -> Relation:
    name = _local(prop)
    return Relation(
        name=name,
        label=_required(graph, prop, RDFS.label, name, path),
        comment=_required(graph, prop, RDFS.comment, name, path),
        domain=_classes(graph, graph.value(prop, RDFS.domain), name, "rdfs:domain", path),
        range=_classes(graph, graph.value(prop, RDFS.range), name, "rdfs:range", path),
        symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
        close_match=tuple(sorted(str(m) for m in graph.objects(prop, SKOS.closeMatch))),
    )


def _required(graph: Graph, prop: URIRef, key: URIRef, name: str, path: Path) -> str:
    value = graph.value(prop, key)
    if value is None:
        raise OntologyError(f"{path}: relation {name!r} has no {graph.qname(key)}")
    return str(value)


def _classes(graph: Graph, node: Node | None, name: str, key: str, path: Path) -> tuple[str, ...]:
    """The concrete kgo classes a domain or range allows, sorted."""
    if node is None:
        raise OntologyError(f"{path}: relation {name!r} has no {key}")
    members = graph.value(node, OWL.unionOf)
    roots = list(RDFList(graph, members)) if members is not None else [node]
    found: set[str] = set()
    for root in roots:
        found.update(_local(c) for c in graph.transitive_subjects(RDFS.subClassOf, root))
    return tuple(sorted(found - ABSTRACT_CLASSES))


def _is_kgo(term: object) -> bool:
    return isinstance(term, URIRef) and term.startswith(str(KGO))


def _local(term: object) -> str:
    return str(term).removeprefix(str(KGO))
