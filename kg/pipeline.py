"""Run the stages over a corpus: load, parse (nlp and mentions), resolve, claims, assemble."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .assemble import build_graph, to_networkx
from .errors import InputError
from .extract.catalog import load_catalog
from .extract.claims import extract_claims
from .extract.resolve import resolve_entities
from .extract.rules import load_rules
from .extract.syntax import Context
from .limits import MAX_BYTES, TIME_BUDGET
from .load import load_documents
from .model import BuildResult, Claim, Document, Mention, Skipped
from .ontology import DEFAULT_ONTOLOGY_DIR, load_ontology
from .parse import ParsedArticle, parse_corpus
from .syndication import mark_copies, story_of

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (articles parsed so far, articles in all)

TIME_SKIP = "over the time budget"  # how every skip the time budget causes begins


def _over_budget(document: Document, time_budget: float, while_: str) -> Skipped:
    return Skipped(document.source or document.id, f"{TIME_SKIP} of {time_budget:g} s per article while {while_}")


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


def build(paths: Iterable[str | Path], *, ontology_dir: Path | None = None, model: str | None = None,
          progress: Progress | None = None, n_process: int = 1, max_bytes: int = MAX_BYTES,
          time_budget: float = TIME_BUDGET, full_parse: bool = False) -> BuildResult:
    """Build the knowledge graph of the articles under ``paths``.

    Returns the rdflib graph, the networkx view, the entities, claims and
    documents, what was skipped and the merge log. Files over ``max_bytes`` and
    articles whose parse runs over ``time_budget`` seconds are skipped and listed. Only the
    sentences that may hold a claim are parsed, unless ``full_parse``.
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
                           progress=progress, n_process=n_process, time_budget=time_budget,
                           full_parse=full_parse)


def build_documents(documents: Iterable[Document], *, skipped: Iterable[Skipped] = (),
                    ontology_dir: Path | None = None, model: str | None = None,
                    progress: Progress | None = None, n_process: int = 1,
                    time_budget: float = TIME_BUDGET, full_parse: bool = False) -> BuildResult:
    """Build the graph of documents already loaded (for notebooks and tests)."""
    directory = Path(ontology_dir or DEFAULT_ONTOLOGY_DIR)
    ontology = load_ontology(directory)
    catalog = load_catalog(directory)
    rules = load_rules(directory, frozenset(ontology.relations))
    documents = mark_copies(documents)
    skipped = list(skipped)
    parsed: list[ParsedArticle] = []
    articles = parse_corpus(documents, str(directory.resolve()), model, time_budget, n_process, full_parse)
    for done, article in enumerate(articles, 1):
        if article.doc is None:
            skipped.append(_over_budget(article.document, time_budget, "parsing"))
        else:
            parsed.append(article)
        if progress:
            progress(done, len(documents))
    resolution = resolve_entities([m for article in parsed for m in article.mentions], catalog)
    claims: list[Claim] = []
    for article in parsed:
        ctx = _context(article.doc, article.mentions, resolution, catalog, rules)
        # the budget left after its own parse; the clock counts this process's CPU time, so
        # neither other articles nor a loaded machine use it up
        deadline = time.process_time() + time_budget - article.seconds
        claims.extend(extract_claims(ctx, article.document, ontology, deadline=deadline, clock=time.process_time))
        if time.process_time() > deadline:
            skipped.append(_over_budget(article.document, time_budget,
                                        "reading claims: the rest of it was not read"))
    kept = tuple(article.document for article in parsed)
    entities = tuple(resolution.entities[eid] for eid in sorted(resolution.entities))
    graph = build_graph(entities, kept, claims)
    return BuildResult(graph=graph, network=to_networkx(entities, claims, story_of(kept)), entities=entities,
                       claims=tuple(claims), documents=kept, skipped=tuple(skipped),
                       merge_log=resolution.merge_log)


def time_skips(result: BuildResult) -> int:
    """How many articles the time budget cut short (skipped while parsing, or not read to the end)."""
    return sum(1 for s in result.skipped if s.kind == TIME_SKIP)


def time_budget_warning(result: BuildResult, time_budget: float) -> str | None:
    """One line when more than 1 % of the articles went over the time budget, naming the flag that changes it."""
    cut = time_skips(result)
    never_parsed = sum(1 for s in result.skipped if s.kind == TIME_SKIP and s.reason.endswith("parsing"))
    articles = len(result.documents) + never_parsed
    if not articles or cut * 100 <= articles:
        return None
    return (f"{cut} of {articles} articles ({cut / articles:.0%}) went over the time budget of {time_budget:g} s "
            "per article; raise it with --time-budget SECONDS")
