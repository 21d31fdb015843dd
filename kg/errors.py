"""The errors kg raises; the CLI turns them into one line and an exit code."""
from __future__ import annotations


class KGError(Exception):
    """Base class for every error kg raises on purpose."""


class OntologyError(KGError):
    """An ontology, catalog or rule file is malformed: names file, line and fix."""


class RuleError(OntologyError):
    """A relation rule names an unknown relation, class or cue."""


class ModelError(KGError):
    """No spaCy language pipeline could be loaded."""


class InputError(KGError):
    """No article at all could be read from the given paths."""


class ExportError(KGError):
    """An unknown export format, or a graph that cannot be written."""


class QueryError(KGError):
    """A query that cannot run: bad syntax (with its position), an update, an unknown name or parameter."""


class ClusterError(KGError):
    """A Dask cluster that cannot be used: not reachable, no worker, or Dask not installed."""
