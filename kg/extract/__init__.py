"""From text to claims: the stages between a cleaned article and the graph.

``nlp`` parses (spaCy plus the catalog's EntityRuler), ``mentions`` finds the
names and descriptions of actors, ``resolve`` joins them into entities, and
``claims`` reads relations through the syntactic forms of ``forms``, ``roles``
and ``syntax``, driven by the catalog (``catalog``) and the rules (``rules``)
kept as data under ``ontology/``.
"""
from __future__ import annotations

from .catalog import Catalog, load_catalog
from .claims import extract_claims
from .mentions import find_mentions
from .nlp import build_pipeline, check_model
from .resolve import resolve_entities
from .rules import Rule, RuleSet, load_rules

__all__ = ["Catalog", "Rule", "RuleSet", "build_pipeline", "check_model", "extract_claims", "find_mentions",
           "load_catalog", "load_rules", "resolve_entities"]
