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
    body_offset: int = 0  # where the body starts in the parsed text (after the headline)
    voice: dict[int, str | None] = field(default_factory=dict)  # sentence start -> whom "we" means there
    affiliation: dict[str, str] = field(default_factory=dict)  # person -> state, body or group they serve

    def entity(self, tok: Token) -> str | None:
        return self.entity_at.get(tok.i)

    def demonym(self, tok: Token) -> str | None:
        return self.catalog.by_demonym.get(tok.lower_) if tok.pos_ in ("ADJ", "PROPN", "NOUN") else None

    def words(self, *keys: str) -> frozenset[str]:
        return self.rules.words(*keys)


def span_root(doc: Doc, start: int, end: int) -> Token:
    """The token of a span whose head lies outside it."""
    return next((t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i), doc[end - 1])


# prepositions that make a name the place where something happens ("the attacks in Paris")
PLACE_PREPOSITIONS = ("in", "near", "outside", "inside", "around", "across", "throughout", "within")
PLACE_RANK = 1  # salience of a name in a place phrase: the weakest antecedent that still counts


def in_place_phrase(tok: Token) -> bool:
    """Whether a name stands where an event happened: "in Paris", "near Damascus", or "at"
    after an event noun ("the massacre at Homs"; "fired at Israel" names a target)."""
    if tok.dep_ != "pobj":
        return False
    preposition = tok.head
    return preposition.lower_ in PLACE_PREPOSITIONS or \
        (preposition.lower_ == "at" and preposition.head.pos_ in ("NOUN", "PROPN"))


def salience(doc: Doc, start: int, end: int, stand_ins: frozenset[str]) -> int:
    """How prominent a mention is as an antecedent: 4 the main clause's subject, 3 another
    subject, 2 another argument, 1 a place where something happened ("the attacks in Paris"),
    0 a modifier of some other noun ("the Lebanon border", "the Russia-Ukraine war"). A modifier
    of a noun that stands for its owner ("US officials", "Israeli forces") takes that noun's place."""
    tok = span_root(doc, start, end)
    while tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i:
        if tok.head.lemma_ not in stand_ins and tok.head.lower_ not in stand_ins:
            return 0
        tok = tok.head
    while tok.dep_ in ("appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    if in_place_phrase(tok):
        return PLACE_RANK
    if tok.dep_ not in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS:
        return 2
    return 4 if tok.head.dep_ == "ROOT" else 3


def _agreement(ctx: Context, pronoun: Token, root: Token, kind: str | None) -> int:
    """How well a pronoun's number fits: "they" and "their" best a plural or a group ("Hamas
    said they"), less well a state ("if they keep sending arms", said of a government);
    "it" and "its" anything but a common plural ("drones"). 0 when it does not fit."""
    if pronoun.lower_ in ctx.rules.lexicon["headless_subject_pronouns"].get("plural", ()):
        if root.tag_ in ("NNS", "NNPS") or kind in ("ArmedGroup", "Organization", "GovernmentBody"):
            return 2
        return 1 if kind == "State" else 0
    return 2 if root.tag_ != "NNS" else 0


def _sentence_starts(doc: Doc, tok: Token, back: int) -> int:
    """The first token of the sentence ``back`` sentences before ``tok``'s."""
    start = tok.sent.start
    for _ in range(back):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def _previous_entity(ctx: Context, tok: Token, classes: tuple[str, ...]) -> str | None:
    """What a pronoun refers to when its own clause does not say: the most prominent thing
    named just before it (in its sentence or the one before), a later sentence before an
    earlier one, a subject before an object; never a mere modifier of another noun. When that
    is a weapon, the pronoun means the weapon ("their range"), and no actor."""
    # a person is often named once and then "he" for paragraphs; a thing or group is not
    since = 0 if classes == ("Person",) else _sentence_starts(ctx.doc, tok, 1)
    stand_ins = ctx.words("generic_actor_nouns")
    best = None
    for start, end, eid in ctx.mention_spans:
        if start >= tok.i:
            break
        kind = ctx.types.get(eid)
        if start < since or (kind not in classes and kind != "WeaponSystem"):
            continue
        rank = salience(ctx.doc, start, end, stand_ins)
        fit = _agreement(ctx, tok, span_root(ctx.doc, start, end), kind) if kind != "Person" else 2
        if rank and fit:
            # a place where something happened yields to any actor named in the reach
            key = (rank > PLACE_RANK, ctx.doc[start].sent.start, fit, rank, start)
            if best is None or key > best[0]:
                best = (key, start, end, eid)
    if best is None or ctx.types.get(best[3]) not in classes:
        return None
    if not best[0][0] and _nearer_noun_phrase(ctx, tok, best[2]):
        return None  # "the attacks in Paris stiffened the resolve of the community in its ...": not Paris
    if any(ctx.entity(c) for t in ctx.doc[best[1]:best[2]] for c in t.conjuncts):
        return None
    return best[3]


def _nearer_noun_phrase(ctx: Context, pronoun: Token, after: int) -> bool:
    """Whether a common noun phrase that could be the pronoun's antecedent (an argument, not a
    modifier nor a place, agreeing in number) stands between token ``after`` and the pronoun."""
    for tok in ctx.doc[after:pronoun.i]:
        if tok.pos_ != "NOUN" or ctx.entity(tok) or tok.dep_ not in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS + (
                "dobj", "pobj", "attr", "appos") or in_place_phrase(tok):
            continue
        if _agreement(ctx, pronoun, tok, None):
            return True
    return False


def _pronoun(ctx: Context, tok: Token) -> list[str]:
    pronouns = ctx.rules.lexicon["headless_subject_pronouns"]
    word = tok.lower_
    if word in pronouns["first"]:
        if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
            return []  # "ordered us to leave": the speaker's people, not an actor
        speaker = ctx.voice.get(tok.sent.start)
        return [speaker] if speaker else []
    if word in pronouns["person"]:
        classes: tuple[str, ...] = ("Person",)
    elif word in pronouns["group"]:
        classes = ("State", "GovernmentBody", "ArmedGroup", "Organization")
    else:
        return []
    found = _clause_subject(ctx, tok, classes) or _previous_entity(ctx, tok, classes)
    return [found] if found else []


SPEAKING_FOR = ("State", "GovernmentBody", "ArmedGroup", "Organization")
TITLE_DEPS = ("compound", "amod", "nmod", "poss", "appos", "prep", "pobj")


def title_owner(ctx: Context, name: Token) -> str | None:
    """The state, body or group a person's title names: "US Defense Secretary Lloyd Austin",
    "Austin, the Pentagon chief", "a spokesman for Hamas, Abu Obeida"; the nearest first."""
    seen, stack, found = {name.i}, [c for c in name.children if c.dep_ in TITLE_DEPS], []
    if name.dep_ == "appos":
        stack.append(name.head)
    while stack:
        tok = stack.pop()
        if tok.i in seen or tok.dep_ == "prep" and tok.lower_ not in ("of", "for", "at"):
            continue
        seen.add(tok.i)
        eid = ctx.entity(tok) or ctx.demonym(tok)
        if eid and ctx.types.get(eid) in SPEAKING_FOR:
            found.append((abs(tok.i - name.i), eid))
        elif not eid or ctx.types.get(eid) != "Person":
            stack += [c for c in tok.children if c.dep_ in TITLE_DEPS]
    return min(found)[1] if found else None


def speaks_for(ctx: Context, speaker: str | None, name: Token | None) -> str | None:
    """Whom a speaker's "we" and "our" mean: an official's state or body, a group itself;
    a person whose office is unknown, no one."""
    if speaker is None or ctx.types.get(speaker) != "Person":
        return speaker
    owner = title_owner(ctx, name) if name is not None else None
    if owner is not None:
        ctx.affiliation.setdefault(speaker, owner)
    return owner or ctx.affiliation.get(speaker)


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
            candidates = [c for c in verb.children if c.dep_ in deps]
            if deps == ("dobj",) and _said_as_cause(tok, verb):  # "sanctions on Iran over its attack"
                candidates += [g for c in candidates for p in c.children if p.dep_ == "prep"
                               and p.lower_ in ("on", "against") for g in p.children if g.dep_ == "pobj"]
            found = _entity_among(ctx, candidates, classes, tok.i)
            if found:
                return found
    return None


CAUSE_WORDS = frozenset({"over", "for", "response", "retaliation", "because", "punishment", "reprisal"})


def _said_as_cause(tok: Token, verb: Token) -> bool:
    """Whether the pronoun's phrase gives the act's cause ("over its attack", "in response to its
    strikes"): then it is whom the act is aimed at; "since its war began" is only a time."""
    for ancestor in tok.ancestors:
        if ancestor.i == verb.i:
            return False
        if ancestor.lower_ in CAUSE_WORDS:
            return True
    return False


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


# "the Biden administration", "the Asad regime": a leader's name on these nouns names the state's
# government, never the person.
GOVERNMENT_NOUNS = frozenset({"administration", "regime", "government", "cabinet", "junta"})


def government_names(leader: str, noun: str) -> list[str]:
    """The names a catalog may give a leader's government: "Joe Biden administration", "Biden administration"."""
    return [f"{leader} {noun}", f"{leader.split()[-1]} {noun}"]


def _governed_state(ctx: Context, noun: Token, eid: str) -> str | None:
    """The state a leader's government is: "Prime Minister X's government", "the administration of
    US President Y" act as the state their title names, or as the one the catalog gives "Y
    administration"; a person's name on a government is never the government itself."""
    if ctx.types.get(eid) != "Person":
        return None
    for t in noun.subtree:  # the title's state: "Israeli Prime Minister", "United States President"
        state = ctx.entity(t) or ctx.demonym(t)
        if state and state != eid and ctx.types.get(state) == "State":
            return state
    label = ctx.catalog.entries[eid].label if eid in ctx.catalog.entries else eid.replace("-", " ")
    known = next((k for k in map(ctx.catalog.lookup, government_names(label, noun.lower_)) if k), None)
    return known if known in ctx.types else None  # only an entity the article names


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


def _who_antecedent(ctx: Context, noun: Token) -> Token:
    """"forces operating in the north of the country who lead ...": "who" means a person or group,
    so a place the parser hung it on passes it to the nearest noun above that can be one, up
    the chain of phrases that place sits in; else the place stays."""
    if not _is_place(ctx, noun):
        return noun
    tok = noun
    while tok.dep_ in ("pobj", "prep", "acl") and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN") and _can_be_animate(ctx, tok):
            return tok
    return noun


def _is_place(ctx: Context, noun: Token) -> bool:
    """A place named, a place noun, or what one is part of ("the north of the country")."""
    eid = ctx.entity(noun)
    if eid:
        return ctx.types.get(eid) == "Place"
    words = ctx.words("place_nouns", "words")
    if noun.lemma_.lower() in words or noun.lower_ in words:
        return True
    owner = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    return owner is not None and (owner.lemma_.lower() in words or owner.lower_ in words)


def _can_be_animate(ctx: Context, noun: Token) -> bool:
    """An actor named, or a noun of people or forces ("troops", "the group")."""
    eid = ctx.entity(noun)
    if eid:
        return ctx.types.get(eid) not in ("Place", "WeaponSystem")
    words = ctx.words("generic_actor_nouns") | ctx.words("org_type_nouns") | ctx.words("collective_nouns")
    return noun.lemma_.lower() in words or noun.lower_ in words or ctx.demonym(noun) is not None


def _head_entities(ctx: Context, tok: Token) -> list[str]:
    eid = ctx.entity(tok)
    if eid:
        return [eid]
    if tok.pos_ == "PRON" or tok.lower_ == "whose":
        if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
            described = tok.head.head
            if tok.lower_ == "who":
                described = _who_antecedent(ctx, described)
            return noun_phrase_entities(ctx, described, conjuncts=False)
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
        found = _modifier_entities(ctx, tok, demonyms=True) or _users(ctx, tok)
        if tok.lower_ in GOVERNMENT_NOUNS:
            found = [_governed_state(ctx, tok, e) or e for e in found]
        return found
    joint = joint_agents(ctx, tok)
    if joint:
        return joint
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
        for conj in [*tok.conjuncts, *_listed(tok)]:
            found += [e for e in _head_entities(ctx, conj) if e not in found]
        # "several officials, including X and Y": the members named are the phrase's too
        found += [e for e in _such_as(ctx, tok) if e not in found]
    return [e for e in found if ctx.types.get(e) != "WeaponSystem"]


def _listed(tok: Token) -> list[Token]:
    """"The UK, the Coalition and Iraq" parsed as the UK with an apposition "the Coalition and
    Iraq": an apposition that is itself a coordination with "and" is the rest of a list of names."""
    found = []
    for appos in (c for c in tok.children if c.dep_ == "appos" and c.i > tok.i):
        if any(c.dep_ == "cc" and c.lower_ == "and" for c in appos.children) and appos.conjuncts:
            found += [appos, *appos.conjuncts]
    return found


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


def joint_agents(ctx: Context, noun: Token) -> list[str]:
    """The actors a joint undertaking names by a hyphenated pair: "the Kenya-Somalia
    partnership", "a U.S.-Iraq alliance" (both); a war or a border so named is no one's act."""
    if noun.lemma_ not in ctx.words("joint_agent_nouns", "words") and noun.lower_ not in ctx.words(
            "joint_agent_nouns", "words"):
        return []
    for modifier in (c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i):
        pair = _hyphen_pair_entities(ctx, modifier)
        if len(pair) == 2:
            return pair
    return []


def _hyphen_pair_entities(ctx: Context, tok: Token) -> list[str]:
    """The two actors of "A-B", written as three tokens or as one the tokenizer kept whole
    ("U.S.-Iraq"); each must be an actor the article names."""
    doc = ctx.doc
    if tok.i >= 2 and doc[tok.i - 1].text in ("-", "–"):
        sides = [doc[tok.i - 2], tok]
        found = [ctx.entity(t) or ctx.demonym(t) for t in sides]
    elif "-" in tok.text.strip("-"):
        found = [ctx.catalog.lookup(part) for part in tok.text.split("-", 1)]
    else:
        return []
    actors = ("State", "GovernmentBody", "ArmedGroup", "Organization")
    if None in found or found[0] == found[1] or any(ctx.types.get(e) not in actors for e in found):
        return []
    return list(found)


def _bare_infinitive(verb: Token) -> bool:
    """"to defeat X" with no subject or relative pronoun of its own."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) and \
        not any(c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS for c in verb.children)


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
        if tok.dep_ == "relcl" and _bare_infinitive(tok):
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
    while _shares_head(tok):
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


def _shares_head(conj: Token) -> bool:
    """Whether a coordinated verb shares the cues of the verb it is coordinated with:
    "is preparing to arm X and (to) supply Y" does, "did not arm X but supplied Y" does
    not (a verb with its own tense, auxiliary or subject is a clause of its own)."""
    head = conj.head
    if conj.dep_ != "conj" or conj.pos_ != "VERB" or head.pos_ != "VERB" or conj.tag_ != head.tag_:
        return False
    return not any(c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS + ("aux", "auxpass", "neg") for c in conj.children)


def _chain(tok: Token) -> list[Token]:
    """``tok`` and the verbs and adjectives that govern it by control."""
    chain = [tok]
    while True:
        if _shares_head(tok):
            tok = tok.head
        elif tok.dep_ in ("xcomp", "acomp", "acl", "pcomp", "pobj", "prep", "dobj") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
        chain.append(tok)
        # an infinitive on a noun goes on to it, reached by coordination as when read first:
        # "degrade X's ability to defend A and launch attacks on B"
        if tok.pos_ == "VERB" and tok.dep_ not in ("xcomp", "acomp", "pcomp", "conj") and \
                not (tok.dep_ == "acl" and _bare_infinitive(tok)):
            break
    return chain


def _reported_clause(chain: list[Token]) -> Token | None:
    """The complement clause that holds the trigger: "denied (that) it supplied",
    "believes X is arming", "vowed it would impose"; its head verb is the reporting verb."""
    top = chain[-1]
    while _shares_head(top):
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
    """A noun promised or threatened: "vowed sanctions", "threatened Y with sanctions"."""
    head = tok
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in ("with", "of"):
        head = head.head
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
