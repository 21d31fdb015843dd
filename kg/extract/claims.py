"""Claims: who does what to whom, by which sentence, how surely, said by whom.

The frames of ``ontology/rules/frames.jsonl`` compile into verb and noun rules,
and each rule of ``ontology/rules/relations.jsonl`` names another syntactic form
(``kg.extract.forms``, ``kg.extract.roles``); this module runs them over every
sentence, checks the ends against the ontology and adds attribution.
"""
from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from .loose import loose_claims
from .member_lists import with_counted_members, with_listed_members
from ..limits import LONGEST_SENTENCE
from ..model import Claim
from .discourse import announced_agents, listing_form
from .forms import Found, compound_form, items_under, under_form
from .members import members_form
from .nlp import body_offset
from .noun_forms import noun_form
from .noun_phrases import noun_phrase_entities, speaks_for
from .pair_forms import pair_form
from .parsed import is_parsed
from .quotes import opens_paragraph, quotations
from .roles import relnoun_form
from .rules import FILLED_FROM_NEIGHBOUR
from .syntax import Context
from .verb_forms import receive_form, verb_form

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..model import Document
    from ..ontology import Ontology
    from .rules import Rule

logger = logging.getLogger(__name__)
ANNOUNCING_CLASSES = ("State", "GovernmentBody", "Organization")  # who may announce an act whose targets come later

FORMS = {
    "verb": verb_form,
    "receive": receive_form,
    "noun": noun_form,
    "compound": compound_form,
    "relnoun": relnoun_form,
    "under": under_form,
    "pair": pair_form,
    "listing": listing_form,
    "members": members_form,
}


def _attribution(ctx: Context, sent: Span, speakers: frozenset[str]) -> tuple[str | None, str | None, Token | None]:
    """Who the sentence quotes (a speaker, of one of the classes ``speakers``), which outlet
    it credits, and the word naming the speaker."""
    verbs = ctx.words("attribution", "verbs")
    speaker = outlet = name = None
    for tok in sorted(sent, key=lambda t: len(list(t.ancestors))):
        sources: list[Token] = []
        if tok.pos_ == "VERB" and tok.lemma_ in verbs:
            sources = [c for c in tok.children if c.dep_ in ("nsubj", "agent")]
            sources += [g for c in tok.children if c.dep_ == "agent" for g in c.children]
            outlets = [c for c in tok.children if c.dep_ in ("dobj", "dative", "prep")]
            outlets += [g for c in outlets for g in c.children if g.dep_ == "pobj"]
            sources += outlets
        elif tok.lower_ == "according":
            sources = [g for c in tok.children for g in c.children if g.dep_ == "pobj"]
            sources += [g for g in tok.children if g.dep_ == "pobj"]
        for source in sources:
            if source.lower_ in ctx.rules.lexicon["headless_subject_pronouns"]["first"]:
                continue
            for eid in noun_phrase_entities(ctx, source, conjuncts=False):
                if ctx.types.get(eid) == "MediaOutlet":
                    outlet = outlet or eid
                elif ctx.types.get(eid) not in speakers:
                    continue  # "said in Gaza": a place is where, not who
                elif (source.dep_ not in ("dobj", "dative", "pobj") or tok.lower_ == "according") and speaker is None:
                    speaker, name = eid, source
    return speaker, outlet, name


def _speakers(ctx: Context, sents: list[Span], speakers: frozenset[str]) -> list[tuple]:
    """Each sentence's attribution; a sentence of a quotation whose speaker is named in
    another of its sentences takes that speaker ("“... . ...,” he said."), and so does a
    quotation opening the paragraph after one, when nobody else is named."""
    found = [_attribution(ctx, sent, speakers) if len(sent) <= LONGEST_SENTENCE and is_parsed(sent)
             else (None, None, None) for sent in sents]
    groups = quotations(sents)
    voice: dict[int, tuple] = {}
    for group, attribution in zip(groups, found):
        if group is not None and attribution[0] is not None:
            voice.setdefault(group, attribution)
    for index, group in enumerate(groups):
        if group is not None and group not in voice and index and groups[index - 1] in voice \
                and opens_paragraph(sents[index]) and sents[index].text.lstrip()[:1] in ('"', "“", "«"):
            voice[group] = voice[groups[index - 1]]
    result = []
    for attribution, group in zip(found, groups):
        if attribution[0] is None and group in voice:
            speaker, _, name = voice[group]
            attribution = (speaker, attribution[1], name)
        result.append(attribution)
    return result


def _located(ctx: Context, sent: Span) -> tuple[str, int, int]:
    """A sentence's text and its offsets: in the body for a body sentence, in the
    headline for the headline (read before the body, see ``nlp.reading_text``)."""
    text = sent.text.strip()
    start = sent.start_char - ctx.body_offset if sent.start_char >= ctx.body_offset else sent.start_char
    return text, start, start + len(text)


def _allowed(ontology: Ontology, rule: Rule, relation: str, subject: str, obj: str, types: dict[str, str]) -> bool:
    rel = ontology.relations[relation]
    if rule.object_classes and types.get(obj) not in rule.object_classes:
        return False
    if rule.subject_classes and types.get(subject) not in rule.subject_classes:
        return False
    return subject != obj and types.get(subject) in rel.domain and types.get(obj) in rel.range


def _final_relation(found: Found, rules: dict[str, Rule]) -> str:
    rule = rules[found.rule]
    if rule.if_not_asserted and found.modality in ("Planned", "Possible"):
        return rule.if_not_asserted
    return found.relation


def _claims_of(found: Found, ctx: Context, document: Document, sent: Span, index: int, rules: dict[str, Rule],
               ontology: Ontology, attribution: tuple[str | None, str | None]) -> Iterator[Claim]:
    relation = _final_relation(found, rules)
    # a claim whose ends are both named in the sentence is surer than one that
    # rests on a pronoun, a description ("the group") or a demonym
    named = {ctx.entity_at[i] for i in range(sent.start, sent.end) if i in ctx.entity_at and i not in ctx.indirect}
    for subject in found.subjects:
        for obj in found.objects:
            if not _allowed(ontology, rules[found.rule], relation, subject, obj, ctx.types):
                continue
            text, start, end = _located(ctx, sent)
            claim = Claim(subject=subject, relation=relation, object=obj, document=document.id,
                          sentence=index, text=text, start_char=start, end_char=end,
                          modality=found.modality, items=found.items,
                          attributed_to=attribution[0],
                          reported_by=attribution[1], date=document.date,
                          rule=f"{found.rule}-{found.via}" if found.via else found.rule,
                          confidence=0.9 if {subject, obj} <= named else 0.7)
            yield claim
            if ontology.relations[relation].symmetric:
                # "Iran is an ally of Syria" states that Syria is Iran's ally too (owl:SymmetricProperty)
                yield replace(claim, subject=obj, object=subject, rule=f"{claim.rule}-converse")


_TRIGGERS: list[tuple[object, dict[str, tuple[int, ...]]]] = []  # (rule set, its index), the last few


def rules_by_trigger(ruleset) -> dict[str, tuple[int, ...]]:
    """The positions of the rules each word can trigger, in the rule set's order.

    Each form first asks whether the token's lemma or lower-case form is one of the rule's
    words (a title also by its last word: "minister" for "prime minister"), so no other rule
    can fire on a token: trying only these spares a call per token and rule."""
    for known, index in _TRIGGERS:
        if known is ruleset:
            return index
    keys: dict[str, set[int]] = {}
    for position, rule in enumerate(ruleset.rules):
        for word in {w.split()[-1] for w in rule.lemmas | rule.words if w.split()}:
            for key in (word, word.lower()):
                keys.setdefault(key, set()).add(position)
    index = {key: tuple(sorted(found)) for key, found in keys.items()}
    _TRIGGERS[:] = [*_TRIGGERS[-3:], (ruleset, index)]
    return index


def _candidate_rules(ctx: Context, index: dict[str, tuple[int, ...]], tok: Token) -> list[Rule]:
    found = [index[key] for key in {tok.lemma_, tok.lemma_.lower(), tok.lower_} if key in index]
    last = tok.lower_.rpartition("-")[2] if "-" in tok.lower_[1:] else ""
    if last in index:  # "u.s.-backed", one token: the compound rules of "backed"
        found.append(tuple(i for i in index[last] if ctx.rules.rules[i].form == "compound"))
    if not found:
        return []
    positions = found[0] if len(found) == 1 else sorted(set().union(*found))
    return [ctx.rules.rules[i] for i in positions]


def _sentence_claims(ctx: Context, document: Document, sent: Span, index: int, rules: dict[str, Rule],
                     ontology: Ontology, attribution: tuple[str | None, str | None],
                     unfilled: list[Found] | None = None) -> list[Claim]:
    """The sentence's claims; what was found with no object or no subject goes to ``unfilled``."""
    claims: list[Claim] = []
    triggers = rules_by_trigger(ctx.rules)
    for tok in sent:
        titled = False
        for rule in _candidate_rules(ctx, triggers, tok):
            if titled and rule.form == "relnoun":
                continue  # "Prime Minister" is a leader's title, not also an official's
            for found in FORMS[rule.form](ctx, tok, rule):
                titled |= rule.form == "relnoun"
                found = with_counted_members(ctx, with_listed_members(ctx, found))
                claims.extend(_claims_of(found, ctx, document, sent, index, rules, ontology, attribution))
                if unfilled is not None and bool(found.subjects) != bool(found.objects):
                    unfilled.append(found)
    return claims


def _filled(unfilled: list[Found], before: list[Claim], ctx: Context, document: Document, sent: Span,
            index: int, rules: dict[str, Rule], ontology: Ontology,
            attribution: tuple[str | None, str | None]) -> list[Claim]:
    """"Iran sent drones to Russia. It later sent missiles too.": a supply with no recipient,
    by the same supplier as one in the sentence before, goes to that recipient (less surely)."""
    filled = []
    for found in unfilled:
        if found.relation not in FILLED_FROM_NEIGHBOUR or found.modality == "Negated":
            continue
        objects = tuple(dict.fromkeys(c.object for c in before if c.relation == found.relation
                                      and c.subject in found.subjects and c.modality != "Negated"))
        if objects:
            for claim in _claims_of(replace(found, objects=objects), ctx, document, sent, index, rules,
                                    ontology, attribution):
                filled.append(replace(claim, rule=f"{claim.rule}-adjacent", confidence=0.6))
    return filled


def _contents(ctx: Context, sent: Span) -> tuple[str, ...]:
    """The weapons a sentence says a supply held: "The package includes 1,800 MK84 bombs"."""
    events = ctx.rules.lexicon["supply_events"]
    for tok in sent:
        verb = tok.head
        if tok.lemma_ in events["nouns"] and tok.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in events["verbs"]:
            return items_under(ctx, verb, {t.i for t in tok.subtree})
    return ()


def _with_contents(previous: Claim, ctx: Context, sent: Span, index: int,
                   attribution: tuple[str | None, str | None]) -> Claim | None:
    """The earlier supply again, evidenced by this sentence and holding its weapons."""
    items = _contents(ctx, sent)
    if not items:
        return None
    text, start, end = _located(ctx, sent)
    return replace(previous, sentence=index, text=text, start_char=start, end_char=end,
                   items=items, attributed_to=attribution[0],
                   reported_by=attribution[1], rule="supplies-contents", confidence=0.7)


def extract_claims(ctx: Context, document: Document, ontology: Ontology,
                   deadline: float = math.inf, clock: Callable[[], float] = time.process_time,
                   loose: bool = False) -> list[Claim]:
    """Every claim the rules find in the parsed ``document``, in text order; the sentences
    left when ``clock()`` passes ``deadline`` are not read. With ``loose``, the loose reader's
    claims too (``kg.extract.loose``), for a judge to sort."""
    rules = {rule.id: rule for rule in ctx.rules.rules}
    speakers = ontology.range_classes("attributedTo")
    ctx.body_offset = body_offset(document)
    claims: list[Claim] = []
    last_supply: Claim | None = None
    before: list[Claim] = []  # the claims of the sentence just read
    recent: list[tuple[int, str, str, str]] = []  # (sentence, subject, relation, modality) of the claims so far
    sents = list(ctx.doc.sents)
    for index, (sent, (speaker, outlet, name)) in enumerate(zip(sents, _speakers(ctx, sents, speakers))):
        if clock() > deadline:
            break
        if len(sent) > LONGEST_SENTENCE:
            continue
        if not is_parsed(sent):  # left unparsed because it cannot hold a claim
            before = []
            continue
        attribution = (speaker, outlet)
        ctx.speaker[sent.start] = speaker
        ctx.voice[sent.start] = speaks_for(ctx, speaker, name)
        unfilled: list[Found] = []
        found = _sentence_claims(ctx, document, sent, index, rules, ontology, attribution, unfilled)
        found += _filled(unfilled, before, ctx, document, sent, index, rules, ontology, attribution)
        for agentless in unfilled:
            announced = announced_agents(agentless, recent, index)
            if announced is not None:
                found += [replace(c, rule=f"{c.rule}-announced", confidence=0.6) for c in
                          _claims_of(announced, ctx, document, sent, index, rules, ontology, attribution)]
        recent.extend((index, c.subject, c.relation, c.modality) for c in found)
        # "X said it has designated seven groups", "X imposed sanctions on several officials": an act
        # whose targets are only counted announces its agent as well as one that names them (the next
        # sentences name them), when that agent is a state or a body and the subject of a clause;
        # an event noun's other agents ("the designation of X", "X's designation") are too often not one
        recent.extend((index, s, f.relation, f.modality) for f in unfilled if not f.objects
                      for s in f.subjects if ctx.types.get(s) in ANNOUNCING_CLASSES
                      and any(t.dep_ == "nsubj" and ctx.entity(t) == s for t in sent))
        before = found
        for claim in found:
            if claim.relation in ("leads", "officialOf") and claim.modality == "Asserted":
                ctx.affiliation.setdefault(claim.subject, claim.object)  # whom "we" means when they speak
            if claim.relation == "leads" and ctx.types.get(claim.object) == "State":
                ctx.heads.add(claim.subject)  # whose counterpart is a head too
        supplies = [c for c in found if c.relation == "supplies"]
        if not supplies and last_supply is not None:
            contents = _with_contents(last_supply, ctx, sent, index, attribution)
            found += [contents] if contents is not None else []
        last_supply = supplies[-1] if supplies else last_supply
        claims.extend(found)
        if loose:
            made = {(c.subject, c.relation, c.object) for c in found}
            claims.extend(loose_claims(ctx, document, sent, index, ontology, attribution, _located(ctx, sent), made))
    return _unique(claims)


def _rank(claim: Claim) -> tuple:
    """The surer of two claims of one fact in one sentence: more items, more confidence, and one
    stated as written before one read as its converse."""
    return len(claim.items), claim.confidence, not claim.rule.endswith("-converse")


def _unique(claims: list[Claim]) -> list[Claim]:
    """One claim per (sentence, subject, relation, object); the surest wins."""
    best: dict[tuple, Claim] = {}
    for claim in claims:
        key = (claim.document, claim.sentence, claim.subject, claim.relation, claim.object)
        kept = best.get(key)
        if kept is None or _rank(claim) > _rank(kept):
            best[key] = claim
    return sorted(best.values(), key=lambda c: (c.document, c.sentence, c.subject, c.relation, c.object))
