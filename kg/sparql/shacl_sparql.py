"""The SHACL shapes of ``ontology/shapes.ttl`` checked as SPARQL queries on Oxigraph.

pySHACL walks the data node by node in rdflib: about 5.5 minutes on a 314k-triple graph.
Here each constraint of a shape becomes one SPARQL query that finds every focus node
breaking it at once, run by Oxigraph: seconds. The part of SHACL Core that the shapes use
is compiled (targets by class, subjects-of and objects-of; IRI and sequence paths; minCount,
maxCount, class, nodeKind, in, datatype, minInclusive, maxInclusive; node-level class and
``sh:or`` of classes; SPARQL-based constraints); a shape using anything else raises
:class:`Unsupported`, and ``kg validate`` then falls back to pySHACL.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

__all__ = ["Unsupported", "Violation", "check_shapes"]

SH = Namespace("http://www.w3.org/ns/shacl#")
PREFIXES = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
# Every SHACL term a shape may hold that is compiled here (or is only documentation).
KNOWN = {SH[name] for name in (
    "targetClass targetSubjectsOf targetObjectsOf property path minCount maxCount class nodeKind in "
    "datatype minInclusive maxInclusive or sparql severity message name description declare prefixes "
    "select").split()} | {RDF.type}
NODE_KINDS = {SH.IRI: "isIRI(?v)", SH.BlankNode: "isBlank(?v)", SH.Literal: "isLiteral(?v)",
              SH.BlankNodeOrIRI: "(isBlank(?v) || isIRI(?v))", SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
              SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))"}


class Unsupported(Exception):
    """A shape uses a part of SHACL this module does not compile."""


@dataclass(frozen=True, slots=True)
class Violation:
    """One result: severity, focus node, path (an IRI, a tuple of IRIs or None), message."""

    severity: str
    focus: object
    path: object
    message: str


@dataclass(frozen=True, slots=True)
class _Shape:
    node: object
    targets: str          # a SPARQL group binding ?this
    path: object          # None for a node shape
    severity: str
    message: str | None


def _sparql_term(term: object) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise Unsupported(f"cannot write {term!r} in SPARQL")


def _path_sparql(shapes: Graph, path: object) -> str:
    if isinstance(path, URIRef):
        return _sparql_term(path)
    if isinstance(path, BNode) and shapes.value(path, RDF.first) is not None:
        return "/".join(_sparql_term(step) for step in Collection(shapes, path))
    raise Unsupported("only IRI and sequence paths are compiled")


def _path_value(shapes: Graph, path: object) -> object:
    return tuple(Collection(shapes, path)) if isinstance(path, BNode) else path


def _targets(shapes: Graph, shape: object) -> str:
    groups = [f"{{ ?this rdf:type/rdfs:subClassOf* {_sparql_term(c)} }}"
              for c in sorted(shapes.objects(shape, SH.targetClass))]
    groups += [f"{{ ?this {_sparql_term(p)} [] }}" for p in sorted(shapes.objects(shape, SH.targetSubjectsOf))]
    groups += [f"{{ [] {_sparql_term(p)} ?this }}" for p in sorted(shapes.objects(shape, SH.targetObjectsOf))]
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(groups) + " } }" if groups else ""


def _severity(shapes: Graph, shape: object) -> str:
    return str(shapes.value(shape, SH.severity) or SH.Violation).removeprefix(str(SH))


def _check_known(shapes: Graph, shape: object) -> None:
    unknown = sorted(str(p) for p in shapes.predicates(shape, None) if p not in KNOWN)
    if unknown:
        raise Unsupported(f"constraints not compiled: {', '.join(unknown)}")


def _name(shapes: Graph, term: object) -> str:
    """A term as pySHACL's generic messages write it: prefixed when the shapes bind a prefix."""
    try:
        return shapes.namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else str(term)
    except Exception:  # no prefix fits
        return str(term)


def _has_class(node: str, cls: object) -> str:
    return f"EXISTS {{ {node} rdf:type/rdfs:subClassOf* {_sparql_term(cls)} }}"


def _value_conditions(shapes: Graph, shape: object) -> Iterator[tuple[str, str]]:
    """(name, SPARQL condition true when the value ?v breaks it) for each value constraint."""
    for cls in sorted(shapes.objects(shape, SH["class"])):
        yield f"Value does not have class {_name(shapes, cls)}", f"!{_has_class('?v', cls)}"
    for kind in shapes.objects(shape, SH.nodeKind):
        yield f"Value is not of Node Kind {_name(shapes, kind)}", f"!{NODE_KINDS[kind]}"
    for members in shapes.objects(shape, SH["in"]):
        allowed = ", ".join(_sparql_term(m) for m in Collection(shapes, members))
        yield "Value not in list", f"!(?v IN ({allowed}))"
    for datatype in shapes.objects(shape, SH.datatype):
        yield (f"Value is not Literal with datatype {_name(shapes, datatype)}",
               f"!(isLiteral(?v) && datatype(?v) = {_sparql_term(datatype)})")
    for bound, op in ((SH.minInclusive, ">="), (SH.maxInclusive, "<=")):
        for limit in shapes.objects(shape, bound):
            yield f"Value is not {op} {limit}", f"!COALESCE(?v {op} {_sparql_term(limit)}, false)"
    for alternatives in shapes.objects(shape, SH["or"]):
        options = []
        for option in Collection(shapes, alternatives):
            conditions = list(_value_conditions(shapes, option))
            if not conditions or set(shapes.predicates(option, None)) - {SH["class"], SH.nodeKind}:
                raise Unsupported("sh:or is compiled only over sh:class and sh:nodeKind")
            options.append("(" + " || ".join(c for _, c in conditions) + ")")
        yield "Value does not conform to any shape of sh:or", " && ".join(options)


def _queries(shapes: Graph, shape: _Shape) -> Iterator[tuple[str, str, str | None]]:
    """(query, generic message, message variable template) for each constraint of ``shape``."""
    if shape.path is None:
        value = "BIND(?this AS ?v)"
    else:
        value = f"?this {_path_sparql(shapes, shape.path)} ?v ."
    for name, condition in _value_conditions(shapes, shape.node):
        yield f"SELECT DISTINCT ?this WHERE {{ {shape.targets} {value} FILTER({condition}) }}", name, None
    if shape.path is None:
        return
    path = _path_sparql(shapes, shape.path)
    for bound, test, word in ((SH.minCount, "<", "Less"), (SH.maxCount, ">", "More")):
        for limit in shapes.objects(shape.node, bound):
            optional = "OPTIONAL" if bound == SH.minCount else ""
            yield (f"SELECT ?this WHERE {{ {shape.targets} {optional} {{ ?this {path} ?v }} }} "
                   f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {test} {int(limit)})",
                   f"{word} than {int(limit)} values", None)


def _sparql_constraints(shapes: Graph, shape: _Shape) -> Iterator[tuple[str, str, str | None]]:
    for constraint in shapes.objects(shape.node, SH.sparql):
        prefixes = "".join(f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
                           for source in shapes.objects(constraint, SH.prefixes)
                           for d in shapes.objects(source, SH.declare))
        select = str(shapes.value(constraint, SH.select))
        template = shapes.value(constraint, SH.message)
        yield (f"{prefixes}SELECT * WHERE {{ {shape.targets} {{ {select} }} }}", "SPARQL constraint",
               str(template) if template is not None else None)


def _shapes(shapes: Graph) -> Iterator[_Shape]:
    for node in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        _check_known(shapes, node)
        targets = _targets(shapes, node)
        if not targets:
            continue
        message = shapes.value(node, SH.message)
        yield _Shape(node, targets, None, _severity(shapes, node), None if message is None else str(message))
        for prop in shapes.objects(node, SH.property):
            _check_known(shapes, prop)
            message = shapes.value(prop, SH.message)
            yield _Shape(prop, targets, shapes.value(prop, SH.path), _severity(shapes, prop),
                         None if message is None else str(message))


def _fill(template: str, solution: ox.QuerySolution) -> str:
    """``{?name}`` and ``{$name}`` in a message replaced by the solution's value, as pySHACL does."""
    def value(match: re.Match) -> str:
        term = solution[match.group(1)]
        return "" if term is None else term.value
    return re.sub(r"\{[?$](\w+)\}", value, template)


def check_shapes(store: ox.Store, shapes: Graph) -> list[Violation]:
    """Every result of ``shapes`` on the data in ``store``; Unsupported when a shape cannot be compiled."""
    found = []
    for shape in _shapes(shapes):
        path = None if shape.path is None else _path_value(shapes, shape.path)
        for query, generic, template in [*_queries(shapes, shape), *_sparql_constraints(shapes, shape)]:
            for solution in store.query(PREFIXES + query):
                focus = solution["this"]
                message = _fill(template, solution) if template else shape.message or generic
                found.append(Violation(shape.severity, _rdflib_term(focus), path, message))
    return found


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> object:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return Literal(term.value)
