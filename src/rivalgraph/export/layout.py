"""Node positions, computed once in Python so the page draws without physics.

:func:`positions` runs igraph's Fruchterman-Reingold layout (in C, with a grid
for large graphs: about 0.35 s for 2,000 nodes and 6,000 edges, 3.3 s for
20,000 nodes and 100,000 edges on one core) with a seeded random generator, so
the same network always gets the same picture.  Stronger rivalries pull harder
(weight = ``score``; the other edges of ``--full`` pull with 0.5).
Coordinates are scaled to a square whose side grows with the square root of
the number of nodes; the few nodes flung far out are pulled in to its edge.

Examples
--------
>>> import networkx as nx
>>> graph = nx.DiGraph([("a", "b", {"score": 0.5}), ("b", "c", {"score": 0.2})])
>>> placed = positions(graph)
>>> sorted(placed), placed == positions(graph)
(['a', 'b', 'c'], True)
>>> all(0 <= x <= SIDE * 2 and 0 <= y <= SIDE * 2 for x, y in placed.values())
True
"""

from __future__ import annotations

import colorsys
import math
import random

import networkx as nx

__all__ = ["SIDE", "PALETTE", "KIND_COLOURS", "DRAWING", "positions", "colour", "draw"]

#: Side of the drawing for about 100 nodes (pixels at zoom 1).
SIDE = 1000.0
#: Colours of the first communities (Tableau 10); later ones step round the hue circle.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")  # fmt: skip
#: Colours of the nodes of ``--full`` that are not athletes.
KIND_COLOURS = {"race": "#8c8c8c", "title": "#d4a017", "statement": "#7b6fb0",
                "response": "#a26fb0", "agent": "#555555"}  # fmt: skip
#: What ``graph["drawing"]`` says of a network :func:`draw` placed (not ``layout``: in DOT
#: that names the Graphviz engine).
DRAWING = "igraph Fruchterman-Reingold, seed {seed}"


def positions(graph: nx.DiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Place every node: ``{node: (x, y)}``, deterministic for a given ``seed``."""
    # igraph imports matplotlib when it is installed: only an export that draws pays for it.
    import igraph as ig

    nodes = list(graph)
    if not nodes:
        return {}
    index = {node: number for number, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in graph.edges if a != b]
    weights = [_weight(data) for a, b, data in graph.edges(data=True) if a != b]
    layout_graph = ig.Graph(n=len(nodes), edges=edges, directed=False)
    # igraph draws the starting positions (and jitter) from its random generator: a seeded
    # one makes the picture repeatable.  (Passing starting positions instead is slower: its
    # grid is tuned to its own starting square.)
    ig.set_random_number_generator(random.Random(seed))
    try:
        layout = layout_graph.layout_fruchterman_reingold(weights=weights or None, niter=500, grid="auto")
    finally:
        ig.set_random_number_generator(random)
    return _scaled(nodes, layout.coords)


def colour(kind: str, community: int) -> str:
    """A node's fill: by kind, and for athletes by community (grey for none).

    >>> colour("athlete", 1), colour("athlete", -1), colour("race", 0), colour("athlete", 12)
    ('#f28e2b', '#c8c8c8', '#8c8c8c', '#4d8ccb')
    """
    if kind in KIND_COLOURS:
        return KIND_COLOURS[kind]
    if community < 0:
        return "#c8c8c8"
    if community < len(PALETTE):
        return PALETTE[community]
    red, green, blue = colorsys.hls_to_rgb(((community * 137.508) % 360) / 360, 0.55, 0.55)
    return "#" + "".join(f"{round(255 * part):02x}" for part in (red, green, blue))


def draw(network: nx.DiGraph, seed: int = 7) -> None:
    """Give every node its drawing (``x``, ``y``, ``size``, ``color``) and every edge its
    ``weight``, in place: the picture of the HTML view, carried by every exported file.

    Size grows with the square root of centrality (10 to 56 pixels); the weight is
    the score for a rivalry and 1 for the other kinds of ``--full``, never 0 (Gephi
    drops weight-0 edges and a force layout flings their nodes away).

    >>> graph = nx.DiGraph([("a", "b", {"score": 0.5, "kind": "rivalry"})])
    >>> graph.nodes["a"].update(centrality=1.0, community=0, kind="athlete")
    >>> graph.nodes["b"].update(centrality=0.25, community=1, kind="athlete")
    >>> draw(graph)
    >>> graph.nodes["a"]["size"], graph.nodes["b"]["size"], graph.nodes["b"]["color"]
    (56.0, 33.0, '#f28e2b')
    >>> graph.edges["a", "b"]["weight"], graph.graph["drawing"]
    (0.5, 'igraph Fruchterman-Reingold, seed 7')
    """
    placed = positions(network, seed)
    top = max((float(data.get("centrality", 0.0)) for _, data in network.nodes(data=True)),
              default=0.0) or 1.0  # fmt: skip
    for node, data in network.nodes(data=True):
        share = math.sqrt(max(0.0, float(data.get("centrality", 0.0))) / top)
        data["x"], data["y"] = placed[node]
        data["size"] = round(10 + 46 * share, 2)
        data["color"] = colour(str(data.get("kind", "athlete")), int(data.get("community", -1)))
    for _, _, data in network.edges(data=True):
        rivalry = data.get("kind", "rivalry") == "rivalry"
        data["weight"] = max(float(data.get("score", 0.0)), 1e-6) if rivalry else 1.0
    network.graph["drawing"] = DRAWING.format(seed=seed)


def _weight(data: dict[str, object]) -> float:
    """Pull of an edge: its score for a rivalry (at least 0.05), 0.5 for the other kinds."""
    if data.get("kind", "rivalry") != "rivalry":
        return 0.5
    score = data.get("score", 0.0)
    return max(float(score) if isinstance(score, (int, float)) else 0.0, 0.05)


def _bounds(values: list[float]) -> tuple[float, float]:
    """The range holding all but the outer 1 % on each side, with a 5 % margin."""
    ordered = sorted(values)
    cut = len(ordered) // 100
    low, high = ordered[cut], ordered[-1 - cut]
    margin = (high - low) * 0.05 or 1.0
    return low - margin, high + margin


def _scaled(nodes: list[str], coords: list[list[float]]) -> dict[str, tuple[float, float]]:
    """Scale into the drawing square; the few nodes flung far away (lone nodes, small
    components) are pulled in to its edge, so they do not shrink everyone else."""
    (x0, x1), (y0, y1) = _bounds([c[0] for c in coords]), _bounds([c[1] for c in coords])
    side = SIDE * max(1.0, math.sqrt(len(nodes) / 100))
    scale = side / max(x1 - x0, y1 - y0)

    def place(value: float, low: float, high: float) -> float:
        return round((min(max(value, low), high) - low) * scale, 2)

    return {node: (place(x, x0, x1), place(y, y0, y1))
            for node, (x, y) in zip(nodes, coords, strict=True)}  # fmt: skip
