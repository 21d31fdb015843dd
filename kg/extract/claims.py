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

from .forms import (
    Found,
    compound_form,
    items_under,
    noun_form,
    pair_form,
    receive_form,
    under_form,
    verb_form,
)
from ..limits import LONGEST_SENTENCE
from ..model import Claim
from .roles import relnoun_form
from .syntax import Context, noun_phrase_entities

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..model import Document
    from ..ontology import Ontology
    from .rules import Rule

logger = logging.getLogger(__name__)

FORMS = {
    "verb": verb_form,
    "receive": receive_form,
    "noun": noun_form,
    "compound": compound_form,
    "relnoun": relnoun_form,
    "under": under_form,
    "pair": pair_form,
}


def _attribution(ctx: Context, sent: Span, speakers: frozenset[str]) -> tuple[str | None, str | None]:
    """Who the sentence quotes (a speaker, of one of the classes ``speakers``) and which outlet it credits."""
    verbs = ctx.words("attribution", "verbs")
    speaker = outlet = None
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
                elif source.dep_ not in ("dobj", "dative", "pobj") or tok.lower_ == "according":
                    speaker = speaker or eid
    return speaker, outlet


def _allowed(ontology: Ontology, rule: Rule, relation: str, subject: str, obj: str, types: dict[str, str]) -> bool:
    rel = ontology.relations[relation]
    if rule.object_classes and types.get(obj) not in rule.object_classes:
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
            yield Claim(subject=subject, relation=relation, object=obj, document=document.id,
                        sentence=index, text=sent.text.strip(), start_char=sent.start_char,
                        end_char=sent.start_char + len(sent.text.strip()), modality=found.modality, items=found.items,
                        attributed_to=attribution[0],
                        reported_by=attribution[1], date=document.date, rule=found.rule,
                        confidence=0.9 if {subject, obj} <= named else 0.7)


def _sentence_claims(ctx: Context, document: Document, sent: Span, index: int, rules: dict[str, Rule],
                     ontology: Ontology, attribution: tuple[str | None, str | None]) -> list[Claim]:
    claims: list[Claim] = []
    for tok in sent:
        titled = False
        for rule in ctx.rules.rules:
            if titled and rule.form == "relnoun":
                continue  # "Prime Minister" is a leader's title, not also an official's
            for found in FORMS[rule.form](ctx, tok, rule):
                titled |= rule.form == "relnoun"
                claims.extend(_claims_of(found, ctx, document, sent, index, rules, ontology, attribution))
    return claims


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
    text = sent.text.strip()
    return replace(previous, sentence=index, text=text, start_char=sent.start_char,
                   end_char=sent.start_char + len(text), items=items, attributed_to=attribution[0],
                   reported_by=attribution[1], rule="supplies-contents", confidence=0.7)


def extract_claims(ctx: Context, document: Document, ontology: Ontology,
                   deadline: float = math.inf, clock: Callable[[], float] = time.process_time) -> list[Claim]:
    """Every claim the rules find in the parsed ``document``, in text order; the sentences
    left when ``clock()`` passes ``deadline`` are not read."""
    rules = {rule.id: rule for rule in ctx.rules.rules}
    speakers = ontology.range_classes("attributedTo")
    claims: list[Claim] = []
    last_supply: Claim | None = None
    for index, sent in enumerate(ctx.doc.sents):
        if clock() > deadline:
            break
        if len(sent) > LONGEST_SENTENCE:
            continue
        attribution = _attribution(ctx, sent, speakers)
        ctx.speaker[sent.start] = attribution[0]
        found = _sentence_claims(ctx, document, sent, index, rules, ontology, attribution)
        supplies = [c for c in found if c.relation == "supplies"]
        if not supplies and last_supply is not None:
            contents = _with_contents(last_supply, ctx, sent, index, attribution)
            found += [contents] if contents is not None else []
        last_supply = supplies[-1] if supplies else last_supply
        claims.extend(found)
    return _unique(claims)


def _unique(claims: list[Claim]) -> list[Claim]:
    """One claim per (sentence, subject, relation, object); the surest wins."""
    best: dict[tuple, Claim] = {}
    for claim in claims:
        key = (claim.document, claim.sentence, claim.subject, claim.relation, claim.object)
        kept = best.get(key)
        if kept is None or (len(claim.items), claim.confidence) > (len(kept.items), kept.confidence):
            best[key] = claim
    return sorted(best.values(), key=lambda c: (c.document, c.sentence, c.subject, c.relation, c.object))
