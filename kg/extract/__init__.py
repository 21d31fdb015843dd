"""From text to claims: the stages between a cleaned article and the graph.

``nlp`` parses (spaCy plus the catalog's EntityRuler), ``mentions`` finds the
names and descriptions of actors, ``resolve`` joins them into entities, and
``claims`` reads relations through the syntactic forms of ``forms``, ``roles``
and ``syntax``, driven by the catalog (``catalog``) and the rules (``rules``)
kept as data under ``ontology/``.
"""
