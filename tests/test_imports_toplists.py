"""The toplist readers: every line accounted for, bad rows named by file, line and field."""

# ruff: noqa: E501
from __future__ import annotations

from pathlib import Path

import pytest

from rivalgraph.errors import InputError
from rivalgraph.imports.manifest import read_manifest
from rivalgraph.imports.pipeline import run_manifest
from rivalgraph.imports.toplists import ReadReport, read_toplists

from .conftest import SHARED

HEADER_K = "rank,mark,wind,competitor,dob,nationality,position,venue,date,result_score,discipline,type,sex,age_cat,normalized_discipline,track_field,mark_numeric,venue_country,age_at_event,season\n"
MANIFEST = """
[[source]]
key = "t"
layout = "{layout}"
path = "data"
required = true
repository = "someone/lists"
commit = "0123456789abcdef0123456789abcdef01234567"
folder = "lists"
licence = "MIT"
licence_url = "https://opensource.org/licenses/MIT"
publisher = "World Athletics"
publisher_url = "https://worldathletics.org"
date = "2025-01-01"
label = "Test lists"
priority = 1
"""


def _row(mark: str, name: str, dob: str, position: str, venue: str, day: str, nation: str = "KEN") -> str:
    return f'1,{mark},,{name},{dob},{nation},{position},"{venue}",{day},1200,1500-metres,middlelong,female,senior,1500-metres,track,0,MON,25,2023\n'


def _folder(tmp_path: Path, rows: str, layout: str = "kmuchiri", name: str = "1500-metres.csv") -> Path:
    (tmp_path / "data" / "female").mkdir(parents=True)
    (tmp_path / "data" / "female" / name).write_text(HEADER_K + rows, encoding="utf-8")
    (tmp_path / "imports.toml").write_text(MANIFEST.format(layout=layout), encoding="utf-8")
    return tmp_path / "imports.toml"


def _read(manifest: Path) -> tuple[list, ReadReport]:
    report = ReadReport()
    (source,) = read_manifest(manifest)
    return [p for _, p in read_toplists(source, report)], report


def test_bad_rows_are_named_by_file_line_and_field_and_skipped(tmp_path: Path) -> None:
    venue = "Stade Louis II, Monaco (MON)"
    rows = (
        _row("3:49.11", "Faith KIPYEGON", "1994-01-10", "1", venue, "2023-07-21")
        + _row("3:4x.00", "Sifan HASSAN", "1993-01-01", "2", venue, "2023-07-21")
        + _row("3:55.00", "Laura MUIR", "1993-05-09", "3", venue, "2023-02-30")
        + _row("3:56.00", "Jessica HULL", "1996-10-22", "4zz", venue, "2023-07-21")
    )
    performances, report = _read(_folder(tmp_path, rows))
    assert [p.name for p in performances] == ["Faith KIPYEGON"]
    found = {(b.line, b.field) for b in report.bad_rows}
    assert found == {(3, "mark"), (4, "date"), (5, "position")}
    assert all(b.file.endswith("data/female/1500-metres.csv") for b in report.bad_rows)
    assert "2023-02-30" in str(next(b for b in report.bad_rows if b.field == "date"))
    (tally,) = report.tallies
    assert tally.balanced() and tally.lines == 5 and tally.bad == 3


def test_a_stray_quotation_mark_is_reported_not_swallowed(tmp_path: Path) -> None:
    venue = "Stade Louis II, Monaco (MON)"
    rows = (
        _row("3:49.11", "Faith KIPYEGON", "1994-01-10", "1", venue, "2023-07-21")
        + _row("3:50.00", '"Sifan HASSAN', "1993-01-01", "2", venue, "2023-07-21")
        + _row("3:55.00", "Laura MUIR", "1993-05-09", "3", venue, "2023-07-21")
    )
    performances, report = _read(_folder(tmp_path, rows))
    (tally,) = report.tallies
    assert tally.balanced()
    assert tally.bad + tally.performances + tally.headers == tally.lines
    assert [(b.line, b.field) for b in report.bad_rows] == [(3, "(row)")]
    assert [p.name for p in performances] == ["Faith KIPYEGON", "Laura MUIR"]


def test_a_quotation_mark_that_never_closes_is_one_bad_row_naming_its_lines(tmp_path: Path) -> None:
    rows = (
        '1,3:49.11,,Faith KIPYEGON,1994-01-10,KEN,1,"Monaco (MON),2023-07-21,1,a,b,c,d,e,f,g,h,i,j\n'
        + _row("3:55.00", "Laura MUIR", "1993-05-09", "3", "Monaco (MON)", "2023-07-21")
    )
    performances, report = _read(_folder(tmp_path, rows))
    (tally,) = report.tallies
    assert tally.balanced() and tally.lines == 3
    assert performances == [] and "lines 2-3" in report.bad_rows[0].message


def test_under_20_repeats_are_one_performance_and_unplaced_rows_are_counted(tmp_path: Path) -> None:
    venue = "Stade Louis II, Monaco (MON)"
    row = _row("3:49.11", "Faith KIPYEGON", "1994-01-10", "1", venue, "2023-07-21")
    unplaced = _row("3:58.00", "X Y", "2000-01-01", "", venue, "2023-07-21")
    performances, report = _read(_folder(tmp_path, row + row + unplaced))
    (tally,) = report.tallies
    assert len(performances) == 1 and tally.repeats == 1 and tally.unplaced == 1 and tally.balanced()


def test_an_unknown_discipline_is_reported_and_skipped(tmp_path: Path) -> None:
    manifest = _folder(
        tmp_path, _row("3:49.11", "A B", "1994-01-10", "1", "X (MON)", "2023-07-21"), name="egg-and-spoon.csv"
    )
    performances, report = _read(manifest)
    assert performances == [] and report.skipped_files[0][1].startswith("the ontology declares no discipline")


def test_manifest_errors_name_the_field(tmp_path: Path) -> None:
    (tmp_path / "imports.toml").write_text(MANIFEST.format(layout="nonsense"), encoding="utf-8")
    with pytest.raises(InputError, match="layout"):
        read_manifest(tmp_path / "imports.toml")
    (tmp_path / "imports.toml").write_text(MANIFEST.format(layout="kmuchiri"), encoding="utf-8")
    with pytest.raises(InputError, match="does not exist"):
        read_manifest(tmp_path / "imports.toml")


def test_one_race_from_two_rows_with_times_and_places(tmp_path: Path) -> None:
    venue = "Stade Louis II, Monaco (MON)"
    rows = _row("3:49.11", "Faith KIPYEGON", "1994-01-10", "1", venue, "2023-07-21") + _row(
        "3:50.00", "Sifan HASSAN", "1993-01-01", "2", venue, "2023-07-21", "NED"
    )
    imported = run_manifest(_folder(tmp_path, rows), calendar=None)
    assert imported.summary.races == 1 and imported.summary.results == 2
    text = b"".join(graph.text() for graph in imported.graphs).decode()
    assert "PartialRace" in text and '"229.11"' in text and "faith-kipyegon" in text
    commit = "0123456789abcdef0123456789abcdef01234567"
    assert f"https://github.com/someone/lists/blob/{commit}/lists/female/1500-metres.csv" in text


@pytest.mark.skipif(not (SHARED / "data" / "worldathletics_toplists_all").is_dir(), reason="needs ../shared")
def test_the_real_lists_account_for_every_line() -> None:
    from rivalgraph.resources import graph_dir

    report = ReadReport()
    count = 0
    for source in read_manifest(graph_dir() / "imports" / "imports.toml"):
        if source.available and source.layout in ("camminady", "kmuchiri", "kmuchiri-senior"):
            count += sum(1 for _ in read_toplists(source, report))
    assert count > 1_000_000
    assert all(tally.balanced() for tally in report.tallies)
    assert len(report.tallies) >= 190
    assert len(report.bad_rows) < 100, report.bad_rows[:10]


def test_a_file_that_is_not_utf8_is_an_error_naming_it(tmp_path: Path) -> None:
    manifest = _folder(
        tmp_path, _row("3:49.11", "Faith KIPYEGON", "1994-01-10", "1", "Monaco (MON)", "2023-07-21")
    )
    target = tmp_path / "data" / "female" / "1500-metres.csv"
    target.write_bytes(target.read_bytes().replace(b"KIPYEGON", b"KIPYEG\xd3N"))
    with pytest.raises(InputError, match="not UTF-8") as caught:
        _read(manifest)
    assert caught.value.file.endswith("data/female/1500-metres.csv")
