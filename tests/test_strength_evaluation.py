"""Out-of-sample validation: no forecast sees what it predicts, and the figures are right."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from rivalgraph.strength.contests import Contests
from rivalgraph.strength.evaluation import (
    day_number,
    evaluate,
    forecasts,
    markdown,
    reliability,
    score,
)
from rivalgraph.strength.pairs import race_pairs

from .strength_support import simulated


def _reversed_from(contests: Contests, first_day: int) -> Contests:
    """The same races with the order of every race from ``first_day`` on turned round."""
    place = contests.place.copy()
    for race in np.flatnonzero(contests.day >= first_day).tolist():
        start, stop = int(contests.starts[race]), int(contests.stops[race])
        place[start:stop] = place[start:stop].max() + 1 - place[start:stop]
    order = np.lexsort((place, np.repeat(np.arange(len(contests)), np.diff(
        np.r_[contests.starts, len(place)]))))  # fmt: skip
    return replace(contests, entrant=contests.entrant[order], place=place[order],
                   mark=contests.mark[order])  # fmt: skip


def _by_athletes(contests: Contests, pairs_first: np.ndarray, pairs_second: np.ndarray,
                 races: np.ndarray, probability: np.ndarray,
                 ) -> dict[tuple[int, int, int], float]:  # fmt: skip
    entrant = contests.entrant
    return {(int(r), int(entrant[i]), int(entrant[j])): float(p) for r, i, j, p in
            zip(races, pairs_first, pairs_second, probability, strict=True)}  # fmt: skip


@pytest.fixture(scope="module")
def simulation() -> Contests:
    return simulated(athletes=30, races=300, field=6)[0]


def test_no_forecast_sees_the_outcomes_it_predicts(simulation: Contests) -> None:
    cutoff = int(simulation.day[200])
    flipped = _reversed_from(simulation, cutoff)
    later = np.flatnonzero(simulation.day >= cutoff)
    seen: list[dict[str, dict[tuple[int, int, int], float]]] = []
    for contests in (simulation, flipped):
        pairs = race_pairs(contests, later)
        made = forecasts(contests, cutoff, {})
        seen.append({name: _by_athletes(contests, pairs.first, pairs.second, pairs.race,
                                        forecast.probability(pairs))
                     for name, forecast in made.items()})  # fmt: skip
    for name in seen[0]:
        if "online" in name or "head-to-head" in name or "season's best" in name:
            # These learn from the later races, so only the first later day is comparable.
            first_day = {k: v for k, v in seen[0][name].items()
                         if simulation.day[k[0]] == simulation.day[later[0]]}  # fmt: skip
            assert first_day == {k: seen[1][name][k] for k in first_day}, name
        else:
            assert seen[0][name] == seen[1][name], name


def test_an_online_forecast_of_a_race_does_not_use_that_race(simulation: Contests) -> None:
    race = 250
    said = []
    for contests in (simulation, _reversed_from(simulation, int(simulation.day[race]))):
        pairs = race_pairs(contests, np.array([race]))
        online = forecasts(contests, int(simulation.day[200]), {}, models=("openskill",))[
            "rating: Plackett-Luce (openskill), online"
        ]
        said.append(_by_athletes(contests, pairs.first, pairs.second, pairs.race,
                                 online.probability(pairs)))  # fmt: skip
    assert said[0] == said[1] and len(said[0]) == 15


def test_the_rating_models_beat_the_coin_and_know_more_than_head_to_head(
        simulation: Contests) -> None:  # fmt: skip
    cutoff = date.fromordinal(int(simulation.day[200]) + 719163)
    evaluation = evaluate(simulation, cutoff, minimum_final_pairs=5)
    overall = evaluation.overall
    coin = overall["coin"]
    assert coin.accuracy == 0.5 and math.isclose(coin.log_loss, math.log(2))
    for name in ("rating: Plackett-Luce (openskill), online",
                 "rating: Plackett-Luce (openskill), frozen",
                 "rating: Whole-History Rating (whr), frozen",
                 "rating: Plackett-Luce MLE (choix), frozen"):  # fmt: skip
        assert overall[name].accuracy > 0.65 and overall[name].log_loss < coin.log_loss, name
    assert overall["previous head-to-head"].known < overall[evaluation.best_model].known
    assert evaluation.races == int((simulation.day >= day_number(cutoff)).sum())
    assert sum(s.pairs for s in evaluation.finals.values()) > 0
    assert evaluation.best_model.startswith("rating:")


def test_markdown_tells_every_table(simulation: Contests) -> None:
    cutoff = date.fromordinal(int(simulation.day[200]) + 719163)
    text = markdown(evaluate(simulation, cutoff, models=("openskill",), minimum_final_pairs=5))
    for heading in ("All later races:", "Championship finals:", "Championship finals per "
                    "discipline", "Reliability of", "Seconds:"):  # fmt: skip
        assert heading in text
    assert "| coin |" in text and "beats it on both in" in text


def test_score_counts_a_half_as_half_and_clips_the_log_loss() -> None:
    outcome = np.array([True, False])
    assert score(np.array([0.5, 0.5]), outcome).accuracy == 0.5
    certain_wrong = score(np.array([0.0, 1.0]), outcome)
    assert certain_wrong.accuracy == 0 and math.isclose(certain_wrong.log_loss, -math.log(1e-6))
    assert math.isnan(score(np.array([]), np.array([], bool)).accuracy)


def test_reliability_bins_hold_what_was_said_and_what_was_seen() -> None:
    probability = np.array([0.05, 0.15, 0.12, 0.95, 1.0])
    outcome = np.array([False, True, False, True, True])
    rows = reliability(probability, outcome)
    assert [(b, n) for b, n, _, _ in rows] == [(0, 1), (1, 2), (9, 2)]
    assert rows[1][3] == 0.5 and math.isclose(rows[2][2], 0.975)
