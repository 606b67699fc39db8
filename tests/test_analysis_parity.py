"""Parity, the sixth factor: openskill's formula, the ratings of the graph, counted only where rated."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openskill.models import PlackettLuce

from rivalgraph.analysis.parity import race_parity
from rivalgraph.analysis.ranking import rank_rivals, score_graph
from rivalgraph.analysis.reader import read_projection, read_ratings_table
from rivalgraph.analysis.reports import analyse, rivals_report
from rivalgraph.analysis.scoring import AnalysisError, ScoreParameters, counted
from rivalgraph.cli import main
from rivalgraph.store import Store, open_store, select_columns

from .conftest import copy_store

KERR = "https://w3id.org/rivalgraph/id/athlete/josh-kerr"
JAKOB = "https://w3id.org/rivalgraph/id/athlete/jakob-ingebrigtsen"
RATINGS = st.tuples(st.floats(min_value=-20, max_value=70), st.floats(min_value=0.1, max_value=9))


@pytest.fixture(scope="module")
def rated_store(rated_location: Path) -> Store:
    return open_store(rated_location)


@settings(max_examples=60, deadline=None)
@given(RATINGS, RATINGS, st.floats(min_value=1, max_value=20))
def test_parity_is_openskills_two_player_prediction(a: tuple[float, float], b: tuple[float, float],
                                                    beta: float) -> None:  # fmt: skip
    model = PlackettLuce(beta=beta)
    ahead = model.predict_win([[model.rating(*a)], [model.rating(*b)]])[0]
    got = race_parity(*(np.array([x]) for x in (a[0], a[1], b[0], b[1])), beta)[0]
    assert got == pytest.approx(1 - abs(2 * ahead - 1), abs=1e-9)


def test_level_ratings_are_parity_one_and_a_gulf_is_near_zero() -> None:
    mu = np.array([30.0, 30.0, 30.0])
    sigma = np.full(3, 1.0)
    parity = race_parity(mu, sigma, np.array([30.0, 20.0, -60.0]), sigma, 12.5)
    assert parity[0] == 1.0
    assert 0 < parity[2] < 0.01 < parity[1] < 1


def test_the_season_ratings_are_those_the_strength_command_wrote(rated_store: Store) -> None:
    ratings = read_ratings_table(rated_store)
    assert len(ratings) > 100
    assert ratings.beta == 12.5
    kerr = {key: value for key, value in ratings.ratings.items() if key[0] == KERR}
    assert any(key[3] == 2023 and key[1].endswith("Discipline1500m") for key in kerr)


def test_a_store_without_ratings_reads_none(real_store: Store) -> None:
    assert len(read_ratings_table(real_store)) == 0
    assert read_projection(real_store).graph["rated"] is False


def test_a_groups_parity_is_the_sum_over_its_races_from_the_ratings(rated_store: Store) -> None:
    """Recomputed here from the graph: each shared race of Kerr and Ingebrigtsen, both ratings."""
    graph = read_projection(rated_store)
    assert graph.graph["rated"] is True
    ratings = read_ratings_table(rated_store)
    rows = select_columns(
        rated_store,
        f"""
        SELECT ?race ?day ?discipline ?sex WHERE {{
          ?r1 rg:athlete <{KERR}> ; rg:race ?race ; rg:place ?p1 .
          ?r2 rg:athlete <{JAKOB}> ; rg:race ?race ; rg:place ?p2 .
          ?race schema:startDate ?day ; rg:discipline ?discipline ; rg:sex ?sex . }}""",
    )
    expected = 0.0
    for day, discipline, sex in zip(rows["day"], rows["discipline"], rows["sex"], strict=True):
        mu, sigma = ratings.lookup([KERR, JAKOB], [discipline] * 2, [sex] * 2, [int(day[:4])] * 2)
        expected += float(race_parity(mu[:1], sigma[:1], mu[1:], sigma[1:], ratings.beta)[0])
    groups = graph.edges[KERR, JAKOB]["shared_race_groups"]
    assert sum(g.rated for g in groups) == len(rows["race"]) >= 3
    assert sum(g.parity_sum for g in groups) == pytest.approx(expected, rel=1e-9)


def test_parity_counts_on_a_rated_store_and_not_elsewhere(real_store: Store,
                                                         rated_store: Store) -> None:  # fmt: skip
    plain = rivals_report(real_store, "Jakob Ingebrigtsen", ScoreParameters(), top=5)
    rated = rivals_report(rated_store, "Jakob Ingebrigtsen", ScoreParameters(), top=5)
    assert plain.parameters.w_parity == 0 and rated.parameters.w_parity == 1
    assert all(entry.rival.assessment.parity == 0 for entry in plain.rivals)
    assert all(0 < entry.rival.assessment.parity <= 1 for entry in rated.rivals)
    kerr = next(entry.rival.assessment for entry in rated.rivals if entry.rival.target == KERR)
    share = kerr.contributions(rated.parameters)
    assert sum(share.values()) == pytest.approx(kerr.score)
    assert share["parity"] == pytest.approx(kerr.repetition * kerr.parity / 6)


def test_without_ratings_the_score_is_the_five_factor_one(real_store: Store) -> None:
    """Weight 0 for parity on an unrated store, rather than every pair's parity counted as 0."""
    graph = read_projection(real_store)
    default = score_graph(graph, ScoreParameters())
    five = score_graph(graph, ScoreParameters(w_parity=0))
    assert [d["weight"] for *_, d in default.edges(data=True)] == \
        [d["weight"] for *_, d in five.edges(data=True)]  # fmt: skip
    assert [r.target for r in rank_rivals(default, JAKOB)][:1] == [KERR]


def test_parity_alone_on_a_store_without_ratings_is_a_clear_error() -> None:
    only = ScoreParameters(w_repetition=0, w_balance=0, w_closeness=0, w_stakes=0, w_discourse=0)
    with pytest.raises(AnalysisError, match="no strength ratings"):
        counted(only, rated=False)
    assert counted(only, rated=True) is only


def test_rivals_shows_parity_only_when_rated(real_location: Path, rated_location: Path) -> None:
    runner = CliRunner()
    plain = runner.invoke(main, ["rivals", "--store", str(real_location), "Jakob Ingebrigtsen",
                                 "--top", "2"])  # fmt: skip
    rated = runner.invoke(main, ["rivals", "--store", str(rated_location), "Jakob Ingebrigtsen",
                                 "--top", "2"])  # fmt: skip
    assert plain.exit_code == 0 and rated.exit_code == 0, plain.output + rated.output
    assert "parity" not in plain.output
    assert rated.output.count(" parity 0.") + rated.output.count(" parity 1.") == 2


def test_analyse_writes_the_parity_factor_only_when_rated(real_location: Path, rated_location: Path,
                                                          tmp_path: Path) -> None:  # fmt: skip
    ask = "ASK { GRAPH ?g { ?rivalry a rg:Rivalry ; rg:factorParity ?p } }"
    found = {}
    for name, location in (("plain", real_location), ("rated", rated_location)):
        copy = copy_store(location, tmp_path / name)
        analyse(copy, ScoreParameters())
        found[name] = bool(open_store(copy).ask(ask))
    assert found == {"plain": False, "rated": True}


def test_an_athletes_rivals_have_the_parity_the_whole_network_gives(rated_store: Store) -> None:
    """``rivals`` reads only his opponents' ratings; the scores are those of the whole graph."""
    network = score_graph(read_projection(rated_store), ScoreParameters())
    report = rivals_report(rated_store, "Jakob Ingebrigtsen", ScoreParameters(), top=None)
    assert len(report.rivals) > 10
    for entry in report.rivals:
        whole = network.edges[JAKOB, entry.rival.target]["assessment"]
        assert entry.rival.assessment.parity == pytest.approx(whole.parity, abs=1e-12)
        assert entry.rival.assessment.score == pytest.approx(whole.score, abs=1e-12)
