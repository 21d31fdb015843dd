"""Where NER's name spans go wrong around people's names, and how they are mended before the
names become mentions (``mentions``): an editor's bracket cutting a name in two, and an
organisation's name run on into the name of the person after it."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

    from .catalog import Catalog

# An editor's insertion or a markup remnant: never part of a name ("[Prime Minister Naftali] Bennett").
BRACKETS = frozenset("[]{}<>|")
NAME_CHARS = re.compile(r"[A-Za-z]")
PERSON_WORD = re.compile(r"[A-Z][A-Za-z]*[a-z](?:[-'’][A-Za-z]+)*")  # "Ruiz", "Al-Amin", "O'Neil"


def bracket_between(before: Span, name: Span) -> bool:
    """Whether a person's name and the capitalised words right before it are one name that an
    editor's bracket cuts ("[Prime Minister Naftali] Bennett", its opening bracket lost)."""
    doc = name.doc
    gap = doc[before.end:name.start]
    brackets = [t for t in [*before, *gap] if t.text in BRACKETS]
    words = [t for t in before if t.text not in BRACKETS]
    return (before.label_ in ("PERSON", "ORG") and not before.id_ and not name.id_ and len(brackets) == 1
            and all(t.text in BRACKETS for t in gap) and brackets[0].i in (before.end - 1, before.end)
            and bool(words) and all(t.pos_ == "PROPN" and t.is_title for t in words))


def person_after_body(ent: Span, heads: frozenset[str], not_names: frozenset[str],
                       catalog: Catalog) -> tuple[Span, Span] | None:
    """An organisation's name NER ran on into the name of the person after it ("the Interior
    Ministry Giorgi Beridze", "the Armed Forces, Claire Dubois"): the body's name ends with
    a word for a body, and two to four capitalised name words follow, no title or body word among
    them, that name no catalog thing but a person; and a title governs the body's name ("Minister
    of the Armed Forces, ...", "head of the Interior Ministry ..."), the post the person holds."""
    from spacy.tokens import Span

    doc = ent.doc
    cut = max((t.i for t in ent[:-2] if t.lower_ in heads), default=None)
    if cut is None or cut == ent.start:
        return None
    start = cut + 2 if doc[cut + 1].text == "," else cut + 1
    tail = doc[start:ent.end]
    if not 2 <= len(tail) <= 4 or any(t.lower_ in heads or t.lower_ in not_names or t.lower_ in catalog.by_demonym
                                      or t.tag_ != "NNP" or not PERSON_WORD.fullmatch(t.text) for t in tail):
        return None  # "Public Relations" (a plural), "Technology Co." are no person's name
    if not _under_title(ent, not_names):
        return None
    known = catalog.lookup(tail.text)
    if known and catalog.entries[known].type != "Person":
        return None
    return Span(doc, ent.start, cut + 1, label="ORG"), Span(doc, start, ent.end, label="PERSON")


def _under_title(ent: Span, titles: frozenset[str], hops: int = 3) -> bool:
    """Whether a title governs the name through a chain of "of" phrases ("Minister of the X",
    "head of the Y of the X") or stands right before it."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in titles:
        return True
    tok = ent.root
    for _ in range(hops):
        if tok.dep_ != "pobj" or tok.head.lower_ != "of":
            return False
        tok = tok.head.head
        if tok.lower_ in titles:
            return True
    return False

