"""Gold files: the facts a person read in a corpus, against which `kg score` measures a graph.

The format is described for users in docs/gold-format.md. In short, a JSON object with

- ``facts`` (required): ``{"s": ..., "r": ..., "o": ..., "core": true, "items": [...], "docs": [...]}``
  where ``s`` and ``o`` are an entity name or a list of acceptable alternatives;
- ``entities`` (optional): name -> ``{"aliases": [...], "core": true}``; a name used in a fact and
  not declared here is an entity known by that name alone;
- ``relations`` (optional): relation id -> other names its predicate may have; by default kg's
  own relations, each known by its id;
- ``acceptable`` and ``noise`` (optional): names of entities that are fine to find, and names of
  things that are not entities at all.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import KGError

FACT_KEYS = frozenset({"s", "r", "o", "core", "items", "docs", "note"})
ENTITY_KEYS = frozenset({"aliases", "core", "class", "note"})
TOP_KEYS = frozenset({"about", "relations", "entities", "acceptable", "noise", "facts"})


class GoldError(KGError):
    """A gold file that cannot be read: names the file, the place in it and what is wrong."""


def normalise(name: str) -> str:
    """The form names are compared in: lowercase, only the letters a-z and the digits kept.

    So "U.S." and "US", "Pantsir-S1" and "Pantsir S1" are the same name.
    """
    return re.sub(r"[^0-9a-z]", "", name.lower())


@dataclass(frozen=True)
class GoldEntity:
    name: str
    aliases: tuple[str, ...]
    core: bool


@dataclass(frozen=True)
class GoldFact:
    """One fact: any of ``subjects`` stands in ``relation`` to any of ``objects``."""

    subjects: tuple[str, ...]
    relation: str
    objects: tuple[str, ...]
    core: bool = True
    items: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    note: str = ""

    @property
    def title(self) -> str:
        return f"{self.subjects[0]} {self.relation} {self.objects[0]}"


@dataclass(frozen=True)
class Gold:
    relations: dict[str, str]          # normalised predicate name -> relation id
    entities: dict[str, GoldEntity]    # declared or implied by a fact, in file order
    acceptable: frozenset[str]         # normalised names
    noise: frozenset[str]              # normalised names
    facts: tuple[GoldFact, ...]

    def entity_by_name(self) -> dict[str, str]:
        """Normalised name or alias -> the gold entity it names."""
        return {normalise(n): e.name for e in self.entities.values() for n in (e.name, *e.aliases)}


def load_gold(path: Path, default_relations: tuple[str, ...]) -> Gold:
    """Read a gold file; raise GoldError naming the file, where and what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: gold file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"{path}: cannot read the gold file: {err}") from None
    except json.JSONDecodeError as err:
        raise GoldError(f"{path}: invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}") from None
    try:
        return parse_gold(data, default_relations)
    except GoldError as err:
        raise GoldError(f"{path}: {err}") from None


def parse_gold(data: object, default_relations: tuple[str, ...]) -> Gold:
    """A Gold from the decoded JSON of a gold file (see the module docstring)."""
    top = _object(data, "top level", TOP_KEYS)
    if "facts" not in top:
        raise GoldError('no "facts": a gold file lists its facts under "facts" (see docs/gold-format.md)')
    relations = _relations(top.get("relations"), default_relations)
    facts = tuple(_fact(raw, f"facts[{i}]", set(relations.values()))
                  for i, raw in enumerate(_list(top["facts"], '"facts"')))
    entities = _entities(top.get("entities", {}), facts)
    return Gold(relations=relations, entities=entities,
                acceptable=frozenset(map(normalise, _names(top.get("acceptable", []), '"acceptable"'))),
                noise=frozenset(map(normalise, _names(top.get("noise", []), '"noise"'))),
                facts=facts)


def _relations(raw: object, default_relations: tuple[str, ...]) -> dict[str, str]:
    if raw is None:
        return {normalise(r): r for r in default_relations}
    names: dict[str, str] = {}
    for rid, synonyms in _object(raw, '"relations"').items():
        for name in (rid, *_names(synonyms, f'relations["{rid}"]')):
            _claim_name(names, normalise(name), rid, f'relations["{rid}"]', "relation")
    return names


def _entities(raw: object, facts: tuple[GoldFact, ...]) -> dict[str, GoldEntity]:
    entities = {}
    for name, spec in _object(raw, '"entities"').items():
        where = f'entities["{name}"]'
        spec = _object(spec, where, ENTITY_KEYS)
        entities[name] = GoldEntity(name, _names(spec.get("aliases", []), f"{where}.aliases"),
                                    _flag(spec.get("core", True), f"{where}.core"))
    # A name a fact uses without declaring it is an entity of that name alone; it counts for
    # entity recall when it is the first name on a side of a core fact.
    leading = {side[0] for fact in facts if fact.core for side in (fact.subjects, fact.objects)}
    for fact in facts:
        for name in (*fact.subjects, *fact.objects, *fact.items):
            if name not in entities:
                entities[name] = GoldEntity(name, (), name in leading)
    owner: dict[str, str] = {}
    for entity in entities.values():
        for name in (entity.name, *entity.aliases):
            _claim_name(owner, normalise(name), entity.name, f'entities["{entity.name}"]', "entity")
    return entities


def _claim_name(owner: dict[str, str], key: str, value: str, where: str, kind: str) -> None:
    """Record that ``key`` names ``value``; a name may mean only one thing."""
    if not key:
        raise GoldError(f"{where}: a name needs at least one letter or digit")
    if owner.setdefault(key, value) != value:
        raise GoldError(f"{where}: the name {key!r} already names the {kind} {owner[key]!r}; "
                        f"a name must mean one {kind} only")


def _fact(raw: object, where: str, relation_ids: set[str]) -> GoldFact:
    spec = _object(raw, where, FACT_KEYS)
    for key in ("s", "r", "o"):
        if key not in spec:
            raise GoldError(f'{where}: missing "{key}" (a fact has "s", "r" and "o")')
    relation = spec["r"]
    if not isinstance(relation, str):
        raise GoldError(f"{where}.r: must be the name of one relation")
    if relation not in relation_ids:
        raise GoldError(f"{where}: unknown relation {relation!r}; known: {', '.join(sorted(relation_ids))}")
    note = spec.get("note", "")
    if not isinstance(note, str):
        raise GoldError(f"{where}.note: must be a string")
    return GoldFact(subjects=_alternatives(spec["s"], f"{where}.s"), relation=relation,
                    objects=_alternatives(spec["o"], f"{where}.o"), core=_flag(spec.get("core", True), f"{where}.core"),
                    items=_names(spec.get("items", []), f"{where}.items"),
                    docs=_names(spec.get("docs", []), f"{where}.docs"), note=note)


def _alternatives(raw: object, where: str) -> tuple[str, ...]:
    names = _names([raw] if isinstance(raw, str) else raw, where)
    if not names:
        raise GoldError(f"{where}: give at least one name")
    return names


def _names(raw: object, where: str) -> tuple[str, ...]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise GoldError(f"{where}: must be a list of non-empty strings")
    return tuple(raw)


def _flag(raw: object, where: str) -> bool:
    if not isinstance(raw, bool):
        raise GoldError(f"{where}: must be true or false")
    return raw


def _object(raw: object, where: str, allowed: frozenset[str] | None = None) -> dict:
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: must be a JSON object")
    unknown = sorted(set(raw) - allowed) if allowed is not None else []
    if unknown:
        raise GoldError(f"{where}: unknown key {unknown[0]!r}; known: {', '.join(sorted(allowed))}")
    return raw


def _list(raw: object, where: str) -> list:
    if not isinstance(raw, list):
        raise GoldError(f"{where}: must be a JSON list")
    return raw
