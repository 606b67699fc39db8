"""Marks as typed values: seconds for times, metres for jumps and throws, points for combined events.

Times are parsed with athlib's :func:`athlib.parse_hms` (``2:03:12``,
``1:02:03.4``, ``10.8``); a time written with a trailing ``h`` or with one
decimal only before 1977-style electronic timing is hand-timed.

Examples
--------
>>> parse_mark("2:03:12", "Time")
Mark(value=7392.0, hand_timed=False)
>>> parse_mark("10.8h", "Time")
Mark(value=10.8, hand_timed=True)
>>> parse_mark("6.24", "Height"), parse_mark("9126", "Points")
(Mark(value=6.24, hand_timed=False), Mark(value=9126.0, hand_timed=False))
>>> parse_mark("3:75.2", "Time")
Traceback (most recent call last):
...
ValueError: '3:75.2' is not a time (75 seconds in a minute)
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

import athlib

__all__ = ["Mark", "parse_mark", "parse_wind"]

_TIME = re.compile(r"^\d{1,2}(?::\d{2}){0,2}(?:\.\d{1,3})?$")
_METRES = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
_POINTS = re.compile(r"^\d{3,5}$")


class Mark(NamedTuple):
    """A mark's value in its unit, and whether a time was taken by hand."""

    value: float
    hand_timed: bool


def parse_mark(text: str, measure: str) -> Mark:
    """Turn a mark as written into its value for ``measure`` (``Time``, ``Distance``, ``Height``, ``Points``).

    Raises
    ------
    ValueError
        If the text is not a mark of that measure.
    """
    written = text.strip()
    if measure == "Time":
        hand = written.endswith("h")
        digits = written.removesuffix("h")
        if not _TIME.match(digits):
            raise ValueError(f"{text!r} is not a time like 3:29.26, 2:03:12 or 10.8h")
        parts = digits.split(".")[0].split(":")
        if any(int(part) >= 60 for part in parts[1:]):
            raise ValueError(f"{text!r} is not a time ({int(parts[-1])} seconds in a minute)")
        value = float(athlib.parse_hms(digits))
        return Mark(round(value, 3), hand)
    if measure in ("Distance", "Height"):
        if not _METRES.match(written):
            raise ValueError(f"{text!r} is not a mark in metres like 6.24")
        value = float(written)
    elif measure == "Points":
        if not _POINTS.match(written):
            raise ValueError(f"{text!r} is not a score in points like 9126")
        value = float(written)
    else:
        raise ValueError(f"unknown measure {measure!r}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{text!r} is not a positive mark")
    return Mark(value, False)


def parse_wind(text: str) -> float | None:
    """Wind in m/s (``+0.9``, ``-1.1``, ``0.0``), or ``None`` when blank.

    >>> parse_wind("+0.9"), parse_wind(""), parse_wind("-1.1")
    (0.9, None, -1.1)
    """
    written = text.strip()
    if not written or written.upper() in ("NWI", "NAN"):
        return None
    value = float(written)
    if not math.isfinite(value) or abs(value) > 20:
        raise ValueError(f"{text!r} is not a wind speed in m/s")
    return value
