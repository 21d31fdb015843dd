"""Evaluate: gold files and ``kg score``, a graph's claims measured against labelled articles.

``gold`` reads and checks the gold files; ``score`` matches a graph's claims to them.
"""
from __future__ import annotations

from .gold import Gold, GoldError, load_gold
from .score import Score, score_files, score_graph

__all__ = ["Gold", "GoldError", "Score", "load_gold", "score_files", "score_graph"]
