"""Corrections as data: what an analyst fixes in a graph, kept in a file and applied on every build.

A corrections file (``OUT/corrections.jsonl``, or ``kg build --corrections FILE``) holds one op a
line: merge, split, retype (applied to entity resolution before claims are read), rename, reject,
add, confirm, distinct (applied to the entities and claims read). Each build reports each line as
applied, matching nothing or invalid, with its line number and why (``BuildResult.corrections``).
"""
from __future__ import annotations

from .claims import HAND_CONFIDENCE, HAND_RULE, CorrectedClaims, correct_claims
from .load import CORRECTIONS_FILE, NO_CORRECTIONS, Corrections, corrections_file, load_corrections, parse_corrections
from .report import in_line_order, not_applied, report_lines, status_counts
from .resolution import CorrectedResolution, correct_resolution

__all__ = ["CORRECTIONS_FILE", "HAND_CONFIDENCE", "HAND_RULE", "NO_CORRECTIONS", "CorrectedClaims",
           "CorrectedResolution", "Corrections", "correct_claims", "correct_resolution", "corrections_file",
           "in_line_order", "load_corrections", "not_applied", "parse_corrections", "report_lines",
           "status_counts"]
