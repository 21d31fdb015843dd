"""One confidence per direct edge, from the calibrated confidences of its claims.

An edge's confidence is the probability that at least one of its independent sources is right:
``1 - prod_s (1 - c_s)``, where the sources are the edge's articles with syndicated copies counted
once (a document's story is the original it is a ``kgo:copyOf``, else itself) and ``c_s`` is the
highest confidence of the edge's claims in that story that are not Negated. A Negated claim gives
no edge and adds nothing. A fact an analyst added by hand is a source of its own, not an article
(its confidence is 1, so its edge's is 1 too).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from math import prod

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.term import Node

from ..model import Claim
from ..ontology import KGC, KGE, KGO

__all__ = ["edge_confidence", "edge_iri", "edge_node_triples", "edge_sources", "source_of"]

Edge = tuple[str, str, str]


def edge_confidence(confidences_by_story: Mapping[str, list[float]]) -> float:
    """1 - prod over stories of (1 - the story's highest confidence), rounded to 3 places;
    0.0 when no story states the edge. It reaches 1 only when a claim itself is certain: five
    articles at 0.96 make 0.9999999, which shows as 0.999, for the articles are never quite
    independent and a reader takes "1" for proof."""
    unsure = prod(1 - max(c) for c in confidences_by_story.values() if c)
    return 1.0 if unsure == 0 else min(round(1 - unsure, 3), 0.999)


def edge_key(subject: str, relation: str, obj: str) -> str:
    """The 16 hex digits naming the edge node of (subject, relation, object): sha1 of "s|p|o"."""
    return hashlib.sha1("|".join((subject, relation, obj)).encode("utf-8")).hexdigest()[:16]


def edge_iri(subject: str, relation: str, obj: str) -> URIRef:
    return KGC[f"edge-{edge_key(subject, relation, obj)}"]


def source_of(claim: Claim, story: Mapping[str, str]) -> str:
    """The independent source of a claim: its article's story, or for a fact added by hand the
    fact itself (who added it and why: two analysts' notes are two sources, neither an article)."""
    if claim.by_hand:
        return "\0hand|" + "|".join((claim.added_by, claim.note))  # "\0": no document id begins so
    return story.get(claim.document, claim.document)


def edge_sources(claims: Iterable[Claim], story: Mapping[str, str] | None = None) -> dict[Edge, dict[str, list[float]]]:
    """(subject, relation, object) -> story (or fact added by hand, ``source_of``) -> the confidences
    of its non-Negated claims there; only edges some claim asserts, plans or calls possible."""
    story = story or {}
    found: dict[Edge, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if claim.modality != "Negated":
            found[(claim.subject, claim.relation, claim.object)][source_of(claim, story)].append(
                float(claim.confidence))
    return found


def edge_node_triples(edge: Edge, by_story: Mapping[str, list[float]]) -> Iterator[tuple[URIRef, URIRef, Node]]:
    """The edge node of a direct edge: kgo:Edge and rdf:Statement, its three ends, its confidence
    and the number of independent articles stating it."""
    subject, relation, obj = edge
    node = edge_iri(subject, relation, obj)
    for cls in (KGO.Edge, RDF.Statement):
        yield node, RDF.type, cls
    yield node, RDF.subject, KGE[subject]
    yield node, RDF.predicate, KGO[relation]
    yield node, RDF.object, KGE[obj]
    yield node, KGO.confidence, Literal(Decimal(str(edge_confidence(by_story))), datatype=XSD.decimal)
    yield node, KGO.sourceCount, Literal(sum(1 for c in by_story.values() if c), datatype=XSD.integer)
