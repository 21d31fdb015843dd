"""JSON-LD with a context naming the ontology's terms, so the file reads as plain JSON."""
from __future__ import annotations

import json
from json.encoder import encode_basestring
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.serializers.jsonld import PLAIN_LITERAL_TYPES, Converter
from rdflib.plugins.shared.jsonld.context import UNDEF, Context
from rdflib.plugins.shared.jsonld.keys import ID, VOCAB
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..atomic import write_atomic
from ..ontology import KGC, KGD, KGE, KGO, load_ontology
from .triples import triples_of

__all__ = ["jsonld_bytes", "jsonld_context", "write_jsonld"]

PREFIXES = {"kgo": KGO, "kge": KGE, "kgd": KGD, "kgc": KGC, "rdf": RDF, "rdfs": RDFS, "skos": SKOS,
            "owl": OWL, "prov": PROV, "dcterms": DCTERMS, "xsd": XSD}


def _compact(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and len(iri) > len(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return iri


def _term(prop: URIRef, objects: "_Objects") -> str | dict:
    """A term definition: IRIs as "@id", one datatype as its "@type", else a plain name."""
    if objects.count and objects.all_iris:
        return {"@id": _compact(str(prop)), "@type": "@id"}
    if len(objects.datatypes) == 1 and None not in objects.datatypes and objects.all_literals:
        return {"@id": _compact(str(prop)), "@type": _compact(str(next(iter(objects.datatypes))))}
    return _compact(str(prop))


class _Objects:
    """What the objects of one predicate are: enough to define its term."""

    __slots__ = ("count", "all_iris", "all_literals", "datatypes")

    def __init__(self) -> None:
        self.count, self.all_iris, self.all_literals, self.datatypes = 0, True, True, set()

    def add(self, obj) -> None:
        self.count += 1
        if type(obj) is Literal or isinstance(obj, Literal):
            self.all_iris = False
            self.datatypes.add(obj.datatype)
        else:
            self.all_literals = False
            if not isinstance(obj, URIRef):
                self.all_iris = False


def _objects_by_predicate(triples) -> dict[URIRef, _Objects]:
    found: dict[URIRef, _Objects] = {}
    for _, p, o in triples:
        objects = found.get(p)
        if objects is None:
            objects = found[p] = _Objects()
        objects.add(o)
    return found


def _local_name(iri: str) -> str:
    return _compact(iri).split(":", 1)[-1]


def jsonld_context(graph: Graph) -> dict:
    """Prefixes, every class, individual and property of the ontology, and the predicates used."""
    return _context(_objects_by_predicate(graph.triples((None, None, None))))


def _context(used: dict[URIRef, _Objects]) -> dict:
    context: dict[str, str | dict] = {p: str(ns) for p, ns in PREFIXES.items()}
    ontology_terms = {s for s in load_ontology().graph.subjects() if str(s).startswith(str(KGO))}
    names: dict[str, set[URIRef]] = {}
    for term in ontology_terms | used.keys():
        if term != RDF.type:
            names.setdefault(_local_name(str(term)), set()).add(term)
    for name, terms in sorted(names.items()):
        if len(terms) == 1 and name not in context and name.isidentifier():
            (term,) = terms  # two namespaces sharing a local name keep their prefixed names
            context[name] = _term(term, used[term]) if term in used else _compact(str(term))
    return context


def _canonical(value):
    """Sort keys and unordered arrays so the same graph gives the same bytes."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _canonical(v)) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=_sort_key(items))
    return value


def _sort_key(items: list):
    """The order of an array: by each item's JSON text. Strings' JSON text is their escaped form;
    node objects whose first key is "@id" and whose ids differ first differ within that id's text,
    so the id's JSON text orders them the same, without writing each whole node out."""
    if all(type(v) is str for v in items):
        return encode_basestring
    if all(type(v) is dict and v and next(iter(v)) == "@id" and type(v["@id"]) is str for v in items) \
            and len({v["@id"] for v in items}) == len(items):
        return lambda v: encode_basestring(v["@id"])
    return lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)


def jsonld_bytes(graph: Graph) -> bytes:
    """The graph as compacted JSON-LD with kg's context."""
    triples = triples_of(graph)
    context = _context(_objects_by_predicate(triples))
    nodes = _nodes(graph, triples, context)
    if nodes is None:
        nodes = _rdflib_nodes(graph, context)
    document = {"@context": context, "@graph": _canonical(nodes)}
    return (_indented_json(document) + "\n").encode("utf-8")


def _indented_json(value) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``, without the generators of json's
    pure-Python encoder (the one ``indent`` calls for): the same text in half the time."""
    parts: list[str] = []
    _write_json(value, "\n", parts)
    return "".join(parts)


def _write_json(value, newline: str, parts: list[str]) -> None:
    if isinstance(value, str):
        parts.append(encode_basestring(value))
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + " "
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"a JSON-LD key that is not a string: {key!r}")
            parts.append(separator + encode_basestring(key) + ": ")
            _write_json(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + " "
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _write_json(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    else:  # numbers, true, false, null: json's own spelling
        parts.append(json.dumps(value))


def _rdflib_nodes(graph: Graph, context: dict) -> list:
    """The node objects of rdflib's JSON-LD serializer, compacted with ``context``."""
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    data.pop("@context", None)
    return data.get("@graph", [data] if data else [])  # a graph of one node compacts to that node


def _nodes(graph: Graph, triples: list, context: dict) -> list | None:
    """What ``_rdflib_nodes`` gives, made by rdflib's own rules (its converter's, term by term) but
    deciding each predicate's key and coercion once, not once a triple, and never asking the graph
    whether an IRI heads an RDF list. None for what those rules do not cover here: blank nodes,
    lists, containers, two subjects of one compact id, a falsy value (0, "") among others of its key
    (rdflib drops it when it comes first: what is kept hangs on the order of the triples)."""
    if (None, RDF.first, None) in graph or any(isinstance(v, dict) and "@container" in v for v in context.values()):
        return None
    converter = Converter(Context(context), use_native_types=True, use_rdf_type=False)
    rules: dict = {}
    ids: dict[str, str] = {}

    def compact_id(iri) -> str:
        text = str(iri)
        found = ids.get(text)
        if found is None:
            found = ids[text] = converter.context.shrink_iri(iri)
        return found

    nodes: dict[str, dict] = {}
    node_of: dict[str, dict] = {}  # by the subject's IRI
    nil = str(RDF.nil)
    falsy: set[tuple[str, str]] = set()  # (node, key) whose value is falsy as rdflib sees it
    for subject, p, o in triples:
        node = node_of.get(subject)
        if node is None:
            if not isinstance(subject, URIRef):
                return None
            node_id = compact_id(subject)
            if node_id in nodes:
                return None
            node = node_of[subject] = nodes[node_id] = {"@id": _json_text(node_id)}
        literal = isinstance(o, Literal)
        if literal:
            kind = (p, o.datatype, o.language)
        elif isinstance(o, URIRef) and not str.__eq__(o, nil):
            kind = p
        else:
            return None
        rule = rules.get(kind)
        if rule is None:
            rule = rules[kind] = _rule(converter, p, o)
        key, coerce = rule
        raw = coerce(o) if coerce else None
        if raw is None:
            raw = _raw_literal(converter, o) if literal else {"@id": compact_id(o)}
        value = _json_text(raw) if isinstance(raw, str) else _as_json(raw)
        if key in node:
            if not raw or (node["@id"], key) in falsy:
                return None
            before = node[key]
            if not isinstance(before, list):
                node[key] = before = [before]
            before.append(value)
        else:
            node[key] = value
            if not raw:
                falsy.add((node["@id"], key))
    return list(nodes.values())


def _json_text(text: str) -> str:
    """A string as rdflib's serializer leaves it once its output is read back: a literal as its
    text, what UTF-8 cannot hold (a lone surrogate) as "?", as rdflib encodes it."""
    text = str(text)
    return text if text.isascii() else text.encode("utf-8", "replace").decode("utf-8")


def _as_json(value):
    """``value`` with every string in it as ``_json_text`` gives it."""
    if isinstance(value, dict):
        return {_json_text(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, str):
        return _json_text(value)
    return value


def _rule(converter: Converter, p: URIRef, o) -> tuple:
    """The key of a (predicate, kind of object) in a node, and how to coerce the object, per
    rdflib's ``Converter.add_to_node``."""
    context = converter.context
    if isinstance(o, Literal):
        term = context.find_term(str(p), str(o.datatype) if o.datatype else None, language=o.language)
    else:
        term = None
        for coercion in (ID, VOCAB, UNDEF):
            term = context.find_term(str(p), coercion, None)
            if term:
                break
    if term:
        if term.type:
            return term.name, lambda obj: converter.type_coerce(obj, term.type)
        if term.language:
            return term.name, lambda obj: str(obj) if obj.language == term.language else None
        if context.language:
            return term.name, lambda obj: str(obj) if obj.language is None else None
        return term.name, None
    key = context.to_symbol(p)
    key_term = context.terms.get(key)
    if key_term and (key_term.type or key_term.container):
        key = str(p)
    if p == RDF.type:
        return context.type_key, (lambda obj: context.to_symbol(obj) if isinstance(obj, URIRef) else None)
    return key, None


def _raw_literal(converter: Converter, o: Literal):
    """``Converter.to_raw_value`` of a literal."""
    context = converter.context
    native = o.datatype in PLAIN_LITERAL_TYPES
    value = o.toPython() if native else str(o)
    if o.datatype:
        if native and context.active:
            return value
        return {context.type_key: context.to_symbol(o.datatype), context.value_key: value}
    if o.language and o.language != context.language:
        return {context.lang_key: o.language, context.value_key: value}
    if not context.active or context.language and not o.language:
        return {context.value_key: value}
    return value


def write_jsonld(graph: Graph, path: Path) -> None:
    """Write ``graph`` to ``path`` as JSON-LD."""
    write_atomic(Path(path), jsonld_bytes(graph))
