"""Run the stages over a corpus: load, parse (nlp and mentions), resolve, claims, assemble."""
from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from ..corrections import (NO_CORRECTIONS, Corrections, correct_claims, correct_resolution, in_line_order,
                           load_corrections)
from ..errors import InputError, KGError
from ..extract.catalog import load_catalog
from ..extract.nlp import check_model, reading_text
from ..extract.resolve import resolve_entities
from ..extract.rules import load_rules
from ..graph.assemble import build_graph, to_networkx
from ..graph.diff import contents_of_build, diff_contents, load_contents, save_contents
from ..ingest.load import load_documents
from ..ingest.syndication import mark_copies, story_of
from ..limits import MAX_BYTES, TIME_BUDGET
from ..model import ArticleResolution, BuildResult, Claim, Document, Skipped
from ..ontology import load_ontology, ontology_folder
from .cache import (CACHE_DIR, CACHE_FILE, LAST_BUILD_FILE, Cache, Versions, claims_key, input_digest, mentions_key,
                    parse_key)
from .parse import ParsedArticle, extraction_setup, load_in_worker, parse_chunk
from .read_claims import read_chunk
from .runners import make_runner

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (articles parsed so far, articles in all)

TIME_SKIP = "over the time budget"  # how every skip the time budget causes begins


def _over_budget(document: Document, time_budget: float, while_: str) -> Skipped:
    return Skipped(document.source or document.id, f"{TIME_SKIP} of {time_budget:g} s per article while {while_}")


def build(paths: Iterable[str | Path], *, ontology_dir: Path | None = None, model: str | None = None,
          progress: Progress | None = None, n_process: int = 1, max_bytes: int = MAX_BYTES,
          time_budget: float = TIME_BUDGET, cache_dir: Path | None = None, full_parse: bool = False,
          dask_address: str | None = None, graph: bool = True, corrections: Path | None = None) -> BuildResult:
    """Build the knowledge graph of the articles under ``paths``.

    Returns the rdflib graph, the networkx view, the entities, claims and
    documents, what was skipped and the merge log. Files over ``max_bytes`` and
    articles whose parse runs over ``time_budget`` seconds are skipped and listed.
    With ``graph=False`` the rdflib graph is not built (None), for a graph streamed to a file.
    The ``corrections`` file (kg.corrections) is applied after extraction; what became of each
    of its lines is in the result's ``corrections``.
    Raises InputError when no article at all could be read, or the corrections file cannot be.
    """
    directory = ontology_folder(ontology_dir)
    # a broken ontology, catalog or rule file stops the build before any work
    load_rules(directory, frozenset(load_ontology(directory).relations))
    load_catalog(directory)
    fixes = load_corrections(corrections, directory)
    with ExitStack() as stack:
        cache = _open_cache(cache_dir, stack)
        # a file read before with the same bytes is not decoded and cleaned again
        documents, skipped = load_documents(paths, max_bytes=max_bytes, memo=cache if cache_dir else None)
        if not documents:
            reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:5]) or "no files found"
            raise InputError(f"no article could be read ({reasons})")
        return _build_cached(documents, skipped, directory, model, progress, n_process, time_budget, cache,
                             cache_dir is not None, full_parse, dask_address, graph, fixes)


CHUNK_ARTICLES = 16  # articles per task


def _chunks(todo: list[tuple]) -> list[list[tuple]]:
    """The work (tuples led by an article's index) cut where a build of every article would
    cut it, so an article is parsed in the same batch with or without a cache, by any runner."""
    chunks: dict[int, list[tuple]] = {}
    for item in todo:
        chunks.setdefault(item[0] // CHUNK_ARTICLES, []).append(item)
    return [chunks[k] for k in sorted(chunks)]


def build_documents(documents: Iterable[Document], *, skipped: Iterable[Skipped] = (),
                    ontology_dir: Path | None = None, model: str | None = None,
                    progress: Progress | None = None, n_process: int = 1,
                    time_budget: float = TIME_BUDGET, cache_dir: Path | None = None,
                    full_parse: bool = False, dask_address: str | None = None, graph: bool = True,
                    corrections: Path | None = None) -> BuildResult:
    """Build the graph of documents already loaded (for notebooks and tests); ``graph`` and
    ``corrections`` as in build.

    ``cache_dir`` keeps each article's parse, mentions and claims for the next build
    (see ``kg.pipeline.cache``); without it they are kept in a temporary folder for this build only.
    """
    directory = ontology_folder(ontology_dir)
    fixes = load_corrections(corrections, directory)
    with ExitStack() as stack:
        cache = _open_cache(cache_dir, stack)
        return _build_cached(documents, skipped, directory, model, progress,
                             n_process, time_budget, cache, cache_dir is not None, full_parse, dask_address, graph,
                             fixes)


def _open_cache(cache_dir: Path | None, stack: ExitStack) -> Cache:
    """The cache of the output folder ``cache_dir``, or one in a temporary folder for this build only."""
    folder = Path(cache_dir) / CACHE_DIR if cache_dir is not None else Path(
        stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-cache-")))
    cache = Cache(folder / CACHE_FILE)
    stack.callback(cache.close)
    return cache


def _build_cached(documents, skipped, directory: Path, model, progress, n_process, time_budget, cache: Cache,
                  keep: bool, full_parse: bool, dask_address, graph: bool,
                  fixes: Corrections = NO_CORRECTIONS) -> BuildResult:
    folder = str(directory.resolve())
    documents = mark_copies(documents)
    versions = Versions.of(directory, model, full_parse)
    inputs = input_digest(versions, documents, skipped, time_budget, fixes.digest)
    result = cache.last_result(inputs, documents) if keep else None
    if result is not None:  # the same articles, read the same way, as the last build: its result
        return _with_graphs(result, graph, changes=diff_contents(*[contents_of_build(result.entities, result.claims)] * 2))
    with ExitStack() as stack:
        runner = _LazyRunner(n_process, folder, model, dask_address)
        stack.callback(runner.close)
        result = _build(documents, list(skipped), folder, model, versions, cache, runner, progress, time_budget, graph,
                        full_parse, fixes)
    cache.forget_unused()
    if not keep:
        return result
    cache.put_last_result(inputs, result)
    return _with_changes(result, cache.path.parent / LAST_BUILD_FILE)


def _with_graphs(result: BuildResult, graph: bool, changes) -> BuildResult:
    articles = result.documents
    return replace(result, graph=build_graph(result.entities, articles, result.claims) if graph else None,
                   network=to_networkx(result.entities, result.claims, story_of(articles)), changes=changes)


def _with_changes(result: BuildResult, last_build: Path) -> BuildResult:
    """The result with what changed since the build whose contents ``last_build`` holds; it then holds this one's."""
    contents = contents_of_build(result.entities, result.claims)
    try:
        changes = diff_contents(load_contents(last_build), contents) if last_build.exists() else None
    except KGError:  # a damaged or older record: this build is then as a first one
        changes = None
    save_contents(contents, last_build)
    return replace(result, changes=changes)


class _LazyRunner:
    """Starts the workers (and loads the model) only when some article needs them."""

    def __init__(self, workers: int, directory: str, model: str | None, dask_address: str | None):
        self.workers, self.directory, self.model, self.dask_address = workers, directory, model, dask_address
        self._runner = None

    def map(self, function, tasks):
        if self._runner is None:
            check_model(self.model)
            self._runner = make_runner(self.workers, load_in_worker, (self.directory, self.model),
                                       dask_address=self.dask_address)
        return self._runner.map(function, tasks)

    def close(self) -> None:
        if self._runner is not None:
            self._runner.close()


def _build(documents: list[Document], skipped: list[Skipped], directory: str, model: str | None,
           versions: Versions, cache: Cache, runner, progress: Progress | None, time_budget: float,
           graph: bool, full_parse: bool, fixes: Corrections) -> BuildResult:
    catalog, _, ontology = extraction_setup(directory)
    total = 2 * len(documents)
    work: dict[str, int] = {}
    keys = [parse_key(versions, d, reading_text(d)) for d in documents]  # for both stages' entries
    parsed = _parse_stage(documents, keys, directory, model, versions, cache, runner, time_budget, full_parse,
                          work, lambda done: progress and progress(done, total))
    kept = [(document, article, key) for document, article, key in zip(documents, parsed, keys)
            if article.doc is not None]
    skipped += [_over_budget(document, time_budget, "parsing")
                for document, article in zip(documents, parsed) if article.doc is None]
    mentions = [m for _, article, _ in kept for m in article.mentions]
    # merges, splits and retypes before claims are read: the claims depend on them
    resolved = correct_resolution(resolve_entities(mentions, catalog), mentions, fixes.ops)
    resolution = resolved.resolution
    claims = _claim_stage(kept, resolution, directory, versions, cache, runner, time_budget, skipped, work,
                          lambda done: progress and progress(len(documents) + done, total))
    articles = tuple(document for document, _, _ in kept)
    corrected = correct_claims(resolution.entities.values(), claims, fixes.ops, resolution.merged, ontology)
    entities, claims = corrected.entities, corrected.claims
    rdf = build_graph(entities, articles, claims) if graph else None
    return BuildResult(graph=rdf, network=to_networkx(entities, claims, story_of(articles)), entities=entities,
                       claims=claims, documents=articles, skipped=tuple(skipped),
                       merge_log=resolution.merge_log, work=work,
                       corrections=in_line_order(fixes.invalid, resolved.outcomes, corrected.outcomes))


def _parse_stage(documents, keys, directory, model, versions, cache, runner, time_budget, full_parse, work,
                 progress) -> list[ParsedArticle]:
    """Every article's parse (bytes) and mentions, from the cache (under ``keys``) or made now."""
    found: list[ParsedArticle | None] = [None] * len(documents)
    todo: list[tuple[int, Document, bytes | None]] = []
    for index, (document, key) in enumerate(zip(documents, keys)):
        parse = cache.parse(key)
        mentions = cache.mentions(mentions_key(versions, key)) if parse is not None else None
        if parse is not None and (parse[0] is None or mentions is not None):
            words, refs = mentions or ((), ())
            found[index] = ParsedArticle(parse[0], words, parse[1], refs)
        else:
            todo.append((index, document, None if parse is None else parse[0]))
    work["articles parsed"] = sum(1 for _, _, cached in todo if cached is None)
    work["articles whose mentions were found again"] = len(todo) - work["articles parsed"]
    work["articles taken from the cache"] = len(documents) - len(todo)
    progress(len(documents) - len(todo))
    chunks = _chunks(todo)
    tasks = [([(document, cached) for _, document, cached in chunk], directory, model, time_budget, full_parse)
             for chunk in chunks]
    done = len(documents) - len(todo)
    for chunk, results in zip(chunks, runner.map(parse_chunk, tasks) if chunks else ()):
        for (index, _, cached), article in zip(chunk, results):
            if cached is None:
                cache.put_parse(keys[index], article.doc, article.seconds)
            else:  # a cached parse read with new rules: its parse time is the one it cost then
                article = replace(article, seconds=cache.parse(keys[index])[1] + article.seconds)
            if article.doc is not None:
                cache.put_mentions(mentions_key(versions, keys[index]), article.mentions, article.refs)
            # the Doc's bytes stay in the cache, not in memory, until the claim stage reads them
            found[index] = replace(article, doc=b"" if article.doc is not None else None)
        cache.commit()
        done += len(chunk)
        progress(done)
    return found


def _claim_stage(kept, resolution, directory, versions, cache, runner, time_budget, skipped, work, progress) -> list[Claim]:
    """Every kept article's claims, in article order, from the cache or read now."""
    per_article: list[list[Claim] | None] = [None] * len(kept)
    todo = []
    for index, (document, article, pkey) in enumerate(kept):
        resolved = ArticleResolution.of(article.mentions, article.refs, resolution)
        key = claims_key(versions, mentions_key(versions, pkey), document, resolved.digest_text())
        cached = cache.claims(key)
        if cached is not None:
            per_article[index] = cached[0]
            if cached[1]:
                skipped.append(_over_budget(document, time_budget, "reading claims: the rest of it was not read"))
        else:
            todo.append((index, key, pkey, resolved))
    work["articles whose claims were read"] = len(todo)
    work["articles whose claims came from the cache"] = len(kept) - len(todo)
    progress(len(kept) - len(todo))
    done = len(kept) - len(todo)
    chunks = _chunks(todo)

    def tasks():  # Doc bytes are read from the cache as the tasks go out, not all at once
        for chunk in chunks:
            yield ([(kept[i][0], cache.parse(pkey)[0], kept[i][1].mentions, resolved, kept[i][1].seconds)
                    for i, _, pkey, resolved in chunk], directory, time_budget)

    for chunk, results in zip(chunks, runner.map(read_chunk, tasks()) if chunks else ()):
        for (index, key, _, _), (claims, late) in zip(chunk, results):
            cache.put_claims(key, claims, late)
            per_article[index] = claims
            if late:
                skipped.append(_over_budget(kept[index][0], time_budget,
                                            "reading claims: the rest of it was not read"))
        cache.commit()
        done += len(chunk)
        progress(done)
    return [claim for claims in per_article for claim in claims]


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
