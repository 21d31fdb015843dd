"""Roles and titles: "Hezbollah leader Nasrallah", "Iran's proxy Hezbollah",
"Syria is an ally of Iran" -- a role noun between a holder and an owner."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .forms import Found
from .syntax import (
    Context,
    appos_antecedent,
    described_entities,
    modality,
    noun_phrase_entities,
    pobjs,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .rules import Rule


def _title_words(tok: Token) -> list[Token]:
    """Modifiers written before a title noun: "prime", "foreign", "deputy"."""
    return [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]


def _title_match(tok: Token, rule: Rule) -> bool:
    words = _title_words(tok)
    phrases = {tok.lemma_.lower(), tok.lower_}
    if words:
        phrases |= {f"{words[-1].lower_} {tok.lower_}", f"{words[-1].lower_} {tok.lemma_.lower()}"}
    return bool(phrases & rule.lemmas)


def _holders(ctx: Context, tok: Token) -> list[str]:
    for child in tok.children:
        if child.dep_ == "appos" and child.i > tok.i:
            found = noun_phrase_entities(ctx, child, conjuncts=False)
            if found:
                return found
    head = tok
    for _ in range(3):  # "Commander General Michael Kurilla": titles stack up before a name
        if head.dep_ not in ("compound", "amod", "nmod") or head.head.i == head.i:
            break
        head = head.head
        if ctx.entity(head):
            return [ctx.entity(head)]
    if tok.dep_ == "compound" and tok.head.dep_ != "compound":
        found = described_entities(ctx, tok.head)
        if found:
            return found[:1]
    if tok.dep_ == "appos":
        return noun_phrase_entities(ctx, appos_antecedent(tok, ctx), conjuncts=False)
    if tok.dep_ == "attr":
        return [e for c in tok.head.children if c.dep_ == "nsubj" for e in noun_phrase_entities(ctx, c)]
    return []


OWNER_PRIORITY = {"compound": 0, "nmod": 0, "poss": 1, "amod": 2, "prep": 3}


def _owner_candidates(ctx: Context, tok: Token, holders: list[str], rule: Rule) -> tuple[list[str], bool]:
    """Who the title is a title of, surest first, and whether via a sub-unit ("its naval forces")."""
    demonyms = rule.relation in ("leads", "officialOf")
    subunit = False
    found: list[tuple[int, int, str]] = []
    scopes = [tok] + ([tok.head] if tok.dep_ in ("compound", "amod", "nmod") else [])
    for scope in scopes:
        for child in scope.children:
            if child.i == tok.i or (scope is not tok and child.i > tok.i) or child.dep_ not in OWNER_PRIORITY:
                continue
            rank = (OWNER_PRIORITY[child.dep_], abs(child.i - tok.i))
            if child.dep_ == "prep" and child.lower_ in rule.owner_preps:
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    named = noun_phrase_entities(ctx, pobj, conjuncts=False)
                    subunit |= bool(named) and not ctx.entity(pobj)  # "chief of the Israeli army"
                    found += [(*rank, e) for e in named]
            elif child.dep_ != "prep":
                eid = ctx.entity(child) or (ctx.demonym(child) if demonyms else None)
                named = [eid] if eid else noun_phrase_entities(ctx, child, conjuncts=False)
                found += [(*rank, e) for e in named]
    ordered = [e for *_, e in sorted(found)]
    return [e for e in dict.fromkeys(ordered) if e not in holders], subunit


def _qualified(ctx: Context, tok: Token) -> bool:
    demoting = ctx.words("title_prefixes_demoting")
    words = [w for t in _title_words(tok) for w in t.subtree if w.i < tok.i]
    words += [w for o in pobjs(tok, "of") for w in o.subtree]  # "commander of naval forces"
    if any(w.lower_ in demoting and not ctx.entity(w) for w in words):
        return True
    # "head of audio": head of something that is no actor
    return any(not noun_phrase_entities(ctx, o) for o in pobjs(tok, "of"))


def relnoun_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    """Titles and roles: "Hezbollah leader Nasrallah", "Iran's proxy Hezbollah"."""
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or ctx.entity(tok) or not _title_match(tok, rule):
        return
    head = tok.head.lemma_.lower()
    if tok.dep_ in ("compound", "amod") and head in ctx.rules.title_words and head not in ctx.words("ranks"):
        return  # "chief" in "chief spokesman" is part of another title
    holders = _holders(ctx, tok)
    owners, subunit = _owner_candidates(ctx, tok, holders, rule)
    if rule.relation in ("leads", "officialOf"):
        owners = [e for e in owners if ctx.types.get(e) != "Person"]
    if not owners and len(holders) >= 2 and rule.direction == "holder" and tok.dep_ == "attr":
        # "Syria and Iran are allies": each of the other
        yield Found(tuple(holders), rule.relation, tuple(holders), tok.i, modality(tok, ctx, own_only=True),
                    rule.id)
        return
    if not holders or not owners:
        return
    relation = rule.relation
    if rule.qualified and (subunit or _qualified(ctx, tok)):
        relation = rule.qualified
    pair = (tuple(holders), (owners[0],)) if rule.direction == "holder" else ((owners[0],), tuple(holders))
    yield Found(pair[0], relation, pair[1], tok.i, modality(tok, ctx, own_only=True), rule.id)
