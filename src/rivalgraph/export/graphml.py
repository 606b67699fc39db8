"""GraphML, for Gephi, Cytoscape, yEd, igraph and networkx.

Written by :func:`networkx.write_graphml`: one ``<key>`` per attribute of the
export schema (:mod:`.schema`) with its GraphML type (``string``, ``long``,
``double``, ``boolean``), node ids are the IRIs, the graph is directed (an
edge points from the holder of the higher score, see :mod:`.network`), and
the graph-level attributes (``as_of``, ``generated_by``, ...) are ``<data>``
of the ``<graph>``.

Examples
--------
>>> import io
>>> import networkx as nx
>>> graph = nx.DiGraph([("urn:a", "urn:b", {"score": 0.5})])
>>> out = io.BytesIO()
>>> write_graphml(graph, out)
>>> nx.read_graphml(io.BytesIO(out.getvalue())).edges["urn:a", "urn:b"]["score"]
0.5
"""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

__all__ = ["write_graphml"]


def write_graphml(network: nx.DiGraph, handle: BinaryIO) -> None:
    """Write ``network`` (in the export schema) as GraphML to a binary file."""
    nx.write_graphml(network, handle, encoding="utf-8", prettyprint=True)
