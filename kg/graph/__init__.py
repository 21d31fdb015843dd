"""Graph: claims to the RDF graph of the contract and its networkx view; what changed between graphs.

``assemble`` makes the graph (entities, direct edges, claim nodes, provenance) and
the networkx projection; ``diff`` says what one graph adds to another.
"""
