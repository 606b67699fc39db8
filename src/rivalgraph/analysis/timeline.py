"""The timeline of a rivalry: its races, statements, injuries and withdrawals in date order.

:func:`timeline` turns the rows of the ``timeline`` query into :class:`Event`
values, ordered by date; on one day races come first, then injuries and
withdrawals, then statements in the order they answer each other.

Examples
--------
>>> rows = [
...     {"date": "2024-03-05", "kind": "response", "item": "urn:s2", "label": "answer",
...      "who": "B", "detail": "No respect", "source": "urn:article", "respondsTo": "urn:s1"},
...     {"date": "2023-08-23", "kind": "race", "item": "urn:race", "label": "1500 m final",
...      "who": "B", "detail": "2 vs 1", "source": "https://example.org"},
...     {"date": "2024-03-05", "kind": "statement", "item": "urn:s1", "label": "boast",
...      "who": "A", "detail": "Blindfolded", "source": "urn:article"},
... ]
>>> [event.kind for event in timeline(rows)]
['race', 'statement', 'response']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rivalgraph.analysis.projection import Row, value

__all__ = ["Event", "KINDS", "timeline"]

#: Kinds of event, in the order they are listed on one day.
KINDS = ("race", "injury", "withdrawal", "statement", "response")


@dataclass(frozen=True)
class Event:
    """One dated event of a rivalry."""

    date: str
    kind: str
    item: str
    label: str
    who: str
    detail: str
    source: str
    responds_to: str = ""
    #: The date of the report that tells of it ("" for a race): the same as ``date``
    #: when the graph knows no date of the event itself.
    reported: str = ""


def _text(row: Row, key: str) -> str:
    raw = value(row.get(key))
    return "" if raw is None else str(raw)


def timeline(rows: Iterable[Row]) -> list[Event]:
    """Turn timeline rows into events, in date order (undated events last)."""
    keys = ("date", "kind", "item", "label", "who", "detail", "source", "respondsTo", "reported")
    events = list(dict.fromkeys(Event(*(_text(row, key) for key in keys)) for row in rows))
    answers = {event.item: event.responds_to for event in events if event.responds_to}

    def depth(item: str) -> int:
        seen = {item}
        while answers.get(item, "") not in ("", *seen):
            item = answers[item]
            seen.add(item)
        return len(seen) - 1

    def order(event: Event) -> tuple[str, int, int, str]:
        kind = KINDS.index(event.kind) if event.kind in KINDS else len(KINDS)
        kind = min(kind, KINDS.index("statement"))  # statements: in the order they answer
        return (event.date or "9999", kind, depth(event.item), event.item)

    return sorted(events, key=order)
