"""The frame matcher on verbs: ``verb_form`` and ``receive_form``, the subjects and objects
of a trigger verb through passives, participles and the relation a frame's roles give.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .agents import agent_entities, agent_tokens
from .forms import (
    Found,
    event_by_agents,
    items_under,
    phrase_nouns,
    sense_of,
    stray_object,
    thing_given,
    under_advocacy,
)
from .modality import modality
from .noun_phrases import described_entities, noun_phrase_entities
from .senses import has_word, verb_sense
from .syntax import Context, is_passive, passive_partner, pobjs, stative

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .rules import Rule


def _object_tokens(verb: Token, spec: str) -> list[Token]:
    if spec == "dobj":
        return [c for c in verb.children if c.dep_ == "dobj"] or stray_object(verb)
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
        for tok in phrase_nouns(dobj):  # "launched a number of missiles at Israel"
            found += pobjs(tok, preposition)
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
        if spec == "struck_place":
            continue  # read after the others, only for a thing struck
        if passive and spec == "dobj":  # the passive subject is the active object
            if verb.dep_ == "acl":
                tokens = [_modified_noun(verb)]
                found += [e for e in described_entities(ctx, tokens[0]) if e not in found]
                continue
            # "Several officials were sanctioned, including X and Y": the members the passive
            # subject is said to include, hung by the parser on the verb, not on the subject
            tokens = _passive_subjects(verb) + pobjs(verb, "including")
        elif spec == "event_agent":  # "supported Iraq's offensive", "backed the retaking of the city by the army"
            events = ctx.words("agent_event_nouns")
            tokens = [a for n in _object_tokens(verb, "dobj") if n.lemma_.lower() in events or n.lower_ in events
                      for a in [*(c for c in n.children if c.dep_ == "poss"), *event_by_agents(n, verb)]]
        else:
            tokens = _object_tokens(verb, spec) or (_helped(ctx, verb) if spec == "dobj" else [])
        for tok in tokens:
            named = noun_phrase_entities(ctx, tok)
            if rule.relation == "supplies" and tok.pos_ == "PRON":
                named = [e for e in named if e == _nearest_actor(ctx, tok, verb)]
            found += [e for e in named if e not in found]
    return found


def _nearest_actor(ctx: Context, pronoun: Token, verb: Token) -> str | None:
    """The actor named last before a pronoun, in its sentence or the one before, outside the
    subject of the verb it hangs on ("Iran gave them drones": not Iran). A pronoun that ends a
    supply is taken only for it ("urged X to stop supplying them", "warned X that it should not
    buy Y": X), never for a subject named further back."""
    since = pronoun.doc[pronoun.sent.start - 1].sent.start if pronoun.sent.start else 0
    own = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent") and c.i != pronoun.i
           for t in c.subtree}
    nearest = None
    for start, _end, eid in ctx.mention_spans:
        if start >= pronoun.i:
            break
        if start >= since and start not in own and ctx.types.get(eid) not in (None, "WeaponSystem", "Place"):
            nearest = eid
    return nearest


def _helped(ctx: Context, verb: Token) -> list[Token]:
    """"X is helping Y to defend itself", parsed with Y the subject of the clause helped: Y is
    whom a verb of "helping_verbs" helps."""
    if verb.lemma_.lower() not in ctx.words("helping_verbs"):
        return []
    return [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i
            for s in c.children if s.dep_ == "nsubj" and s.i < c.i]


def _led_by(ctx: Context, modifier: Token) -> list[str]:
    """"the US-led strikes": whom a hyphened "led" before a noun names."""
    if modifier.lower_ != "led":
        return []
    return [e for c in modifier.children if c.dep_ in ("npadvmod", "compound", "nmod")
            for e in noun_phrase_entities(ctx, c, conjuncts=False)]


def _owners_of(ctx: Context, noun: Token) -> list[str]:
    """Whose a strike or a craft is, from its modifiers ("Kenyan jets", "Kenya's strikes", "US-led
    strikes", "strikes by Kenya"); a place or weapon named there is where or what, not whose."""
    found: list[str] = []
    for c in noun.children:
        if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < noun.i:
            found += _led_by(ctx, c) or [e for e in [ctx.entity(c) or ctx.demonym(c)] if e]
    found += [e for o in pobjs(noun, "by") for e in noun_phrase_entities(ctx, o)]
    return [e for e in dict.fromkeys(found) if ctx.types.get(e) not in ("Place", "WeaponSystem")]


def _instrument_agents(ctx: Context, verb: Token, rule: Rule) -> list[str]:
    """"Kenyan jets struck X", "an Israeli airstrike hit X", "X was hit by US strikes": a verb of
    striking whose subject is the strike itself or the craft that makes it is done by whose that
    subject is. Only the frame's own event nouns and the "instrument_nouns" of lexicon.json: a
    missile or a drone is often named by its maker ("Iranian drones" flown by another), a jet
    or a strike by who flies or makes it."""
    nouns = ctx.words("instrument_nouns") | {n for v in rule.lemmas for n in ctx.rules.lexicon["derivations"].get(v, ())}
    found: list[str] = []
    for subject in agent_tokens(verb, ctx):
        if subject.lemma_.lower() in nouns or subject.lower_ in nouns:
            found += [e for e in _owners_of(ctx, subject) if e not in found]
    return found


def _struck_places(ctx: Context, verb: Token, objects: list[str]) -> list[str]:
    """"X struck positions in northern Iraq", "X targeted homes in Khost": what is struck is a
    thing, no actor, so the place it lies in is struck. Not when the thing struck is an actor
    itself ("X struck Hezbollah in Lebanon" names where the actor was), nor for a sense that takes
    no place ("fought X in Syria": no_fallback)."""
    things = [c for c in verb.children if c.dep_ == "dobj"]
    if is_passive(verb) and not stative(verb):
        things = _passive_subjects(verb)
    # a state's people killed ("killed nine Palestinians in Y") are no actor struck; "Hezbollah" is
    if not things or any((ctx.entity(t) and not ctx.demonym(t)) or t.pos_ == "PRON" for t in things):
        return []
    holders = [verb, *things, *(t for thing in things for t in phrase_nouns(thing)[1:])]
    found: list[str] = []
    water = ctx.words("water_body_words", "words")
    for place in (o for h in holders for p in ("in", "at") for o in pobjs(h, p)):
        if has_word(place.subtree, water):
            continue  # "struck tankers in the Black Sea": a sea is no place struck
        found += [e for e in noun_phrase_entities(ctx, place) if ctx.types.get(e) in ("Place", "State")
                  and e not in objects and e not in found]
    return found


def _verb_relation(ctx: Context, verb: Token, rule: Rule) -> str | None:
    weapons = ctx.words("weapon_heads")
    for given in [c for c in verb.children if c.dep_ == "dobj"] + pobjs(verb, "with"):
        # "provide support", "supply Y with funding", "supplies Y with training and money"; not
        # "supplies Y with money and rockets": weapons named among the things given are a supply
        nouns = [given, *given.conjuncts]
        turned = [rule.object_noun_relations[n.lemma_] for n in nouns if n.lemma_ in rule.object_noun_relations]
        if turned and not any(n.lemma_.lower() in weapons or n.lower_ in weapons
                              or ctx.types.get(ctx.entity(n) or "") == "WeaponSystem" for n in nouns):
            return turned[0]
    if rule.requires_word and not any(t.lower_ in rule.requires_word for t in verb.subtree):
        return None
    if rule.requires_object:
        # "sent a delegation" is no supply; "sent drones", "sent the Pantsir" are
        things = thing_given(verb)
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
        return any(t.lemma_ in rule.exclude_heads for o in objects for t in phrase_nouns(o))
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
    sense = sense_of(tok, rule)
    if relation is None or not verb_sense(ctx, tok, rule, sense, relation) or under_advocacy(tok, rule):
        return
    subjects = agent_entities(tok, ctx)
    if not subjects and "instrument" in rule.subjects:  # "Kenyan jets struck X"
        subjects = _instrument_agents(ctx, tok, rule)
    objects = _verb_objects(ctx, tok, rule)
    # "struck positions in Y"; a person who "assaulted activists in Y" commits a crime there, strikes no place
    if "struck_place" in rule.objects and not sense.get("no_fallback") and \
            any(ctx.types.get(s) != "Person" for s in subjects):
        objects += _struck_places(ctx, tok, objects)
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


def _acquirers(ctx: Context, noun: Token) -> list[str]:
    """Who makes an acquisition a noun names: "India's purchase of jets", "Indian imports of
    tanks", "the Polish acquisition of tanks"."""
    found: list[str] = []
    for child in (c for c in noun.children if c.i < noun.i):
        if child.dep_ == "poss":
            found += noun_phrase_entities(ctx, child)
        elif child.dep_ in ("amod", "compound") and (eid := ctx.entity(child) or ctx.demonym(child)):
            found.append(eid)
    return list(dict.fromkeys(found))


def receive_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    if tok.lemma_ not in rule.lemmas and tok.lower_ not in rule.lemmas:
        return
    if tok.pos_ == "NOUN":
        yield from _received_noun(ctx, tok, rule)
        return
    if tok.pos_ != "VERB":
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
        pronouns = [t for t in agent_tokens(tok, ctx) if t.pos_ == "PRON"]
        if pronouns:  # "warned Serbia that it should not buy Chinese jets": Serbia, the nearest
            receivers = [e for e in receivers if e in {_nearest_actor(ctx, p, tok) for p in pronouns}]
        yield Found(tuple(sources), relation, tuple(receivers), tok.i, modality(tok, ctx), rule.id,
                    items if relation == "supplies" else ())


def _received_noun(ctx: Context, noun: Token, rule: Rule) -> Iterator[Found]:
    """"India's purchase of jets from France": the noun of an acquisition, with its acquirer as
    possessor or demonym and its giver after "from"; a named weapon must be the thing acquired."""
    givers = [g for p in ("from",) for h in (noun, *pobjs(noun, "of")) for g in pobjs(h, p)]
    sources = list(dict.fromkeys(e for g in givers for e in noun_phrase_entities(ctx, g)))
    receivers = [e for e in _acquirers(ctx, noun) if e not in sources]
    exclude = {t.i for g in givers for t in g.subtree}
    items = items_under(ctx, noun, exclude | {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree})
    if sources and receivers and items:
        yield Found(tuple(sources), rule.relation, tuple(receivers), noun.i, modality(noun, ctx), rule.id, items)
