r"""What a rating model has to beat: marks, lists, records, prestige and a coin.

- :func:`season_best` — each athlete's best mark of the calendar year before the
  day of the race (the journalist's first look);
- :func:`all_time_rank` — the rank of each athlete's best mark before the
  cutoff on his pool's all-time list;
- :func:`head_to_head` — how often each finished ahead of the other in their
  earlier races, :math:`(w + 1) / (n + 2)`;
- :func:`prestige` — PageRank on the directed loser→winner network of each pool
  before the cutoff (Radicchi 2011), with networkx;
- :func:`coin` — 0.5.

The mark, rank and prestige differences become probabilities through a
one-parameter logistic, :math:`1 / (1 + e^{-k x})`, whose :math:`k` is fitted
(:func:`fit_scale`) on the pairs of the two years *before* the cutoff, never on
what is predicted.  A pair on which a baseline knows nothing (an athlete
without a mark that season, without a list entry, a first meeting) gets 0.5.

Examples
--------
>>> from rivalgraph.strength.contests import Contests
>>> from rivalgraph.strength.pairs import race_pairs
>>> columns = {"race": ["r1", "r1", "r2", "r2", "r3", "r3"],
...     "athlete": ["urn:a", "urn:b"] * 3, "place": ["1", "2", "2", "1", "1", "2"],
...     "mark": ["3.50", "3.52", "3.49", "3.47", "3.40", "3.41"], "measure": [None] * 6,
...     "date": ["2022-06-01"] * 2 + ["2022-07-01"] * 2 + ["2023-07-01"] * 2,
...     "round": [None] * 6, "scope": [None] * 6, "discipline": ["urn:d"] * 6,
...     "sex": ["urn:s"] * 6}
>>> contests = Contests.from_columns(columns)
>>> pairs = race_pairs(contests)
>>> head_to_head(contests).probability(pairs).tolist()  # before r2: 1-0; before r3: 1-1
[0.5, 0.6666666666666666, 0.5]
>>> season_best(contests).gaps(pairs).tolist()  # r3 is the first race of 2023: no season's best
[nan, 0.005714285714, nan]
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import numpy.typing as npt

from rivalgraph.strength.contests import Contests
from rivalgraph.strength.pairs import Pairs, race_pairs
from rivalgraph.strength.ratings import Forecast

__all__ = ["Gap", "season_best", "all_time_rank", "head_to_head", "prestige", "coin",
           "fit_scale", "Coin", "HeadToHead"]  # fmt: skip

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _years(days: IntArray) -> IntArray:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


@dataclass
class Gap(Forecast):
    """A baseline that scores each result row; the first is ahead with ``logistic(k * gap)``.

    ``value`` per result row is *lower is better* (a mark, a log-rank, minus a
    log-prestige); ``nan`` where the baseline knows nothing.  Marks are compared
    relative to the better one, so 1 % is 1 % in a sprint or in the javelin.
    """

    value: FloatArray
    relative: bool
    name: str = ""
    scale: float = 1.0
    parameters: dict[str, float] = field(default_factory=dict)

    def gaps(self, pairs: Pairs) -> FloatArray:
        """How much better the first is (positive: better), ``nan`` where unknown."""
        a, b = self.value[pairs.first], self.value[pairs.second]
        gap = b - a
        if self.relative:
            gap = gap / np.maximum(np.abs(np.fmin(a, b)), 1e-9)
        return np.round(gap, 12)

    def probability(self, pairs: Pairs) -> FloatArray:
        gap = self.gaps(pairs)
        known = ~np.isnan(gap)
        return np.where(known, 1.0 / (1.0 + np.exp(-self.scale * np.where(known, gap, 0))), 0.5)


def fit_scale(gap: FloatArray, first_ahead: npt.NDArray[np.bool_]) -> float:
    """The :math:`k` of ``logistic(k * gap)`` with the least log-loss on these pairs."""
    from scipy.optimize import minimize_scalar

    known = ~np.isnan(gap)
    x, y = gap[known], first_ahead[known].astype(np.float64)
    if not len(x) or not np.any(x):
        return 1.0
    spread = float(np.std(x)) or 1.0

    def loss(k: float) -> float:
        z = k * x / spread
        return float(np.mean(np.logaddexp(0, -z) * y + np.logaddexp(0, z) * (1 - y)))

    found = minimize_scalar(loss, bounds=(0.0, 50.0), method="bounded")
    return float(found.x) / spread


def season_best(contests: Contests) -> Gap:
    """Each result row's athlete's best mark in the same pool and year, on earlier days."""
    value = np.full(len(contests.entrant), math.nan)
    day = contests.result_day
    year = _years(day)
    order = np.lexsort((day, year, contests.entrant))
    key_entrant, key_year, key_day = contests.entrant[order], year[order], day[order]
    marks = contests.mark[order]
    starts = np.flatnonzero(np.r_[True, (key_entrant[1:] != key_entrant[:-1])
                                  | (key_year[1:] != key_year[:-1])])  # fmt: skip
    stops = np.r_[starts[1:], len(order)]
    for start, stop in zip(starts.tolist(), stops.tolist(), strict=True):
        best = np.fmin.accumulate(marks[start:stop])
        days = key_day[start:stop]
        # The best of the rows on days strictly before each row's day.
        earlier = np.searchsorted(days, days, side="left") - 1
        value[order[start:stop]] = np.where(earlier >= 0, best[np.maximum(earlier, 0)], math.nan)
    return Gap(value, relative=True, name="season's best before the race")


def all_time_rank(contests: Contests, cutoff: int) -> Gap:
    """The log-rank of each athlete's best mark before ``cutoff`` on his pool's all-time list."""
    before = contests.result_day < cutoff
    best = np.full(len(contests.entrant_athletes), math.nan)
    marks = np.where(before, contests.mark, math.nan)
    np.fmin.at(best, contests.entrant, marks)
    rank = np.full(len(best), math.nan)
    for pool in range(len(contests.pools)):
        members = np.flatnonzero((contests.entrant_pool == pool) & ~np.isnan(best))
        order = members[np.argsort(best[members], kind="stable")]
        rank[order] = np.arange(1, len(order) + 1)
    return Gap(np.log(rank)[contests.entrant], relative=False, name="all-time-list rank")


def prestige_scores(contests: Contests, cutoff: int, damping: float = 0.85) -> FloatArray:
    """PageRank of every entrant on his pool's loser→winner network before ``cutoff``.

    Scaled by the number of athletes of the pool, so 1 is an even share; ``nan``
    for an entrant who ran no race before the cutoff.
    """
    pairs = race_pairs(contests, np.flatnonzero(contests.day < cutoff))
    entrant = contests.entrant
    winner = np.where(pairs.first_ahead, entrant[pairs.first], entrant[pairs.second])
    loser = np.where(pairs.first_ahead, entrant[pairs.second], entrant[pairs.first])
    weights: dict[tuple[int, int], int] = defaultdict(int)
    for edge in zip(loser.tolist(), winner.tolist(), strict=True):
        weights[edge] += 1
    graphs: dict[int, nx.DiGraph] = defaultdict(nx.DiGraph)
    pool = contests.entrant_pool
    for (source, target), weight in weights.items():
        graphs[int(pool[source])].add_edge(source, target, weight=weight)
    score = np.full(len(contests.entrant_athletes), math.nan)
    for graph in graphs.values():
        ranks = nx.pagerank(graph, alpha=damping, weight="weight")
        nodes = np.fromiter(ranks, np.int64, len(ranks))
        score[nodes] = np.fromiter(ranks.values(), np.float64, len(ranks)) * len(ranks)
    return score


def prestige(contests: Contests, cutoff: int, damping: float = 0.85) -> Gap:
    """:func:`prestige_scores` as a baseline (minus the log, so lower is better)."""
    score = prestige_scores(contests, cutoff, damping)
    return Gap(-np.log(score)[contests.entrant], relative=False,
               name="prestige (PageRank, networkx)", parameters={"damping": damping})  # fmt: skip


@dataclass
class HeadToHead(Forecast):
    """The earlier record of each pair: :math:`(w + 1) / (n + 2)` for the first."""

    contests: Contests
    name: str = "previous head-to-head"

    def probability(self, pairs: Pairs) -> FloatArray:
        contests = self.contests
        entrant, day = contests.entrant, contests.result_day
        every = race_pairs(contests)
        ahead: dict[tuple[int, int], int] = defaultdict(int)
        met: dict[tuple[int, int], int] = defaultdict(int)
        wanted = np.argsort(pairs.race, kind="stable")
        out = np.empty(len(pairs))
        # Walk every pair of every race in date order; predict the wanted pairs of a day
        # from the record of the days before.
        order = np.argsort(every.race, kind="stable")
        every_day = day[every.first][order]
        wanted_day = day[pairs.first][wanted]
        cursor = 0
        e_first = entrant[every.first][order].tolist()
        e_second = entrant[every.second][order].tolist()
        e_ahead = every.first_ahead[order].tolist()
        w_first = entrant[pairs.first][wanted].tolist()
        w_second = entrant[pairs.second][wanted].tolist()
        bounds = np.searchsorted(every_day, wanted_day, side="left").tolist()
        for index, (a, b, bound) in enumerate(zip(w_first, w_second, bounds, strict=True)):
            while cursor < bound:
                key = (e_first[cursor], e_second[cursor])
                met[key] += 1
                ahead[key] += int(e_ahead[cursor])
                cursor += 1
            n = met.get((a, b), 0)
            out[wanted[index]] = (ahead.get((a, b), 0) + 1) / (n + 2)
        return out


def head_to_head(contests: Contests) -> HeadToHead:
    """The previous head-to-head record as a forecast."""
    return HeadToHead(contests)


@dataclass
class Coin(Forecast):
    """Always 0.5."""

    name: str = "coin"

    def probability(self, pairs: Pairs) -> FloatArray:
        return np.full(len(pairs), 0.5)


def coin() -> Coin:
    """A fair coin."""
    return Coin()
