"""The whole knowledge graph as a typed network (``rivalgraph export --full``).

Typed nodes (``kind``): ``athlete``, ``race``, ``statement``, ``response`` (a
statement answering another), ``title``, and ``agent`` (a speaker who is not
an athlete).  Typed edges (``kind``):

=================  =====================  ===========================================
kind               from -> to             attributes
=================  =====================  ===========================================
``result``         athlete -> race        ``place``, ``time``, ``status``, ``medal``
``spoke``          athlete -> statement   (the speaker)
``responds_to``    response -> statement  (what it answers)
``about``          statement -> athlete   (whom it is about)
``won``            athlete -> title
``decided_in``     title -> race          (the race that decided the title)
``rivalry``        athlete -> athlete     as in the rivalry network (:mod:`.network`)
=================  =====================  ===========================================

:func:`knowledge_network` adds these to the rivalry network, from the rows of
the ``queries/export/kg-*.rq`` queries, and returns a graph in the full export
schema.  The function is pure.

Examples
--------
>>> import networkx as nx
>>> rivalries = nx.DiGraph()
>>> rivalries.add_node("urn:a", label="A", kind="athlete")
>>> rows = KnowledgeRows(
...     athletes=[{"athlete": "urn:a", "label": "A", "nation": "NOR"}],
...     races=[{"race": "urn:r", "label": "Final", "date": "2024-08-06", "url": "https://x.org"}],
...     results=[{"athlete": "urn:a", "race": "urn:r", "place": 1, "time": 210.5,
...               "status": "rg#Finished", "medal": "rg#Gold"}])
>>> graph = knowledge_network(rivalries, rows)
>>> graph.edges["urn:a", "urn:r"]["kind"], graph.edges["urn:a", "urn:r"]["medal"]
('result', 'Gold')
>>> graph.nodes["urn:r"]["kind"], graph.nodes["urn:r"]["url"], graph.nodes["urn:a"]["text"]
('race', 'https://x.org', '')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from rivalgraph.analysis.projection import Row, local_name, value
from rivalgraph.export.schema import conform

__all__ = ["KnowledgeRows", "knowledge_network", "NODE_KINDS", "EDGE_KINDS"]

NODE_KINDS = ("athlete", "race", "statement", "response", "title", "agent")
EDGE_KINDS = ("rivalry", "result", "spoke", "responds_to", "about", "won", "decided_in")


@dataclass(frozen=True)
class KnowledgeRows:
    """The rows of the ``kg-*`` queries (and ``athletes``) the projection is built from."""

    athletes: Iterable[Row] = ()
    races: Iterable[Row] = ()
    results: Iterable[Row] = ()
    statements: Iterable[Row] = ()
    about: Iterable[Row] = ()
    titles: Iterable[Row] = ()


def _text(row: Row, key: str) -> str:
    raw = value(row.get(key))
    return "" if raw is None else str(raw)


def _node(graph: nx.DiGraph, iri: str, **data: Any) -> None:
    if iri in graph:
        for key, item in data.items():
            if item not in ("", None) and not graph.nodes[iri].get(key):
                graph.nodes[iri][key] = item
    else:
        graph.add_node(iri, **data)


def _statements(graph: nx.DiGraph, rows: Iterable[Row]) -> None:
    rows = list(rows)
    for row in rows:
        speaker = _text(row, "speaker")
        _node(graph, speaker, label=_text(row, "speakerLabel") or speaker, kind="agent")
        _node(graph, _text(row, "statement"),
              label=_text(row, "label") or _text(row, "text")[:60],
              kind="response" if _text(row, "respondsTo") else "statement",
              text=_text(row, "text"), outlet=_text(row, "outlet"), date=_text(row, "date"),
              url=_text(row, "url"))  # fmt: skip
    for row in rows:
        statement, answered = _text(row, "statement"), _text(row, "respondsTo")
        graph.add_edge(_text(row, "speaker"), statement, kind="spoke")
        if answered:
            _node(graph, answered, label=answered, kind="statement")
            graph.add_edge(statement, answered, kind="responds_to")


def knowledge_network(rivalries: nx.DiGraph, rows: KnowledgeRows) -> nx.DiGraph:
    """Add races, results, statements, responses and titles to the rivalry network.

    Parameters
    ----------
    rivalries : networkx.DiGraph
        The rivalry network of :func:`.network.rivalry_network` (kept as it is).
    rows : KnowledgeRows
        Rows of the ``athletes`` and ``kg-*`` queries.
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(rivalries.nodes(data=True))
    graph.add_edges_from(rivalries.edges(data=True))
    for row in rows.athletes:
        iri = _text(row, "athlete")
        _node(graph, iri, label=_text(row, "label") or iri, kind="athlete",
              nation=_text(row, "nation"))  # fmt: skip
    for row in rows.races:
        iri = _text(row, "race")
        _node(graph, iri, label=_text(row, "label") or iri, kind="race", date=_text(row, "date"),
              url=_text(row, "url"))  # fmt: skip
    for row in rows.results:
        athlete, race = _text(row, "athlete"), _text(row, "race")
        _node(graph, athlete, label=athlete, kind="athlete")
        _node(graph, race, label=race, kind="race")
        graph.add_edge(athlete, race, kind="result", place=value(row.get("place")),
                       time=value(row.get("time")), status=local_name(row.get("status")),
                       medal=local_name(row.get("medal")))  # fmt: skip
    _statements(graph, rows.statements)
    for row in rows.about:
        statement, athlete = _text(row, "statement"), _text(row, "athlete")
        if statement in graph and athlete in graph:
            graph.add_edge(statement, athlete, kind="about")
    for row in rows.titles:
        title, athlete, race = _text(row, "title"), _text(row, "athlete"), _text(row, "race")
        _node(graph, title, label=_text(row, "label") or title, kind="title",
              date=_text(row, "date"), url=_text(row, "url"))  # fmt: skip
        _node(graph, athlete, label=athlete, kind="athlete")
        _node(graph, race, label=race, kind="race")
        graph.add_edge(athlete, title, kind="won")
        graph.add_edge(title, race, kind="decided_in")
    conform(graph, full=True)
    return graph
