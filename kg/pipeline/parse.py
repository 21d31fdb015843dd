"""Parse articles and find their mentions, here or in worker processes.

Each article is charged only for its own work, in CPU seconds of the process
that did it: its share of the spaCy batches its parts were parsed in, and its
mention finding. Time spent on other articles, waiting for a worker or on a
loaded machine is never charged, so an ordinary article never meets the time
budget however large the corpus, while a hostile one (megabytes of text) is cut
off after the budget: the parts it has left are not parsed.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from ..extract.catalog import load_catalog
from ..extract.mentions import find_mentions
from ..extract.nlp import build_pipeline, reading_text, split_text
from ..extract.parsed import join
from ..extract.prefilter import Prefilter
from ..extract.rules import load_rules
from ..model import Document, Mention
from ..ontology import load_ontology

BATCH_PARTS = 16  # parts per spaCy batch: batching is ~7 % faster than one text at a time
BATCH_RUNS = 64  # runs of chosen sentences are short: batched more, the model runs ~4 % faster
BATCH_CHARS = 100_000  # and at most this much text, so a budget check comes often enough


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One article after parsing: its Doc as bytes (None when its parse ran over budget) and mentions."""

    doc: bytes | None
    mentions: tuple[Mention, ...]
    seconds: float  # CPU seconds spent on this article alone
    refs: tuple[str, ...] = ()  # catalog ids its words can stand for without a mention (see ``catalog_refs``)


@lru_cache(maxsize=4)
def extraction_setup(directory: str):
    """The catalog, rules and ontology of an ontology folder, loaded once per process."""
    path = Path(directory)
    ontology = load_ontology(path)
    return load_catalog(path), load_rules(path, frozenset(ontology.relations)), ontology


# Parsed once when a process loads the pipeline, before any article's clock runs: the first call
# of a pipeline sets up what it keeps for later calls, and no article is charged for that.
WARM_UP_TEXT = "The ministry said on Monday that the group had received new weapons from abroad."


@lru_cache(maxsize=4)
def stages(directory: str, model: str | None):
    """The spaCy pipeline, catalog and rules of an ontology folder, loaded once per process."""
    catalog, rules, _ = extraction_setup(directory)
    nlp = build_pipeline(catalog, model)
    list(nlp.pipe([WARM_UP_TEXT]))
    return nlp, catalog, rules


@lru_cache(maxsize=1)
def reading_vocab():
    """The vocabulary Docs are read back into: English's, without loading a model, so that
    a cached parse is read the same in any process, with or without the model."""
    import spacy

    return spacy.blank("en").vocab


@lru_cache(maxsize=4)
def prefilter(directory: str, model: str | None) -> Prefilter:
    """The cheap pass that chooses the sentences to parse, built once per process."""
    cheap = Prefilter(*stages(directory, model), extraction_setup(directory)[2])
    cheap.segments(WARM_UP_TEXT)
    return cheap


def _segments(document: Document, prefilter: Prefilter | None) -> list[str | Doc]:
    """The article's parts to parse; with a prefilter, its parts cut into runs of sentences to
    parse (texts) and sentences that cannot hold a claim (token-only Docs)."""
    parts = split_text(reading_text(document))
    if prefilter is None:
        return parts
    return [segment for part in parts for segment in prefilter.segments(part)]


def _batches(documents: list[Document], late: set[int], pieces: list[list], seconds: list[float],
             prefilter: Prefilter | None) -> Iterator[list[tuple[int, int, str]]]:
    """(article index, slot in its pieces, part) in batches; parts of an article already over
    budget are dropped. Token-only Docs go straight to their slots, charged their cheap pass."""
    batch: list[tuple[int, int, str]] = []
    size = 0
    parts_per_batch = BATCH_PARTS if prefilter is None else BATCH_RUNS
    for index, document in enumerate(documents):
        started = time.process_time()
        segments = _segments(document, prefilter)
        seconds[index] += time.process_time() - started
        for segment in segments:
            if not isinstance(segment, str):
                pieces[index].append(segment)
                continue
            if batch and (len(batch) >= parts_per_batch or size + len(segment) > BATCH_CHARS):
                yield batch
                batch, size = [], 0
            if index in late:
                continue
            batch.append((index, len(pieces[index]), segment))
            pieces[index].append(None)
            size += len(segment)
    if batch:
        yield batch


def _parse(nlp, documents: list[Document], time_budget: float,
           prefilter: Prefilter | None = None) -> tuple[list[list[Doc]], list[float], set[int]]:
    """The parsed parts of each article, its CPU seconds, and which articles ran over budget.

    A batch's CPU time is shared among its parts by their length; checking the
    budget between batches bounds an article's overrun to one batch. With a ``prefilter``,
    only the sentences that may hold a claim are parsed (see ``kg.extract.prefilter``).
    """
    pieces: list[list] = [[] for _ in documents]
    seconds = [0.0] * len(documents)
    late: set[int] = set()
    for batch in _batches(documents, late, pieces, seconds, prefilter):
        started = time.process_time()
        docs = list(nlp.pipe([part for _, _, part in batch], batch_size=len(batch)))
        cost = time.process_time() - started
        size = sum(len(part) for _, _, part in batch) or 1
        for (index, slot, part), doc in zip(batch, docs):
            pieces[index][slot] = doc
            seconds[index] += cost * len(part) / size
            if seconds[index] > time_budget:
                late.add(index)
    return pieces, seconds, late


def catalog_refs(doc: Doc, catalog) -> tuple[str, ...]:
    """The catalog entities the claim rules may reach through a word rather than a mention:
    a demonym ("British forces") or a part of a hyphenated pair ("US-Israeli"). The rules use
    such an entity when the build has it, so an article's claims depend on whether it exists."""
    refs = {catalog.by_demonym[tok.lower_] for tok in doc if tok.lower_ in catalog.by_demonym}
    refs |= {found for tok in doc if "-" in tok.text for found in map(catalog.lookup, tok.text.split("-", 1)) if found}
    return tuple(sorted(refs))


def _mentions(doc_bytes: bytes, document: Document, catalog, rules) -> tuple[tuple[Mention, ...], tuple[str, ...]]:
    doc = Doc(reading_vocab()).from_bytes(doc_bytes)
    return tuple(find_mentions(doc, document.id, catalog, rules)), catalog_refs(doc, catalog)


def parse_chunk(tasks: list[tuple[Document, bytes | None]], directory: str, model: str | None,
                time_budget: float, full_parse: bool = False) -> list[ParsedArticle]:
    """Parse the articles of ``tasks`` that come without a parse, and find every article's mentions.
    Unless ``full_parse``, only the sentences that may hold a claim go through the statistical
    pipeline (``kg.extract.prefilter``).

    Mentions are read off the Doc as it comes back from bytes, the form in which the claim
    stage and the cache see it, so an article gives the same mentions whichever way it came.
    """
    documents = [document for document, cached in tasks if cached is None]
    nlp, catalog, rules = stages(directory, model) if documents else (None, *extraction_setup(directory)[:2])
    cheap = None if full_parse or not documents else prefilter(directory, model)
    pieces, seconds, late = _parse(nlp, documents, time_budget, cheap) if documents else ([], [], set())
    fresh = iter(range(len(documents)))
    parsed = []
    for document, cached in tasks:
        started = time.process_time()
        if cached is None:
            index = next(fresh)
            if index in late:
                parsed.append(ParsedArticle(None, (), seconds[index]))
                continue
            parts = pieces[index]
            if cheap is not None:
                doc = join(parts)
            else:
                doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
            data, spent = doc.to_bytes(exclude=["tensor"]), seconds[index]
        else:
            data, spent = cached, 0.0
        mentions, refs = _mentions(data, document, catalog, rules)
        parsed.append(ParsedArticle(data, mentions, spent + time.process_time() - started, refs))
    return parsed


def load_in_worker(directory: str, model: str | None) -> None:
    stages(directory, model)  # before the first article, so loading the model is charged to none
