"""Training: ``kg train``, the judge fitted on labelled articles.

``collect`` reads a labelled theme's articles as a build reads them and keeps every claim with
its features; ``align`` labels each claim right or wrong by the theme's gold facts; ``fit``
fits the model, chooses its thresholds on themes held out one at a time, and writes it as JSON.
"""
from __future__ import annotations

from .fit import TrainReport, train

__all__ = ["TrainReport", "train"]
