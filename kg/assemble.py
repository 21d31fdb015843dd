"""Assemble claims into the RDF graph of the contract and its networkx view."""
from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from .model import Claim, Document, Entity
from .ontology import KGC, KGD, KGE, KGO

logger = logging.getLogger(__name__)


def claim_id(claim: Claim) -> str:
    """A stable id from the claim's document, sentence, subject, relation and object."""
    key = "|".join((claim.document, str(claim.sentence), claim.subject, claim.relation, claim.object))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def sentence_iri(document: str, sentence: int) -> URIRef:
    return URIRef(f"{KGD}{document}/s/{sentence}")


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in (("kgo", KGO), ("kge", KGE), ("kgd", KGD), ("kgc", KGC), ("skos", SKOS),
                              ("owl", OWL), ("prov", PROV), ("dcterms", DCTERMS)):
        graph.bind(prefix, namespace)
    return graph


def _add_entity(graph: Graph, entity: Entity) -> None:
    node = KGE[entity.id]
    graph.add((node, RDF.type, KGO[entity.type]))
    graph.add((node, RDFS.label, Literal(entity.label)))
    for alias in entity.aliases:
        graph.add((node, SKOS.altLabel, Literal(alias)))
    graph.add((node, KGO.mentionCount, Literal(entity.mentions)))
    graph.add((node, KGO.articleCount, Literal(len(entity.documents))))
    if entity.same_as:
        graph.add((node, OWL.sameAs, URIRef(entity.same_as)))


def _add_document(graph: Graph, document: Document) -> None:
    node = KGD[document.id]
    graph.add((node, RDF.type, KGO.Article))
    if document.title:
        graph.add((node, DCTERMS.title, Literal(document.title)))
    if document.date:
        graph.add((node, DCTERMS.date, Literal(document.date, datatype=XSD.date)))
    if document.publisher:
        graph.add((node, DCTERMS.publisher, Literal(document.publisher)))
    graph.add((node, DCTERMS.source, Literal(document.source)))
    if document.copy_of:
        graph.add((node, KGO.copyOf, KGD[document.copy_of]))


def _add_claim(graph: Graph, claim: Claim) -> None:
    node = KGC[claim_id(claim)]
    sentence = sentence_iri(claim.document, claim.sentence)
    graph.add((sentence, RDF.type, KGO.Sentence))
    graph.add((sentence, DCTERMS.isPartOf, KGD[claim.document]))
    graph.add((sentence, KGO.startChar, Literal(claim.start_char)))
    graph.add((sentence, KGO.endChar, Literal(claim.end_char)))
    graph.add((sentence, RDF.value, Literal(claim.text)))
    for cls in (KGO.Claim, RDF.Statement):
        graph.add((node, RDF.type, cls))
    graph.add((node, RDF.subject, KGE[claim.subject]))
    graph.add((node, RDF.predicate, KGO[claim.relation]))
    graph.add((node, RDF.object, KGE[claim.object]))
    for item in claim.items:
        graph.add((node, KGO.item, KGE[item]))
    graph.add((node, KGO.modality, KGO[claim.modality]))
    if claim.attributed_to:
        graph.add((node, KGO.attributedTo, KGE[claim.attributed_to]))
    if claim.reported_by:
        graph.add((node, KGO.reportedBy, KGE[claim.reported_by]))
    graph.add((node, PROV.wasDerivedFrom, sentence))
    graph.add((node, DCTERMS.isPartOf, KGD[claim.document]))
    graph.add((node, KGO.evidence, Literal(claim.text)))
    graph.add((node, KGO.startChar, Literal(claim.start_char)))
    graph.add((node, KGO.endChar, Literal(claim.end_char)))
    graph.add((node, KGO.confidence, Literal(Decimal(str(claim.confidence)))))
    graph.add((node, KGO.rule, Literal(claim.rule)))
    if claim.date:
        graph.add((node, DCTERMS.date, Literal(claim.date, datatype=XSD.date)))


def build_graph(entities: Iterable[Entity], documents: Iterable[Document], claims: Iterable[Claim]) -> Graph:
    """The RDF graph: entities, documents, claims and one direct edge per asserted fact."""
    graph = new_graph()
    for entity in entities:
        _add_entity(graph, entity)
    for document in documents:
        _add_document(graph, document)
    claims = list(claims)
    for claim in claims:
        _add_claim(graph, claim)
        if claim.modality != "Negated":
            graph.add((KGE[claim.subject], KGO[claim.relation], KGE[claim.object]))
    return graph


def to_networkx(entities: Iterable[Entity], claims: Iterable[Claim],
                story: dict[str, str] | None = None) -> nx.MultiDiGraph:
    """One node per entity, one edge per (subject, relation, object), weight = independent
    articles: the syndicated copies of a story (``story``: document id -> story id) count once."""
    story = story or {}
    network = nx.MultiDiGraph()
    for entity in entities:
        network.add_node(entity.id, label=entity.label, cls=entity.type, mentions=entity.mentions,
                         sameAs=entity.same_as or "")
    grouped: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        grouped[(claim.subject, claim.relation, claim.object)].append(claim)
    for (subject, relation, obj), group in sorted(grouped.items()):
        if all(c.modality == "Negated" for c in group):
            continue
        dates = sorted(c.date for c in group if c.date)
        network.add_edge(subject, obj, key=relation, relation=relation,
                         weight=len({story.get(c.document, c.document) for c in group}), claims=len(group),
                         modality=",".join(sorted({c.modality for c in group})),
                         first_date=dates[0] if dates else "", last_date=dates[-1] if dates else "")
    return network
