"""Contests: the races of the graph as rankings, read from the real store and from columns."""

from __future__ import annotations

import math

import numpy as np

from rivalgraph.store import Store, select_columns
from rivalgraph.strength.contests import Contests, read_contests

from .strength_support import RG, columns


def test_results_are_sorted_by_day_race_and_place() -> None:
    rows = [("late", "b", 2, "2023-08-01"), ("late", "a", 1, "2023-08-01"),
            ("early", "c", 3, "2023-06-01"), ("early", "a", 1, "2023-06-01"),
            ("early", "b", 2, "2023-06-01")]  # fmt: skip
    contests = Contests.from_columns(columns(rows, [3.6, 3.5, 3.9, 3.4, 3.45]))
    assert len(contests) == 2
    assert contests.race_iris == ("urn:race:early", "urn:race:late")
    assert [contests.place[i] for i in range(5)] == [1, 2, 3, 1, 2]
    assert contests.starts.tolist() == [0, 3] and contests.stops.tolist() == [3, 5]
    assert contests.result_day.tolist() == [contests.day[0]] * 3 + [contests.day[1]] * 2
    names = [contests.entrant_athletes[e].rsplit("/", 1)[-1] for e in contests.entrant]
    assert names == ["a", "b", "c", "a", "b"]


def test_an_athlete_is_a_separate_entrant_in_every_pool() -> None:
    mile = columns([("m", "a", 1, "2023-06-01"), ("m", "b", 2, "2023-06-01")],
                   discipline="DisciplineMile")  # fmt: skip
    metric = columns([("k", "a", 2, "2023-06-02"), ("k", "b", 1, "2023-06-02")])
    both = {name: mile[name] + metric[name] for name in mile}
    contests = Contests.from_columns(both)
    assert len(contests.entrant_athletes) == 4 and len(contests.pools) == 2
    assert contests.entrant_pool.tolist() == [0, 0, 1, 1]


def test_marks_are_turned_so_lower_is_better() -> None:
    data = columns([("j", "a", 1, "2023-06-01"), ("j", "b", 2, "2023-06-01"),
                    ("j", "c", 3, "2023-06-01")], [8.41, 8.30, None])  # fmt: skip
    data["measure"] = [RG + "Distance"] * 3
    contests = Contests.from_columns(data)
    assert contests.mark[:2].tolist() == [-8.41, -8.30]
    assert math.isnan(contests.mark[2])


def test_championship_finals_and_results_without_a_pool() -> None:
    data = columns([("f", "a", 1, "2023-08-20"), ("f", "b", 2, "2023-08-20"),
                    ("h", "a", 1, "2023-08-18")], finals={"f"})  # fmt: skip
    data["discipline"][2] = None  # a race of no discipline belongs to no pool
    contests = Contests.from_columns(data)
    assert contests.race_iris == ("urn:race:f",)
    assert contests.championship_final.tolist() == [True]


def test_read_contests_holds_every_placed_dated_result_of_the_store(real_store: Store) -> None:
    contests = read_contests(real_store)
    counted = select_columns(
        real_store,
        "SELECT (COUNT(DISTINCT ?result) AS ?n) (COUNT(DISTINCT ?race) AS ?races) WHERE { "
        "?result a rg:Result ; rg:place ?place ; rg:race ?race . ?race schema:startDate ?d ; "
        "rg:discipline ?discipline ; rg:sex ?sex }",
    )
    assert len(contests.entrant) == int(counted["n"][0]) > 200
    assert len(contests) == int(counted["races"][0])
    assert np.all(np.diff(contests.day) >= 0)
    kerr = "https://w3id.org/rivalgraph/id/athlete/josh-kerr"
    assert kerr in contests.entrant_athletes
    assert contests.championship_final.sum() > 0
