"""Curated CSV tables: every line a row, a header or an error naming file, line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rivalgraph.build import build
from rivalgraph.csvrows import csv_rows
from rivalgraph.errors import InputError

COLUMNS = ("name", "nation")


def _table(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "table.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_rows_come_with_their_line_numbers_in_nfkc(tmp_path: Path) -> None:
    wide = "\uff2a\uff41\uff4b\uff4f\uff42"  # "Jakob" in full-width letters
    path = _table(tmp_path, f"name,nation\nJosh Kerr,GBR\n\n{wide} Ingebrigtsen , NOR\n")
    assert list(csv_rows(path, COLUMNS)) == [
        (2, {"name": "Josh Kerr", "nation": "GBR"}),
        (4, {"name": "Jakob Ingebrigtsen", "nation": "NOR"}),
    ]


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        (
            'name,nation\nJosh Kerr,GBR\n"Jakob Ingebrigtsen,NOR\nYared Nuguse,USA\nCole Hocker,USA\n',
            3,
            None,
            "a quoted value opens here and is never closed",
        ),
        (
            'name,nation\nJosh Kerr,GBR\n"Jakob Ingebrigtsen,NOR\nYared Nuguse",USA\nCole Hocker,USA\n',
            3,
            "name",
            "a quoted value runs from line 3 over 2 lines",
        ),
        (
            'name,nation\nJosh Kerr,GBR\n"Jakob Ingebrigtsen,NOR\nYared "Nuguse,USA\n',
            3,
            None,
            "',' expected after '\"'",
        ),
        ('name,nation\n"Josh" Kerr,GBR\n', 2, None, "a stray quotation mark?"),
        ("name,nation\nJosh Kerr,GBR,extra\n", 2, None, "expected 2 fields, found 3"),
        ("name,nation\nJosh Kerr\n", 2, None, "expected 2 fields, found 1"),
        ("name,nation\nJosh\x00Kerr,GBR\n", 2, "name", "control character U+0000"),
        ("name,nation\nJosh\x1bKerr,GBR\n", 2, "name", "control character U+001B"),
        ("nation\nGBR\n", 1, None, "missing columns: name"),
    ],
)
def test_a_bad_line_is_an_error_naming_it(
    tmp_path: Path, text: str, line: int, field: str | None, message: str
) -> None:
    with pytest.raises(InputError, match=re.escape(message)) as error:
        list(csv_rows(_table(tmp_path, text), COLUMNS))
    assert (error.value.file.endswith("table.csv"), error.value.line) == (True, line)
    if field:
        assert error.value.field == field


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not UTF-8"):
        list(csv_rows(_table(tmp_path, "name,nation\nJ\xf6rg,GER\n".encode("latin-1")), COLUMNS))


def test_a_stray_quote_in_the_results_fails_the_build_naming_the_line(tmp_path: Path, curated: Path) -> None:
    table = curated / "results" / "championship_finals_1500_5000_2019_2025.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[10] = '"' + lines[10]  # the quote of row 11 swallows the rows after it
    table.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as error:
        build(tmp_path / "store", folder=curated)
    assert error.value.file.endswith("championship_finals_1500_5000_2019_2025.csv") and error.value.line == 11
