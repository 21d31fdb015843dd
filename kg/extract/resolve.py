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
from dataclasses import dataclass, replace

from .catalog import Catalog
from ..model import Entity, Mention

logger = logging.getLogger(__name__)

MentionKey = tuple[str, int, int]  # (document id, first token, end token)


@dataclass(frozen=True)
class Resolution:
    entities: dict[str, Entity]
    entity_of: dict[MentionKey, str]
    merge_log: tuple[str, ...]


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entity"


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def _longer_names(name: str, candidates: set[str]) -> list[str]:
    """Candidates that end with ``name`` as whole words and are longer."""
    return sorted(c for c in candidates if c != name and c.endswith(" " + name))


def _join_names(names: set[str], cls: str, catalog_labels: dict[str, str], log: list[str]) -> dict[str, str]:
    """Map each short or abbreviated name to the one fuller name it stands for."""
    targets = names | set(catalog_labels)
    joined = {}
    for name in sorted(names):
        options = _longer_names(name, targets)
        if cls == "Person" and " " not in name and not options:
            # a lone first name, "[Prime Minister Benjamin] Netanyahu"
            options = sorted(t for t in targets if t.startswith(name + " "))
        if cls != "Person" and name.isupper() and 2 <= len(name) <= 6:
            options += [t for t in sorted(targets) if len(t.split()) > 1 and _initials(t) == name]
        options = sorted(set(options))
        if len(options) == 1:
            joined[name] = options[0]
            log.append(f"joined {cls} '{name}' -> '{options[0]}'")
        elif len(options) > 1:
            log.append(f"left apart {cls} '{name}': could be {', '.join(options)}")
    return joined


def _follow(name: str, joined: dict[str, str]) -> str:
    seen = set()
    while name in joined and name not in seen:
        seen.add(name)
        name = joined[name]
    return name


def _ner_ids(mentions: list[Mention], catalog: Catalog, log: list[str]) -> dict[tuple[str, str], str]:
    """Entity id for each (class, NER name)."""
    by_class: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.key not in catalog.entries:
            by_class[m.type].add(m.key)
    ids: dict[tuple[str, str], str] = {}
    taken = {eid: e.type for eid, e in catalog.entries.items()}
    for cls in sorted(by_class):
        labels = {e.label: eid for eid, e in catalog.entries.items() if e.type == cls}
        joined = _join_names(by_class[cls], cls, labels, log)
        for name in sorted(by_class[cls]):
            target = _follow(name, joined)
            if target in labels:
                ids[(cls, name)] = labels[target]
                continue
            slug = slugify(target)
            if taken.get(slug, cls) != cls:
                slug = f"{slug}-{cls.lower()}"
            taken[slug] = cls
            ids[(cls, name)] = slug
    return ids


def _entity_id(m: Mention, catalog: Catalog, ner_ids: dict[tuple[str, str], str]) -> str | None:
    if m.key in catalog.entries:
        return m.key
    return ner_ids.get((m.type, m.key))


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
        if m.source in ("catalog", "ner"):
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


def _majority_class(mentions: list[Mention], log: list[str]) -> list[Mention]:
    """One class for a name NER tags now as an organisation, now as a place
    ("Khan Younis" ORG and GPE): the class most of its mentions have. A person
    and a non-person of the same name stay apart."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.source == "ner" and m.type != "Person":
            votes[m.key][m.type] += 1
    chosen = {}
    for key, counts in votes.items():
        if len(counts) > 1:
            cls = max(sorted(counts), key=lambda c: counts[c])
            chosen[key] = cls
            log.append(f"typed '{key}' as {cls} ({counts[cls]} of {sum(counts.values())} mentions)")
    return [replace(m, type=chosen[m.key]) if m.source == "ner" and m.type != "Person" and m.key in chosen else m
            for m in mentions]


def resolve_entities(mentions: list[Mention], catalog: Catalog) -> Resolution:
    """Give every mention an entity id and describe each entity once."""
    log: list[str] = []
    mentions = _majority_class(_retype_surnames(mentions, catalog, log), log)
    ner_ids = _ner_ids(mentions, catalog, log)
    assigned: dict[MentionKey, str] = {}
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    for (cls, name), eid in ner_ids.items():
        types.setdefault(eid, cls)
        if len(name) > len(labels.get(eid, "")):
            labels[eid] = name
    for m in mentions:
        eid = _entity_id(m, catalog, ner_ids)
        if eid is not None:
            assigned[(m.doc_id, m.start, m.end)] = eid
    entities = _build_entities(assigned, mentions, catalog, labels, types)
    return Resolution(entities=entities, entity_of=assigned, merge_log=tuple(sorted(set(log))))
