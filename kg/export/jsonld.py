"""JSON-LD with a context naming the ontology's terms, so the file reads as plain JSON."""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..ontology import KGC, KGD, KGE, KGO, load_ontology
from ..output import write_atomic

__all__ = ["jsonld_bytes", "jsonld_context", "write_jsonld"]

PREFIXES = {"kgo": KGO, "kge": KGE, "kgd": KGD, "kgc": KGC, "rdf": RDF, "rdfs": RDFS, "skos": SKOS,
            "owl": OWL, "prov": PROV, "dcterms": DCTERMS, "xsd": XSD}


def _compact(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and len(iri) > len(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return iri


def _term(graph: Graph, prop: URIRef) -> str | dict:
    """A term definition: IRIs as "@id", one datatype as its "@type", else a plain name."""
    objects = set(graph.objects(None, prop))
    if objects and all(isinstance(o, URIRef) for o in objects):
        return {"@id": _compact(str(prop)), "@type": "@id"}
    datatypes = {o.datatype for o in objects if isinstance(o, Literal)}
    if len(datatypes) == 1 and None not in datatypes and all(isinstance(o, Literal) for o in objects):
        return {"@id": _compact(str(prop)), "@type": _compact(str(datatypes.pop()))}
    return _compact(str(prop))


def _local_name(iri: str) -> str:
    return _compact(iri).split(":", 1)[-1]


def jsonld_context(graph: Graph) -> dict:
    """Prefixes, every class, individual and property of the ontology, and the predicates used."""
    context: dict[str, str | dict] = {p: str(ns) for p, ns in PREFIXES.items()}
    ontology_terms = {s for s in load_ontology().graph.subjects() if str(s).startswith(str(KGO))}
    used = set(graph.predicates())
    names: dict[str, set[URIRef]] = {}
    for term in ontology_terms | used:
        if term != RDF.type:
            names.setdefault(_local_name(str(term)), set()).add(term)
    for name, terms in sorted(names.items()):
        if len(terms) == 1 and name not in context and name.isidentifier():
            (term,) = terms  # two namespaces sharing a local name keep their prefixed names
            context[name] = _term(graph, term) if term in used else _compact(str(term))
    return context


def _canonical(value):
    """Sort keys and unordered arrays so the same graph gives the same bytes."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _canonical(v)) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def jsonld_bytes(graph: Graph) -> bytes:
    """The graph as compacted JSON-LD with kg's context."""
    context = jsonld_context(graph)
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    data.pop("@context", None)
    nodes = data.get("@graph", [data] if data else [])  # a graph of one node compacts to that node
    document = {"@context": context, "@graph": _canonical(nodes)}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_jsonld(graph: Graph, path: Path) -> None:
    """Write ``graph`` to ``path`` as JSON-LD."""
    write_atomic(Path(path), jsonld_bytes(graph))
