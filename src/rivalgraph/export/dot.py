r"""Graphviz DOT: ``dot``, ``neato`` or ``sfdp`` draw it (``sfdp`` suits large networks).

Every field of the export schema (:mod:`.schema`) is written as an attribute
of its node or edge, quoted (Graphviz keeps attributes it does not use), so
the data names are those of the other formats.  A few Graphviz attributes are
added for the drawing only: ``fillcolor`` (the drawing's ``color``),
``width``/``height`` with ``fixedsize`` (the drawing's ``size``: centrality,
not label length), ``URL`` (the source
page, else the IRI; SVG output links it), ``pos`` (the drawing's position, for
``neato -n``), ``penwidth`` by score, and ``shape`` by kind.  The graph is a
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
        style["pos"] = f"{_number(float(data['x']))},{_number(-float(data['y']))}"
    return style


def _lines(network: nx.DiGraph) -> Iterator[str]:
    yield "digraph rivalgraph {"
    if network.graph:
        yield f"  graph [{_attributes(network.graph)}];"
    yield '  graph [overlap="false", outputorder="edgesfirst"];'
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
