"""Members of an alliance named by what it includes: "the Axis of Resistance, including X and Y",
"a coalition of rebel groups which includes X". A member is allied with the alliance it is in
(alliedWith is symmetric, so the alliance with it too)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .forms import Found
from .modality import modality
from .noun_phrases import appos_antecedent
from .syntax import Context, pobjs

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .rules import Rule

ALLIANCE_CLASSES = ("Organization", "ArmedGroup", "GovernmentBody")
MEMBER_CLASSES = ("State", "Organization", "ArmedGroup", "GovernmentBody")
INCLUDING_WORDS = ("including", "comprising")  # prepositions that list members
INCLUDE_VERBS = ("include", "comprise", "encompass")  # verbs of a relative clause that list them
LIST_WORDS = INCLUDING_WORDS + ("alongside",)  # prepositions whose objects are members ("X alongside Y")
LIST_ENDS = (")", ";", ":")
DASHES = ("-", "–", "—")


def _alliance(ctx: Context, tok: Token) -> str | None:
    """The named alliance a trigger stands for: the name it is part of, or the name it describes
    as an apposition ("the Northern Alliance, a coalition of ...")."""
    eid = ctx.entity(tok)
    if eid is None and tok.dep_ == "appos":
        eid = ctx.entity(appos_antecedent(tok, ctx))
    return eid if eid and ctx.types.get(eid) in ALLIANCE_CLASSES else None


def _named(ctx: Context, start: Token) -> list[str]:
    """The actors a list from ``start`` on names each by its own name, up to where the list ends
    (a dash, a bracket, a verb other than a modifier, the sentence's end): the parser hangs the later names of a long
    list anywhere. A name that only modifies another noun ("Iraq's militias", "Lebanon-based",
    "militias from Chad") is no member, nor is a common noun ("militias")."""
    found: list[str] = []
    for tok in ctx.doc[start.i:start.sent.end]:
        if tok.i > start.i and (_list_end(ctx, tok) or (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod")):
            break
        eid = ctx.entity(tok)
        if not eid or ctx.types.get(eid) not in MEMBER_CLASSES or eid in found:
            continue
        if tok.i == start.i or tok.dep_ in ("conj", "appos") or (tok.dep_ == "pobj" and tok.head.lower_ in LIST_WORDS):
            found.append(eid)
    return found


def _list_end(ctx: Context, tok: Token) -> bool:
    """A bracket or colon, or a dash set off by a space (a hyphen joins: "Lebanon-based")."""
    if tok.text in DASHES:
        return bool(ctx.doc[tok.i - 1].whitespace_)
    return tok.text in LIST_ENDS


def _listed_members(ctx: Context, tok: Token) -> list[str]:
    holders = [tok, *pobjs(tok, "of")]  # "a coalition of rebel groups which includes X"
    found: list[str] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in INCLUDING_WORDS:
                found += _named(ctx, child)
            elif child.dep_ == "relcl" and child.lemma_ in INCLUDE_VERBS:
                found += [e for o in child.children if o.dep_ == "dobj" for e in _named(ctx, o)]
    return list(dict.fromkeys(found))


def members_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    """"the Axis of Resistance, including X and Y": each member named is allied with the alliance."""
    if tok.lemma_.lower() not in rule.lemmas and tok.lower_ not in rule.lemmas:
        return
    alliance = _alliance(ctx, tok)
    if alliance is None:
        return
    members = [e for e in _listed_members(ctx, tok) if e != alliance]
    if members:
        yield Found(tuple(members), rule.relation, (alliance,), tok.i, modality(tok, ctx, own_only=True), rule.id)
