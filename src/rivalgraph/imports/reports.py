"""Write what an import noticed as tables a person can open: bad rows, identities to review, files skipped.

Examples
--------
>>> import tempfile, pathlib
>>> from rivalgraph.imports.pipeline import Imported, ImportSummary
>>> summary = ImportSummary(0, 0, 0, 0, 0, 0, 0, (), 0.0)
>>> folder = write_import_reports([Imported("m.toml", [], summary)], pathlib.Path(tempfile.mkdtemp()))
>>> sorted(path.name for path in folder.iterdir())
['bad-rows.csv', 'identities-to-review.csv', 'skipped-files.csv']
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from rivalgraph.imports.pipeline import Imported

__all__ = ["write_import_reports"]


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a CSV atomically: a half-written report never replaces a whole one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_import_reports(imports: Iterable[Imported], folder: Path) -> Path:
    """Write the reports of every import into ``folder`` (created); returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    every = list(imports)
    _write(folder / "bad-rows.csv", ("file", "line", "field", "problem"),
           ((b.file, b.line, b.field, b.message) for i in every for b in i.bad_rows))  # fmt: skip
    _write(folder / "identities-to-review.csv", ("case", "first", "second"),
           (row for i in every for row in i.suspicious))  # fmt: skip
    _write(folder / "skipped-files.csv", ("file", "reason"),
           (row for i in every for row in i.skipped_files))  # fmt: skip
    return folder
