"""Senses: whether a trigger is used in the sense its frame means ("sent a delegation" is no
supply, "designated the road a corridor" no sanction), from the frame's ``senses`` conditions.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .agents import agent_tokens
from .forms import stray_object, thing_given
from .syntax import Context, pobjs

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .rules import Rule


def _complements(verb: Token) -> list[Token]:
    """The infinitives a verb governs: "ordered the army to advance" -> advance."""
    return [c for c in verb.children if c.pos_ in ("VERB", "AUX") and (c.dep_ in ("xcomp", "ccomp") or (
        c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)))]


def _complement_words(verb: Token) -> list[Token]:
    """The words of what a verb is done to and made into: "designated [the road] [a corridor]",
    "designated [X] as [a terrorist group]", not the rest of the sentence."""
    parts = [c for c in verb.children if c.dep_ in ("dobj", "dative", "oprd", "attr", "ccomp", "xcomp", "nsubjpass")]
    parts += pobjs(verb, "as") + pobjs(verb, "with")  # "hit X with sanctions": what X is hit with
    return [t for part in parts for t in part.subtree]


def _labels(ctx: Context, trigger: Token) -> list[Token]:
    """What a trigger names its object as: "designated X [as a terrorist group]", "designated X
    [a close ally]", "the designation of X [as a partner]"."""
    parts = pobjs(trigger, "as") + [c for c in trigger.children if c.dep_ == "oprd"]
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    parts += [o for o in objects[1:] if not ctx.entity(o)]  # the second object of "designated X a Y"
    return [t for part in parts for t in part.subtree]


def _labelled_as(ctx: Context, trigger: Token, sense: dict) -> bool:
    """Whether a label the trigger gives, if it gives one, is of the sense's ``label_needs_word``:
    "designated X a terrorist group" is a listing, "designated X a partner" is not; with
    ``needs_label``, whether it gives one at all."""
    labels = _labels(ctx, trigger)
    if sense.get("needs_label") and not labels:
        return False  # "declared X a terrorist group" is a listing, "declared X" alone is not
    return not (sense.get("label_needs_word") and labels and not has_word(labels, sense["label_needs_word"]))


def has_word(tokens, words) -> bool:
    """Whether one of ``tokens`` is one of ``words``, as written or by its lemma."""
    return any(t.lower_ in words or t.lemma_ in words for t in tokens)


def _owned(ctx: Context, nouns) -> bool:
    """Whether each of ``nouns`` names its own actor: "UK support", "Britain's backing" (not "its
    backing": a pronoun is the subject's own)."""
    return bool(nouns) and all(any(c.dep_ in ("poss", "compound", "amod") and c.pos_ != "PRON"
                                   and (ctx.entity(c) or ctx.demonym(c))
                                   for c in noun.children) for noun in nouns)


def _names_materiel(ctx: Context, tokens, listed: frozenset[str]) -> bool:
    """Whether one of ``tokens`` is a word of ``listed`` (the frame's materiel) or a named weapon."""
    return any(t.lemma_.lower() in listed or t.lower_ in listed
               or ctx.types.get(ctx.entity(t) or "") == "WeaponSystem" for t in tokens)


def _has_particle(verb: Token, particles) -> bool:
    """Whether a phrasal verb bears its particle ("fended off", "beat back"), however the parser
    labels it."""
    return any(c.dep_ in ("prt", "advmod") and c.lower_ in particles for c in verb.children)


def _warns_of(ctx: Context, verb: Token, words) -> bool:
    """Whether a warning verb warns of one of ``words`` as what is in store for the warned: in its
    "of"/"about"/"with" phrase ("warned X of sanctions", "threatened X with penalties"), or as
    what the warned one faces in the clause it governs ("warned X that it could face sanctions").
    A warning that sanctions would fail, or one that names sanctions elsewhere, threatens none."""
    held = [o for p in ("of", "about", "with") for o in pobjs(verb, p)]
    facing = ctx.words("facing_verbs")
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
        if clause.lemma_.lower() in facing:
            held += [c for c in clause.children if c.dep_ == "dobj"]
    return any(has_word(t.subtree, words) for t in held)


def verb_sense(ctx: Context, verb: Token, rule: Rule, sense: dict, relation: str) -> bool:
    """Whether the verb is used in the sense its frame means."""
    if sense.get("warns_of") and not _warns_of(ctx, verb, sense["warns_of"]):
        return False  # "warned X that sanctions would fail" threatens X with nothing
    if has_word(_complement_words(verb), sense.get("not_word", ())):
        return False  # "designated the road a humanitarian corridor" is no sanction
    if not _labelled_as(ctx, verb, sense):
        return False  # "designated X as its main partner" is no sanction
    if sense.get("needs_word") and not has_word(verb.subtree, sense["needs_word"]):
        return False  # "designated a safe zone" is no sanction
    if sense.get("word_unowned") and _owned(ctx, [t for t in verb.subtree if has_word([t], sense["needs_word"])]):
        return False  # "X reiterated UK support for Y": the support is the UK's, not X's
    if sense.get("object_in") and relation == rule.relation:
        if not _names_materiel(ctx, thing_given(verb), ctx.words(sense["object_in"])):
            return False  # "sent a delegation" is no supply
    if _called_for(verb, sense):
        return False
    if sense.get("needs_particle") and not _has_particle(verb, sense["needs_particle"]):
        return False  # "held off on the vote" is fending off no one; "pushed back" needs its "back"
    acted_on = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] or stray_object(verb)
    if sense.get("object_is_actor") and not any(ctx.entity(c) for c in acted_on):
        return False  # "degrade X's finances" is not a blow against X itself
    complements = _complements(verb)
    if sense.get("needs_complement") and not complements:
        return False  # "ordered an inquiry", "directed criticism"
    if any(c.lemma_.lower() in sense.get("complement_not", ()) for c in complements):
        return False  # "ordered residents to evacuate" is no command of an actor
    if sense.get("agent_not"):
        agents = [t for a in agent_tokens(verb, ctx) for t in a.subtree]
        words = {t.lower_ for t in agents} | {t.lemma_.lower() for t in agents}
        words |= {w for t in agents if ctx.entity(t) for w in ctx.entity(t).split("-")}  # "ICC": its name
        if words & set(sense["agent_not"]):
            return False  # "a court ordered X to pay" is a ruling, not command
    return True


def _called_for(verb: Token | None, sense: dict) -> bool:
    """Whether the verb bears a modal of the sense's ``not_modal`` ("the EU must sanction X",
    "members should impose an embargo"): a call on them, neither their act nor their threat."""
    modals = sense.get("not_modal", ())
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)


def kind_words(noun: Token) -> list[Token]:
    """The words that say what kind of thing a noun is: its modifiers and its "of" phrase
    ("terrorist acts", "acts of terror")."""
    before = [t for c in noun.children if c.i < noun.i and c.dep_ in ("amod", "compound", "nmod") for t in c.subtree]
    return before + [t for o in pobjs(noun, "of") for t in o.subtree]


def noun_sense(ctx: Context, noun: Token, sense: dict) -> bool:
    """Whether an event noun is used in its frame's sense: no ``not_word`` in its phrase, and for
    an ``object_in`` sense the thing moved named in it ("arms exports", "the transfer of drones"),
    so that "exports to China" or "tax transfers" is no supply."""
    if _called_for(next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None), sense):
        return False
    if has_word(noun.subtree, sense.get("not_word", ())):
        return False  # "a designation for the visa waiver programme" is no sanction
    holder = noun.head if noun.dep_ in ("dobj", "pobj") else None
    holder = holder.head if holder is not None and holder.dep_ == "prep" else holder
    if holder is not None and holder.pos_ in ("VERB", "AUX") and sense.get("not_word") and any(
            c.dep_ == "prep" and has_word(c.subtree, sense["not_word"]) for c in holder.children if c.i > noun.i):
        return False  # "joined the war with Y against Z": the words after it on its verb are of its phrase
    if sense.get("needs_word") and not has_word(kind_words(noun), sense["needs_word"]):
        return False  # "acts of terror" are attacks, "acts of kindness" are not
    if not _labelled_as(ctx, noun, sense):
        return False  # "the designation of X as a partner"
    if not sense.get("object_in"):
        return True
    return _names_materiel(ctx, noun.subtree, ctx.words(sense["object_in"]))
