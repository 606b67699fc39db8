"""Head-to-head meetings of every pair of athletes, counted with array code.

``queries/analysis/pair-meetings.rq`` says what is counted: for every two
athletes who finished the same race, grouped by year, round, championship
scope and stakes, how often they met, who finished ahead, the place and mark
gaps and the first and last date.  In SPARQL that is a self-join of the results
(every pair of finishers of every race), which is slow on a big graph: 4 s on a
graph of 10^5 triples, and with the mark gaps joined in an ``OPTIONAL`` it does
not finish at all.  :func:`pair_meetings` computes the same rows from one row
per result (``queries/analysis/race-results.rq``): numpy forms the pairs of
each race (upper triangles of the race's finishers), orders them by group and
sums each group with ``reduceat``.  A test checks that both give the same rows.

:func:`shared_race_table` takes the results as columns of plain values (as
:func:`rivalgraph.store.select_columns` reads them) and returns a
:class:`~.shared_races.SharedRaceTable`; :func:`pair_meetings` takes and gives rows
(mappings; values may be RDF terms, ``.value`` is read).  Out come plain
values: ``year`` and the counts as ``int``, ``round`` and ``scope`` as IRI
strings (or ``None``), ``podium`` and ``titleBetween`` as ``bool``, the gaps
as ``float``, dates as ISO strings.

Examples
--------
>>> final = {"race": "r1", "date": "2023-08-23", "round": FINAL, "scope": "rg#GlobalScope"}
>>> rows = [{**final, "athlete": "urn:b", "place": 1, "mark": 209.3},
...         {**final, "athlete": "urn:a", "place": 2, "mark": 209.6},
...         {**final, "athlete": "urn:c", "place": 5, "mark": None}]
>>> [(r["a"], r["b"], r["meetings"], r["bAhead"], r["podium"]) for r in pair_meetings(rows)]
[('urn:a', 'urn:b', 1, 1, True), ('urn:a', 'urn:c', 1, 0, False), ('urn:b', 'urn:c', 1, 0, False)]
>>> round(pair_meetings(rows)[0]["markGap"], 2)
0.3
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from rivalgraph.analysis.parity import SeasonRatings, race_parity
from rivalgraph.analysis.shared_races import SharedRaceTable
from rivalgraph.analysis.terms import value

__all__ = ["FINAL", "COLUMNS", "shared_race_table", "pair_meetings"]

_RG = "https://w3id.org/rivalgraph/ontology#"
FINAL = f"{_RG}Final"
COLUMNS = ("race", "athlete", "place", "mark", "measure", "date", "round", "scope")
#: The measures whose marks are better when higher (any other, or none, is a time).
HIGHER_IS_BETTER = frozenset(f"{_RG}{name}" for name in ("Distance", "Height", "Points"))

Row = Mapping[str, Any]
IntArray = npt.NDArray[np.int64]


def _codes(values: Sequence[Any], ordered: bool = True) -> tuple[IntArray, list[Any]]:
    """Integer codes of the values and the distinct values (sorted, ``None`` first, if ordered)."""
    index = {value: code for code, value in enumerate(dict.fromkeys(values))}
    codes = np.fromiter(map(index.__getitem__, values), np.int64, len(values))
    if not ordered:
        return codes, list(index)
    distinct = sorted(index, key=lambda v: (v is not None, "" if v is None else str(v)))
    rank = np.empty(len(distinct), np.int64)
    rank[[index[v] for v in distinct]] = np.arange(len(distinct))
    return rank[codes], distinct


def _pairs(race: IntArray) -> tuple[IntArray, IntArray]:
    """Every two rows of the same race (``race`` sorted): their row numbers, first < second."""
    if len(race) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    starts = np.flatnonzero(np.r_[True, race[1:] != race[:-1]])
    sizes = np.diff(np.r_[starts, len(race)])
    firsts, seconds = [np.empty(0, np.int64)], [np.empty(0, np.int64)]
    for size in np.unique(sizes[sizes > 1]):
        first, second = np.triu_indices(int(size), 1)
        base = starts[sizes == size][:, None]
        firsts.append((base + first).ravel())
        seconds.append((base + second).ravel())
    return np.concatenate(firsts), np.concatenate(seconds)


def pair_meetings(rows: Iterable[Row]) -> list[dict[str, Any]]:
    """The rows of ``pair-meetings`` computed from the rows of ``race-results``.

    Parameters
    ----------
    rows : rows with ``race``, ``athlete``, ``place``, ``mark`` (or ``None``), ``measure``,
        ``date`` (ISO), ``round`` and ``scope`` (IRIs or ``None``).

    Returns
    -------
    list of dict
        One row per pair (``a`` before ``b`` as strings) and group, ordered by
        ``a``, ``b``, year, first date, round, scope and stakes.
    """
    table = [[value(row.get(key)) for key in COLUMNS] for row in rows]
    columns = list(zip(*table, strict=True)) if table else [()] * len(COLUMNS)
    return shared_race_table(dict(zip(COLUMNS, columns, strict=True))).rows()


def shared_race_table(columns: Mapping[str, Sequence[Any]], anchor: str | None = None,
                  ratings: SeasonRatings | None = None) -> SharedRaceTable:  # fmt: skip
    """The shared-race groups of every pair, from the results as columns.

    Parameters
    ----------
    columns : mapping
        The columns of ``race-results`` (:data:`COLUMNS`), equally long, of
        plain values: ``race`` and ``athlete`` (IRIs), ``place`` (an integer or
        its text), ``mark`` (seconds, metres or points, text or number, ``None`` or
        ``""`` when unknown), ``measure`` (optional: the IRI of the discipline's
        ``rg:measure``; a time when missing), ``date`` (ISO), ``round`` and
        ``scope`` (IRIs or ``None``).
    anchor : str, optional
        An athlete IRI: keep only the pairs he is one of (the columns then
        need only hold the results of his races).
    ratings : SeasonRatings, optional
        Strength ratings: each pair's parity in each race (:mod:`.parity`) is
        summed into ``rated`` and ``parity_sum``; the columns then need
        ``discipline`` and ``sex`` (the race's IRIs).

    Returns
    -------
    SharedRaceTable
        One row per pair (``a`` before ``b`` as strings) and group, ordered by
        ``a``, ``b``, year, first date, round, scope and stakes.

    Examples
    --------
    >>> table = shared_race_table({"race": ["r1", "r1"], "athlete": ["urn:b", "urn:a"],
    ...     "place": ["1", "2"], "mark": ["209.3", None], "date": ["2023-08-23"] * 2,
    ...     "round": [FINAL] * 2, "scope": [None] * 2})
    >>> table.pairs(), table.b_ahead.tolist(), table.marked.tolist()
    ([('urn:a', 'urn:b', 0, 1)], [1], [0])
    """
    # Races in IRI order: the pairs of each group are summed in that order (the same last bit).
    race, _ = _codes([str(r) for r in columns["race"]])
    athlete, names = _codes([str(a) for a in columns["athlete"]])
    order = np.argsort(race, kind="stable")
    first, second = _pairs(race[order])
    first, second = order[first], order[second]
    # Orient every pair so that a's IRI sorts before b's, as the query's FILTER does.
    swap = athlete[first] > athlete[second]
    first, second = np.where(swap, second, first), np.where(swap, first, second)
    keep = athlete[first] != athlete[second]
    if anchor is not None:
        code = names.index(anchor) if anchor in names else -1
        keep &= (athlete[first] == code) | (athlete[second] == code)
    return _aggregate(first[keep], second[keep], athlete, tuple(names), columns, ratings)


def _marks(marks: Sequence[Any]) -> npt.NDArray[np.float64]:
    known = [math.nan if m is None or m == "" else m for m in marks]
    return np.fromiter(map(float, known), np.float64, len(known))


def _higher_is_better(measures: Sequence[Any] | None, length: int) -> npt.NDArray[np.bool_]:
    if measures is None:
        return np.zeros(length, bool)
    return np.fromiter((str(m) in HIGHER_IS_BETTER for m in measures), bool, length)


def _dates(dates: Sequence[Any]) -> tuple[npt.NDArray[np.datetime64], IntArray]:
    """The day and year of each date, each distinct date parsed once."""
    code, distinct = _codes([str(d)[:10] for d in dates], ordered=False)
    days = np.array(distinct, "datetime64[D]").reshape(-1)
    years = np.array([int(day[:4]) for day in distinct], np.int64)
    return days[code], years[code]


def _group_starts(columns: list[npt.NDArray[Any]]) -> IntArray:
    """The first row of each run of equal keys (the columns sorted together)."""
    length = len(columns[0])
    changed = np.zeros(length, dtype=bool)
    if length:
        changed[0] = True
        for column in columns:
            changed[1:] |= column[1:] != column[:-1]
    return np.flatnonzero(changed)


def _parity(first: IntArray, second: IntArray, year: IntArray, columns: Mapping[str, Sequence[Any]],
            ratings: SeasonRatings | None) -> npt.NDArray[np.float64]:  # fmt: skip
    """Each pair's parity in its race (NaN where either is unrated, or without ratings)."""
    if not ratings or not len(first):
        return np.full(len(first), math.nan)
    mu, sigma = ratings.lookup([str(a) for a in columns["athlete"]], columns["discipline"],
                               columns["sex"], year.tolist())  # fmt: skip
    return race_parity(mu[first], sigma[first], mu[second], sigma[second], ratings.beta)


def _aggregate(first: IntArray, second: IntArray, athlete: IntArray, names: tuple[str, ...],
               columns: Mapping[str, Sequence[Any]],
               ratings: SeasonRatings | None = None) -> SharedRaceTable:  # fmt: skip
    place = np.fromiter(map(int, columns["place"]), np.int64, len(columns["place"]))
    mark = _marks(columns["mark"])
    higher = _higher_is_better(columns.get("measure"), len(mark))
    day, year = _dates(columns["date"])
    round_, round_names = _codes([None if r is None or r == "" else str(r)
                                  for r in columns["round"]])  # fmt: skip
    scope, scope_names = _codes([None if s is None or s == "" else str(s)
                                 for s in columns["scope"]])  # fmt: skip
    pa, pb = place[first], place[second]
    ta, tb = mark[first], mark[second]
    final = round_names.index(FINAL) if FINAL in round_names else -1
    unbound = 0 if scope_names and scope_names[0] is None else -1  # None sorts first
    podium = (scope[first] != unbound) & (round_[first] == final) & (pa <= 3) & (pb <= 3)
    title = podium & ((pa == 1) | (pb == 1))
    marked = ~(np.isnan(ta) | np.isnan(tb))
    gap = np.where(marked, np.abs(ta - tb), 0.0)
    # Relative to the better mark: the lower time, the longer jump or throw, the more points.
    better = np.where(higher[first], np.maximum(ta, tb), np.minimum(ta, tb))
    relative = np.where(marked, gap / np.where(marked, better, 1.0), 0.0)
    parity = _parity(first, second, year, columns, ratings)
    rated = ~np.isnan(parity)
    a, b = athlete[first], athlete[second]
    keys = (title, podium, scope[first], round_[first], year[first], b, a)
    order = np.lexsort(keys)
    starts = _group_starts([np.asarray(key)[order] for key in keys])

    def total(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        return np.add.reduceat(values[order], starts) if len(starts) else values[:0]

    when = day[first][order]
    firsts = np.minimum.reduceat(when, starts) if len(starts) else when
    lasts = np.maximum.reduceat(when, starts) if len(starts) else when
    heads = order[starts]
    group = {
        "a": a[heads], "b": b[heads], "year": year[first][heads],
        "round": round_[first][heads], "scope": scope[first][heads], "podium": podium[heads],
        "title_between": title[heads], "meetings": np.diff(np.r_[starts, len(order)]),
        "a_ahead": total((pa < pb).astype(np.int64)), "b_ahead": total((pb < pa).astype(np.int64)),
        "place_gap": total(np.abs(pa - pb)).astype(np.float64),
        "marked": total(marked.astype(np.int64)), "mark_gap": total(gap),
        "relative_mark_gap": total(relative), "first": firsts, "last": lasts,
        "rated": total(rated.astype(np.int64)), "parity_sum": total(np.where(rated, parity, 0.0)),
    }  # fmt: skip
    # Within a pair, the score sums the groups by year and first date (then round, scope, stakes).
    resort = np.lexsort((group["title_between"], group["podium"], group["scope"], group["round"],
                         group["first"], group["year"], group["b"], group["a"]))  # fmt: skip
    group = {name: np.asarray(column)[resort].astype(_KINDS.get(name, np.int64))
             for name, column in group.items()}  # fmt: skip
    return SharedRaceTable(athletes=names, rounds=tuple(round_names), scopes=tuple(scope_names),
                        **group)  # fmt: skip


_KINDS: dict[str, Any] = {
    "podium": bool, "title_between": bool, "place_gap": np.float64, "mark_gap": np.float64,
    "relative_mark_gap": np.float64, "first": "datetime64[D]", "last": "datetime64[D]",
    "parity_sum": np.float64,
}  # fmt: skip
