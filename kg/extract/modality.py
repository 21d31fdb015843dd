"""Modality: how sure a sentence is of what its trigger says (Asserted, Planned, Possible,
Negated), scoped to the trigger's own clause and the clauses that report it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .syntax import SUBJECT_DEPS, Context, bare_infinitive, shares_head

if TYPE_CHECKING:
    from spacy.tokens import Token


def _chain(tok: Token) -> list[Token]:
    """``tok`` and the verbs and adjectives that govern it by control."""
    chain = [tok]
    while True:
        if shares_head(tok):
            tok = tok.head
        elif tok.dep_ in ("xcomp", "acomp", "acl", "pcomp", "pobj", "prep", "dobj") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
        chain.append(tok)
        # an infinitive on a noun goes on to it, reached by coordination as when read first:
        # "degrade X's ability to defend A and launch attacks on B"
        if tok.pos_ == "VERB" and tok.dep_ not in ("xcomp", "acomp", "pcomp", "conj") and \
                not (tok.dep_ == "acl" and bare_infinitive(tok)):
            break
    return chain


def _reported_clause(chain: list[Token]) -> Token | None:
    """The complement clause that holds the trigger: "denied (that) it supplied",
    "believes X is arming", "vowed it would impose"; its head verb is the reporting verb."""
    top = chain[-1]
    while shares_head(top):
        top = top.head
    return top if top.dep_ == "ccomp" and top.head.pos_ in ("VERB", "AUX") else None


def _reporting_verb(chain: list[Token]) -> Token | None:
    clause = _reported_clause(chain)
    return clause.head if clause is not None else None


def _negating_itself(tok: Token, cues: dict) -> bool:
    """A light verb that undoes its event noun: "halted the delivery", "ended its support"."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in cues["negating_verbs"]:
        return False
    if tok.dep_ == "xcomp" or any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
        return False  # "ordered Russia to halt its war": the halt is asked for, the war goes on
    if tok.lemma_.lower() == "rule":  # "ruled out", not "ruled the country"
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    return any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)


def _doubted(verb: Token, cues: dict) -> bool:
    """"no one expects", "few believe": an expectation its subject says is unlikely."""
    for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS):
        words = {subject.lower_} | {c.lower_ for c in subject.children if c.dep_ in ("det", "amod", "advmod")}
        if words & set(cues["doubting_subjects"]):
            return True
    return False


def _own_claim(verb: Token, clause: Token, cues: dict) -> bool:
    """"the Houthis claim they launched missiles": an actor claiming its own act admits it."""
    if verb.lemma_.lower() not in cues["admission_verbs"]:
        return False
    return any(c.dep_ in SUBJECT_DEPS and c.pos_ == "PRON" for c in clause.children) and \
        any(c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON" for c in verb.children)


def _reported_mode(verb: Token | None, cues: dict, clause: Token) -> str | None:
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    if lemma in cues["denial_verbs"] or any(c.dep_ == "neg" for c in verb.children):
        return "Negated"
    if _own_claim(verb, clause, cues):
        return None
    if lemma in cues["belief_verbs"] or lemma in cues["possible_verbs"] or \
            lemma in cues["expectation_verbs"] and _doubted(verb, cues):
        return "Possible"
    if lemma in cues["promise_verbs"] or lemma in cues["expectation_verbs"]:
        return "Planned"
    return None


def _abandoned(chain: list[Token], cues: dict) -> bool:
    """"considered striking X but decided against it", "planned to ..., then dropped the
    idea": a plan in the chain that a coordinated verb gives up."""
    planned = set(cues["planned_verbs"])
    for verb in chain[1:]:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in planned:
            continue
        for conj in (c for c in verb.children if c.dep_ in ("conj", "dep") and c.pos_ == "VERB" and c.i > verb.i):
            particles = {g.lower_ for g in conj.children if g.dep_ in ("prep", "prt", "advmod")}
            words = {conj.lemma_.lower(), *(f"{conj.lemma_.lower()} {p}" for p in particles)}
            controlled = [g for g in conj.children if g.dep_ == "xcomp"]
            if words & set(cues["abandoning_verbs"]) or any(
                    g.dep_ == "neg" for t in (conj, *controlled) for g in t.children):
                return True
    return False


def _hypothetical(chain: list[Token], cues: dict) -> bool:
    """"whether X provides", "if X sends", "no one expects X to": not stated as done."""
    if any(c.dep_ == "mark" and c.lower_ in cues["hypothetical_marks"] for t in chain for c in t.children):
        return True
    return any(verb.lemma_.lower() in cues["expectation_verbs"] and _doubted(verb, cues) for verb in chain[1:])


def _headline_future(chain: list[Token], ctx: Context) -> bool:
    """"Belarus to send drones to Venezuela": an infinitive with its own subject as the main
    clause, or as what someone says, is a headline's future."""
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return False
    top = verbs[-1]
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in top.children) or \
            any(c.dep_ == "mark" for c in top.children):
        return False
    if top.dep_ in ("acl", "relcl"):  # "EU to impose sanctions": parsed as a noun, verbless
        return top.head.pos_ in ("NOUN", "PROPN") and top.head.dep_ in ("ROOT", "dep")
    if not any(c.dep_ in SUBJECT_DEPS for c in top.children):
        return False
    return top.dep_ == "ROOT" or top.dep_ == "ccomp" and top.head.lemma_ in ctx.words("attribution", "verbs")


def _commissive_head(tok: Token, cues: dict) -> bool:
    """A noun promised or threatened: "vowed sanctions", "threatened Y with sanctions", "the
    threat of sanctions", "plans for sanctions", "sanctions threats"."""
    head = tok
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
        if head.lemma_.lower() in cues["planned_nouns"] or head.lower_ in cues["planned_nouns"]:
            return True  # "US sanctions threats against X", "the sanction plan": threatened, not imposed
    if head.dep_ == "pobj" and head.head.lower_ in ("with", "of", "for"):
        head = head.head
        owner = head.head
        if owner.pos_ == "NOUN" and head.lower_ in ("of", "for") and \
                (owner.lemma_.lower() in cues["planned_nouns"] or owner.lower_ in cues["planned_nouns"]):
            return True  # "threats of US sanctions against X": threatened, not imposed
    if head.dep_ not in ("dobj", "prep"):
        return False
    verb = head.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in cues["promise_verbs"]


def _debunked(noun: Token, cues: dict) -> bool:
    """"X's war on Y is a sham / a myth / nothing but a pretence / fake": an event noun whose
    phrase is the subject of a copula saying it is not real."""
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.lemma_ != "be":
        return False
    words = set(cues["debunking_words"])
    for told in (c for c in noun.head.children if c.dep_ in ("attr", "acomp")):
        said = [told, *(o for p in told.children if p.lower_ in ("but", "than") for o in p.children)]
        if any(t.lemma_.lower() in words or t.lower_ in words for t in said):
            return True
    return False


def modality(tok: Token, ctx: Context, own_only: bool = False) -> str:
    """Asserted, Planned, Possible or Negated, from cues in the trigger's own clause
    and in the verb that reports, denies, believes or promises that clause."""
    cues = ctx.rules.lexicon["modality"]
    if tok.pos_ in ("NOUN", "PROPN") and _debunked(tok, cues):
        return "Negated"
    chain = [tok] if own_only else _chain(tok)
    words = [(t.lemma_.lower(), t.lower_) for t in chain]
    children = [c for t in chain for c in t.children]
    clause = None if own_only else _reported_clause(chain)
    reported = _reported_mode(clause.head, cues, clause) if clause is not None else None
    if _negating_itself(tok, cues) or any(c.dep_ == "neg" or c.lower_ in cues["negations"] and c.dep_ in ("neg", "det", "advmod") for c in children) \
            or any(lemma in cues["negating_verbs"] for lemma, _ in words[1:]) or reported == "Negated" \
            or (not own_only and _abandoned(chain, cues)):
        return "Negated"
    child_words = {c.lower_ for c in children} | {c.lemma_.lower() for c in children}
    if reported is not None or _reporting_verb(chain) is not None and not own_only:
        # "said it would send": in a reported clause "would" is "will" told later
        child_words = {w for w in child_words if w != "would"} | ({"will"} if "would" in child_words else set())
    if child_words & set(cues["possible_adverbs"] + cues["possible_adjectives"] + cues["possible_aux"]) \
            or any(lemma in cues["possible_verbs"] + cues["possible_nouns"] for lemma, _ in words[1:]) \
            or reported == "Possible" or (not own_only and _hypothetical(chain, cues)):
        return "Possible"
    planned = set(cues["planned_verbs"] + cues["planned_nouns"] + cues["planned_adjectives"])
    if child_words & set(cues["planned_aux"] + cues["planned_adjectives"]) \
            or any(lemma in planned or word in planned for lemma, word in words[1:]) or reported == "Planned" \
            or (not own_only and _headline_future(chain, ctx)) \
            or (own_only and tok.pos_ in ("NOUN", "PROPN") and _commissive_head(tok, cues)):
        return "Planned"
    return "Asserted"
