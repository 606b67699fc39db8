"""Decide what a statement is about (``rg:about``).

A statement is about the athletes it names (by name, surname, description,
or a pronoun of reported speech), about the speaker of the statement it
answers, about the competitions it names, and about the injuries it reports
(and then about the injured athlete too).
"""

from __future__ import annotations

from collections.abc import Callable

from rivalgraph.ingest.editions import EditionMention
from rivalgraph.ingest.events import Events
from rivalgraph.ingest.references import References
from rivalgraph.ingest.statements import Found
from rivalgraph.namespaces import EDITION, INJURY

__all__ = ["set_about"]


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
    for statement in statements:
        about: list[str] = []
        add = _adder(about)
        for mention in refs.between(statement.start, statement.end):
            add(mention.athlete)
        if statement.responds_to is not None:
            add(statements[statement.responds_to].speaker)
        for named in editions:
            iri = EDITION[named.slug].value
            if statement.start <= named.start < statement.end and iri in declared_editions:
                add(iri)
        for key, injury in events.injuries.items():
            if any(statement.start <= start < statement.end for start, _ in injury.evidence):
                add(injury.athlete)
                add(INJURY[key].value)
        statement.about = about
