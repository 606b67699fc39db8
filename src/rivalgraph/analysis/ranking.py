"""Score every pair of the athlete graph in both directions and rank an athlete's rivals.

:func:`score_graph` turns the undirected projection (:mod:`.projection`) into a
directed :class:`networkx.DiGraph`: an edge ``A -> B`` with ``weight`` = A's
rivalry score towards B and its :class:`~.scoring.Assessment`.  All pairs are
scored against one reference date (``as_of``), so scores are comparable.

Examples
--------
>>> import networkx as nx
>>> from rivalgraph.analysis.scoring import MeetingGroup, ScoreParameters
>>> graph = nx.Graph(latest="2024-08-06")
>>> graph.add_node("urn:a", label="A", nation="")
>>> graph.add_node("urn:b", label="B", nation="")
>>> race = MeetingGroup(2024, "Final", "GlobalScope", True, True, 1, 1, 0, 1, 0, 0, 0)
>>> graph.add_edge("urn:a", "urn:b", pair=("urn:a", "urn:b"), meeting_groups=(race,), said={})
>>> scored = score_graph(graph, ScoreParameters())
>>> sorted(scored.edges)
[('urn:a', 'urn:b'), ('urn:b', 'urn:a')]
>>> [rival.label for rival in rank_rivals(scored, "urn:a")]
['B']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx

from rivalgraph.analysis.projection import pair_evidence
from rivalgraph.analysis.scoring import Assessment, ScoreParameters, assess, fractional_year

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
        ``assessment``; ``graph["as_of"]`` is the reference time used.
    """
    as_of = reference_time(graph, params)
    scored = nx.DiGraph(as_of=as_of, parameters=params)
    scored.add_nodes_from(graph.nodes(data=True))
    for a, b in graph.edges:
        for holder, target in ((a, b), (b, a)):
            assessment = assess(pair_evidence(graph, holder, target), params, as_of)
            if assessment.score > 0:
                scored.add_edge(holder, target, weight=assessment.score, assessment=assessment)
    return scored


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
            Rival(rank, holder, target, node.get("label", target), node.get("nation", ""),
                  assessment, reverse)  # fmt: skip
        )
    return rivals
