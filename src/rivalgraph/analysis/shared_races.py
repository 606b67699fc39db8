"""The shared-race groups of every pair of athletes as one table of numpy columns.

A *shared-race group* is what the score is computed from: the races two athletes
both ran, grouped by year, round, championship scope and stakes
(:class:`~.scoring.SharedRaceGroup`).  A big graph has 10^5 to 10^6 of them, so
they are kept as columns (:class:`SharedRaceTable`), one row per pair and group,
and turned into objects only for the pairs someone looks at
(:class:`SharedRaceGroups`, a lazy view of one pair's rows).

The rows of one pair are contiguous and in the order the score sums them (year,
then first date, then round, scope and stakes); ``a`` and ``b`` are codes into
``athletes``.

Examples
--------
>>> rows = [{"a": "urn:a", "b": "urn:b", "year": 2023, "round": "rg#Final", "scope": None,
...          "podium": False, "titleBetween": False, "meetings": 2, "aAhead": 1, "bAhead": 1,
...          "placeGap": 3, "marked": 2, "markGap": 0.5, "relativeMarkGap": 0.002,
...          "first": "2023-06-01", "last": "2023-07-01"}]
>>> table = SharedRaceTable.from_rows(rows)
>>> len(table), table.pairs()
(1, [('urn:a', 'urn:b', 0, 1)])
>>> view = SharedRaceGroups(table, 0, 1)
>>> view[0].round, view[0].place_gap, view[0].last
('Final', 3.0, '2023-07-01')
>>> table.rows()[0]["placeGap"]
3
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from rivalgraph.analysis.scoring import SharedRaceGroup
from rivalgraph.analysis.terms import local_name, value

__all__ = ["SharedRaceTable", "SharedRaceGroups"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
DateArray = npt.NDArray[np.datetime64]
Row = Mapping[str, Any]

_NAT = np.datetime64("NaT", "D")


@dataclass(frozen=True, eq=False)
class SharedRaceTable:
    """Shared-race groups of many pairs, one row per pair and group (see the module docstring).

    ``round`` and ``scope`` are codes into ``rounds`` and ``scopes`` (IRIs or
    local names, ``None`` when the race has none); ``first`` and ``last`` are
    dates (``NaT`` when unknown); the gaps are sums over the group, and so is
    ``parity_sum``, over the ``rated`` races (both athletes rated; 0 without ratings).
    """

    athletes: tuple[str, ...]
    a: IntArray
    b: IntArray
    year: IntArray
    round: IntArray
    rounds: tuple[str | None, ...]
    scope: IntArray
    scopes: tuple[str | None, ...]
    podium: BoolArray
    title_between: BoolArray
    meetings: IntArray
    a_ahead: IntArray
    b_ahead: IntArray
    place_gap: FloatArray
    marked: IntArray
    mark_gap: FloatArray
    relative_mark_gap: FloatArray
    first: DateArray
    last: DateArray
    rated: IntArray
    parity_sum: FloatArray

    def __len__(self) -> int:
        return len(self.year)

    def _columns(self) -> dict[str, Any]:
        return {item.name: getattr(self, item.name) for item in fields(self)}

    def take(self, rows: IntArray) -> SharedRaceTable:
        """The table of the given rows, in that order."""
        names = ("athletes", "rounds", "scopes")
        return SharedRaceTable(**{name: column if name in names else column[rows]
                               for name, column in self._columns().items()})  # fmt: skip

    def pair_starts(self) -> IntArray:
        """The first row of each pair, and the number of rows at the end."""
        if len(self) == 0:
            return np.zeros(1, np.int64)
        changed = np.r_[True, (self.a[1:] != self.a[:-1]) | (self.b[1:] != self.b[:-1])]
        starts: IntArray = np.r_[np.flatnonzero(changed), len(self)].astype(np.int64)
        return starts

    def pairs(self) -> list[tuple[str, str, int, int]]:
        """Each pair in table order: ``(a, b, first row, end row)``."""
        starts = self.pair_starts()
        heads = starts[:-1]
        names = self.athletes
        return [(names[a], names[b], start, stop) for a, b, start, stop in zip(
            self.a[heads].tolist(), self.b[heads].tolist(), heads.tolist(), starts[1:].tolist(),
            strict=True)]  # fmt: skip

    def group(self, row: int) -> SharedRaceGroup:
        """Row ``row`` as a :class:`~.scoring.SharedRaceGroup` (round and scope as local names)."""
        return SharedRaceGroup(
            int(self.year[row]), local_name(self.rounds[self.round[row]]),
            local_name(self.scopes[self.scope[row]]), bool(self.podium[row]),
            bool(self.title_between[row]), int(self.meetings[row]), int(self.a_ahead[row]),
            int(self.b_ahead[row]), float(self.place_gap[row]), int(self.marked[row]),
            float(self.mark_gap[row]), float(self.relative_mark_gap[row]),
            _day(self.first[row]), _day(self.last[row]), int(self.rated[row]),
            float(self.parity_sum[row]),
        )  # fmt: skip

    def rows(self) -> list[dict[str, Any]]:
        """The rows as the ``pair-meetings`` query names them, with plain values."""
        names = self.athletes
        columns: dict[str, list[Any]] = {
            "a": [names[i] for i in self.a.tolist()], "b": [names[i] for i in self.b.tolist()],
            "year": self.year.tolist(),
            "round": [self.rounds[i] for i in self.round.tolist()],
            "scope": [self.scopes[i] for i in self.scope.tolist()],
            "podium": self.podium.tolist(), "titleBetween": self.title_between.tolist(),
            "meetings": self.meetings.tolist(), "aAhead": self.a_ahead.tolist(),
            "bAhead": self.b_ahead.tolist(), "placeGap": [int(g) for g in self.place_gap.tolist()],
            "marked": self.marked.tolist(), "markGap": self.mark_gap.tolist(),
            "relativeMarkGap": self.relative_mark_gap.tolist(),
            "first": [_day(day) for day in self.first], "last": [_day(day) for day in self.last],
        }  # fmt: skip
        return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]

    @classmethod
    def from_rows(cls, rows: Iterable[Row]) -> SharedRaceTable:
        """A table from rows of ``pair-meetings`` (RDF terms or plain values).

        Pairs keep the order in which they first appear; each pair's groups are
        ordered by year and first date (ties keep their order).
        """
        table = [_row_values(row) for row in rows]
        columns = list(zip(*table, strict=True)) if table else [()] * 16
        a_names, b_names = columns[0], columns[1]
        athletes = tuple(sorted(set(a_names) | set(b_names)))
        code = {name: index for index, name in enumerate(athletes)}
        a = np.array([code[n] for n in a_names], np.int64)
        b = np.array([code[n] for n in b_names], np.int64)
        first_seen: dict[tuple[int, int], int] = {}
        pair = np.array([first_seen.setdefault(key, len(first_seen))
                         for key in zip(a.tolist(), b.tolist(), strict=True)], np.int64)  # fmt: skip
        built = _build(athletes, a, b, columns[2:])
        first = np.where(np.isnat(built.first), np.datetime64("9999-12-31"), built.first)
        order = np.lexsort((np.arange(len(pair)), first, built.year, pair))
        return built.take(order)

    @classmethod
    def from_groups(cls, groups: Sequence[SharedRaceGroup]) -> SharedRaceTable:
        """A table of groups without their pairs (``a`` and ``b`` are 0, ``athletes`` empty)."""
        columns: list[list[Any]] = [
            [g.year for g in groups], [g.round for g in groups], [g.scope for g in groups],
            [g.podium for g in groups], [g.title_between for g in groups],
            [g.meetings for g in groups], [g.a_ahead for g in groups], [g.b_ahead for g in groups],
            [g.place_gap for g in groups], [g.marked for g in groups], [g.mark_gap for g in groups],
            [g.relative_mark_gap for g in groups], [g.first for g in groups],
            [g.last for g in groups], [g.rated for g in groups], [g.parity_sum for g in groups],
        ]  # fmt: skip
        zeros = np.zeros(len(groups), np.int64)
        return _build((), zeros, zeros.copy(), columns)


def _day(day: np.datetime64) -> str:
    return "" if np.isnat(day) else str(day)


def _date(text: Any) -> np.datetime64:
    return np.datetime64(str(text)[:10], "D") if text else _NAT


def _int(term: Any) -> int:
    raw = value(term)
    return 0 if raw is None else int(raw)


def _float(term: Any) -> float:
    raw = value(term)
    return 0.0 if raw is None else float(raw)


def _bool(term: Any) -> bool:
    raw = value(term)
    return raw is True or str(raw).lower() in ("true", "1")


def _optional(term: Any) -> str | None:
    raw = value(term)
    return None if raw is None else str(raw)


def _row_values(row: Row) -> tuple[Any, ...]:
    get = row.get
    return (
        str(value(row["a"])), str(value(row["b"])), _int(row["year"]), _optional(get("round")),
        _optional(get("scope")), _bool(get("podium")), _bool(get("titleBetween")),
        _int(row["meetings"]), _int(get("aAhead")), _int(get("bAhead")),
        _float(get("placeGap")), _int(get("marked")), _float(get("markGap")),
        _float(get("relativeMarkGap")), _optional(get("first")), _optional(get("last")),
    )  # fmt: skip


def _codes(values: Sequence[str | None]) -> tuple[IntArray, tuple[str | None, ...]]:
    """Integer codes in the sort order of the values (``None`` first) and the values."""
    distinct = sorted(set(values), key=lambda v: (v is not None, v or ""))
    index = {name: code for code, name in enumerate(distinct)}
    return np.array([index[v] for v in values], np.int64), tuple(distinct)


def _build(athletes: tuple[str, ...], a: IntArray, b: IntArray,
           columns: Sequence[Sequence[Any]]) -> SharedRaceTable:  # fmt: skip
    (year, rounds, scopes, podium, title, meetings, a_ahead, b_ahead, place_gap, marked,
     mark_gap, relative, first, last, *parity) = columns  # fmt: skip
    rated, parity_sum = parity or ([0] * len(year), [0.0] * len(year))
    round_, round_names = _codes(rounds)
    scope, scope_names = _codes(scopes)
    return SharedRaceTable(
        athletes, a, b, np.array(year, np.int64), round_, round_names, scope, scope_names,
        np.array(podium, bool), np.array(title, bool), np.array(meetings, np.int64),
        np.array(a_ahead, np.int64), np.array(b_ahead, np.int64),
        np.array(place_gap, np.float64), np.array(marked, np.int64),
        np.array(mark_gap, np.float64), np.array(relative, np.float64),
        np.array([_date(day) for day in first], "datetime64[D]").reshape(-1),
        np.array([_date(day) for day in last], "datetime64[D]").reshape(-1),
        np.array(rated, np.int64), np.array(parity_sum, np.float64),
    )  # fmt: skip


class SharedRaceGroups(Sequence[SharedRaceGroup]):
    """The groups of one pair (rows ``start`` to ``stop`` of a table), made on access.

    It reads like the tuple of :class:`~.scoring.SharedRaceGroup` it stands for.
    """

    __slots__ = ("table", "start", "stop")

    def __init__(self, table: SharedRaceTable, start: int, stop: int) -> None:
        self.table, self.start, self.stop = table, start, stop

    def __len__(self) -> int:
        return self.stop - self.start

    @overload
    def __getitem__(self, index: int) -> SharedRaceGroup: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[SharedRaceGroup, ...]: ...

    def __getitem__(self, index: int | slice) -> SharedRaceGroup | tuple[SharedRaceGroup, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if not -len(self) <= index < len(self):
            raise IndexError("shared-race group index out of range")
        return self.table.group(self.start + index % len(self))

    def __iter__(self) -> Iterator[SharedRaceGroup]:
        return (self.table.group(row) for row in range(self.start, self.stop))

    def __repr__(self) -> str:
        return f"SharedRaceGroups({tuple(self)!r})"
