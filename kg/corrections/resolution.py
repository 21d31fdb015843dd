"""Merge, split and retype: corrections of entity resolution, applied before claims are read.

The claims of an article are read again exactly when these change which entity one of its
mentions names, or that entity's class (``ArticleResolution`` is in their cache key): a merge
re-reads the articles of the merged entities, nothing is parsed again.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..extract.resolve import MentionKey, Resolution
from ..model import APPLIED, NOT_MATCHED, CorrectionOutcome, Entity, Mention
from .ops import RESOLUTION_OPS, Merge, Op, Retype, Split

__all__ = ["CorrectedResolution", "correct_resolution", "missing_entity", "same_name"]

# The mentions whose words become an entity's aliases (not pronouns, not demonyms), as in resolution.
_NAMING_SOURCES = ("catalog", "ner", "collective")


@dataclass(frozen=True)
class CorrectedResolution:
    """The resolution after the file's merges, splits and retypes (its ``merged`` says which ids
    merges took away), and what became of each of those lines."""

    resolution: Resolution
    outcomes: tuple[CorrectionOutcome, ...] = ()


def missing_entity(eid: str, merged: dict[str, str]) -> str:
    """Why a line's entity matches nothing: no such entity, or one an earlier line merged away."""
    joined = f" (merged into {merged[eid]} by an earlier line)" if eid in merged else ""
    return f"no entity {eid}{joined}"


def same_name(text: str) -> str:
    """A name as a split compares it: ignoring case and runs of spaces."""
    return " ".join(text.split()).casefold()


class _State:
    """The entities and which mentions name each, changed op by op (copies: the input is left as it was)."""

    def __init__(self, resolution: Resolution, mentions: Iterable[Mention]):
        self.entities = dict(resolution.entities)
        self.entity_of = dict(resolution.entity_of)
        self.members: dict[str, dict[MentionKey, Mention]] = defaultdict(dict)
        for m in mentions:
            key = (m.doc_id, m.start, m.end)
            if key in self.entity_of:
                self.members[self.entity_of[key]][key] = m
        self.merged = dict(resolution.merged)
        self.log: list[str] = []

    def missing(self, eid: str) -> str:
        return missing_entity(eid, self.merged)

    def move(self, keys: Iterable[MentionKey], source: str, target: str) -> None:
        for key in list(keys):
            self.members[target][key] = self.members[source].pop(key)
            self.entity_of[key] = target

    def recount(self, eid: str, aliases: Iterable[str]) -> None:
        """The entity's mentions and articles counted again; gone when no mention names it any more."""
        members = self.members.get(eid, {})
        if not members:
            self.entities.pop(eid, None)
            return
        entity = self.entities[eid]
        self.entities[eid] = replace(entity, aliases=tuple(sorted(set(aliases) - {entity.label})),
                                     mentions=len(members), documents=tuple(sorted({k[0] for k in members})))


def correct_resolution(resolution: Resolution, mentions: Iterable[Mention], ops: Iterable[Op]) -> CorrectedResolution:
    """Apply the merges, splits and retypes among ``ops``, in order, to ``resolution`` (whose
    ``mentions`` are these); the other ops are left for after claims are read."""
    state = _State(resolution, mentions)
    outcomes = [_APPLY[type(op)](state, op) for op in ops if isinstance(op, RESOLUTION_OPS)]
    corrected = Resolution(state.entities, state.entity_of, resolution.merge_log + tuple(state.log), state.merged)
    return CorrectedResolution(corrected, tuple(outcomes))


def _outcome(op: Op, status: str, reason: str) -> CorrectionOutcome:
    return CorrectionOutcome(op.line, op.name, status, reason)


def _merge(state: _State, op: Merge) -> CorrectionOutcome:
    into = state.merged.get(op.into, op.into)
    for eid in (op.from_, into):
        if eid not in state.entities:
            return _outcome(op, NOT_MATCHED, state.missing(op.from_ if eid == op.from_ else op.into))
    if into == op.from_:
        return _outcome(op, NOT_MATCHED, f"{op.into} was merged into {op.from_} by an earlier line")
    source = state.entities[op.from_]
    state.move(state.members[op.from_], op.from_, into)
    state.recount(into, {*state.entities[into].aliases, source.label, *source.aliases})
    del state.entities[op.from_]
    state.merged.update({old: into for old, new in state.merged.items() if new == op.from_})
    state.merged[op.from_] = into
    state.log.append(f"merged '{op.from_}' into '{into}' by correction, line {op.line}")
    return _outcome(op, APPLIED, f"{op.from_} into {into}: {source.mentions} mentions in "
                                 f"{len(source.documents)} articles")


def _split(state: _State, op: Split) -> CorrectionOutcome:
    if op.entity not in state.entities:
        return _outcome(op, NOT_MATCHED, state.missing(op.entity))
    names = {same_name(n) for n in op.names}
    moving = [key for key, m in sorted(state.members[op.entity].items())
              if (not op.documents or m.doc_id in op.documents) and (not names or same_name(m.text) in names)]
    if not moving:
        where = [f"in {', '.join(op.documents)}"] if op.documents else []
        where += [f"named {' or '.join(op.names)}"] if op.names else []
        return _outcome(op, NOT_MATCHED, f"no mention of {op.entity} {' '.join(where)}")
    target = op.new.id
    joins = target in state.entities  # an entity of that id already: the mentions join it as it is
    if not joins:
        state.entities[target] = Entity(id=target, label=op.new.label, type=op.new.type)
    old = state.entities[op.entity]
    state.move(moving, op.entity, target)
    moved = _surfaces(state.members[target][key] for key in moving)
    state.recount(target, {*state.entities[target].aliases, *moved})
    state.recount(op.entity, set(old.aliases) - (moved - _surfaces(state.members[op.entity].values())))
    state.log.append(f"split {len(moving)} mentions of '{op.entity}' into '{target}' by correction, line {op.line}")
    return _outcome(op, APPLIED, f"{len(moving)} mentions of {op.entity} to {target}"
                                 + (" (an entity already)" if joins else ""))


def _surfaces(mentions: Iterable[Mention]) -> set[str]:
    return {" ".join(m.text.split()) for m in mentions if m.source in _NAMING_SOURCES}


def _retype(state: _State, op: Retype) -> CorrectionOutcome:
    entity = state.entities.get(op.entity)
    if entity is None:
        return _outcome(op, NOT_MATCHED, state.missing(op.entity))
    state.entities[op.entity] = replace(entity, type=op.type)
    state.log.append(f"typed '{op.entity}' as {op.type} by correction, line {op.line}")
    return _outcome(op, APPLIED, f"{op.entity} from {entity.type} to {op.type}")


_APPLY = {Merge: _merge, Split: _split, Retype: _retype}

