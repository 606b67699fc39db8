r"""Parity: how evenly matched two athletes were by their strength ratings, race by race.

The score's sixth factor (:mod:`.scoring`) follows Kilduff et al. (2010), who
name *similarity* of the rivals as a driver of rivalry.  For a race two
athletes both finished, their parity is

.. math::  \pi = 1 - |2p - 1|, \qquad
           p = \Phi\!\left(\frac{\mu_A - \mu_B}{\sqrt{2\beta^2 + \sigma_A^2 + \sigma_B^2}}\right)

with :math:`p` the probability that A finishes ahead, by the formula of
``openskill``'s Plackett–Luce ``predict_win`` for two (a test checks the two
agree), from both athletes' ratings in the race's discipline and sex category
for the season of the race, as ``rivalgraph strength`` wrote them into
``graph:analysis-strength`` (:class:`SeasonRatings`), and the ``beta`` of that
rating run.  1 when the ratings were level, towards 0 when one was far stronger.

The graph keeps one rating per athlete, pool and season (its end), not one per
race, so parity is that of the season: strength "at the time" to the season.
A race in which either athlete has no rating is not counted.

Examples
--------
>>> ratings = SeasonRatings({("urn:a", "urn:1500m", "urn:male", 2023): (30.0, 2.0),
...                          ("urn:b", "urn:1500m", "urn:male", 2023): (30.0, 3.0),
...                          ("urn:c", "urn:1500m", "urn:male", 2023): (10.0, 2.0)}, beta=12.5)
>>> mu, sigma = ratings.lookup(["urn:a", "urn:b", "urn:c", "urn:d"], ["urn:1500m"] * 4,
...                            ["urn:male"] * 4, [2023] * 4)
>>> race_parity(mu[[0, 0, 0]], sigma[[0, 0, 0]], mu[[1, 2, 3]], sigma[[1, 2, 3]], 12.5).round(2)
array([1.  , 0.26,  nan])
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.special import ndtr

from rivalgraph.strength.standing import Standing

__all__ = ["SeasonRatings", "race_parity"]

FloatArray = npt.NDArray[np.float64]
#: The key of a season rating: athlete, discipline and sex category (IRIs), season (year).
RatingKey = tuple[str, str, str, int]


@dataclass(frozen=True)
class SeasonRatings:
    """Every athlete's Plackett–Luce rating ``(mean, deviation)`` per discipline, sex and season.

    ``beta`` is the spread of one race's performances of the run that wrote them;
    ``days`` the day each rating was taken (the season's last race).  Empty when the
    store holds no ratings.
    """

    ratings: Mapping[RatingKey, tuple[float, float]]
    beta: float = math.nan
    days: Mapping[RatingKey, str] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.ratings)

    @classmethod
    def from_columns(cls, columns: Mapping[str, Sequence[Any]]) -> SeasonRatings:
        """From the columns of ``season-ratings`` or ``athlete-ratings`` (plain values).

        Rows without a mean (prestige) are left out; the season is the year of ``day``.

        >>> SeasonRatings.from_columns({"athlete": ["urn:a", "urn:a"], "discipline": ["urn:d"] * 2,
        ...     "sex": ["urn:s"] * 2, "day": ["2023-09-16", "2023-09-16"], "mean": ["30.5", None],
        ...     "deviation": ["2", None], "parameters": ['{"beta": 12.5}', '{"damping": 0.85}']})
        SeasonRatings(ratings={('urn:a', 'urn:d', 'urn:s', 2023): (30.5, 2.0)}, beta=12.5)
        """
        ratings: dict[RatingKey, tuple[float, float]] = {}
        days: dict[RatingKey, str] = {}
        runs: set[str] = set()
        for athlete, discipline, sex, day, mean, deviation, parameters in zip(
                columns["athlete"], columns["discipline"], columns["sex"], columns["day"],
                columns["mean"], columns["deviation"], columns["parameters"], strict=True):  # fmt: skip
            if mean is None or deviation is None:
                continue
            key = (str(athlete), str(discipline), str(sex), int(str(day)[:4]))
            ratings[key], days[key] = (float(mean), float(deviation)), str(day)[:10]
            runs.add(str(parameters))
        betas = {float(json.loads(text)["beta"]) for text in runs}
        return cls(ratings, betas.pop() if len(betas) == 1 else math.nan, days)

    @classmethod
    def from_standings(cls, seasons: Mapping[str, Sequence[Standing]]) -> SeasonRatings:
        """From each athlete's season ratings (:func:`~rivalgraph.strength.standing.read_season_ratings`)."""
        keyed = {(athlete, s.discipline, s.sex, int(s.day[:4])): s
                 for athlete, found in seasons.items() for s in found}  # fmt: skip
        betas = {float(s.parameters["beta"]) for s in keyed.values()}
        return cls({key: (s.mean, s.deviation) for key, s in keyed.items()},
                   betas.pop() if len(betas) == 1 else math.nan,
                   {key: s.day[:10] for key, s in keyed.items()})  # fmt: skip

    def lookup(self, athletes: Sequence[str], disciplines: Sequence[Any], sexes: Sequence[Any],
               seasons: Sequence[int]) -> tuple[FloatArray, FloatArray]:  # fmt: skip
        """The mean and deviation of each (athlete, discipline, sex, season); NaN where unrated."""
        unrated = (math.nan, math.nan)
        get = self.ratings.get
        found = [get((str(a), str(d), str(s), int(y)), unrated)
                 for a, d, s, y in zip(athletes, disciplines, sexes, seasons, strict=True)]  # fmt: skip
        pairs = np.array(found, np.float64).reshape(-1, 2)
        return pairs[:, 0].copy(), pairs[:, 1].copy()


def race_parity(mu_a: FloatArray, sigma_a: FloatArray, mu_b: FloatArray, sigma_b: FloatArray,
                beta: float) -> FloatArray:  # fmt: skip
    """``1 - |2p - 1|`` for each pair of ratings (NaN where a rating is missing)."""
    spread = np.sqrt(2 * beta**2 + sigma_a**2 + sigma_b**2)
    ahead = ndtr((mu_a - mu_b) / spread)
    parity: FloatArray = 1.0 - np.abs(2.0 * ahead - 1.0)
    return parity
