"""Decide what a statement is about (``rg:about``).

A statement is about the athletes it names (by name, surname, description,
or a pronoun of reported speech), about the speaker of the statement it
answers, about the competitions it names, and about the injuries it reports
(and then about the injured athlete too).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TypeVar

from rivalgraph.ingest.editions import EditionMention
from rivalgraph.ingest.events import Events
from rivalgraph.ingest.references import References
from rivalgraph.ingest.statements import Found
from rivalgraph.namespaces import EDITION, INJURY

__all__ = ["set_about"]

T = TypeVar("T")


def _adder(about: list[str]) -> Callable[[str | None], None]:
    def add(iri: str | None) -> None:
        if iri and iri not in about:
            about.append(iri)

    return add


def set_about(
    refs: References,
    statements: list[Found],
    editions: list[EditionMention],
    events: Events,
    declared_editions: set[str],
) -> None:
    """Fill ``about`` of every statement (IRIs, in order of first mention).

    ``declared_editions`` are the edition IRIs that exist (in the graph or in
    the draft); other competition mentions are left out.
    """
    # Editions and injury reports are looked up by position (bisection), in the
    # order they were given: a scan of all of them per statement was quadratic.
    by_start = sorted(range(len(editions)), key=lambda number: editions[number].start)
    edition_starts = [editions[number].start for number in by_start]
    injury_keys = list(events.injuries)
    reports = sorted((start, number) for number, key in enumerate(injury_keys)
                     for start, _ in events.injuries[key].evidence)  # fmt: skip
    report_starts = [start for start, _ in reports]
    for statement in statements:
        about: list[str] = []
        add = _adder(about)
        for mention in refs.between(statement.start, statement.end):
            add(mention.athlete)
        if statement.responds_to is not None:
            add(statements[statement.responds_to].speaker)
        for number in sorted(_inside(by_start, edition_starts, statement.start, statement.end)):
            iri = EDITION[editions[number].slug].value
            if iri in declared_editions:
                add(iri)
        reported = {number for _, number in _inside(reports, report_starts, statement.start, statement.end)}
        for number in sorted(reported):
            key = injury_keys[number]
            add(events.injuries[key].athlete)
            add(INJURY[key].value)
        statement.about = about


def _inside(items: list[T], starts: list[int], start: int, end: int) -> list[T]:
    """The items whose start (``starts``, in order) lies within ``[start, end)``."""
    return items[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
