"""Discourse rules: what a sentence leaves unsaid and the sentences before it say.

A listing tied to the sanction that announced it: "The Treasury sanctioned X on Tuesday.
Y and Z were also designated." -- a sanction stated without its sanctioner, a few sentences
after one that names it, is that sanctioner's, and so are the members a listing is said to
include after it ("They include X and Y"). A title whose owner the text implies:
"President Erdogan said Turkey would ..." -- a bare title of state, the state the sentence names."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from .forms import Found
from .member_lists import LIST_MARKS
from .modality import modality
from .noun_phrases import noun_phrase_entities
from .syntax import Context, span_root

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .rules import Rule

# relations whose missing agent the claims just before may name, and how many sentences back
AGENT_FROM_BEFORE = {"sanctions": 6}


def announced_agents(found: Found, recent: Iterable[tuple[int, str, str, str]], index: int) -> Found | None:
    """``found`` with the agents of the nearest earlier claim of its relation, or None (its
    claims are named after the rule that found them, with "-announced").

    ``recent`` holds (sentence, subject, relation, modality) of the claims read so far in the
    article; only asserted ones count, and only those within the relation's reach."""
    reach = AGENT_FROM_BEFORE.get(found.relation)
    if reach is None or found.subjects or not found.objects or found.modality == "Negated":
        return None
    earlier = [(sentence, subject) for sentence, subject, relation, modality in recent
               if relation == found.relation and modality == "Asserted" and index - reach <= sentence < index]
    if not earlier:
        return None
    nearest = max(sentence for sentence, _ in earlier)
    subjects = tuple(dict.fromkeys(s for sentence, s in earlier if sentence == nearest))
    return replace(found, subjects=subjects)


def implied_owner(ctx: Context, title: Token, holders: list[str]) -> list[str]:
    """The state a bare title of state ("President Erdogan said Turkey ...", "Foreign Minister
    Jane Roe said Jordan would ...") belongs to when its own phrase names no owner: the state
    the person already serves in the article, else the one state the sentence names, by its
    name and as a subject ("Prime Minister X said Pakistan is ...", "Britain welcomed it, with
    Prime Minister X ..."). None when the sentence names a state otherwise too: a state acted on
    ("Prime Minister X called Israel ...", "visited Denmark") is most often another one, and
    "the Israeli army", "Israel's envoy" or "in Gaza" may belong to some other title or body."""
    if not _state_title(ctx, title) or len(holders) != 1 or ctx.types.get(holders[0]) != "Person":
        return []
    known = ctx.affiliation.get(holders[0])
    if known is not None:
        return [known] if ctx.types.get(known) == "State" else []
    sent = title.sent
    states: set[str] = set()
    for start, end, eid in ctx.mention_spans:
        if start < sent.start or start >= sent.end or ctx.types.get(eid) != "State":
            continue
        root = span_root(ctx.doc, start, end)
        if ctx.doc[start:end].text.lower() in ctx.catalog.by_demonym or root.dep_ not in SUBJECT_DEPS:
            return []  # "the Israeli army", "Israel's envoy", "in Gaza", "visited Morocco": not its own state
        states.add(eid)
    return sorted(states) if len(states) == 1 else []


def article_owner(ctx: Context, title: Token, holders: list[str]) -> list[str]:
    """The state of a bare title of state the sentence leaves open: the state the article is
    about ("Defence Minister Jane Roe told reporters ..." in a story on Ruritania's army). Not
    when the sentence names that state otherwise than as its subject: "Prime Minister X called
    Israel ..." in a story on Israel is most often another state's prime minister."""
    if not _state_title(ctx, title) or len(holders) != 1 or ctx.types.get(holders[0]) != "Person":
        return []
    if ctx.affiliation.get(holders[0]) is not None:
        return []  # the holder serves a body or group named earlier: ``implied_owner`` decided
    if _names_another_owner(ctx, title):
        return []
    home = article_state(ctx)
    if home is None:
        return []
    sent = title.sent
    for start, end, eid in ctx.mention_spans:
        if eid == home and sent.start <= start < sent.end and span_root(ctx.doc, start, end).dep_ not in SUBJECT_DEPS:
            return []
    return [home]


def known_office(ctx: Context, title: Token, holders: list[str]) -> list[str]:
    """The state a known person serves, for a bare title of state the sentence leaves open: a
    careful reader knows whose president "President X" is even in a story naming several states.
    The catalog says it (a person's ``state``); a person it does not know gets none. The state
    must be one the text names, as every end of a claim is an entity read in it."""
    if not _state_title(ctx, title) or len(holders) != 1 or ctx.types.get(holders[0]) != "Person":
        return []
    entry = ctx.catalog.entries.get(holders[0])
    state = entry.state if entry is not None else None
    return [state] if state is not None and ctx.types.get(state) == "State" else []


# how many times the article must name its own state, and how many times at most any other
HOME_STATE_MENTIONS = 3
OTHER_STATE_MENTIONS = 1


def article_state(ctx: Context) -> str | None:
    """The state an article is about: the one it names again and again while naming no other more
    than once ("Defence Minister Jane Roe" in a story on Ruritania's army is Ruritania's minister).
    None when a second state recurs: in a story of two states, or of one state and the powers
    that deal with it, a bare "President X" may be either's."""
    counts: dict[str, int] = {}
    for _start, _end, eid in ctx.mention_spans:
        if ctx.types.get(eid) == "State":
            counts[eid] = counts.get(eid, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < HOME_STATE_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[1][1] > OTHER_STATE_MENTIONS:
        return None
    return ranked[0][0]


def _names_another_owner(ctx: Context, title: Token) -> bool:
    """Whether the words before the title name an owner that is no state: "Gaza Health Minister X",
    "the province's governor X" hold a post of a place or a body, not of the article's state. The
    parser hangs such a word on the title or on the name after it; NER's ORG is no sign ("Defence")."""
    name = title.head if title.dep_ in ("compound", "amod", "nmod") else title
    for scope in {title.i: title, name.i: name}.values():
        for child in scope.children:
            if child.i >= title.i or child.dep_ not in ("poss", "compound", "nmod", "amod"):
                continue
            if child.dep_ == "poss" or ctx.entity(child) or child.ent_type_ in ("GPE", "LOC", "NORP", "FAC"):
                return True
    return False


SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _state_title(ctx: Context, title: Token) -> bool:
    """Whether a title is a post of a state's government ("president", "foreign minister",
    "secretary of state"); an envoy's is not, whose state is the one that sends them."""
    words = ctx.words("state_titles")
    if title.lemma_.lower() in ctx.words("envoy_titles"):
        return False
    doc = ctx.doc
    phrases = {title.lemma_.lower(), title.lower_}
    if title.i >= 1:
        phrases.add(f"{doc[title.i - 1].lower_} {title.lower_}")
    if title.i + 2 < len(doc) and doc[title.i + 1].lower_ == "of":
        phrases.add(f"{title.lower_} of {doc[title.i + 2].lower_}")
    return bool(phrases & words)


def listing_form(ctx: Context, tok: Token, rule: Rule) -> Iterator[Found]:
    """"They include X and Y", "The designations also include X", "Those sanctioned include X":
    the members of a listing, stated after it. Their sanctioner is the one that announced it
    (``announced_agents``), so what this finds has no agent of its own. The subject must be a
    pronoun or a noun of what a listing holds (``listing_subjects``: entities, individuals,
    designations ...), and name no actor itself ("NATO's members include X" is no listing)."""
    if tok.pos_ not in ("VERB", "AUX") or (tok.lemma_.lower() not in rule.lemmas and tok.lower_ not in rule.lemmas):
        return
    if tok.lemma_ == "be":
        yield from _listed_are(ctx, tok, rule)
        return
    nouns = ctx.words("listing_subjects")
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        return
    subject = subjects[0]
    if not (subject.lower_ in ("they", "these", "those") or subject.lemma_.lower() in nouns or subject.lower_ in nouns):
        return
    if any(ctx.entity(t) for t in subject.subtree):
        return
    objects = listed_members(ctx, tok) if any(o.dep_ == "dobj" for o in tok.children) else []
    objects = [e for e in dict.fromkeys(objects) if ctx.types.get(e) != "Place"]
    if objects or any(t.i > tok.i and t.text in LIST_MARKS for t in tok.sent):
        # "Those listed include the two leaders of X – A and B": the members after the mark (``member_lists``)
        yield Found((), rule.relation, tuple(objects), tok.i, modality(tok, ctx), rule.id)


def listed_members(ctx: Context, verb: Token) -> list[str]:
    """The members a listing's verb names after it: its object's entities, and the names a
    parse of a long list hangs elsewhere in it ("the Commander of the Guard A, Director of the
    Service B and C", "units of A, B and C"): when the list names people, each person outside
    its clauses; else each name of the class of the ones its head names. A clause on a member
    ("A, who ran X") names no member."""
    found = [e for o in verb.children if o.dep_ == "dobj" for e in noun_phrase_entities(ctx, o)]
    # the verb's object and what the parser hangs on the verb beside it, not its adverbials
    # ("according to the ministry") nor its clauses
    inside = {t.i for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "conj", "appos", "npadvmod", "dep")
              for t in c.subtree}
    for t in verb.subtree:
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp", "parataxis") and t.i > verb.i:
            inside -= {x.i for x in t.subtree}
    named = [e for i in sorted(inside) if (e := ctx.entity(ctx.doc[i])) and _member_name(ctx, ctx.doc[i], e)]
    people = [e for e in dict.fromkeys(named) if ctx.types.get(e) == "Person"]
    if people:
        return people
    classes = {ctx.types.get(e) for e in found}
    return list(dict.fromkeys(found + [e for e in named if ctx.types.get(e) in classes]))


def _member_name(ctx: Context, tok: Token, eid: str) -> bool:
    """Whether a name's head word stands as a member of a list: not a pronoun, not a possessor or
    a demonym, not the body a title is of ("Commander of X's Guard", "head of Acme")."""
    if ctx.entity(tok.head) == eid and tok.head.i != tok.i or tok.i in ctx.indirect:
        return False
    if tok.dep_ in ("poss", "amod") or any(c.dep_ == "case" for c in tok.children):
        return False  # "X's guard", even when the parser makes X the object of "of"
    # "the head of Acme" names Acme's post; "the commander of the guard A" names A
    return ctx.types.get(eid) == "Person" or not (tok.dep_ == "pobj" and tok.head.lower_ == "of")


def _listing_noun(ctx: Context, noun: Token) -> bool:
    """A noun of what a listing holds, said to be listed by a participle of its own ("the groups
    designated as terrorists", "the listed entities", "the individuals being listed"), naming
    no actor itself."""
    if noun.lemma_.lower() not in ctx.words("listing_subjects") and noun.lower_ not in ctx.words("member_nouns") \
            and noun.lower_ not in ("those", "these"):
        return False
    participles = [c for c in noun.children if c.dep_ in ("acl", "amod") and c.lower_ in ctx.words("listing_participles")]
    # "those on the sanctions list", "the entities on the blacklist": the list says they are listed
    participles += [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "on"
                    and any(g.lemma_ in ("list", "blacklist") and any(m.lemma_ in ("sanction", "terror", "terrorist")
                                                                       or g.lemma_ == "blacklist" for m in (g, *g.children))
                            for g in c.children if g.dep_ == "pobj")]
    if not participles:
        return False
    inside = {t.i for p in participles for t in p.subtree}
    return not any(ctx.entity(t) for t in noun.subtree if t.i not in inside)


def _listed_are(ctx: Context, verb: Token, rule: Rule) -> Iterator[Found]:
    """"The groups designated as terrorists were X, Y and Z", "The listed entities are X and Y",
    "Among the individuals being listed is X": a listing's members named by "be". Without a
    participle of listing on the noun ("The officials are X") nothing is said of a listing."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    among = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"
             for g in c.children if g.dep_ == "pobj"]
    if any(_listing_noun(ctx, n) for n in among):
        members = subjects
    elif len(subjects) == 1 and _listing_noun(ctx, subjects[0]):
        # "... are X, a group, and Y": the parser may hang Y on the verb
        members = [c for c in verb.children if c.dep_ == "attr" or (c.dep_ == "conj" and ctx.entity(c))]
    else:
        return
    objects = [e for m in members for e in noun_phrase_entities(ctx, m)]
    objects = [e for e in dict.fromkeys(objects) if ctx.types.get(e) != "Place"]
    if objects:
        yield Found((), rule.relation, tuple(objects), verb.i, modality(verb, ctx), rule.id)
