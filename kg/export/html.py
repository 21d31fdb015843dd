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
import math
from dataclasses import asdict
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup
import networkx as nx
import pyvis
from pyvis.network import Network
from rdflib import Graph

from ..errors import ExportError
from ..output import write_atomic
from .network import edge_id, to_network
from .style import CLASS_COLOURS, NEGATED_COLOUR, class_colour, edge_width, is_negated, is_tentative, node_size

__all__ = ["LARGE_GRAPH", "page_data", "render_page", "write_html"]

# Above this many nodes vis-network's physics stalls the page; positions are computed here.
LARGE_GRAPH = 1500
LAYOUT_SEED = 7
EDGE_COLOUR = "#6b6b6b"
VIS_JS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
# What a script may not leave unescaped inside <script type="application/json">.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _options(large: bool) -> dict:
    physics = {"enabled": not large, "solver": "forceAtlas2Based",
               "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
               "stabilization": {"enabled": True, "iterations": 600, "fit": True}}
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": not large},
        "physics": physics,
        "interaction": {"hover": True, "tooltipDelay": 3600000, "hideEdgesOnDrag": large,
                        "navigationButtons": False, "keyboard": False},
        "nodes": {"shape": "dot", "font": {"size": 14, "face": "sans-serif"}},
        "edges": {"smooth": False if large else {"type": "dynamic"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 11, "align": "middle", "face": "sans-serif", "color": "#444"}},
    }


def _positions(network: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Fixed-seed positions in screen pixels, for graphs too big for the browser's physics.

    Entities with relations get a spring layout; those with none (most of a large
    corpus) go in a grid below it, most mentioned first, so they neither crowd the
    picture nor cost layout time.
    """
    linked = nx.Graph(network.to_undirected(as_view=True))
    alone = sorted((n for n in linked if linked.degree(n) == 0), key=lambda n: (-network.nodes[n]["mentions"], n))
    linked.remove_nodes_from(alone)
    scale = 40 * math.sqrt(max(linked.number_of_nodes(), 1))
    layout = nx.spring_layout(linked, seed=LAYOUT_SEED, iterations=50) if linked else {}
    positions = {n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in layout.items()}
    columns = max(int(2 * scale // 30), 1)
    for i, node in enumerate(alone):
        positions[node] = (round(-scale + 30 * (i % columns), 1), round(scale + 100 + 30 * (i // columns), 1))
    return positions


def _add_nodes(net: Network, network: nx.MultiDiGraph, positions: dict) -> None:
    for node, data in network.nodes(data=True):
        extra = {"x": positions[node][0], "y": positions[node][1]} if node in positions else {}
        net.add_node(node, label=data["label"], color=class_colour(data["class"]),
                     size=node_size(data["mentions"]), cls=data["class"], mentions=data["mentions"],
                     articles=data["articles"], wikidata=data.get("wikidata", ""), **extra)


def _edge_style(data: dict) -> dict:
    if is_negated(data["modality"]):
        return {"label": f"not {data['relation']}", "color": NEGATED_COLOUR, "dashes": [2, 5]}
    return {"label": data["relation"], "color": EDGE_COLOUR, "dashes": is_tentative(data["modality"])}


def _add_edges(net: Network, network: nx.MultiDiGraph) -> dict[str, list]:
    evidence: dict[str, list] = {}
    for source, target, data in network.edges(data=True):
        key = edge_id(source, data["relation"], target)
        net.add_edge(source, target, id=key, width=edge_width(data["weight"]),
                     relation=data["relation"], weight=data["weight"], claims=data["claims"],
                     modality=data["modality"], first=data.get("first_date", ""),
                     last=data.get("last_date", ""), **_edge_style(data))
        evidence[key] = [asdict(e) for e in data["evidence"]]
    return evidence


def _counts(values) -> list[list]:
    counted: dict[str, int] = {}
    for value in values:
        counted[value] = counted.get(value, 0) + 1
    return [[name, n] for name, n in sorted(counted.items())]


def page_data(network: nx.MultiDiGraph) -> dict:
    """Everything the page shows, as plain JSON-ready data."""
    large = network.number_of_nodes() > LARGE_GRAPH
    net = Network(directed=True, cdn_resources="remote")
    _add_nodes(net, network, _positions(network) if large else {})
    evidence = _add_edges(net, network)
    nodes, edges, _, _, _, _ = net.get_network_data()
    classes = _counts(d["class"] for _, d in network.nodes(data=True))
    return {"nodes": nodes, "edges": edges, "evidence": evidence, "options": _options(large),
            "large": large, "hideAlone": large, "relations": _counts(d["relation"] for _, _, d in network.edges(data=True)),
            "classes": [[name, class_colour(name), n] for name, n in classes],
            "negatedColour": NEGATED_COLOUR, "knownClasses": sorted(CLASS_COLOURS)}


def _json_for_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(str.maketrans(_JSON_ESCAPES))


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
