"""The parse a rule reads: the ``Context`` of one document and the small tree tests the forms share
(subjects, passives, prepositional objects, a word among a verb's own).

Who a noun phrase names is in ``noun_phrases`` (pronouns in ``antecedents``), who does
what in ``agents``, and how sure the sentence is in ``modality``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .catalog import Catalog
    from .rules import RuleSet

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass",)
MODIFIER_DEPS = ("compound", "amod", "poss", "nmod", "npadvmod")
ARGUMENT_CLASSES = ("State", "GovernmentBody", "ArmedGroup", "Organization", "MediaOutlet", "Person", "Place")


@dataclass
class Context:
    """What the rules know about one parsed document."""

    doc: Doc
    entity_at: dict[int, str]  # token index -> entity id
    types: dict[str, str]  # entity id -> class
    mention_spans: list[tuple[int, int, str]]  # (first token, end token, entity id), text order
    catalog: Catalog
    rules: RuleSet
    speaker: dict[int, str | None] = field(default_factory=dict)  # sentence start -> entity id
    indirect: set[int] = field(default_factory=set)  # tokens resolved by pronoun or description
    body_offset: int = 0  # where the body starts in the parsed text (after the headline)
    voice: dict[int, str | None] = field(default_factory=dict)  # sentence start -> whom "we" means there
    affiliation: dict[str, str] = field(default_factory=dict)  # person -> state, body or group they serve
    heads: set[str] = field(default_factory=set)  # people read as a state's head so far (leads a State)

    def entity(self, tok: Token) -> str | None:
        return self.entity_at.get(tok.i)

    def demonym(self, tok: Token) -> str | None:
        """The state a demonym names: "Chilean", or the last word of "North Korean", "Sri Lankan"."""
        if tok.pos_ not in ("ADJ", "PROPN", "NOUN"):
            return None
        if tok.i > 0 and tok.is_title:  # "South Sudanese" before "Sudanese"
            found = self.catalog.by_demonym.get(f"{self.doc[tok.i - 1].lower_} {tok.lower_}")
            if found is not None:
                return found
        return self.catalog.by_demonym.get(tok.lower_)

    def words(self, *keys: str) -> frozenset[str]:
        return self.rules.words(*keys)


def span_root(doc: Doc, start: int, end: int) -> Token:
    """The token of a span whose head lies outside it."""
    return next((t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i), doc[end - 1])


def pobjs(tok: Token, preposition: str) -> list[Token]:
    """Objects of the preposition ``preposition`` attached to ``tok``."""
    found = []
    for child in tok.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ == preposition:
            found += [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
    return found


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return True  # "Led by X, the militia advanced"
    return (verb.dep_ == "acl" and verb.tag_ == "VBN") or passive_partner(verb) is not None


def passive_partner(verb: Token) -> Token | None:
    """The passive verb a bare participle is coordinated with: "armed" in "Hamas is funded
    and armed by Iran" shares "funded"'s subject and auxiliary."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or \
            any(c.dep_ in SUBJECT_DEPS + ("nsubjpass", "aux", "auxpass") for c in verb.children):
        return None
    head = verb.head
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children):
        return head
    return None


def shared_agent(verb: Token) -> list[Token]:
    """The "by X" of passives coordinated with ``verb``: "Hamas is funded and armed by Iran"
    names Iran once for both."""
    for other in (*verb.conjuncts,):
        if other.tag_ == "VBN" and (other.head.i == verb.i or other.i == verb.head.i):
            found = pobjs(other, "by")
            if found:
                return found
    return []


def verb_in(tok: Token, words: frozenset[str]) -> bool:
    """Whether a verb is one of ``words``, forgiving the lemmatizer ("greenlighted")."""
    if tok.lemma_.lower() in words or tok.lower_ in words:
        return True
    word = tok.lower_
    # "waged", "waging": the stem keeps its silent e, which the suffix rule alone strips
    stems = {re.sub(r"(ed|d|es|s|ing)$", "", word), re.sub(r"(d|s)$", "", word), re.sub(r"ing$", "e", word)}
    return bool(stems & words)


def stative(verb: Token) -> bool:
    """A passive without an agent that states a relation: "X is allied with Y"."""
    return verb.lemma_ in ("ally", "align", "affiliate", "link", "tie") and not pobjs(verb, "by")


def bare_infinitive(verb: Token) -> bool:
    """"to defeat X" with no subject or relative pronoun of its own."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) and \
        not any(c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS for c in verb.children)


def shares_head(conj: Token) -> bool:
    """Whether a coordinated verb shares the cues of the verb it is coordinated with:
    "is preparing to arm X and (to) supply Y" does, "did not arm X but supplied Y" does
    not (a verb with its own tense, auxiliary or subject is a clause of its own)."""
    head = conj.head
    if conj.dep_ != "conj" or conj.pos_ != "VERB" or head.pos_ != "VERB" or conj.tag_ != head.tag_:
        return False
    return not any(c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS + ("aux", "auxpass", "neg") for c in conj.children)
