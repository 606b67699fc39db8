"""Head-to-head meetings of every pair of athletes, counted with array code.

``queries/analysis/pair-meetings.rq`` says what is counted: for every two
athletes who finished the same race, grouped by year, round, championship
scope and stakes, how often they met, who finished ahead, the place and time
gaps and the first and last date.  In SPARQL that is a self-join of the results
(every pair of finishers of every race), which is slow on a big graph: 4 s on a
graph of 10^5 triples, and with the time gaps joined in an ``OPTIONAL`` it does
not finish at all.  :func:`pair_meetings` computes the same rows from one row
per result (``queries/analysis/race-results.rq``): numpy forms the pairs of
each race (upper triangles of the race's finishers), orders them by group and
sums each group with ``reduceat``.  A test checks that both give the same rows.

Rows go in and out as mappings; values may be RDF terms (``.value`` is read)
or plain values.  Out come plain values: ``year`` and the counts as ``int``,
``round`` and ``scope`` as IRI strings (or ``None``), ``podium`` and
``titleBetween`` as ``bool``, the gaps as ``float``, dates as ISO strings.

Examples
--------
>>> final = {"race": "r1", "date": "2023-08-23", "round": FINAL, "scope": "rg#GlobalScope"}
>>> rows = [{**final, "athlete": "urn:b", "place": 1, "time": 209.3},
...         {**final, "athlete": "urn:a", "place": 2, "time": 209.6},
...         {**final, "athlete": "urn:c", "place": 5, "time": None}]
>>> [(r["a"], r["b"], r["meetings"], r["bAhead"], r["podium"]) for r in pair_meetings(rows)]
[('urn:a', 'urn:b', 1, 1, True), ('urn:a', 'urn:c', 1, 0, False), ('urn:b', 'urn:c', 1, 0, False)]
>>> round(pair_meetings(rows)[0]["timeGap"], 2)
0.3
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["FINAL", "pair_meetings"]

FINAL = "https://w3id.org/rivalgraph/ontology#Final"

Row = Mapping[str, Any]
IntArray = npt.NDArray[np.int64]


def _plain(term: Any) -> Any:
    return getattr(term, "value", term)


def _codes(values: list[Any]) -> tuple[IntArray, list[Any]]:
    """Integer codes in the sort order of the values (``None`` first) and the values."""
    distinct = sorted(set(values), key=lambda v: (v is not None, "" if v is None else str(v)))
    index = {value: code for code, value in enumerate(distinct)}
    return np.fromiter((index[v] for v in values), dtype=np.int64, count=len(values)), distinct


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
    rows : rows with ``race``, ``athlete``, ``place``, ``time`` (or ``None``),
        ``date`` (ISO), ``round`` and ``scope`` (IRIs or ``None``).

    Returns
    -------
    list of dict
        One row per pair (``a`` before ``b`` as strings) and group, ordered by
        ``a``, ``b``, year, round, scope and stakes.
    """
    table = [[_plain(row.get(key)) for key in ("race", "athlete", "place", "time", "date",
                                                "round", "scope")] for row in rows]  # fmt: skip
    if not table:
        return []
    columns = (list(column) for column in zip(*table, strict=True))
    races, athletes, places, times, dates, rounds, scopes = columns
    race, _ = _codes([str(r) for r in races])
    athlete, names = _codes([str(a) for a in athletes])
    order = np.argsort(race, kind="stable")
    first, second = _pairs(race[order])
    first, second = order[first], order[second]
    # Orient every pair so that a's IRI sorts before b's, as the query's FILTER does.
    swap = athlete[first] > athlete[second]
    first, second = np.where(swap, second, first), np.where(swap, first, second)
    keep = athlete[first] != athlete[second]
    first, second = first[keep], second[keep]
    return _aggregate(first, second, athlete, names, places, times, dates, rounds, scopes)


def _aggregate(first: IntArray, second: IntArray, athlete: IntArray, names: list[Any],
               places: list[Any], times: list[Any], dates: list[Any], rounds: list[Any],
               scopes: list[Any]) -> list[dict[str, Any]]:  # fmt: skip
    place = np.asarray([int(p) for p in places], dtype=np.int64)
    time = np.asarray([np.nan if t is None else float(t) for t in times], dtype=np.float64)
    day = np.asarray([str(d)[:10] for d in dates], dtype="datetime64[D]")
    year = np.asarray([int(str(d)[:4]) for d in dates], dtype=np.int64)
    round_, round_names = _codes([None if r is None else str(r) for r in rounds])
    scope, scope_names = _codes([None if s is None else str(s) for s in scopes])
    pa, pb = place[first], place[second]
    ta, tb = time[first], time[second]
    final = round_names.index(FINAL) if FINAL in round_names else -1
    unbound = 0 if scope_names[0] is None else -1  # None sorts first when present
    podium = (scope[first] != unbound) & (round_[first] == final) & (pa <= 3) & (pb <= 3)
    title = podium & ((pa == 1) | (pb == 1))
    timed = ~(np.isnan(ta) | np.isnan(tb))
    gap = np.where(timed, np.abs(ta - tb), 0.0)
    relative = np.where(timed, gap / np.where(timed, np.minimum(ta, tb), 1.0), 0.0)
    a, b = athlete[first], athlete[second]
    keys = (title, podium, scope[first], round_[first], year[first], b, a)
    order = np.lexsort(keys)
    columns = [np.asarray(key)[order] for key in keys]
    changed = np.zeros(len(order), dtype=bool)
    if len(order):
        changed[0] = True
        for column in columns:
            changed[1:] |= column[1:] != column[:-1]
    starts = np.flatnonzero(changed)

    def total(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        return np.add.reduceat(values[order], starts) if len(starts) else values[:0]

    counts = np.diff(np.r_[starts, len(order)])
    sums = {
        "aAhead": total((pa < pb).astype(np.int64)),
        "bAhead": total((pb < pa).astype(np.int64)),
        "placeGap": total(np.abs(pa - pb)),
        "timed": total(timed.astype(np.int64)),
        "timeGap": total(gap),
        "relativeTimeGap": total(relative),
    }
    when = day[first][order]
    firsts = np.minimum.reduceat(when, starts) if len(starts) else when
    lasts = np.maximum.reduceat(when, starts) if len(starts) else when
    heads = order[starts]
    group = {
        "a": [names[i] for i in a[heads].tolist()], "b": [names[i] for i in b[heads].tolist()],
        "year": year[first][heads].tolist(),
        "round": [round_names[i] for i in round_[first][heads].tolist()],
        "scope": [scope_names[i] for i in scope[first][heads].tolist()],
        "podium": podium[heads].tolist(), "titleBetween": title[heads].tolist(),
        "meetings": counts.tolist(), **{name: sums[name].tolist() for name in sums},
        "first": [str(day) for day in firsts], "last": [str(day) for day in lasts],
    }  # fmt: skip
    return [dict(zip(group, values, strict=True)) for values in zip(*group.values(), strict=True)]
