"""Judge: the learned judge of claims, how sure kg is that each claim it read is right.

``features`` names what kg knows about a claim (the frame or form that found it, how each end
was found, the path between them, modality, headline, ...); ``model`` reads the model the
``training`` part fitted (JSON weights under ``ontology/model/``) and turns a claim's features
into its calibrated confidence, dropping the claims under the model's thresholds.
"""
from __future__ import annotations

from .features import ArticleView, mention_sources
from .model import Judge, load_judge

__all__ = ["ArticleView", "Judge", "load_judge", "mention_sources"]
