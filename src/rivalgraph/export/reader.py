"""The thin layer between the store and the export: it only runs the export queries.

The queries live in ``queries/export/``: ``race-facts``, ``race-results`` and
``pair-statement-evidence`` (every pair's evidence, for the HTML page: the race
rows of each pair are put together from the first two), and ``kg-*`` (the nodes
and edges of the whole knowledge graph for ``--full``), read through the one
registry, :func:`rivalgraph.query.registry`.  Each runs once per
export, whatever the size of the network.

Examples
--------
>>> sorted(export_queries())[:3]
['kg-about', 'kg-races', 'kg-results']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from rivalgraph.analysis.filters import RaceFilter
from rivalgraph.analysis.reader import analysis_queries
from rivalgraph.analysis.terms import value
from rivalgraph.export.knowledge import KnowledgeRows
from rivalgraph.query import NamedQuery, registry, run
from rivalgraph.store import Store

__all__ = ["export_queries", "read_pair_evidence", "read_knowledge", "read_setbacks"]

Row = dict[str, Any]
Rows = list[Row]


def _registry() -> Mapping[str, NamedQuery]:
    return registry("export")


def export_queries() -> dict[str, NamedQuery]:
    """The export queries, by name (``queries/export/*.rq``)."""
    return dict(_registry())


def _select(store: Store, name: str) -> Rows:
    return run(store, _registry()[name]).dicts()


def _text(row: Row, key: str) -> str | None:
    term = row.get(key)
    return None if term is None else str(value(term))


def _pairs_of_race(race: Row, entrants: list[Row], titles: list[Row]) -> Iterator[Row]:
    """The evidence rows of every pair in one race (athlete before opponent), in the columns
    of the pair queries: the race's facts, both results, and a title either of them won there."""
    ordered = sorted(entrants, key=lambda row: str(value(row["athlete"])))
    for number, mine in enumerate(ordered):
        for theirs in ordered[number + 1 :]:
            athlete, opponent = value(mine["athlete"]), value(theirs["athlete"])
            if str(athlete) == str(opponent):
                continue
            pair = {**race, "athlete": athlete, "opponent": opponent,
                    "athletePlace": mine["place"], "opponentPlace": theirs["place"],
                    "athleteMark": mine.get("mark"), "opponentMark": theirs.get("mark"),
                    "athleteMedal": mine.get("medal"), "opponentMedal": theirs.get("medal"),
                    "source": mine.get("source"), "title": None, "titleLabel": None,
                    "titleWinner": None}  # fmt: skip
            won = [title for title in titles if value(title["athlete"]) in (athlete, opponent)]
            if not won:
                yield pair
            for title in won:
                yield {**pair, "title": title["title"], "titleLabel": title.get("label"),
                       "titleWinner": title["athlete"]}  # fmt: skip


def read_pair_evidence(store: Store, race_filter: RaceFilter | None = None) -> tuple[Rows, Rows]:
    """The race and statement evidence rows of every pair (athlete before opponent).

    The race rows are put together here from three queries, each row once per race, result
    or title (``race-facts``, ``race-results``, ``kg-titles``), not read as one row per pair
    and race: in the whole all-of-athletics graph a query of that join ran for over 15
    minutes, these three in about two (1.5 million pair rows from 600,000 results).
    With ``race_filter``, only the races that pass it and the statements of its period.
    """
    wanted = None if race_filter is None or race_filter.everything else race_filter
    facts = {str(value(row["race"])): row for row in _select(store, "race-facts")
             if wanted is None or wanted.keeps(_text(row, "discipline"), _text(row, "sex"),
                                               _text(row, "date"))}  # fmt: skip
    entrants: dict[str, list[Row]] = defaultdict(list)
    for row in _select(store, "race-results"):
        race = str(value(row["race"]))
        if race in facts:
            entrants[race].append(row)
    titles: dict[str, list[Row]] = defaultdict(list)
    for row in _select(store, "kg-titles"):
        titles[str(value(row["race"]))].append(row)
    races = [pair for race, rows in entrants.items()
             for pair in _pairs_of_race(facts[race], rows, titles.get(race, []))]  # fmt: skip
    statements = _select(store, "pair-statement-evidence")
    if wanted is None:
        return races, statements
    return races, [row for row in statements if wanted.keeps_date(_text(row, "date"))]


def read_setbacks(store: Store, athletes: set[str]) -> dict[str, list[list[str]]]:
    """Each athlete's injuries and withdrawals (``setbacks``): ``[[date, kind, label, url], ...]``."""
    found: dict[str, list[list[str]]] = {}
    for row in _select(store, "setbacks"):
        athlete = str(value(row["athlete"]))
        if athlete in athletes and row.get("date") is not None:
            found.setdefault(athlete, []).append(
                [str(value(row["date"]))[:10], str(value(row["kind"])),
                 str(value(row.get("label")) or ""), str(value(row.get("sourceUrl")) or "")])  # fmt: skip
    return found


def read_knowledge(store: Store) -> KnowledgeRows:
    """The rows the whole knowledge-graph projection is built from."""
    return KnowledgeRows(
        athletes=run(store, analysis_queries()["athletes"]).dicts(),
        races=_select(store, "kg-races"),
        results=_select(store, "kg-results"),
        statements=_select(store, "kg-statements"),
        about=_select(store, "kg-about"),
        titles=_select(store, "kg-titles"),
    )
