"""Score every pair of the athlete graph in both directions and rank an athlete's rivals.

:func:`score_graph` turns the undirected projection (:mod:`.projection`) into a
directed :class:`networkx.DiGraph`: an edge ``A -> B`` with ``weight`` = A's
rivalry score towards B and its :class:`~.scoring.Assessment`.  All pairs are
scored against one reference date (``as_of``), so scores are comparable, and
all at once with array code (:mod:`.scorearrays`): the same numbers as
:func:`~.scoring.assess` of each pair's :func:`~.projection.pair_evidence`.

Examples
--------
>>> import networkx as nx
>>> from rivalgraph.analysis.scoring import SharedRaceGroup, ScoreParameters
>>> graph = nx.Graph(latest="2024-08-06")
>>> graph.add_node("urn:a", label="A", nation="")
>>> graph.add_node("urn:b", label="B", nation="")
>>> race = SharedRaceGroup(2024, "Final", "GlobalScope", True, True, 1, 1, 0, 1, 0, 0, 0)
>>> graph.add_edge("urn:a", "urn:b", pair=("urn:a", "urn:b"), shared_race_groups=(race,), discourse_groups={})
>>> scored = score_graph(graph, ScoreParameters())
>>> sorted(scored.edges)
[('urn:a', 'urn:b'), ('urn:b', 'urn:a')]
>>> [rival.label for rival in rank_rivals(scored, "urn:a")]
['B']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx
import numpy as np

from rivalgraph.analysis.gcpause import paused_gc
from rivalgraph.analysis.scorearrays import DiscourseArrays, score_pairs
from rivalgraph.analysis.scoring import Assessment, ScoreParameters, counted, fractional_year
from rivalgraph.analysis.shared_races import SharedRaceGroups, SharedRaceTable

__all__ = ["Rival", "reference_time", "score_graph", "rank_rivals"]


@dataclass(frozen=True)
class Rival:
    """One rival of a holder: the score towards it, and the score it returns."""

    rank: int
    holder: str
    target: str
    label: str
    nation: str
    assessment: Assessment
    reverse: Assessment | None

    @property
    def score(self) -> float:
        return self.assessment.score


def reference_time(graph: nx.Graph, params: ScoreParameters) -> float:
    """The ``as_of`` of the scores: the parameter, else the graph's latest date, else today."""
    if params.as_of is not None:
        return fractional_year(params.as_of)
    latest = graph.graph.get("latest")
    return fractional_year(latest) if latest else fractional_year(date.today().isoformat())


def score_graph(graph: nx.Graph, params: ScoreParameters) -> nx.DiGraph:
    """Score every edge of the projection in both directions.

    Returns
    -------
    networkx.DiGraph
        The athletes as nodes (same attributes); an edge ``holder -> target``
        for every positive score, with ``weight`` (the score) and
        ``assessment``; ``graph["as_of"]`` is the reference time used and
        ``graph["parameters"]`` the parameters counted (:func:`~.scoring.counted`:
        parity's weight is 0 unless the projection is ``rated``).
    """
    with paused_gc():
        return _score_graph(graph, params)


def _score_graph(graph: nx.Graph, params: ScoreParameters) -> nx.DiGraph:
    as_of = reference_time(graph, params)
    params = counted(params, bool(graph.graph.get("rated")))
    scored = nx.DiGraph(as_of=as_of, parameters=params)
    scored.add_nodes_from(graph.nodes(data=True))
    edges = list(graph.edges(data=True))
    pairs = [data["pair"] for _, _, data in edges]
    table, pair = _shared_race_rows([data.get("shared_race_groups", ()) for _, _, data in edges])
    discourse = DiscourseArrays.from_discourse_groups(
        pairs, [data.get("discourse_groups", {}) for _, _, data in edges]
    )
    scores = score_pairs(table, pair, len(edges), discourse, params, as_of).assessments()
    directed = []
    for (a, b, _), (first, _), (forward, backward) in zip(edges, pairs, scores, strict=True):
        ab, ba = (forward, backward) if a == first else (backward, forward)
        if ab.score > 0:
            directed.append((a, b, {"weight": ab.score, "assessment": ab}))
        if ba.score > 0:
            directed.append((b, a, {"weight": ba.score, "assessment": ba}))
    scored.add_edges_from(directed)
    return scored


def _shared_race_rows(groups: list[Any]) -> tuple[SharedRaceTable, np.ndarray]:
    """The shared-race groups of every edge as one table, and the edge of each row.

    Views of one projection's table are taken from it by row number; any other
    groups (a graph built by hand) are made into a table of their own.
    """
    lengths = np.array([len(g) for g in groups], np.int64)
    pair = np.repeat(np.arange(len(groups)), lengths)
    tables = {id(g.table): g.table for g in groups if isinstance(g, SharedRaceGroups)}
    if len(tables) == 1 and all(isinstance(g, SharedRaceGroups) or not g for g in groups):
        starts = np.array([g.start if isinstance(g, SharedRaceGroups) else 0 for g in groups],
                          np.int64)  # fmt: skip
        offsets = np.cumsum(lengths) - lengths
        rows = np.arange(int(lengths.sum())) + np.repeat(starts - offsets, lengths)
        return next(iter(tables.values())).take(rows), pair
    return SharedRaceTable.from_groups([group for each in groups for group in each]), pair


def rank_rivals(scored: nx.DiGraph, holder: str, top: int | None = None) -> list[Rival]:
    """The holder's rivals, highest score first (ties by name).

    Parameters
    ----------
    scored : networkx.DiGraph
        The output of :func:`score_graph`.
    holder : str
        The athlete IRI.
    top : int, optional
        Keep only the first ``top``.
    """
    if holder not in scored:
        return []
    ranked = sorted(
        scored.out_edges(holder, data="assessment"),
        key=lambda edge: (-edge[2].score, scored.nodes[edge[1]].get("label", edge[1])),
    )
    rivals = []
    for rank, (_, target, assessment) in enumerate(ranked[:top], start=1):
        node = scored.nodes[target]
        reverse = scored.edges[target, holder]["assessment"] if scored.has_edge(target, holder) \
            else None  # fmt: skip
        rivals.append(
            Rival(
                rank, holder, target, node.get("label", target), node.get("nation", ""), assessment, reverse
            )  # fmt: skip
        )
    return rivals
