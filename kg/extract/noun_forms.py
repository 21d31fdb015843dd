"""The frame matcher on event nouns: ``noun_form``, who an event is by (light verbs, "with the
help of", hyphenated pairs) and what it is done to, received or struck.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .agents import agent_entities, agent_tokens, backed_tokens
from .discourse import AGENT_FROM_BEFORE
from .forms import (
    Found,
    event_by_agents,
    items_under,
    light_verb,
    phrase_head,
    phrase_nouns,
    sense_of,
    under_advocacy,
)
from .modality import modality
from .noun_phrases import appos_antecedent, noun_phrase_entities
from .senses import has_word, kind_words, noun_sense
from .syntax import Context, pobjs, verb_in

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .rules import Rule


def _hyphen_pair(tok: Token) -> bool:
    doc = tok.doc
    return (tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "–")) or (tok.i > 0 and doc[tok.i - 1].text in ("-", "–"))


def _helped(ctx: Context, noun: Token, backing: frozenset[str]) -> list[Token]:
    """Whom help is given to in an event named with "in": "support for X in the fight against Y",
    "its support of X and its people in their fight", "helped X in its war on Y", "stands with X
    in its fight" (X)."""
    head = phrase_head(noun)
    if head.dep_ != "pobj" or head.head.lower_ != "in":
        return []
    holder = head.head.head
    helped: list[Token] = []
    if holder.pos_ == "VERB":  # "helped X in ..."; "reiterated support for X in the fight", "in" parsed onto the verb
        helped = backed_tokens(holder, ctx) or [o for c in holder.children if c.dep_ == "dobj" and c.lemma_ in backing
                                                for p in ("for", "of", "to", "with") for o in pobjs(c, p)]
    elif holder.lemma_ in backing:
        helped = [o for p in ("for", "of", "to", "with") for o in pobjs(holder, p)]
    else:  # "support of X and the Y people in their fight": "in" parsed onto the one helped
        top = holder
        while top.dep_ == "conj":
            top = top.head
        if top.dep_ == "pobj" and top.head.lower_ in ("for", "of", "to", "with") and top.head.head.lemma_ in backing:
            helped = [top]
    return helped


def _own_agent(ctx: Context, noun: Token, verb: Token | None) -> bool:
    """"backed the offensive by Malian troops against X": the event names its own agent, so it is not the backer's."""
    return any(noun_phrase_entities(ctx, o) for o in event_by_agents(noun, verb))


def _blamed(ctx: Context, noun: Token) -> list[str]:
    """Who an event is laid on: "blamed X for the attack", "accused X of the raids", "X was blamed
    for the strikes", "X claimed responsibility for the attack", "held X responsible for it",
    "X is responsible for the attack", "X claimed the attack"; "blamed the attack on X" (X)."""
    words = ctx.rules.lexicon["blaming_words"]
    head = phrase_head(noun)
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_ in ctx.words("quantity_nouns"):
        head = head.head.head  # "X claimed dozens of attacks on Y": the count is what is claimed
    found: list[Token] = []
    if head.dep_ == "dobj" and head.head.lemma_ in words["verbs"]:  # "blamed the attack on X"
        found = pobjs(head.head, "on")
    elif head.dep_ == "dobj" and head.head.lemma_ in words["claiming_verbs"]:
        return agent_entities(head.head, ctx)  # "X claimed the attack on Y", "a group that claimed attacks on Y"
    elif head.dep_ == "pobj" and head.head.lower_ in ("for", "of"):
        holder = head.head.head
        if holder.pos_ == "VERB" and holder.lemma_ in words["verbs"]:
            found = [c for c in holder.children if c.dep_ in ("dobj", "nsubjpass")]
        elif holder.lemma_ in words["nouns"] and holder.dep_ == "dobj" and holder.head.lemma_ in words["taking_verbs"]:
            return agent_entities(holder.head, ctx)  # "X claimed responsibility for the attack"
        elif holder.lemma_ in words["adjectives"] and holder.dep_ == "amod":  # "held X responsible for"
            found = [holder.head]
        elif holder.lemma_ in words["adjectives"] and holder.dep_ in ("oprd", "ccomp", "xcomp", "acomp"):
            verb = holder.head
            found = [c for c in verb.children if c.dep_ == ("dobj" if verb.lemma_ == "hold" else "nsubj")]
    return [e for t in found if t.pos_ != "PRON" for e in noun_phrase_entities(ctx, t)]


def _undergone(ctx: Context, noun: Token, rule: Rule) -> tuple[list[str], list[str], Token] | None:
    """"Y came under attack from X", "Y was under fire from X", "Y remained under siege by X": the
    verb's subject is struck and "from"/"by" (on the noun or the verb) names who strikes; so too
    "Y faced sanctions from X", "Y was hit with sanctions", "Y is subject to sanctions"
    ("undergoing_object_verbs"). With no "from"/"by", the noun's own modifier names the agent
    ("Y remained under UN sanctions", "Y came under Israeli attack"). The agents, the undergoers and
    the verb; None when the noun is not so placed."""
    head = phrase_head(noun)
    if "undergoer" not in rule.objects:
        return None
    verb = _undergoing_verb(ctx, head)
    if verb is None:
        return None
    agents = [e for h in (head, verb) for p in ("from", "by") for o in pobjs(h, p) for e in noun_phrase_entities(ctx, o)]
    if not agents:
        for c in (c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i):
            own = noun_phrase_entities(ctx, c, conjuncts=False)
            agents += own or ([ctx.demonym(c)] if ctx.demonym(c) else [])
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]  # "Y was hit with sanctions (by X)": Y
    tokens = passive or agent_tokens(verb, ctx)
    tokens = [t for t in tokens if not _some_demonym_noun(ctx, t)]
    undergoers = [e for t in tokens for e in noun_phrase_entities(ctx, appos_antecedent(t, ctx) if t.dep_ == "appos" else t)]
    return list(dict.fromkeys(agents)), undergoers, verb


def _some_demonym_noun(ctx: Context, tok: Token) -> bool:
    """"a Russian entity facing sanctions" is some entity, not Russia ("the Kenyan army" is Kenya's)."""
    return tok.pos_ == "NOUN" and not ctx.entity(tok) and \
        any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) and \
        any(c.dep_ == "amod" and ctx.demonym(c) for c in tok.children)


def _undergoing_verb(ctx: Context, head: Token) -> Token | None:
    """The verb whose subject undergoes the event ``head`` heads: "came under attack", "faced
    sanctions", "was hit with sanctions", "is subject to sanctions"."""
    words = ctx.rules.lexicon["undergoing_object_verbs"]
    if head.dep_ == "pobj" and head.head.lower_ == "under":
        verb = head.head.head
        return verb if verb.lemma_ in ctx.words("undergoing_verbs") else None
    if head.dep_ == "dobj" and head.head.pos_ == "VERB" and head.head.lemma_ in words["object"]:
        return head.head
    if head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.pos_ == "VERB" and \
            head.head.head.lemma_ in words["with"] and any(c.dep_ == "nsubjpass" for c in head.head.head.children):
        return head.head.head
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lemma_ in words["to"] and \
            head.head.head.dep_ in ("acomp", "amod"):
        return head.head.head.head
    return None


def _victims(ctx: Context, noun: Token) -> list[str]:
    """Who an event killed or wounded is what it struck: "X was killed in an Israeli strike", "X,
    who was killed by a US drone strike", "an Israeli strike killed X" ("killing_verbs")."""
    head = phrase_head(noun)
    verb, deps = None, ()
    if head.dep_ == "pobj" and head.head.lower_ in ("in", "by", "during"):
        verb, deps = head.head.head, ("nsubjpass",)
    elif head.dep_ == "nsubj":
        verb, deps = head.head, ("dobj",)
    if verb is None or verb.pos_ != "VERB" or verb.lemma_ not in ctx.words("killing_verbs"):
        return []
    found = [c for c in verb.children if c.dep_ in deps]
    found = [verb.head if t.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" else t for t in found]
    # people and groups are killed; a place or a state named by its people ("Palestinians") is not
    return [e for t in found if t.pos_ != "PRON" for e in noun_phrase_entities(ctx, t)
            if ctx.types.get(e) not in ("Place", "State")]


def _own_modifier(ctx: Context, modifier: Token) -> bool:
    """Whether a modifier before an event noun names an actor whose the event is ("the Russian war")."""
    if modifier.dep_ not in ("amod", "compound", "nmod") or _hyphen_pair(modifier):
        return False
    eid = ctx.entity(modifier) or ctx.demonym(modifier)
    return bool(eid) and ctx.types.get(eid) not in ("Place", "WeaponSystem")


def _noun_subjects(ctx: Context, noun: Token, rule: Rule) -> list[str]:
    found: list[str] = []
    helped = _helped(ctx, noun, ctx.words("backing_words", "words")) if "supported" in rule.subjects else []
    labels = set(sense_of(noun, rule).get("label_needs_word", ()))
    for spec in rule.subjects:
        if spec == "supported":
            # "helped them in their fight": a pronoun here is easily taken for the helper; no one
            found += [e for t in helped if t.pos_ != "PRON" for e in noun_phrase_entities(ctx, t)]
            continue
        if spec in ("poss", "compound", "amod"):
            for c in noun.children:
                if spec != "poss" and _hyphen_pair(c):
                    # "the Israel-Hamas war" names both sides, neither as agent; "the Hamas-led attacks" names one
                    if spec == "amod" and c.lower_ == "led":
                        found += [e for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod")
                                  for e in noun_phrase_entities(ctx, g, conjuncts=False)]
                    continue
                if spec != "poss" and c.lower_ in labels:
                    continue  # "the SDGT designation on X": the label given, not who gives it
                if helped and c.pos_ == "PRON":
                    continue  # "support for X in their fight": "their" is X (even unnamed), not the supporter
                if c.dep_ == spec or (spec == "compound" and c.dep_ == "nmod"):
                    found += noun_phrase_entities(ctx, c, conjuncts=False) or \
                        ([ctx.demonym(c)] if ctx.demonym(c) else [])
        elif spec == "light_verb":
            verb = light_verb(ctx, noun)
            # "backs the Kurds' fight": theirs, not the backer's (also when the possessive is parsed as a second object)
            owned = any(c.dep_ == "poss" for c in noun.children) or (verb is not None and any(
                c.dep_ == "dobj" and c.i != phrase_head(noun).i and any(g.dep_ == "case" for g in c.children)
                for c in verb.children)) or _own_agent(ctx, noun, verb)
            # "began supporting the Russian war on Y": an event whose own modifier names an actor is its
            owned = owned or (verb is not None and verb.lemma_ in ctx.words("backing_words", "words") and
                              any(_own_modifier(ctx, c) for c in noun.children if c.i < noun.i))
            if verb is not None and not owned:
                found += agent_entities(verb, ctx)
        elif spec == "blamed":  # "blamed X for the attack", "X claimed responsibility for the attack"
            found += _blamed(ctx, noun)
        elif spec == "acl_by":  # "sanctions imposed by the EU", "strikes carried out by Israel"
            for acl in (c for c in phrase_head(noun).children if c.dep_ == "acl"):
                found += [e for o in pobjs(acl, "by") for e in noun_phrase_entities(ctx, o)]
        else:
            for obj in pobjs(noun, spec.split(":", 1)[1]):
                found += noun_phrase_entities(ctx, obj)
    return list(dict.fromkeys(found))


def _noun_objects(ctx: Context, owners: tuple[Token, ...], specs: tuple[str, ...]) -> list[str]:
    objects: list[str] = []
    for spec in (s for s in specs if ":" in s):  # "undergoer" and "victim" are read on their own
        kind, word = spec.split(":", 1)
        for owner in owners:
            if kind == "acl":
                tokens = [g for c in owner.children if c.dep_ == "acl" and c.lemma_ == word
                          for g in c.children if g.dep_ == "dobj"]
            else:
                tokens = [o for t in [owner, *phrase_nouns(owner)[1:]] for o in pobjs(t, word)]
            for obj in tokens:
                if obj.lemma_.lower() in ctx.words("not_patient_heads"):
                    continue  # "joined the war on the side of X": X is an ally, not the patient
                objects += [e for e in noun_phrase_entities(ctx, obj) if e not in objects]
    return objects


def _received(ctx: Context, tok: Token, verb: Token, owners: tuple[Token, ...], rule: Rule) -> Iterator[Found]:
    """"X took delivery of jets from Y", "X received support from Y": the light verb's subject
    is the recipient and "from" names the agent."""
    sources = _noun_objects(ctx, owners, ("prep:from",))
    if not sources:
        return
    items = items_under(ctx, phrase_head(tok), set()) if rule.relation == "supplies" else ()
    yield Found(tuple(sources), rule.relation, tuple(agent_entities(verb, ctx)), tok.i, modality(verb, ctx),
                rule.id, items)


def _struck_places(ctx: Context, noun: Token, owners: tuple[Token, ...], specs: tuple[str, ...]) -> list[str]:
    """"strikes in Lebanon", "the offensive in Rafah", "terror attacks in Europe": a state or a
    place named with "in" is what the event struck, when no other path named a target; water
    never is ("attacks in the Red Sea")."""
    water = ctx.words("water_body_words", "words")
    classes = ("State", "Place")
    found: list[str] = []
    for owner in owners:
        for obj in (o for spec in specs for t in [owner, *phrase_nouns(owner)[1:]] for o in pobjs(t, spec.split(":", 1)[1])):
            if has_word(obj.subtree, water):
                continue
            found += [e for e in noun_phrase_entities(ctx, obj) if ctx.types.get(e) in classes and e not in found]
    return found


def _partners(ctx: Context, anchor: Token) -> set[str]:
    """Whom an event is done with, never to: "strikes coordinated with X", "raids in cooperation
    with X", "together with X", "alongside X", "in support of X" (under the event's verb or noun)."""
    words = ctx.rules.lexicon["partner_words"]
    found: set[str] = set()
    for prep in (t for t in anchor.subtree if t.dep_ == "prep"):
        head = prep.head
        partner = prep.lower_ in words["prepositions"]
        partner |= prep.lower_ == "with" and (
            head.pos_ == "VERB" and verb_in(head, frozenset(words["verbs"])) or
            any(c.dep_ == "advmod" and c.lower_ in words["adverbs"] for c in prep.children))
        partner |= prep.lower_ in ("with", "of") and head.lemma_.lower() in words["nouns"] and \
            head.dep_ == "pobj" and head.head.lower_ == "in"
        if partner:
            found.update(e for o in prep.children if o.dep_ == "pobj" for e in noun_phrase_entities(ctx, o))
    return found


def _dealt_with(ctx: Context, head: Token, verb: Token) -> list[str]:
    """"X hit Y with sanctions", "slapped Y with new penalties": the light verb's object, when the
    event is "with" on that verb."""
    if not (head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.i == verb.i):
        return []
    return [e for c in verb.children if c.dep_ == "dobj" for e in noun_phrase_entities(ctx, c)]


def _clause_objects(ctx: Context, verb: Token | None, head: Token, rule: Rule) -> list[str]:
    """The target named in a clause on the event or its verb: the instrument's ("conducted strikes
    using jets against X"), or "against" anywhere in a partner's, where the parser hangs it on the
    partner or on an instrument ("strikes coordinated with Y (using jets) against X")."""
    words = ctx.rules.lexicon["partner_words"]
    clauses = [c for c in (*(verb.children if verb is not None else ()), *head.children) if c.dep_ in ("advcl", "acl")]
    clauses += [j for c in clauses for j in c.conjuncts if j.pos_ == "VERB"]  # "coordinated with Y and using jets"
    # a participle of the same act, not a clause of its own ("since Y launched an attack on Z")
    clauses = [c for c in clauses if not any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)]
    owners: list[Token] = []
    for clause in clauses:
        if clause.lemma_ in ctx.words("weapon_user_verbs") and verb is not None:
            owners += [o for o in clause.children if o.dep_ == "dobj"]
        elif verb_in(clause, frozenset(words["verbs"])):
            owners += [p.head for p in clause.subtree if p.dep_ == "prep" and p.lower_ == "against"]
    return _noun_objects(ctx, tuple(owners), rule.objects)


def noun_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    if tok.pos_ not in ("NOUN", "PROPN") or (tok.lemma_ not in rule.lemmas and tok.lower_ not in rule.lemmas):
        return
    if ctx.entity(tok):
        return
    head = phrase_head(tok)
    verb = light_verb(ctx, tok)
    if under_advocacy(verb if verb is not None else head, rule) or \
            (verb is not None and verb.lemma_.lower() in rule.not_under):
        return  # "called for sanctions on X": whoever would impose them, not the caller
    owners = (head, verb) if verb is not None else (head,)
    if verb is not None and verb.lemma_.lower() in ctx.words("receiving_light_verbs"):
        yield from _received(ctx, tok, verb, owners, rule)
        return
    undergone = _undergone(ctx, tok, rule)
    if undergone is not None:  # "Y came under attack from X"; a sanction's agent may come from the sentences before
        agents, undergoers, under = undergone
        if undergoers and noun_sense(ctx, tok, sense_of(tok, rule)) and (agents or rule.relation in AGENT_FROM_BEFORE):
            yield Found(tuple(agents), rule.relation, tuple(undergoers), tok.i, modality(under, ctx), rule.id)
        return
    subjects = _noun_subjects(ctx, tok, rule)
    partners = _partners(ctx, verb if verb is not None else head)
    objects = [e for e in _noun_objects(ctx, owners, rule.objects) if e not in partners]
    dealt = _dealt_with(ctx, head, verb) if not objects and "dealt_with" in rule.objects and verb is not None else []
    if dealt:  # "hit X with sanctions"; "hit X with its own sanctions": the hitter's own
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
            subjects = list(agent_entities(verb, ctx))
        objects = [e for e in dealt if e not in subjects]
    if not objects and "victim" in rule.objects:  # "X was killed in an Israeli strike"
        objects = [e for e in _victims(ctx, tok) if e not in partners and e not in subjects]
    if not objects:  # "conducted strikes using jets against X", "strikes coordinated with Y against X"
        objects = [e for e in _clause_objects(ctx, verb, head, rule) if e not in partners]
    if not objects and rule.fallback_objects and not sense_of(tok, rule).get("no_fallback"):
        # "strikes in Lebanon": a state named with "in" is the target (a place only for terror); never a partner
        objects = [e for e in _struck_places(ctx, tok, owners, rule.fallback_objects) if e not in partners]
    mode = modality(verb, ctx) if verb is not None else modality(tok, ctx, own_only=True)
    if mode == "Asserted" and verb is not None and verb.lemma_ in ctx.words("modality", "planned_verbs"):
        mode = "Planned"  # "propose sanctions", "threaten strikes"
    if mode == "Asserted":
        mode = modality(head, ctx, own_only=True)
    items = items_under(ctx, head, set()) if rule.relation == "supplies" else ()
    if not items and not noun_sense(ctx, tok, sense_of(tok, rule)):
        return
    yield Found(tuple(subjects), rule.relation, tuple(objects), tok.i, mode, rule.id, items)
