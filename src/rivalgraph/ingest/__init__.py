"""Ingest news articles: statements, speakers, outlets and responses, as a draft for review.

The steps, one module each:

- :mod:`~rivalgraph.ingest.text`: read plain text or the visible text of HTML;
- :mod:`~rivalgraph.ingest.quotes`, :mod:`~rivalgraph.ingest.segments`: quotations, sentences;
- :mod:`~rivalgraph.ingest.references`: people mentioned, resolved to athletes of the graph
  (names, surnames, misspellings, pronouns, descriptions such as "the Norwegian");
- :mod:`~rivalgraph.ingest.attribution`, :mod:`~rivalgraph.ingest.reported`,
  :mod:`~rivalgraph.ingest.medium`, :mod:`~rivalgraph.ingest.statements`: who said what, to whom;
- :mod:`~rivalgraph.ingest.responses`: which earlier statement a statement answers;
- :mod:`~rivalgraph.ingest.editions`, :mod:`~rivalgraph.ingest.events`, :mod:`~rivalgraph.ingest.titles`:
  competitions, injuries, withdrawals, planned appearances, titles held;
- :mod:`~rivalgraph.ingest.draft`, :mod:`~rivalgraph.ingest.trig`: the draft named graph (TriG);
- :mod:`~rivalgraph.ingest.language`: refuse an article that is not in English;
- :mod:`~rivalgraph.ingest.pipeline`: run it all and write the draft;
- :mod:`~rivalgraph.ingest.batch`: every article of a folder, and a summary table;
- :mod:`~rivalgraph.ingest.accept`, :mod:`~rivalgraph.ingest.duplicates`: move a reviewed draft into
  ``graph/articles/``, linking statements the graph already has;
- :mod:`~rivalgraph.ingest.evaluate`: precision and recall against annotated articles.

Examples
--------
>>> parse_date("2024-03-05")
datetime.date(2024, 3, 5)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rivalgraph.build import collect
from rivalgraph.errors import ArgumentError, InputError
from rivalgraph.ingest.accept import AcceptRefused, AcceptResult, accept
from rivalgraph.ingest.batch import BatchRow, ingest_folder, summary_table
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.language import NotEnglish
from rivalgraph.ingest.pipeline import DraftExists, IngestResult, ingest
from rivalgraph.ingest.text import ArticleError
from rivalgraph.resources import graph_dir
from rivalgraph.sources import display_path
from rivalgraph.store import OxigraphStore, StoreLocation

__all__ = [
    "AcceptRefused",
    "ArticleError",
    "BatchRow",
    "NotEnglish",
    "DraftExists",
    "IngestResult",
    "AcceptResult",
    "Knowledge",
    "parse_date",
    "load_knowledge",
    "ingest_article",
    "ingest_folder",
    "summary_table",
    "accept_draft",
]


def parse_date(text: str) -> dt.date:
    """Read an article date written YYYY-MM-DD.

    Raises
    ------
    ArgumentError
        An :class:`~rivalgraph.errors.InputError` naming the argument ``date``, with the value
        and the expected form.
    """
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ArgumentError("date", f"{text!r} is not a date written YYYY-MM-DD") from error


def load_knowledge(store: str | Path | None, graph_folder: Path | None = None) -> tuple[Knowledge, str]:
    """Read what the graph knows: from the built store if there is one, else the curated files.

    Returns the knowledge and a phrase saying where it came from.
    """
    if store is not None and StoreLocation(Path(store)).current() is not None:
        return Knowledge.from_store(OxigraphStore.open(store)), f"the built store at {store}"
    folder = graph_folder or graph_dir()
    # The curated files only: the imported toplists (~60,000 athletes) took 12.8 GB to read
    # this way; a built store knows them at no cost.
    return Knowledge.from_quads(
        collect(folder, imports=False).data_quads()
    ), f"the curated files in {display_path(folder)}"


def ingest_article(
    path: Path,
    date: str,
    known: Knowledge,
    *,
    url: str | None = None,
    outlet: str | None = None,
    output: Path | None = None,
    force: bool = False,
    language: str | None = None,
    curated: Path | None = None,
) -> IngestResult:
    """Ingest one article file into a draft (see :func:`rivalgraph.ingest.pipeline.ingest`)."""
    if url is not None and "://" not in url:
        raise ArgumentError("url", f"{url!r} is not an absolute URL (https://...)")
    return ingest(path, parse_date(date), known, url=url, outlet=outlet, output=output, force=force,
                  language=language, curated=curated)  # fmt: skip


def accept_draft(draft: Path, graph_folder: Path | None = None, *, allow_empty: bool = False) -> AcceptResult:
    """Accept a reviewed draft (see :func:`rivalgraph.ingest.accept.accept`)."""
    if not draft.is_file():
        raise InputError(display_path(draft), "no such draft file")
    return accept(draft, graph_folder, allow_empty=allow_empty)
