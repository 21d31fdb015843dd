"""The page: graph.html, a pyvis network in kg's own template, whole and offline.

pyvis's shipped template loads Bootstrap from a CDN, and its "local" mode writes a
``lib/`` folder into the working directory; kg's template (``page.html``) inlines
vis-network from the installed pyvis instead, so the file opens from a double-click
with no network. Article text goes in as JSON inside a non-executed script element
and is shown with ``textContent`` only; a Content-Security-Policy with the hashes of
the page's two scripts keeps anything else from running.
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup
import networkx as nx
import pyvis
from rdflib import Graph

from ..errors import ExportError
from .layout import FONT, TITLE_RELATIONS, core_nodes, core_threshold, layout, titles_aside
from .network import ITEM_RELATIONS, Evidence, edge_id, to_network
from ..atomic import write_atomic
from .style import CLASS_COLOURS, NEGATED_COLOUR, class_colour, edge_opacity, edge_width, is_negated, is_tentative, node_size

__all__ = ["COMMUNITY_COLOURS", "LARGE_GRAPH", "page_data", "render_page", "write_html"]

# Above this many nodes, edges are straight and hidden while dragging, to keep the page quick.
LARGE_GRAPH = 1500
# Above this many relation edges in the first view, relation names are left off the edges (the
# panel gives them on hover): on a crowded view they hide the entities' names.
EDGE_LABELS_UP_TO = 40
LAYOUT_SEED = 7
# The largest dot on the page: a state with 50,000 mentions would otherwise take the room of ten labels.
MAX_DOT = 30
EDGE_COLOUR = "#6b6b6b"
ITEM_EDGE_COLOUR = "#9a8fd0"
# Tol's muted scheme: the colours of the 10 largest communities; the rest grey.
COMMUNITY_COLOURS = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
                     "#882255", "#AA4499", "#DDDDDD")
VIS_JS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
# What a script may not leave unescaped inside <script type="application/json">.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _options(large: bool) -> dict:
    # Positions come from Python (kg/export/layout.py): no physics in the browser, at any size.
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 3600000, "hideEdgesOnDrag": large,
                        "navigationButtons": False, "keyboard": False},
        "nodes": {"shape": "dot", "font": {"size": FONT, "face": "sans-serif"}},
        "edges": {"smooth": False if large else {"type": "continuous"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 11, "align": "middle", "face": "sans-serif", "color": "#444"}},
    }


def _community_colour(number: int) -> str:
    return COMMUNITY_COLOURS[number] if number < len(COMMUNITY_COLOURS) - 1 else COMMUNITY_COLOURS[-1]


def _vis_nodes(network: nx.MultiDiGraph, positions: dict, sizes: dict) -> list[dict]:
    """The nodes as vis-network reads them: what pyvis's ``Network.add_node`` makes of each, made
    here because pyvis looks a new node up in a list of all before, quadratic in the nodes."""
    nodes = []
    for node, data in network.nodes(data=True):
        nodes.append({"color": class_colour(data["class"]), "size": sizes[node],
                      "x": positions[node][0], "y": positions[node][1], "cls": data["class"],
                      "mentions": data["mentions"], "articles": data["articles"],
                      "wikidata": data.get("wikidata", ""), "community": data.get("community", 0),
                      "communityColour": _community_colour(data.get("community", 0)),
                      "id": node, "label": data["label"] or node, "shape": "dot"})
    return nodes


def _edge_style(data: dict, labelled: bool) -> dict:
    if is_negated(data["modality"]):  # its confidence is 0: drawn whole, dotted red, to be seen denied
        style = {"label": f"not {data['relation']}", "color": _colour(NEGATED_COLOUR, 1.0), "dashes": [2, 5]}
    else:
        colour = ITEM_EDGE_COLOUR if data["kind"] == "item" else EDGE_COLOUR
        style = {"label": data["relation"], "color": _colour(colour, edge_opacity(data.get("confidence", 1.0))),
                 "dashes": is_tentative(data["modality"])}
    if not labelled or data["kind"] == "item":  # item edges are told by their colour (see the legend)
        del style["label"]
    return style


def _colour(colour: str, opacity: float) -> dict:
    """vis-network's colour of an edge, the same selected or hovered, drawn at ``opacity``:
    fainter, less sure."""
    return {"color": colour, "highlight": colour, "hover": colour, "opacity": opacity}


def _vis_edges(network: nx.MultiDiGraph, labelled: bool) -> tuple[list[dict], dict[str, list]]:
    """The edges as pyvis's ``Network.add_edge`` makes them for a directed network (it too checks
    each end against a list of all nodes), and the evidence of each by its id."""
    edges: list[dict] = []
    evidence: dict[str, list] = {}
    for source, target, data in network.edges(data=True):
        key = edge_id(source, data["relation"], target)
        edge = dict(id=key, width=edge_width(data["weight"]),
                    relation=data["relation"], kind=data["kind"], items=list(data.get("items", ())),
                    weight=data["weight"], claims=data["claims"],
                    confidence=float(data.get("confidence", 0.0)), sources=data.get("sources", data["weight"]),
                    modality=data["modality"], first=data.get("first_date", ""),
                    last=data.get("last_date", ""), **_edge_style(data, labelled))
        if data.get("hand"):  # facts added by hand among its sources
            edge["hand"] = data["hand"]
        if data.get("hand_denying"):  # and among those that deny it
            edge["handDenying"] = data["hand_denying"]
        edge["from"], edge["to"] = source, target
        edge.setdefault("arrows", "to")
        edges.append(edge)
        evidence[key] = [_evidence_entry(e, (source, data["relation"], target)) for e in data["evidence"]]
    return edges, evidence


def _evidence_entry(evidence: Evidence, edge: tuple[str, str, str]) -> dict:
    """A claim as the page reads it. Its own (subject, relation, object), which a correction's
    locator names, is left out when it is the edge's (or unknown), as on every edge but an item
    edge: a big page carries thousands of claims. Who added a fact by hand and why only on such a fact."""
    entry = asdict(evidence)
    if tuple(entry["statement"]) in (edge, ()):
        del entry["statement"]
    if not evidence.added_by:
        del entry["added_by"], entry["note"]
    return entry


def _counts(values) -> list[list]:
    counted: dict[str, int] = {}
    for value in values:
        counted[value] = counted.get(value, 0) + 1
    return [[name, n] for name, n in sorted(counted.items())]


def _items(network: nx.MultiDiGraph) -> list[list[str]]:
    """[id, label] of every entity supplied as an item, by label: the choices of the item filter."""
    found = {o for _, o, d in network.edges(data=True) if d["relation"] == ITEM_RELATIONS[0]}
    return sorted(([n, network.nodes[n]["label"]] for n in found), key=lambda pair: (pair[1].lower(), pair[0]))


def page_data(network: nx.MultiDiGraph) -> dict:
    """Everything the page shows, as plain JSON-ready data."""
    large = network.number_of_nodes() > LARGE_GRAPH
    # a big graph's first view: its entities chosen by the relations between actors, not titles
    titles = not titles_aside(network)
    threshold = core_threshold(network, titles=titles)
    core = core_nodes(network, threshold, titles)
    sizes = {n: min(node_size(d["mentions"]), MAX_DOT) for n, d in network.nodes(data=True)}
    core_edges = sum(1 for s, o, d in network.edges(data=True)
                     if d["weight"] >= threshold and d["kind"] != "item" and s in core and o in core)
    nodes = _vis_nodes(network, layout(network, threshold, sizes, titles), sizes)
    edges, evidence = _vis_edges(network, labelled=core_edges <= EDGE_LABELS_UP_TO)
    classes = _counts(d["class"] for _, d in network.nodes(data=True))
    return {"nodes": nodes, "edges": edges, "evidence": evidence, "options": _options(large),
            "large": large, "hideAlone": True, "minArticles": threshold, "minConfidence": 0,
            "titlesBring": titles, "titleRelations": list(TITLE_RELATIONS),
            "maxArticles": max((d["weight"] for _, _, d in network.edges(data=True)), default=1),
            "relations": _counts(d["relation"] for _, _, d in network.edges(data=True)),
            "classes": [[name, class_colour(name), n] for name, n in classes], "items": _items(network),
            "communities": len({d.get("community", 0) for _, d in network.nodes(data=True)}),
            "negatedColour": NEGATED_COLOUR, "knownClasses": sorted(CLASS_COLOURS)}


def _json_for_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES.items():  # no escape holds a character escaped: any order does
        text = text.replace(char, escape)
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_page(network: nx.MultiDiGraph, title: str = "kg graph") -> str:
    """The whole HTML page of a network from :func:`to_network`."""
    template_text = resources.files("kg.export").joinpath("page.html").read_text(encoding="utf-8")
    app_js = resources.files("kg.export").joinpath("page.js").read_text(encoding="utf-8")
    vis_js = VIS_JS.read_text(encoding="utf-8")
    if "</script" in vis_js.lower():  # it would end the inline script early
        raise ExportError(f"{VIS_JS}: cannot be inlined: it contains '</script'")
    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(template_text).render(
        title=title, data_json=Markup(_json_for_script(page_data(network))),
        vis_js=Markup(vis_js), app_js=Markup(app_js),
        script_hashes=" ".join((_csp_hash(vis_js), _csp_hash(app_js))),
        nodes=network.number_of_nodes(), edges=network.number_of_edges())


def write_html(graph: Graph, path: Path) -> None:
    """Write ``graph`` to ``path`` as a self-contained interactive page."""
    write_atomic(Path(path), render_page(to_network(graph)).encode("utf-8"))
