"""The doubtful decisions of a build, as plain values: what `kg review` asks about."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

__all__ = ["Answer", "ClassSplit", "DoubtfulClaim", "EntityRef", "Item", "NearMiss"]


@dataclass(frozen=True)
class EntityRef:
    """An entity of the graph: ``id`` is the local part of its IRI."""

    id: str
    label: str
    cls: str
    mentions: int

    @property
    def text(self) -> str:
        return f"{self.label} ({self.cls}, {self.mentions} mention{'s' * (self.mentions != 1)})"


@dataclass(frozen=True)
class NearMiss:
    """A name the build left apart though it could be one of several fuller names
    (merge-log.txt: "left apart Person 'Kirby': could be John Kirby, Jane Kirby")."""

    kind: ClassVar[str] = "near-miss"
    choices: ClassVar[tuple[str, ...]] = ("merge", "distinct", "skip")

    name: EntityRef
    candidates: tuple[EntityRef, ...]  # most mentions first, then id

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.name.id, *(c.id for c in self.candidates))

    @property
    def merge_targets(self) -> tuple[str, ...]:
        """What a merge may join the name into, the default first."""
        return tuple(c.id for c in self.candidates)

    @property
    def summary(self) -> str:
        return f"is {self.name.cls} '{self.name.label}' one of {', '.join(c.label for c in self.candidates)}?"

    def as_dict(self) -> dict:
        return {"kind": self.kind, "ids": list(self.ids), "question": self.summary,
                "name": _entity_dict(self.name), "candidates": [_entity_dict(c) for c in self.candidates]}


@dataclass(frozen=True)
class ClassSplit:
    """Two or more entities of the same name (ignoring case), e.g. one an ArmedGroup, one an Organization."""

    kind: ClassVar[str] = "same-name"
    choices: ClassVar[tuple[str, ...]] = ("merge", "distinct", "skip")

    entities: tuple[EntityRef, ...]  # most mentions first, then id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.entities)

    @property
    def merge_targets(self) -> tuple[str, ...]:
        """What the others may be merged into: by default the one with most mentions."""
        return self.ids

    @property
    def summary(self) -> str:
        return f"'{self.entities[0].label}' is {len(self.entities)} entities: " + ", ".join(
            f"{e.cls} ({e.mentions})" for e in self.entities)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "ids": list(self.ids), "question": self.summary,
                "entities": [_entity_dict(e) for e in self.entities]}


@dataclass(frozen=True)
class DoubtfulClaim:
    """A claim of low confidence, with its locator (what a correction line names) and its evidence."""

    kind: ClassVar[str] = "low-confidence"
    choices: ClassVar[tuple[str, ...]] = ("accept", "reject", "skip")

    claim: str  # local part of the kgc: IRI
    document: str
    sentence: int
    relation: str
    subject: EntityRef
    object: EntityRef
    modality: str
    confidence: float
    evidence: str
    title: str
    date: str

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.claim,)

    @property
    def merge_targets(self) -> tuple[str, ...]:
        return ()

    @property
    def summary(self) -> str:
        return (f"{self.subject.label} {self.relation} {self.object.label} ({self.modality}, "
                f"confidence {self.confidence:g}) in {self.document} sentence {self.sentence}")

    def as_dict(self) -> dict:
        return {"kind": self.kind, "ids": list(self.ids), "question": self.summary,
                "claim": self.claim, "document": self.document, "sentence": self.sentence,
                "relation": self.relation, "subject": _entity_dict(self.subject),
                "object": _entity_dict(self.object), "modality": self.modality,
                "confidence": self.confidence, "evidence": self.evidence, "title": self.title,
                "date": self.date}


Item = NearMiss | ClassSplit | DoubtfulClaim


@dataclass(frozen=True)
class Answer:
    """A reviewer's answer to an item: one of its ``choices``; a merge names its target ``into``
    (one of the item's ``merge_targets``; None takes the first)."""

    choice: str
    into: str | None = None


def _entity_dict(entity: EntityRef) -> dict:
    return {"id": entity.id, "label": entity.label, "class": entity.cls, "mentions": entity.mentions}
