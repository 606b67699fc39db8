"""Mark rankings: dated at the window's end, one mark per athlete, never seen by a race of their window."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from openskill.models import PlackettLuce

from rivalgraph.strength.contests import Contests
from rivalgraph.strength.marks import mark_rankings, plackett_luce_with_marks
from rivalgraph.strength.pairs import race_pairs
from rivalgraph.strength.ratings import PLACKETT_LUCE, plackett_luce

from .strength_support import columns, simulated

# 2023-06-05 is a Monday: the week of 5-11 June is one window of 7 days.
WEEK = [(date(2023, 6, 5) + timedelta(days=d)).isoformat() for d in range(14)]


def _day(contests: Contests, race: int) -> str:
    return str(contests.day[race].astype("datetime64[D]"))


def _solo(rows: list[tuple[str, str, float, str]]) -> Contests:
    """Races of one finisher each: (race, athlete, mark, day)."""
    return Contests.from_columns(columns([(r, a, 1, d) for r, a, _, d in rows],
                                         [m for _, _, m, _ in rows]))  # fmt: skip


def test_a_ranking_is_dated_at_the_end_of_its_window() -> None:
    contests = _solo([("1", "a", 3.50, WEEK[0]), ("2", "b", 3.45, WEEK[2]),
                      ("3", "c", 3.60, WEEK[7]), ("4", "a", 3.55, WEEK[9])])  # fmt: skip
    rankings = mark_rankings(contests, 7)
    assert [_day(rankings, i) for i in range(len(rankings))] == ["2023-06-11", "2023-06-18"]
    one_day = mark_rankings(_solo([("1", "a", 3.5, WEEK[3]), ("2", "b", 3.4, WEEK[3])]), 1)
    assert [_day(one_day, 0)] == [WEEK[3]]
    month = mark_rankings(contests, 30)
    assert all(_day(month, i) >= WEEK[9] for i in range(len(month)))
    assert not rankings.championship_final.any()


def test_a_ranking_holds_one_best_mark_per_athlete_in_mark_order() -> None:
    contests = _solo([("1", "a", 3.50, WEEK[0]), ("2", "a", 3.41, WEEK[1]),
                      ("3", "b", 3.45, WEEK[2]), ("4", "c", 3.48, WEEK[3]),
                      ("5", "c", 3.70, WEEK[4])])  # fmt: skip
    rankings = mark_rankings(contests, 7)
    assert len(rankings) == 1
    who, place = rankings.race(0)
    athletes = [contests.entrant_athletes[e].rsplit("/", 1)[-1] for e in who]
    assert athletes == ["a", "b", "c"]
    assert place.tolist() == [1, 2, 3]
    assert rankings.mark.tolist() == [3.41, 3.45, 3.48]


def test_ties_unknown_marks_and_lone_marks_are_left_out() -> None:
    contests = _solo([("1", "a", 3.50, WEEK[0]), ("2", "b", 3.50, WEEK[1]),
                      ("3", "c", 3.40, WEEK[2]), ("4", "d", 3.60, WEEK[3]),
                      ("5", "e", float("nan"), WEEK[4]), ("6", "f", 3.3, WEEK[8])])  # fmt: skip
    rankings = mark_rankings(contests, 7)
    assert len(rankings) == 1  # the second week holds one mark: no contest
    who, _ = rankings.race(0)
    assert [contests.entrant_athletes[e][-1] for e in who] == ["c", "d"]


def test_pools_are_ranked_apart() -> None:
    mile = columns([("m", "a", 1, WEEK[0])], [3.9], discipline="DisciplineMile")
    metric = columns([("k1", "a", 1, WEEK[1]), ("k2", "b", 1, WEEK[2])], [3.5, 3.6])
    merged = {key: mile[key] + metric[key] for key in mile}
    rankings = mark_rankings(Contests.from_columns(merged), 7)
    assert len(rankings) == 1
    assert len(set(rankings.entrant_pool[rankings.entrant].tolist())) == 1


def test_big_windows_split_into_consecutive_ranks() -> None:
    contests = _solo([(str(i), f"x{i:02d}", 3.0 + i / 100, WEEK[i % 7]) for i in range(10)])
    whole, split = mark_rankings(contests, 7), mark_rankings(contests, 7, max_size=4)
    assert len(whole) == 1 and np.diff(np.r_[split.starts, len(split.entrant)]).tolist() == [4, 4, 2]
    assert split.entrant.tolist() == whole.entrant.tolist()
    assert split.place.tolist() == [1, 2, 3, 4, 1, 2, 3, 4, 1, 2]


def test_no_race_is_predicted_from_its_own_window() -> None:
    # Solo marks: a is much faster than b all week; a race on the window's last day
    # (and any earlier day of it) must still see the prior; the next week's race sees it.
    race = columns(
        [("w1", "a", 1, WEEK[6]), ("w1", "b", 2, WEEK[6]), ("w2", "a", 1, WEEK[7]), ("w2", "b", 2, WEEK[7])],
        [3.3, 3.6, 3.3, 3.6],
    )
    solo = columns([("1", "a", 1, WEEK[0]), ("2", "b", 1, WEEK[1])], [3.30, 3.60])
    contests = Contests.from_columns({key: solo[key] + race[key] for key in solo})
    run = plackett_luce_with_marks(contests)
    pairs = race_pairs(contests)
    before = run.probability(pairs)
    assert before[0] == pytest.approx(0.5)  # w1, the window's last day: no marks yet
    a_first = contests.entrant_athletes[contests.entrant[pairs.first[1]]].endswith("/a")
    assert (before[1] > 0.5) == a_first  # w2, the next week: the week's ranking is learnt
    # Without the mark rankings, w2 would know only w1.
    plain = plackett_luce(contests, parameters={"beta": run.parameters["beta"]}).probability(pairs)
    assert abs(before[1] - 0.5) > abs(plain[1] - 0.5)


def test_rankings_are_openskill_updates_with_their_own_beta() -> None:
    contests = _solo([("1", "a", 3.30, WEEK[0]), ("2", "b", 3.60, WEEK[1]),
                      ("3", "a", 3.40, WEEK[8])])  # fmt: skip
    run = plackett_luce_with_marks(contests, parameters={"beta": 10.0, "beta_factor": 2.0})
    model = PlackettLuce(**{**PLACKETT_LUCE, "beta": 20.0})
    [[a], [_]] = model.rate([[model.rating()], [model.rating()]], ranks=[1, 2])
    assert run.mu_before[2] == pytest.approx(a.mu)
    assert run.sigma_before[2] == pytest.approx(a.sigma)
    assert run.parameters["beta_factor"] == 2.0


def test_learn_until_stops_the_rankings_too() -> None:
    contests, _ = simulated(athletes=12, races=80, field=3)
    cutoff = int(contests.day[40])
    frozen = plackett_luce_with_marks(contests, learn_until=cutoff)
    later = np.flatnonzero(contests.result_day >= cutoff)
    for who in np.unique(contests.entrant[later]).tolist():
        rows = later[contests.entrant[later] == who]
        assert np.allclose(frozen.mu_before[rows], frozen.mu_before[rows[0]])


def test_mark_rankings_help_when_races_list_one_finisher() -> None:
    # Solo results only, marks drawn from known strengths: the races teach nothing,
    # the mark rankings recover the order.
    rng = np.random.default_rng(3)
    strength = rng.normal(0, 1, 20)
    rows, marks = [], []
    for race in range(400):
        who = int(rng.integers(20))
        rows.append((str(race), f"a{who:02d}", 1, (date(2022, 1, 3) + timedelta(days=race // 4)
                                                   ).isoformat()))  # fmt: skip
        marks.append(round(210 - strength[who] - rng.gumbel(), 3))
    contests = Contests.from_columns(columns(rows, marks))
    run = plackett_luce_with_marks(contests)
    true = np.array([strength[int(a[-2:])] for a in contests.entrant_athletes])
    last = np.array([run.mu_after[np.flatnonzero(contests.entrant == e)[-1]]
                     for e in range(len(true))])  # fmt: skip
    assert np.corrcoef(true, last)[0, 1] > 0.7
    assert np.allclose(plackett_luce(contests).mu_after, PLACKETT_LUCE["mu"])


def test_a_window_must_be_a_day_at_least() -> None:
    with pytest.raises(ValueError, match="window_days"):
        mark_rankings(_solo([("1", "a", 3.5, WEEK[0])]), 0)
