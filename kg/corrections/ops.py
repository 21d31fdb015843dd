"""The lines of a corrections file as data: one frozen dataclass per op, each knowing its line.

Every op keeps who decided (``by``), why (``note``) and when (``date``), as the line gave them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

__all__ = ["Add", "ClaimLocator", "Confirm", "Distinct", "EntityRef", "Merge", "Op", "RESOLUTION_OPS",
           "Reject", "Rename", "Retype", "Split"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Op:
    line: int
    by: str = ""
    note: str = ""
    date: str = ""

    name: ClassVar[str] = ""


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity a line names: an id of the graph, or, with a label and class, one the graph may lack."""

    id: str
    label: str = ""
    type: str = ""


@dataclass(frozen=True, slots=True)
class ClaimLocator:
    """Which claims a reject or confirm means: the claim id, or else its document, sentence and
    relation (and subject and object when given), which outlive a new claim id."""

    claim: str = ""
    document: str = ""
    sentence: int | None = None
    relation: str = ""
    subject: str = ""
    object: str = ""

    def describe(self) -> str:
        where = [f"document {self.document}", f"sentence {self.sentence}", self.relation] if self.document else []
        where += [f"subject {self.subject}"] if self.subject else []
        where += [f"object {self.object}"] if self.object else []
        by_id = f"claim {self.claim}" if self.claim else ""
        return " nor ".join(filter(None, [by_id, "claim of " + ", ".join(where) if where else ""]))


@dataclass(frozen=True, slots=True, kw_only=True)
class Merge(Op):
    from_: str
    into: str

    name: ClassVar[str] = "merge"


@dataclass(frozen=True, slots=True, kw_only=True)
class Split(Op):
    entity: str
    documents: tuple[str, ...]
    names: tuple[str, ...]
    new: EntityRef

    name: ClassVar[str] = "split"


@dataclass(frozen=True, slots=True, kw_only=True)
class Retype(Op):
    entity: str
    type: str

    name: ClassVar[str] = "retype"


@dataclass(frozen=True, slots=True, kw_only=True)
class Rename(Op):
    entity: str
    label: str

    name: ClassVar[str] = "rename"


@dataclass(frozen=True, slots=True, kw_only=True)
class Reject(Op):
    claim: ClaimLocator

    name: ClassVar[str] = "reject"


@dataclass(frozen=True, slots=True, kw_only=True)
class Confirm(Op):
    claim: ClaimLocator

    name: ClassVar[str] = "confirm"


@dataclass(frozen=True, slots=True, kw_only=True)
class Add(Op):
    subject: EntityRef
    relation: str
    object: EntityRef
    items: tuple[EntityRef, ...] = ()
    modality: str = "Asserted"

    name: ClassVar[str] = "add"


@dataclass(frozen=True, slots=True, kw_only=True)
class Distinct(Op):
    entities: tuple[str, ...]

    name: ClassVar[str] = "distinct"


# Applied before claims are read: the claims a sentence gives depend on its entities and their classes.
RESOLUTION_OPS = (Merge, Split, Retype)
