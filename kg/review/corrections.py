"""The corrections file as `kg review` sees it: which items its lines already answer, and the lines
an answer adds (JSON Lines, in the key order of the corrections format, see README "kg review")."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..corrections import CORRECTIONS_FILE
from ..errors import KGError
from .items import Answer, ClassSplit, DoubtfulClaim, Item, NearMiss

__all__ = ["Answered", "answer_lines", "append_line", "default_corrections", "format_line",
           "read_corrections"]

# what a reject or confirm line must hold to find its claim when the claim id has changed
_LOCATOR = ("document", "sentence", "relation")


def default_corrections(out: Path) -> Path:
    """The corrections file of the build in ``out``."""
    return Path(out) / CORRECTIONS_FILE


def read_corrections(path: Path) -> list[dict]:
    """The objects of a corrections file (none when it does not exist); blank and # lines skipped.
    Raises KGError naming the file and line of one that is not a JSON object."""
    path = Path(path)
    if not path.is_file():
        return []
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            value = json.loads(line)
        except ValueError as err:
            raise KGError(f"{path}:{number}: not JSON: {err}") from err
        if not isinstance(value, dict):
            raise KGError(f"{path}:{number}: a correction is a JSON object, one a line")
        found.append(value)
    return found


class Answered:
    """Which items the lines of a corrections file answer, so a review resumes where it stopped."""

    def __init__(self, lines: Iterable[dict] = ()):
        self.merged: set[frozenset[str]] = set()
        self.distinct: list[frozenset[str]] = []
        self.claims: set[str] = set()
        self.locators: list[dict] = []
        for line in lines:
            self.add(line)

    def add(self, line: dict) -> None:
        op = line.get("op")
        if op == "merge":
            self.merged.add(frozenset((str(line.get("from")), str(line.get("into")))))
        elif op == "distinct" and isinstance(line.get("entities"), list):
            self.distinct.append(frozenset(map(str, line["entities"])))
        elif op in ("confirm", "reject"):
            if line.get("claim"):
                self.claims.add(str(line["claim"]))
            if all(key in line for key in _LOCATOR):
                self.locators.append(line)

    def __contains__(self, item: Item) -> bool:
        if isinstance(item, DoubtfulClaim):
            return item.claim in self.claims or any(_locates(line, item) for line in self.locators)
        # Whatever target a merge answer chose, one of its lines names the item's first entity.
        first, ids = item.ids[0], set(item.ids)
        return (any(frozenset((first, other)) in self.merged for other in ids - {first})
                or any(ids <= names for names in self.distinct))


def _locates(line: dict, claim: DoubtfulClaim) -> bool:
    """Whether a line's locator (document, sentence, relation, and subject and object when given) is the claim's."""
    fields = {"document": claim.document, "sentence": claim.sentence, "relation": claim.relation,
              "subject": claim.subject.id, "object": claim.object.id}
    return all(line[key] == value for key, value in fields.items() if key in line)


def answer_lines(item: Item, answer: Answer, by: str | None = None) -> list[dict]:
    """The corrections lines an answer to ``item`` writes: none for skip. Raises KGError for a
    choice the item does not offer or a merge target not among its entities."""
    if answer.choice not in item.choices:
        raise KGError(f"{answer.choice!r} does not answer a {item.kind} item; choose one of {', '.join(item.choices)}")
    lines = _lines(item, answer)
    return [{**line, "by": by} for line in lines] if by else lines


def _lines(item: Item, answer: Answer) -> list[dict]:
    if answer.choice == "skip":
        return []
    if answer.choice == "distinct":
        return [{"op": "distinct", "entities": list(item.ids)}]
    if answer.choice == "merge":
        into = answer.into or item.merge_targets[0]
        if into not in item.merge_targets:
            raise KGError(f"cannot merge into {into!r}; choose one of {', '.join(item.merge_targets)}")
        return [{"op": "merge", "from": source, "into": into} for source in _merged(item, into)]
    return [{"op": "confirm" if answer.choice == "accept" else "reject", "claim": item.claim,
             "document": item.document, "sentence": item.sentence, "relation": item.relation,
             "subject": item.subject.id, "object": item.object.id}]


def _merged(item: NearMiss | ClassSplit, into: str) -> list[str]:
    """The entities a merge into ``into`` joins: the name of a near miss, every other entity of a name."""
    if isinstance(item, NearMiss):
        return [item.name.id]
    return [eid for eid in item.ids if eid != into]


def format_line(line: dict) -> str:
    """One line of the file: compact JSON, keys in the order of the format, ending in a newline."""
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"


def append_line(path: Path, line: dict) -> None:
    """Add one line to the corrections file at once, so quitting a review midway loses no answer."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        handle.seek(0, 2)
        if handle.tell():
            handle.seek(-1, 2)
            # a hand-edited file may lack its last newline; the new line must not join it
            if handle.read(1) != b"\n":
                handle.write(b"\n")
        handle.write(format_line(line).encode("utf-8"))
