"""Import a table of championship results into quads, one named graph per source.

A results table (``graph/results/*.csv``) has one row per athlete and race::

    event, year, competition, city, date, round, place, athlete, nation, time,
    source_url, corroborated_by, athlete_as_shown, indoor, note

and a sidecar ``sources.csv`` in the same folder that describes each
``source_url`` (label, publisher, date).  Every row becomes a ``rg:Result`` of a
``rg:Race`` at an ``rg:Edition``; places 1-3 of a championship final become
``rg:Medal`` nodes and place 1 a ``rg:Title``.  Facts go into the named graph of
the row's source, which says where it came from (``prov:wasDerivedFrom``).

Athletes are one node each across every table: their IRI is the folded name
(:func:`rivalgraph.slugs.slug`), so "Samuel Pihlstrom" and "Samuel Pihlström"
are one person, labelled with the spelling that keeps its diacritics.

Examples
--------
>>> parse_time("3:29.26")
Decimal('209.26')
>>> parse_time("7:42.98")
Decimal('462.98')
>>> parse_time("")
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.athletics.identity import athlete_slug
from rivalgraph.athletics.pins import curated_slug, read_pins
from rivalgraph.csvrows import csv_rows, is_date
from rivalgraph.errors import InputError
from rivalgraph.namespaces import (
    ATHLETE,
    COMPETITION,
    EDITION,
    GRAPH,
    MEDAL,
    NATION,
    OUTLET,
    PROV,
    RACE,
    RDF,
    RDFS,
    RESULT,
    RG,
    SCHEMA,
    SOURCE,
    TITLE,
    XSD,
)
from rivalgraph.slugs import fold_name, slug
from rivalgraph.sources import display_path

__all__ = [
    "COLUMNS",
    "ResultRow",
    "SourceInfo",
    "parse_time",
    "read_table",
    "read_sources",
    "MAX_TABLE_BYTES",
    "table_copy",
    "table_quads",
]

COLUMNS = (
    "event", "year", "competition", "city", "date", "round", "place", "athlete", "nation",
    "time", "source_url", "corroborated_by", "athlete_as_shown", "indoor", "note",
)  # fmt: skip
SOURCE_COLUMNS = (
    "source_url", "slug", "kind", "label", "publisher", "publisher_url", "date_published", "note",
)  # fmt: skip

#: Competition names as results tables write them -> competition slug.
COMPETITIONS = {
    "olympic games": "olympic-games",
    "world athletics championships": "world-championships",
    "world athletics indoor championships": "world-indoor-championships",
    "european athletics championships": "european-championships",
}
#: Event column -> (discipline term, slug, readable name).
DISCIPLINES = {
    "1500m": (RG.Discipline1500m, "1500m", "1500 m"),
    "5000m": (RG.Discipline5000m, "5000m", "5000 m"),
    "3000m": (RG.Discipline3000m, "3000m", "3000 m"),
    "mile": (RG.DisciplineMile, "mile", "mile"),
    "two-miles": (RG.DisciplineTwoMiles, "two-miles", "two miles"),
}
ROUNDS = {"final": (RG.Final, "final"), "semi-final": (RG.SemiFinal, "semi-final"),
          "heat": (RG.Heat, "heat")}  # fmt: skip
MEDALS = {1: ("gold", RG.Gold), 2: ("silver", RG.Silver), 3: ("bronze", RG.Bronze)}
#: The tables hold men's finals (shared/data/SOURCES.md, section 1).
TABLE_SEX = "male"

_TIME = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2})\.(\d{1,2})$")
#: The largest curated results table read (bench/readers_scale.py measures time and memory per MiB).
MAX_TABLE_BYTES = 16 * 2**20


_IOC = re.compile(r"^[A-Z]{3}$")
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)\s*$")


def parse_time(text: str) -> Decimal | None:
    """Turn a written time (``"3:29.26"``, ``"59.8"``) into seconds, or ``None`` if blank.

    Raises
    ------
    ValueError
        If the text is not a time of the form ``[m:]ss.hh``.
    """
    text = text.strip()
    if not text:
        return None
    match = _TIME.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a time like 3:29.26")
    minutes, seconds, fraction = match.groups()
    if minutes is not None and int(seconds) >= 60:
        raise ValueError(f"{text!r} has {seconds} seconds in a minute")
    return Decimal(int(minutes or 0) * 60 + int(seconds)) + Decimal(f"0.{fraction}")


@dataclass(frozen=True)
class SourceInfo:
    """One row of ``sources.csv``: what a ``source_url`` is and who published it."""

    url: str
    slug: str
    kind: str
    label: str
    publisher: str
    publisher_url: str
    date_published: str
    note: str

    @property
    def iri(self) -> ox.NamedNode:
        return SOURCE[self.slug]

    @property
    def graph(self) -> ox.NamedNode:
        return GRAPH["results-" + self.slug]

    @property
    def web_url(self) -> str:
        """The address a person can open (GitHub blobs for ``github:`` sources)."""
        if self.url.startswith("github:"):
            repo, _, rest = self.url[len("github:") :].partition("@")
            commit, _, path = rest.partition(":")
            return f"https://github.com/{repo}/blob/{commit}/{path}"
        return self.url


@dataclass(frozen=True)
class ResultRow:
    """One checked row of a results table."""

    file: str
    line: int
    event: str
    year: int
    competition: str
    edition_name: str
    city: str
    date: str
    round: str
    place: int
    athlete: str
    nation: str
    time: str
    seconds: Decimal | None
    source_url: str
    corroborated_by: tuple[str, ...]
    athlete_as_shown: str
    indoor: bool
    note: str

    @property
    def edition_slug(self) -> str:
        return f"{COMPETITIONS[self.competition.lower()]}-{self.year}"

    @property
    def race_slug(self) -> str:
        return f"{self.edition_slug}-{DISCIPLINES[self.event][1]}-{ROUNDS[self.round][1]}"


def read_sources(path: Path) -> dict[str, SourceInfo]:
    """Read a ``sources.csv`` sidecar into a map from ``source_url`` to its info."""
    shown = display_path(path)
    sources: dict[str, SourceInfo] = {}
    for line, row in csv_rows(path, SOURCE_COLUMNS):
        for required in ("source_url", "slug", "kind", "label", "publisher"):
            if not row[required]:
                raise InputError(shown, "must not be empty", line=line, field=required)
        if row["kind"] not in ("table", "article"):
            raise InputError(shown, "must be 'table' or 'article'", line=line, field="kind")
        if row["date_published"] and not is_date(row["date_published"]):
            raise InputError(shown, "must be YYYY-MM-DD", line=line, field="date_published")
        info = SourceInfo(*(row[column] for column in SOURCE_COLUMNS))
        sources[info.url] = info
    return sources


def _check_row(shown: str, line: int, row: dict[str, str]) -> ResultRow:
    def fail(field: str, message: str) -> InputError:
        return InputError(shown, message, line=line, field=field)

    for required in ("event", "year", "competition", "date", "round", "place", "athlete",
                     "nation", "source_url", "indoor"):  # fmt: skip
        if not row[required]:
            raise fail(required, "must not be empty")
    if row["event"] not in DISCIPLINES:
        raise fail("event", f"unknown event {row['event']!r}; known: {', '.join(DISCIPLINES)}")
    if row["round"] not in ROUNDS:
        raise fail("round", f"unknown round {row['round']!r}; known: {', '.join(ROUNDS)}")
    competition = _PARENTHESIS.sub("", row["competition"])
    edition_name = _PARENTHESIS.search(row["competition"])
    if competition.lower() not in COMPETITIONS:
        raise fail("competition", f"unknown competition {competition!r}")
    if not row["year"].isdigit() or len(row["year"]) != 4:
        raise fail("year", f"{row['year']!r} is not a year")
    if not is_date(row["date"]) or row["date"][:4] != row["year"]:
        raise fail("date", f"{row['date']!r} is not a YYYY-MM-DD date in {row['year']}")
    if not row["place"].isdigit() or int(row["place"]) < 1:
        raise fail("place", f"{row['place']!r} is not a positive integer")
    if not _IOC.match(row["nation"]):
        raise fail("nation", f"{row['nation']!r} is not a three-letter IOC code")
    if row["indoor"] not in ("yes", "no"):
        raise fail("indoor", f"{row['indoor']!r} must be 'yes' or 'no'")
    try:
        seconds = parse_time(row["time"])
    except ValueError as error:
        raise fail("time", str(error)) from None
    return ResultRow(
        file=shown,
        line=line,
        event=row["event"],
        year=int(row["year"]),
        competition=competition,
        edition_name=edition_name.group(1) if edition_name else "",
        city=row["city"],
        date=row["date"],
        round=row["round"],
        place=int(row["place"]),
        athlete=row["athlete"],
        nation=row["nation"],
        time=row["time"],
        seconds=seconds,
        source_url=row["source_url"],
        corroborated_by=tuple(url for url in re.split(r"[;\s]+", row["corroborated_by"]) if url),
        athlete_as_shown=row["athlete_as_shown"],
        indoor=row["indoor"] == "yes",
        note=row["note"],
    )


def read_table(path: Path) -> list[ResultRow]:
    """Read and check every row of a results table.

    Raises
    ------
    InputError
        Naming the file, the line and the field of the first bad value.
    """
    shown = display_path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(shown, f"cannot read: {error.strerror or error}") from error
    if size > MAX_TABLE_BYTES:
        raise InputError(
            shown,
            f"is {size / 2**20:.1f} MiB, over the {MAX_TABLE_BYTES // 2**20} MiB a curated results "
            "table may be (every row becomes objects in memory); bulk results go through an "
            "import manifest (graph/imports/imports.toml), which streams them",
        )
    rows = [_check_row(shown, line, row) for line, row in csv_rows(path, COLUMNS)]
    seen: dict[tuple[str, int], int] = {}
    for row in rows:
        key = (row.race_slug, row.place)
        if key in seen and row.place in MEDALS:
            raise InputError(
                shown,
                f"place {row.place} of {row.race_slug} is already taken at line {seen[key]}",
                line=row.line,
                field="place",
            )
        seen.setdefault(key, row.line)
    return rows


def _canonical_names(rows: list[ResultRow]) -> dict[str, str]:
    """Pick one spelling per athlete: the one that keeps the most diacritics."""
    names: dict[str, str] = {}
    for row in rows:
        key = athlete_slug(row.athlete)
        best = names.get(key)
        if best is None or _accents(row.athlete) > _accents(best):
            names[key] = row.athlete
    return names


def _accents(name: str) -> int:
    return sum(1 for a, b in zip(name.lower(), fold_name(name), strict=False) if a != b)


@lru_cache(maxsize=1)
def _pins() -> dict[tuple[str, str], str]:
    return read_pins()


def _lit(value: str) -> ox.Literal:
    return ox.Literal(value)


def _typed(value: object, datatype: ox.NamedNode) -> ox.Literal:
    return ox.Literal(str(value), datatype=datatype)


class _Writer:
    """Collects the quads of one named graph."""

    def __init__(self, graph: ox.NamedNode) -> None:
        self.graph = graph
        self.quads: list[ox.Quad] = []

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode, obj: object) -> None:
        assert isinstance(obj, (ox.NamedNode, ox.Literal))
        self.quads.append(ox.Quad(subject, predicate, obj, self.graph))


def _describe_source(out: _Writer, info: SourceInfo, local_copy: str) -> None:
    kind = RG.ResultsTable if info.kind == "table" else RG.Article
    out.add(out.graph, RDF.type, RG.SourceGraph)
    out.add(out.graph, RDFS.label, _lit(f"Results from {info.publisher}: {info.label}"))
    out.add(out.graph, PROV.wasDerivedFrom, info.iri)
    out.add(info.iri, RDF.type, kind)
    out.add(info.iri, RDFS.label, _lit(info.label))
    out.add(info.iri, SCHEMA.url, _typed(info.web_url, XSD.anyURI))
    out.add(info.iri, RG.localCopy, _lit(local_copy))
    if info.date_published:
        out.add(info.iri, SCHEMA.datePublished, _typed(info.date_published, XSD.date))
    if info.note:
        out.add(info.iri, RDFS.comment, _lit(info.note))
    outlet = OUTLET[slug(info.publisher)]
    out.add(info.iri, RG.publisher, outlet)
    out.add(outlet, RDF.type, RG.Outlet)
    out.add(outlet, RDFS.label, _lit(info.publisher))
    if info.publisher_url:
        out.add(outlet, SCHEMA.url, _typed(info.publisher_url, XSD.anyURI))


def _row_quads(out: _Writer, row: ResultRow, name: str) -> None:
    discipline, discipline_slug, discipline_name = DISCIPLINES[row.event]
    competition_slug = COMPETITIONS[row.competition.lower()]
    edition, race = EDITION[row.edition_slug], RACE[row.race_slug]
    own = curated_slug(row.athlete, TABLE_SEX, _pins())
    athlete, nation = ATHLETE[own], NATION[row.nation]
    result = RESULT[f"{row.race_slug}-{own}"]
    edition_label = f"{row.competition} {row.edition_name or row.year}"
    out.add(edition, RDF.type, RG.Edition)
    out.add(edition, RDFS.label, _lit(edition_label))
    out.add(edition, RG.editionOf, COMPETITION[competition_slug])
    out.add(edition, RG.year, _typed(row.year, XSD.gYear))
    if row.city:
        out.add(edition, RG.city, _lit(row.city))
    out.add(edition, RG.indoor, _typed(str(row.indoor).lower(), XSD.boolean))
    out.add(race, RDF.type, RG.Race)
    out.add(race, RDFS.label, _lit(f"{discipline_name} {row.round}, {edition_label}"))
    out.add(race, RG.edition, edition)
    out.add(race, RG.discipline, discipline)
    out.add(race, RG.round, ROUNDS[row.round][0])
    out.add(race, SCHEMA.startDate, _typed(row.date, XSD.date))
    out.add(race, RG.indoor, _typed(str(row.indoor).lower(), XSD.boolean))
    out.add(race, RG.sex, RG.Male)
    out.add(athlete, RDF.type, RG.Athlete)
    out.add(athlete, RG.sex, RG.Male)
    out.add(athlete, RDFS.label, _lit(name))
    out.add(athlete, RG.nation, nation)
    out.add(athlete, RG.competedIn, race)
    out.add(nation, RDF.type, RG.Nation)
    out.add(nation, RDFS.label, _lit(row.nation))
    out.add(nation, RG.iocCode, _lit(row.nation))
    out.add(result, RDF.type, RG.Result)
    out.add(result, RDFS.label, _lit(f"{name}, {row.place}. in {discipline_name} {row.round}, "
                                     f"{edition_label}"))  # fmt: skip
    out.add(result, RG.athlete, athlete)
    out.add(result, RG.race, race)
    out.add(result, RG.place, _typed(row.place, XSD.positiveInteger))
    out.add(result, RG.status, RG.Finished)
    out.add(result, RG.nation, nation)
    if row.seconds is not None:
        out.add(result, RG.timeSeconds, _typed(row.seconds, XSD.decimal))
        out.add(result, RG.timeAsWritten, _lit(row.time))
    if row.athlete_as_shown:
        out.add(result, RG.nameAsShown, _lit(row.athlete_as_shown))
    if row.note:
        out.add(result, RDFS.comment, _lit(row.note))
    for url in row.corroborated_by:
        page = SOURCE["page-" + _url_key(url)]
        out.add(result, RG.corroboratedBy, page)
        out.add(page, RDF.type, RG.Source)
        out.add(page, RDFS.label, _lit(f"Result list at {url}"))
        out.add(page, SCHEMA.url, _typed(url, XSD.anyURI))
    if row.round == "final" and row.place in MEDALS:
        _medal_quads(out, row, athlete, race, result, discipline, discipline_slug, edition_label)


def _medal_quads(
    out: _Writer,
    row: ResultRow,
    athlete: ox.NamedNode,
    race: ox.NamedNode,
    result: ox.NamedNode,
    discipline: ox.NamedNode,
    discipline_slug: str,
    edition_label: str,
) -> None:
    colour, medal_type = MEDALS[row.place]
    medal = MEDAL[f"{row.race_slug}-{colour}"]
    _, _, discipline_name = DISCIPLINES[row.event]
    out.add(medal, RDF.type, RG.Medal)
    out.add(medal, RDFS.label, _lit(f"{colour.capitalize()}, {discipline_name}, {edition_label}"))
    out.add(medal, RG.medalType, medal_type)
    out.add(medal, RG.athlete, athlete)
    out.add(medal, RG.race, race)
    out.add(medal, RG.awardedFor, result)
    if row.place == 1:
        title = TITLE[f"{row.edition_slug}-{discipline_slug}"]
        out.add(title, RDF.type, RG.Title)
        out.add(title, RDFS.label, _lit(f"{edition_label} {discipline_name} champion"))
        out.add(title, RG.athlete, athlete)
        out.add(title, RG.edition, EDITION[row.edition_slug])
        out.add(title, RG.discipline, discipline)
        out.add(title, RG.race, race)
        out.add(title, RG.awardedFor, result)


def _url_key(url: str) -> str:
    host = re.sub(r"^https?://(www\.)?", "", url).split("/", 1)[0]
    return f"{slug(host)}-{hashlib.sha1(url.encode()).hexdigest()[:10]}"


def table_copy(path: Path) -> str:
    """The table's ``rg:localCopy``: its folder and name, as they are below the graph folder.

    Never the path from the working folder, so that the same files give the same
    graph wherever they are built from.

    >>> table_copy(Path("/tmp/x/graph/results/finals.csv"))
    'results/finals.csv'
    """
    return f"{path.parent.name}/{path.name}"


def table_quads(path: Path, sources: dict[str, SourceInfo] | None = None) -> list[ox.Quad]:
    """Read a results table and return its quads, one named graph per source.

    Parameters
    ----------
    path : Path
        The CSV file.
    sources : dict, optional
        Source descriptions; by default read from ``sources.csv`` beside it.

    Raises
    ------
    InputError
        For a bad row, or a ``source_url`` that ``sources.csv`` does not describe.
    """
    shown = display_path(path)
    if sources is None:
        sources = read_sources(path.parent / "sources.csv")
    rows = read_table(path)
    names = _canonical_names(rows)
    writers: dict[str, _Writer] = {}
    for row in rows:
        info = sources.get(row.source_url)
        if info is None:
            raise InputError(
                shown,
                f"source {row.source_url!r} is not described in sources.csv",
                line=row.line,
                field="source_url",
            )
        out = writers.get(info.url)
        if out is None:
            out = writers[info.url] = _Writer(info.graph)
            _describe_source(out, info, table_copy(path))
        _row_quads(out, row, names[athlete_slug(row.athlete)])
    # Rows of one race repeat its description; keep each quad once, in order.
    return list(dict.fromkeys(quad for out in writers.values() for quad in out.quads))
