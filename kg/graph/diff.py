"""What changed between two graphs: new and gone entities, direct edges and claims.

A graph is reduced to its :class:`GraphContents` (entities with label and class, the direct
edges, the claims with their modality and article), read from a graph file or from the
entities and claims of a build; :func:`diff_contents` compares two of them. Contents can be
saved as compact JSON, so a build can diff against the previous one without re-reading its
graph.

Example:
    >>> old = GraphContents({}, frozenset(), {})
    >>> new = GraphContents({"iran": ("Iran", "State")}, frozenset(), {})
    >>> [e.label for e in diff_contents(old, new).new_entities]
    ['Iran']
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from ..errors import KGError
from ..model import Claim, Entity
from ..ontology import KGC, KGD, KGE, KGO
from .assemble import claim_id

__all__ = [
    "ClaimChange",
    "EdgeChange",
    "EntityChange",
    "GraphChanges",
    "GraphContents",
    "contents_of_build",
    "contents_of_graph",
    "diff_contents",
    "diff_graphs",
    "load_contents",
    "save_contents",
]

CONTENTS_FORMAT = 1  # the version of save_contents' JSON; load_contents refuses any other

Edge = tuple[str, str, str]  # (subject id, relation, object id)
ClaimRow = tuple[str, str, str, str, str]  # (subject id, relation, object id, modality, document id)


@dataclass(frozen=True)
class GraphContents:
    """What a graph holds, as far as a diff is concerned. Treat the dicts as read-only.

    ``entities``: entity id -> (label, class); ``edges``: the direct (subject, relation, object)
    edges; ``claims``: claim id -> (subject, relation, object, modality, document). Ids are the
    local names under the kge:, kgo:, kgc: and kgd: namespaces (a full IRI when outside them).
    """

    entities: dict[str, tuple[str, str]]
    edges: frozenset[Edge]
    claims: dict[str, ClaimRow]

    def totals(self) -> dict[str, int]:
        return {"entities": len(self.entities), "edges": len(self.edges), "claims": len(self.claims)}


# ---------------------------------------------------------------- reading contents

_RDF_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
_CLAIM_CLASS = str(KGO.Claim)
# the claim's fields in ClaimRow order, each with the namespace its value is local to
_CLAIM_FIELDS = ((str(RDF.subject), str(KGE)), (str(RDF.predicate), str(KGO)), (str(RDF.object), str(KGE)),
                 (str(KGO.modality), str(KGO)), (str(DCTERMS.isPartOf), str(KGD)))
_CLAIM_PREDICATES = frozenset(p for p, _ in _CLAIM_FIELDS)
_KGE, _KGO, _KGC = str(KGE), str(KGO), str(KGC)


def _local(iri: str, namespace: str) -> str:
    return iri[len(namespace):] if iri.startswith(namespace) else iri


def _joined(values: Iterable[str]) -> str:
    """Several values where one is expected (two modalities on one claim id) as one sorted string."""
    return ",".join(sorted(set(values)))


class _Collector:
    """Gathers the triples a diff needs, in one pass over a graph of any size."""

    def __init__(self) -> None:
        self.types: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.edges: set[Edge] = set()
        self.claim_nodes: set[str] = set()
        self.claim_fields: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def add(self, s: str, p: str, o: str, o_is_iri: bool) -> None:
        if s.startswith(_KGE):
            if p == _RDF_TYPE and o_is_iri and o.startswith(_KGO):
                self.types[s].add(o[len(_KGO):])
            elif p == _LABEL and not o_is_iri:
                self.labels[s].add(o)
            elif o_is_iri and p.startswith(_KGO) and o.startswith(_KGE):
                # between two entities, only the direct edges use a kgo: predicate
                self.edges.add((s[len(_KGE):], p[len(_KGO):], o[len(_KGE):]))
        elif p == _RDF_TYPE and o == _CLAIM_CLASS:
            self.claim_nodes.add(s)
        elif p in _CLAIM_PREDICATES and s.startswith(_KGC):
            self.claim_fields[s][p].add(o)

    def contents(self) -> GraphContents:
        entities = {node[len(_KGE):]: (_joined(self.labels.get(node, ())), _joined(classes))
                    for node, classes in self.types.items()}
        claims = {}
        for node in self.claim_nodes:
            fields = self.claim_fields.get(node, {})
            claims[_local(node, _KGC)] = tuple(_joined(_local(v, ns) for v in fields.get(p, ()))
                                               for p, ns in _CLAIM_FIELDS)
        return GraphContents(entities, frozenset(self.edges), claims)


def _oxigraph_triples(path: Path) -> Iterator[tuple[str, str, str, bool]]:
    # an unknown extension is read as Turtle, what kg build writes; N-Quads' graph names are ignored
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) or ox.RdfFormat.TURTLE
    for quad in ox.parse(path=str(path), format=fmt):
        s, o = quad.subject, quad.object
        if isinstance(s, ox.NamedNode) and isinstance(o, (ox.NamedNode, ox.Literal)):
            yield s.value, quad.predicate.value, o.value, isinstance(o, ox.NamedNode)


def _rdflib_triples(graph: Graph) -> Iterator[tuple[str, str, str, bool]]:
    for s, p, o in graph.triples((None, None, None)):
        if isinstance(s, URIRef) and isinstance(o, (URIRef, Literal)):
            yield str(s), str(p), str(o), isinstance(o, URIRef)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err.args[0] if err.args else err).split())


def contents_of_graph(source: str | Path | Graph) -> GraphContents:
    """The contents of a graph file (.ttl, .nt, .nq, .trig, .jsonld; by extension, else Turtle)
    or of an rdflib Graph. Raises KGError naming the file when it is missing or cannot be parsed."""
    collector = _Collector()
    if isinstance(source, Graph):
        triples = _rdflib_triples(source)
    else:
        path = Path(source)
        if not path.is_file():
            raise KGError(f"{path}: graph file not found")
        triples = _oxigraph_triples(path)
    try:
        for s, p, o, o_is_iri in triples:
            collector.add(s, p, o, o_is_iri)
    except SyntaxError as err:
        raise KGError(f"{source}: cannot parse as RDF: {_one_line(err)}") from err
    except (OSError, ValueError) as err:
        raise KGError(f"{source}: cannot read the graph: {_one_line(err)}") from err
    return collector.contents()


def contents_of_build(entities: Iterable[Entity], claims: Iterable[Claim]) -> GraphContents:
    """The contents of the graph ``kg.graph.assemble.build_graph`` makes of these entities and claims,
    without making it: equal to ``contents_of_graph`` of that graph."""
    modalities: dict[str, set[str]] = defaultdict(set)
    rows: dict[str, tuple[str, str, str, str]] = {}
    edges: set[Edge] = set()
    for claim in claims:
        cid = claim_id(claim)
        modalities[cid].add(claim.modality)
        rows[cid] = (claim.subject, claim.relation, claim.object, claim.document)
        if claim.modality != "Negated":
            edges.add((claim.subject, claim.relation, claim.object))
    labels: dict[str, set[str]] = defaultdict(set)
    classes: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        labels[entity.id].add(entity.label)
        classes[entity.id].add(entity.type)
    return GraphContents(
        entities={eid: (_joined(labels[eid]), _joined(classes[eid])) for eid in classes},
        edges=frozenset(edges),
        claims={cid: (s, r, o, _joined(modalities[cid]), d) for cid, (s, r, o, d) in rows.items()})


# ---------------------------------------------------------------- saving contents

def save_contents(contents: GraphContents, path: str | Path) -> None:
    """Write ``contents`` to ``path`` as compact, sorted JSON, atomically (never half-written)."""
    from ..atomic import write_atomic

    data = {"kg-graph-contents": CONTENTS_FORMAT,
            "entities": [[eid, label, cls] for eid, (label, cls) in sorted(contents.entities.items())],
            "edges": [list(edge) for edge in sorted(contents.edges)],
            "claims": [[cid, *row] for cid, row in sorted(contents.claims.items())]}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    write_atomic(Path(path), text.encode("utf-8"))


def load_contents(path: str | Path) -> GraphContents:
    """Read what :func:`save_contents` wrote; KGError when it is missing, damaged or of another format."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise KGError(f"{path}: contents file not found") from err
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise KGError(f"{path}: cannot read saved graph contents: {_one_line(err)}") from err
    if not isinstance(data, dict) or data.get("kg-graph-contents") != CONTENTS_FORMAT:
        raise KGError(f"{path}: not graph contents of format {CONTENTS_FORMAT}")
    try:
        return GraphContents(entities={eid: (label, cls) for eid, label, cls in data["entities"]},
                             edges=frozenset((s, r, o) for s, r, o in data["edges"]),
                             claims={cid: (s, r, o, m, d) for cid, s, r, o, m, d in data["claims"]})
    except (KeyError, TypeError, ValueError) as err:
        raise KGError(f"{path}: damaged graph contents: {_one_line(err)}") from err


# ---------------------------------------------------------------- comparing contents

@dataclass(frozen=True, slots=True)
class EntityChange:
    """A new or gone entity; for a changed one, also its label and class before."""

    id: str
    label: str
    cls: str
    old_label: str | None = None
    old_cls: str | None = None

    @property
    def text(self) -> str:
        now = f"{self.label or self.id} ({self.cls})"
        if self.old_label is None:
            return now
        return f"{self.old_label or self.id} ({self.old_cls}) -> {now}"

    def as_dict(self) -> dict:
        row = {"id": self.id, "label": self.label, "class": self.cls}
        if self.old_label is not None:
            row.update(old_label=self.old_label, old_class=self.old_cls)
        return row


@dataclass(frozen=True, slots=True)
class EdgeChange:
    """A new or gone direct edge, with the labels of its ends."""

    subject: str
    relation: str
    object: str
    subject_label: str
    object_label: str

    @property
    def text(self) -> str:
        return f"{self.subject_label} {self.relation} {self.object_label}"

    def as_dict(self) -> dict:
        return {"subject": self.subject, "relation": self.relation, "object": self.object,
                "subject_label": self.subject_label, "object_label": self.object_label, "text": self.text}


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """A new or gone claim; for a changed one (same sentence and fact), its modality before."""

    id: str
    subject: str
    relation: str
    object: str
    modality: str
    document: str
    subject_label: str
    object_label: str
    old_modality: str | None = None

    @property
    def text(self) -> str:
        return f"{self.subject_label} {self.relation} {self.object_label}"

    def as_dict(self) -> dict:
        row = {"id": self.id, "subject": self.subject, "relation": self.relation, "object": self.object,
               "modality": self.modality, "document": self.document, "subject_label": self.subject_label,
               "object_label": self.object_label, "text": self.text}
        if self.old_modality is not None:
            row["old_modality"] = self.old_modality
        return row


KINDS = ("entities", "edges", "claims")


@dataclass(frozen=True, slots=True)
class GraphChanges:
    """What changed from one graph to another, each list sorted (claims by article first)."""

    old_totals: dict[str, int]
    new_totals: dict[str, int]
    new_entities: tuple[EntityChange, ...] = ()
    gone_entities: tuple[EntityChange, ...] = ()
    changed_entities: tuple[EntityChange, ...] = ()
    new_edges: tuple[EdgeChange, ...] = ()
    gone_edges: tuple[EdgeChange, ...] = ()
    new_claims: tuple[ClaimChange, ...] = ()
    gone_claims: tuple[ClaimChange, ...] = ()
    changed_claims: tuple[ClaimChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(self.lists(kind)[change] for kind in KINDS for change in ("new", "gone", "changed"))

    def lists(self, kind: str) -> dict[str, tuple]:
        """The "new", "gone" and "changed" lists of one kind: "entities", "edges" or "claims"."""
        return {"new": getattr(self, f"new_{kind}"), "gone": getattr(self, f"gone_{kind}"),
                "changed": getattr(self, f"changed_{kind}", ())}

    def counts(self) -> dict[str, dict[str, int]]:
        """For each kind, how many before and after, and how many new, gone and changed."""
        return {kind: {"before": self.old_totals[kind], "after": self.new_totals[kind],
                       **{change: len(rows) for change, rows in self.lists(kind).items()}}
                for kind in KINDS}

    def as_dict(self) -> dict:
        return {"counts": self.counts(),
                **{kind: {change: [row.as_dict() for row in rows] for change, rows in self.lists(kind).items()}
                   for kind in KINDS}}

    def to_json(self) -> str:
        """The changes as JSON: the same text for the same two graphs."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=1, sort_keys=True)


def _labeller(*contents: GraphContents):
    """The label of an entity id, from the first contents that knows it, else the id itself."""
    def label(eid: str) -> str:
        for c in contents:
            if eid in c.entities and c.entities[eid][0]:
                return c.entities[eid][0]
        return eid
    return label


def _claim_change(cid: str, row: ClaimRow, label, old_modality: str | None = None) -> ClaimChange:
    s, r, o, modality, document = row
    return ClaimChange(cid, s, r, o, modality, document, label(s), label(o), old_modality)


def _claim_order(change: ClaimChange) -> tuple:
    return change.document, change.subject, change.relation, change.object, change.id


def diff_contents(old: GraphContents, new: GraphContents) -> GraphChanges:
    """What ``new`` adds to ``old``, what it no longer has, and what it holds differently."""
    # what is gone is named as the old graph named it; the rest as the new graph does
    new_label, old_label = _labeller(new, old), _labeller(old, new)
    entities = [EntityChange(eid, *new.entities[eid]) for eid in sorted(new.entities.keys() - old.entities.keys())]
    gone = [EntityChange(eid, *old.entities[eid]) for eid in sorted(old.entities.keys() - new.entities.keys())]
    changed = [EntityChange(eid, *new.entities[eid], *old.entities[eid])
               for eid in sorted(old.entities.keys() & new.entities.keys())
               if old.entities[eid] != new.entities[eid]]
    new_edges = [EdgeChange(s, r, o, new_label(s), new_label(o)) for s, r, o in sorted(new.edges - old.edges)]
    gone_edges = [EdgeChange(s, r, o, old_label(s), old_label(o)) for s, r, o in sorted(old.edges - new.edges)]
    new_claims = [_claim_change(cid, new.claims[cid], new_label) for cid in new.claims.keys() - old.claims.keys()]
    gone_claims = [_claim_change(cid, old.claims[cid], old_label) for cid in old.claims.keys() - new.claims.keys()]
    changed_claims = [_claim_change(cid, new.claims[cid], new_label, old.claims[cid][3])
                      for cid in old.claims.keys() & new.claims.keys() if old.claims[cid] != new.claims[cid]]
    return GraphChanges(
        old_totals=old.totals(), new_totals=new.totals(),
        new_entities=tuple(entities), gone_entities=tuple(gone), changed_entities=tuple(changed),
        new_edges=tuple(new_edges), gone_edges=tuple(gone_edges),
        new_claims=tuple(sorted(new_claims, key=_claim_order)),
        gone_claims=tuple(sorted(gone_claims, key=_claim_order)),
        changed_claims=tuple(sorted(changed_claims, key=_claim_order)))


def diff_graphs(old: str | Path | Graph, new: str | Path | Graph) -> GraphChanges:
    """The changes from graph ``old`` to graph ``new`` (files or rdflib Graphs)."""
    return diff_contents(contents_of_graph(old), contents_of_graph(new))
