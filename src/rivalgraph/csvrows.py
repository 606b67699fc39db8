"""Read a curated CSV table so that no row is lost and no value is taken silently.

Every physical line of the file is the header, a row, a blank line, or an error
naming the file, the line and the field: a stray quotation mark that would make
Python's :mod:`csv` swallow the following lines into one field is refused where it
opens, and so are a wrong number of fields, control characters (NUL, escape, ...)
and text that is not UTF-8.  Values are stripped and put in Unicode NFKC form, so
that a name typed with compatibility characters (full-width letters, ligatures) is
the name typed plainly.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> table = Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = table.write_text('name,nation\\nJosh Kerr,GBR\\n"Jakob, Ingebrigtsen,NOR\\nYared Nuguse,USA\\n')
>>> list(csv_rows(table, ("name", "nation")))
Traceback (most recent call last):
...
rivalgraph.errors.InputError: ...t.csv:3: a quoted value opens here and is never closed ...
"""

from __future__ import annotations

import csv
import datetime
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from rivalgraph.errors import InputError
from rivalgraph.sources import display_path

__all__ = ["csv_rows", "is_date"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Control characters but tab; a line break inside a value is reported apart.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def csv_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, row)`` for every row of ``path``, which must have ``columns``.

    Raises
    ------
    InputError
        The file cannot be read or is not UTF-8; a column is missing; a row has
        the wrong number of fields, a value spanning lines, bad quoting or a
        control character.
    """
    shown = display_path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise InputError(shown, f"cannot read: {error.strerror or error}") from error
    with handle:
        reader = csv.DictReader(handle, strict=True)
        ended = 0  # the header itself can fail: then it is line 1 that is at fault
        try:
            header = tuple(reader.fieldnames or ())
            missing = [column for column in columns if column not in header]
            if missing:
                raise InputError(shown, f"missing columns: {', '.join(missing)}", line=1)
            ended = reader.line_num
            for row in reader:
                ended = reader.line_num
                breaks = sum(value.count("\n") for value in row.values() if isinstance(value, str))
                started = ended - breaks
                yield started, _checked(shown, started, ended, header, row)
        except UnicodeDecodeError as error:
            raise InputError(shown, "not UTF-8 text") from error
        except csv.Error as error:
            # The reader fails on the line after the last good row (its own count lags behind).
            message = ("a quoted value opens here and is never closed" if "end of data" in str(error)
                       else str(error))  # fmt: skip
            raise InputError(shown, f"{message} (a stray quotation mark?)", line=ended + 1) from error


def is_date(text: str) -> bool:
    """Whether a table value is a real calendar date written YYYY-MM-DD.

    >>> is_date("2024-02-29"), is_date("2023-02-30"), is_date("12019-10-06"), is_date("2019-1-6")
    (True, False, False, False)
    """
    if not _DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _checked(shown: str, started: int, ended: int, header: tuple[str, ...],
             row: dict[str | None, str | None]) -> dict[str, str]:  # fmt: skip
    if None in row or any(value is None for value in row.values()):
        raise InputError(shown, f"expected {len(header)} fields, found {_count(row)}", line=started)
    values: dict[str, str] = {}
    for key, value in row.items():
        assert key is not None and value is not None
        if "\n" in value or "\r" in value:
            raise InputError(
                shown,
                f"a quoted value runs from line {started} over {ended - started + 1} lines "
                "(a stray quotation mark?); a row is one line",
                line=started,
                field=key,
            )
        if control := _CONTROL.search(value):
            raise InputError(shown, f"holds the control character U+{ord(control.group()):04X}; "
                                    "remove it", line=started, field=key)  # fmt: skip
        values[key] = unicodedata.normalize("NFKC", value.strip())
    return values


def _count(row: dict[str | None, str | None]) -> int:
    extra = row.get(None)
    present = sum(1 for key, value in row.items() if key is not None and value is not None)
    return present + (len(extra) if isinstance(extra, list) else 0)
