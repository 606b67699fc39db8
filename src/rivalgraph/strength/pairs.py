"""The predictions to be made: every two finishers of a race with different places.

A pair is two result rows of one race of :class:`~.contests.Contests`; ``first``
is the athlete whose IRI sorts first (so the side a prediction is about does
not depend on who won, and a reliability table is not folded), ``first_ahead``
says whether he finished ahead.  Ties (the same place) predict nothing and are
left out, as is an athlete listed twice in one race.

Examples
--------
>>> from rivalgraph.strength.contests import Contests
>>> columns = {"race": ["r1"] * 3, "athlete": ["urn:b", "urn:a", "urn:c"],
...     "place": ["1", "2", "2"], "mark": [None] * 3, "measure": [None] * 3,
...     "date": ["2023-06-01"] * 3, "round": [None] * 3, "scope": [None] * 3,
...     "discipline": ["urn:d"] * 3, "sex": ["urn:s"] * 3}
>>> pairs = race_pairs(Contests.from_columns(columns))
>>> len(pairs), pairs.first_ahead.tolist()
(2, [False, True])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rivalgraph.strength.contests import Contests

__all__ = ["Pairs", "race_pairs"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Pairs:
    """Pairs of result rows of one race each; see the module docstring."""

    race: IntArray
    first: IntArray
    second: IntArray
    first_ahead: BoolArray

    def __len__(self) -> int:
        return len(self.race)

    def take(self, keep: BoolArray | IntArray) -> Pairs:
        """The pairs selected by a mask or by indices."""
        return Pairs(self.race[keep], self.first[keep], self.second[keep], self.first_ahead[keep])


def race_pairs(contests: Contests, races: IntArray | None = None) -> Pairs:
    """Every pair of finishers with different places of the given races (default: all)."""
    chosen = np.arange(len(contests)) if races is None else np.asarray(races, np.int64)
    starts, stops = contests.starts[chosen], contests.stops[chosen]
    sizes = stops - starts
    parts: list[tuple[IntArray, IntArray, IntArray]] = []
    for size in np.unique(sizes[sizes > 1]):
        upper, lower = np.triu_indices(int(size), 1)
        which = sizes == size
        base = starts[which][:, None]
        race = np.repeat(chosen[which], len(upper))
        parts.append((race, (base + upper).ravel(), (base + lower).ravel()))
    if not parts:
        empty = np.empty(0, np.int64)
        return Pairs(empty, empty, empty, np.empty(0, bool))
    race, one, other = (np.concatenate(column) for column in zip(*parts, strict=True))
    keep = (contests.place[one] != contests.place[other]) & (contests.entrant[one] != contests.entrant[other])
    race, one, other = race[keep], one[keep], other[keep]
    names = np.array(contests.entrant_athletes, dtype=object)
    rank = np.empty(len(names), np.int64)
    rank[np.argsort(names, kind="stable")] = np.arange(len(names))
    swap = rank[contests.entrant[one]] > rank[contests.entrant[other]]
    first, second = np.where(swap, other, one), np.where(swap, one, other)
    return Pairs(race, first, second, contests.place[first] < contests.place[second])
