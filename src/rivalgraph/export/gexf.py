"""GEXF 1.2draft, for Gephi.

Written by :func:`networkx.write_gexf`.  Node ids are the IRIs and ``label``
is GEXF's own node label; every other field of the export schema
(:mod:`.schema`) is a declared ``<attribute>`` with its GEXF type.  An edge's
GEXF ``weight`` is its ``score`` (Gephi lays out and filters by weight); the
``score`` attribute is there too, as in every format.  The graph-level
attributes (``as_of``, ``parameters`` ...) go into ``<meta><description>``.

networkx writes a ``name`` attribute on ``<graph>`` that GEXF 1.2draft does not
allow; it is removed, so the file validates against the official GEXF
1.2draft XML schema (the tests check it).

Examples
--------
>>> import io
>>> import networkx as nx
>>> graph = nx.DiGraph()
>>> graph.add_node("urn:a", label="A")
>>> graph.add_edge("urn:a", "urn:b", score=0.5)
>>> out = io.BytesIO()
>>> write_gexf(graph, out)
>>> b'weight="0.5"' in out.getvalue(), b'label="A"' in out.getvalue(), b'name=' in out.getvalue()
(True, True, False)
"""

from __future__ import annotations

from typing import BinaryIO
from xml.etree.ElementTree import Element

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from rivalgraph import __version__

__all__ = ["write_gexf"]


def write_gexf(network: nx.DiGraph, handle: BinaryIO) -> None:
    """Write ``network`` (in the export schema) as GEXF 1.2draft to a binary file."""
    weighted = nx.DiGraph()
    weighted.graph.update(network.graph)
    weighted.add_nodes_from(network.nodes(data=True))
    weighted.add_edges_from(
        (source, target, {**data, "weight": float(data.get("weight") or data.get("score", 0.0))})
        for source, target, data in network.edges(data=True)
    )
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(weighted)
    meta = writer.xml.find("meta")
    creator = meta.find("creator")
    creator.text = f"rivalgraph {__version__} (NetworkX {nx.__version__})"
    description = "; ".join(f"{name}={value}" for name, value in network.graph.items())
    if description:
        meta.append(_element("description", description))
    for graph in writer.xml.iter("graph"):
        graph.attrib.pop("name", None)
    writer.write(handle)


def _element(tag: str, text: str) -> Element:
    element = Element(tag)
    element.text = text
    return element
