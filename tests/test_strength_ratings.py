"""Ratings: openskill, whr and choix on synthetic races of known strength, and against the libraries."""

from __future__ import annotations

import numpy as np
from openskill.models import PlackettLuce
from scipy.stats import spearmanr

from rivalgraph.strength.contests import Contests
from rivalgraph.strength.pairs import race_pairs
from rivalgraph.strength.ratings import (
    PLACKETT_LUCE,
    plackett_luce,
    static_plackett_luce,
    whole_history,
)

from .strength_support import columns, simulated


def _slug_strength(contests: Contests, strength: np.ndarray) -> np.ndarray:
    return np.array([strength[int(a.rsplit("/a", 1)[-1])] for a in contests.entrant_athletes])


def test_plackett_luce_is_openskill_applied_race_by_race() -> None:
    rows = [("1", "a", 1, "2023-06-01"), ("1", "b", 2, "2023-06-01"), ("1", "c", 3, "2023-06-01"),
            ("2", "c", 1, "2023-06-05"), ("2", "a", 2, "2023-06-05")]  # fmt: skip
    run = plackett_luce(Contests.from_columns(columns(rows)))
    model = PlackettLuce(**PLACKETT_LUCE)
    a, b, c = (model.rating() for _ in range(3))
    [[a], [b], [c]] = model.rate([[a], [b], [c]], ranks=[1, 2, 3])
    [[c2], [a2]] = model.rate([[c], [a]], ranks=[1, 2])
    assert np.allclose(run.mu_after[[3, 4]], [c2.mu, a2.mu])
    assert np.allclose(run.sigma_after[[3, 4]], [c2.sigma, a2.sigma])
    assert np.allclose(run.mu_before[[3, 4]], [c.mu, a.mu])


def test_races_of_one_day_do_not_see_each_other() -> None:
    rows = [("heat", "a", 1, "2023-06-01"), ("heat", "b", 2, "2023-06-01"),
            ("final", "b", 1, "2023-06-01"), ("final", "a", 2, "2023-06-01")]  # fmt: skip
    run = plackett_luce(Contests.from_columns(columns(rows)))
    assert np.allclose(run.mu_before, PLACKETT_LUCE["mu"])


def test_learn_until_freezes_the_ratings() -> None:
    contests, _ = simulated(athletes=10, races=60, field=4)
    cutoff = int(contests.day[30])
    frozen, learning = plackett_luce(contests, learn_until=cutoff), plackett_luce(contests)
    later = contests.result_day >= cutoff
    entrant = contests.entrant
    # After the cutoff a frozen rating is what the athlete had at the cutoff, race after race.
    for who in np.unique(entrant[later]).tolist():
        rows = np.flatnonzero(later & (entrant == who))
        assert np.allclose(frozen.mu_before[rows], frozen.mu_before[rows[0]])
    assert np.allclose(frozen.mu_before[~later], learning.mu_before[~later])
    assert not np.allclose(frozen.mu_after[later], learning.mu_after[later])


def test_every_model_recovers_the_true_order_of_strength() -> None:
    contests, strength = simulated()
    truth = _slug_strength(contests, strength)
    end = int(contests.day.max()) + 1
    run = plackett_luce(contests)
    last = np.zeros(len(truth))
    last[contests.entrant] = run.mu_after  # rows in date order: the last row wins
    fitted = {"openskill": last,
              "whr": whole_history(contests, end).strength,
              "choix": static_plackett_luce(contests, end).strength}  # fmt: skip
    for name, rating in fitted.items():
        assert spearmanr(rating, truth).statistic > 0.8, name


def test_forecasts_are_probabilities_that_favour_the_stronger() -> None:
    contests, strength = simulated()
    cutoff = int(contests.day[400])
    pairs = race_pairs(contests, np.flatnonzero(contests.day >= cutoff))
    truth = _slug_strength(contests, strength)
    stronger = truth[contests.entrant[pairs.first]] > truth[contests.entrant[pairs.second]]
    for forecast in (plackett_luce(contests, cutoff), whole_history(contests, cutoff),
                     static_plackett_luce(contests, cutoff)):  # fmt: skip
        probability = forecast.probability(pairs)
        assert ((probability > 0) & (probability < 1)).all()
        assert ((probability > 0.5) == stronger).mean() > 0.8, forecast.name


def test_whole_history_rates_a_newcomer_at_the_prior() -> None:
    rows = [("1", "a", 1, "2023-06-01"), ("1", "b", 2, "2023-06-01"),
            ("2", "a", 1, "2023-07-01"), ("2", "c", 2, "2023-07-01")]  # fmt: skip
    contests = Contests.from_columns(columns(rows))
    forecast = whole_history(contests, int(contests.day[1]))
    c = contests.entrant_athletes.index("https://w3id.org/rivalgraph/id/athlete/c")
    assert forecast.strength[c] == 0.0
