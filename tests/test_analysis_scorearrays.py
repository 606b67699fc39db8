"""All-pairs scoring with arrays gives the scores of the scalar scorer, pair by pair.

The reference is the straightforward implementation: for every edge of the
projection and both directions, :func:`assess` of the pair's evidence
(:func:`pair_evidence`), as ``score_graph`` did before it was vectorised.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from bench.generate import write
from hypothesis import given, settings
from hypothesis import strategies as st

from rivalgraph.analysis.headtohead import pair_meetings
from rivalgraph.analysis.projection import pair_evidence, project
from rivalgraph.analysis.ranking import rank_rivals, reference_time, score_graph
from rivalgraph.analysis.reader import analysis_queries, read_meetings, read_projection
from rivalgraph.analysis.scoring import FACTORS, ScoreParameters, assess, counted
from rivalgraph.analysis.shared_races import SharedRaceGroups, SharedRaceTable
from rivalgraph.build import build
from rivalgraph.query import run
from rivalgraph.store import Store, open_store
from tests.test_analysis_scoring import discourse_groups, shared_race_groups

PARAMETERS = [
    ScoreParameters(),
    ScoreParameters(
        half_life=2.5,
        as_of="2019-06-30",
        w_discourse=2,
        received_weight=0.8,
        title_bonus=0.7,
        balance_prior=0.5,
    ),  # fmt: skip
]


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A generated graph of about 3*10^4 triples: hundreds of pairs, some of them talking."""
    data = tmp_path_factory.mktemp("synthetic-data")
    write(30_000, 5, "nq", data)
    location = tmp_path_factory.mktemp("synthetic-store")
    build(location, folder=data, validate=False)
    return open_store(location)


def reference_scores(graph: nx.Graph, params: ScoreParameters) -> nx.DiGraph:
    """Every positive directed score, one pair at a time with the scalar scorer."""
    as_of = reference_time(graph, params)
    params = counted(params, graph.graph.get("rated", False))
    scored = nx.DiGraph()
    scored.add_nodes_from(graph.nodes(data=True))
    for a, b in graph.edges:
        for holder, target in ((a, b), (b, a)):
            assessment = assess(pair_evidence(graph, holder, target), params, as_of)
            if assessment.score > 0:
                scored.add_edge(holder, target, weight=assessment.score, assessment=assessment)
    return scored


def assert_same_scores(scored: nx.DiGraph, expected: nx.DiGraph) -> None:
    """The same edges in the same order (networkx algorithms depend on it), the same numbers."""
    assert list(scored.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(scored.edges) == list(expected.edges)
    for holder, target, want in expected.edges(data="assessment"):
        got = scored.edges[holder, target]["assessment"]
        assert got.meetings == want.meetings, (holder, target)
        for name in ("score", *FACTORS):
            assert getattr(got, name) == pytest.approx(getattr(want, name), abs=1e-9), \
                (holder, target, name)  # fmt: skip
        assert scored.edges[holder, target]["weight"] == got.score


def reference_ranking(expected: nx.DiGraph, holder: str) -> list[str]:
    mine = [(target, score) for _, target, score in expected.out_edges(holder, data="weight")]
    mine.sort(key=lambda item: (-item[1], expected.nodes[item[0]].get("label", item[0])))
    return [target for target, _ in mine]


@pytest.fixture(scope="module")
def rated_store(rated_location: Path) -> Store:
    return open_store(rated_location)


@pytest.mark.parametrize("which", ["real_store", "rated_store", "synthetic_store", "fixture_store"])
@pytest.mark.parametrize("params", PARAMETERS, ids=["default", "other"])
def test_array_scores_equal_the_scalar_scores(
    which: str, params: ScoreParameters, request: pytest.FixtureRequest
) -> None:
    graph = read_projection(request.getfixturevalue(which))
    expected = reference_scores(graph, params)
    scored = score_graph(graph, params)
    assert_same_scores(scored, expected)
    for holder in graph.nodes:
        ranked = [rival.target for rival in rank_rivals(scored, holder)]
        assert ranked == reference_ranking(expected, holder)


def test_the_synthetic_graph_has_pairs_both_ways_and_discourse(synthetic_store: Store) -> None:
    graph = read_projection(synthetic_store)
    assert graph.number_of_edges() > 400
    assert any(any(data["discourse_groups"].values()) for _, _, data in graph.edges(data=True))


@pytest.mark.parametrize("which", ["real_store", "synthetic_store"])
def test_the_table_and_the_rows_give_the_same_projection(which: str, request: pytest.FixtureRequest) -> None:
    """Columns read in bulk, or rows of RDF terms: the same edges, aggregates and groups."""
    store: Store = request.getfixturevalue(which)
    queries = analysis_queries()
    athletes = run(store, queries["athletes"]).dicts()
    discourse = run(store, queries["pair-discourse"]).dicts()
    rows = pair_meetings(run(store, queries["race-results"]).dicts())
    from_table, from_rows = project(athletes, read_meetings(store), discourse), project(
        athletes, rows, discourse)  # fmt: skip
    assert list(from_table.edges) == list(from_rows.edges)
    assert list(from_table.nodes(data=True)) == list(from_rows.nodes(data=True))
    for a, b, data in from_table.edges(data=True):
        other = from_rows.edges[a, b]
        assert {k: v for k, v in data.items() if k != "shared_race_groups"} == \
            {k: v for k, v in other.items() if k != "shared_race_groups"}  # fmt: skip
        assert isinstance(data["shared_race_groups"], SharedRaceGroups)
        assert tuple(data["shared_race_groups"]) == tuple(other["shared_race_groups"])
        assert pair_evidence(from_table, b, a) == pair_evidence(from_rows, b, a)


pairs = st.lists(
    st.tuples(st.lists(shared_race_groups(), max_size=4).map(tuple),
              st.lists(discourse_groups(), max_size=2).map(tuple),
              st.lists(discourse_groups(), max_size=2).map(tuple)),
    min_size=1, max_size=6,
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(pairs, st.sampled_from(PARAMETERS), st.booleans(), st.booleans())
def test_a_graph_built_by_hand_scores_as_the_scalar_scorer(
    evidence: list[tuple[tuple, tuple, tuple]],
    params: ScoreParameters,
    as_table: bool,
    rated: bool,
) -> None:
    """Groups given as objects (or as views of one table), discourse in both directions."""
    graph = nx.Graph(latest="2024-12-31", rated=rated)
    table = SharedRaceTable.from_groups([g for groups, _, _ in evidence for g in groups])
    start = 0
    for index, (groups, said, heard) in enumerate(evidence):
        a, b = f"urn:{index}a", f"urn:{index}b"
        kept = SharedRaceGroups(table, start, start + len(groups)) if as_table else groups
        start += len(groups)
        by_speaker = {speaker: statements for speaker, statements in ((a, said), (b, heard)) if statements}
        graph.add_edge(b, a, pair=(a, b), shared_race_groups=kept, discourse_groups=by_speaker)
    assert_same_scores(score_graph(graph, params), reference_scores(graph, params))


def test_rows_of_a_table_read_back_as_its_groups(fixture_store: Store) -> None:
    table = read_meetings(fixture_store)
    again = SharedRaceTable.from_rows(table.rows())
    assert [tuple(SharedRaceGroups(again, s, e)) for *_, s, e in again.pairs()] == \
        [tuple(SharedRaceGroups(table, s, e)) for *_, s, e in table.pairs()]  # fmt: skip
