"""Ingest one article: read it, extract everything, and write a draft for review.

:func:`extract` runs the steps in order (references, statements, responses,
competitions, events, duplicates); :func:`ingest` names the draft
(``drafts/<date>-<slug>.trig`` by default) and writes it atomically, never
over an existing draft unless asked to.  It first checks the article is in
English (:func:`~rivalgraph.ingest.language.article_language`): the rules read
no other language.  For HTML, the extracted text the offsets count in is
written beside the draft (``<draft>.txt``).

Examples
--------
>>> article_slug(Path("2024-03-05_ingebrigtsen_skips_world_indoors.txt"), None, dt.date(2024, 3, 5))
'2024-03-05-ingebrigtsen-skips-world-indoors'
>>> article_slug(Path("page.html"), "https://example.org/news/kerr-wins.html", dt.date(2024, 1, 2))
'2024-01-02-kerr-wins'
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from rivalgraph.errors import RivalgraphError
from rivalgraph.ingest.draft import Extraction, assign_keys, draft_text, review_flags
from rivalgraph.ingest.duplicates import same_statements
from rivalgraph.ingest.editions import find_editions
from rivalgraph.ingest.events import extract_events
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.language import article_language
from rivalgraph.ingest.medium import outlet_for
from rivalgraph.ingest.references import References
from rivalgraph.ingest.responses import link_responses
from rivalgraph.ingest.statements import extract_statements
from rivalgraph.ingest.text import Article, read_article
from rivalgraph.resources import graph_dir
from rivalgraph.slugs import slug
from rivalgraph.sources import display_path

__all__ = [
    "DraftExists",
    "DraftWriteError",
    "IngestResult",
    "article_slug",
    "extract",
    "ingest",
    "write_atomically",
]

_GENERIC = {"index", "article", "page", "news", "story", "amp"}


class DraftExists(RivalgraphError):
    """A draft is already at the output path (pass ``force`` to replace it)."""


class DraftWriteError(RivalgraphError):
    """The draft (or a file accepted into graph/) cannot be written: read-only, not a folder, disk full."""


@dataclass(frozen=True)
class IngestResult:
    """What :func:`ingest` wrote and what a person must now decide.

    ``unresolved`` counts the statements whose speaker is still to decide,
    ``replies`` those that answer another statement, ``events`` the injuries,
    withdrawals and planned appearances; ``language`` is the code recorded as
    the article's ``schema:inLanguage``.
    """

    draft: Path
    text_copy: Path | None
    statements: int
    flags: list[str]
    notes: list[str]
    unresolved: int = 0
    replies: int = 0
    events: int = 0
    language: str = "en"


def _result(target: Path, copy: Path | None, extraction: Extraction) -> IngestResult:
    statements, events = extraction.statements, extraction.events
    return IngestResult(
        target,
        copy,
        len(statements),
        review_flags(extraction),
        list(events.notes),
        unresolved=sum(any(f.startswith("speaker") for f in s.flags) for s in statements),
        replies=sum(s.responds_to is not None or bool(s.responds_to_iri) for s in statements),
        events=len(events.injuries) + len(events.withdrawals) + len(events.appearances),
        language=extraction.language,
    )


def article_slug(path: Path, url: str | None, date: dt.date) -> str:
    """Name an article ``{date}-{words}`` from its file name, else its URL."""
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}[-_ ]*", "", path.stem)
    words = slug(stem)
    if (not words or words in _GENERIC) and url:
        last = Path(urlparse(url).path).stem
        words = slug(last) if slug(last) not in _GENERIC else words
    return f"{date.isoformat()}-{words or 'article'}"


def extract(
    article: Article,
    date: dt.date,
    known: Knowledge,
    *,
    url: str | None = None,
    outlet: str | None = None,
    local_copy: str | None = None,
    method: str = "rules",
    language: str = "en",
) -> Extraction:
    """Extract statements, responses and events from an article (no I/O).

    ``method`` says how statements are found (:data:`~rivalgraph.ingest.statements.METHODS`);
    ``language`` is recorded, not checked (:func:`ingest` checks it).
    """
    refs = References.of(article.text, known, date)
    statements = extract_statements(refs, date, method)
    link_responses(refs, statements, date)
    editions = find_editions(article.text, known, date, refs.segments)
    events = extract_events(refs, statements, editions, date)
    extraction = Extraction(
        article=article,
        date=date,
        slug=article_slug(article.path, url, date),
        url=url,
        publisher=outlet_for(outlet, known.outlets) if outlet else None,
        local_copy=local_copy or display_path(article.path),
        refs=refs,
        statements=statements,
        editions=editions,
        events=events,
        language=language,
    )
    assign_keys(extraction)
    for statement in statements:
        if statement.speaker:
            statement.same_as = same_statements(
                statement.speaker, statement.text, known.statements, extraction.graph.value
            )
            if statement.same_as:
                statement.comments.append("the same words of the same speaker are already in the graph "
                                          "from another source: linked with rg:sameStatementAs")  # fmt: skip
    return extraction


def write_atomically(path: Path, text: str, *, replace: bool) -> None:
    """Write ``text`` to ``path`` in one step; refuse an existing file unless ``replace``.

    Raises
    ------
    FileExistsError
        When ``path`` exists and ``replace`` is false (even if it appeared meanwhile).
    DraftWriteError
        When the folder cannot be written (read-only, not a folder, disk full);
        no partial file is left behind.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except FileExistsError:  # a file where the folder should be
        raise DraftWriteError(
            f"cannot write {display_path(path)}: a parent of it is a file, not a folder"
        ) from None
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError as error:
        raise _cannot_write(path, error) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _outside_curated(target: Path, curated: Path) -> None:
    if target.resolve().is_relative_to(curated.resolve()):
        raise DraftWriteError(
            f"{display_path(target)} is inside the curated graph folder {display_path(curated)}: a draft "
            "goes elsewhere (default drafts/) and into the folder only once reviewed, with "
            "`rivalgraph ingest DRAFT --accept`"
        )


def _cannot_write(path: Path, error: OSError) -> DraftWriteError:
    return DraftWriteError(
        f"cannot write {display_path(path)}: {error.strerror or error}; "
        "choose another file (nothing was written)",
        options=("output",),
    )


def ingest(
    path: Path,
    date: dt.date,
    known: Knowledge,
    *,
    url: str | None = None,
    outlet: str | None = None,
    output: Path | None = None,
    force: bool = False,
    drafts: Path = Path("drafts"),
    language: str | None = None,
    curated: Path | None = None,
) -> IngestResult:
    """Read ``path``, extract it and write the draft (see the module docstring).

    ``curated`` is the curated graph folder (default: the packaged ``graph/``); a
    draft is never written inside it, as the build would take it unreviewed.

    ``language`` is the article's language as the caller declares it; ``None``
    detects it.

    Raises
    ------
    ArticleError
        The article cannot be read (missing, empty, binary, not UTF-8).
    NotEnglish
        The article is not in English and ``language`` does not say it is.
    DraftExists
        A draft is already there and ``force`` is false.
    DraftWriteError
        The draft's folder cannot be written.
    """
    article = read_article(path)
    code = article_language(article.text, path, language)
    target = output or drafts / f"{article_slug(path, url, date)}.trig"
    copy = target.with_suffix(".txt") if article.html else None
    _outside_curated(target, curated or graph_dir())
    for existing in filter(None, (target, copy)):
        if existing.exists() and not force:
            raise DraftExists(
                f"{display_path(existing)} already exists: review or remove it, or give this option to "
                "replace it",
                options=("force",),
            )
    extraction = extract(article, date, known, url=url, outlet=outlet,
                         local_copy=display_path(copy) if copy else None, language=code)  # fmt: skip
    text = draft_text(extraction)
    try:
        if copy is not None:
            write_atomically(copy, article.text, replace=force)
        try:
            write_atomically(target, text, replace=force)
        except BaseException:
            if copy is not None and not force:
                copy.unlink(missing_ok=True)  # ours: it did not exist before (checked above)
            raise
    except FileExistsError as error:
        raise DraftExists(f"{display_path(target)} appeared while writing; nothing replaced") from error
    return _result(target, copy, extraction)
