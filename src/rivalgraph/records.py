"""Answers as plain Python records: a typed sequence, a query's rows, and their pandas tables.

:class:`Records` holds frozen dataclasses (a rival, a race, a statement) and
:class:`QueryResult` the rows of a named query as plain values (``str``,
``int``, ``float``, ``bool``, :class:`datetime.date`, ``None``), never RDF
terms, so a notebook can compare, sort and plot them as they are.  Both turn
into a :class:`pandas.DataFrame` with ``to_pandas()`` when pandas is
installed (the ``rivalgraph[pandas]`` extra); pandas is imported only then.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Point:
...     name: str
...     x: int
>>> points = Records([Point("a", 1), Point("b", 2)])
>>> len(points), points[1].name, points[:1]
(2, 'b', Records([Point(name='a', x=1)]))
>>> import pyoxigraph as ox
>>> python_value(ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
7
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, overload

import pyoxigraph as ox

from rivalgraph.errors import RivalgraphError
from rivalgraph.namespaces import XSD
from rivalgraph.store import SelectResult, Term

if TYPE_CHECKING:
    import pandas

__all__ = ["MissingExtra", "Records", "QueryResult", "Value", "python_value"]

T = TypeVar("T")

#: A plain value of a query's answer.
Value = str | int | float | bool | datetime.date | None

_INTEGERS = {XSD[name].value for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}  # fmt: skip
_DECIMALS = {XSD.decimal.value, XSD.double.value, XSD.float.value}


class MissingExtra(RivalgraphError, ImportError):
    """An optional dependency is not installed; the message names the extra that brings it."""


def python_value(term: Term | None) -> Value:
    """The plain Python value of an RDF term: an IRI as its text, a literal by its datatype.

    ``xsd:integer`` (and its derived types) becomes ``int``, ``xsd:decimal``,
    ``xsd:double`` and ``xsd:float`` become ``float``, ``xsd:boolean``
    ``bool`` and ``xsd:date`` a :class:`datetime.date`; any other literal,
    or one whose text is not of its type, stays its text.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> python_value(ox.NamedNode("https://w3id.org/rivalgraph/id/athlete/josh-kerr"))
    'https://w3id.org/rivalgraph/id/athlete/josh-kerr'
    >>> date = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    >>> python_value(ox.Literal("2023-08-23", datatype=date)), python_value(None)
    (datetime.date(2023, 8, 23), None)
    >>> python_value(ox.Literal("3:29.38"))
    '3:29.38'
    """
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return str(term.value) if isinstance(term, ox.NamedNode | ox.BlankNode) else str(term)
    text, datatype = term.value, term.datatype.value
    try:
        if datatype in _INTEGERS:
            return int(text)
        if datatype in _DECIMALS:
            return float(text)
        if datatype == XSD.boolean.value:
            return text in ("true", "1")
        if datatype == XSD.date.value:
            return datetime.date.fromisoformat(text)
    except ValueError:  # an ill-typed literal: its text says more than a guess would
        pass
    return text


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingExtra("to_pandas() needs pandas, which is not installed: "
                           "pip install 'rivalgraph[pandas]'") from None  # fmt: skip
    return pandas


def _flat(record: object) -> dict[str, object]:
    """One record as a table row: a dataclass's fields, a mapping field spread into one column per key."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return {"value": record}
    row: dict[str, object] = {}
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if isinstance(value, Mapping):
            row.update(value)
        else:
            row[field.name] = value
    return row


class Records(Sequence[T]):
    """An immutable sequence of records (frozen dataclasses), with :meth:`to_pandas`.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Race:
    ...     label: str
    ...     place: int
    >>> races = Records([Race("1500 m final", 1), Race("5000 m final", 3)])
    >>> [race.place for race in races], races[-1:] == Records([Race("5000 m final", 3)])
    ([1, 3], True)
    """

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items = tuple(items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Records[T]: ...

    def __getitem__(self, index: int | slice) -> T | Records[T]:
        if isinstance(index, slice):
            return Records(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"Records({list(self._items)!r})"

    def to_pandas(self) -> pandas.DataFrame:
        """A :class:`pandas.DataFrame`: one row per record, one column per field.

        A mapping field (a rival's ``factors``) is spread into one column per key.

        Raises
        ------
        MissingExtra
            If pandas is not installed (``pip install 'rivalgraph[pandas]'``).

        Examples
        --------
        >>> import pytest; _ = pytest.importorskip("pandas")  # an optional extra: skipped without it
        >>> from dataclasses import dataclass
        >>> @dataclass(frozen=True)
        ... class Rival:
        ...     label: str
        ...     factors: dict[str, float]
        >>> Records([Rival("Josh Kerr", {"balance": 0.98})]).to_pandas().to_dict("records")
        [{'label': 'Josh Kerr', 'balance': 0.98}]
        """
        return _pandas().DataFrame.from_records([_flat(item) for item in self._items])


@dataclass(frozen=True)
class QueryResult:
    """The answer to a named query: its columns and its rows of plain values.

    Examples
    --------
    >>> answer = QueryResult(("race", "place"), ((None, 1), ("urn:race", 2)))
    >>> len(answer), answer.dicts()[1]
    (2, {'race': 'urn:race', 'place': 2})
    >>> answer.column("place")
    [1, 2]
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]

    @classmethod
    def from_select(cls, result: SelectResult) -> QueryResult:
        """Convert a store's answer, term by term (:func:`python_value`)."""
        rows = tuple(tuple(python_value(term) for term in row) for row in result.rows)
        return cls(tuple(result.variables), rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Value, ...]]:
        return iter(self.rows)

    def dicts(self) -> list[dict[str, Value]]:
        """The rows as dictionaries keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Value]:
        """Every row's value of one column.

        Raises
        ------
        KeyError
            If the answer has no such column (the message lists those it has).
        """
        if name not in self.columns:
            raise KeyError(f"no column {name!r} (the columns are: {', '.join(self.columns)})")
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def to_pandas(self) -> pandas.DataFrame:
        """A :class:`pandas.DataFrame` with the answer's columns, in their order.

        Raises
        ------
        MissingExtra
            If pandas is not installed (``pip install 'rivalgraph[pandas]'``).

        Examples
        --------
        >>> import pytest; _ = pytest.importorskip("pandas")  # an optional extra: skipped without it
        >>> int(QueryResult(("n",), ((1,), (2,))).to_pandas()["n"].sum())
        3
        """
        return _pandas().DataFrame.from_records(list(self.rows), columns=list(self.columns))
