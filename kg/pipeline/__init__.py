"""The pipeline: the staged build of a graph from a corpus (``kg.build`` is its ``build``).

``run`` runs the stages: load, parse and mentions per article (``parse``, in
worker processes), entity resolution across articles (there), claims per article
(``read_claims``, in workers), then the graph; ``runners``, ``tasks`` and
``distributed`` say where the per-article tasks run, and ``cache`` keeps their
results between builds.

The Dask runner (``distributed``) is imported only when a build names a cluster:
Dask is an optional extra.
"""
from __future__ import annotations

from .cache import CACHE_DIR, Cache
from .run import build, build_documents, time_budget_warning
from .runners import default_workers, make_runner

__all__ = ["CACHE_DIR", "Cache", "build", "build_documents", "default_workers", "make_runner",
           "time_budget_warning"]
