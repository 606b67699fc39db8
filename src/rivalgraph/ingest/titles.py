"""Read title phrases ("Olympic 1500m champion", "two-time 5000m gold medalist").

A phrase becomes a :class:`TitleQuery` (competition, discipline, how many);
:func:`matching_titles` finds the titles of the graph it can mean for one
athlete, held before the article's date.  Used to extract the titles an
article names and to resolve references such as "the world champion".

Examples
--------
>>> query = TitleQuery.parse("two-time world 5000m gold medalist")
>>> query.competition, query.discipline.rsplit("#")[-1], query.count
('world-championships', 'Discipline5000m', 2)
>>> TitleQuery.parse("Olympic 1500 meters champion").competition
'olympic-games'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rivalgraph.ingest.knowledge import Knowledge, KnownTitle
from rivalgraph.namespaces import RG

__all__ = ["TITLE_PHRASE", "TitleQuery", "matching_titles", "DISCIPLINE", "discipline_of"]

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "double": 2}
DISCIPLINE = r"(?:1,?500|5,?000|3,?000)\s?(?:m|meters|metres)\b|(?:two-)?mile\b|cross[- ]country"
TITLE_PHRASE = re.compile(
    r"(?P<count>\b(?:two|three|four|five|six|seven|\d+)-time\s+)?"
    r"(?P<mods>(?:(?:new|reigning|defending|former|current|world|World|Olympic|European|indoor|Indoor|"
    + DISCIPLINE
    + r")\s+){0,5})"
    r"(?P<head>champion(?!ship)|gold medall?ist|title[- ]holder|title(?!s))\b"
)
_GLOBAL = ("olympic-games", "world-championships", "world-indoor-championships")


def discipline_of(text: str) -> str | None:
    """Return the rg:Discipline IRI a phrase names, if any.

    Examples
    --------
    >>> discipline_of("the 1,500 metres").rsplit("#")[-1]
    'Discipline1500m'
    """
    folded = text.lower().replace(",", "")
    for pattern, name in (
        (r"1500\s?(m|meters|metres)\b", "Discipline1500m"),
        (r"5000\s?(m|meters|metres)\b", "Discipline5000m"),
        (r"3000\s?(m|meters|metres)\b", "Discipline3000m"),
        (r"two-mile", "DisciplineTwoMiles"),
        (r"\bmile\b", "DisciplineMile"),
        (r"cross[- ]country", "DisciplineCrossCountry"),
    ):
        if re.search(pattern, folded):
            return RG[name].value
    return None


@dataclass(frozen=True)
class TitleQuery:
    """What a title phrase says: competition slug, discipline IRI, count (all optional)."""

    competition: str | None
    discipline: str | None
    count: int | None
    specific: bool

    @classmethod
    def parse(cls, phrase: str) -> TitleQuery:
        """Read a title phrase (any case)."""
        lower = phrase.lower()
        count = None
        if match := re.search(r"\b(\w+)-time\b", lower):
            word = match.group(1)
            count = int(word) if word.isdigit() else _NUMBERS.get(word)
        competition = None
        if "olympic" in lower:
            competition = "olympic-games"
        elif "world" in lower and "indoor" in lower:
            competition = "world-indoor-championships"
        elif "world" in lower:
            competition = "world-championships"
        elif "european" in lower and "cross" in lower:
            competition = "european-cross-country-championships"
        elif "european" in lower:
            competition = "european-championships"
        discipline = discipline_of(lower)
        return cls(competition, discipline, count, bool(competition or discipline))


def _held(title: KnownTitle, on: dt.date, dates: dict[str, dt.date]) -> bool:
    held_on = dates.get(title.iri)
    return held_on <= on if held_on else title.year < on.year


def matching_titles(known: Knowledge, athlete: str, query: TitleQuery, on: dt.date) -> list[KnownTitle]:
    """Return the titles of ``athlete`` that ``query`` can mean, held before ``on``.

    With a count ("two-time"), the titles must number exactly that many; when
    they do not, the global championships alone are tried (a "two-time
    5000m gold medalist" most often means world or Olympic titles).  Without a
    count, the most recent matching title is returned.
    """
    dates = known.title_dates
    titles = [
        title
        for title in known.titles
        if title.athlete == athlete
        and (query.competition is None or title.competition == query.competition)
        and (query.discipline is None or title.discipline == query.discipline)
        and _held(title, on, dates)
    ]
    titles.sort(key=lambda title: (title.year, title.iri))
    if query.count is None:
        return titles[-1:]
    if len(titles) == query.count:
        return titles
    global_only = [title for title in titles if title.competition in _GLOBAL]
    return global_only if len(global_only) == query.count else []
