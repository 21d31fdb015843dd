"""Where the page draws each node, computed here with fixed seeds so the page is the same bytes.

A big graph opens on its best-corroborated part, the *core*: the edges stated by at least
``min_articles`` independent articles, the threshold chosen so the core holds at most
CORE_NODES entities and CORE_EDGES edges; titles (officialOf, leads) bring no entity into it, so that it shows the
relations between actors. The core is laid out by ForceAtlas2 (networkx), then spread until no two
labels overlap. Every other linked entity is put in rings around a neighbour already placed, so
that expanding a node shows its neighbours beside it; entities with no relation go in a grid
below.
"""
from __future__ import annotations

import math
from collections import deque

import networkx as nx
import numpy as np

from .network import undirected_weights
from .style import THICK_EDGE, edge_width

__all__ = ["CORE_EDGES", "CORE_NODES", "TITLE_RELATIONS", "core_edge_count", "core_nodes", "core_threshold", "label_box", "layout", "overlaps",
           "titles_aside"]

CORE_NODES = 80  # the most the first view shows: enough to see the story, few enough to read
# and the most edges it draws between them: a news graph has hubs (a state at war), and 80
# entities around one hub drew 228 edges across each other's labels
CORE_EDGES = 60
LAYOUT_SEED = 7
FONT = 14         # the page's label font size, in canvas pixels
CHAR_WIDTH = 8.0  # a generous average width of a character of that font
MARGIN = 6.0
RING = 12         # neighbours per ring around an anchor
# A person's posts: the most repeated facts of a big graph, but not what it is opened for. Its
# first view chooses its entities by the relations between actors; titles show between those.
TITLE_RELATIONS = ("officialOf", "leads")


def core_threshold(network: nx.MultiDiGraph, limit: int = CORE_NODES, titles: bool = True,
                   edge_limit: int = CORE_EDGES) -> int:
    """The smallest number of articles per edge whose edges touch at most ``limit`` entities and
    draw at most ``edge_limit`` edges between them (at least 1); with ``titles`` False, title edges
    (TITLE_RELATIONS) bring no entity into the core."""
    weights = sorted({d["weight"] for _, _, d in network.edges(data=True)} | {1})
    for threshold in weights:
        core = core_nodes(network, threshold, titles)
        if len(core) <= limit and core_edge_count(network, threshold, core) <= edge_limit:
            return threshold
    return weights[-1] + 1


def core_edge_count(network: nx.MultiDiGraph, threshold: int, core: set[str]) -> int:
    """The edges the first view draws: those stated by at least ``threshold`` articles between two
    entities of ``core``, titles and items included."""
    return sum(1 for s, o, d in network.edges(data=True) if d["weight"] >= threshold and s in core and o in core)


def titles_aside(network: nx.MultiDiGraph) -> bool:
    """Whether the first view leaves titles out of choosing its entities: on a graph too big to
    show every linked entity, when it has relations other than titles."""
    return (core_threshold(network) > 1 and
            any(d["relation"] not in TITLE_RELATIONS for _, _, d in network.edges(data=True)))


def core_nodes(network: nx.MultiDiGraph, threshold: int, titles: bool = True) -> set[str]:
    """The entities of the edges stated by at least ``threshold`` articles (title edges left out
    unless ``titles``): the first view's entities."""
    return {n for s, o, d in network.edges(data=True)
            if d["weight"] >= threshold and (titles or d["relation"] not in TITLE_RELATIONS) for n in (s, o)}


def label_box(label: str, size: float) -> tuple[float, float, float]:
    """(half width, height above the centre, height below) of a node drawn as a dot of radius
    ``size`` with its label under it, as vis-network draws it."""
    half = max(size, CHAR_WIDTH * len(label) / 2) + MARGIN / 2
    # vis-network puts the label's top about 11 px below the dot (measured in chromium)
    return half, size + MARGIN / 2, size + 11 + FONT * 1.2 + MARGIN / 2


def overlaps(centres: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """(x overlap, y overlap) of every pair of boxes, positive where two boxes overlap."""
    dx = np.abs(centres[:, None, 0] - centres[None, :, 0])
    ox = boxes[:, None, 0] + boxes[None, :, 0] - dx
    # box i spans [y - above, y + below]
    top, bottom = centres[:, 1] - boxes[:, 1], centres[:, 1] + boxes[:, 2]
    oy = np.minimum(bottom[:, None], bottom[None, :]) - np.maximum(top[:, None], top[None, :])
    np.fill_diagonal(ox, 0)
    np.fill_diagonal(oy, 0)
    return np.stack([ox, oy])


_SPIRAL_STEPS = np.arange(200_000, dtype=float)
# Points on an even spiral (golden angle) out from 0: the candidate offsets, nearest first.
SPIRAL = np.stack([3.0 * np.sqrt(_SPIRAL_STEPS) * np.cos(_SPIRAL_STEPS * 2.39996),
                   3.0 * np.sqrt(_SPIRAL_STEPS) * np.sin(_SPIRAL_STEPS * 2.39996)], axis=1)


def _free_spots(targets: np.ndarray, boxes: np.ndarray, order: list[int],
                links: list[tuple[int, int, float]] = ()) -> np.ndarray:
    """Each box, in ``order``, at the point nearest its target (on a spiral out from it) where it
    overlaps no box placed before it: no two labels overlap, and the layout stays as dense as that
    allows. With ``links`` (i, j, half width: the edges drawn between boxes), a spot is free only
    if no edge between placed boxes crosses the box there and its own edges to placed boxes cross
    no other box; when no such spot is near (a hub's many edges), the nearest spot where no label
    overlaps is taken."""
    placed: list[int] = []
    centres = targets.copy()
    shapes = _shapes(boxes)
    rings = np.array([_ring_radius(n, boxes, links) for n in range(len(boxes))])
    for i in order:
        crossed = _crossing(i, shapes, rings, centres, placed, links) if links else None
        fallback = None
        for start in range(0, len(SPIRAL), 512):
            candidates = targets[i] + SPIRAL[start:start + 512]
            free = ~_hits(candidates, boxes[i], centres[placed], boxes[placed])
            if free.any() and fallback is None:
                fallback = candidates[int(np.argmax(free))]
            if crossed and start < EDGE_FREE_STEPS:
                free &= ~crossed(candidates)
            elif crossed:
                centres[i] = fallback if fallback is not None else candidates[0]
                break
            if free.any():
                centres[i] = candidates[int(np.argmax(free))]
                break
        placed.append(i)
    return centres


# How far out (in spiral steps: 3 * sqrt(steps) pixels, here 850) a box looks for a spot no thick edge crosses.
EDGE_FREE_STEPS = 80_000


def _crossing(i: int, shapes: np.ndarray, rings: np.ndarray, centres: np.ndarray, placed: list[int],
              links: list[tuple[int, int, float]]):
    """A test of candidate centres of box ``i``: whether an edge between placed boxes crosses its
    dot or label, it stands inside the ring a thick neighbour keeps clear, or one of its own edges
    to a placed box crosses a third one's. What the placed boxes give is worked out once here."""
    done = set(placed)
    between = [(a, b, w) for a, b, w in links if a in done and b in done]
    own = [(b if a == i else a, w) for a, b, w in links if i in (a, b) and (b if a == i else a) in done]
    others = np.array(placed)
    if between:
        a, b, w_between = (np.array(v) for v in zip(*between))
    if own:
        ends, w_own = np.array([e for e, _ in own]), np.array([w for _, w in own])[None, :, None]
        not_own_end = ends[None, :, None] != others[None, None, :]  # an edge may end in its own dot

    def crossed(candidates: np.ndarray) -> np.ndarray:
        hit = np.zeros(len(candidates), dtype=bool)
        if between:
            for rect in shapes[i]:
                hit |= _segment_meets_box(centres[a, 0], centres[a, 1], centres[b, 0], centres[b, 1],
                                          *_spans(candidates[:, None, :], rect, w_between)).any(axis=1)
        for end, _ in own:  # a ring wide enough for the labels of all its thick neighbours, so it never closes
            hit |= np.hypot(*(candidates - centres[end]).T) < rings[end]
        if own and len(others):
            for k in range(2):
                meets = _segment_meets_box(candidates[:, None, None, 0], candidates[:, None, None, 1],
                                           centres[ends][None, :, None, 0], centres[ends][None, :, None, 1],
                                           *_spans(centres[others][None, None], shapes[others, k][None, None], w_own))
                hit |= (meets & not_own_end).any(axis=(1, 2))
        return hit

    return crossed


def _spans(at: np.ndarray, rect: np.ndarray, widen) -> tuple:
    """(left, right, top, bottom) of the rectangles ``rect`` (offsets from centres ``at``), each side
    moved out by ``widen`` (half an edge's width)."""
    return (at[..., 0] + rect[..., 0] - widen, at[..., 0] + rect[..., 1] + widen,
            at[..., 1] + rect[..., 2] - widen, at[..., 1] + rect[..., 3] + widen)


def _ring_radius(node: int, boxes: np.ndarray, links: list[tuple[int, int, float]]) -> float:
    """The radius of a circle around ``node`` on which the labels of its thick neighbours fit side by
    side with a gap between each two: closer in, they would wall it off from its next neighbour."""
    widths = [2 * boxes[b if a == node else a, 0] + 4 * w for a, b, w in links if node in (a, b)]
    return 1.25 * sum(widths) / (2 * math.pi) if len(widths) > 3 else 0.0


def _shapes(boxes: np.ndarray) -> np.ndarray:
    """Of each box (``label_box``): its dot and its label's text, as (left, right, top, bottom)
    offsets from the centre: an edge may pass beside the dot above a wide label."""
    dot = boxes[:, 1] - MARGIN / 2
    text_half = boxes[:, 0]
    return np.stack([np.stack([-dot, dot, -dot, dot], axis=1),
                     np.stack([-text_half, text_half, dot + LABEL_GAP, boxes[:, 2]], axis=1)], axis=1)


LABEL_GAP = 6.0  # between a dot's bottom and its label's top, in canvas pixels (vis-network's, measured, less a margin)


def _segment_meets_box(x0, y0, x1, y1, left, right, top, bottom) -> np.ndarray:
    """Whether the segments (x0, y0)-(x1, y1) pass through the boxes (Liang-Barsky clipping), broadcast."""
    dx, dy = x1 - x0, y1 - y0
    enter = np.zeros(np.broadcast(x0, dx, left, top).shape)
    leave = np.ones_like(enter)
    outside = np.zeros(enter.shape, dtype=bool)
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        p, q = np.broadcast_to(p, enter.shape), np.broadcast_to(q, enter.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = q / p
        outside |= (p == 0) & (q < 0)
        enter = np.where(p < 0, np.maximum(enter, ratio), enter)
        leave = np.where(p > 0, np.minimum(leave, ratio), leave)
    return ~outside & (enter <= leave)


def _hits(candidates: np.ndarray, box: np.ndarray, centres: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """For each candidate centre of ``box``, whether it overlaps any of the placed boxes."""
    if not len(centres):
        return np.zeros(len(candidates), dtype=bool)
    apart_x = np.abs(centres[None, :, 0] - candidates[:, None, 0]) >= boxes[None, :, 0] + box[0]
    top, bottom = candidates[:, None, 1] - box[1], candidates[:, None, 1] + box[2]
    apart_y = (centres[None, :, 1] - boxes[None, :, 1] >= bottom) | (centres[None, :, 1] + boxes[None, :, 2] <= top)
    return (~(apart_x | apart_y)).any(axis=1)


def _links(network: nx.MultiDiGraph, core: list[str], threshold: int) -> list[tuple[int, int, float]]:
    """The thick edges the first view draws between core entities: (index, index, half the widest
    width); a thin line across a name leaves it readable."""
    index, widest = {n: i for i, n in enumerate(core)}, {}
    for s, o, d in network.edges(data=True):
        if d["weight"] >= threshold and s in index and o in index and s != o:
            pair = (min(index[s], index[o]), max(index[s], index[o]))
            widest[pair] = max(widest.get(pair, 0.0), edge_width(d["weight"]) / 2)
    return [(a, b, w) for (a, b), w in sorted(widest.items()) if 2 * w >= THICK_EDGE]


def _core_positions(network: nx.MultiDiGraph, core: list[str], sizes: dict[str, float], threshold: int) -> dict:
    if not core:
        return {}
    # built node by node in sorted order: a subgraph view iterates a set, whose order changes
    # from run to run, and ForceAtlas2's result depends on the order of the nodes
    simple, graph = undirected_weights(network), nx.Graph()
    graph.add_nodes_from(core)
    graph.add_weighted_edges_from(sorted((min(s, o), max(s, o), w)
                                         for s, o, w in simple.subgraph(core).edges(data="weight")))
    raw = nx.forceatlas2_layout(graph, seed=LAYOUT_SEED, max_iter=150, weight="weight",
                                node_size={n: 1.0 for n in core}, strong_gravity=True)
    centres = np.array([raw[n] for n in core], dtype=float)
    boxes = np.array([label_box(network.nodes[n]["label"], sizes[n]) for n in core])
    # scaled so the boxes would just cover the layout's square, then each moved to the nearest
    # free spot, the most mentioned first so they stay where ForceAtlas2 put them
    spread = np.ptp(centres, axis=0).max() or 1.0
    area = float((2 * boxes[:, 0] * (boxes[:, 1] + boxes[:, 2])).sum())
    # the ends of thick edges first, while the space is open for the edges to run clear of names;
    # the rest then only keep out of the way of those edges
    links = _links(network, core, threshold)
    thick = {i for a, b, _ in links for i in (a, b)}
    order = sorted(range(len(core)), key=lambda i: (i not in thick, -network.nodes[core[i]]["mentions"], core[i]))
    centres = _free_spots(centres * (math.sqrt(area) / spread), boxes, order, links)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(core, centres)}


def _ring_around(anchor: tuple[float, float], index: int, count: int, turn: float) -> tuple[float, float]:
    ring, slot = divmod(index, RING)
    in_ring = min(RING, count - ring * RING)
    angle = turn + 2 * math.pi * slot / in_ring
    radius = 110 + 80 * ring
    return round(anchor[0] + radius * math.cos(angle), 1), round(anchor[1] + radius * math.sin(angle), 1)


def _place_outward(simple: nx.Graph, positions: dict, order: list[str], mentions: dict) -> None:
    """Each unplaced linked node in rings around the first placed neighbour reached from ``order``."""
    queue = deque(order)
    while queue:
        anchor = queue.popleft()
        children = sorted((n for n in simple[anchor] if n not in positions), key=lambda n: (-mentions[n], n))
        turn = hash_angle(anchor)
        for i, child in enumerate(children):
            positions[child] = _ring_around(positions[anchor], i, len(children), turn)
            queue.append(child)


def hash_angle(node: str) -> float:
    """A stable angle from a node id (Python's hash() changes from run to run)."""
    return (sum(ord(c) * (i + 1) for i, c in enumerate(node)) % 360) * math.pi / 180


def layout(network: nx.MultiDiGraph, threshold: int, sizes: dict[str, float],
           titles: bool = True) -> dict[str, tuple[float, float]]:
    """Positions in canvas pixels of every node: the core's label-free ForceAtlas2 layout, the
    rest of the linked graph around it, entities with no relation in a grid below."""
    simple = undirected_weights(network)
    mentions = {n: network.nodes[n]["mentions"] for n in network}
    core = sorted(core_nodes(network, threshold, titles))
    positions = _core_positions(network, core, sizes, threshold)
    _place_outward(simple, positions, core, mentions)
    extent = max((abs(c) for p in positions.values() for c in p), default=0.0) + 300
    others = sorted((n for n in simple if n not in positions and simple.degree(n)), key=lambda n: (-mentions[n], n))
    for i, seed in enumerate(n for n in others if n not in positions):
        if seed in positions:
            continue
        angle = hash_angle(seed) + i * 2.39996  # golden angle: a spiral around the core
        positions[seed] = (round(extent * math.cos(angle) * (1 + i / 50), 1),
                           round(extent * math.sin(angle) * (1 + i / 50), 1))
        _place_outward(simple, positions, [seed], mentions)
    alone = sorted((n for n in simple if n not in positions), key=lambda n: (-mentions[n], n))
    columns = max(int(2 * extent // 30), 1)
    for i, node in enumerate(alone):
        positions[node] = (round(-extent + 30 * (i % columns), 1), round(extent + 100 + 30 * (i // columns), 1))
    return positions
