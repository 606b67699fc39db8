r"""Ratings of athletes from the races they ran, with three libraries made for it.

- :func:`plackett_luce` runs ``openskill``'s Plackett–Luce model (Weng & Lin
  2011) through the races in date order: every athlete has a rating
  :math:`(\mu, \sigma)` in every pool, updated after each of his races.  The
  races of one day all see the ratings as they stood the day before, so a
  heat never informs the final of the same day.  ``learn_until`` stops the
  updates at a cutoff (the ratings then stand still, as a model fitted before
  the cutoff would).
- :func:`whole_history` fits ``whr``'s Whole-History Rating (Coulom 2008) on the
  pairwise outcomes of the races (time step: one day), a rating curve per
  athlete with its uncertainty.
- :func:`static_plackett_luce` fits ``choix``'s Plackett–Luce maximum-likelihood
  strengths (iterative Luce spectral ranking, Maystre & Grossglauser 2015) per
  pool: one number per athlete, no time.

Each gives, for any pair of result rows, the probability that the first
finishes ahead (:class:`Forecast`), with the library's own formula where it has
one (``openskill``'s ``predict_win``; WHR's and Plackett–Luce's logistic in the
rating difference).

Examples
--------
>>> from rivalgraph.strength.contests import Contests
>>> from rivalgraph.strength.pairs import race_pairs
>>> columns = {"race": ["r1", "r1", "r2", "r2"], "athlete": ["urn:a", "urn:b"] * 2,
...     "place": ["1", "2"] * 2, "mark": [None] * 4, "measure": [None] * 4,
...     "date": ["2023-06-01"] * 2 + ["2023-07-01"] * 2, "round": [None] * 4,
...     "scope": [None] * 4, "discipline": ["urn:d"] * 4, "sex": ["urn:s"] * 4}
>>> contests = Contests.from_columns(columns)
>>> run = plackett_luce(contests)
>>> pairs = race_pairs(contests)
>>> run.probability(pairs).round(2).tolist()  # before r1: even; before r2: a ahead
[0.5, 0.56]
>>> bool(run.mu_after[0] > run.mu_after[1])
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from rivalgraph.strength.contests import Contests
from rivalgraph.strength.pairs import Pairs

__all__ = [
    "Forecast",
    "RatingRun",
    "StaticRating",
    "plackett_luce",
    "whole_history",
    "static_plackett_luce",
    "PLACKETT_LUCE",
    "WHOLE_HISTORY",
    "STATIC_PLACKETT_LUCE",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Defaults, recorded with every rating written to the graph.  ``beta`` (the spread of one
#: race's performances) is three times openskill's default: chosen by the least log-loss
#: on 2021-2022 with ratings learnt from the races before (``python -m bench.strength``);
#: openskill's 25/6 made the predictions overconfident (0.97 said, 0.84 seen).
PLACKETT_LUCE: dict[str, float] = {"mu": 25.0, "sigma": 25.0 / 3, "beta": 12.5,
                                   "tau": 25.0 / 300}  # fmt: skip
WHOLE_HISTORY: dict[str, float] = {"w2": 1.0, "iterations": 30}
STATIC_PLACKETT_LUCE: dict[str, float] = {"alpha": 0.01, "max_iter": 200}


class Forecast:
    """Something that says how likely the first of a pair finishes ahead."""

    name: str = ""
    parameters: Mapping[str, float] = {}

    def probability(self, pairs: Pairs) -> FloatArray:
        """The probability that ``pairs.first`` finishes ahead of ``pairs.second``."""
        raise NotImplementedError


@dataclass
class RatingRun(Forecast):
    """The ratings of :func:`plackett_luce`: before and after every result row.

    ``mu_before``/``sigma_before`` are what the model knew just before the race
    (what a prediction of it uses), ``mu_after``/``sigma_after`` the rating
    once the race was taken in (unchanged after ``learn_until``).
    """

    mu_before: FloatArray
    sigma_before: FloatArray
    mu_after: FloatArray
    sigma_after: FloatArray
    model: Any
    name: str = "Plackett-Luce (openskill)"
    parameters: Mapping[str, float] = field(default_factory=lambda: dict(PLACKETT_LUCE))

    def probability(self, pairs: Pairs) -> FloatArray:
        rating = self.model.rating
        mu, sigma = self.mu_before, self.sigma_before
        win = self.model.predict_win
        return np.fromiter(
            (win([[rating(mu[i], sigma[i])], [rating(mu[j], sigma[j])]])[0]
             for i, j in zip(pairs.first.tolist(), pairs.second.tolist(), strict=True)),
            np.float64, len(pairs))  # fmt: skip


def _day_blocks(contests: Contests) -> list[tuple[int, int]]:
    """The races of each day: (first race, end) index ranges, in date order."""
    if not len(contests):
        return []
    edges = np.flatnonzero(np.r_[True, contests.day[1:] != contests.day[:-1], True])
    return list(zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True))


def plackett_luce(contests: Contests, learn_until: int | None = None,
                  parameters: Mapping[str, float] | None = None, extra: Contests | None = None,
                  extra_beta: float | None = None) -> RatingRun:  # fmt: skip
    """Rate every entrant race by race with ``openskill``'s Plackett–Luce model.

    Parameters
    ----------
    contests : the races.
    learn_until : int, optional
        A day (days since 1970-01-01): races from it on are predicted but not
        learnt from.
    parameters : mapping, optional
        ``mu``, ``sigma``, ``beta``, ``tau`` of the model (:data:`PLACKETT_LUCE`).
    extra : Contests, optional
        More contests on the same entrants, learnt from but never predicted
        (the mark rankings of :mod:`.marks`): each is learnt at the end of its
        day, after that day's races, so it informs only the races of later days.
    extra_beta : float, optional
        The ``beta`` of the extra contests (default: the races').
    """
    from openskill.models import PlackettLuce

    chosen = {**PLACKETT_LUCE, **(parameters or {})}
    model = PlackettLuce(mu=chosen["mu"], sigma=chosen["sigma"], beta=chosen["beta"],
                         tau=chosen["tau"])  # fmt: skip
    entrants = len(contests.entrant_athletes)
    mu = np.full(entrants, chosen["mu"])
    sigma = np.full(entrants, chosen["sigma"])
    rows = len(contests.entrant)
    mu_before, sigma_before = np.empty(rows), np.empty(rows)
    mu_after, sigma_after = np.empty(rows), np.empty(rows)
    starts, stops = contests.starts.tolist(), contests.stops.tolist()
    entrant, place = contests.entrant, contests.place.tolist()
    pending = _extra_learner(extra, learn_until, mu, sigma, PlackettLuce(
        mu=chosen["mu"], sigma=chosen["sigma"], beta=chosen["beta"] if extra_beta is None
        else extra_beta, tau=chosen["tau"]))  # fmt: skip
    for first, end in _day_blocks(contests):
        pending(int(contests.day[first]))
        start, stop = starts[first], stops[end - 1]
        who = entrant[start:stop]
        mu_before[start:stop], sigma_before[start:stop] = mu[who], sigma[who]
        if learn_until is not None and contests.day[first] >= learn_until:
            mu_after[start:stop], sigma_after[start:stop] = mu[who], sigma[who]
            continue
        updates: list[tuple[int, float, float]] = []
        for race in range(first, end):
            lo, hi = starts[race], stops[race]
            if hi - lo < 2:
                continue
            teams = [[model.rating(mu_before[r], sigma_before[r])] for r in range(lo, hi)]
            rated = model.rate(teams, ranks=place[lo:hi])
            updates.extend((r, team[0].mu, team[0].sigma)
                           for r, team in zip(range(lo, hi), rated, strict=True))  # fmt: skip
        for row, new_mu, new_sigma in updates:
            mu[entrant[row]], sigma[entrant[row]] = new_mu, new_sigma
        mu_after[start:stop], sigma_after[start:stop] = mu[who], sigma[who]
    return RatingRun(mu_before, sigma_before, mu_after, sigma_after, model, parameters=chosen)


def _extra_learner(extra: Contests | None, learn_until: int | None, mu: FloatArray,
                   sigma: FloatArray, model: Any) -> Callable[[int], None]:  # fmt: skip
    """A function that learns (in place, into ``mu``, ``sigma``) the extra contests dated before a day."""
    if extra is None or not len(extra):
        return lambda day: None
    days, starts, stops = extra.day.tolist(), extra.starts.tolist(), extra.stops.tolist()
    entrant, place = extra.entrant.tolist(), extra.place.tolist()
    last = len(days) if learn_until is None else int(np.searchsorted(extra.day, learn_until))
    done = 0

    def learn(day: int) -> None:
        nonlocal done
        while done < last and days[done] < day:
            lo, hi = starts[done], stops[done]
            who = entrant[lo:hi]
            rated = model.rate([[model.rating(mu[e], sigma[e])] for e in who], ranks=place[lo:hi])
            for e, team in zip(who, rated, strict=True):
                mu[e], sigma[e] = team[0].mu, team[0].sigma
            done += 1

    return learn


@dataclass
class StaticRating(Forecast):
    """A strength per entrant; the first is ahead with probability ``logistic(scale * gap)``."""

    strength: FloatArray
    contests: Contests
    scale: float
    name: str = ""
    parameters: Mapping[str, float] = field(default_factory=dict)
    spread: FloatArray | None = None

    def probability(self, pairs: Pairs) -> FloatArray:
        entrant = self.contests.entrant
        gap = self.strength[entrant[pairs.first]] - self.strength[entrant[pairs.second]]
        return 1.0 / (1.0 + np.exp(-self.scale * gap))


def whole_history(contests: Contests, learn_until: int,
                  parameters: Mapping[str, float] | None = None) -> StaticRating:  # fmt: skip
    r"""Fit ``whr``'s Whole-History Rating on the pairwise outcomes before ``learn_until``.

    Every race gives one game per pair of finishers with different places (the
    better placed wins), at time step = its day.  An entrant's prediction is his
    Elo at his last day before the cutoff (0, the prior, for a newcomer); the
    probability is WHR's Bradley–Terry :math:`1 / (1 + 10^{-\Delta/400})`.
    """
    import whr

    from rivalgraph.strength.pairs import race_pairs

    chosen = {**WHOLE_HISTORY, **(parameters or {})}
    before = np.flatnonzero(contests.day < learn_until)
    games = race_pairs(contests, before)
    base = whr.Base(config={"w2": float(chosen["w2"])})
    entrant, day = contests.entrant, contests.result_day
    offset = int(contests.day.min()) if len(contests) else 0
    winner = np.where(games.first_ahead, "B", "W")
    base.create_games([[str(entrant[i]), str(entrant[j]), str(w), int(day[i]) - offset]
                       for i, j, w in zip(games.first.tolist(), games.second.tolist(),
                                          winner.tolist(), strict=True)])  # fmt: skip
    base.iterate(int(chosen["iterations"]))
    elo = np.zeros(len(contests.entrant_athletes))
    spread = np.full(len(elo), math.nan)
    for name, history in base.get_ordered_ratings():
        elo[int(name)], spread[int(name)] = history[-1][1], history[-1][2]
    return StaticRating(elo, contests, math.log(10) / 400, "Whole-History Rating (whr)", chosen,
                   spread)  # fmt: skip


def static_plackett_luce(contests: Contests, learn_until: int,
                         parameters: Mapping[str, float] | None = None) -> StaticRating:  # fmt: skip
    """Fit ``choix``'s Plackett–Luce strengths (I-LSR) per pool on the races before ``learn_until``."""
    import choix

    chosen = {**STATIC_PLACKETT_LUCE, **(parameters or {})}
    strength = np.zeros(len(contests.entrant_athletes))
    before = np.flatnonzero((contests.day < learn_until) & (np.diff(np.r_[contests.starts,
                            len(contests.entrant)]) > 1))  # fmt: skip
    by_pool: dict[int, list[int]] = {}
    for race in before.tolist():
        by_pool.setdefault(int(contests.pool[race]), []).append(race)
    for races in by_pool.values():
        rankings = [contests.race(race)[0] for race in races]
        members = np.unique(np.concatenate(rankings))
        local = {int(e): i for i, e in enumerate(members.tolist())}
        data = [tuple(local[int(e)] for e in ranking) for ranking in rankings]
        params = choix.ilsr_rankings(len(members), data, alpha=float(chosen["alpha"]),
                                     max_iter=int(chosen["max_iter"]), tol=1e-6)  # fmt: skip
        strength[members] = params
    return StaticRating(strength, contests, 1.0, "Plackett-Luce MLE (choix)", chosen)
