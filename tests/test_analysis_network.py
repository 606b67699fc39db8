"""Network measures on the scored fixture graph: Louvain communities, centrality, triangles."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rivalgraph.analysis.network import (
    central_rivals,
    eigenvector_centrality,
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
    assert rivalry_communities(scored, seed=7, backend="networkx") == rivalry_communities(scored, seed=7)
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


def _agrees_with_networkx(graph: nx.DiGraph) -> None:
    mine = eigenvector_centrality(graph, max_iter=1000, tol=1e-8)
    theirs = nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-8, weight="weight")
    assert mine.keys() == theirs.keys()
    for node in graph:
        assert mine[node] == pytest.approx(theirs[node], abs=1e-12)


def test_eigenvector_centrality_agrees_with_networkx_on_the_real_graph(real_store: Store) -> None:
    _agrees_with_networkx(score_graph(read_projection(real_store), ScoreParameters()))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.integers(0, 12), st.floats(0.01, 1.0, allow_nan=False)),
        min_size=1,
        max_size=60,
    )
)
def test_eigenvector_centrality_agrees_with_networkx_on_any_graph(
    edges: list[tuple[int, int, float]],
) -> None:
    graph = nx.DiGraph()
    graph.add_weighted_edges_from((a, b, w) for a, b, w in edges if a != b)
    graph.add_node(99)  # an athlete nobody names: disconnected
    try:
        theirs_converge = nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-8,
                                                    weight="weight")  # fmt: skip
    except nx.PowerIterationFailedConvergence:
        with pytest.raises(nx.PowerIterationFailedConvergence):
            eigenvector_centrality(graph, max_iter=1000, tol=1e-8)
        return
    assert theirs_converge
    _agrees_with_networkx(graph)
