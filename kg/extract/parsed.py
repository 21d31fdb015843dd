"""The joined Doc of a prefiltered text: the parsed runs laid over the cheap Doc (``join``), and
which of its sentences and tokens the statistical pipeline read (``is_parsed``, ``parsed_tokens``, ...).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import ORTH, TAG
from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

RUNS = "kg_parsed_runs"  # the cheap Doc's runs of chosen sentences, (first token, end)
LAID_ATTRS = ["TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID"]


def is_parsed(sent: Span) -> bool:
    """Whether the statistical pipeline read ``sent`` (it tags every token it reads)."""
    return sent.doc[sent.start].tag != 0


def join(pieces: Iterable[Doc]) -> Doc:
    """One Doc from ``Prefilter.segments``' pieces: each cheap Doc with the parses of its runs laid
    over it, and the parts of a long text joined."""
    docs: list[Doc] = []
    pending: list[Doc] = []
    for piece in pieces:
        if RUNS in piece.user_data:
            if pending:
                docs.append(_laid_over(pending[0], pending[1:]))
            pending = [piece]
        else:
            pending.append(piece)
    if pending:
        docs.append(_laid_over(pending[0], pending[1:]))
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])


def _laid_over(cheap: Doc, parsed: list[Doc]) -> Doc:
    """The cheap Doc with every annotation of the parsed runs copied onto their tokens; the
    tokens are the same (a run starts and ends where its sentences do), else Docs are joined."""
    runs = cheap.user_data.pop(RUNS)
    if not runs:
        return cheap
    orth = cheap.to_array(ORTH)
    if any(not numpy.array_equal(doc.to_array(ORTH), orth[start:end]) for doc, (start, end) in zip(parsed, runs)):
        return _joined(cheap, runs, parsed)
    array = cheap.to_array(LAID_ATTRS)
    for doc, (start, end) in zip(parsed, runs):
        array[start:end] = doc.to_array(LAID_ATTRS)
    cheap.from_array(LAID_ATTRS, array)
    return cheap


def _joined(cheap: Doc, runs: list[tuple[int, int]], parsed: list[Doc]) -> Doc:
    pieces: list[Doc] = []
    position = 0
    for doc, (start, end) in zip(parsed, runs):
        if start > position:
            pieces.append(cheap[position:start].as_doc())
        pieces.append(doc)
        position = end
    if position < len(cheap):
        pieces.append(cheap[position:].as_doc())
    return pieces[0] if len(pieces) == 1 else Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor"])


def parsed_ranges(doc: Doc) -> list[tuple[int, int]]:
    """The (start, end) token ranges of ``doc`` the statistical pipeline read."""
    tags = doc.to_array(TAG) != 0
    if tags.all():
        return [(0, len(doc))]
    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], tags.astype(numpy.int8), [0]))))
    return [(int(start), int(end)) for start, end in zip(edges[::2], edges[1::2])]


def parsed_tokens(doc: Doc) -> Iterator[Token]:
    """The tokens of ``doc`` the statistical pipeline read, in order; the others have no tag, part
    of speech or parse that a mention could come from."""
    ranges = parsed_ranges(doc)
    if ranges == [(0, len(doc))]:
        yield from doc
        return
    for start, end in ranges:
        yield from doc[start:end]


def noun_chunks(doc: Doc) -> list[Span]:
    """``doc.noun_chunks`` of the parsed sentences only."""
    ranges = parsed_ranges(doc)
    if ranges == [(0, len(doc))]:
        return list(doc.noun_chunks)
    return [Span(doc, start, end, label=label) for first, last in ranges
            for start, end, label in doc.noun_chunks_iterator(doc[first:last])]


def parsed_fraction(doc: Doc) -> float:
    """The share of ``doc``'s tokens the statistical pipeline read."""
    return float((doc.to_array(TAG) != 0).mean()) if len(doc) else 0.0
