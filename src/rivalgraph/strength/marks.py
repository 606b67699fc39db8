"""Mark rankings: the marks of a pool in a time window, ranked, as one more contest to learn from.

Toplists keep only the marks good enough for a list, so most races rebuilt from
them list a single finisher, and a ranking model learns nothing from those.  A
sports scientist would still compare the marks: :func:`mark_rankings` takes, for
every pool and window of ``window_days`` days (weeks run Monday to Sunday), each
entrant's best mark of the window, ranks them (lower is better, as in
:class:`~.contests.Contests`), and makes of them one contest *dated at the
window's last day*.  :func:`~.ratings.plackett_luce` learns such contests
(``extra=``) at the end of their day, after that day's races, so a race is
never predicted from the marks of its own window or of a later one.  Unknown
marks are left out, and so are the entrants whose best mark ties another's in
the window (a tie says nothing about who is better).  The mark rankings are
:class:`~.contests.Contests` on the same entrants and pools, never predicted
or scored: :func:`~.evaluation.evaluate` scores the real races only.

The weight of a mark ranking against a real race is its own ``beta`` (the
spread of performances, :func:`plackett_luce_with_marks`): a larger ``beta``
makes each ranking weaker evidence.  (``openskill``'s ``weights`` are a
player's share of a *team*'s performance, not a contest's weight: a weight
below one shrinks a winner's gain but enlarges a loser's loss.)

Examples
--------
>>> from rivalgraph.strength.contests import Contests
>>> columns = {"race": ["r1", "r2", "r3", "r3", "r4"],
...     "athlete": ["urn:a", "urn:b", "urn:c", "urn:a", "urn:b"],
...     "place": ["1", "1", "1", "2", "1"], "mark": ["3.50", "3.45", "3.40", "3.41", "3.30"],
...     "measure": [None] * 5,
...     "date": ["2023-06-05", "2023-06-07", "2023-06-10", "2023-06-10", "2023-06-12"],
...     "round": [None] * 5, "scope": [None] * 5, "discipline": ["urn:d"] * 5,
...     "sex": ["urn:s"] * 5}
>>> contests = Contests.from_columns(columns)
>>> rankings = mark_rankings(contests, 7)  # the week of 5-11 June; 12 June is alone in its week
>>> len(rankings), str(rankings.day.astype("datetime64[D]")[0])
(1, '2023-06-11')
>>> [contests.entrant_athletes[e] for e in rankings.race(0)[0]], rankings.mark.tolist()
(['urn:c', 'urn:a', 'urn:b'], [3.4, 3.41, 3.45])
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from rivalgraph.strength.contests import Contests
from rivalgraph.strength.ratings import PLACKETT_LUCE, RatingRun, plackett_luce

__all__ = ["mark_rankings", "plackett_luce_with_marks", "MARK_RANKINGS"]

IntArray = npt.NDArray[np.int64]

#: 1970-01-05, a Monday: windows are counted from it (weeks run Monday to Sunday).
_ORIGIN = 4

#: Defaults of :func:`plackett_luce_with_marks`: the window in days, the races' ``beta``, the
#: mark rankings' ``beta`` as a multiple of it and the largest contest (``0``: no cap).  Chosen
#: by the least log-loss in championship finals of 2021-2022, ratings learnt from the races
#: before (``python -m bench.strength_marks``): with the rankings the races' ``beta`` of
#: :data:`~.ratings.PLACKETT_LUCE` (12.5) made the predictions overconfident.
MARK_RANKINGS: dict[str, float] = {"window_days": 7, "beta": 25.0, "beta_factor": 0.5,
                                   "max_size": 0}  # fmt: skip


def mark_rankings(contests: Contests, window_days: int = 7, max_size: int | None = None
                  ) -> Contests:  # fmt: skip
    """Per pool and window, every entrant's best mark ranked, one contest dated at the window's end.

    Parameters
    ----------
    contests : the races (their marks: lower is better, ``nan`` unknown).
    window_days : the length of a window in days (7: Monday to Sunday).
    max_size : optional
        Split a ranking longer than this into contests of consecutive ranks of
        at most ``max_size`` (openskill's Plackett–Luce update is quadratic in
        a contest's size).

    Returns
    -------
    Contests
        On the same entrants, athletes and pools as ``contests``, sorted by day;
        ``place`` is the rank by mark (1 the best), ``mark`` the entrant's best mark
        of the window; no contest is a championship final; contests of fewer
        than two entrants are left out.
    """
    if window_days < 1:
        raise ValueError(f"window_days must be at least 1, not {window_days}")
    known = np.flatnonzero(~np.isnan(contests.mark))
    entrant, mark = contests.entrant[known], contests.mark[known]
    pool = contests.entrant_pool[entrant]
    window = (contests.result_day[known] - _ORIGIN) // window_days
    # One row per (window, pool, entrant): his best mark (the first after sorting by mark).
    order = np.lexsort((mark, entrant, pool, window))
    entrant, mark, pool, window = entrant[order], mark[order], pool[order], window[order]
    first = np.r_[True, (window[1:] != window[:-1]) | (pool[1:] != pool[:-1])
                  | (entrant[1:] != entrant[:-1])]  # fmt: skip
    entrant, mark, pool, window = entrant[first], mark[first], pool[first], window[first]
    # Rank each (window, pool) by mark; drop the marks equal to another's.
    order = np.lexsort((entrant, mark, pool, window))
    entrant, mark, pool, window = entrant[order], mark[order], pool[order], window[order]
    group = np.r_[True, (window[1:] != window[:-1]) | (pool[1:] != pool[:-1])]
    same = np.r_[False, ~group[1:] & (mark[1:] == mark[:-1])]
    tied = same | np.r_[same[1:], False]
    group_id = np.cumsum(group) - 1
    entrant, mark, pool, window, group_id = (a[~tied] for a in (entrant, mark, pool, window,
                                                                  group_id))  # fmt: skip
    starts = (
        np.flatnonzero(np.r_[True, group_id[1:] != group_id[:-1]]) if len(entrant) else np.empty(0, np.int64)
    )
    rank = np.arange(len(entrant)) - np.repeat(starts, np.diff(np.r_[starts, len(entrant)]))
    contest = group_id.copy()
    if max_size:
        contest = group_id * (len(entrant) + 1) + rank // int(max_size)
    starts = (
        np.flatnonzero(np.r_[True, contest[1:] != contest[:-1]]) if len(entrant) else np.empty(0, np.int64)
    )
    sizes = np.diff(np.r_[starts, len(entrant)])
    keep_race = sizes > 1
    keep_row = np.repeat(keep_race, sizes)
    starts_kept = starts[keep_race]
    place = np.arange(len(entrant)) - np.repeat(starts, sizes) + 1
    new_starts = (
        np.r_[0, np.cumsum(sizes[keep_race])[:-1]].astype(np.int64)
        if keep_race.any()
        else np.empty(0, np.int64)
    )
    day = (window[starts_kept] + 1) * window_days - 1 + _ORIGIN
    race_pool = pool[starts_kept]
    labels = tuple(f"urn:rivalgraph:mark-ranking:{int(p)}:{int(w)}:{int(r)}" for p, w, r in
                   zip(race_pool.tolist(), window[starts_kept].tolist(),
                       rank[starts_kept].tolist(), strict=True))  # fmt: skip
    return Contests(
        entrant=entrant[keep_row].astype(np.int64), place=place[keep_row].astype(np.int64),
        mark=mark[keep_row], starts=new_starts, day=day.astype(np.int64),
        pool=race_pool.astype(np.int64), championship_final=np.zeros(len(new_starts), bool),
        race_iris=labels, entrant_athletes=contests.entrant_athletes,
        entrant_pool=contests.entrant_pool, pools=contests.pools)  # fmt: skip


def plackett_luce_with_marks(contests: Contests, learn_until: int | None = None,
                             parameters: Mapping[str, float] | None = None) -> RatingRun:  # fmt: skip
    """:func:`~.ratings.plackett_luce` on the races and the mark rankings of ``contests``.

    ``parameters``: the model's (:data:`~.ratings.PLACKETT_LUCE`) and
    :data:`MARK_RANKINGS`'s; the mark rankings' ``beta`` is ``beta_factor``
    times the races'.  The run predicts the races only (its arrays are those
    of ``contests``'s rows).
    """
    chosen = {**PLACKETT_LUCE, **MARK_RANKINGS, **(parameters or {})}
    extra = mark_rankings(contests, int(chosen["window_days"]),
                          int(chosen["max_size"]) or None)  # fmt: skip
    model = {name: chosen[name] for name in PLACKETT_LUCE}
    run = plackett_luce(contests, learn_until, model, extra=extra,
                        extra_beta=chosen["beta"] * chosen["beta_factor"])  # fmt: skip
    run.name = "Plackett-Luce (openskill) with mark rankings"
    run.parameters = chosen
    return run
