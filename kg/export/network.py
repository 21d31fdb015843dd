"""The networkx view of a built graph, read from the RDF itself.

Deriving it from the RDF (not from the in-memory build) lets ``kg export`` work on
any ``graph.ttl`` without a rebuild. One node per entity; one edge per
(subject, relation, object) that some claim or direct edge states, keyed by the
relation, with the claims behind it as :class:`Evidence`.
"""
from __future__ import annotations

import re
import weakref
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV

from ..graph.confidence import edge_confidence
from ..ontology import KGC, KGD, KGE, KGO, load_ontology

__all__ = ["EDGE_FIELDS", "ITEM_RELATIONS", "NODE_FIELDS", "add_communities", "edge_id", "Evidence", "flat_view",
           "to_network", "undirected_weights", "xml_safe"]

# The attributes every flat format (GEXF, GraphML) carries, with their types.
NODE_FIELDS: dict[str, type] = {"label": str, "class": str, "mentions": int, "articles": int,
                                "wikidata": str, "community": int}
EDGE_FIELDS: dict[str, type] = {"relation": str, "kind": str, "weight": int, "claims": int, "modality": str,
                                "confidence": float, "first_date": str, "last_date": str}

# The items of a supply claim (kgo:item) are drawn as two edges of kind "item":
# supplier -> item and item -> recipient, so what moved is on the map and can be hidden by kind.
ITEM_RELATIONS = ("suppliesItem", "suppliedTo")
COMMUNITY_SEED = 7

# Characters XML 1.0 cannot hold in any form, not even escaped (NUL, most C0 controls).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML file cannot carry; everything else kept exactly."""
    return _NOT_XML.sub("", text)


# Types a node may carry that are not the class of an entity.
_NOT_ENTITY_CLASSES = frozenset({KGO.Claim, KGO.Edge, KGO.Article, KGO.Sentence, RDF.Statement})


@dataclass(frozen=True, slots=True)
class Evidence:
    """One claim behind an edge: what a user needs to judge it, and where a correction finds it.

    ``claim`` (the local part of its kgc: IRI), ``document`` and ``sentence_index`` locate the
    claim, as a line of corrections.jsonl names it; ``statement`` is the claim's own (subject,
    relation, object), which differs from the edge's on an item edge."""

    sentence: str
    article: str
    source: str
    outlet: str
    date: str
    speaker: str
    modality: str
    items: tuple[str, ...]
    confidence: float
    claim: str = ""
    document: str = ""
    sentence_index: int | None = None
    statement: tuple[str, ...] = ()
    added_by: str = ""  # a fact added by hand: who added it (it has no sentence, article or outlet)
    note: str = ""  # and why


def _local_id(node: object, namespace: Namespace) -> str:
    """The local part of ``node`` in ``namespace``, else the full IRI."""
    text = str(node)
    return text.removeprefix(str(namespace)) if text.startswith(str(namespace)) else text


def entity_id(node: object) -> str:
    """The node id of an entity IRI: its slug in the kge: namespace, else the full IRI."""
    return _local_id(node, KGE)


def edge_id(source: str, relation: str, target: str) -> str:
    """The id of an edge in every file kg writes: unique, since one edge stands per (source, relation, target).

    Dots join the parts: slugs and relation names hold none, and GraphML types an edge id as an
    XML name token, which a "|" would break for a validating reader."""
    return f"{source}.{relation}.{target}"


def _local(term: object) -> str:
    return str(term).removeprefix(str(KGO))


def _text(graph: Graph, node, prop) -> str:
    value = graph.value(node, prop)
    return "" if value is None else str(value)


def _label(graph: Graph, node) -> str:
    return _text(graph, node, RDFS.label) or entity_id(node)


def _entity_class(graph: Graph, node) -> str:
    classes = sorted(_local(t) for t in graph.objects(node, RDF.type)
                     if str(t).startswith(str(KGO)) and t not in _NOT_ENTITY_CLASSES)
    return classes[0] if classes else "Entity"


def _add_node(network: nx.MultiDiGraph, graph: Graph, node) -> None:
    attrs = {"label": _label(graph, node), "class": _entity_class(graph, node),
             "mentions": int(graph.value(node, KGO.mentionCount) or 0),
             "articles": int(graph.value(node, KGO.articleCount) or 0)}
    same_as = sorted(str(o) for o in graph.objects(node, OWL.sameAs))
    if same_as:
        attrs["wikidata"] = same_as[0]
    network.add_node(entity_id(node), **attrs)


def _sentence_index(graph: Graph, claim) -> int | None:
    """The claim's sentence in its document, from the IRI it derives from (kgd:DOC/s/N)."""
    number = str(graph.value(claim, PROV.wasDerivedFrom) or "").rpartition("/s/")[2]
    return int(number) if number.isdigit() else None


def _evidence(graph: Graph, claim, triple: tuple) -> tuple[str, Evidence]:
    document = graph.value(claim, DCTERMS.isPartOf)
    outlet = graph.value(claim, KGO.reportedBy)
    speaker = graph.value(claim, KGO.attributedTo)
    date = _text(graph, claim, DCTERMS.date) or (_text(graph, document, DCTERMS.date) if document else "")
    evidence = Evidence(
        sentence=_text(graph, claim, KGO.evidence),
        article=_text(graph, document, DCTERMS.title) if document else "",
        source=_text(graph, document, DCTERMS.source) if document else "",
        outlet=_label(graph, outlet) if outlet else (_text(graph, document, DCTERMS.publisher) if document else ""),
        date=date,
        speaker=_label(graph, speaker) if speaker else "",
        modality=_local(graph.value(claim, KGO.modality) or KGO.Asserted),
        items=tuple(sorted(_label(graph, i) for i in graph.objects(claim, KGO.item))),
        confidence=float(graph.value(claim, KGO.confidence) or 0.0),
        claim=_local_id(claim, KGC),
        document=_local_id(document, KGD) if document else "",
        sentence_index=_sentence_index(graph, claim),
        statement=(entity_id(triple[0]), _local(triple[1]), entity_id(triple[2])),
        added_by=_text(graph, claim, KGO.addedBy),
        note=_text(graph, claim, RDFS.comment) if (claim, KGO.addedBy, None) in graph else "",
    )
    # a syndicated copy counts with its original: one independent source; a fact added by hand is one of its own
    story = graph.value(document, KGO.copyOf) if document else None
    return str(story or document or claim), evidence


def _claims_by_edge(graph: Graph, items: dict[tuple, set]) -> dict[tuple, list[tuple[str, Evidence]]]:
    """Claims by (subject, relation, object), and by the item edges their kgo:item values make;
    ``items`` gets the item ids of each (subject, relation, object)."""
    grouped: dict[tuple, list[tuple[str, Evidence]]] = defaultdict(list)
    for claim in graph.subjects(RDF.type, KGO.Claim):
        triple = (graph.value(claim, RDF.subject), graph.value(claim, RDF.predicate),
                  graph.value(claim, RDF.object))
        if not all(isinstance(t, URIRef) for t in triple):
            continue
        evidence = _evidence(graph, claim, triple)
        grouped[triple].append(evidence)
        for item in graph.objects(claim, KGO.item):
            if isinstance(item, URIRef):
                items[triple].add(entity_id(item))
                grouped[(triple[0], KGO[ITEM_RELATIONS[0]], item)].append(evidence)
                grouped[(item, KGO[ITEM_RELATIONS[1]], triple[2])].append(evidence)
    return grouped


def _edge_attrs(relation: str, claims: list[tuple[str, Evidence]]) -> dict:
    # the claim id last: two claims of one sentence on an item edge, or syndicated copies, in one order
    evidence = tuple(sorted((e for _, e in claims), key=lambda e: (e.date, e.article, e.sentence, e.claim)))
    dates = sorted(e.date for e in evidence if e.date)
    attrs = {"relation": relation, "kind": "item" if relation in ITEM_RELATIONS else "relation",
             "weight": len({story for story, _ in claims}), "claims": len(claims),
             "modality": ",".join(sorted({e.modality for e in evidence})) or "Asserted",
             "confidence": _confidence(claims),
             # the independent articles the confidence comes from: those with a claim not Negated
             "sources": len({story for story, e in claims if e.modality != "Negated"}),
             "hand": len({story for story, e in claims if e.modality != "Negated" and e.added_by}),
             # facts added by hand that deny it: no article, so the page does not count them as one
             "hand_denying": len({story for story, e in claims if e.modality == "Negated" and e.added_by}),
             "evidence": evidence}
    if dates:
        attrs["first_date"], attrs["last_date"] = dates[0], dates[-1]
    return attrs


def _confidence(claims: list[tuple[str, Evidence]]) -> float:
    """The edge's confidence (kg.graph.confidence) from its claims grouped by story, as ``weight``
    counts them; Negated claims add nothing, so an edge only denied has 0."""
    by_story: dict[str, list[float]] = defaultdict(list)
    for story, evidence in claims:
        if evidence.modality != "Negated":
            by_story[story].append(evidence.confidence)
    return edge_confidence(by_story)


_LAST: list = []  # [(weak reference to a graph, its size, its network)]: the exports of one build share it


def to_network(graph: Graph) -> nx.MultiDiGraph:
    """One node per entity, one edge per (subject, relation, object), nodes and edges sorted.

    Edges whose every claim is Negated are kept (their ``modality`` says so), so that
    views can show what was denied; a direct edge with no claim behind it gets weight 0.
    The page, GEXF and GraphML of one graph read the same network, made once: treat it as
    read-only.
    """
    if _LAST and _LAST[0][0]() is graph and _LAST[0][1] == len(graph):
        return _LAST[0][2]
    network = _network(graph)
    _LAST[:] = [(weakref.ref(graph), len(graph), network)]
    return network


def _network(graph: Graph) -> nx.MultiDiGraph:
    items: dict[tuple, set] = defaultdict(set)
    grouped = _claims_by_edge(graph, items)
    relations = {KGO[name] for name in load_ontology().relations} | {p for _, p, _ in grouped}
    for relation in relations:
        for s, p, o in graph.triples((None, relation, None)):
            if isinstance(s, URIRef) and isinstance(o, URIRef) and (s, p, o) not in grouped:
                grouped[(s, p, o)] = []
    entities = set(graph.subjects(KGO.mentionCount, None)) | {n for s, _, o in grouped for n in (s, o)}
    network = nx.MultiDiGraph()
    for node in sorted(entities, key=entity_id):
        _add_node(network, graph, node)
    for (s, p, o), claims in sorted(grouped.items(), key=lambda kv: tuple(map(entity_id, kv[0]))):
        relation = _local(p)
        network.add_edge(entity_id(s), entity_id(o), key=relation, items=tuple(sorted(items.get((s, p, o), ()))),
                         **_edge_attrs(relation, claims))
    add_communities(network)
    return network


def undirected_weights(network: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of the relations, an edge's weight the sum of its articles."""
    simple = nx.Graph()
    simple.add_nodes_from(network)
    for s, o, data in network.edges(data=True):
        if s != o:
            previous = simple.get_edge_data(s, o, {"weight": 0})["weight"]
            simple.add_edge(s, o, weight=previous + max(data["weight"], 1))
    return simple


def add_communities(network: nx.MultiDiGraph) -> None:
    """Louvain communities (fixed seed) as a node attribute ``community``: 0 the largest, then by
    size and first id, so the numbers are stable; an entity with no relation is its own community."""
    found = nx.community.louvain_communities(undirected_weights(network), weight="weight", seed=COMMUNITY_SEED)
    for number, members in enumerate(sorted(found, key=lambda c: (-len(c), min(c)))):
        for node in members:
            network.nodes[node]["community"] = number


def flat_view(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The network with only the typed fields of NODE_FIELDS and EDGE_FIELDS, as GEXF and GraphML hold it."""
    def typed(kind: type, value):
        return xml_safe(value) if kind is str else kind(value)

    flat = nx.MultiDiGraph()
    for node, data in network.nodes(data=True):
        flat.add_node(node, **{k: typed(t, data[k]) for k, t in NODE_FIELDS.items() if k in data})
    for s, o, data in network.edges(data=True):
        # the key becomes the edge's id in GraphML, which must be unique in the file
        flat.add_edge(s, o, key=edge_id(s, data["relation"], o),
                      **{k: typed(t, data[k]) for k, t in EDGE_FIELDS.items() if k in data})
    return flat
