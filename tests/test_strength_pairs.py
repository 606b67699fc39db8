"""Pairs: every two finishers of a race with different places, oriented by IRI."""

from __future__ import annotations

from rivalgraph.strength.contests import Contests
from rivalgraph.strength.pairs import race_pairs

from .strength_support import columns, simulated


def test_a_race_of_n_finishers_gives_n_choose_2_pairs_but_ties_give_none() -> None:
    rows = [("r", "a", 1, "2023-06-01"), ("r", "b", 2, "2023-06-01"), ("r", "c", 2, "2023-06-01"),
            ("r", "d", 4, "2023-06-01"), ("s", "a", 1, "2023-06-02")]  # fmt: skip
    pairs = race_pairs(Contests.from_columns(columns(rows)))
    assert len(pairs) == 6 - 1  # b and c tied; s has one finisher


def test_the_first_of_a_pair_is_the_athlete_whose_iri_sorts_first() -> None:
    contests, _ = simulated(athletes=12, races=30, field=5)
    pairs = race_pairs(contests)
    athletes = contests.entrant_athletes
    first = [athletes[e] for e in contests.entrant[pairs.first]]
    second = [athletes[e] for e in contests.entrant[pairs.second]]
    assert all(a < b for a, b in zip(first, second, strict=True))
    assert (pairs.first_ahead == (contests.place[pairs.first] < contests.place[pairs.second])).all()
    # Not folded: the first is ahead about half the time.
    assert 0.3 < pairs.first_ahead.mean() < 0.7
    assert len(pairs) == 30 * 10


def test_pairs_of_chosen_races_and_take() -> None:
    contests, _ = simulated(athletes=12, races=30, field=5)
    pairs = race_pairs(contests, [3, 7])
    assert set(pairs.race.tolist()) == {3, 7} and len(pairs) == 20
    assert len(pairs.take(pairs.race == 3)) == 10


def test_an_athlete_listed_twice_in_a_race_is_not_paired_with_himself() -> None:
    rows = [("r", "a", 1, "2023-06-01"), ("r", "a", 2, "2023-06-01"), ("r", "b", 3, "2023-06-01")]
    pairs = race_pairs(Contests.from_columns(columns(rows)))
    assert len(pairs) == 2
