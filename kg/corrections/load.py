"""Read a corrections file: JSON Lines, one op a line, checked against the ontology.

A line that is not valid (bad JSON, an unknown op or field, a missing field, an unknown class,
relation or modality) becomes an INVALID outcome with its line number and reason; the other
lines are read on. Blank lines and lines starting with ``#`` are ignored.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..model import INVALID, CorrectionOutcome
from ..ontology import KGC, KGE, Ontology, load_ontology
from .ops import Add, ClaimLocator, Confirm, Distinct, EntityRef, Merge, Op, Reject, Rename, Retype, Split

__all__ = ["CORRECTIONS_FILE", "Corrections", "NO_CORRECTIONS", "corrections_file", "load_corrections",
           "parse_corrections"]

CORRECTIONS_FILE = "corrections.jsonl"  # in the output folder, read when no other file is given
_COMMON = ("op", "by", "note", "date")
_ID = re.compile(r"[\w.~-]+")


@dataclass(frozen=True)
class Corrections:
    """The valid ops of a file in line order, the lines that are not valid, and a digest of its bytes."""

    ops: tuple[Op, ...] = ()
    invalid: tuple[CorrectionOutcome, ...] = ()
    digest: str = ""


NO_CORRECTIONS = Corrections()


class _Invalid(Exception):
    """Why a line is not a valid correction."""


def corrections_file(out: Path, given: Path | None) -> Path | None:
    """The corrections a build into ``out`` reads: ``given``, else ``out/corrections.jsonl`` if there is one."""
    if given is not None:
        if not Path(given).is_file():
            raise InputError(f"{given}: corrections file not found")
        return Path(given)
    default = Path(out) / CORRECTIONS_FILE
    return default if default.is_file() else None


def load_corrections(path: Path | None, ontology_dir: Path | None = None) -> Corrections:
    """The corrections of the file ``path`` (none when None); InputError when it cannot be read."""
    if path is None:
        return NO_CORRECTIONS
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read the corrections: {err.strerror or err}") from err
    return parse_corrections(data, load_ontology(ontology_dir))


def parse_corrections(data: bytes, ontology: Ontology) -> Corrections:
    """Every line of a corrections file: the valid ones as ops, the others as INVALID outcomes."""
    ops, invalid = [], []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            text = raw.decode("utf-8").strip()
            if not text or text.startswith("#"):
                continue
            ops.append(_parse_line(text, number, ontology))
        except UnicodeDecodeError:
            invalid.append(CorrectionOutcome(number, "", INVALID, "not UTF-8 text"))
        except _Invalid as err:
            invalid.append(CorrectionOutcome(number, _op_name(text), INVALID, str(err)))
    return Corrections(tuple(ops), tuple(invalid), hashlib.sha256(data).hexdigest())


def _op_name(text: str) -> str:
    try:
        record = json.loads(text)
    except ValueError:
        return ""
    op = record.get("op") if isinstance(record, dict) else None
    return op if isinstance(op, str) and op in _PARSERS else ""


def _parse_line(text: str, number: int, ontology: Ontology) -> Op:
    try:
        record = json.loads(text)
    except ValueError as err:
        raise _Invalid(f"not JSON: {err}") from err
    if not isinstance(record, dict):
        raise _Invalid("not a JSON object")
    op = record.get("op")
    if op not in _PARSERS:
        raise _Invalid(f"unknown op {op!r}; known: {', '.join(_PARSERS)}" if op is not None else "no \"op\"")
    parse, fields = _PARSERS[op]
    unknown = sorted(set(record) - set(fields) - set(_COMMON))
    if unknown:
        raise _Invalid(f"unknown field {unknown[0]!r}; {op} takes {', '.join(fields)}, and by, note, date")
    common = {"line": number, "by": _text(record, "by", required=False),
              "note": _text(record, "note", required=False), "date": _date(record)}
    return parse(record, common, ontology)


def _text(record: dict, key: str, required: bool = True, name: str = "") -> str:
    """The text at ``key`` ("" when absent and not ``required``); ``name`` calls it so in a message ("new.id")."""
    value = record.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"{name or key!r} must be a text" if value is not None else f"no {name or key!r}")
    return value.strip()


def _date(record: dict) -> str:
    value = _text(record, "date", required=False)
    try:
        if value and (not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or not date.fromisoformat(value)):
            raise ValueError
    except ValueError:
        raise _Invalid(f"date {value!r} is not an ISO date (YYYY-MM-DD)") from None
    return value


def _local_id(value: str, namespace, key: str) -> str:
    local = value.removeprefix(str(namespace))
    if not _ID.fullmatch(local):
        raise _Invalid(f"{key} {value!r} is not an id (the local part of a {namespace} IRI, or that IRI)")
    return local


def _entity_id(record: dict, key: str, name: str = "") -> str:
    return _local_id(_text(record, key, name=name), KGE, name or key)


def entity_classes(ontology: Ontology) -> frozenset[str]:
    """The classes an entity may have: those a relation or kgo:item allows at an end."""
    ends = {c for r in ontology.relations.values() for c in (*r.domain, *r.range)}
    return frozenset(ends | ontology.range_classes("item"))


def _class(value: object, key: str, ontology: Ontology) -> str:
    known = entity_classes(ontology)
    if value not in known:
        raise _Invalid(f"unknown class {value!r} for {key}; known: {', '.join(sorted(known))}")
    return value


def _ids(record: dict, key: str, required: bool) -> tuple[str, ...]:
    values = record.get(key, [] if not required else None)
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise _Invalid(f"{key!r} must be a list of texts")
    return tuple(v.strip() for v in values)


def _new_entity(value: object, key: str, ontology: Ontology) -> EntityRef:
    """``{"id", "label", "type"}``: an entity a line makes, or names in case the graph lacks it."""
    if not isinstance(value, dict) or set(value) - {"id", "label", "type"}:
        raise _Invalid(f"{key!r} must be an object with id, label and type")
    label = " ".join(_text(value, "label", name=f"{key}.label").split())
    return EntityRef(_entity_id(value, "id", f"{key}.id"), label, _class(value.get("type"), f"{key}.type", ontology))


def _entity_ref(value: object, key: str, ontology: Ontology) -> EntityRef:
    if isinstance(value, str) or value is None:
        return EntityRef(_entity_id({key: value}, key))
    return _new_entity(value, key, ontology)


def _merge(record: dict, common: dict, ontology: Ontology) -> Merge:
    source, into = _entity_id(record, "from"), _entity_id(record, "into")
    if source == into:
        raise _Invalid(f"merges {source} into itself")
    return Merge(**common, from_=source, into=into)


def _split(record: dict, common: dict, ontology: Ontology) -> Split:
    where = record.get("where")
    if not isinstance(where, dict) or set(where) - {"documents", "names"}:
        raise _Invalid("'where' must be an object with documents, names or both")
    documents, names = _ids(where, "documents", False), _ids(where, "names", False)
    if not documents and not names:
        raise _Invalid("'where' needs documents, names or both")
    entity, new = _entity_id(record, "entity"), _new_entity(record.get("new"), "new", ontology)
    if new.id == entity:
        raise _Invalid(f"the new entity has the id of the one split, {entity}")
    return Split(**common, entity=entity, documents=documents, names=names, new=new)


def _retype(record: dict, common: dict, ontology: Ontology) -> Retype:
    return Retype(**common, entity=_entity_id(record, "entity"), type=_class(record.get("type"), "type", ontology))


def _rename(record: dict, common: dict, ontology: Ontology) -> Rename:
    return Rename(**common, entity=_entity_id(record, "entity"), label=" ".join(_text(record, "label").split()))


def _relation(value: object, ontology: Ontology) -> str:
    if value not in ontology.relations:
        raise _Invalid(f"unknown relation {value!r}; known: {', '.join(sorted(ontology.relations))}")
    return value


def _locator(record: dict, ontology: Ontology) -> ClaimLocator:
    claim = _local_id(_text(record, "claim"), KGC, "claim") if "claim" in record else ""
    sentence = record.get("sentence")
    place = [k for k in ("document", "sentence", "relation") if k in record]
    if not claim and len(place) < 3:
        raise _Invalid("needs 'claim', or 'document', 'sentence' and 'relation'")
    if place and len(place) < 3:
        raise _Invalid("'document', 'sentence' and 'relation' go together")
    if sentence is not None and (type(sentence) is not int or sentence < 0):
        raise _Invalid("'sentence' must be a whole number, 0 or more")
    return ClaimLocator(
        claim=claim, document=_text(record, "document", required=False), sentence=sentence,
        relation=_relation(record["relation"], ontology) if "relation" in record else "",
        subject=_entity_id(record, "subject") if "subject" in record else "",
        object=_entity_id(record, "object") if "object" in record else "")


def _reject(record: dict, common: dict, ontology: Ontology) -> Reject:
    return Reject(**common, claim=_locator(record, ontology))


def _confirm(record: dict, common: dict, ontology: Ontology) -> Confirm:
    return Confirm(**common, claim=_locator(record, ontology))


def _add(record: dict, common: dict, ontology: Ontology) -> Add:
    if not common["by"] or not common["note"]:
        raise _Invalid("a fact added by hand needs 'by' (who) and 'note' (why)")
    modality = record.get("modality", "Asserted")
    if modality not in ontology.modalities:
        raise _Invalid(f"unknown modality {modality!r}; known: {', '.join(ontology.modalities)}")
    items = record.get("items", [])
    if not isinstance(items, list):
        raise _Invalid("'items' must be a list")
    subject = _entity_ref(record.get("subject"), "subject", ontology)
    obj = _entity_ref(record.get("object"), "object", ontology)
    if subject.id == obj.id:
        raise _Invalid(f"subject and object are both {subject.id}")
    return Add(**common, subject=subject, relation=_relation(record.get("relation"), ontology), object=obj,
               items=tuple(_entity_ref(item, "items", ontology) for item in items), modality=modality)


def _distinct(record: dict, common: dict, ontology: Ontology) -> Distinct:
    entities = tuple(_local_id(e, KGE, "entities") for e in _ids(record, "entities", True))
    if len(set(entities)) < 2:
        raise _Invalid("'entities' needs two different ids or more")
    return Distinct(**common, entities=entities)


# op -> (parser, the fields it takes besides op, by, note and date)
_PARSERS = {
    "merge": (_merge, ("from", "into")),
    "split": (_split, ("entity", "where", "new")),
    "retype": (_retype, ("entity", "type")),
    "rename": (_rename, ("entity", "label")),
    "reject": (_reject, ("claim", "document", "sentence", "relation", "subject", "object")),
    "add": (_add, ("subject", "relation", "object", "items", "modality")),
    "confirm": (_confirm, ("claim", "document", "sentence", "relation", "subject", "object")),
    "distinct": (_distinct, ("entities",)),
}
