"""Find the competitions an article names and the edition (year) each one means.

"the World Indoor Championships 2024", "the European Cross Country Titles
... in December 2023", "the Paris Olympics", "Eugene (Diamond League 25 May)",
"Monaco (Diamond League, 12 July)".  The year is the one written next to the
name, else the one of the graph's edition in a city named beside it ("in
Rome", "Paris Olympics"), else the year of an earlier mention of the same
competition in the article, else the article's own year.

Examples
--------
>>> import datetime as dt
>>> from rivalgraph.ingest.knowledge import Knowledge
>>> found = find_editions("He skipped the World Indoor Championships 2024 and the Olympics.",
...                       Knowledge(), dt.date(2023, 12, 1))
>>> [(m.competition, m.year) for m in found]
[('world-indoor-championships', 2024), ('olympic-games', 2023)]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.segments import Segments

__all__ = ["EditionMention", "find_editions", "COMPETITION_NAMES"]

#: Ways articles name a competition -> competition slug (docs/TERMS.md).
COMPETITION_NAMES: tuple[tuple[str, str], ...] = (
    ("european-cross-country-championships",
     r"(?:SPAR\s+)?European\s+Cross[- ]Country\s+(?:Championships?|Titles?|titles?)"),
    ("world-indoor-championships",
     r"World\s+(?:Athletics\s+)?Indoor\s+(?:Championships?|Titles?)|World\s+Indoors"),
    ("world-championships", r"World\s+(?:Athletics\s+)?Championships|(?<![\w-])Worlds\b"),
    ("european-championships",
     r"European\s+(?:Athletics\s+)?(?:Championships|Titles|titles)|(?<![\w-])Europeans\b"),
    ("olympic-games", r"Olympic\s+Games|(?:\b[A-Z][a-z]+\s+)?Olympics"),
    ("norwegian-championships", r"Norwegian\s+(?:Athletics\s+)?(?:Championships|titles|Titles)"),
    ("prefontaine-classic", r"Prefontaine\s+Classic|Pre\s+Classic|Eugene(?=\s*\(Diamond\s+League)"),
    ("bislett-games", r"Bislett\s+Games|Bislett"),
    ("herculis", r"Herculis|Monaco(?=\s*\(Diamond\s+League)"),
)  # fmt: skip
_PATTERN = re.compile(
    "|".join(f"(?P<c{number}>{pattern})" for number, (_, pattern) in enumerate(COMPETITION_NAMES))
)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_CITY = re.compile(r"\b(?:in|at)\s+(?P<city>[A-Z][a-z]+)")


@dataclass(frozen=True)
class EditionMention:
    """A competition named in the text and the edition it is read as."""

    start: int
    end: int
    surface: str
    competition: str
    year: int
    city: str | None

    @property
    def slug(self) -> str:
        """The edition's slug, ``{competition}-{year}``."""
        return f"{self.competition}-{self.year}"


def _year_near(text: str, end: int, stop: int, start: int) -> int | None:
    after = _YEAR.search(text, end, stop)
    if after:
        return int(after.group())
    before = re.search(r"\b(19[5-9]\d|20[0-4]\d)\s*$", text[max(0, start - 8) : start])
    return int(before.group(1)) if before else None


def _city_near(text: str, match: re.Match[str], stop: int) -> str | None:
    prefix = re.match(r"([A-Z][a-z]+)\s+Olympics", match.group())
    if prefix:
        return prefix.group(1)
    city = _CITY.match(text, match.end(), stop) or _CITY.match(text, match.end() + 1, stop)
    return city.group("city") if city else None


def find_editions(
    text: str, known: Knowledge, on: dt.date, segments: Segments | None = None
) -> list[EditionMention]:
    """Return every competition mention of ``text``, with its edition's year."""
    segments = segments or Segments.of(text)
    matches = list(_PATTERN.finditer(text))
    found: list[EditionMention] = []
    for number, match in enumerate(matches):
        competition = COMPETITION_NAMES[int(match.lastgroup[1:])][0]  # type: ignore[index]
        sentence_end = segments.sentences[segments.sentence_at(match.start())][1]
        following = matches[number + 1].start() if number + 1 < len(matches) else len(text)
        stop = min(sentence_end, following)
        city = _city_near(text, match, stop)
        year = _year_near(text, match.end(), stop, match.start())
        if year is None and city:
            year = next((e.year for e in known.editions.values()
                         if e.competition == competition and e.city == city), None)  # fmt: skip
        if year is None:
            year = next((m.year for m in reversed(found) if m.competition == competition), on.year)
        found.append(EditionMention(match.start(), match.end(), match.group(), competition, year, city))
    return found
