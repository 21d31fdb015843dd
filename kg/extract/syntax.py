"""Dependency-tree helpers the claim rules share: who a noun phrase names,
who the agent of a verb is, and how sure the sentence is about it."""
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

    def entity(self, tok: Token) -> str | None:
        return self.entity_at.get(tok.i)

    def demonym(self, tok: Token) -> str | None:
        return self.catalog.by_demonym.get(tok.lower_) if tok.pos_ in ("ADJ", "PROPN", "NOUN") else None

    def words(self, *keys: str) -> frozenset[str]:
        return self.rules.words(*keys)


def _previous_entity(ctx: Context, tok: Token, classes: tuple[str, ...]) -> str | None:
    """The last entity of ``classes`` named before ``tok``, unless one of several coordinated."""
    best = None
    for start, end, eid in ctx.mention_spans:
        if start >= tok.i:
            break
        if ctx.types.get(eid) in classes:
            best = (start, end, eid)
    if best is None or any(ctx.entity(c) for t in ctx.doc[best[0]:best[1]] for c in t.conjuncts):
        return None
    return best[2]


def _pronoun(ctx: Context, tok: Token) -> list[str]:
    pronouns = ctx.rules.lexicon["headless_subject_pronouns"]
    word = tok.lower_
    if word in pronouns["first"]:
        if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
            return []  # "ordered us to leave": the speaker's people, not an actor
        speaker = ctx.speaker.get(tok.sent.start)
        return [speaker] if speaker else []
    if word in pronouns["person"]:
        classes: tuple[str, ...] = ("Person",)
    elif word in pronouns["group"]:
        classes = ("State", "GovernmentBody", "ArmedGroup", "Organization")
    else:
        return []
    found = _clause_subject(ctx, tok, classes) or _previous_entity(ctx, tok, classes)
    return [found] if found else []


def _entity_among(ctx: Context, tokens, classes: tuple[str, ...], before: int) -> str | None:
    for t in tokens:
        if t.i < before and t.pos_ != "PRON":
            found = [e for e in noun_phrase_entities(ctx, t, conjuncts=False) if ctx.types.get(e) in classes]
            if found:
                return found[0]
    return None


def _governing_subject(ctx: Context, tok: Token, classes: tuple[str, ...]) -> str | None:
    """"Iran denied that it supplies ...": a subject pronoun in a reported clause
    first means the subject of the clause that reports it."""
    for verb in list(tok.ancestors)[1:]:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < tok.i and c.pos_ != "PRON"):
            named = noun_phrase_entities(ctx, subject, conjuncts=False)
            # "the EU's top diplomat says he will ...": a role noun stands for whom it serves
            fits = [e for e in named if ctx.types.get(e) in classes or not ctx.entity(subject)]
            if fits:
                return fits[0]
    return None


def _clause_subject(ctx: Context, tok: Token, classes: tuple[str, ...]) -> str | None:
    """What a possessive pronoun means by its place in the sentence: the name it is
    coordinated with ("Iran or their proxy"), else, at the nearest verb that has one,
    its object ("condemn Hamas for its attack") or its subject ("Israel launched raids
    since its war began")."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return _governing_subject(ctx, tok, classes)
    if tok.dep_ != "poss":
        return None
    noun = tok.head
    while noun.dep_ == "compound":
        noun = noun.head
    found = _entity_among(ctx, noun.conjuncts, classes, tok.i)
    if found:
        return found
    for verb in tok.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        for deps in (("dobj",), SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS):
            found = _entity_among(ctx, [c for c in verb.children if c.dep_ in deps], classes, tok.i)
            if found:
                return found
    return None


def appos_antecedent(tok: Token, ctx: Context) -> Token:
    """The noun an apposition really describes: the name just before its comma."""
    left = tok.left_edge.i
    if left >= 2 and ctx.doc[left - 1].text == "," and ctx.entity(ctx.doc[left - 2]):
        return ctx.doc[left - 2]
    return tok.head


def _modifier_entity(ctx: Context, child: Token, demonyms: bool) -> str | None:
    eid = ctx.entity(child) or (ctx.demonym(child) if demonyms else None)
    if eid is None and child.dep_ == "poss" and child.pos_ == "PRON":
        eid = next(iter(_pronoun(ctx, child)), None)
    if eid is None and child.dep_ == "compound" and child.lemma_ in ctx.words("org_type_nouns"):
        eid = next(iter(_modifier_entities(ctx, child, demonyms)), None)
    return eid


def _modifier_entities(ctx: Context, tok: Token, demonyms: bool = True) -> list[str]:
    """Who a generic noun belongs to: "Wagner forces", "US and British forces",
    "its troops", "members of Hezbollah"; the nearest modifier first."""
    found: list[tuple[int, str]] = []
    for child in tok.children:
        if child.dep_ in MODIFIER_DEPS and child.i < tok.i:
            for member in (child, *child.conjuncts):
                eid = _modifier_entity(ctx, member, demonyms)
                if eid:
                    found.append((abs(tok.i - child.i), eid))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and ctx.entity(pobj):
                    found.append((100, ctx.entity(pobj)))
    if not found:
        return []
    nearest = min(distance for distance, _ in found)
    return list(dict.fromkeys(eid for distance, eid in found if distance == nearest))


def _users(ctx: Context, tok: Token) -> list[str]:
    """"facilities used by the IRGC", "targets linked to Iran": whose the thing is."""
    found: list[str] = []
    for acl in (c for c in tok.children if c.dep_ == "acl" and c.lemma_ in ctx.words("user_verbs")):
        for preposition in ("by", "to", "with"):
            for obj in pobjs(acl, preposition):
                found += [e for e in _head_entities(ctx, obj) if e not in found]
    return found


def _such_as(ctx: Context, tok: Token) -> list[str]:
    """"countries such as Austria, the Czech Republic and Hungary"."""
    found: list[str] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("as", "like", "including") and \
                (child.lower_ != "as" or any(g.lower_ == "such" for g in child.children) or
                 ctx.doc[child.i - 1].lower_ == "such"):
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                for member in (pobj, *pobj.conjuncts):
                    found += [e for e in _head_entities(ctx, member) if e not in found]
    return found


def _head_entities(ctx: Context, tok: Token) -> list[str]:
    eid = ctx.entity(tok)
    if eid:
        return [eid]
    if tok.pos_ == "PRON" or tok.lower_ == "whose":
        if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
            return noun_phrase_entities(ctx, tok.head.head, conjuncts=False)
        if tok.lower_ == "whose":  # "North Korea, whose leader ...": the noun the clause describes
            clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
            if clause is not None:
                return noun_phrase_entities(ctx, clause.head, conjuncts=False)
            before = ctx.doc[tok.i - 2] if tok.i >= 2 and ctx.doc[tok.i - 1].text == "," else None
            return [ctx.entity(before)] if before is not None and ctx.entity(before) else []
        return _pronoun(ctx, tok)
    for child in tok.children:
        if child.dep_ == "appos" and ctx.entity(child):
            return [ctx.entity(child)]
    if tok.lemma_ in ctx.words("generic_actor_nouns") or tok.lower_ in ctx.words("generic_actor_nouns"):
        return _modifier_entities(ctx, tok, demonyms=True) or _users(ctx, tok)
    if tok.lemma_ in ctx.words("org_type_nouns"):
        found = _modifier_entities(ctx, tok, demonyms=False)[:1]
        if found:
            return found
    if tok.lemma_ in ctx.words("collective_nouns"):
        examples = _such_as(ctx, tok)
        if examples:
            return examples
    if tok.dep_ == "appos":
        antecedent = appos_antecedent(tok, ctx)
        if antecedent.i != tok.i and antecedent.dep_ != "appos":
            return _head_entities(ctx, antecedent)
    return []


def noun_phrase_entities(ctx: Context, tok: Token, conjuncts: bool = True) -> list[str]:
    """The entities a noun phrase headed by ``tok`` names, each conjunct included."""
    found = _head_entities(ctx, tok)
    if conjuncts:
        for conj in tok.conjuncts:
            found += [e for e in _head_entities(ctx, conj) if e not in found]
    return [e for e in found if ctx.types.get(e) != "WeaponSystem"]


def described_entities(ctx: Context, noun: Token) -> list[str]:
    """Who a noun modified by a participle or compound really is."""
    if noun.dep_ == "appos" and not ctx.entity(noun):
        found = noun_phrase_entities(ctx, appos_antecedent(noun, ctx))
        if found:
            return found
    found = noun_phrase_entities(ctx, noun, conjuncts=False)
    if found:
        return found
    if noun.dep_ in ("attr",):
        for sibling in noun.head.children:
            if sibling.dep_ in SUBJECT_DEPS:
                return noun_phrase_entities(ctx, sibling)
    return []


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
    return re.sub(r"(ed|d|es|s|ing)$", "", tok.lower_) in words


def stative(verb: Token) -> bool:
    """A passive without an agent that states a relation: "X is allied with Y"."""
    return verb.lemma_ in ("ally", "align", "affiliate", "link", "tie") and not pobjs(verb, "by")


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
    """For a clause on a noun: the noun if it is an actor, its owner ("Germany's decision
    to support"), or the verb to climb to for intent nouns ("made preparations to supply")."""
    noun = tok.head
    if ctx.entity(noun) or noun.lemma_ in ctx.words("generic_actor_nouns"):
        return [noun]
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return owners
    enabled = _enabled(noun, ctx)
    if enabled:
        return enabled
    if noun.lemma_ not in ctx.words("intent_nouns") or noun.dep_ not in ("dobj", "attr", "nsubjpass"):
        return []  # "a resolution ordering the court": the resolution, no actor
    return noun.head


def agent_tokens(verb: Token, ctx: Context) -> list[Token]:
    """The token naming who does ``verb``, climbing control and coordination."""
    tok = verb
    participle = via_conj = False
    for _ in range(8):
        if participle and tok.dep_ == "relcl":
            # ", sanctioning X" hangs on the main clause even when parsed onto a relative clause
            return _root_subjects(tok)
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
            return _enabled(tok.head, ctx) or [tok.head]
        elif tok.dep_ == "acl":
            step = _noun_agent(tok, ctx)
            if isinstance(step, list):
                return step
            tok = step
        elif tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            governor = tok.head.head
            if governor.lemma_ in ("accuse", "suspect", "charge", "blame"):
                return [c for c in governor.children if c.dep_ == "dobj"]
            return [c for c in governor.children if c.dep_ in SUBJECT_DEPS and tok.head.lower_ == "by"]
        else:
            return []
    return []


def agent_entities(verb: Token, ctx: Context) -> list[str]:
    found = []
    for tok in agent_tokens(verb, ctx):
        if tok.dep_ == "appos":
            tok = appos_antecedent(tok, ctx)
        found += [e for e in noun_phrase_entities(ctx, tok) if e not in found]
    return found


def _chain(tok: Token) -> list[Token]:
    """``tok`` and the verbs and adjectives that govern it by control."""
    chain = [tok]
    while tok.dep_ in ("xcomp", "acomp", "acl", "pcomp", "pobj", "prep", "dobj") and tok.head.i != tok.i:
        tok = tok.head
        chain.append(tok)
        if tok.pos_ == "VERB" and tok.dep_ not in ("xcomp", "acomp", "pcomp", "conj"):
            break
    return chain


def modality(tok: Token, ctx: Context, own_only: bool = False) -> str:
    """Asserted, Planned, Possible or Negated, from cues in the trigger's own clause."""
    cues = ctx.rules.lexicon["modality"]
    chain = [tok] if own_only else _chain(tok)
    words = [(t.lemma_.lower(), t.lower_) for t in chain]
    children = [c for t in chain for c in t.children]
    if any(c.dep_ == "neg" or c.lower_ in cues["negations"] and c.dep_ in ("neg", "det", "advmod") for c in children) \
            or any(lemma in cues["negating_verbs"] for lemma, _ in words[1:]):
        return "Negated"
    child_words = {c.lower_ for c in children} | {c.lemma_.lower() for c in children}
    if child_words & set(cues["possible_adverbs"] + cues["possible_adjectives"] + cues["possible_aux"]) \
            or any(lemma in cues["possible_verbs"] + cues["possible_nouns"] for lemma, _ in words[1:]):
        return "Possible"
    planned = set(cues["planned_verbs"] + cues["planned_nouns"] + cues["planned_adjectives"])
    if child_words & set(cues["planned_aux"] + cues["planned_adjectives"]) \
            or any(lemma in planned or word in planned for lemma, word in words[1:]):
        return "Planned"
    return "Asserted"
