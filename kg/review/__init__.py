"""Review: the doubtful decisions of the last build, put to a person, the answers written as corrections.

``read`` finds them in a build's folder (``graph.ttl``, ``merge-log.txt``): the names the build
left apart though they could be a fuller name (near misses), the names split over several
entities, the claims of low confidence; ``items`` holds them as plain values; ``corrections``
reads which of them the corrections file answers already and writes an answer's lines;
``session`` asks about the open ones, through a function the caller gives (the command line's
prompts, or a test's answers), writing each answer at once.
"""
from __future__ import annotations

from .corrections import Answered, answer_lines, append_line, default_corrections, format_line, read_corrections
from .items import Answer, ClassSplit, DoubtfulClaim, EntityRef, Item, NearMiss
from .read import doubtful_items
from .session import ReviewOutcome, describe, open_items, rebuild_hint, run_review

__all__ = [
    "Answer",
    "Answered",
    "ClassSplit",
    "DoubtfulClaim",
    "EntityRef",
    "Item",
    "NearMiss",
    "ReviewOutcome",
    "answer_lines",
    "append_line",
    "default_corrections",
    "describe",
    "doubtful_items",
    "format_line",
    "open_items",
    "read_corrections",
    "rebuild_hint",
    "run_review",
]
