"""Run the stages over a corpus: load, nlp, mentions, resolve, claims, assemble."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from .assemble import build_graph, to_networkx
from .extract.catalog import load_catalog
from .extract.claims import extract_claims
from .errors import InputError
from .limits import MAX_BYTES, TIME_BUDGET
from .load import load_documents
from .extract.mentions import find_mentions
from .model import BuildResult, Claim, Document, Mention, Skipped
from .extract.nlp import build_pipeline, reading_text, split_text
from .ontology import DEFAULT_ONTOLOGY_DIR, load_ontology
from .extract.resolve import resolve_entities
from .extract.rules import load_rules
from .syndication import mark_copies, story_of
from .extract.syntax import Context

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (articles parsed so far, articles in all)


def _parse(nlp, documents: list[Document], progress: Progress | None, n_process: int, time_budget: float):
    """(document, spaCy Doc) in order, or (document, Skipped) for one whose parse ran over
    ``time_budget`` seconds. Long texts are parsed in parts; the parts left of an article
    over its budget are fed to spaCy as empty strings, so the budget caps the time spent."""
    late: set[int] = set()

    def parts():
        for index, document in enumerate(documents):
            for part in split_text(reading_text(document)):
                yield ("" if index in late else part), index

    current, pieces, started = 0, [], time.monotonic()
    for doc, index in nlp.pipe(parts(), as_tuples=True, batch_size=16, n_process=n_process):
        if index != current:
            yield _joined(documents[current], pieces, current in late, time_budget)
            if progress:
                progress(index, len(documents))
            current, pieces, started = index, [], time.monotonic()
        pieces.append(doc)
        if time.monotonic() - started > time_budget:
            late.add(index)
    if documents:
        yield _joined(documents[current], pieces, current in late, time_budget)
        if progress:
            progress(len(documents), len(documents))


def _joined(document: Document, pieces: list, late: bool, time_budget: float):
    if late:
        return document, Skipped(document.source or document.id,
                                 f"over the time budget of {time_budget:g} s per article while parsing")
    return document, pieces[0] if len(pieces) == 1 else Doc.from_docs(pieces, ensure_whitespace=False)


def _context(doc, doc_mentions: list[Mention], resolution, catalog, rules) -> Context:
    entity_at: dict[int, str] = {}
    spans: list[tuple[int, int, str]] = []
    indirect: set[int] = set()
    for m in doc_mentions:
        eid = resolution.entity_of.get((m.doc_id, m.start, m.end))
        if eid is None:
            continue
        spans.append((m.start, m.end, eid))
        if m.source == "demonym":  # an antecedent for pronouns; the rules read demonyms themselves
            continue
        for i in range(m.start, m.end):
            entity_at.setdefault(i, eid)
            if m.source == "coref":
                indirect.add(i)
    types = {eid: e.type for eid, e in resolution.entities.items()}
    return Context(doc=doc, entity_at=entity_at, types=types, mention_spans=spans, catalog=catalog,
                   rules=rules, indirect=indirect)


@lru_cache(maxsize=4)
def _pipeline(directory: str, model: str | None):
    return build_pipeline(load_catalog(Path(directory)), model)


def build(paths: Iterable[str | Path], *, ontology_dir: Path | None = None, model: str | None = None,
          progress: Progress | None = None, n_process: int = 1, max_bytes: int = MAX_BYTES,
          time_budget: float = TIME_BUDGET) -> BuildResult:
    """Build the knowledge graph of the articles under ``paths``.

    Returns the rdflib graph, the networkx view, the entities, claims and
    documents, what was skipped and the merge log. Files over ``max_bytes`` and
    articles whose parse runs over ``time_budget`` seconds are skipped and listed.
    Raises InputError when no article at all could be read.
    """
    directory = Path(ontology_dir or DEFAULT_ONTOLOGY_DIR)
    # a broken ontology, catalog or rule file stops the build before any work
    load_rules(directory, frozenset(load_ontology(directory).relations))
    load_catalog(directory)
    documents, skipped = load_documents(paths, max_bytes=max_bytes)
    if not documents:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:5]) or "no files found"
        raise InputError(f"no article could be read ({reasons})")
    return build_documents(documents, skipped=skipped, ontology_dir=directory, model=model,
                           progress=progress, n_process=n_process, time_budget=time_budget)


def build_documents(documents: Iterable[Document], *, skipped: Iterable[Skipped] = (),
                    ontology_dir: Path | None = None, model: str | None = None,
                    progress: Progress | None = None, n_process: int = 1,
                    time_budget: float = TIME_BUDGET) -> BuildResult:
    """Build the graph of documents already loaded (for notebooks and tests)."""
    directory = Path(ontology_dir or DEFAULT_ONTOLOGY_DIR)
    ontology = load_ontology(directory)
    catalog = load_catalog(directory)
    rules = load_rules(directory, frozenset(ontology.relations))
    nlp = _pipeline(str(directory.resolve()), model)
    documents = mark_copies(documents)
    skipped = list(skipped)
    parsed = []
    mentions: list[Mention] = []
    for document, doc in _parse(nlp, documents, progress, n_process, time_budget):
        if isinstance(doc, Skipped):
            skipped.append(doc)
            continue
        started = time.monotonic()
        doc_mentions = find_mentions(doc, document.id, catalog, rules)
        mentions.extend(doc_mentions)
        parsed.append((document, doc, doc_mentions, started))
    resolution = resolve_entities(mentions, catalog)
    claims: list[Claim] = []
    for document, doc, doc_mentions, started in parsed:
        ctx = _context(doc, doc_mentions, resolution, catalog, rules)
        deadline = started + time_budget
        claims.extend(extract_claims(ctx, document, ontology, deadline=deadline))
        if time.monotonic() > deadline:
            skipped.append(Skipped(document.source or document.id, f"over the time budget of {time_budget:g} s "
                                   "per article while reading claims: the rest of it was not read"))
    kept = tuple(document for document, *_ in parsed)
    entities = tuple(resolution.entities[eid] for eid in sorted(resolution.entities))
    graph = build_graph(entities, kept, claims)
    return BuildResult(graph=graph, network=to_networkx(entities, claims, story_of(kept)), entities=entities,
                       claims=tuple(claims), documents=kept, skipped=tuple(skipped),
                       merge_log=resolution.merge_log)
