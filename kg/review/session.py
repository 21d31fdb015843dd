"""A review: the open items of a build asked one by one, each answer written as it is given."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .corrections import Answered, answer_lines, append_line, default_corrections, read_corrections
from .items import Answer, DoubtfulClaim, Item, NearMiss
from .read import doubtful_items

__all__ = ["ReviewOutcome", "describe", "open_items", "rebuild_hint", "run_review"]

# Asks the reviewer about an item; None stops the review.
Ask = Callable[[Item], Answer | None]


@dataclass(frozen=True)
class ReviewOutcome:
    asked: int      # items put to the reviewer
    written: int    # lines added to the corrections file
    stopped: bool   # the reviewer quit before the end
    left: int       # open items not answered (skipped, not reached, or beyond the limit)


def open_items(out: Path, corrections: Path | None = None, below: float = 0.7) -> list[Item]:
    """The doubtful decisions of the build in ``out`` that the corrections file does not answer yet."""
    answered = Answered(read_corrections(corrections or default_corrections(out)))
    return [item for item in doubtful_items(out, below) if item not in answered]


def run_review(items: list[Item], ask: Ask, corrections: Path, *, by: str | None = None,
               limit: int | None = None) -> ReviewOutcome:
    """Ask about each item (at most ``limit``) and append each answer's lines to ``corrections``
    at once. An item that an earlier answer of this review settled is not asked."""
    answered = Answered(read_corrections(corrections))
    asked = written = 0
    stopped = False
    for item in items:
        if item in answered:
            continue
        if limit is not None and asked >= limit:
            break
        answer = ask(item)
        if answer is None:
            stopped = True
            break
        asked += 1
        for line in answer_lines(item, answer, by):
            append_line(corrections, line)
            answered.add(line)
            written += 1
    left = sum(1 for item in items if item not in answered)
    return ReviewOutcome(asked=asked, written=written, stopped=stopped, left=left)


def describe(item: Item) -> list[str]:
    """What a reviewer reads before answering, a line each."""
    if isinstance(item, DoubtfulClaim):
        article = ", ".join(part for part in (f"'{item.title}'" if item.title else "", item.date) if part)
        return [f"{item.subject.label} —{item.relation}→ {item.object.label}",
                f"modality {item.modality}, confidence {item.confidence:g}",
                f"article {item.document}" + (f" ({article})" if article else "") + f", sentence {item.sentence}:",
                f"  \"{item.evidence}\""]
    if isinstance(item, NearMiss):
        return [f"The build left {item.name.text}, id {item.name.id}, apart; it could be:",
                *(f"  {n}. {c.text}, id {c.id}" for n, c in enumerate(item.candidates, 1))]
    return [f"'{item.entities[0].label}' is {len(item.entities)} entities:",
            *(f"  {n}. {e.text}, id {e.id}" for n, e in enumerate(item.entities, 1))]


def rebuild_hint(out: Path, corrections: Path) -> str:
    """How to apply the corrections: a rebuild into the same folder (the articles' folder is not in the graph)."""
    command = f"kg build DATA -o {out}"
    if Path(corrections) != default_corrections(out):
        command += f" --corrections {corrections}"
    return f"to apply them, rebuild into {out}: {command} (DATA: the articles of the last build)"
