"""Network measures on the scored fixture graph: Louvain communities, centrality, triangles."""

from __future__ import annotations

import networkx as nx
import pytest

from rivalgraph.analysis.network import (
    central_rivals,
    mutual_graph,
    rivalry_communities,
    rivalry_triangles,
    triangle_counts,
)
from rivalgraph.analysis.ranking import score_graph
from rivalgraph.analysis.reader import read_projection
from rivalgraph.analysis.scoring import AnalysisError, ScoreParameters
from rivalgraph.store import Store


@pytest.fixture(scope="module")
def scored(fixture_store: Store) -> nx.DiGraph:
    return score_graph(read_projection(fixture_store), ScoreParameters())


def two_clusters() -> nx.DiGraph:
    graph = nx.DiGraph()
    strong = [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")]
    for u, v in strong:
        graph.add_edge(u, v, weight=0.8)
        graph.add_edge(v, u, weight=0.7)
    graph.add_edge("c", "x", weight=0.05)
    return graph


def test_louvain_separates_two_clusters_and_repeats_with_a_seed() -> None:
    graph = two_clusters()
    found = rivalry_communities(graph, seed=1)
    assert sorted(map(sorted, found)) == [["a", "b", "c"], ["x", "y", "z"]]
    assert rivalry_communities(graph, seed=1) == found


def test_communities_cover_every_athlete_with_a_rivalry(scored: nx.DiGraph) -> None:
    found = rivalry_communities(scored, seed=7)
    assert set().union(*found) == set(scored)
    assert sum(len(group) for group in found) == scored.number_of_nodes()


def test_the_networkx_backend_can_be_named_and_an_absent_one_is_a_clear_error(
    scored: nx.DiGraph,
) -> None:
    assert rivalry_communities(scored, seed=7, backend="networkx") == rivalry_communities(
        scored, seed=7
    )
    with pytest.raises(AnalysisError, match="backend 'no-such-backend' is not available"):
        triangle_counts(scored, 0.0, backend="no-such-backend")


def test_central_rivals_are_ranked_by_in_strength(scored: nx.DiGraph) -> None:
    central = central_rivals(scored)
    strengths = [c.in_strength for c in central]
    assert strengths == sorted(strengths, reverse=True)
    for entry in central:
        assert entry.in_strength == pytest.approx(
            sum(w for _, _, w in scored.in_edges(entry.athlete, data="weight"))
        )
        assert 0 < entry.eigenvector <= 1
    assert central_rivals(scored, top=2) == central[:2]


def test_triangles_need_every_side_above_the_threshold(scored: nx.DiGraph) -> None:
    every = rivalry_triangles(scored, threshold=0.0)
    assert len(every) == 4  # all four athletes met each other: K4 has four triangles
    counts = triangle_counts(scored, 0.0)
    for node, count in counts.items():
        assert count == sum(node in triangle for triangle in every)
    weakest = min(weight for _, _, weight in mutual_graph(scored).edges(data="weight"))
    fewer = rivalry_triangles(scored, threshold=weakest + 1e-9)
    assert len(fewer) < len(every)
    assert rivalry_triangles(scored, threshold=1.0) == []


def test_mutual_graph_averages_both_directions() -> None:
    graph = two_clusters()
    assert mutual_graph(graph).edges["a", "b"]["weight"] == pytest.approx(0.75)
    assert mutual_graph(graph).edges["c", "x"]["weight"] == pytest.approx(0.025)
    assert not mutual_graph(graph, threshold=0.1).has_edge("c", "x")
