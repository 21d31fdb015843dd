"""Parse articles and find their mentions, here or in worker processes.

Each article is charged only for its own work, in CPU seconds of the process
that did it: its share of the spaCy batches its parts were parsed in, and its
mention finding. Time spent on other articles, waiting for a worker or on a
loaded machine is never charged, so an ordinary article never meets the time
budget however large the corpus, while a hostile one (megabytes of text) is cut
off after the budget: the parts it has left are not parsed.
"""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from .extract.catalog import load_catalog
from .extract.mentions import find_mentions
from .extract.nlp import build_pipeline, reading_text, split_text
from .extract.prefilter import Prefilter, join
from .extract.rules import load_rules
from .model import Document, Mention
from .ontology import load_ontology

BATCH_PARTS = 16  # parts per spaCy batch: batching is ~7 % faster than one text at a time
BATCH_RUNS = 64  # runs of chosen sentences are short: batched more, the model runs ~4 % faster
BATCH_CHARS = 100_000  # and at most this much text, so a budget check comes often enough
CHUNK_ARTICLES = 16  # articles sent to a worker at once


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One article after parsing: its Doc and mentions, or ``doc=None`` when its parse ran over budget."""

    document: Document
    doc: Doc | None
    mentions: tuple[Mention, ...]
    seconds: float  # CPU seconds spent on this article alone


@lru_cache(maxsize=4)
def stages(directory: str, model: str | None):
    """The spaCy pipeline, catalog and rules of an ontology folder, loaded once per process."""
    path = Path(directory)
    catalog = load_catalog(path)
    rules = load_rules(path, frozenset(load_ontology(path).relations))
    return build_pipeline(catalog, model), catalog, rules


@lru_cache(maxsize=4)
def prefilter(directory: str, model: str | None) -> Prefilter:
    """The cheap pass that chooses the sentences to parse, built once per process."""
    return Prefilter(*stages(directory, model), load_ontology(Path(directory)))


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


def parse_articles(documents: list[Document], directory: str, model: str | None,
                   time_budget: float, full_parse: bool = False) -> list[ParsedArticle]:
    """Parse ``documents`` in this process and find their mentions; unless ``full_parse``, only
    the sentences that may hold a claim go through the statistical pipeline."""
    nlp, catalog, rules = stages(directory, model)
    cheap = None if full_parse else prefilter(directory, model)
    pieces, seconds, late = _parse(nlp, documents, time_budget, cheap)
    parsed = []
    for index, document in enumerate(documents):
        if index in late:
            parsed.append(ParsedArticle(document, None, (), seconds[index]))
            continue
        started = time.process_time()
        parts = pieces[index]
        if cheap is not None:
            doc = join(parts)
        else:
            doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        mentions = tuple(find_mentions(doc, document.id, catalog, rules))
        parsed.append(ParsedArticle(document, doc, mentions, seconds[index] + time.process_time() - started))
    return parsed


def _parse_in_worker(documents: list[Document], directory: str, model: str | None, time_budget: float,
                     full_parse: bool = False):
    """``parse_articles`` in a worker process; Docs travel back as bytes, like spaCy's own workers send them."""
    return [(p.document, None if p.doc is None else p.doc.to_bytes(exclude=["tensor"]), p.mentions, p.seconds)
            for p in parse_articles(documents, directory, model, time_budget, full_parse)]


def _load_in_worker(directory: str, model: str | None) -> None:
    stages(directory, model)  # before the first article, so loading the model is charged to none


def parse_corpus(documents: list[Document], directory: str, model: str | None, time_budget: float,
                 workers: int = 1, full_parse: bool = False) -> Iterator[ParsedArticle]:
    """Every article of ``documents`` parsed, in their order, in this process or over ``workers``
    processes; articles go in chunks, so the batches, and the output, are the same either way."""
    chunks = [documents[i:i + CHUNK_ARTICLES] for i in range(0, len(documents), CHUNK_ARTICLES)]
    if workers <= 1:
        for chunk in chunks:
            yield from parse_articles(chunk, directory, model, time_budget, full_parse)
        return
    nlp = stages(directory, model)[0]
    # "spawn": a forked child could inherit a lock held by another thread (the progress bar's)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_load_in_worker,
                             initargs=(directory, model)) as pool:
        futures = [pool.submit(_parse_in_worker, chunk, directory, model, time_budget, full_parse) for chunk in chunks]
        for future in futures:
            for document, data, mentions, seconds in future.result():
                doc = None if data is None else Doc(nlp.vocab).from_bytes(data)
                yield ParsedArticle(document, doc, mentions, seconds)
