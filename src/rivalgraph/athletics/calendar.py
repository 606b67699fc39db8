"""The calendar of championship editions, and which edition a toplist row belongs to.

A World Athletics toplist row gives a venue and a date but no competition name
(``Khalifa International Stadium, Doha (QAT)``, ``2019-10-06``).  The curated
``graph/calendar/championships.csv`` lists every edition of the major
championships with its programme dates and a ``venue_match``: text that the
venue string of that edition contains (``Doha (QAT)``; alternatives separated
by ``|``).  :meth:`Calendar.match` finds the edition of a row with one dict
lookup by date, then a case- and accent-insensitive substring test, and
requires the edition to be indoor exactly when the venue ends in ``(i)``.

An edition's slug is ``<competition>-<year held>`` (``olympic-games-2021`` for
Tokyo 2020).  When a competition has several rows in one year (the European
Championships of 1938, men in Paris and women in Vienna; the Diamond League
finals of 2010-2019, split between Zürich and Brussels) each row is its own
edition, and the slug ends in the city: ``diamond-league-final-2016-zurich``.

Examples
--------
>>> calendar = load_calendar()
>>> calendar.match("Khalifa International Stadium, Doha (QAT)", "2019-10-06").slug
'world-championships-2019'
>>> calendar.match("National Stadium, Tokyo (JPN)", "2021-08-07").label
'Olympic Games (Tokyo 2020)'
>>> calendar.match("Letzigrund, Zürich (SUI)", "2016-09-01").slug
'diamond-league-final-2016-zurich'
>>> calendar.match("Bislett Stadion, Oslo (NOR)", "2023-06-15") is None
True
>>> calendar.match("Glasgow Arena, Glasgow (GBR) (i)", "2024-03-03").slug
'world-indoor-championships-2024'
>>> calendar.match("Glasgow (GBR)", "2024-03-03") is None  # outdoors: not the indoor edition
True
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.csvrows import csv_rows, is_date
from rivalgraph.errors import InputError
from rivalgraph.namespaces import COMPETITION, RDF, RG
from rivalgraph.resources import graph_dir
from rivalgraph.slugs import fold_name, slug
from rivalgraph.sources import display_path, parse_rdf

__all__ = ["COLUMNS", "Edition", "Calendar", "load_calendar", "read_competitions", "is_indoor"]

#: The columns of ``championships.csv``, in order.
COLUMNS = (
    "competition", "edition", "year", "city", "country", "start_date", "end_date", "indoor",
    "venue_match", "source_url", "note",
)  # fmt: skip
_REQUIRED = COLUMNS[:-1]
_COMPETITION_CLASSES = {RG.Competition, RG.Championship, RG.Meeting, RG.DiamondLeagueMeeting}
_YEAR = re.compile(r"^\d{4}$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_INDOOR = re.compile(r"\(i\)\s*$")


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition of a competition, as one row of ``championships.csv`` gives it.

    Attributes
    ----------
    slug : str
        ``<competition>-<year>``, or ``<competition>-<year>-<city>`` for one of
        several rows of a competition in one year.
    competition : str
        The slug of the competition node in ``graph/reference.trig``.
    label : str
        The edition's readable name (``Olympic Games (Tokyo 2020)``).
    year : int
        The year it was held.
    city, country : str
        The host city in English, and its IOC code as World Athletics writes it.
    start, end : str
        First and last day of the athletics programme (ISO dates, inclusive).
    indoor : bool
        Whether it was held indoors.
    venue_match : tuple of str
        Folded texts (:func:`rivalgraph.slugs.fold_name`); a venue matches if it contains one.
    source_url : str
        A public page about the edition.
    line : int
        The line of the row in the CSV file.
    note : str
        What is uncertain or unusual about the edition; may be empty.
    """

    slug: str
    competition: str
    label: str
    year: int
    city: str
    country: str
    start: str
    end: str
    indoor: bool
    venue_match: tuple[str, ...]
    source_url: str
    line: int
    note: str = ""

    def days(self) -> Iterator[str]:
        """Yield every date of the edition, ISO, from start to end."""
        day, last = datetime.date.fromisoformat(self.start), datetime.date.fromisoformat(self.end)
        while day <= last:
            yield day.isoformat()
            day += datetime.timedelta(days=1)

    def matches_venue(self, venue: str) -> bool:
        """Tell whether a toplist venue string is this edition's (text and indoor flag)."""
        return is_indoor(venue) == self.indoor and any(text in _fold(venue) for text in self.venue_match)


class Calendar:
    """The editions, indexed by date for :meth:`match`.

    Parameters
    ----------
    editions : iterable of Edition
        In file order; on a date where two editions would both match a venue,
        the earlier one wins (the curated file has no such date).
    """

    __slots__ = ("editions", "_by_date", "_by_slug")

    def __init__(self, editions: Iterable[Edition]) -> None:
        self.editions: tuple[Edition, ...] = tuple(editions)
        by_date: dict[str, list[Edition]] = {}
        for edition in self.editions:
            for day in edition.days():
                by_date.setdefault(day, []).append(edition)
        self._by_date = {day: tuple(found) for day, found in by_date.items()}
        self._by_slug = {edition.slug: edition for edition in self.editions}

    def __len__(self) -> int:
        return len(self.editions)

    def __getitem__(self, name: str) -> Edition:
        return self._by_slug[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_slug

    def on(self, date: str) -> tuple[Edition, ...]:
        """Return the editions held on an ISO date (any venue)."""
        return self._by_date.get(date, ())

    def match(self, venue: str, date: str) -> Edition | None:
        """Return the edition held at ``venue`` on the ISO ``date``, or ``None``.

        Most rows are on a date without any championship and cost one dict lookup.
        """
        candidates = self._by_date.get(date)
        if candidates is None:
            return None
        for edition in candidates:
            if edition.matches_venue(venue):
                return edition
        return None


def is_indoor(venue: str) -> bool:
    """Tell whether a World Athletics venue string is indoors (ends in ``(i)``).

    Examples
    --------
    >>> is_indoor("Glasgow Arena, Glasgow (GBR) (i)"), is_indoor("Glasgow (GBR)")
    (True, False)
    """
    return _INDOOR.search(venue) is not None


def read_competitions(path: Path | None = None) -> frozenset[str]:
    """Return the slugs of the competition nodes of a TriG file (default ``graph/reference.trig``).

    Examples
    --------
    >>> "olympic-games" in read_competitions()
    True
    """
    path = path or graph_dir() / "reference.trig"
    prefix = str(COMPETITION)
    return frozenset(
        quad.subject.value[len(prefix) :]
        for quad in parse_rdf(path)
        if isinstance(quad.subject, ox.NamedNode)
        and quad.subject.value.startswith(prefix)
        and quad.predicate == RDF.type
        and quad.object in _COMPETITION_CLASSES
    )


def load_calendar(path: Path | None = None, competitions: Collection[str] | None = None) -> Calendar:
    """Read and check ``championships.csv`` into a :class:`Calendar`.

    Parameters
    ----------
    path : Path, optional
        The CSV file; by default ``graph/calendar/championships.csv``.
    competitions : collection of str, optional
        The competition slugs a row may name; by default those of
        ``graph/reference.trig`` (:func:`read_competitions`).

    Raises
    ------
    InputError
        Naming the file, the line and the field of the first bad value: a
        missing field, an unknown competition, a bad date, an end before the
        start, a duplicate slug.
    """
    path = path or graph_dir() / "calendar" / "championships.csv"
    known = read_competitions() if competitions is None else frozenset(competitions)
    shown = display_path(path)
    rows = [(line, _check_row(shown, line, row, known)) for line, row in csv_rows(path, COLUMNS)]
    return Calendar(_with_slugs(shown, rows))


def _check_row(shown: str, line: int, row: dict[str, str], known: frozenset[str]) -> Edition:
    def fail(field: str, message: str) -> InputError:
        return InputError(shown, message, line=line, field=field)

    for required in _REQUIRED:
        if not row[required]:
            raise fail(required, "must not be empty")
    if row["competition"] not in known:
        raise fail("competition", f"unknown competition {row['competition']!r}: not a "
                                  "competition node of graph/reference.trig")  # fmt: skip
    if not _YEAR.match(row["year"]):
        raise fail("year", f"{row['year']!r} is not a year")
    for field in ("start_date", "end_date"):
        if not is_date(row[field]):
            raise fail(field, f"{row[field]!r} is not a YYYY-MM-DD date")
    if row["start_date"][:4] != row["year"]:
        raise fail("start_date", f"{row['start_date']} is not in {row['year']}, the year held")
    if row["end_date"] < row["start_date"]:
        raise fail("end_date", f"{row['end_date']} is before the start, {row['start_date']}")
    if not _COUNTRY.match(row["country"]):
        raise fail("country", f"{row['country']!r} is not a three-letter IOC code")
    if row["indoor"] not in ("yes", "no"):
        raise fail("indoor", f"{row['indoor']!r} must be 'yes' or 'no'")
    venue_match = tuple(_fold(text) for text in row["venue_match"].split("|"))
    if not all(venue_match):
        raise fail("venue_match", "has an empty alternative between '|'")
    if not row["source_url"].startswith(("https://", "http://")):
        raise fail("source_url", f"{row['source_url']!r} is not a web address")
    return Edition(
        slug="",
        competition=row["competition"],
        label=row["edition"],
        year=int(row["year"]),
        city=row["city"],
        country=row["country"],
        start=row["start_date"],
        end=row["end_date"],
        indoor=row["indoor"] == "yes",
        venue_match=venue_match,
        source_url=row["source_url"],
        line=line,
        note=row["note"],
    )


def _with_slugs(shown: str, rows: list[tuple[int, Edition]]) -> list[Edition]:
    """Give each edition its slug; the city goes in only where a year has several rows."""
    per_year: dict[tuple[str, int], int] = {}
    for _, edition in rows:
        year = (edition.competition, edition.year)
        per_year[year] = per_year.get(year, 0) + 1
    seen: dict[tuple[str, int, str], int] = {}
    editions = []
    for line, edition in rows:
        key = (edition.competition, edition.year, slug(edition.city))
        if key in seen:
            raise InputError(
                shown,
                f"duplicate edition: line {seen[key]} already has {edition.competition} "
                f"in {edition.year} at {edition.city}",
                line=line,
                field="year",
            )
        seen[key] = line
        name = f"{edition.competition}-{edition.year}"
        if per_year[(edition.competition, edition.year)] > 1:
            name += f"-{key[2]}"
        editions.append(replace(edition, slug=name))
    return editions


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    # Toplists repeat a few tens of thousands of venue strings a million times.
    return fold_name(text)
