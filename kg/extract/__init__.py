"""Extract: from a cleaned article's text to claims.

``nlp`` parses (spaCy plus the catalog's EntityRuler) and ``prefilter`` picks the
sentences worth parsing (by the ``cues`` of the rules; ``parsed`` joins and reads
the result); ``mentions`` and ``descriptions`` find the names and
descriptions of actors, ``resolve`` joins them into entities; ``claims`` reads
relations through the forms (``verb_forms`` and ``noun_forms``, the frame matcher;
``forms``, ``roles``; ``senses``), which read the tree through ``syntax``,
``noun_phrases``, ``antecedents``, ``agents`` and ``modality``, and adds who said
it (``quotes``). The catalog (``catalog``) and the rules (``rules``) are data
under ``ontology/``.
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
