"""Quotations and paragraphs: where a paragraph opens, and which sentences one quotation spans.

Read by the claims (a quotation's sentences share its speaker) and by the
prefilter (a chosen sentence of a quotation takes along those that may name it).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["QUOTES", "opens_paragraph", "quotations"]

QUOTES = {"“": True, "”": False, "«": True, "»": False}


def opens_paragraph(sent: Span) -> bool:
    """Whether ``sent`` is the first sentence of its paragraph (of the text, or after a line break)."""
    before = sent.doc[sent.start - 1] if sent.start else None
    return before is None or "\n" in before.text or "\n" in before.whitespace_


def quotations(sents: list[Span]) -> list[int | None]:
    """For each sentence, the quotation it belongs to (a number) or None: a quotation
    runs from its opening mark to its closing one, over several sentences if need be,
    and ends at a paragraph break whatever the marks say."""
    groups: list[int | None] = []
    inside, current = False, -1
    for sent in sents:
        if opens_paragraph(sent):
            inside = False
        marks = [QUOTES.get(ch, not inside if ch == '"' else None) for ch in sent.text]
        marks = [m for m in marks if m is not None]
        if not inside and marks:
            current += 1
        groups.append(current if inside or marks else None)
        for opening in marks:
            inside = opening
    return groups
