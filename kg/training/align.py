"""Labels for a theme's claims, from its gold facts.

A claim is right when a gold fact, core or optional, accepts its (subject, relation, object),
matching names as ``kg score`` does: an entity of the build stands for the gold entity one of
whose names is its label or one of its aliases (the first such entity in alphabetical order).
Gold files may carry each fact's evidence as the sentence that states it, or as character
offsets into the article (see the labelling guide): either is read; neither is needed here.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..evaluate.gold import GoldError, normalise, parse_gold
from ..model import Entity

EXTRA_FACT_KEYS = ("evidence",)
EXTRA_TOP_KEYS = ("articles",)


def _check_evidence(raw: object, where: str) -> None:
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: must map article ids to a sentence or to [start, end]")
    for doc, value in raw.items():
        offsets = isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)
        if not (isinstance(value, str) or offsets and 0 <= value[0] <= value[1]):
            raise GoldError(f'{where}["{doc}"]: must be a sentence or [start, end] character offsets')


def _one_owner(data: dict) -> dict:
    """The gold file with each name given to one entity only: a name a reader gave to two
    entities stays with the first that declared it, and a fact naming it means that one.
    (``kg score`` stops at such a file; training reads it as best it can.)"""
    entities = data.get("entities")
    if not isinstance(entities, dict):
        return data
    owner: dict[str, str] = {}
    kept = {}
    for name, spec in entities.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("aliases", []), list):
            kept[name] = spec
            continue
        if owner.setdefault(normalise(name), name) != name:
            continue  # declared as another entity's alias: that entity it is
        aliases = [a for a in spec.get("aliases", []) if isinstance(a, str)
                   and owner.setdefault(normalise(a), name) == name]
        kept[name] = {**spec, "aliases": aliases} if "aliases" in spec else spec

    def named(value):
        if isinstance(value, str):
            return owner.get(normalise(value), value)
        return [named(v) for v in value] if isinstance(value, list) else value

    facts = [{**f, **{k: named(f[k]) for k in ("s", "o", "items") if k in f}} if isinstance(f, dict) else f
             for f in data.get("facts", [])]
    return {**data, "entities": kept, "facts": facts}


def gold_of(data: dict, relations: tuple[str, ...], where: str = "gold.json"):
    """The Gold of a labelled theme's gold file, its evidence checked and set aside."""
    try:
        if not isinstance(data, dict):
            raise GoldError("must be a JSON object")
        data = _one_owner(data)
        facts = []
        for i, fact in enumerate(data.get("facts", [])):
            if isinstance(fact, dict):
                if "evidence" in fact:
                    _check_evidence(fact["evidence"], f"facts[{i}].evidence")
                fact = {k: v for k, v in fact.items() if k not in EXTRA_FACT_KEYS}
            facts.append(fact)
        top = {k: v for k, v in data.items() if k not in EXTRA_TOP_KEYS}
        return parse_gold({**top, "facts": facts} if "facts" in data else top, relations)
    except GoldError as err:
        raise InputError(f"{where}: {err}") from None


@dataclass(frozen=True)
class Alignment:
    labels: tuple[bool, ...]  # per claim: some fact accepts it
    core: tuple[frozenset[int], ...]  # per claim: the core facts (by index) it states
    core_total: int


def align(claims, entities: dict[str, Entity], gold) -> Alignment:
    by_name = gold.entity_by_name()
    entity_of = {}
    for eid, entity in entities.items():
        hits = sorted({by_name[n] for n in map(normalise, (entity.label, *entity.aliases)) if n in by_name})
        if hits:
            entity_of[eid] = hits[0]
    facts = gold.facts
    core_ids = [i for i, f in enumerate(facts) if f.core]
    labels, core = [], []
    for claim in claims:
        s, o = entity_of.get(claim.subject), entity_of.get(claim.object)
        accepting = [i for i, f in enumerate(facts)
                     if s is not None and o is not None and f.relation == claim.relation
                     and s in f.subjects and o in f.objects]
        labels.append(bool(accepting))
        core.append(frozenset(i for i in accepting if facts[i].core))
    return Alignment(tuple(labels), tuple(core), len(core_ids))
