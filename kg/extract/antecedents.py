"""Antecedents: how prominent each earlier name is, and which one a pronoun refers back to
when its own clause does not say (agreement in number, a nearer common noun phrase).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .syntax import PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, Context, span_root

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# prepositions that make a name the place where something happens ("the attacks in Paris")
PLACE_PREPOSITIONS = ("in", "near", "outside", "inside", "around", "across", "throughout", "within")
PLACE_RANK = 1  # salience of a name in a place phrase: the weakest antecedent that still counts


def in_place_phrase(tok: Token) -> bool:
    """Whether a name stands where an event happened: "in Paris", "near Damascus", or "at"
    after an event noun ("the massacre at Homs"; "fired at Israel" names a target)."""
    if tok.dep_ != "pobj":
        return False
    preposition = tok.head
    return preposition.lower_ in PLACE_PREPOSITIONS or \
        (preposition.lower_ == "at" and preposition.head.pos_ in ("NOUN", "PROPN"))


def salience(doc: Doc, start: int, end: int, stand_ins: frozenset[str]) -> int:
    """How prominent a mention is as an antecedent: 4 the main clause's subject, 3 another
    subject, 2 another argument, 1 a place where something happened ("the attacks in Paris"),
    0 a modifier of some other noun ("the Lebanon border", "the Russia-Ukraine war"). A modifier
    of a noun that stands for its owner ("US officials", "Israeli forces") takes that noun's place."""
    tok = span_root(doc, start, end)
    while tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i:
        if tok.head.lemma_ not in stand_ins and tok.head.lower_ not in stand_ins:
            return 0
        tok = tok.head
    while tok.dep_ in ("appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    if in_place_phrase(tok):
        return PLACE_RANK
    if tok.dep_ not in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS:
        return 2
    return 4 if tok.head.dep_ == "ROOT" else 3


def _agreement(ctx: Context, pronoun: Token, root: Token, kind: str | None) -> int:
    """How well a pronoun's number fits: "they" and "their" best a plural or a group ("Hamas
    said they"), less well a state ("if they keep sending arms", said of a government);
    "it" and "its" anything but a common plural ("drones"). 0 when it does not fit."""
    if pronoun.lower_ in ctx.rules.lexicon["headless_subject_pronouns"].get("plural", ()):
        if root.tag_ in ("NNS", "NNPS") or kind in ("ArmedGroup", "Organization", "GovernmentBody"):
            return 2
        return 1 if kind == "State" else 0
    return 2 if root.tag_ != "NNS" else 0


def _sentence_starts(doc: Doc, tok: Token, back: int) -> int:
    """The first token of the sentence ``back`` sentences before ``tok``'s."""
    start = tok.sent.start
    for _ in range(back):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def previous_entity(ctx: Context, tok: Token, classes: tuple[str, ...]) -> str | None:
    """What a pronoun refers to when its own clause does not say: the most prominent thing
    named just before it (in its sentence or the one before), a later sentence before an
    earlier one, a subject before an object; never a mere modifier of another noun. When that
    is a weapon, the pronoun means the weapon ("their range"), and no actor."""
    # a person is often named once and then "he" for paragraphs; a thing or group is not
    since = 0 if classes == ("Person",) else _sentence_starts(ctx.doc, tok, 1)
    stand_ins = ctx.words("generic_actor_nouns")
    best = None
    for start, end, eid in ctx.mention_spans:
        if start >= tok.i:
            break
        kind = ctx.types.get(eid)
        if start < since or (kind not in classes and kind != "WeaponSystem"):
            continue
        rank = salience(ctx.doc, start, end, stand_ins)
        fit = _agreement(ctx, tok, span_root(ctx.doc, start, end), kind) if kind != "Person" else 2
        if rank and fit:
            # a place where something happened yields to any actor named in the reach
            key = (rank > PLACE_RANK, ctx.doc[start].sent.start, fit, rank, start)
            if best is None or key > best[0]:
                best = (key, start, end, eid)
    if best is None or ctx.types.get(best[3]) not in classes:
        return None
    if not best[0][0] and _nearer_noun_phrase(ctx, tok, best[2]):
        return None  # "the attacks in Paris stiffened the resolve of the community in its ...": not Paris
    if any(ctx.entity(c) for t in ctx.doc[best[1]:best[2]] for c in t.conjuncts):
        return None
    return best[3]


def _nearer_noun_phrase(ctx: Context, pronoun: Token, after: int) -> bool:
    """Whether a common noun phrase that could be the pronoun's antecedent (an argument, not a
    modifier nor a place, agreeing in number) stands between token ``after`` and the pronoun."""
    for tok in ctx.doc[after:pronoun.i]:
        if tok.pos_ != "NOUN" or ctx.entity(tok) or tok.dep_ not in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS + (
                "dobj", "pobj", "attr", "appos") or in_place_phrase(tok):
            continue
        if _agreement(ctx, pronoun, tok, None):
            return True
    return False
