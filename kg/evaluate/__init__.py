"""Evaluate: gold files and ``kg score``, a graph's claims measured against labelled articles.

``gold`` reads and checks the gold files; ``score`` matches a graph's claims to them.
"""
