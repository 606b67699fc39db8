"""The rivalry network: athletes as nodes, one edge per scored rivalry, with plain attributes.

:func:`rivalry_network` takes the projection (:func:`rivalgraph.analysis.reader.read_projection`)
and its scores (:func:`rivalgraph.analysis.ranking.score_graph`) and returns a
:class:`networkx.DiGraph` in the export schema (:mod:`.schema`):

- a node per athlete in at least one exported rivalry, with ``label``,
  ``nation``, ``community`` (Louvain, :func:`~rivalgraph.analysis.network.rivalry_communities`),
  ``centrality`` (eigenvector) and ``strength`` (in-strength), both from
  :func:`~rivalgraph.analysis.network.central_rivals`; the measures are those of
  the *whole* network, so an athlete keeps his values in an ego network;
- **one edge per pair**, pointing from the athlete who holds the higher score
  towards the other (ties: IRI order), with ``source_score`` and
  ``target_score`` (the two directed scores), ``score`` and the five factors
  as the mean of both directions (the values of the ``rg:Rivalry`` that
  ``rivalgraph analyse`` writes), ``meetings``, ``source_wins``,
  ``target_wins``, the statements each way and the dates.

:func:`ego_network` keeps the athletes within ``depth`` rivalries of one athlete.
The functions are pure.

Examples
--------
>>> import networkx as nx
>>> from rivalgraph.analysis.ranking import score_graph
>>> from rivalgraph.analysis.scoring import SharedRaceGroup, ScoreParameters
>>> projection = nx.Graph(latest="2024-08-06")
>>> projection.add_node("urn:a", label="A", nation="NOR")
>>> projection.add_node("urn:b", label="B", nation="GBR")
>>> race = SharedRaceGroup(2024, "Final", "GlobalScope", True, True, 1, 1, 0, 1, 0, 0, 0)
>>> projection.add_edge("urn:a", "urn:b", pair=("urn:a", "urn:b"), shared_race_groups=(race,),
...     discourse_groups={}, meetings=1, wins={"urn:a": 1, "urn:b": 0}, title_deciders=1,
...     statements={"urn:a": 0, "urn:b": 0}, first_met="2024-08-06", last_met="2024-08-06")
>>> network = rivalry_network(projection, score_graph(projection, ScoreParameters()))
>>> edge = network.edges["urn:a", "urn:b"]
>>> edge["source_wins"], edge["target_wins"], edge["score"] == edge["source_score"]
(1, 0, True)
>>> network.nodes["urn:b"]["nation"], network.nodes["urn:b"]["community"]
('GBR', 0)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from rivalgraph.analysis.network import central_rivals, rivalry_communities
from rivalgraph.analysis.scoring import Assessment, mutual_values
from rivalgraph.analysis.writeback import rivalry_iri
from rivalgraph.export.schema import conform

__all__ = ["rivalry_network", "ego_network", "graph_attributes"]


def _measures(scored: nx.DiGraph, seed: int) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {node: {} for node in scored}
    for index, group in enumerate(rivalry_communities(scored, seed=seed)):
        for node in group:
            found[node]["community"] = index
    for central in central_rivals(scored):
        found[central.athlete].update(centrality=central.eigenvector,
                                      strength=central.in_strength, rivals=central.rivals_of)  # fmt: skip
    return found


def _orient(scored: nx.DiGraph, a: str, b: str) -> tuple[str, str, Assessment | None, Assessment | None]:
    forward = scored.edges[a, b]["assessment"] if scored.has_edge(a, b) else None
    back = scored.edges[b, a]["assessment"] if scored.has_edge(b, a) else None
    score = (forward.score if forward else 0.0, back.score if back else 0.0)
    if score[1] > score[0] or (score[1] == score[0] and b < a):
        return b, a, back, forward
    return a, b, forward, back


def _edge(projected: Mapping[str, Any], source: str, target: str,
          forward: Assessment | None, back: Assessment | None) -> dict[str, Any]:  # fmt: skip
    first = forward or back
    assert first is not None
    values = mutual_values(first, back if forward else None)
    wins, statements = projected.get("wins", {}), projected.get("statements", {})
    return {
        "kind": "rivalry",
        "iri": rivalry_iri(source, target).value,
        **values,
        "source_score": forward.score if forward else 0.0,
        "target_score": back.score if back else 0.0,
        "meetings": projected.get("meetings", 0),
        "source_wins": wins.get(source, 0),
        "target_wins": wins.get(target, 0),
        "title_deciders": projected.get("title_deciders", 0),
        "source_statements": statements.get(source, 0),
        "target_statements": statements.get(target, 0),
        "first_met": projected.get("first_met", ""),
        "last_met": projected.get("last_met", ""),
    }


def rivalry_network(
    projection: nx.Graph,
    scored: nx.DiGraph,
    *,
    min_score: float = 0.0,
    seed: int = 7,
    keep: frozenset[str] = frozenset(),
) -> nx.DiGraph:
    """The rivalry network in the export schema.

    Parameters
    ----------
    projection : networkx.Graph
        The athlete graph of :func:`rivalgraph.analysis.projection.project`.
    scored : networkx.DiGraph
        Its directed scores (:func:`rivalgraph.analysis.ranking.score_graph`).
    min_score : float
        Keep only rivalries whose mutual score is above this (and above 0).
    seed : int
        Seed of the Louvain communities.
    keep : frozenset of str
        Athletes kept even without a rivalry (e.g. the focus of an ego network).
    """
    measures = _measures(scored, seed)
    network = nx.DiGraph()
    for a, b in projection.edges:
        if not (scored.has_edge(a, b) or scored.has_edge(b, a)):
            continue
        source, target, forward, back = _orient(scored, a, b)
        data = _edge(projection.edges[a, b], source, target, forward, back)
        if data["score"] > min_score and data["score"] > 0:
            network.add_edge(source, target, **data)
    network.add_nodes_from(node for node in keep if node in projection)
    for node in network:
        athlete = projection.nodes[node]
        network.nodes[node].update(label=athlete.get("label", node), kind="athlete",
                                   nation=athlete.get("nation", ""), **measures.get(node, {}))  # fmt: skip
    conform(network, full=False)
    return network


def ego_network(network: nx.DiGraph, center: str, depth: int, top: int | None = None) -> nx.DiGraph:
    """``center``, the nodes reached from it in ``depth`` steps, and every edge among them.

    Each step goes from a node to its neighbours (either direction) through the edges
    the network kept (those above ``--min-score``), or only through its ``top``
    strongest edges (by ``score``, ties by id) when ``top`` is given: depth 1 is the
    center and its rivals, depth 2 adds theirs, bounded the same way.

    >>> graph = nx.DiGraph([("a", "b", {"score": 0.9}), ("c", "b", {"score": 0.5}),
    ...                     ("c", "d", {"score": 0.4}), ("a", "e", {"score": 0.2})])
    >>> sorted(ego_network(graph, "a", 2)), sorted(ego_network(graph, "a", 2, top=1))
    (['a', 'b', 'c', 'e'], ['a', 'b'])
    """
    if center not in network:
        return network.subgraph([]).copy()
    kept, frontier = {center}, [center]
    for _ in range(depth):
        reached = []
        for node in frontier:
            edges = [(float(data.get("score", 0.0)), other) for other, data in
                     [*network.succ[node].items(), *network.pred[node].items()]]  # fmt: skip
            edges.sort(key=lambda edge: (-edge[0], edge[1]))
            chosen = dict.fromkeys(other for _, other in edges)
            reached += [other for other in list(chosen)[:top] if other not in kept]
            kept.update(reached)
        frontier = reached
    return network.subgraph(kept).copy()


def graph_attributes(**values: Any) -> dict[str, str | int | float | bool]:
    """Graph-level attributes as plain values (``None`` becomes ``""``).

    >>> graph_attributes(as_of="2025-09-21", min_score=0.1, athlete=None)
    {'as_of': '2025-09-21', 'min_score': 0.1, 'athlete': ''}
    """
    plain: dict[str, str | int | float | bool] = {}
    for name, value in values.items():
        plain[name] = value if isinstance(value, (str, int, float, bool)) else \
            ("" if value is None else str(value))  # fmt: skip
    return plain
