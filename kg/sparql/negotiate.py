"""Answer a SPARQL query in the media type an HTTP client asks for (the endpoint's worker side).

Example:
    >>> choose("text/csv;q=0.5, application/sparql-results+json", RESULT_TYPES)
    'application/sparql-results+json'
"""
from __future__ import annotations

from typing import NamedTuple

import pyoxigraph as ox

from ..errors import QueryError

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "Reply", "answer", "choose"]

# The first of each table is the default for "*/*" or no Accept header.
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
TEXT_TYPES = ("text/csv", "text/tab-separated-values", "text/turtle", "text/plain")


class Reply(NamedTuple):
    """An HTTP answer: status, Content-Type and body."""

    status: int
    content_type: str
    body: bytes


def answer(store: ox.Store, text: str, accept: str) -> Reply:
    """Run ``text`` on ``store`` and serialize it for ``accept``; errors become 4xx replies."""
    from .query import run_query

    try:
        result = run_query(store, text)
    except QueryError as err:
        return Reply(400, "text/plain; charset=utf-8", f"{err}\n".encode())
    offers = GRAPH_TYPES if isinstance(result, ox.QueryTriples) else RESULT_TYPES
    media = choose(accept, offers)
    if media is None:
        return Reply(406, "text/plain; charset=utf-8",
                     f"cannot answer in {accept!r}; available: {', '.join(offers)}\n".encode())
    body = result.serialize(format=offers[media])
    return Reply(200, media + ("; charset=utf-8" if media in TEXT_TYPES else ""), body)


def choose(accept: str, offers: dict) -> str | None:
    """The offered media type the Accept header ranks highest (ties: the offers' order), or None."""
    for media, q in _parse_accept(accept or "*/*"):
        match = next((o for o in offers if _matches(media, o)), None)
        if match is not None and q > 0:
            return match
    return None


def _parse_accept(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media.lower(), q))
    # Specific types outrank wildcards at the same q (RFC 9110, 12.5.1).
    return sorted(ranges, key=lambda r: (-r[1], r[0].count("*")))


def _matches(media: str, offer: str) -> bool:
    if media == "*/*":
        return True
    if media.endswith("/*"):
        return offer.startswith(media[:-1])
    return media == offer
