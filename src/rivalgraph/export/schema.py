"""The attributes of exported nodes and edges: one schema, the same names in every format.

Every node and every edge of an exported network carries exactly the fields
listed here, each a plain value of the listed type (``str``, ``int``,
``float`` or ``bool``): never ``None``, never a Python object.  A value that
does not apply is the field's default (``""``, ``0``, ``0.0``, ``-1`` for "no
community").  Strings lose the control characters XML cannot hold.

The rivalry network uses :data:`NODE_FIELDS` and :data:`EDGE_FIELDS`; the whole
knowledge graph (``--full``) adds :data:`FULL_NODE_FIELDS` and
:data:`FULL_EDGE_FIELDS`.

Examples
--------
>>> import networkx as nx
>>> graph = nx.DiGraph()
>>> graph.add_node("urn:a", label="A\\x00", centrality=1)
>>> graph.add_node("urn:b", label="B")
>>> graph.add_edge("urn:a", "urn:b", kind="rivalry", meetings=2.0)
>>> conform(graph, full=False)
>>> graph.nodes["urn:a"]["label"], graph.nodes["urn:a"]["centrality"], graph.nodes["urn:b"]["community"]
('A', 1.0, -1)
>>> graph.edges["urn:a", "urn:b"]["meetings"], graph.edges["urn:a", "urn:b"]["score"]
(2, 0.0)
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = [
    "Field",
    "NODE_FIELDS",
    "EDGE_FIELDS",
    "FULL_NODE_FIELDS",
    "FULL_EDGE_FIELDS",
    "node_fields",
    "edge_fields",
    "plain",
    "conform",
]

Plain = str | int | float | bool


@dataclass(frozen=True)
class Field:
    """One attribute: its name, type, value when it does not apply, and meaning."""

    name: str
    type: type
    default: Plain
    doc: str


def _fields(*items: Field) -> dict[str, Field]:
    return {item.name: item for item in items}


NODE_FIELDS = _fields(
    Field("label", str, "", "readable name"),
    Field("kind", str, "athlete", "athlete (with --full also race, statement, response, title, agent)"),
    Field("nation", str, "", "IOC code of the athlete's nation"),
    Field("community", int, -1, "Louvain community of the rivalry network (0 = largest; -1 none)"),
    Field("centrality", float, 0.0, "eigenvector centrality in the directed rivalry network"),
    Field("strength", float, 0.0, "in-strength: the sum of the scores others hold towards him"),
    Field("rivals", int, 0, "how many athletes hold a positive score towards him"),
    # The drawing (rivalgraph.export.layout.draw): the picture of the HTML view, in every file.
    Field("x", float, 0.0, "position: the layout of the HTML view (igraph Fruchterman-Reingold)"),
    Field("y", float, 0.0, "position (y grows downwards, as on a screen)"),
    Field("size", float, 0.0, "diameter in pixels at zoom 1, by centrality (10 to 56)"),
    Field("color", str, "", "fill colour #rrggbb: by community for athletes, by kind otherwise"),
)
FULL_NODE_FIELDS = _fields(
    *NODE_FIELDS.values(),
    Field("date", str, "", "date of a race or statement (YYYY-MM-DD)"),
    Field("text", str, "", "verbatim text of a statement"),
    Field("outlet", str, "", "outlets a statement was given to or relayed by"),
    Field("url", str, "", "web page of the source"),
)
EDGE_FIELDS = _fields(
    Field(
        "kind",
        str,
        "rivalry",
        "rivalry (with --full also result, spoke, responds_to, about, won, decided_in)",
    ),
    Field("iri", str, "", "IRI of the rg:Rivalry the edge stands for"),
    Field("score", float, 0.0, "mutual rivalry score: mean of the two directed scores"),
    Field("source_score", float, 0.0, "how strongly the source regards the target as a rival"),
    Field("target_score", float, 0.0, "how strongly the target regards the source as a rival"),
    Field("repetition", float, 0.0, "factor R (mean of both directions)"),
    Field("balance", float, 0.0, "factor B (mean of both directions)"),
    Field("closeness", float, 0.0, "factor C (mean of both directions)"),
    Field("stakes", float, 0.0, "factor S (mean of both directions)"),
    Field("discourse", float, 0.0, "factor D (mean of both directions)"),
    Field("parity", float, 0.0, "factor P: how even their strength ratings were (0 unless rated)"),
    Field("meetings", int, 0, "races both ran"),
    Field("source_wins", int, 0, "races the source finished ahead of the target"),
    Field("target_wins", int, 0, "races the target finished ahead of the source"),
    Field("title_deciders", int, 0, "championship finals where both finished in the top three"),
    Field("source_statements", int, 0, "what the source said about or in answer to the target"),
    Field("target_statements", int, 0, "what the target said about or in answer to the source"),
    Field("first_met", str, "", "date of their first race together"),
    Field("last_met", str, "", "date of their last race together"),
    Field(
        "weight",
        float,
        0.0,
        "drawing weight: the score for a rivalry, 1 for the other kinds "
        "(never 0: Gephi drops weight-0 edges)",
    ),
)
FULL_EDGE_FIELDS = _fields(
    *EDGE_FIELDS.values(),
    Field("place", int, 0, "place of a result (0: none)"),
    Field("time", float, 0.0, "time of a result in seconds (0: none)"),
    Field("status", str, "", "status of a result: Finished, DidNotFinish, DidNotStart, Disqualified"),
    Field("medal", str, "", "medal of a result: Gold, Silver, Bronze"),
)

#: Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def node_fields(full: bool) -> Mapping[str, Field]:
    """The node schema of the rivalry network, or of the whole knowledge graph."""
    return FULL_NODE_FIELDS if full else NODE_FIELDS


def edge_fields(full: bool) -> Mapping[str, Field]:
    """The edge schema of the rivalry network, or of the whole knowledge graph."""
    return FULL_EDGE_FIELDS if full else EDGE_FIELDS


def plain(value: Any, field: Field) -> Plain:
    """``value`` as the field's plain type; ``None`` (or a non-finite number) is the default.

    >>> plain(None, NODE_FIELDS["community"]), plain(3.0, NODE_FIELDS["community"])
    (-1, 3)
    >>> plain(float("nan"), NODE_FIELDS["centrality"])
    0.0
    """
    value = getattr(value, "value", value)
    if value is None:
        return field.default
    if field.type is str:
        return _NOT_XML.sub("", str(value))
    if field.type is bool:
        return value is True or str(value).lower() in ("true", "1")
    if field.type is int:
        return int(float(value))
    number = float(value)
    return number if math.isfinite(number) else field.default


def _conform_one(data: dict[str, Any], fields: Mapping[str, Field], where: str) -> None:
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"{where} has attributes outside the export schema: {sorted(unknown)}")
    for name, field in fields.items():
        data[name] = plain(data.get(name), field)


def conform(graph: nx.DiGraph, full: bool) -> None:
    """Give every node and edge exactly the schema's fields, as plain values (in place).

    Raises
    ------
    ValueError
        If a node or edge has an attribute the schema does not list.
    """
    nodes, edges = node_fields(full), edge_fields(full)
    for node, data in graph.nodes(data=True):
        _conform_one(data, nodes, f"node {node}")
    for source, target, data in graph.edges(data=True):
        _conform_one(data, edges, f"edge {source} -> {target}")
