"""Exporters: one writer per format behind a name -> writer table, and the writing of a build's files.

Every writer takes the RDF graph of the contract and a path, derives what it
needs from the graph alone, and writes the file atomically, the same bytes for
the same graph. ``write_build`` writes graph.ttl, its exports and merge-log.txt;
``write_stream_build`` streams graph.nt or graph.nq from the claims instead.

Example:
    >>> from kg.export import WRITERS
    >>> sorted(WRITERS)
    ['gexf', 'graphml', 'html', 'jsonld', 'nt', 'ttl']
"""
from __future__ import annotations

from .network import to_network
from .ntriples import stream_ntriples
from .output import outputs_up_to_date, write_build, write_build_if_changed
from .stream import write_stream, write_stream_build
from .writers import BUILD_FORMATS, WRITERS, Writer, export

__all__ = [
    "BUILD_FORMATS",
    "WRITERS",
    "Writer",
    "export",
    "outputs_up_to_date",
    "stream_ntriples",
    "to_network",
    "write_build",
    "write_build_if_changed",
    "write_stream",
    "write_stream_build",
]
