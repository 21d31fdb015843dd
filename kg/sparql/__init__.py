"""SPARQL: queries over a built graph, the read-only endpoint, content negotiation, SHACL.

``inspect`` reads a graph file, ``query`` runs SPARQL and the named queries,
``serve`` and ``negotiate`` make the SPARQL 1.1 Protocol endpoint, ``validate``
and ``shacl_sparql`` check a graph against ``ontology/shapes.ttl``.
"""
from __future__ import annotations

from .inspect import list_entities, read_graph
from .query import FORMATS, NamedQuery, find_query, load_store, named_queries, run_query, run_query_limited
from .serve import serve
from .validate import ValidationReport, validate_graph

__all__ = ["FORMATS", "NamedQuery", "ValidationReport", "find_query", "list_entities", "load_store",
           "named_queries", "read_graph", "run_query", "run_query_limited", "serve", "validate_graph"]
