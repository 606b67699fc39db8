"""Run an import manifest: read every source, rebuild the races, write the named graphs.

:func:`run_manifest` is what a build calls for ``graph/imports/imports.toml``.

Examples
--------
>>> line = summary_line(ImportSummary(performances=10, results=9, races=4, athletes=5, graphs=2,
...     merged=1, bad_rows=1, skipped_sources=("x (absent)",), seconds=0.5))
>>> line.split(": ")[0], line.split("; ")[-1]
('imported 10 performances from 2 files', 'not read: x (absent)')
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rivalgraph.athletics.disciplines import disciplines
from rivalgraph.athletics.identity import suspicious_pairs
from rivalgraph.athletics.performance import Performance
from rivalgraph.athletics.pins import read_pins
from rivalgraph.imports.manifest import ImportSource, read_manifest
from rivalgraph.imports.races import Rebuilt, rebuild
from rivalgraph.imports.toplists import BadRow, ReadReport, read_toplists
from rivalgraph.imports.writer import GraphText, write_calendar, write_graphs
from rivalgraph.resources import graph_dir
from rivalgraph.sources import display_path

__all__ = ["ImportSummary", "Imported", "run_manifest", "summary_line"]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ImportSummary:
    """The counts a user checks after an import."""

    performances: int
    results: int
    races: int
    athletes: int
    graphs: int
    merged: int
    bad_rows: int
    skipped_sources: tuple[str, ...]
    seconds: float


@dataclass
class Imported:
    """The named graphs of an import, with its reports."""

    manifest: str
    graphs: list[GraphText]
    summary: ImportSummary
    bad_rows: list[BadRow] = field(default_factory=list)
    suspicious: list[tuple[str, str, str]] = field(default_factory=list)
    skipped_files: list[tuple[str, str]] = field(default_factory=list)
    rebuilt: Rebuilt | None = None


def summary_line(summary: ImportSummary) -> str:
    """One line a build prints about an import."""
    line = (f"imported {summary.performances} performances from {summary.graphs} files: "
            f"{summary.results} results in {summary.races} races, {summary.athletes} athletes "
            f"({summary.merged} listed by two sources); {summary.bad_rows} bad rows skipped")  # fmt: skip
    if summary.skipped_sources:
        line += "; not read: " + ", ".join(summary.skipped_sources)
    return line


def _read(source: ImportSource, report: ReadReport) -> list[Performance]:
    if source.layout in ("rio2016", "rome2024"):
        from rivalgraph.imports import complete

        reader = complete.read_rio2016 if source.layout == "rio2016" else complete.read_rome2024
        found = []
        for performance in reader(source.path, source.key):
            relative = Path(performance.file).name
            found.append(dataclasses.replace(performance, file=relative, complete_race=True))
        return found
    return [performance for _, performance in read_toplists(source, report)]


def run_manifest(path: Path, progress: Progress | None = None, calendar: object | None = None) -> Imported:
    """Read the manifest at ``path`` and every source it names that is present."""
    started = time.perf_counter()
    sources = read_manifest(path)
    report = ReadReport()
    performances: list[Performance] = []
    skipped: list[str] = []
    present = [source for source in sources if source.available]
    for done, source in enumerate(present, start=1):
        performances += _read(source, report)
        if progress:
            progress("import", done, len(present) + 1)
    skipped = [f"{source.key} ({source.path} absent)" for source in sources if not source.available]
    if calendar is None:
        calendar = _default_calendar()
    rebuilt = rebuild(
        performances, {s.key: s.priority for s in sources}, calendar, disciplines(), read_pins().keys()
    )
    graphs = write_graphs(rebuilt, sources)
    if calendar is not None:
        graphs.append(write_calendar(calendar.editions, display_path(calendar_file())))  # type: ignore[attr-defined]
    if progress:
        progress("import", len(present) + 1, len(present) + 1)
    persons = rebuilt.identities.persons()
    summary = ImportSummary(
        performances=len(performances), results=sum(len(r.entries) for r in rebuilt.races),
        races=len(rebuilt.races), athletes=len(persons), graphs=len(graphs), merged=rebuilt.merged,
        bad_rows=len(report.bad_rows), skipped_sources=tuple(skipped),
        seconds=time.perf_counter() - started,
    )  # fmt: skip
    suspicious = suspicious_pairs(persons) + rebuilt.duplicates
    return Imported(str(path), graphs, summary, report.bad_rows, suspicious, report.skipped_files, rebuilt)


def calendar_file() -> Path:
    """The curated championship calendar."""
    return graph_dir() / "calendar" / "championships.csv"


def _default_calendar() -> object | None:
    try:
        from rivalgraph.athletics.calendar import load_calendar
    except ImportError:  # the calendar module arrives with graph/calendar
        return None
    return load_calendar()
