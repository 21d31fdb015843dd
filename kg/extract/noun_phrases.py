"""Noun phrases and titles: which entities a noun phrase names (names, pronouns, demonyms and
other modifiers, "the X government", "groups such as", relative clauses, joint agents),
and whom a speaker's title says they speak for.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .antecedents import previous_entity
from .syntax import MODIFIER_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, Context, pobjs

if TYPE_CHECKING:
    from spacy.tokens import Token


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
    if word in PLURAL_SUBJECTS and tok.dep_ in ("nsubj", "nsubjpass"):
        every = _governing_subject(ctx, tok, classes, every=True)
        if len(every) > 1:  # "France, Germany and Britain said they would ...": all three
            return every
    found = _clause_subject(ctx, tok, classes) or previous_entity(ctx, tok, classes)
    return [found] if found else []


PLURAL_SUBJECTS = frozenset({"they"})


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


def _governing_subject(ctx: Context, tok: Token, classes: tuple[str, ...], every: bool = False):
    """"Iran denied that it supplies ...": a subject pronoun in a reported clause
    first means the subject of the clause that reports it. With ``every``, all the actors of
    that subject, its conjuncts too (a list; "France and Britain said they ...")."""
    for verb in list(tok.ancestors)[1:]:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < tok.i and c.pos_ != "PRON"):
            named = noun_phrase_entities(ctx, subject, conjuncts=every)
            # "the EU's top diplomat says he will ...": a role noun stands for whom it serves
            fits = [e for e in named if ctx.types.get(e) in classes or not ctx.entity(subject)]
            if fits:
                return fits if every else fits[0]
    return [] if every else None


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


def such_as(ctx: Context, tok: Token) -> list[str]:
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


def _appositive_names(ctx: Context, tok: Token) -> list[str]:
    """The entities a noun's apposition names, each of its conjuncts too: "two groups, A and B"
    (the parser hangs B on A)."""
    for child in tok.children:
        if child.dep_ == "appos" and ctx.entity(child):
            found = [ctx.entity(child)]
            found += [e for e in (ctx.entity(c) for c in child.conjuncts) if e and e not in found]
            return found
    return []


COUNTRY_NOUNS = frozenset({"country", "nation"})


def _persons_state(ctx: Context, pronoun: Token) -> list[str]:
    """"his country", "her nation": the state of the person the pronoun means, by what the text
    said of them before (a title or post), by the title their name carries here, or by the catalog."""
    person = next(iter(_pronoun(ctx, pronoun)), None)
    if person is None:
        return []
    state = ctx.affiliation.get(person)
    if ctx.types.get(state or "") != "State":
        named = [end - 1 for start, end, e in ctx.mention_spans if e == person and start < pronoun.i]
        state = title_owner(ctx, ctx.doc[named[-1]]) if named else None
    if ctx.types.get(state or "") != "State":
        entry = ctx.catalog.entries.get(person)
        state = entry.state if entry is not None else None
    return [state] if state is not None and ctx.types.get(state) == "State" else []


def _last_two_states(ctx: Context, tok: Token) -> list[str]:
    """"the two countries", "both nations", "our two countries": the last two states named before,
    in this sentence or the one before it; none when a third is named among them (which two?)."""
    sent = tok.sent
    start = sent.start if sent.start == 0 else ctx.doc[sent.start - 1].sent.start
    states = [e for s, _e, e in ctx.mention_spans if start <= s < tok.i and ctx.types.get(e) == "State"]
    distinct = list(dict.fromkeys(reversed(states)))
    return distinct[:2] if len(distinct) == 2 else []


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
    named = _appositive_names(ctx, tok)
    if named:
        return named
    if tok.lemma_.lower() in COUNTRY_NOUNS:
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        if owner is not None:
            return _persons_state(ctx, owner)
        if tok.tag_ == "NNS" and any(c.lower_ in ("two", "both") for c in tok.children):
            return _last_two_states(ctx, tok)
    if tok.pos_ == "NUM":  # "three of the groups, namely A, B and C": the ones the partitive names
        named = [e for whole in pobjs(tok, "of") for e in _appositive_names(ctx, whole)]
        if named:
            return list(dict.fromkeys(named))
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
        examples = such_as(ctx, tok)
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
        for conj in [*tok.conjuncts, *_listed(tok, ctx)]:
            found += [e for e in _head_entities(ctx, conj) if e not in found]
        # "several officials, including X and Y": the members named are the phrase's too
        found += [e for e in such_as(ctx, tok) if e not in found]
    return [e for e in found if ctx.types.get(e) != "WeaponSystem"]


def _listed(tok: Token, ctx: Context | None = None) -> list[Token]:
    """"The UK, the Coalition and Iraq" parsed as the UK with an apposition "the Coalition and
    Iraq": an apposition that is itself a coordination with "and" is the rest of a list of names."""
    found = []
    for appos in (c for c in tok.children if c.dep_ == "appos" and c.i > tok.i):
        if any(c.dep_ == "cc" and c.lower_ == "and" for c in appos.children) and appos.conjuncts:
            found += [appos, *appos.conjuncts]
        elif ctx is not None and _another_state(ctx, tok, appos):
            # "Britain, Australia, Canada and Norway": the rest of the list hangs on the second name
            found += [appos, *(c for c in appos.conjuncts if _another_state(ctx, tok, c))]
    return found


def _another_state(ctx: Context, tok: Token, appos: Token) -> bool:
    """"The U.S., Canada, most countries in Latin America and ... have backed X": one state is
    never another's apposition, so a state set off after a state is the next name of a list."""
    first, other = ctx.entity(tok), ctx.entity(appos)
    return bool(first and other and first != other and ctx.types.get(first) == ctx.types.get(other) == "State")


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
