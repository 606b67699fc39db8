"""Dates written in words, read relative to the article's date.

"on Saturday" is the last Saturday on or before the article's date,
"yesterday" the day before; "25 May", "May 25" and "7 to 12 June" are days of
the article's year (of the next year when the plan lies in the past);
"in August" is the whole month.

Examples
--------
>>> on = dt.date(2024, 3, 5)  # a Tuesday
>>> stated_on("stated on Saturday that", on)
datetime.date(2024, 3, 2)
>>> day_spans("Rome (7 to 12 June), Sandnes (28 June)", on)
[(6, 18, datetime.date(2024, 6, 7), datetime.date(2024, 6, 12)), (30, 37, datetime.date(2024, 6, 28), None)]
>>> month_span("in August", on)
(datetime.date(2024, 8, 1), datetime.date(2024, 8, 31))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = ["stated_on", "day_spans", "month_span", "MONTHS"]

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH = r"(?P<month>" + "|".join(name for name in calendar.month_name if name) + r")"
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_DAY_MONTH = re.compile(
    r"\b(?P<day>\d{1,2})(?:\s*(?:to|-|–)\s*(?P<to>\d{1,2}))?\s+" + _MONTH + r"\b"
    r"|\b" + _MONTH.replace("month", "month2") + r"\s+(?P<day2>\d{1,2})\b(?!,?\s*\d{3})"
)
_IN_MONTH = re.compile(r"\bin\s+(?:early\s+|late\s+|mid-)?" + _MONTH + r"\b")


def stated_on(cue: str, on: dt.date) -> dt.date | None:
    """Return the day a cue says a statement was made ("on Saturday", "yesterday")."""
    lower = cue.lower()
    if re.search(r"\byesterday\b", lower):
        return on - dt.timedelta(days=1)
    if re.search(r"\b(today|tonight|this morning)\b", lower):
        return on
    if match := re.search(r"\bon\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", lower):
        back = (on.weekday() - _WEEKDAYS[match.group(1)]) % 7
        return on - dt.timedelta(days=back)
    return None


def _year_for(month: int, day: int, on: dt.date) -> int:
    try:
        return on.year if dt.date(on.year, month, day) >= on - dt.timedelta(days=60) else on.year + 1
    except ValueError:
        return on.year


def day_spans(text: str, on: dt.date) -> list[tuple[int, int, dt.date, dt.date | None]]:
    """Return the days (and day ranges) written in ``text``: (start, end, first, last)."""
    spans = []
    for match in _DAY_MONTH.finditer(text):
        month = MONTHS[(match.group("month") or match.group("month2")).lower()]
        day = int(match.group("day") or match.group("day2"))
        year = _year_for(month, day, on)
        try:
            first = dt.date(year, month, day)
            last = dt.date(year, month, int(match.group("to"))) if match.group("to") else None
        except ValueError:
            continue
        spans.append((match.start(), match.end(), first, last))
    return spans


def month_span(text: str, on: dt.date) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day of a month named as "in August"."""
    match = _IN_MONTH.search(text)
    if not match:
        return None
    month = MONTHS[match.group("month").lower()]
    year = _year_for(month, 28, on)
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
