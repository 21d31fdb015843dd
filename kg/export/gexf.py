"""GEXF 1.3 for Gephi, written by hand: networkx's writer breaks the official schema.

(It writes the xsi namespace wrong, an empty graph name, reads lists as time spells
and chokes on None.) Edges carry a spell from the first to the last report, so
Gephi's timeline plays the story.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from rdflib import Graph

from .network import edge_id, to_network, xml_safe
from ..atomic import write_atomic
from .style import NEGATED_COLOUR, class_colour, edge_width, is_negated, is_tentative, node_size, rgb

__all__ = ["gexf_bytes", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
NODE_ATTRIBUTES = (("name", "string"), ("class", "string"), ("mentions", "integer"), ("articles", "integer"),
                   ("wikidata", "anyURI"), ("community", "integer"))
# "kind" is "relation" or "item" (supplier -> item -> recipient), so a Gephi user can hide item edges;
# the XML attribute kind stays the relation, Gephi's edge type, which keeps parallel edges apart.
EDGE_ATTRIBUTES = (("relation", "string"), ("kind", "string"), ("claims", "integer"), ("modality", "string"),
                   ("confidence", "double"), ("first_date", "string"), ("last_date", "string"))


def _tag(name: str) -> str:
    return f"{{{GEXF_NS}}}{name}"


def _viz(name: str) -> str:
    return f"{{{VIZ_NS}}}{name}"


def _token(text: str) -> str:
    """The schema types labels as xs:token: no line breaks, no runs of spaces (the exact
    name is kept in the ``name`` attribute)."""
    return " ".join(xml_safe(str(text)).split())


def _declare(graph_el: ET.Element, cls: str, attributes) -> None:
    declared = ET.SubElement(graph_el, _tag("attributes"), {"class": cls, "mode": "static"})
    for name, kind in attributes:
        ET.SubElement(declared, _tag("attribute"), {"id": name, "title": name, "type": kind})


def _attvalues(parent: ET.Element, data: dict, attributes) -> None:
    values = ET.SubElement(parent, _tag("attvalues"))
    for name, _ in attributes:
        if data.get(name) not in (None, ""):
            ET.SubElement(values, _tag("attvalue"), {"for": name, "value": xml_safe(str(data[name]))})


def _colour(parent: ET.Element, colour: str) -> None:
    r, g, b = rgb(colour)
    ET.SubElement(parent, _viz("color"), {"r": str(r), "g": str(g), "b": str(b)})


def _add_node(nodes_el: ET.Element, node: str, data: dict) -> None:
    element = ET.SubElement(nodes_el, _tag("node"), {"id": node, "label": _token(data["label"])})
    _attvalues(element, {**data, "name": data["label"]}, NODE_ATTRIBUTES)
    _colour(element, class_colour(data["class"]))
    ET.SubElement(element, _viz("size"), {"value": str(node_size(data["mentions"]))})


def _add_edge(edges_el: ET.Element, source: str, target: str, data: dict) -> None:
    relation = data["relation"]
    element = ET.SubElement(edges_el, _tag("edge"), {
        "id": edge_id(source, relation, target), "source": source, "target": target,
        "label": relation, "kind": relation, "weight": str(data["weight"])})
    _attvalues(element, data, EDGE_ATTRIBUTES)
    if data.get("first_date"):
        spells = ET.SubElement(element, _tag("spells"))
        ET.SubElement(spells, _tag("spell"), {"start": data["first_date"], "end": data["last_date"]})
    if is_negated(data["modality"]):
        _colour(element, NEGATED_COLOUR)
    ET.SubElement(element, _viz("thickness"), {"value": str(edge_width(data["weight"]))})
    if is_tentative(data["modality"]) or is_negated(data["modality"]):
        ET.SubElement(element, _viz("shape"), {"value": "dashed"})


def gexf_element(network: nx.MultiDiGraph) -> ET.Element:
    """The <gexf> document of a network from :func:`to_network`."""
    root = ET.Element(_tag("gexf"), {"version": "1.3"})
    meta = ET.SubElement(root, _tag("meta"))
    ET.SubElement(meta, _tag("creator")).text = "kg"
    ET.SubElement(meta, _tag("description")).text = (
        "Who supplies, directs, backs, sanctions, attacks and leads whom, from news articles; "
        "edge weight = articles that say it")
    graph_el = ET.SubElement(root, _tag("graph"), {"defaultedgetype": "directed", "mode": "dynamic",
                                                   "timeformat": "date"})
    _declare(graph_el, "node", NODE_ATTRIBUTES)
    _declare(graph_el, "edge", EDGE_ATTRIBUTES)
    nodes_el = ET.SubElement(graph_el, _tag("nodes"), {"count": str(network.number_of_nodes())})
    for node, data in network.nodes(data=True):
        _add_node(nodes_el, node, data)
    edges_el = ET.SubElement(graph_el, _tag("edges"), {"count": str(network.number_of_edges())})
    for source, target, data in network.edges(data=True):
        _add_edge(edges_el, source, target, data)
    return root


def gexf_bytes(graph: Graph) -> bytes:
    """The GEXF 1.3 document of a graph's network."""
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    root = gexf_element(to_network(graph))
    ET.indent(root, space=" ")
    # What ET.tostring(root, encoding="UTF-8", xml_declaration=True) gives, with no codec between
    # ElementTree and each of its hundreds of thousands of small writes.
    text = "<?xml version='1.0' encoding='UTF-8'?>\n" + ET.tostring(root, encoding="unicode") + "\n"
    return text.encode("utf-8", "xmlcharrefreplace")


def write_gexf(graph: Graph, path: Path) -> None:
    """Write ``graph``'s network to ``path`` as GEXF 1.3."""
    write_atomic(Path(path), gexf_bytes(graph))
