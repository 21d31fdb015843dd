"""Agents and voice: who does what a verb or event noun says, through passives, control
("agreed to supply"), light verbs, shared subjects and "backed" doers.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .noun_phrases import appos_antecedent, joint_agents, noun_phrase_entities
from .syntax import (
    SUBJECT_DEPS,
    Context,
    bare_infinitive,
    is_passive,
    pobjs,
    shared_agent,
    shares_head,
    stative,
    verb_in,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def _root_subjects(verb: Token) -> list[Token]:
    root = verb.sent.root
    return [c for c in root.children if c.dep_ in SUBJECT_DEPS]


def _own_subjects(tok: Token, verb: Token, via_conj: bool) -> list[Token] | None:
    """The subjects written on ``tok`` itself, or None to climb further."""
    if is_passive(tok) and not stative(tok):
        by = pobjs(tok, "by") or shared_agent(tok)
        if by:
            return by
    shared = via_conj and not is_passive(verb)  # "X was engaged in ... and launched raids"
    subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS + ("nsubjpass",) * (stative(tok) or shared)]
    if subjects and (not is_passive(tok) or stative(tok) or shared):
        return subjects
    return None


def _controller(tok: Token, ctx: Context) -> list[Token] | None:
    """Who does an infinitive: the object of "call on X to", the raised subject of "is set to"."""
    if tok.dep_ != "xcomp":
        return None
    head = tok.head
    if head.lemma_ in ctx.words("object_control_verbs"):
        return [c for c in head.children if c.dep_ == "dobj"] + pobjs(head, "on")
    if is_passive(head) and not pobjs(head, "by"):
        return [c for c in head.children if c.dep_ == "nsubjpass"] or None
    return None


def _enabled(noun: Token, ctx: Context) -> list[Token]:
    """Who is given the means: "gave X the means to strike Y", "provided X with the ability to"."""
    if not ({noun.lemma_.lower(), noun.lower_} & ctx.words("enabling_nouns")) or noun.dep_ not in ("dobj", "pobj"):
        return []
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "with" else noun.head
    if verb.pos_ != "VERB":
        return []
    if noun.dep_ == "pobj":
        return [c for c in verb.children if c.dep_ == "dobj"]
    return [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"] + pobjs(verb, "to")


def _noun_agent(tok: Token, ctx: Context) -> list[Token] | Token:
    """For a clause on a noun: the noun if it is an actor or a joint undertaking of two, its owner
    ("Germany's decision to support"), or for intent nouns the verb that takes them up, to climb
    to ("made preparations to supply", "leading efforts in the campaign to defeat")."""
    noun = tok.head
    if ctx.entity(noun) or noun.lemma_ in ctx.words("generic_actor_nouns") or joint_agents(ctx, noun):
        return [noun]
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return owners
    enabled = _enabled(noun, ctx)
    if enabled:
        return enabled
    if noun.lemma_ not in ctx.words("intent_nouns") | ctx.words("participation_nouns", "words"):
        return []  # "a resolution ordering the court": the resolution, no actor
    if noun.dep_ == "pobj" and noun.head.lower_ == "in":
        return _share_taken(noun.head.head, ctx)
    if noun.dep_ not in ("dobj", "attr", "nsubjpass"):
        return []
    if noun.dep_ == "dobj" and not verb_in(noun.head, _undertaking_verbs(ctx)):
        return []  # "Russia criticised the campaign to defeat X": someone else's effort
    return noun.head


def _undertaking_verbs(ctx: Context) -> frozenset[str]:
    return ctx.words("undertaking_verbs", "words") | ctx.words("light_verbs") | ctx.words("light_verbs_in") | \
        ctx.words("modality", "planned_verbs") | ctx.words("modality", "promise_verbs")


def _share_taken(holder: Token, ctx: Context) -> list[Token] | Token:
    """Who takes part in an effort named with "in": "X is leading efforts in the campaign to
    defeat Y", "X's role in the campaign", "X took part in the effort" (X)."""
    if holder.pos_ == "VERB":
        return holder if verb_in(holder, ctx.words("light_verbs_in")) else []
    if holder.lemma_ not in ctx.words("participation_nouns", "words"):
        return []
    owners = [c for c in holder.children if c.dep_ == "poss"]
    if owners:
        return owners
    return holder.head if holder.dep_ in ("dobj", "attr") and holder.head.pos_ == "VERB" else []


def _resolve_word(tok: Token, ctx: Context) -> bool:
    words = ctx.words("goal_words", "words")
    return tok.lemma_.lower() in words or tok.lower_ in words


def agent_tokens(verb: Token, ctx: Context) -> list[Token]:
    """The token naming who does ``verb``, climbing control and coordination."""
    tok = verb
    participle = via_conj = False
    for _ in range(8):
        if participle and tok.dep_ == "relcl":
            # ", sanctioning X" hangs on the main clause even when parsed onto a relative clause
            return _root_subjects(tok)
        if tok.dep_ == "relcl" and bare_infinitive(tok):
            # "the coalition's strategy to defeat X": an infinitive on a noun, parsed as a relative clause
            step = _noun_agent(tok, ctx)
            if isinstance(step, list) and step:
                return step
            if not isinstance(step, list):
                tok = step
                continue
        found = _own_subjects(tok, verb, via_conj)
        if found is None:
            found = _controller(tok, ctx)
        if found is not None:
            return found
        via_conj = tok.dep_ == "conj"
        participle |= tok.dep_ == "advcl" and tok.tag_ == "VBG"
        if tok.dep_ in ("xcomp", "conj", "acomp", "advcl") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ == "relcl":
            if is_passive(tok) and any(c.dep_ == "nsubjpass" for c in tok.children):
                return []  # "X, who is sanctioned under US law": the noun is what is done to, no doer named
            return _enabled(tok.head, ctx) or [tok.head]
        elif tok.dep_ == "acl":
            step = _noun_agent(tok, ctx)
            if isinstance(step, list):
                return step
            tok = step
        elif tok.dep_ == "pcomp" and tok.head.lower_ == "to" and _resolve_word(tok.head.head, ctx):
            # "X is committed to defeating Y", "X's commitment to destroying Y"
            governor = tok.head.head
            if governor.pos_ in ("NOUN", "PROPN"):
                step = _noun_agent(tok.head, ctx)
                if isinstance(step, list):
                    return step
                tok = step
            else:
                tok = governor
        elif tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            governor = tok.head.head
            if governor.lemma_ in ("accuse", "suspect", "charge", "blame"):
                return [c for c in governor.children if c.dep_ == "dobj"]
            return [c for c in governor.children if c.dep_ in SUBJECT_DEPS and tok.head.lower_ == "by"]
        else:
            return []
    return []


def backed_tokens(verb: Token, ctx: Context) -> list[Token]:
    """Whom a verb of backing backs: "helped X", "joined X", "stands by X", "sided with X"."""
    words = ctx.rules.lexicon["backing_words"]
    if verb.pos_ != "VERB":
        return []
    if verb_in(verb, frozenset(words["words"])):
        return [c for c in verb.children if c.dep_ == "dobj"]
    phrases = [p.split() for p in words["phrasal_verbs"]]
    return [o for lemma, preposition in phrases if verb.lemma_.lower() == lemma for o in pobjs(verb, preposition)]


def _backed_doers(verb: Token, ctx: Context) -> list[Token]:
    """"X stands by Y to defeat Z", "X helped Y to defeat Z": Y, whom the backing is for, does
    the infinitive too (a pronoun there is easily the backer's: no one)."""
    tok = verb
    while shares_head(tok):
        tok = tok.head  # "to defeat X and end the violence"
    if tok.dep_ not in ("xcomp", "advcl") or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
        return []
    return [t for t in backed_tokens(tok.head, ctx) if t.pos_ != "PRON"]


def agent_entities(verb: Token, ctx: Context) -> list[str]:
    found = []
    for tok in agent_tokens(verb, ctx) + _backed_doers(verb, ctx):
        if tok.dep_ == "appos":
            tok = appos_antecedent(tok, ctx)
        found += [e for e in noun_phrase_entities(ctx, tok) if e not in found]
    return found
