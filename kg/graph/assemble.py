"""Assemble claims into the RDF graph of the contract and its networkx view."""
from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import chain

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.namespace import DCTERMS, PROV

from ..model import Claim, Document, Entity
from ..ontology import KGC, KGD, KGE, KGO
from ..ingest.syndication import story_of
from .confidence import edge_confidence, edge_node_triples, edge_sources, source_of

logger = logging.getLogger(__name__)


def claim_id(claim: Claim) -> str:
    """A stable id from the claim's document, sentence, subject, relation and object; for a fact
    added by hand, from "hand", its subject, relation, object, who added it and the note why."""
    if claim.by_hand:
        parts = ("hand", claim.subject, claim.relation, claim.object, claim.added_by, claim.note)
    else:
        parts = (claim.document, str(claim.sentence), claim.subject, claim.relation, claim.object)
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def sentence_iri(document: str, sentence: int) -> URIRef:
    return URIRef(f"{KGD}{document}/s/{sentence}")


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in (("kgo", KGO), ("kge", KGE), ("kgd", KGD), ("kgc", KGC), ("skos", SKOS),
                              ("owl", OWL), ("prov", PROV), ("dcterms", DCTERMS)):
        graph.bind(prefix, namespace)
    return graph


Triple = tuple[URIRef, URIRef, Node]


# The triples of the contract come from these generators alone: build_graph adds them to an
# rdflib Graph, kg.export.stream writes them as lines, so the two can never disagree.

def entity_triples(entity: Entity) -> Iterator[Triple]:
    node = KGE[entity.id]
    yield node, RDF.type, KGO[entity.type]
    yield node, RDFS.label, Literal(entity.label)
    for alias in entity.aliases:
        yield node, SKOS.altLabel, Literal(alias)
    yield node, KGO.mentionCount, Literal(entity.mentions)
    yield node, KGO.articleCount, Literal(len(entity.documents))
    if entity.same_as:
        yield node, OWL.sameAs, URIRef(entity.same_as)


def document_triples(document: Document) -> Iterator[Triple]:
    node = KGD[document.id]
    yield node, RDF.type, KGO.Article
    if document.title:
        yield node, DCTERMS.title, Literal(document.title)
    if document.date:
        yield node, DCTERMS.date, Literal(document.date, datatype=XSD.date)
    if document.publisher:
        yield node, DCTERMS.publisher, Literal(document.publisher)
    yield node, DCTERMS.source, Literal(document.source)
    if document.copy_of:
        yield node, KGO.copyOf, KGD[document.copy_of]


def claim_triples(claim: Claim) -> Iterator[Triple]:
    """The claim node and its sentence; every claim of a sentence repeats the sentence's triples.
    A fact added by hand has no sentence and no article: who added it (kgo:addedBy) and why (rdfs:comment)."""
    node = KGC[claim_id(claim)]
    if claim.by_hand:
        yield from _statement_triples(node, claim)
        yield node, KGO.addedBy, Literal(claim.added_by)
        yield node, RDFS.comment, Literal(claim.note)
        yield from _confidence_triples(node, claim)
        return
    sentence = sentence_iri(claim.document, claim.sentence)
    yield sentence, RDF.type, KGO.Sentence
    yield sentence, DCTERMS.isPartOf, KGD[claim.document]
    yield sentence, KGO.startChar, Literal(claim.start_char)
    yield sentence, KGO.endChar, Literal(claim.end_char)
    yield sentence, RDF.value, Literal(claim.text)
    yield from _statement_triples(node, claim)
    yield node, PROV.wasDerivedFrom, sentence
    yield node, DCTERMS.isPartOf, KGD[claim.document]
    yield node, KGO.evidence, Literal(claim.text)
    yield node, KGO.startChar, Literal(claim.start_char)
    yield node, KGO.endChar, Literal(claim.end_char)
    yield from _confidence_triples(node, claim)


def _statement_triples(node: URIRef, claim: Claim) -> Iterator[Triple]:
    """What the claim states: the reified triple, items, modality, speaker and outlet."""
    for cls in (KGO.Claim, RDF.Statement):
        yield node, RDF.type, cls
    yield node, RDF.subject, KGE[claim.subject]
    yield node, RDF.predicate, KGO[claim.relation]
    yield node, RDF.object, KGE[claim.object]
    for item in claim.items:
        yield node, KGO.item, KGE[item]
    yield node, KGO.modality, KGO[claim.modality]
    if claim.attributed_to:
        yield node, KGO.attributedTo, KGE[claim.attributed_to]
    if claim.reported_by:
        yield node, KGO.reportedBy, KGE[claim.reported_by]


def _confidence_triples(node: URIRef, claim: Claim) -> Iterator[Triple]:
    yield node, KGO.confidence, Literal(Decimal(str(claim.confidence)))
    yield node, KGO.rule, Literal(claim.rule)
    if claim.date:
        yield node, DCTERMS.date, Literal(claim.date, datatype=XSD.date)


def edge_triples(claim: Claim) -> Iterator[Triple]:
    """The direct edge a claim gives: one for an asserted, planned or possible claim, none for a denied one."""
    if claim.modality != "Negated":
        yield KGE[claim.subject], KGO[claim.relation], KGE[claim.object]


def build_graph(entities: Iterable[Entity], documents: Iterable[Document], claims: Iterable[Claim]) -> Graph:
    """The RDF graph: entities, documents, claims, one direct edge per asserted fact and its edge
    node (kg.graph.confidence: the edge's confidence and independent articles)."""
    graph = new_graph()
    documents, claims = list(documents), list(claims)
    for entity in entities:
        for triple in entity_triples(entity):
            graph.add(triple)
    for document in documents:
        for triple in document_triples(document):
            graph.add(triple)
    for claim in claims:
        for triple in chain(claim_triples(claim), edge_triples(claim)):
            graph.add(triple)
    for edge, by_story in sorted(edge_sources(claims, story_of(documents)).items()):
        for triple in edge_node_triples(edge, by_story):
            graph.add(triple)
    return graph


def to_networkx(entities: Iterable[Entity], claims: Iterable[Claim],
                story: dict[str, str] | None = None) -> nx.MultiDiGraph:
    """One node per entity, one edge per (subject, relation, object), weight = independent
    sources: the syndicated copies of a story (``story``: document id -> story id) count once, a
    fact added by hand counts as one (kg.graph.confidence.source_of)."""
    story = story or {}
    network = nx.MultiDiGraph()
    for entity in entities:
        network.add_node(entity.id, label=entity.label, cls=entity.type, mentions=entity.mentions,
                         sameAs=entity.same_as or "")
    claims = list(claims)
    sources = edge_sources(claims, story)
    grouped: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        grouped[(claim.subject, claim.relation, claim.object)].append(claim)
    for (subject, relation, obj), group in sorted(grouped.items()):
        if all(c.modality == "Negated" for c in group):
            continue
        dates = sorted(c.date for c in group if c.date)
        network.add_edge(subject, obj, key=relation, relation=relation,
                         weight=len({source_of(c, story) for c in group}), claims=len(group),
                         confidence=edge_confidence(sources[(subject, relation, obj)]),
                         modality=",".join(sorted({c.modality for c in group})),
                         first_date=dates[0] if dates else "", last_date=dates[-1] if dates else "")
    return network
