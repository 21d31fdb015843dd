"""How a node or edge looks, shared by the page and Gephi: colour by class, size by mentions."""
from __future__ import annotations

import math

__all__ = ["CLASS_COLOURS", "class_colour", "edge_opacity", "edge_width", "is_negated", "is_tentative", "node_size"]

# Colour-blind-safe (Okabe-Ito and Tol), one per class of the ontology.
CLASS_COLOURS = {
    "State": "#0072B2",
    "GovernmentBody": "#56B4E9",
    "ArmedGroup": "#D55E00",
    "Organization": "#009E73",
    "MediaOutlet": "#CC79A7",
    "Person": "#E69F00",
    "WeaponSystem": "#332288",
    "Place": "#999933",
}
OTHER_COLOUR = "#888888"
NEGATED_COLOUR = "#C00000"


def class_colour(cls: str) -> str:
    return CLASS_COLOURS.get(cls, OTHER_COLOUR)


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def node_size(mentions: int) -> float:
    """Grows with the log of mentions, so a 30,000-mention state stays on screen beside a 2-mention name."""
    return round(6 + 5 * math.log2(1 + max(mentions, 0)), 2)


def edge_width(articles: int) -> float:
    """Grows with the log of the articles stating the edge, slowly: on a war's graph the edges of a
    hub are stated by hundreds of articles, and wide edges hide the names they cross."""
    return round(1 + 1.5 * math.log10(max(articles, 1)), 2)


THICK_EDGE = 4.0  # an edge this wide (100 articles) hides the letters it crosses; a thinner line leaves them readable


# The faintest an edge is drawn: an edge of confidence 0.1 must still be seen to be clicked.
MIN_OPACITY = 0.2


def edge_opacity(confidence: float) -> float:
    """How opaque the page draws an edge: its confidence, at least MIN_OPACITY (fainter: less sure)."""
    return round(max(MIN_OPACITY, min(float(confidence), 1.0)), 3)


def is_tentative(modality: str) -> bool:
    """Only Planned or Possible claims: nobody says it happened."""
    modes = set(modality.split(","))
    return bool(modes) and modes <= {"Planned", "Possible"}


def is_negated(modality: str) -> bool:
    """Every claim behind the edge denies it."""
    return modality == "Negated"
