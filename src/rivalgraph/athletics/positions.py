"""The place and round a World Athletics list writes in its ``position`` column.

``2`` is 2nd (a single race, or a championship final); ``2h1`` 2nd in heat 1;
``1f2`` 1st in final or race 2 of several (A and B races of a meeting);
``3sf2``, ``1qf3``, ``4q1`` (field-event qualification group 1), ``1rr1``
(repechage), ``1pr2`` (preliminary round), ``1ce3`` (an event inside a
decathlon or heptathlon), ``1sr1`` (the second round of older championships,
a quarter-final), ``1er`` (a race the list marks "er"). Some exports write a
bare place as a float (``1.0``).  A position without a place (``h``, ``sf``,
``q``, blank: often an en-route time) cannot be compared with anyone.

Examples
--------
>>> parse_position("2h1")
Position(place=2, round='heat', section='1')
>>> parse_position("1") == parse_position("1.0") == (1, "final", "")
True
>>> parse_position("1f2")
Position(place=1, round='final', section='2')
>>> parse_position("sf") is None, parse_position("") is None
(True, True)
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Position", "parse_position", "ROUND_CODES"]

#: The letters of a position -> the round (see :data:`rivalgraph.athletics.performance.ROUNDS`).
ROUND_CODES = {
    "": "final", "f": "final", "h": "heat", "sf": "semi-final", "qf": "quarter-final",
    "sr": "quarter-final", "q": "qualification", "rr": "repechage", "pr": "preliminary",
    "ce": "combined-event", "er": "other",
}  # fmt: skip
_POSITION = re.compile(r"^(\d+)(?:\.0)?([a-z]*)(\d*)$")


class Position(NamedTuple):
    """A place in a round (and section) of a race."""

    place: int
    round: str
    section: str


def parse_position(text: str) -> Position | None:
    """Parse ``position``; ``None`` when it gives no place.

    Raises
    ------
    ValueError
        For a position of a form no list uses (unknown letters, place 0).
    """
    written = text.strip()
    match = _POSITION.match(written)
    if match is None:
        if re.fullmatch(r"[a-z]*\d*", written):
            return None
        raise ValueError(f"{text!r} is not a position like 2, 2h1 or 1f2")
    place, letters, section = match.groups()
    if letters not in ROUND_CODES:
        raise ValueError(f"{text!r}: unknown round letters {letters!r}")
    if int(place) < 1:
        raise ValueError(f"{text!r}: a place starts at 1")
    return Position(int(place), ROUND_CODES[letters], section.lstrip("0") or ("" if not section else "0"))
