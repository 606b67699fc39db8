"""Read World Athletics all-time toplists (three layouts) into performances, accounting for every line.

Layouts (``layout`` in the manifest):

- ``kmuchiri``: ``{male,female}/<slug>.csv`` with columns ``rank, mark, wind,
  competitor, dob, nationality, position, venue, date, ...`` (ISO dates); the
  senior, under-20 and under-18 lists are combined, so a young athlete's
  performance appears twice: kept once per (competitor, mark, date).
- ``kmuchiri-senior``: ``{male,female}/<family>_<slug>_senior.csv``, the older
  14-column layout with dates like ``16 JUL 1988``.
- ``camminady``: ``{men,women}/<slug>.csv`` with columns ``"", Rank, Mark,
  (WIND,) Competitor, DOB, Nat, Pos, Venue, Date, Results Score``; relay files
  name the team in ``Competitor``.

Every physical line of a file ends up counted once in :class:`FileTally`: as a
header, a performance, a repeat (the same performance again), a row without a
place (it cannot be compared with anyone: ``h``, ``sf``, blank), or a bad row
(unparseable mark, impossible date, unknown round...), which is reported with
its file, line and field and skipped.  A file whose discipline the ontology
does not know is reported whole and skipped.

Examples
--------
>>> parse_date("16 JUL 1988"), parse_date("1988-07-16")
('1988-07-16', '1988-07-16')
>>> parse_date("31 FEB 1988")
Traceback (most recent call last):
...
ValueError: '31 FEB 1988' is not a date: day is out of range for month
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from rivalgraph.athletics.disciplines import Discipline, disciplines
from rivalgraph.athletics.marks import parse_mark, parse_wind
from rivalgraph.athletics.performance import Performance
from rivalgraph.athletics.positions import parse_position
from rivalgraph.errors import InputError
from rivalgraph.imports.manifest import ImportSource

T = TypeVar("T")

__all__ = ["BadRow", "FileTally", "ReadReport", "read_toplists", "parse_date", "toplist_files"]

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1
    )
}
_WRITTEN_DATE = re.compile(r"^(\d{1,2}) ([A-Z]{3}) (\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_IOC = re.compile(r"^[A-Z]{3}$")
_PARTIAL_BIRTH = re.compile(r"^(?:[A-Z]{3} )?(\d{4})$")
_SEX_FOLDERS = {"male": "male", "female": "female", "men": "male", "women": "female"}
#: What each layout calls the columns the reader needs.
_COLUMNS = {
    "kmuchiri": ("mark", "wind", "competitor", "dob", "nationality", "position", "venue", "date"),
    "kmuchiri-senior": ("mark", "wind", "competitor", "dob", "nationality", "position", "venue", "date"),
    "camminady": ("Mark", "WIND", "Competitor", "DOB", "Nat", "Pos", "Venue", "Date"),
}


@dataclass(frozen=True)
class BadRow:
    """A line that could not be read: where, which field, and why."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: field '{self.field}': {self.message}"


@dataclass
class FileTally:
    """How every line of one file was accounted for."""

    file: str
    lines: int = 0
    headers: int = 0
    performances: int = 0
    repeats: int = 0
    unplaced: int = 0
    bad: int = 0

    def balanced(self) -> bool:
        return self.lines == self.headers + self.performances + self.repeats + self.unplaced + self.bad


@dataclass
class ReadReport:
    """What reading a source gave besides performances: tallies, bad rows, skipped files."""

    tallies: list[FileTally] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    skipped_files: list[tuple[str, str]] = field(default_factory=list)


def parse_date(text: str) -> str:
    """An ISO date from ``1988-07-16`` or ``16 JUL 1988``.

    Raises
    ------
    ValueError
        For any other form, or a day that does not exist.
    """
    written = text.strip()
    match = _ISO_DATE.match(written)
    try:
        if match:
            year, month, day = (int(part) for part in match.groups())
        elif found := _WRITTEN_DATE.match(written.upper()):
            day, year = int(found.group(1)), int(found.group(3))
            month = _MONTHS.get(found.group(2), 0)
        else:
            raise ValueError("expected YYYY-MM-DD or DD MON YYYY")
        return date(year, month, day).isoformat()
    except ValueError as error:
        raise ValueError(f"{text!r} is not a date: {error}") from None


def _cached(parse: Callable[[str], T]) -> Callable[[str], T]:
    """``parse`` remembering its answers (and its errors) by the text it was given."""
    done: dict[str, T | ValueError] = {}

    def run(text: str) -> T:
        answer = done.get(text)
        if answer is None and text not in done:
            try:
                answer = done[text] = parse(text)
            except ValueError as error:
                answer = done[text] = error
        if isinstance(answer, ValueError):
            raise answer
        return answer  # type: ignore[return-value]

    return run


def toplist_files(source: ImportSource) -> list[tuple[Path, str, str]]:
    """The files of a toplist source with their sex and World Athletics slug, in a stable order."""
    found = []
    for path in sorted(source.path.glob("*/*.csv")):
        sex = _SEX_FOLDERS.get(path.parent.name)
        if sex is None:
            continue
        slug = path.stem
        if source.layout == "kmuchiri-senior":
            slug = slug.split("_", 1)[-1].removesuffix("_senior")
        found.append((path, sex, slug))
    return found


def read_toplists(
    source: ImportSource, report: ReadReport, table: dict[str, Discipline] | None = None
) -> Iterator[tuple[str, Performance]]:
    """Yield ``(file as the manifest names it, performance)`` for every placed performance of ``source``."""
    known = table if table is not None else disciplines()
    for path, sex, slug in toplist_files(source):
        relative = path.relative_to(source.path).as_posix()
        shown = source.written(relative)
        discipline = known.get(slug)
        if discipline is None:
            report.skipped_files.append((shown, f"the ontology declares no discipline {slug!r}"))
            continue
        tally = FileTally(shown)
        report.tallies.append(tally)
        for performance in _read_file(path, shown, relative, source, sex, discipline, tally, report):
            yield relative, performance


def _read_file(
    path: Path,
    shown: str,
    relative: str,
    source: ImportSource,
    sex: str,
    discipline: Discipline,
    tally: FileTally,
    report: ReadReport,
) -> Iterator[Performance]:
    names = _COLUMNS[source.layout if source.layout in _COLUMNS else "kmuchiri"]
    # Marks, dates and positions repeat across rows: parse each written form once.
    marks = _cached(lambda text: parse_mark(text, discipline.measure))
    dates, positions = _cached(parse_date), _cached(parse_position)
    seen: set[tuple[str, str, str]] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(_utf8_lines(handle, shown))
        header = next(reader, None)
        if header is None:
            return
        tally.headers = 1
        index = {name: i for i, name in enumerate(header)}
        columns = [index.get(name, -1) for name in names]
        if min(columns[i] for i in (0, 2, 5, 6, 7)) < 0:
            report.bad_rows.append(BadRow(shown, 1, "header", f"expected columns {', '.join(names)}"))
            tally.bad += 1
            return
        width = len(header)
        mark_at, wind_at, name_at, birth_at, nation_at, position_at, venue_at, date_at = columns
        last_line = 1
        for row in reader:
            line = reader.line_num
            span, last_line = line - last_line, line

            def bad(column: str, message: str, line: int = line, span: int = span) -> None:
                report.bad_rows.append(BadRow(shown, line, column, message))
                tally.bad += span

            if span > 1:
                # A stray quotation mark makes one "row" of several lines: refuse it, never swallow them.
                bad(
                    "(row)",
                    f"a quoted field runs over lines {line - span + 1}-{line} "
                    "(an unbalanced quotation mark?)",
                )
                continue
            if len(row) != width:
                bad("(row)", f"{len(row)} fields where the header has {width}")
                continue
            mark = row[mark_at].strip()
            name = row[name_at].strip()
            day = row[date_at]
            key = (name, mark, day)
            if key in seen:
                tally.repeats += 1
                continue
            seen.add(key)
            try:
                position = positions(row[position_at])
            except ValueError as error:
                bad(names[5], str(error))
                continue
            if position is None:
                tally.unplaced += 1
                continue
            try:
                value, hand = marks(mark)
            except ValueError as error:
                bad(names[0], str(error))
                continue
            try:
                iso = dates(day)
            except ValueError as error:
                bad(names[7], str(error))
                continue
            birth = row[birth_at].strip() if birth_at >= 0 else ""
            if birth and not discipline.relay:
                try:
                    # A list that knows only the year (or month and year) of birth: keep the year.
                    partial = _PARTIAL_BIRTH.match(birth)
                    birth = partial.group(1) if partial else dates(birth)
                except ValueError as error:
                    bad(names[3], str(error))
                    continue
                if birth[:4] > iso[:4] or birth >= iso:
                    bad(names[3], f"born {birth}, after the race on {iso}")
                    continue
            nation = row[nation_at].strip()
            if not _IOC.match(nation):
                bad(names[4], f"{nation!r} is not a three-letter code")
                continue
            wind = None
            if wind_at >= 0:
                try:
                    wind = parse_wind(row[wind_at])
                except ValueError as error:
                    bad(names[1], str(error))
                    continue
            if not name or any(ord(ch) < 32 for ch in name):
                bad(names[2], "empty, or holds a control character")
                continue
            venue = " ".join(row[venue_at].split())
            if not venue:
                bad(names[6], "must not be empty")
                continue
            tally.performances += 1
            yield Performance(
                source=source.key, file=relative, line=line, sex=sex, discipline=discipline.slug,
                name=name, birth_date="" if discipline.relay else birth, nation=nation,
                mark=mark, value=value, wind=wind, place=position.place, round=position.round,
                section=position.section, venue=venue, date=iso, indoor=venue.endswith("(i)"),
                hand_timed=hand,
            )  # fmt: skip
        tally.lines = reader.line_num


def _utf8_lines(handle: Iterable[str], shown: str) -> Iterator[str]:
    read = 0
    try:
        for text in handle:
            read += 1
            yield text
    except UnicodeDecodeError as error:
        # Text is decoded in blocks, so the bad byte is on this line or a few after it.
        raise InputError(shown, "not UTF-8 text near here; save the file as UTF-8", line=read + 1) from error
