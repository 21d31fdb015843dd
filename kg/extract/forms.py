"""The frame matcher and the other syntactic forms relation rules are written in.

A frame of ``frames.jsonl`` compiles into a verb rule and a noun rule; ``verb_form``
and ``noun_form`` match them, handling once for every frame the senses a trigger
must be used in, light verbs, passives, participles and the paths to each role.
The other forms: receive, compound ("Iran-backed", "Iranian-made drones used by X"),
under ("at the direction of"), pair ("clashes between X and Y"). Each form reads
one trigger token and yields what it found."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .agents import agent_entities, agent_tokens, backed_tokens
from .modality import modality
from .noun_phrases import described_entities, noun_phrase_entities
from .syntax import Context, is_passive, passive_partner, pobjs, stative, verb_in

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .rules import Rule


@dataclass(frozen=True)
class Found:
    """A relation found in one sentence, before it becomes a Claim."""

    subjects: tuple[str, ...]
    relation: str
    objects: tuple[str, ...]
    trigger: int
    modality: str
    rule: str
    items: tuple[str, ...] = ()


def _describes_weapon(ctx: Context, tok: Token) -> bool:
    """Whether ``tok`` sits in an apposition to a named weapon
    ("the Pantsir-S1, a mobile anti-aircraft rocket launcher")."""
    for ancestor in (tok, *tok.ancestors):
        if ancestor.dep_ == "appos":
            head = ancestor.head
            return ctx.types.get(ctx.entity(head) or "") == "WeaponSystem" and ctx.entity(head) != ctx.entity(tok)
    return False


def items_under(ctx: Context, tok: Token, exclude: set[int]) -> tuple[str, ...]:
    found = []
    for t in tok.subtree:
        eid = ctx.entity(t)
        if eid and ctx.types.get(eid) == "WeaponSystem" and t.i not in exclude and eid not in found \
                and not _describes_weapon(ctx, t):
            found.append(eid)
    return tuple(found)


def _stray_object(verb: Token) -> list[Token]:
    """"X's plan to defeat Y is working", parsed with Y as a second subject of "is working": the
    noun right after an infinitive that has no object, made the subject of a later verb that has
    a subject already, is the infinitive's object."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or verb.i + 1 >= len(verb.doc):
        return []
    noun = verb.doc[verb.i + 1]
    while noun.dep_ in ("det", "compound", "amod", "nmod", "punct") and noun.head.i > noun.i:
        noun = noun.head  # "the", "Boko" of "Boko Haram"
    if noun.dep_ != "nsubj" or noun.head.i <= noun.i:
        return []
    return [noun] if any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in noun.head.children) else []


def _object_tokens(verb: Token, spec: str) -> list[Token]:
    if spec == "dobj":
        return [c for c in verb.children if c.dep_ == "dobj"] or _stray_object(verb)
    if spec == "dative":
        found = []
        for c in verb.children:
            if c.dep_ == "dative":
                found += [g for g in c.children if g.dep_ == "pobj"] if c.pos_ == "ADP" else [c]
        return found
    if spec == "use_by":  # "sent drones for use by the Houthis"
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        uses = [o for h in holders for o in pobjs(h, "for") if o.lemma_ == "use"]
        return [g for u in uses for g in pobjs(u, "by")]
    preposition = spec.split(":", 1)[1]
    found = pobjs(verb, preposition)
    for dobj in (c for c in verb.children if c.dep_ == "dobj"):
        for tok in _phrase_nouns(dobj):  # "launched a number of missiles at Israel"
            found += pobjs(tok, preposition)
    return found


def _phrase_nouns(noun: Token) -> list[Token]:
    """The nouns of a noun phrase, through "of" and coordination, not into clauses."""
    found, stack = [], [noun]
    while stack:
        tok = stack.pop()
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            found.append(tok)
        stack += [c for c in tok.children if c.dep_ in ("conj", "pobj") or (c.dep_ == "prep" and c.lower_ == "of")
                  or (c.dep_ == "amod" and c.pos_ == "NOUN")]  # "worth of bombs ... to Israel"
    return found


def _modified_noun(verb: Token) -> Token:
    """The noun a participle really modifies: the nearest conjunct before it
    ("fighters and militants supported by Iran" -> militants)."""
    before = [c for c in (verb.head, *verb.head.conjuncts) if c.i < verb.i]
    return max(before, key=lambda t: t.i) if before else verb.head


def _passive_subjects(verb: Token) -> list[Token]:
    """The passive subject of ``verb``, of the passive it is coordinated with ("Hamas is funded
    and armed by Iran"), or of the clause a participle opens ("Led by X, the militia ...")."""
    own = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if own:
        return own
    partner = passive_partner(verb)
    if partner is not None:
        return [c for c in partner.children if c.dep_ == "nsubjpass"]
    if verb.dep_ == "advcl" and verb.tag_ == "VBN":
        return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _verb_objects(ctx: Context, verb: Token, rule: Rule) -> list[str]:
    passive = is_passive(verb) and not stative(verb)
    found: list[str] = []
    for spec in rule.objects:
        if passive and spec == "dobj":  # the passive subject is the active object
            if verb.dep_ == "acl":
                tokens = [_modified_noun(verb)]
                found += [e for e in described_entities(ctx, tokens[0]) if e not in found]
                continue
            tokens = _passive_subjects(verb)
        elif spec == "event_agent":  # "supported Iraq's offensive", "backed the retaking of the city by the army"
            events = ctx.words("agent_event_nouns")
            tokens = [a for n in _object_tokens(verb, "dobj") if n.lemma_.lower() in events or n.lower_ in events
                      for a in [*(c for c in n.children if c.dep_ == "poss"), *_event_by_agents(n, verb)]]
        else:
            tokens = _object_tokens(verb, spec)
        for tok in tokens:
            found += [e for e in noun_phrase_entities(ctx, tok) if e not in found]
    return found


def _thing_given(verb: Token) -> list[Token]:
    """The nouns naming what a verb hands over: its object, "with" object, or the noun it modifies."""
    things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    things += pobjs(verb, "with")
    things += [g for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP" for g in c.children
               if g.dep_ == "appos"]
    if verb.dep_ == "acl":
        things.append(verb.head)
    return [t for thing in things for t in _phrase_nouns(thing)]


def _verb_relation(ctx: Context, verb: Token, rule: Rule) -> str | None:
    for given in [c for c in verb.children if c.dep_ == "dobj"] + pobjs(verb, "with"):
        if given.lemma_ in rule.object_noun_relations:  # "provide support", "supply Y with funding"
            return rule.object_noun_relations[given.lemma_]
    if rule.requires_word and not any(t.lower_ in rule.requires_word for t in verb.subtree):
        return None
    if rule.requires_object:
        # "sent a delegation" is no supply; "sent drones", "sent the Pantsir" are
        things = _thing_given(verb)
        if not any(t.lemma_.lower() in rule.requires_object or t.lower_ in rule.requires_object
                   or ctx.types.get(ctx.entity(t) or "") == "WeaponSystem" for t in things):
            return None
    return rule.relation


def _about_excluded(verb: Token, rule: Rule) -> bool:
    """Whether the verb hangs on a noun the rule excludes, directly ("sanctions
    targeting X") or through the clause it extends ("imposed sanctions, targeting X")."""
    if not rule.exclude_heads:
        return False
    if verb.dep_ == "acl":
        return verb.head.lemma_ in rule.exclude_heads
    if verb.dep_ in ("advcl", "conj"):
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
        return any(t.lemma_ in rule.exclude_heads for o in objects for t in _phrase_nouns(o))
    return False


def _senses(tok: Token, rule: Rule) -> dict:
    """The conditions of the sense ``rule`` means for the trigger ``tok``."""
    return {**rule.senses.get("*", {}), **rule.senses.get(tok.lemma_.lower(), rule.senses.get(tok.lower_, {}))}


def _complements(verb: Token) -> list[Token]:
    """The infinitives a verb governs: "ordered the army to advance" -> advance."""
    return [c for c in verb.children if c.pos_ in ("VERB", "AUX") and (c.dep_ in ("xcomp", "ccomp") or (
        c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)))]


def _complement_words(verb: Token) -> list[Token]:
    """The words of what a verb is done to and made into: "designated [the road] [a corridor]",
    "designated [X] as [a terrorist group]", not the rest of the sentence."""
    parts = [c for c in verb.children if c.dep_ in ("dobj", "dative", "oprd", "attr", "ccomp", "xcomp", "nsubjpass")]
    parts += pobjs(verb, "as")
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
    "designated X a terrorist group" is a listing, "designated X a partner" is not."""
    labels = _labels(ctx, trigger)
    return not (sense.get("label_needs_word") and labels and not _has_word(labels, sense["label_needs_word"]))


def _has_word(tokens, words) -> bool:
    """Whether one of ``tokens`` is one of ``words``, as written or by its lemma."""
    return any(t.lower_ in words or t.lemma_ in words for t in tokens)


def _names_materiel(ctx: Context, tokens, listed: frozenset[str]) -> bool:
    """Whether one of ``tokens`` is a word of ``listed`` (the frame's materiel) or a named weapon."""
    return any(t.lemma_.lower() in listed or t.lower_ in listed
               or ctx.types.get(ctx.entity(t) or "") == "WeaponSystem" for t in tokens)


def _has_particle(verb: Token, particles) -> bool:
    """Whether a phrasal verb bears its particle ("fended off", "beat back"), however the parser
    labels it."""
    return any(c.dep_ in ("prt", "advmod") and c.lower_ in particles for c in verb.children)


def _verb_sense(ctx: Context, verb: Token, rule: Rule, sense: dict, relation: str) -> bool:
    """Whether the verb is used in the sense its frame means."""
    if _has_word(_complement_words(verb), sense.get("not_word", ())):
        return False  # "designated the road a humanitarian corridor" is no sanction
    if not _labelled_as(ctx, verb, sense):
        return False  # "designated X as its main partner" is no sanction
    if sense.get("needs_word") and not _has_word(verb.subtree, sense["needs_word"]):
        return False  # "designated a safe zone" is no sanction
    if sense.get("object_in") and relation == rule.relation:
        if not _names_materiel(ctx, _thing_given(verb), ctx.words(sense["object_in"])):
            return False  # "sent a delegation" is no supply
    if _called_for(verb, sense):
        return False
    if sense.get("needs_particle") and not _has_particle(verb, sense["needs_particle"]):
        return False  # "held off on the vote" is fending off no one; "pushed back" needs its "back"
    acted_on = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] or _stray_object(verb)
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


def under_advocacy(tok: Token, rule: Rule) -> bool:
    """Whether the trigger is what someone calls on another to do ("urged the EU to sanction
    Russia", "called for sanctions on Russia"): then neither side threatens or imposes it."""
    if not rule.not_under:
        return False
    for ancestor in (tok, *tok.ancestors):
        if ancestor.i != tok.i and ancestor.pos_ in ("VERB", "AUX") and \
                (ancestor.lemma_.lower() in rule.not_under or ancestor.lower_ in rule.not_under):
            return True
        if ancestor.dep_ not in ("xcomp", "ccomp", "pobj", "prep", "dobj", "pcomp", "compound", "conj", "acl"):
            return False
    return False


def _used_as_verb(tok: Token) -> bool:
    """A verb, or a word the tagger took for a noun where only a verb fits: "to" before it and an
    object after it ("threatened to sanction Turkey")."""
    if tok.pos_ in ("VERB", "AUX"):
        return True
    children = list(tok.children)
    return tok.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children) \
        and any(c.dep_ == "dobj" for c in children)


def verb_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    if not _used_as_verb(tok) or tok.lemma_ not in rule.lemmas:
        return
    if _about_excluded(tok, rule):
        return  # "sanctions targeting Hamas" is no attack
    relation = _verb_relation(ctx, tok, rule)
    sense = _senses(tok, rule)
    if relation is None or not _verb_sense(ctx, tok, rule, sense, relation) or under_advocacy(tok, rule):
        return
    subjects = agent_entities(tok, ctx)
    objects = _verb_objects(ctx, tok, rule)
    if sense.get("object_classes"):
        objects = [e for e in objects if ctx.types.get(e) in sense["object_classes"]]
    subject_tokens = {t.i for c in tok.children if c.dep_ in ("nsubj", "agent") for t in c.subtree}
    items = items_under(ctx, tok, subject_tokens) if relation == "supplies" else ()
    if relation == "supplies" and tok.dep_ == "acl":  # "weapons sent by Iran"
        items = tuple(dict.fromkeys(items + items_under(ctx, tok.head, subject_tokens | {t.i for t in tok.subtree})))
    yield Found(tuple(subjects), relation, tuple(objects), tok.i, modality(tok, ctx), rule.id, items)


def _with_partner(ctx: Context, verb: Token) -> list[str]:
    """The partner named by "with" in the clause a participle hangs on."""
    head = verb.head if verb.dep_ in ("advcl", "conj", "xcomp") else verb
    for tok in [head, *[c for c in head.children if c.dep_ == "dobj"]]:
        for pobj in pobjs(tok, "with"):
            found = noun_phrase_entities(ctx, pobj)
            if found:
                return found
    return []


def receive_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    if tok.pos_ != "VERB" or tok.lemma_ not in rule.lemmas:
        return
    sources: list[str] = []
    for spec in rule.sources:
        for obj in _object_tokens(tok, spec):
            sources += noun_phrase_entities(ctx, obj)
    sources = sources or _with_partner(ctx, tok)
    relation = _verb_relation(ctx, tok, rule)
    items = items_under(ctx, tok, {t.i for c in tok.children if c.dep_ == "nsubj" for t in c.subtree})
    if sources and (items or relation != rule.relation):
        receivers = agent_entities(tok, ctx)
        yield Found(tuple(sources), relation, tuple(receivers), tok.i, modality(tok, ctx), rule.id,
                    items if relation == "supplies" else ())


def _phrase_head(noun: Token) -> Token:
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
    return noun


def _light_verb(ctx: Context, noun: Token) -> Token | None:
    """The verb a trigger noun is the object of: "launched strikes", "carried out dozens of strikes"."""
    head = _phrase_head(noun)
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_ in ctx.words("quantity_nouns"):
        head = head.head.head
    if head.dep_ == "pobj" and head.head.lower_ in ("of", "with") and verb_in(head.head.head, ctx.words("light_verbs")):
        return head.head.head  # "warned of sanctions", "threatened Russia with sanctions"
    if head.dep_ == "pobj" and head.head.lower_ == "in" and verb_in(head.head.head, ctx.words("light_verbs_in")):
        return head.head.head  # "engaged in clashes", "took part in the offensive"
    light = ctx.words("light_verbs") | ctx.words("receiving_light_verbs")
    if head.dep_ in ("dobj", "nsubjpass") and verb_in(head.head, light):
        return head.head
    return None


def _hyphen_pair(tok: Token) -> bool:
    doc = tok.doc
    return (tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "–")) or (tok.i > 0 and doc[tok.i - 1].text in ("-", "–"))


def _helped(ctx: Context, noun: Token, backing: frozenset[str]) -> list[Token]:
    """Whom help is given to in an event named with "in": "support for X in the fight against Y",
    "its support of X and its people in their fight", "helped X in its war on Y", "stands with X
    in its fight" (X)."""
    head = _phrase_head(noun)
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


def _event_by_agents(noun: Token, verb: Token | None) -> list[Token]:
    """The "by" objects naming the agent of an event noun: "the offensive by Malian troops", also
    when the parser hangs the phrase right after the noun on the active verb that takes it."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    holders = [noun] + ([verb] if verb is not None and after is not None and after.lower_ == "by"
                        and after.head.i == verb.i and not is_passive(verb) else [])
    return [o for h in holders for o in pobjs(h, "by")]


def _own_agent(ctx: Context, noun: Token, verb: Token | None) -> bool:
    """"backed the offensive by Malian troops against X": the event names its own agent, so it is not the backer's."""
    return any(noun_phrase_entities(ctx, o) for o in _event_by_agents(noun, verb))


def _noun_subjects(ctx: Context, noun: Token, rule: Rule) -> list[str]:
    found: list[str] = []
    helped = _helped(ctx, noun, ctx.words("backing_words", "words")) if "supported" in rule.subjects else []
    labels = set(_senses(noun, rule).get("label_needs_word", ()))
    for spec in rule.subjects:
        if spec == "supported":
            # "helped them in their fight": a pronoun here is easily taken for the helper; no one
            found += [e for t in helped if t.pos_ != "PRON" for e in noun_phrase_entities(ctx, t)]
            continue
        if spec in ("poss", "compound", "amod"):
            for c in noun.children:
                if spec != "poss" and _hyphen_pair(c):
                    continue  # "the Israel-Hamas war" names both sides, neither as agent
                if spec != "poss" and c.lower_ in labels:
                    continue  # "the SDGT designation on X": the label given, not who gives it
                if helped and c.pos_ == "PRON":
                    continue  # "support for X in their fight": "their" is X (even unnamed), not the supporter
                if c.dep_ == spec or (spec == "compound" and c.dep_ == "nmod"):
                    found += noun_phrase_entities(ctx, c, conjuncts=False) or \
                        ([ctx.demonym(c)] if ctx.demonym(c) else [])
        elif spec == "light_verb":
            verb = _light_verb(ctx, noun)
            # "backs the Kurds' fight": theirs, not the backer's (also when the possessive is parsed as a second object)
            owned = any(c.dep_ == "poss" for c in noun.children) or (verb is not None and any(
                c.dep_ == "dobj" and c.i != _phrase_head(noun).i and any(g.dep_ == "case" for g in c.children)
                for c in verb.children)) or _own_agent(ctx, noun, verb)
            if verb is not None and not owned:
                found += agent_entities(verb, ctx)
        elif spec == "acl_by":  # "sanctions imposed by the EU", "strikes carried out by Israel"
            for acl in (c for c in _phrase_head(noun).children if c.dep_ == "acl"):
                found += [e for o in pobjs(acl, "by") for e in noun_phrase_entities(ctx, o)]
        else:
            for obj in pobjs(noun, spec.split(":", 1)[1]):
                found += noun_phrase_entities(ctx, obj)
    return list(dict.fromkeys(found))


def _noun_objects(ctx: Context, owners: tuple[Token, ...], specs: tuple[str, ...]) -> list[str]:
    objects: list[str] = []
    for spec in specs:
        kind, word = spec.split(":", 1)
        for owner in owners:
            if kind == "acl":
                tokens = [g for c in owner.children if c.dep_ == "acl" and c.lemma_ == word
                          for g in c.children if g.dep_ == "dobj"]
            else:
                tokens = [o for t in [owner, *_phrase_nouns(owner)[1:]] for o in pobjs(t, word)]
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
    items = items_under(ctx, _phrase_head(tok), set()) if rule.relation == "supplies" else ()
    yield Found(tuple(sources), rule.relation, tuple(agent_entities(verb, ctx)), tok.i, modality(verb, ctx),
                rule.id, items)


def _struck_places(ctx: Context, noun: Token, owners: tuple[Token, ...], specs: tuple[str, ...]) -> list[str]:
    """"strikes in Lebanon": a state named with "in" is the target. A region or a town is only
    where strikes and raids happened ("strikes in southern Lebanon"), but it is what an act of
    terror strikes ("terror attacks in Europe", "acts of terror in the capital"); water never is."""
    water = ctx.words("water_body_words", "words")
    classes = ("State", "Place") if _has_word(_kind_words(noun), ctx.words("terror_words", "words")) else ("State",)
    found: list[str] = []
    for owner in owners:
        for obj in (o for spec in specs for t in [owner, *_phrase_nouns(owner)[1:]] for o in pobjs(t, spec.split(":", 1)[1])):
            if _has_word(obj.subtree, water):
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
    head = _phrase_head(tok)
    verb = _light_verb(ctx, tok)
    if under_advocacy(verb if verb is not None else head, rule) or \
            (verb is not None and verb.lemma_.lower() in rule.not_under):
        return  # "called for sanctions on X": whoever would impose them, not the caller
    owners = (head, verb) if verb is not None else (head,)
    if verb is not None and verb.lemma_.lower() in ctx.words("receiving_light_verbs"):
        yield from _received(ctx, tok, verb, owners, rule)
        return
    subjects = _noun_subjects(ctx, tok, rule)
    partners = _partners(ctx, verb if verb is not None else head)
    objects = [e for e in _noun_objects(ctx, owners, rule.objects) if e not in partners]
    if not objects:  # "conducted strikes using jets against X", "strikes coordinated with Y against X"
        objects = [e for e in _clause_objects(ctx, verb, head, rule) if e not in partners]
    if not objects and rule.fallback_objects and not _senses(tok, rule).get("no_fallback"):
        # "strikes in Lebanon": a state named with "in" is the target (a place only for terror); never a partner
        objects = [e for e in _struck_places(ctx, tok, owners, rule.fallback_objects) if e not in partners]
    mode = modality(verb, ctx) if verb is not None else modality(tok, ctx, own_only=True)
    if mode == "Asserted" and verb is not None and verb.lemma_ in ctx.words("modality", "planned_verbs"):
        mode = "Planned"  # "propose sanctions", "threaten strikes"
    if mode == "Asserted":
        mode = modality(head, ctx, own_only=True)
    items = items_under(ctx, head, set()) if rule.relation == "supplies" else ()
    if not items and not _noun_sense(ctx, tok, _senses(tok, rule)):
        return
    yield Found(tuple(subjects), rule.relation, tuple(objects), tok.i, mode, rule.id, items)


def _called_for(verb: Token | None, sense: dict) -> bool:
    """Whether the verb bears a modal of the sense's ``not_modal`` ("the EU must sanction X",
    "members should impose an embargo"): a call on them, neither their act nor their threat."""
    modals = sense.get("not_modal", ())
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)


def _kind_words(noun: Token) -> list[Token]:
    """The words that say what kind of thing a noun is: its modifiers and its "of" phrase
    ("terrorist acts", "acts of terror")."""
    before = [t for c in noun.children if c.i < noun.i and c.dep_ in ("amod", "compound", "nmod") for t in c.subtree]
    return before + [t for o in pobjs(noun, "of") for t in o.subtree]


def _noun_sense(ctx: Context, noun: Token, sense: dict) -> bool:
    """Whether an event noun is used in its frame's sense: no ``not_word`` in its phrase, and for
    an ``object_in`` sense the thing moved named in it ("arms exports", "the transfer of drones"),
    so that "exports to China" or "tax transfers" is no supply."""
    if _called_for(next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None), sense):
        return False
    if _has_word(noun.subtree, sense.get("not_word", ())):
        return False  # "a designation for the visa waiver programme" is no sanction
    if sense.get("needs_word") and not _has_word(_kind_words(noun), sense["needs_word"]):
        return False  # "acts of terror" are attacks, "acts of kindness" are not
    if not _labelled_as(ctx, noun, sense):
        return False  # "the designation of X as a partner"
    if not sense.get("object_in"):
        return True
    return _names_materiel(ctx, noun.subtree, ctx.words(sense["object_in"]))


def compound_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    """"Iran-backed militia": the word after a hyphen, a name before it."""
    if tok.lower_ not in rule.words or tok.i < 2 or ctx.doc[tok.i - 1].text not in ("-", "–"):
        return
    named = ctx.doc[tok.i - 2]
    actor = ctx.entity(named) or ctx.demonym(named)
    noun = tok.head
    while noun.pos_ not in ("NOUN", "PROPN") and noun.head.i != noun.i:
        noun = noun.head
    if actor is None:
        return
    if rule.targets == "users":  # "Iranian-made drones used by the Houthis": made by one, used by another
        targets, items = _weapon_users(ctx, noun), items_under(ctx, noun, {tok.i - 2})
        if targets:
            yield Found((actor,), rule.relation, tuple(targets), tok.i, modality(noun, ctx, own_only=True),
                        rule.id, items)
        return
    targets = described_entities(ctx, noun)
    pair = ((actor,), tuple(targets)) if rule.direction == "forward" else (tuple(targets), (actor,))
    yield Found(pair[0], rule.relation, pair[1], tok.i, "Asserted", rule.id)


def _weapon_users(ctx: Context, noun: Token) -> list[str]:
    """Who uses the thing a noun names: "drones used by X", "X fielded drones"."""
    users = ctx.words("weapon_user_verbs")
    found = [e for acl in noun.children if acl.dep_ == "acl" and acl.lemma_ in users
             for o in pobjs(acl, "by") for e in noun_phrase_entities(ctx, o)]
    if noun.dep_ == "dobj" and noun.head.lemma_ in users:
        found += agent_entities(noun.head, ctx)
    return list(dict.fromkeys(found))


def _command_sense(ctx: Context, order: Token, governed: Token, sense: dict) -> bool:
    """Whether "under orders of X" is command of an actor: not an order to evacuate ("fled
    following the army's order", "an order to leave"), nor a court's order."""
    avoided = set(sense.get("complement_not", ()))
    issuers = [t for c in order.children if c.dep_ in ("poss", "prep") for t in c.subtree]
    words = {t.lower_ for t in issuers} | {w for t in issuers if ctx.entity(t) for w in ctx.entity(t).split("-")}
    if words & set(sense.get("agent_not", ())):
        return False  # "the orders of the ICJ": a court's ruling, by the court's name
    # the order's own words say what it is: "the army's evacuation order", "an order for civilians to move"
    told = [t for t in order.subtree if t.i != order.i and t not in issuers]
    told += [t for c in order.children if c.dep_ == "prep" and c.lower_ == "for" for t in c.subtree]
    return governed.lemma_.lower() not in avoided and not any(t.lemma_.lower() in avoided for t in told)


def under_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    """"at the direction of X", "under the command of X", "following instructions from X"."""
    if tok.pos_ != "NOUN" or (tok.lemma_ not in rule.lemmas and tok.lower_ not in rule.lemmas):
        return
    if under_advocacy(tok, rule):
        return  # "rejected calls for X to take control of Y"
    taken = tok.dep_ == "dobj" and tok.lemma_ in ("control", "command") and \
        tok.head.lemma_ in ctx.words("taking_control_verbs")
    if taken:
        yield from _taken_control(ctx, tok, rule)
        return
    owners = (tok, tok.head) if tok.dep_ == "dobj" else (tok,)
    director_tokens = [o for t in owners for p in ("of", "from") for o in pobjs(t, p)]
    director_tokens += [c for c in tok.children if c.dep_ == "poss"]
    directors = [e for t in director_tokens for e in noun_phrase_entities(ctx, t)]
    if not directors:
        return
    anchor = tok.head
    if tok.dep_ == "pobj" and anchor.lower_ in ("at", "under", "on", "upon", "by", "following"):
        governed = anchor.head
    elif tok.dep_ == "dobj" and anchor.lemma_ in ("follow", "obey", "receive", "carry",
                                                   *ctx.words("taking_control_verbs")):
        governed = anchor
    else:
        return
    if not _command_sense(ctx, tok, governed, _senses(tok, rule)):
        return
    placed = [c for c in governed.children if c.dep_ == "dobj"] if governed.lemma_ in ctx.words("placing_verbs") else []
    if placed:  # "brought the militia under its control": what is placed is directed, not who places it
        directed_tokens = placed
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
            director_tokens = agent_tokens(governed, ctx)  # "its" is the one who places it
            directors = agent_entities(governed, ctx)
    elif governed.pos_ in ("VERB", "AUX"):
        directed_tokens = agent_tokens(governed, ctx)
    else:
        directed_tokens = [governed]
    if _through_pronoun(ctx, director_tokens + directed_tokens):
        return
    if governed.pos_ in ("VERB", "AUX") and not placed:
        directed = agent_entities(governed, ctx)  # climbs appositions the tokens do not
    else:
        directed = [e for t in directed_tokens for e in noun_phrase_entities(ctx, t)]
    directed = [e for e in directed if ctx.types.get(e) != "Place"]  # a place is run, it takes no orders
    yield Found(tuple(directors), rule.relation, tuple(directed), tok.i, modality(governed, ctx), rule.id)


def _through_pronoun(ctx: Context, tokens: list[Token]) -> bool:
    """Whether a side of "under X's control" is "it", "its", "they" or "their": command is
    rarely said of the actor such a pronoun was bound to ("it operates under the control of
    the army", "falls under its control" of a thing or a place), so no claim is made of it."""
    words = ctx.words("headless_subject_pronouns", "group")
    return any(t.pos_ == "PRON" and t.lower_ in words for t in tokens)


def _taken_control(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    """"X took control of Y": the one who takes it directs what it is "of". Mostly ground or a
    thing is taken ("took control of the city", "seized control of it"): only an actor named in
    the phrase counts, not a place, nor a pronoun (its antecedent is sought among actors), nor
    the one it was taken "from"."""
    verb = tok.head
    controlled = [e for o in pobjs(tok, "of") if o.pos_ != "PRON"
                  for e in noun_phrase_entities(ctx, o) if ctx.types.get(e) != "Place"]
    takers = agent_entities(verb, ctx)
    if controlled and takers:
        yield Found(tuple(takers), rule.relation, tuple(controlled), tok.i, modality(verb, ctx), rule.id)


def _entities_of(ctx: Context, tokens: list[Token]) -> list[str]:
    return list(dict.fromkeys(e for t in tokens for e in noun_phrase_entities(ctx, t)))


def _pair_sides(ctx: Context, tok: Token) -> tuple[list[str], list[str]]:
    """The two sides of a mutual relation: ("X", "Y") of "X's clashes with Y" or
    "X deepened cooperation with Y"; for "between X and Y" or "X and Y exchanged
    fire" both sides are the whole list."""
    verb = tok if tok.pos_ == "VERB" else (tok.head if tok.dep_ == "dobj" and tok.head.pos_ == "VERB" else None)
    if verb is None and tok.pos_ == "NOUN":
        verb = _light_verb(ctx, tok)  # "engaged in clashes with X"
    anchors = [tok] + ([verb] if verb is not None and verb is not tok else [])
    between = _entities_of(ctx, [o for a in anchors for o in pobjs(a, "between")])
    if len(between) >= 2:
        return between, between
    partners = _entities_of(ctx, [o for a in anchors for o in pobjs(a, "with")])
    owners = [c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"]
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
    sides = _pair_sides(ctx, tok)
    if any(a != b for a in sides[0] for b in sides[1]):
        mode = modality(tok, ctx)
        yield Found(tuple(sides[0]), rule.relation, tuple(sides[1]), tok.i, mode, rule.id)
        yield Found(tuple(sides[1]), rule.relation, tuple(sides[0]), tok.i, mode, rule.id)
