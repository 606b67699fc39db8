r"""Graphviz DOT: ``dot``, ``neato`` or ``sfdp`` draw it (``sfdp`` suits large networks).

Every field of the export schema (:mod:`.schema`) is written as an attribute
of its node or edge, quoted (Graphviz keeps attributes it does not use), so
the data names are those of the other formats.  A few Graphviz attributes are
added for the drawing only: ``fillcolor`` (the drawing's ``color``),
``width``/``height`` with ``fixedsize`` (the drawing's ``size``: centrality,
not label length), ``URL`` (the source
page, else the IRI; SVG output links it), ``pos`` (the drawing's position,
pinned), ``penwidth`` by score, and ``shape`` by kind.  A drawn network says
``layout="neato"``, so ``dot -Tsvg FILE`` draws the HTML view's picture at once
instead of ranking it; graph attributes Graphviz has a meaning for (``mode``)
are written as ``rg_mode``.  The graph is a
``digraph`` (an edge points from the holder of the higher score).

Examples
--------
>>> import networkx as nx
>>> graph = nx.DiGraph([("urn:a", "urn:b", {"score": 0.5, "kind": "rivalry"})])
>>> graph.nodes["urn:a"].update(label='say "hi"\\', community=0, centrality=0.5, kind="athlete")
>>> text = dot_text(graph)
>>> print(text.splitlines()[3].replace(", ", ",\n    "))
  "urn:a" [label="say \"hi\"\\",
    community="0",
    centrality="0.5",
    kind="athlete",
    fillcolor="#4e79a7",
    width="0.458",
    height="0.458",
    fixedsize="shape",
    shape="circle",
    URL="urn:a"];
>>> '"urn:a" -> "urn:b" [score="0.5", kind="rivalry", penwidth="3"];' in text
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

import networkx as nx

__all__ = ["PALETTE", "quote", "dot_text", "write_dot"]

#: Colours of the first communities (Tableau 10); later ones cycle.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")  # fmt: skip
_SHAPES = {"athlete": "circle", "race": "box", "statement": "note", "response": "note",
           "title": "star", "agent": "ellipse"}  # fmt: skip


def quote(value: object) -> str:
    """A DOT double-quoted string: backslash, quote and line breaks escaped.

    >>> quote('a "b"\\nc')
    '"a \\\\"b\\\\"\\\\nc"'
    """
    if isinstance(value, bool):
        value = str(value).lower()
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


def _number(value: float) -> str:
    return f"{value:.3g}"


def _attributes(data: Mapping[str, Any]) -> str:
    return ", ".join(f"{name}={quote(value)}" for name, value in data.items())


def _node_style(node: str, data: Mapping[str, Any]) -> dict[str, str]:
    """Graphviz's own attributes: the drawing of the HTML view (layout.draw) where it is there."""
    style: dict[str, str] = {}
    community = int(data.get("community", -1))
    style["fillcolor"] = str(data.get("color") or "") or \
        (PALETTE[community % len(PALETTE)] if community >= 0 else "#d3d3d3")  # fmt: skip
    # Size from centrality, not from the label: fixed, in inches (72 points), label beside it.
    size = float(data.get("size") or 0.0) or 10 + 46 * min(1.0, float(data.get("centrality", 0.0)))
    style["width"] = style["height"] = _number(size / 72)
    style["fixedsize"] = "shape"  # the label may overflow the shape; edges end at the shape
    style["shape"] = _SHAPES.get(str(data.get("kind", "athlete")), "ellipse")
    style["URL"] = str(data.get("url") or node)
    if "x" in data and "y" in data:  # points; neato -n keeps them (y flipped: DOT's grows upwards)
        style["pos"] = f"{_number(float(data['x']))},{_number(-float(data['y']))}!"
    return style


#: Graph attributes of the export whose names Graphviz gives a meaning of its own: written
#: with ``rg_`` before them (``mode="full"`` would be read as neato's mode).
_GRAPHVIZ_GRAPH_NAMES = frozenset({"mode"})


def _graph_attributes(graph: Mapping[str, Any]) -> dict[str, Any]:
    return {f"rg_{name}" if name in _GRAPHVIZ_GRAPH_NAMES else name: value
            for name, value in graph.items()}  # fmt: skip


def _lines(network: nx.DiGraph) -> Iterator[str]:
    yield "digraph rivalgraph {"
    if network.graph:
        yield f"  graph [{_attributes(_graph_attributes(network.graph))}];"
    drawn = bool(network.graph.get("drawing"))
    # A drawn network is laid out already: neato keeps the pinned positions and draws at once
    # (dot's own ranking of 10^3 edges took 30-77 s and drew a strip 23,000 points wide).
    yield (
        '  graph [overlap="false", outputorder="edgesfirst"'
        + (', layout="neato", splines="false"' if drawn else "")
        + "];"
    )
    yield '  node [style="filled", fontname="Helvetica", fontsize="10"];'
    for node, data in network.nodes(data=True):
        yield f"  {quote(node)} [{_attributes({**data, **_node_style(node, data)})}];"
    for source, target, data in network.edges(data=True):
        width = _number(1 + 4 * float(data.get("score", 0.0)))
        yield f"  {quote(source)} -> {quote(target)} [{_attributes({**data, 'penwidth': width})}];"
    yield "}"


def dot_text(network: nx.DiGraph) -> str:
    """The network as DOT text."""
    return "\n".join(_lines(network)) + "\n"


def write_dot(network: nx.DiGraph, handle: BinaryIO) -> None:
    """Write the network as DOT (UTF-8) to a binary file, line by line."""
    for line in _lines(network):
        handle.write(line.encode("utf-8") + b"\n")
