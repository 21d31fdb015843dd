"""SPARQL: queries over a built graph, the read-only endpoint, content negotiation, SHACL.

``inspect`` reads a graph file, ``query`` runs SPARQL and the named queries,
``serve`` and ``negotiate`` make the SPARQL 1.1 Protocol endpoint, ``validate``
and ``shacl_sparql`` check a graph against ``ontology/shapes.ttl``.
"""
