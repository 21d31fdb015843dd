"""Mutual relations between two sides: "clashes between X and Y", "X and Y exchanged fire",
"X signed a defence pact with Y" (a pair rule's senses tell an alliance from a ceasefire)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .agents import agent_entities
from .forms import Found, light_verb, sense_of
from .modality import modality
from .noun_phrases import noun_phrase_entities
from .senses import noun_sense
from .syntax import Context, pobjs

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .rules import Rule


# nouns of working together that make the doer of an act an ally of whom it is done "in ... with";
# "in cooperation with" or "in coordination with" is said as readily of one side's own agencies
IN_PARTNERSHIP = frozenset({"partnership", "alliance", "collaboration"})


def _entities_of(ctx: Context, tokens: list[Token]) -> list[str]:
    return list(dict.fromkeys(e for t in tokens for e in noun_phrase_entities(ctx, t)))


def _pair_sides(ctx: Context, tok: Token) -> tuple[list[str], list[str]]:
    """The two sides of a mutual relation: ("X", "Y") of "X's clashes with Y" or
    "X deepened cooperation with Y"; for "between X and Y" or "X and Y exchanged
    fire" both sides are the whole list."""
    verb = tok if tok.pos_ == "VERB" else (tok.head if tok.dep_ == "dobj" and tok.head.pos_ == "VERB" else None)
    if verb is None and tok.pos_ == "NOUN":
        verb = light_verb(ctx, tok)  # "engaged in clashes with X"
    if verb is None and tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ in ("VERB", "AUX") \
            and tok.lemma_.lower() in IN_PARTNERSHIP and any(c.lower_ == "with" for c in tok.children):
        verb = tok.head.head  # "X built it in partnership with Y": the doer of the act works with Y
    anchors = [tok] + ([verb] if verb is not None and verb is not tok else [])
    between = _entities_of(ctx, [o for a in anchors for o in pobjs(a, "between")])
    if len(between) >= 2:
        return between, between
    # "close ties to X": the noun's own "to" names a partner as "with" does
    partners = _entities_of(ctx, [o for a in anchors for o in pobjs(a, "with")] or pobjs(tok, "to"))
    # the owner written before the noun: "X's alliance with Y", "the US alliance with Y", "the Russian
    # partnership with Y"; "the X-Y defence treaty" names both sides and so holds them all
    owners = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod") and c.pos_ != "PRON"]
    actors = _entities_of(ctx, owners) + (agent_entities(verb, ctx) if verb is not None else [])
    if partners:
        return actors, partners
    return actors, actors


def pair_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    """Mutual relations: "clashes between X and Y", "X and Y exchanged fire"."""
    if tok.lemma_ not in rule.lemmas and tok.lower_ not in rule.lemmas:
        return
    if tok.lemma_ == "exchange" and not any(c.lemma_ in ("fire", "strike", "attack", "rocket", "blow")
                                            for c in tok.subtree):
        return
    if rule.senses and tok.pos_ in ("NOUN", "PROPN") and not noun_sense(ctx, tok, sense_of(tok, rule)):
        return  # "a defence pact with X" is an alliance, "a ceasefire agreement with X" is not
    sides = _pair_sides(ctx, tok)
    if any(a != b for a in sides[0] for b in sides[1]):
        mode = modality(tok, ctx)
        yield Found(tuple(sides[0]), rule.relation, tuple(sides[1]), tok.i, mode, rule.id)
        yield Found(tuple(sides[1]), rule.relation, tuple(sides[0]), tok.i, mode, rule.id)
