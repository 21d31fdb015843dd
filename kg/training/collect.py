"""A labelled folder's articles read as a build reads them, every claim kept with its features.

A labelled folder holds themes: ``THEME/articles/`` (or the articles its gold file lists) and
``THEME/gold.json``. Each theme is read on its own, as ``kg build THEME/articles`` would read
it, but without the judge: the claims the rules and the loose reader propose, each with the
features the judge sees (``kg.judge.features``).

Parsing is nearly all of the time: with ``cache_dir`` each article's parse is kept there under
its text, the language model and the entity catalog (not kg's code), so training again after
a change of the rules or the features does not parse again.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from ..pipeline.cache import Cache, digest, files_digest, model_version
from ..errors import InputError
from ..extract.catalog import CATALOG_FILE
from ..extract.claims import extract_claims
from ..extract.nlp import check_model, reading_text
from ..extract.resolve import resolve_entities
from ..limits import TIME_BUDGET
from ..ingest.load import load_documents
from ..model import ArticleResolution, Claim, Document, Entity
from ..pipeline.parse import extraction_setup, parse_chunk, reading_vocab
from ..pipeline.read_claims import article_context
from ..ingest.syndication import mark_copies
from ..judge.features import ArticleView, mention_sources

CHUNK = 16


@dataclass(frozen=True)
class Theme:
    name: str
    gold: dict  # the gold file's JSON
    documents: tuple[Document, ...]
    entities: dict[str, Entity]
    claims: tuple[Claim, ...]
    features: tuple[tuple[str, ...], ...]  # one per claim


def theme_folders(paths) -> list[Path]:
    """The theme folders under ``paths``: a folder with a gold.json, or the folders holding one."""
    found = []
    for path in map(Path, paths):
        if (path / "gold.json").is_file():
            found.append(path)
        elif path.is_dir():
            found += sorted(p for p in path.iterdir() if (p / "gold.json").is_file())
        else:
            raise InputError(f"{path}: not a folder")
    if not found:
        raise InputError("no labelled theme (a folder with a gold.json) under " + ", ".join(map(str, paths)))
    return found


def article_paths(theme: Path, gold: dict, root: Path | None = None) -> list[Path]:
    """The articles of a theme: its ``articles`` folder, or the files its gold file lists under
    "articles" (the form whose evidence is character offsets): a list of paths, or an object of
    article id -> path, each relative to the gold file's folder or else to ``root``."""
    if (theme / "articles").is_dir():
        return [theme / "articles"]
    listed = gold.get("articles")
    if isinstance(listed, dict):
        listed = [listed[key] for key in sorted(listed)]
    if not isinstance(listed, list) or not listed or not all(isinstance(p, str) for p in listed):
        raise InputError(f"{theme}: no articles/ folder and no \"articles\" list in gold.json")
    paths = []
    for listed_path in listed:
        found = [base / listed_path for base in (theme, root) if base is not None and (base / listed_path).is_file()]
        if not found:
            where = f"{theme}" + (f" or {root}" if root is not None else " (give --articles-root)")
            raise InputError(f"{theme / 'gold.json'}: article {listed_path} not found under {where}")
        paths.append(found[0].resolve())
    return paths


def read_theme(theme: Path, directory: Path, model: str | None = None, cache_dir: Path | None = None,
               loose: bool = True, articles_root: Path | None = None) -> Theme:
    gold = json.loads((theme / "gold.json").read_text(encoding="utf-8"))
    documents, _ = load_documents(article_paths(theme, gold, articles_root))
    documents = mark_copies(documents)
    folder = str(Path(directory).resolve())
    catalog, _, ontology = extraction_setup(folder)
    base = digest(model_version(model), files_digest([Path(directory) / CATALOG_FILE]))
    cache = Cache(Path(cache_dir) / "parses.sqlite") if cache_dir else None
    try:
        parsed = []
        for start in range(0, len(documents), CHUNK):
            chunk = documents[start:start + CHUNK]
            keys = [digest(base, d.id, reading_text(d)) for d in chunk]
            cached = [cache.parse(k) if cache else None for k in keys]
            if any(c is None for c in cached):
                check_model(model)
            tasks = [(d, c[0] if c else None) for d, c in zip(chunk, cached)]
            articles = parse_chunk(tasks, folder, model, TIME_BUDGET)
            for key, c, article in zip(keys, cached, articles):
                if cache and c is None:
                    cache.put_parse(key, article.doc, article.seconds)
            if cache:
                cache.commit()
            parsed += articles
    finally:
        if cache:
            cache.close()
    kept = [(d, a) for d, a in zip(documents, parsed) if a.doc is not None]
    resolution = resolve_entities([m for _, a in kept for m in a.mentions], catalog)
    claims: list[Claim] = []
    features: list[tuple[str, ...]] = []
    for document, article in kept:
        resolved = ArticleResolution.of(article.mentions, article.refs, resolution)
        doc = Doc(reading_vocab()).from_bytes(article.doc)
        ctx = article_context(doc, article.mentions, resolved, catalog, extraction_setup(folder)[1])
        found = extract_claims(ctx, document, ontology, loose=loose)
        view = ArticleView(ctx, mention_sources(article.mentions, resolved), found)
        for claim in found:
            claims.append(claim)
            features.append(view.features(claim))
    return Theme(theme.name, gold, tuple(d for d, _ in kept), dict(resolution.entities), tuple(claims),
                 tuple(features))
