"""The races of the graph as rankings: who finished ahead of whom, in which pool, on which day.

A *pool* is a discipline and a sex category; an *entrant* is one athlete in one
pool (rated on his own there).  :class:`Contests` holds every placed result as
arrays sorted by day, race and place, and the races as slices of them.  It is
read from the rows of ``queries/analysis/race-results.rq`` (the rows the rivalry
score reads) by :func:`read_contests`, or built from such columns by
:meth:`Contests.from_columns`.  Marks are turned so that *lower is better*
(a time as it is, a distance, height or points negated), the order a season's
best or an all-time list is read in.

Examples
--------
>>> rg = "https://w3id.org/rivalgraph/ontology#"
>>> columns = {"race": ["r1", "r1", "r2", "r2"], "athlete": ["urn:a", "urn:b", "urn:b", "urn:a"],
...     "place": ["1", "2", "1", "3"], "mark": ["3.5", "3.6", "3.4", None],
...     "measure": [rg + "Time"] * 4, "date": ["2023-06-01"] * 2 + ["2023-08-20"] * 2,
...     "round": [None, None, rg + "Final", rg + "Final"],
...     "scope": [None, None, rg + "GlobalScope", rg + "GlobalScope"],
...     "discipline": [rg + "Discipline1500m"] * 4, "sex": [rg + "Male"] * 4}
>>> contests = Contests.from_columns(columns)
>>> len(contests), contests.entrant_athletes, contests.championship_final.tolist()
(2, ('urn:a', 'urn:b'), [False, True])
>>> [contests.race(i)[0].tolist() for i in range(2)]
[[0, 1], [1, 0]]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from rivalgraph.namespaces import RG
from rivalgraph.query import registry
from rivalgraph.store import Store, select_columns

__all__ = ["Contests", "read_contests", "HIGHER_IS_BETTER"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: The measures whose marks are better when higher (any other, or none, is a time).
HIGHER_IS_BETTER = frozenset(RG[name].value for name in ("Distance", "Height", "Points"))
_FINAL = RG.Final.value


def _codes(values: Sequence[str]) -> tuple[IntArray, tuple[str, ...]]:
    index: dict[str, int] = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), np.int64, len(values))
    return codes, tuple(index)


@dataclass(frozen=True)
class Contests:
    """Every placed result of the graph, as arrays sorted by day, race and place.

    Attributes
    ----------
    entrant, place, mark :
        Per result: the entrant (an index into :attr:`entrant_athletes` and
        :attr:`entrant_pool`), the place, and the mark with lower better
        (``nan`` when unknown).
    starts, day, pool, championship_final, race_iris :
        Per race: its first result, its day (days since 1970-01-01), its pool
        (an index into :attr:`pools`), whether it is the final of a
        championship, and its IRI.
    entrant_athletes, entrant_pool, pools :
        Per entrant: the athlete's IRI and the pool; per pool: the discipline
        and sex IRIs.
    """

    entrant: IntArray
    place: IntArray
    mark: FloatArray
    starts: IntArray
    day: IntArray
    pool: IntArray
    championship_final: BoolArray
    race_iris: tuple[str, ...]
    entrant_athletes: tuple[str, ...]
    entrant_pool: IntArray
    pools: tuple[tuple[str, str], ...]

    def __len__(self) -> int:
        return len(self.starts)

    @property
    def stops(self) -> IntArray:
        """The end of each race's slice of the result arrays."""
        stops: IntArray = np.r_[self.starts[1:], len(self.entrant)].astype(np.int64)
        return stops

    def race(self, index: int) -> tuple[IntArray, IntArray]:
        """The entrants and places of one race, best first."""
        start, stop = int(self.starts[index]), int(self.stops[index])
        return self.entrant[start:stop], self.place[start:stop]

    @property
    def result_day(self) -> IntArray:
        """The day of every result (its race's)."""
        return np.repeat(self.day, np.diff(np.r_[self.starts, len(self.entrant)]))

    def entrant_label(self, entrant: int, names: Mapping[str, str] | None = None) -> str:
        """The athlete's name (or IRI) and the pool's local names, for messages."""
        athlete = self.entrant_athletes[entrant]
        discipline, sex = self.pools[int(self.entrant_pool[entrant])]
        who = (names or {}).get(athlete, athlete)
        return f"{who} ({discipline.rsplit('#', 1)[-1]}, {sex.rsplit('#', 1)[-1]})"

    @classmethod
    def from_columns(cls, columns: Mapping[str, Sequence[Any]]) -> Contests:
        """Build the contests from the columns of ``race-results`` (text or ``None``).

        Results of a race with no discipline, sex or date are left out (they
        belong to no pool); races with one finisher are kept (they still tell
        the date of an athlete's race).
        """
        keep = [i for i, (d, s, day) in enumerate(zip(columns["discipline"], columns["sex"],
                                                      columns["date"], strict=True))
                if d and s and day]  # fmt: skip

        def column(name: str) -> list[Any]:
            values = columns.get(name) or [None] * len(columns["race"])
            return [values[i] for i in keep]

        pool_keys = [f"{d}\t{s}" for d, s in zip(column("discipline"), column("sex"), strict=True)]
        pool_code, pool_names = _codes(pool_keys)
        athlete_code, _ = _codes([str(a) for a in column("athlete")])
        entrant_keys = [f"{a}\t{p}" for a, p in zip(column("athlete"), pool_code, strict=True)]
        entrant_code, entrant_names = _codes(entrant_keys)
        race_code, race_names = _codes([str(r) for r in column("race")])
        day = np.array([str(d)[:10] for d in column("date")], "datetime64[D]").astype(np.int64)
        place = np.fromiter(map(int, column("place")), np.int64, len(keep))
        higher = np.fromiter((str(m) in HIGHER_IS_BETTER for m in column("measure")), bool,
                             len(keep))  # fmt: skip
        mark = np.fromiter((math.nan if m in (None, "") else float(m) for m in column("mark")),
                           np.float64, len(keep))  # fmt: skip
        mark = np.where(higher, -mark, mark)
        final = np.fromiter((r == _FINAL and bool(s) for r, s in zip(column("round"),
                             column("scope"), strict=True)), bool, len(keep))  # fmt: skip
        order = np.lexsort((entrant_code, place, race_code, day))
        race_sorted = race_code[order]
        starts = (
            np.flatnonzero(np.r_[True, race_sorted[1:] != race_sorted[:-1]])
            if len(order)
            else np.empty(0, np.int64)
        )
        first = order[starts]
        entrant_pool = np.zeros(len(entrant_names), np.int64)
        entrant_pool[entrant_code] = pool_code
        return cls(
            entrant=entrant_code[order], place=place[order], mark=mark[order],
            starts=starts.astype(np.int64), day=day[first], pool=pool_code[first],
            championship_final=final[first],
            race_iris=tuple(race_names[i] for i in race_code[first]),
            entrant_athletes=tuple(key.split("\t", 1)[0] for key in entrant_names),
            entrant_pool=entrant_pool,
            pools=tuple(tuple(name.split("\t", 1)) for name in pool_names),  # type: ignore[misc]
        )  # fmt: skip


def read_contests(store: Store) -> Contests:
    """Read every placed result of the store (``race-results``) as :class:`Contests`."""
    query = registry("analysis")["race-results"]
    return Contests.from_columns(select_columns(store, query.text))
