"""The members a counted phrase announces and a colon or dash then names: "OFAC sanctioned
two officials: A and B", "added four more firms to the list: A, B, C and D", "designated six
companies -- A; B; C". The count names nobody, so the claim's objects are the names after
the mark, and not what the counted phrase itself names ("Nicaraguan officials": the officials,
not Nicaragua)."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .forms import Found
from .noun_phrases import noun_phrase_entities
from .parsed import is_parsed

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .syntax import Context

LIST_MARKS = (":", "—", "–", "--")
# the names must start right after the mark: titles ("Vice President A") may come first, a
# clause may not ("... two officials: the ministry said ...")
NAME_WITHIN = 6
COUNT_WORDS = ("several", "more", "other", "further", "additional")


def _counted(tok: Token) -> bool:
    """Whether a plural noun carries a count: "two officials", "four more firms", "several
    executives", "two of its associates" (the number heads the phrase)."""
    if any(c.dep_ == "nummod" or c.lower_ in COUNT_WORDS for c in tok.children):
        return True
    head = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    return head is not None and head.pos_ == "NUM"


def _announcing_noun(ctx: Context, trigger: Token, mark: Token) -> Token | None:
    """The counted member noun the trigger's phrase (or its light verb's) holds before the mark."""
    nouns = ctx.words("member_nouns")
    # a noun trigger's phrase is often the object of its light verb ("imposed sanctions on two ...")
    tops = {trigger.i, trigger.head.i} if trigger.pos_ == "NOUN" else {trigger.i}
    for tok in trigger.sent:
        if not trigger.i < tok.i < mark.i and not (tok.i < trigger.i and tok.head.i == trigger.i):
            continue
        if tok.tag_ != "NNS" or tok.lower_ not in nouns or ctx.entity(tok) or not _counted(tok):
            continue
        if any(a.i in tops for a in tok.ancestors):
            return tok
    return None


def _first_name(ctx: Context, sent: Span, start: int) -> Token | None:
    """The first proper noun from ``start`` on, with only titles, articles, "and", "of" and
    punctuation before it ("Vice President and First Lady A", "the B Group"); None when any
    other word comes first (a clause: "the ministry said A ...")."""
    titles = ctx.rules.title_words
    for tok in sent[start - sent.start:start - sent.start + NAME_WITHIN]:
        if tok.pos_ == "PROPN" or ctx.entity(tok):
            return tok
        if tok.pos_ not in ("DET", "CCONJ", "ADP", "PUNCT") and tok.lower_ not in titles:
            return None
    return None


def _names_after(ctx: Context, sent: Span, mark: Token) -> list[str]:
    """The entities a list after the mark names: the first name (titles included: "Vice
    President and First Lady A and B") and its conjuncts, and each name opening a part after a
    semicolon ("A; B, AO (B); C")."""
    starts = [mark.i + 1] + [t.i + 1 for t in sent if t.i > mark.i and t.text == ";"]
    found: list[str] = []
    for start in starts:
        first = _first_name(ctx, sent, start)
        if first is None:
            if start == mark.i + 1:
                return []
            continue
        root = first
        while root.dep_ in ("compound", "flat") and root.head.i > root.i:
            root = root.head  # "Vice" -> "President", "Gustavo" -> "Cortes"
        # in a list parted by semicolons a comma is inside an item ("B, AO (B)"): its first name only
        for tok in (root, *root.conjuncts) if len(starts) == 1 else (root,):
            eid = ctx.entity(tok)
            if eid and eid not in found:
                found.append(eid)
    return found


def with_listed_members(ctx: Context, found: Found) -> Found:
    """``found`` with the members a colon or dash names after its counted object, when it has
    one; else ``found`` unchanged."""
    trigger = ctx.doc[found.trigger]
    sent = trigger.sent
    mark = next((t for t in sent if t.i > trigger.i and t.text in LIST_MARKS), None)
    if mark is None:
        return found
    noun = _announcing_noun(ctx, trigger, mark)
    if noun is None:
        return found
    members = _names_after(ctx, sent, mark)
    # the parser may take the list for the verb's subject ("OFAC added four officials to the
    # list: A, B and C" with A and its conjuncts as a second subject): the agent is named before
    subjects = tuple(e for e in found.subjects if e not in members)
    members = [e for e in members if e not in subjects]
    if not members:
        return found
    counted = set(noun_phrase_entities(ctx, noun, conjuncts=False))
    kept = [e for e in found.objects if e not in counted and e not in members]
    return replace(found, subjects=subjects, objects=tuple(kept + members), via="members")


# relations whose counted target ("sanctioned three officers") the sentence next to it may name
COUNTED_RELATIONS = ("sanctions",)
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12}


def _number(tok: Token) -> int | None:
    """The count a plural noun carries as a number of its own ("two ministers", "the 3 men")."""
    for child in tok.children:
        if child.dep_ == "nummod":
            word = child.lower_
            return NUMBER_WORDS.get(word) or (int(word) if word.isdigit() and 1 < int(word) <= 12 else None)
    return None


def _counted_target(ctx: Context, trigger: Token) -> tuple[Token, int, str] | None:
    """The counted plural noun of people or bodies the trigger's phrase holds, its count and the
    class of what it counts: "ordered sanctions against two ministers", "blacklisted three
    officers", "sanctioned the two men", "against two Russians"."""
    kinds = ctx.rules.lexicon["member_kinds"]
    tops = {trigger.i, trigger.head.i} if trigger.pos_ == "NOUN" else {trigger.i}
    for tok in trigger.sent:
        if tok.tag_ not in ("NNS", "NNPS") or ctx.entity(tok) or not _target_of(tok, tops):
            continue
        count = _number(tok)
        if count is None:
            continue
        if tok.tag_ == "NNPS" and ctx.demonym(tok):  # "two Russians"
            return tok, count, "Person"
        kind = next((k for k, nouns in kinds.items() if tok.lower_ in nouns), None)
        if kind is not None:
            return tok, count, kind
    return None


def _target_of(tok: Token, tops: set[int]) -> bool:
    """Whether a noun is what the trigger acts on: its object ("blacklisted three officers"), its
    passive subject ("two officials were sanctioned") or the object of "on", "against" or
    "targeting" on it ("sanctions against two ministers"); not "over the killing of two men"."""
    if tok.dep_ in ("dobj", "nsubjpass"):
        return tok.head.i in tops
    head = tok.head
    return tok.dep_ == "pobj" and head.lower_ in ("on", "against", "targeting") and head.head.i in tops


def _named_in(ctx: Context, sent: Span, kind: str) -> list[str]:
    """The distinct entities of class ``kind`` a sentence names by name (no pronoun)."""
    found: list[str] = []
    for start, _end, eid in ctx.mention_spans:
        if sent.start <= start < sent.end and start not in ctx.indirect and ctx.types.get(eid) == kind \
                and eid not in found:
            found.append(eid)
    return found


def with_counted_members(ctx: Context, found: Found) -> Found:
    """``found`` with the members its counted target stands for when the sentence after it, or else
    the one before, names exactly that many of them: "X ordered sanctions against two ministers.
    Finance Minister A and Interior Minister B will be barred ..." (A and B). The count must
    match exactly; else ``found`` unchanged."""
    if found.relation not in COUNTED_RELATIONS or not found.subjects or found.via:
        return found
    trigger = ctx.doc[found.trigger]
    target = _counted_target(ctx, trigger)
    if target is None:
        return found
    _noun, count, kind = target
    sent, doc = trigger.sent, ctx.doc
    neighbours = [doc[sent.end].sent] if sent.end < len(doc) else []
    neighbours += [doc[sent.start - 1].sent] if sent.start > 0 else []
    for other in neighbours:
        if not is_parsed(other):
            continue
        members = [e for e in _named_in(ctx, other, kind) if e not in found.subjects]
        if len(members) == count:
            objects = tuple(dict.fromkeys((*found.objects, *members)))
            return replace(found, objects=objects, via="counted")
    return found


def titled_list(ctx: Context, title: Token) -> list[str]:
    """The people a counted plural title announces before a colon or dash, each a holder of it:
    "added four Chilean officials to the list: A, B and C". Not when a verb comes between the
    title and the mark (another clause names them)."""
    if title.tag_ != "NNS" or not _counted(title):
        return []
    sent = title.sent
    mark = next((t for t in sent if t.i > title.i and t.text in LIST_MARKS), None)
    if mark is None or any(t.pos_ in ("VERB", "AUX") for t in ctx.doc[title.i + 1:mark.i]):
        return []
    return [e for e in _names_after(ctx, sent, mark) if ctx.types.get(e) == "Person"]
