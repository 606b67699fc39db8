"""GEXF 1.3 in dynamic mode, for Gephi: its timeline plays the history of the rivalries.

Written by networkx's :class:`~networkx.readwrite.gexf.GEXFWriter`.  Node ids
are the IRIs and ``label`` is GEXF's own node label; every other field of the
export schema (:mod:`.schema`) is a declared ``<attribute>`` with its GEXF
type.  An edge's GEXF ``weight`` is its drawing weight (the ``score`` of a
rivalry; Gephi lays out and filters by weight); the ``score`` attribute is
there too, as in every format.  The graph-level attributes (``as_of``,
``parameters`` ...) go into ``<meta><description>``.

The graph is ``mode="dynamic"`` with ``timeformat="date"``, and each element
that has a date lives for a ``<spell>`` (:func:`spells`):

- a **rivalry** from ``first_met`` to ``last_met``: the years the two raced
  each other.  Not up to the as-of date: a window on Gephi's timeline then
  shows the rivalries alive in it, and a window that grows from the start
  shows them all piling up, where an end at the as-of date would lose the
  first view.  Its attributes (the score ...) are those as of ``as_of``;
- a **race, statement, response or title** (``--full``) on its ``date``;
- an **athlete** (or a speaker) from the first to the last date of what he
  takes part in: his rivalries and his dated neighbours (races run,
  statements made, titles won).  A node without a spell would be on screen
  at every moment, alone once its rivalries are out of the window; this way
  the timeline shows the athletes of the years it plays, and every dated
  edge lies within the lives of its two ends.

An element without a date (an athlete with nothing dated, the typed edges of
``--full``, which leave Gephi's view with their dated end) has no spell:
GEXF reads it as present throughout.

Two fixes to what networkx writes, so the file validates against the
official GEXF 1.3 XML schema (the tests check it): the ``xsi`` namespace is
the W3C's (networkx 3.6 writes it without ``www.`` for 1.3), and the
``name`` attribute of ``<graph>``, which GEXF does not have, is removed.

Examples
--------
>>> import io
>>> import networkx as nx
>>> graph = nx.DiGraph()
>>> graph.add_node("urn:a", label="A")
>>> graph.add_edge("urn:a", "urn:b", score=0.5, first_met="2019-10-06", last_met="2024-08-06")
>>> out = io.BytesIO()
>>> write_gexf(graph, out)
>>> text = out.getvalue().decode()
>>> 'version="1.3"' in text, 'mode="dynamic"' in text, 'timeformat="date"' in text
(True, True, True)
>>> '<spell start="2019-10-06" end="2024-08-06" />' in text, 'weight="0.5"' in text
(True, True)
>>> nx.read_gexf(io.BytesIO(out.getvalue())).nodes["urn:a"]["spells"]
[('2019-10-06', '2024-08-06')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import BinaryIO
from xml.etree.ElementTree import Element

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from rivalgraph import __version__

__all__ = ["Spell", "spells", "write_gexf"]

#: A lifetime on the timeline: the first and the last day, ISO dates (``YYYY-MM-DD``).
Spell = tuple[str, str]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _date(value: object) -> str | None:
    text = str(value or "")
    return text if _DATE.fullmatch(text) else None


def _hull(dates: Iterable[str]) -> Spell | None:
    found = sorted(dates)
    return (found[0], found[-1]) if found else None


def _edge_spell(data: dict[str, object]) -> Spell | None:
    first, last = _date(data.get("first_met")), _date(data.get("last_met"))
    return _hull(date for date in (first, last) if date)


def spells(network: nx.DiGraph) -> tuple[dict[str, Spell], dict[tuple[str, str], Spell]]:
    """The spell of each dated node and edge of ``network``: ``(nodes, edges)``.

    An edge with ``first_met`` (a rivalry) lives from it to ``last_met``; a node
    with a ``date`` lives on that day; any other node from the first to the last
    date of its dated edges and dated neighbours.  Whatever has no date is left out.

    >>> graph = nx.DiGraph()
    >>> graph.add_node("urn:race", date="2024-08-06")
    >>> graph.add_edge("urn:a", "urn:b", first_met="2021-08-07", last_met="2023-08-23")
    >>> graph.add_edge("urn:a", "urn:race", kind="result")
    >>> graph.add_edge("urn:c", "urn:d", first_met="")
    >>> nodes, edges = spells(graph)
    >>> for node in sorted(nodes):
    ...     print(node, *nodes[node])
    urn:a 2021-08-07 2024-08-06
    urn:b 2021-08-07 2023-08-23
    urn:race 2024-08-06 2024-08-06
    >>> edges
    {('urn:a', 'urn:b'): ('2021-08-07', '2023-08-23')}
    """
    edges = {(source, target): spell for source, target, data in network.edges(data=True)
             if (spell := _edge_spell(data))}  # fmt: skip
    own = {node: date for node, data in network.nodes(data=True) if (date := _date(data.get("date")))}
    nodes: dict[str, Spell] = {node: (date, date) for node, date in own.items()}
    for node in network:
        if node in own:
            continue
        touching = [*network.out_edges(node), *network.in_edges(node)]
        dates = [date for edge in touching if edge in edges for date in edges[edge]]
        dates += [own[other] for other in nx.all_neighbors(network, node) if other in own]
        if spell := _hull(dates):
            nodes[node] = spell
    return nodes, edges


def write_gexf(network: nx.DiGraph, handle: BinaryIO) -> None:
    """Write ``network`` (in the export schema) as dynamic GEXF 1.3 to a binary file."""
    node_spells, edge_spells = spells(network)
    # Only "mode" of the graph attributes means something to networkx; ours ("rivalries",
    # "full") would make it static, so the graph attributes go to <description> instead.
    timed = nx.DiGraph(mode="dynamic")
    timed.add_nodes_from(
        (node, {**data, "spells": [node_spells[node]]} if node in node_spells else data)
        for node, data in network.nodes(data=True)
    )
    timed.add_edges_from(
        (source, target, {**data, "weight": float(data.get("weight") or data.get("score", 0.0)),
                          **({"spells": [edge_spells[source, target]]}
                             if (source, target) in edge_spells else {})})
        for source, target, data in network.edges(data=True)
    )  # fmt: skip
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.3")
    writer.xml.set("xmlns:xsi", _XSI)
    writer.add_graph(timed)
    meta = writer.xml.find("meta")
    creator = meta.find("creator")
    creator.text = f"rivalgraph {__version__} (NetworkX {nx.__version__})"
    description = "; ".join(f"{name}={value}" for name, value in network.graph.items())
    if description:
        meta.append(_element("description", description))
    for graph in writer.xml.iter("graph"):
        graph.attrib.pop("name", None)
        # Set here, not left to networkx: it writes them only once it has met a date.
        graph.set("mode", "dynamic")
        graph.set("timeformat", "date")
    writer.write(handle)


def _element(tag: str, text: str) -> Element:
    element = Element(tag)
    element.text = text
    return element
