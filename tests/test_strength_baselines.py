"""Baselines: season's best before the race, all-time rank, head-to-head, prestige and a coin."""

from __future__ import annotations

import math
from datetime import date

import networkx as nx
import numpy as np

from rivalgraph.strength import baselines
from rivalgraph.strength.contests import Contests
from rivalgraph.strength.evaluation import day_number
from rivalgraph.strength.pairs import race_pairs

from .strength_support import columns, simulated

ROWS = [("1", "a", 1, "2022-05-01"), ("1", "b", 2, "2022-05-01"),
        ("2", "b", 1, "2022-06-01"), ("2", "a", 2, "2022-06-01"),
        ("3", "a", 1, "2022-06-01"), ("3", "c", 2, "2022-06-01"),
        ("4", "c", 1, "2023-05-01"), ("4", "b", 2, "2023-05-01")]  # fmt: skip
MARKS = [3.50, 3.52, 3.30, 3.31, 3.40, 3.60, 3.45, 3.46]


def _contests() -> Contests:
    return Contests.from_columns(columns(ROWS, MARKS))


def test_season_best_uses_only_earlier_days_of_the_same_year() -> None:
    contests = _contests()
    best = baselines.season_best(contests).value
    assert math.isnan(best[0]) and math.isnan(best[1])  # first race of the year
    # Races 2 and 3 are on one day: neither sees the other's marks (3.30 of b, 3.40 of a).
    by_race = {contests.race_iris[r]: r for r in range(len(contests))}
    start = int(contests.starts[by_race["urn:race:3"]])
    assert best[start] == 3.50  # a's best before 2022-06-01
    assert math.isnan(best[start + 1])  # c had not raced
    # 2023: a new season, nothing known.
    assert np.isnan(best[-2:]).all()


def test_all_time_rank_ignores_marks_from_the_cutoff_on() -> None:
    contests = _contests()
    rank = baselines.all_time_rank(contests, day_number(date(2023, 1, 1)))
    value = dict(zip([contests.entrant_athletes[e][-1] for e in contests.entrant],
                     np.exp(rank.value).round().tolist(), strict=True))  # fmt: skip
    assert value == {"b": 1.0, "a": 2.0, "c": 3.0}  # 3.30, 3.31, 3.60; c's 3.45 of 2023 unseen


def test_head_to_head_is_the_laplace_record_of_earlier_days() -> None:
    contests = _contests()
    pairs = race_pairs(contests)
    probability = baselines.head_to_head(contests).probability(pairs)
    # a v b: 0-0 before race 1, a 1-0 before race 2; b v c: never met before race 4.
    assert probability.tolist() == [0.5, 2 / 3, 0.5, 0.5]


def test_prestige_is_networkx_pagerank_on_loser_to_winner_edges() -> None:
    contests, _ = simulated(athletes=15, races=80, field=5)
    cutoff = int(contests.day[60])
    scores = baselines.prestige_scores(contests, cutoff)
    pairs = race_pairs(contests, np.flatnonzero(contests.day < cutoff))
    graph = nx.DiGraph()
    for i, j, ahead in zip(pairs.first.tolist(), pairs.second.tolist(),
                           pairs.first_ahead.tolist(), strict=True):  # fmt: skip
        loser, winner = (
            (contests.entrant[j], contests.entrant[i])
            if ahead
            else (contests.entrant[i], contests.entrant[j])
        )
        weight = graph.get_edge_data(loser, winner, {"weight": 0})["weight"]
        graph.add_edge(loser, winner, weight=weight + 1)
    expected = nx.pagerank(graph, weight="weight")
    for node, value in expected.items():
        assert math.isclose(scores[node], value * len(expected), rel_tol=1e-9)


def test_a_fitted_scale_turns_gaps_into_calibrated_probabilities() -> None:
    rng = np.random.default_rng(3)
    gap = rng.normal(0, 1, 20_000)
    ahead = rng.random(20_000) < 1 / (1 + np.exp(-2.0 * gap))
    assert math.isclose(baselines.fit_scale(gap, ahead), 2.0, rel_tol=0.1)
    assert baselines.fit_scale(np.full(3, np.nan), np.ones(3, bool)) == 1.0


def test_a_baseline_that_knows_nothing_says_one_half() -> None:
    contests = _contests()
    pairs = race_pairs(contests)
    assert baselines.season_best(contests).probability(pairs)[0] == 0.5
    assert (baselines.coin().probability(pairs) == 0.5).all()
