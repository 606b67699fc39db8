"""JSON for Cytoscape (``.cyjs``, read by Cytoscape desktop and cytoscape.js) and D3.

Cytoscape::

    {"format_version": "1.0", "generated_by": "...", "target_cytoscapejs_version": "~3",
     "data": {graph attributes},
     "elements": {"nodes": [{"data": {"id": IRI, "name": label, "label": ..., ...},
                             "position": {"x": ..., "y": ...}}, ...],
                  "edges": [{"data": {"id": "e0", "source": IRI, "target": IRI, ...}}, ...]}}

D3 (the node-link shape of ``d3-force`` and :func:`networkx.node_link_data`)::

    {"directed": true, "multigraph": false, "graph": {graph attributes},
     "nodes": [{"id": IRI, "label": ..., ...}, ...],
     "links": [{"source": IRI, "target": IRI, "score": ..., ...}, ...]}

Node and edge fields are those of the export schema (:mod:`.schema`) in both,
with the drawing (``x``, ``y``, ``size``, ``color``; ``d3-force`` starts from
``x``/``y``); Cytoscape also gets ``name`` (its desktop's label column) and the
element ``position`` it lays nodes out at.

Examples
--------
>>> import networkx as nx
>>> graph = nx.DiGraph([("urn:a", "urn:b", {"score": 0.5})])
>>> cytoscape_document(graph)["elements"]["edges"][0]["data"]
{'id': 'e0', 'source': 'urn:a', 'target': 'urn:b', 'score': 0.5}
>>> d3_document(graph)["links"][0]
{'source': 'urn:a', 'target': 'urn:b', 'score': 0.5}
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

import networkx as nx

from rivalgraph import __version__

__all__ = ["cytoscape_document", "d3_document", "write_cytoscape", "write_d3", "edge_id"]


def edge_id(number: int) -> str:
    """The id of the ``number``-th edge (in the graph's edge order) in JSON and the page."""
    return f"e{number}"


def cytoscape_document(network: nx.DiGraph) -> dict[str, Any]:
    """The network as a Cytoscape JSON document (a dict)."""
    return {
        "format_version": "1.0",
        "generated_by": f"rivalgraph-{__version__}",
        "target_cytoscapejs_version": "~3",
        "data": dict(network.graph),
        "elements": {
            "nodes": [_cytoscape_node(node, data) for node, data in network.nodes(data=True)],
            "edges": [
                {"data": {"id": edge_id(number), "source": source, "target": target, **data}}
                for number, (source, target, data) in enumerate(network.edges(data=True))
            ],
        },
    }


def _cytoscape_node(node: str, data: dict[str, Any]) -> dict[str, Any]:
    """A node element: ``name`` is the label (Cytoscape desktop labels nodes by ``name``, which
    would otherwise be the IRI) and ``position`` the drawing, where the network has one."""
    element: dict[str, Any] = {"data": {"id": node, "name": data.get("label") or node, **data}}
    if "x" in data and "y" in data:
        element["position"] = {"x": data["x"], "y": data["y"]}
    return element


def d3_document(network: nx.DiGraph) -> dict[str, Any]:
    """The network as a D3 node-link document (a dict)."""
    return {
        "directed": network.is_directed(),
        "multigraph": False,
        "graph": dict(network.graph),
        "nodes": [{"id": node, **data} for node, data in network.nodes(data=True)],
        "links": [
            {"source": source, "target": target, **data} for source, target, data in network.edges(data=True)
        ],  # fmt: skip
    }


def _dump(document: dict[str, Any], handle: BinaryIO) -> None:
    handle.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    handle.write(b"\n")


def write_cytoscape(network: nx.DiGraph, handle: BinaryIO) -> None:
    """Write the Cytoscape JSON document to a binary file."""
    _dump(cytoscape_document(network), handle)


def write_d3(network: nx.DiGraph, handle: BinaryIO) -> None:
    """Write the D3 node-link document to a binary file."""
    _dump(d3_document(network), handle)
