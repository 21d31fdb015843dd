"""kg: news articles in, a typed and traced knowledge graph out."""
from __future__ import annotations

from .errors import KGError, ModelError, OntologyError, RuleError
from .model import BuildResult, Claim, Document, Entity, Mention, Skipped
from .pipeline.run import build

__all__ = [
    "BuildResult",
    "Claim",
    "Document",
    "Entity",
    "KGError",
    "Mention",
    "ModelError",
    "OntologyError",
    "RuleError",
    "Skipped",
    "build",
]
__version__ = "0.1.0"
