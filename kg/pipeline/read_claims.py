"""Read the claims of parsed articles, here or in worker processes.

An article's claims depend on its parse, its mentions, and what entity resolution
decided for those mentions (which entity each names, and that entity's class):
``ArticleResolution`` carries exactly that, so the claims of an article can be read
anywhere, without the other articles, and kept in the cache under its digest.
"""
from __future__ import annotations

import time

from spacy.tokens import Doc

from ..extract.claims import extract_claims, rules_by_trigger
from ..extract.loose import triggers as loose_triggers
from ..extract.syntax import Context
from ..judge.features import ArticleView, mention_sources
from ..judge.model import load_judge
from ..model import ArticleResolution, Claim, Document, Mention
from .parse import extraction_setup, reading_vocab


def article_context(doc: Doc, mentions: tuple[Mention, ...], resolved: ArticleResolution, catalog, rules) -> Context:
    eid_at = {(start, end): eid for start, end, eid in resolved.entity_of}
    entity_at: dict[int, str] = {}
    spans: list[tuple[int, int, str]] = []
    indirect: set[int] = set()
    for m in mentions:
        eid = eid_at.get((m.start, m.end))
        if eid is None:
            continue
        spans.append((m.start, m.end, eid))
        if m.source == "demonym":  # an antecedent for pronouns; the rules read demonyms themselves
            continue
        for i in range(m.start, m.end):
            entity_at.setdefault(i, eid)
            if m.source == "coref":
                indirect.add(i)
    return Context(doc=doc, entity_at=entity_at, types=dict(resolved.types), mention_spans=spans,
                   catalog=catalog, rules=rules, indirect=indirect)


def reading_setup(directory: str):
    """The catalog, rules, ontology and judge of an ontology folder, and the index of the rules by
    their trigger words, made once per process before any article's clock starts: the first
    article a worker reads is charged for its own claims only, never for this."""
    catalog, rules, ontology = extraction_setup(directory)
    rules_by_trigger(rules)
    reading_vocab()
    judge = load_judge(directory)
    if judge is not None and judge.loose:
        loose_triggers(rules)
    return catalog, rules, ontology, judge


def read_article(document: Document, doc_bytes: bytes, mentions: tuple[Mention, ...],
                 resolved: ArticleResolution, seconds: float, directory: str,
                 time_budget: float) -> tuple[list[Claim], bool]:
    """The article's claims, and whether the time budget (less ``seconds``, spent parsing it)
    ran out before its last sentence."""
    catalog, rules, ontology, judge = reading_setup(directory)
    # the budget left after its own parse; the clock counts this process's CPU time, so
    # neither other articles nor a loaded machine use it up
    deadline = time.process_time() + time_budget - seconds
    doc = Doc(reading_vocab()).from_bytes(doc_bytes)
    ctx = article_context(doc, mentions, resolved, catalog, rules)
    claims = extract_claims(ctx, document, ontology, deadline=deadline, clock=time.process_time,
                            loose=judge is not None and judge.loose)
    if judge is not None:  # each claim's confidence is the judge's; those it doubts are dropped
        view = ArticleView(ctx, mention_sources(mentions, resolved), claims)
        claims, _ = judge.judged(claims, [view.features(c) for c in claims])
    return claims, time.process_time() > deadline


def read_chunk(tasks: list[tuple], directory: str, time_budget: float) -> list[tuple[list[Claim], bool]]:
    """``read_article`` for each task: (document, doc bytes, mentions, resolution, seconds)."""
    return [read_article(*task, directory=directory, time_budget=time_budget) for task in tasks]
