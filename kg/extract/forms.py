"""The syntactic forms relation rules are written in: what a form finds (``Found``), the pieces
every form uses, and the small forms: compound ("Iran-backed", "Iranian-made drones used by X"),
under ("at the direction of") and pair ("clashes between X and Y").

A frame of ``frames.jsonl`` compiles into a verb rule and a noun rule, matched by
``verb_forms`` (with receive) and ``noun_forms``, which handle once for every frame
light verbs, passives, participles and the paths to each role; whether a trigger is
used in the sense its frame means is ``senses``. Each form reads one trigger token
and yields what it found.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .agents import agent_entities, agent_tokens
from .modality import modality
from .noun_phrases import appos_antecedent, described_entities, noun_phrase_entities
from .syntax import Context, is_passive, pobjs, verb_in

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
    via: str | None = None  # the discourse rule that completed it ("implied-owner"), named in its claims' rule


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


def stray_object(verb: Token) -> list[Token]:
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


def phrase_nouns(noun: Token) -> list[Token]:
    """The nouns of a noun phrase, through "of" and coordination, not into clauses."""
    found, stack = [], [noun]
    while stack:
        tok = stack.pop()
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            found.append(tok)
        stack += [c for c in tok.children if c.dep_ in ("conj", "pobj") or (c.dep_ == "prep" and c.lower_ == "of")
                  or (c.dep_ == "amod" and c.pos_ == "NOUN")]  # "worth of bombs ... to Israel"
    return found


def thing_given(verb: Token) -> list[Token]:
    """The nouns naming what a verb hands over: its object, "with" object, or the noun it modifies."""
    things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    things += pobjs(verb, "with")
    things += [g for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP" for g in c.children
               if g.dep_ == "appos"]
    if verb.dep_ == "acl":
        things.append(verb.head)
    return [t for thing in things for t in phrase_nouns(thing)]


def sense_of(tok: Token, rule: Rule) -> dict:
    """The conditions of the sense ``rule`` means for the trigger ``tok``."""
    return {**rule.senses.get("*", {}), **rule.senses.get(tok.lemma_.lower(), rule.senses.get(tok.lower_, {}))}


def under_advocacy(tok: Token, rule: Rule) -> bool:
    """Whether the trigger is what someone calls on another to do ("urged the EU to sanction
    Russia", "called for sanctions on Russia", "ignored calls to align with the EU"): then neither
    side threatens, imposes or makes it."""
    if not rule.not_under:
        return False
    to = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is not None and to.i > 0 and (before := tok.doc[to.i - 1]).pos_ == "NOUN" and \
            before.lemma_.lower() in rule.not_under:
        return True  # "ignored calls to align with Y", however the parser hangs the infinitive
    below = tok
    for ancestor in (tok, *tok.ancestors):
        # a noun of advocacy governs the act as its infinitive: "calls to align", "demands to sanction"
        advocating = ancestor.pos_ in ("VERB", "AUX") or (ancestor.pos_ == "NOUN" and below.dep_ == "acl")
        if ancestor.i != tok.i and advocating and \
                (ancestor.lemma_.lower() in rule.not_under or ancestor.lower_ in rule.not_under):
            return True
        below = ancestor
        if ancestor.dep_ not in ("xcomp", "ccomp", "pobj", "prep", "dobj", "pcomp", "compound", "conj", "acl"):
            return False
    return False


def phrase_head(noun: Token) -> Token:
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
    return noun


def light_verb(ctx: Context, noun: Token) -> Token | None:
    """The verb a trigger noun is the object of: "launched strikes", "carried out dozens of strikes"."""
    head = phrase_head(noun)
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_ in ctx.words("quantity_nouns"):
        head = head.head.head
    enacting = ctx.rules.lexicon["enacting_nouns"]
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in enacting["nouns"] and \
            head.head.head.dep_ in ("dobj", "nsubjpass") and \
            verb_in(head.head.head.head, ctx.words("light_verbs") | frozenset(enacting["verbs"])):
        return head.head.head.head  # "triggered the reimposition of sanctions": who triggers imposes them
    if head.dep_ == "pobj" and head.head.lower_ in ("of", "with") and verb_in(head.head.head, ctx.words("light_verbs")):
        return head.head.head  # "warned of sanctions", "threatened Russia with sanctions"
    if head.dep_ == "pobj" and head.head.lower_ == "in" and verb_in(head.head.head, ctx.words("light_verbs_in")):
        return head.head.head  # "engaged in clashes", "took part in the offensive"
    if head.dep_ == "pobj" and head.head.lower_ == "on" and verb_in(head.head.head, ctx.words("light_verbs_on")):
        return head.head.head  # "agreed on sanctions against Y"
    if head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "to") and head.head.head.pos_ in ("AUX", "VERB") \
            and head.head.head.lemma_ in ctx.words("being_in_verbs"):
        return head.head.head  # "has been in a civil war with Y", "is at war with Y", "went to war with Y"
    light = ctx.words("light_verbs") | ctx.words("receiving_light_verbs")
    if head.dep_ in ("dobj", "nsubjpass") and verb_in(head.head, light):
        return head.head
    return None


def event_by_agents(noun: Token, verb: Token | None) -> list[Token]:
    """The "by" objects naming the agent of an event noun: "the offensive by Malian troops", also
    when the parser hangs the phrase right after the noun on the active verb that takes it."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    holders = [noun] + ([verb] if verb is not None and after is not None and after.lower_ == "by"
                        and after.head.i == verb.i and not is_passive(verb) else [])
    return [o for h in holders for o in pobjs(h, "by")]


def compound_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    """"Iran-backed militia": the word after a hyphen, a name before it."""
    actor = _hyphened_actor(ctx, tok, rule)
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
    if noun.dep_ == "appos" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        # "X, a U.S.-designated Foreign Terrorist Organization": the indefinite noun describes X, even named
        targets = noun_phrase_entities(ctx, appos_antecedent(noun, ctx))
    else:
        targets = described_entities(ctx, noun) or _name_after_modifiers(ctx, tok)
    pair = ((actor,), tuple(targets)) if rule.direction == "forward" else (tuple(targets), (actor,))
    yield Found(pair[0], rule.relation, pair[1], tok.i, "Asserted", rule.id)


def _hyphened_actor(ctx: Context, tok: Token, rule: Rule) -> str | None:
    """The actor named before the hyphen of a compound rule's word: "Iran" of "Iran", "-",
    "backed"; also of one token the tokenizer kept whole after an abbreviation ("U.S.-backed",
    "U.N.-designated"), a catalog name the article names."""
    doc = ctx.doc
    if tok.lower_ in rule.words and tok.i >= 2 and doc[tok.i - 1].text in ("-", "–"):
        return ctx.entity(doc[tok.i - 2]) or ctx.demonym(doc[tok.i - 2])
    compound = ctx.catalog.abbreviated_compound(tok.text)
    if compound is None or compound[1].lower() not in rule.words:
        return None
    return compound[0] if compound[0] in ctx.types else None


# what may stand between a hyphened modifier and the name it describes: "Iran-aligned Iraqi armed
# group X", "Iranian-backed Houthi-based fighters" (a second hyphened modifier)
_BETWEEN_MODIFIER_AND_NAME = ("ADJ", "VERB", "NOUN", "PUNCT")


def _name_after_modifiers(ctx: Context, tok: Token) -> list[str]:
    """The actor named right after a hyphened modifier when the parser hangs the modifier on
    another word ("Iran-aligned Iraqi armed group X" parsed as a compound of X, "Iranian-backed
    Houthi-based fighters", "the Iran-backed Houthis fired" parsed with "fired" as the head)."""
    doc, i = ctx.doc, tok.i + 1
    while i < len(doc) and i <= tok.i + 4 and not ctx.entity(doc[i]):
        if doc[i].pos_ not in _BETWEEN_MODIFIER_AND_NAME or doc[i].text in (",", ".", ";", ":"):
            return []
        if doc[i].pos_ == "VERB" and doc[i - 1].text not in ("-", "–"):
            return []  # "Iran-backed militias attacked X": a verb of the clause, not a modifier
        i += 1
    eid = ctx.entity(doc[i]) if i < len(doc) else None
    return [eid] if eid and ctx.types.get(eid) in ("State", "ArmedGroup", "Organization", "GovernmentBody") else []


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
    if not _command_sense(ctx, tok, governed, sense_of(tok, rule)):
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
