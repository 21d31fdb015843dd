"""The entity catalog: canonical names, aliases, classes and Wikidata links.

The catalog is data (``ontology/entities.jsonl``, one entity per line) so a
user adds an actor without touching Python. Keys: id, label, class, aliases,
demonyms, descriptors, sameAs, and for a Person ``state``: the id of the State
whose offices they hold or held ("donald-trump": "united-states").
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import OntologyError
from ..ingest.datafiles import read_jsonl
from ..model import CLASSES

logger = logging.getLogger(__name__)

CATALOG_FILE = "entities.jsonl"
_KNOWN_KEYS = {"id", "label", "class", "aliases", "demonyms", "descriptors", "sameAs", "state"}


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    descriptors: tuple[str, ...] = ()
    same_as: str | None = None
    # a person's: the state whose offices they hold or held, so a bare "President X" in a story of
    # several states is still that state's, as a reader who knows X reads it
    state: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Catalog:
    entries: dict[str, CatalogEntry]
    by_name: dict[str, str]  # normalised alias -> entry id
    by_demonym: dict[str, str]  # lowercased demonym -> entry id

    def lookup(self, name: str) -> str | None:
        """The id of the entry one of whose names is ``name``, if any."""
        return self.by_name.get(normalise_name(name))

    def abbreviated_compound(self, word: str) -> tuple[str, str] | None:
        """(entry id, the word after the hyphen) of one token the tokenizer kept whole after an
        abbreviation: "U.S.-backed" -> ("united-states", "backed"); None for any other word."""
        prefix, hyphen, last = word.rpartition("-")
        if not hyphen or not prefix.endswith("."):
            return None
        actor = self.lookup(prefix)
        return (actor, last) if actor is not None else None


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # the id is the local part of the entity's IRI


def normalise_name(name: str) -> str:
    """Lowercase, without a leading article, possessive or punctuation."""
    text = name.strip().lower().replace("’", "'")
    text = re.sub(r"^(the)\s+", "", text)
    text = re.sub(r"'s?$", "", text)
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


def _entry(record: dict, where: str) -> CatalogEntry:
    unknown = set(record) - _KNOWN_KEYS
    if unknown:
        raise OntologyError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_KNOWN_KEYS)}")
    for key in ("id", "label", "class"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            raise OntologyError(f"{where}: '{key}' is missing or not a string")
    if not _SLUG.fullmatch(record["id"]):
        raise OntologyError(f"{where}: id '{record['id']}' is not a slug; use lowercase letters, digits "
                            "and single hyphens, such as 'wagner-group'")
    if record["class"] not in CLASSES:
        raise OntologyError(
            f"{where}: unknown class '{record['class']}'; use one of {', '.join(CLASSES)}"
        )
    return CatalogEntry(
        id=record["id"],
        label=record["label"],
        type=record["class"],
        aliases=tuple(record.get("aliases", ())),
        demonyms=tuple(record.get("demonyms", ())),
        descriptors=tuple(record.get("descriptors", ())),
        same_as=record.get("sameAs"),
        state=record.get("state") or None,
    )


def _iso_names(country) -> list[str]:
    """A pycountry record's names, "Korea, Republic of" read as "Republic of Korea"."""
    names = []
    for attr in ("common_name", "name", "official_name"):
        name = getattr(country, attr, None)
        if not name:
            continue
        name = re.sub(r"\s*\([^()]*\)", "", name)  # "Falkland Islands (Malvinas)"
        head, _, tail = name.partition(", ")
        if re.search(r"\b(?:of|of the)$", tail):
            name = f"{tail} {head}"
        elif tail:
            continue  # "Saint Helena, Ascension and Tristan da Cunha" reads no other way
        names.append(re.sub(r"^the ", "", name))
    return list(dict.fromkeys(names))


def _with_country_names(entries: dict[str, CatalogEntry]) -> tuple[dict[str, CatalogEntry], int, int]:
    """The catalog's states with the ISO 3166 names pycountry has for them
    ("Syrian Arab Republic", "Hashemite Kingdom of Jordan"), and each country of
    ISO 3166 the catalog lacks (a dependent territory: "Greenland") as a Place.
    The catalog file stays first: a name it already uses is never taken."""
    import pycountry

    used = {normalise_name(n) for e in entries.values() for n in e.names}
    states = {normalise_name(n): e.id for e in entries.values() if e.type == "State" for n in e.names}
    entries = dict(entries)
    named = added = 0
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        names = _iso_names(country)
        owner = next((states[normalise_name(n)] for n in names if normalise_name(n) in states), None)
        fresh = list({normalise_name(n): n for n in reversed(names) if normalise_name(n) not in used}.values())[::-1]
        if owner is not None:
            if fresh:
                entry = entries[owner]
                entries[owner] = CatalogEntry(entry.id, entry.label, entry.type, entry.aliases + tuple(fresh),
                                              entry.demonyms, entry.descriptors, entry.same_as)
                named += len(fresh)
        elif fresh and len(fresh) == len(names):
            label, *aliases = fresh
            eid = re.sub(r"[^a-z0-9]+", "-", normalise_name(label)).strip("-")
            if eid in entries or not _SLUG.fullmatch(eid):
                continue
            entries[eid] = CatalogEntry(eid, label, "Place", tuple(aliases))
            added += 1
        used.update(normalise_name(n) for n in fresh)
    return entries, named, added


def _index(entries: dict[str, CatalogEntry], path: Path, lines: dict[str, int]) -> Catalog:
    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    for entry in entries.values():
        for name in entry.names:
            key = normalise_name(name)
            other = by_name.get(key)
            if other and other != entry.id:
                raise OntologyError(
                    f"{path}:{lines[entry.id]}: alias '{name}' is already used by '{other}' "
                    f"(line {lines[other]}); remove it from one of the two entries"
                )
            by_name[key] = entry.id
        for demonym in entry.demonyms:
            by_demonym.setdefault(demonym.lower(), entry.id)
    return Catalog(entries=entries, by_name=by_name, by_demonym=by_demonym)


@lru_cache(maxsize=8)
def _load(path_str: str) -> Catalog:
    path = Path(path_str)
    entries: dict[str, CatalogEntry] = {}
    lines: dict[str, int] = {}
    for number, record in read_jsonl(path, "entity catalog"):
        entry = _entry(record, f"{path}:{number}")
        if entry.id in entries:
            raise OntologyError(f"{path}:{number}: duplicate id '{entry.id}' (first on line {lines[entry.id]})")
        entries[entry.id] = entry
        lines[entry.id] = number
    file_ids = set(entries)
    for eid, entry in entries.items():
        if entry.state is not None and (entry.type != "Person" or
                                        entries.get(entry.state, entry).type != "State"):
            raise OntologyError(f"{path}:{lines[eid]}: 'state' is for a Person and must be the id of a "
                                f"State of the catalog, not '{entry.state}'")
    entries, named, added = _with_country_names(entries)
    logger.info("catalog: %d entries from %s, %d ISO 3166 names added to its states, %d places added",
                len(file_ids), path.name, named, added)
    return _index(entries, path, lines)


def load_catalog(directory: Path) -> Catalog:
    """Read and check ``entities.jsonl`` in the ontology ``directory``."""
    return _load(str((Path(directory) / CATALOG_FILE).resolve()))
