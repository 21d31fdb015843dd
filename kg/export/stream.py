"""Stream a build as N-Triples or N-Quads, for graphs too large for rdflib in memory.

The lines are written one article at a time from the same triple generators that make the Turtle
graph (``kg.graph.assemble``), so the stream and ``graph.ttl`` state the same triples; no rdflib Graph
is built. Bulk loaders (Oxigraph, QLever, Jena's tdb2.tdbloader) read either file.

Order, the same bytes for the same input: the entities, in the order given; then each article in
the order given, its document, then its claims with their sentences in the order given, then the
direct edges its claims give; last, the edge nodes (``kgc:edge-…``, each direct edge's confidence and
independent articles, ``kg.graph.confidence``), which need every article's claims of the edge and so
come once all articles are written. Each triple is written once: the triples an article repeats (a
sentence described by each of its claims, two claims of one fact) are dropped within the article.

- N-Triples (``graph.nt``): a direct edge that several articles state is written once, where the
  first of them is.
- N-Quads (``graph.nq``): the entity descriptions (class, label, aliases, counts, sameAs) are in
  the default graph, as they come from the whole corpus; everything an article says is in the named
  graph of the article's IRI (``kgd:ID``): its document, sentences, claims, and the direct edges
  its claims give. An edge that two articles state is in both their graphs, so a query over one
  article's graph sees its edges, and dropping an article's graph drops only what it said. The edge
  nodes are in the default graph, as they come from all the articles of an edge (dropping an
  article's graph leaves its edges' confidences as they were). Facts an analyst added by hand
  (kg.corrections) come from no article: they and their direct edges are in the default graph, after
  the articles. The union of all graphs is the graph of ``graph.ttl``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from rdflib import Literal

from ..atomic import open_atomic, remove_stale_temporaries, write_atomic
from ..errors import ExportError
from ..graph.assemble import Triple, claim_triples, document_triples, edge_triples, entity_triples
from ..graph.confidence import edge_node_triples, edge_sources
from ..model import Claim, Document, Entity
from ..ontology import KGD

__all__ = ["STREAM_FORMATS", "stream_chunks", "term_nt", "write_stream", "write_stream_build"]

STREAM_FORMATS = ("nt", "nq")

# N-Triples forbids a raw quote, backslash, line feed or carriage return in a string; the other
# control characters are allowed, but escaped too so no loader or terminal trips on them.
_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def term_nt(term) -> str:
    """An IRI or literal as N-Triples writes it (rdflib's ``n3()`` writes a text with a line
    break as a Turtle long string, which N-Triples has not)."""
    if not isinstance(term, Literal):
        return term.n3()  # an IRI; rdflib refuses one with characters an IRI cannot hold
    text = f'"{str(term).translate(_ESCAPES)}"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^<{term.datatype}>" if term.datatype else text


def _lines(triples: Iterable[Triple], graph_name: str) -> str:
    tail = f" {graph_name} .\n" if graph_name else " .\n"
    return "".join(f"{term_nt(s)} {term_nt(p)} {term_nt(o)}{tail}" for s, p, o in triples)


def _articles(documents: Iterable[Document], claims: Iterable[Claim]) -> Iterator[tuple[str, Document | None, list[Claim]]]:
    """(document id, document, its claims) in the documents' order; claims of a document not given last."""
    by_document: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_document[claim.document].append(claim)
    for document in documents:
        yield document.id, document, by_document.pop(document.id, [])
    for document_id, orphans in by_document.items():
        yield document_id, None, orphans


def stream_chunks(entities: Iterable[Entity], documents: Iterable[Document], claims: Iterable[Claim],
                  quads: bool) -> Iterator[str]:
    """The file's text, a chunk of lines per entity and per article."""
    for entity in entities:
        yield _lines(entity_triples(entity), "")
    edges_written: set[Triple] = set()
    said_claims: list[Claim] = []
    story: dict[str, str] = {}
    claims = list(claims)
    for document_id, document, article_claims in _articles(documents, [c for c in claims if not c.by_hand]):
        said = chain(document_triples(document) if document else (), *map(claim_triples, article_claims))
        yield _lines(chain(dict.fromkeys(said), _new_edges(article_claims, edges_written, quads)),
                     KGD[document_id].n3() if quads else "")
        story[document_id] = (document.copy_of if document else None) or document_id
        said_claims.extend(article_claims)
    hand = [c for c in claims if c.by_hand]
    if hand:  # facts added by hand come from no article: the default graph holds them
        yield _lines(chain(dict.fromkeys(chain.from_iterable(map(claim_triples, hand))),
                           _new_edges(hand, edges_written, quads)), "")
        said_claims.extend(hand)
    for edge, by_story in sorted(edge_sources(said_claims, story).items()):
        yield _lines(edge_node_triples(edge, by_story), "")


def _new_edges(claims: list[Claim], written: set[Triple], quads: bool) -> list[Triple]:
    """The direct edges of ``claims``, once each; in N-Triples (not ``quads``) only those not ``written`` yet."""
    edges = list(dict.fromkeys(chain.from_iterable(map(edge_triples, claims))))
    if not quads:
        edges = [edge for edge in edges if edge not in written]
        written.update(edges)
    return edges


def write_stream(entities: Iterable[Entity], documents: Iterable[Document], claims: Iterable[Claim],
                 path: Path, quads: bool) -> Path:
    """Write N-Triples (or N-Quads when ``quads``) to ``path``, chunk by chunk into a temporary
    file renamed into place at the end; return the path."""
    path = Path(path)
    with open_atomic(path) as handle:
        for chunk in stream_chunks(entities, documents, claims, quads):
            handle.write(chunk.encode("utf-8"))
    return path


def write_stream_build(result, out: Path, fmt: str) -> list[Path]:
    """Write ``graph.nt`` or ``graph.nq`` (``fmt``) and ``merge-log.txt`` into ``out``, from a
    build's entities, documents and claims (its rdflib graph is not needed, and may be None)."""
    if fmt not in STREAM_FORMATS:
        raise ExportError(f"unknown stream format {fmt!r}; known: {', '.join(STREAM_FORMATS)}")
    out = Path(out)
    written = [out / f"graph.{fmt}", out / "merge-log.txt"]
    try:
        remove_stale_temporaries(written)
        write_stream(result.entities, result.documents, result.claims, written[0], quads=fmt == "nq")
        write_atomic(written[1], "".join(f"{line}\n" for line in result.merge_log).encode("utf-8"))
    except OSError as err:
        raise ExportError(f"{out}: cannot write: {err.strerror or err}") from err
    return written
