"""Ingest a folder of articles: one draft each, and a table of what came out.

:func:`article_files` lists the articles (``*.txt``, ``*.html``, ``*.htm``,
sorted by name); :func:`article_dates` gives each its date, from a leading
``YYYY-MM-DD`` in its file name, else the date given for all;
:func:`ingest_folder` runs :func:`~rivalgraph.ingest.pipeline.ingest` on each
with the same knowledge.  An article that fails (unreadable, not English,
draft already there) becomes a skipped row; the others still run.
:func:`summary_table` lays the rows out for a person to review.

Examples
--------
>>> article_dates([Path("2024-03-05-kerr.txt"), Path("page.html")], dt.date(2024, 1, 2))
[datetime.date(2024, 3, 5), datetime.date(2024, 1, 2)]
>>> print(summary_table([BatchRow(Path("a.txt"), None, status="skipped: unreadable")]))
article  draft  statements  unresolved speakers  replies  review notes  language  status
a.txt    -      -           -                    -        -             -         skipped: unreadable
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rivalgraph.errors import ArgumentError, InputError, RivalgraphError
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.pipeline import IngestResult, ingest
from rivalgraph.sources import display_path

__all__ = ["ARTICLE_SUFFIXES", "BatchRow", "article_dates", "article_files", "ingest_folder",
           "summary_table"]  # fmt: skip

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")

_LEADING_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?!\d)")


@dataclass(frozen=True)
class BatchRow:
    """One article of a folder: its draft's counts when written, else why it was skipped."""

    article: Path
    result: IngestResult | None
    status: str = "written"
    #: The detected language of an article skipped for not being English.
    language: str | None = None
    #: Why the article was skipped (its ``status`` is ``skipped:`` and this error's message).
    error: RivalgraphError | None = None

    @property
    def written(self) -> bool:
        return self.result is not None


def article_files(folder: Path) -> list[Path]:
    """List the article files directly in ``folder``, sorted by name.

    Raises
    ------
    InputError
        The folder holds no article file.
    """
    files = sorted(
        (p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES),
        key=lambda p: p.name,
    )
    if not files:
        raise InputError(display_path(folder), "no article files (*.txt, *.html, *.htm) in it")
    return files


def article_dates(files: Sequence[Path], default: dt.date | None) -> list[dt.date]:
    """Date each file from a leading ``YYYY-MM-DD`` in its name, else ``default``.

    Raises
    ------
    InputError
        Naming the files with a date in their name that does not exist; an
        :class:`~rivalgraph.errors.ArgumentError` about ``date``, naming the
        files with no date in their name, when there is no ``default``.
    """
    dates: list[dt.date | None] = []
    for path in files:
        found = _LEADING_DATE.match(path.name)
        try:
            dates.append(dt.date.fromisoformat(found.group(1)) if found else default)
        except ValueError:
            raise InputError(display_path(path), f"{found.group(1)!r} at the start of its name "  # type: ignore[union-attr]
                             "is not a date (YYYY-MM-DD)") from None  # fmt: skip
    undated = [display_path(path) for path, day in zip(files, dates, strict=True) if day is None]
    if undated:
        raise ArgumentError("date", "these articles have no YYYY-MM-DD at the start of their "
                         f"name, so give one date for them: {', '.join(undated)}")  # fmt: skip
    return [day for day in dates if day is not None]


def ingest_folder(
    folder: Path,
    known: Knowledge,
    *,
    date: dt.date | None = None,
    language: str | None = None,
    force: bool = False,
    drafts: Path = Path("drafts"),
) -> list[BatchRow]:
    """Ingest every article of ``folder`` with the same knowledge, one draft each.

    ``date`` is for the files whose name does not start with one; ``language``
    and ``force`` are passed to :func:`~rivalgraph.ingest.pipeline.ingest`.

    Raises
    ------
    InputError
        No article in the folder, or one cannot be dated (before any is read).
    """
    files = article_files(folder)
    rows = []
    for path, day in zip(files, article_dates(files, date), strict=True):
        try:
            result = ingest(path, day, known, force=force, drafts=drafts, language=language)
        except RivalgraphError as error:
            rows.append(BatchRow(path, None, f"skipped: {error}", getattr(error, "language", None), error))
        else:
            rows.append(BatchRow(path, result))
    return rows


_COLUMNS = ("article", "draft", "statements", "unresolved speakers", "replies", "review notes", "language",
            "status")  # fmt: skip


def _cells(row: BatchRow, describe: Callable[[RivalgraphError], str] | None) -> list[str]:
    result = row.result
    if result is None:
        status = f"skipped: {describe(row.error)}" if describe and row.error else row.status
        return [row.article.name, *("-" * (len(_COLUMNS) - 3)), row.language or "-", status]
    counts = (result.statements, result.unresolved, result.replies, len(result.flags))
    return [row.article.name, display_path(result.draft), *map(str, counts), result.language,
            row.status]  # fmt: skip


def summary_table(rows: Sequence[BatchRow], describe: Callable[[RivalgraphError], str] | None = None) -> str:
    """Lay the rows out as a plain-text table, one line per article (see the module docstring).

    ``describe`` says why an article was skipped, from its error (default: the error's message).
    """
    table = [list(_COLUMNS), *(_cells(row, describe) for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(_COLUMNS) - 1)]
    return "\n".join(
        "  ".join(
            [*(cell.ljust(width) for cell, width in zip(line, widths, strict=False)), line[-1]]
        ).rstrip()  # fmt: skip
        for line in table
    )
