"""Rename, reject, add, confirm and distinct: corrections applied once the claims are read.

None of them changes what an article's sentences say, so none makes an article be read again.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..graph.assemble import claim_id
from ..model import APPLIED, INVALID, NOT_MATCHED, Claim, CorrectionOutcome, Entity
from ..ontology import Ontology
from .ops import RESOLUTION_OPS, Add, ClaimLocator, Confirm, Distinct, Op, Reject, Rename
from .resolution import missing_entity

__all__ = ["HAND_CONFIDENCE", "HAND_RULE", "CorrectedClaims", "correct_claims"]

HAND_RULE = "hand"  # the kgo:rule of a fact added by hand
# An analyst's fact is taken as they state it: no reading of a sentence can have gone wrong, and
# how firmly it holds is its modality (Possible, Planned). So it is sure, and so is its edge.
HAND_CONFIDENCE = 1.0


@dataclass(frozen=True)
class CorrectedClaims:
    entities: tuple[Entity, ...]  # sorted by id
    claims: tuple[Claim, ...]
    outcomes: tuple[CorrectionOutcome, ...]


class _State:
    def __init__(self, entities: Iterable[Entity], claims: Iterable[Claim], merged: dict[str, str],
                 ontology: Ontology):
        self.entities = {e.id: e for e in entities}
        self.claims = [(claim_id(c), c) for c in claims]
        self.merged, self.ontology = merged, ontology

    def current(self, eid: str) -> str:
        """The id an entity has now: the one it was merged into, if it was."""
        return self.merged.get(eid, eid)


def correct_claims(entities: Iterable[Entity], claims: Iterable[Claim], ops: Iterable[Op],
                   merged: dict[str, str], ontology: Ontology) -> CorrectedClaims:
    """Apply the ops that are not merges, splits or retypes, in order, to the entities and claims
    of a build whose ``merged`` ids (id merged away -> id it joined) the earlier ops gave."""
    state = _State(entities, _follow_merges(claims, merged), merged, ontology)
    outcomes = [_APPLY[type(op)](state, op) for op in ops if not isinstance(op, RESOLUTION_OPS)]
    return CorrectedClaims(tuple(state.entities[eid] for eid in sorted(state.entities)),
                           tuple(c for _, c in state.claims), tuple(outcomes))


def _follow_merges(claims: Iterable[Claim], merged: dict[str, str]) -> list[Claim]:
    """The claims with each id a merge took away replaced by the id it joined: a catalog id an
    article's words reach ("Iranian-backed") is read as itself. A claim whose two ends became one
    is left out, as extraction leaves out a relation of a thing with itself."""
    if not merged:
        return list(claims)
    joined = []
    for claim in claims:
        ends = {name: merged.get(getattr(claim, name), getattr(claim, name)) if getattr(claim, name) else None
                for name in ("subject", "object", "attributed_to", "reported_by")}
        if ends["subject"] != ends["object"]:
            items = tuple(dict.fromkeys(merged.get(item, item) for item in claim.items))
            joined.append(replace(claim, items=items, **ends))
    return joined


def _outcome(op: Op, status: str, reason: str) -> CorrectionOutcome:
    return CorrectionOutcome(op.line, op.name, status, reason)


def _rename(state: _State, op: Rename) -> CorrectionOutcome:
    entity = state.entities.get(op.entity)
    if entity is None:
        return _outcome(op, NOT_MATCHED, missing_entity(op.entity, state.merged))
    aliases = ({*entity.aliases, entity.label}) - {op.label}
    state.entities[op.entity] = replace(entity, label=op.label, aliases=tuple(sorted(aliases)))
    return _outcome(op, APPLIED, f"{op.entity} from {entity.label!r} to {op.label!r}")


def _matching(state: _State, locator: ClaimLocator) -> list[int]:
    """The places in ``state.claims`` of the claims the locator means: by id, else by where it was said."""
    if locator.claim:
        found = [i for i, (cid, _) in enumerate(state.claims) if cid == locator.claim]
        if found or not locator.document:
            return found
    subject, obj = state.current(locator.subject), state.current(locator.object)
    return [i for i, (_, c) in enumerate(state.claims)
            if (c.document, c.sentence, c.relation) == (locator.document, locator.sentence, locator.relation)
            and (not subject or c.subject == subject) and (not obj or c.object == obj)]


def _ids(state: _State, places: list[int]) -> str:
    return ", ".join(sorted({state.claims[i][0] for i in places}))


def _reject(state: _State, op: Reject) -> CorrectionOutcome:
    places = _matching(state, op.claim)
    if not places:
        return _outcome(op, NOT_MATCHED, f"no {op.claim.describe()}")
    reason = f"{len(places)} claim{'s' * (len(places) > 1)} removed: {_ids(state, places)}"
    gone = set(places)
    state.claims = [pair for i, pair in enumerate(state.claims) if i not in gone]
    return _outcome(op, APPLIED, reason)


def _confirm(state: _State, op: Confirm) -> CorrectionOutcome:
    places = _matching(state, op.claim)
    if not places:
        return _outcome(op, NOT_MATCHED, f"no {op.claim.describe()}")
    return _outcome(op, APPLIED, f"kept as it is: {_ids(state, places)}")


def _distinct(state: _State, op: Distinct) -> CorrectionOutcome:
    missing = [missing_entity(eid, state.merged) for eid in op.entities if eid not in state.entities]
    if missing:
        return _outcome(op, NOT_MATCHED, "; ".join(missing))
    return _outcome(op, APPLIED, f"kept apart: {', '.join(op.entities)}")


def _add(state: _State, op: Add) -> CorrectionOutcome:
    refs = [replace(ref, id=state.current(ref.id)) for ref in (op.subject, op.object, *op.items)]
    unknown = [ref.id for ref in refs if ref.id not in state.entities and not ref.label]
    if unknown:
        return _outcome(op, NOT_MATCHED, f"no entity {unknown[0]}; name one the graph lacks as "
                                         '{"id": .., "label": .., "type": ..}')
    types = [state.entities[ref.id].type if ref.id in state.entities else ref.type for ref in refs]
    wrong = _class_mismatch(state.ontology, op.relation, types)
    if wrong:
        return _outcome(op, INVALID, wrong)
    claim = _hand_claim(op, [ref.id for ref in refs])
    cid = claim_id(claim)
    if any(cid == known for known, _ in state.claims):
        return _outcome(op, NOT_MATCHED, f"the same fact, by the same hand and note, as an earlier line: {cid}")
    for ref in refs:
        state.entities.setdefault(ref.id, Entity(id=ref.id, label=ref.label, type=ref.type))
    state.claims.append((cid, claim))
    return _outcome(op, APPLIED, f"{cid}: {claim.subject} {claim.relation} {claim.object}")


def _class_mismatch(ontology: Ontology, relation: str, types: list[str]) -> str:
    """Why the ends' classes do not fit the relation (its domain, its range, kgo:item's range), or ""."""
    allowed = ontology.relations[relation]
    ends = [("subject", types[0], allowed.domain), ("object", types[1], allowed.range)]
    ends += [("item", cls, tuple(sorted(ontology.range_classes("item")))) for cls in types[2:]]
    for end, cls, classes in ends:
        if cls not in classes:
            return f"the {end} of {relation} is a {cls}; it must be one of {', '.join(classes)}"
    return ""


def _hand_claim(op: Add, ids: list[str]) -> Claim:
    return Claim(subject=ids[0], relation=op.relation, object=ids[1], document="", sentence=-1, text="",
                 start_char=0, end_char=0, modality=op.modality, items=tuple(ids[2:]), date=op.date or None,
                 rule=HAND_RULE, confidence=HAND_CONFIDENCE, added_by=op.by, note=op.note)


_APPLY = {Rename: _rename, Reject: _reject, Confirm: _confirm, Distinct: _distinct, Add: _add}

