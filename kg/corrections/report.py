"""The corrections' report: one outcome per line of the file, counted by status for the build's summary."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model import APPLIED, INVALID, NOT_MATCHED, CorrectionOutcome

__all__ = ["in_line_order", "not_applied", "report_lines", "status_counts"]

STATUSES = (APPLIED, NOT_MATCHED, INVALID)


def in_line_order(*groups: Iterable[CorrectionOutcome]) -> tuple[CorrectionOutcome, ...]:
    """The outcomes of every phase of a build as one list, in the file's line order."""
    return tuple(sorted((o for group in groups for o in group), key=lambda o: o.line))


def status_counts(outcomes: Iterable[CorrectionOutcome]) -> dict[str, int]:
    """How many lines were applied, matched nothing, were not valid (every status, 0 included)."""
    counts = dict.fromkeys(STATUSES, 0)
    for outcome in outcomes:
        counts[outcome.status] += 1
    return counts


def not_applied(outcomes: Iterable[CorrectionOutcome]) -> list[str]:
    """One line for each correction not applied: "matching nothing, line 4: reject: no claim ..."."""
    return [f"{o.status}, {o}" for o in outcomes if o.status != APPLIED]


def report_lines(path: Path | None, outcomes: Iterable[CorrectionOutcome]) -> list[str]:
    """What ``kg build`` says of its corrections beside the summary: the file it read, and each line not applied."""
    read = [f"corrections from {path}"] if path is not None else []
    return read + [f"correction {line}" for line in not_applied(outcomes)]
