"""The thin layer between the store and the export: it only runs the export queries.

The queries live in ``queries/export/``: ``pair-race-evidence`` and
``pair-statement-evidence`` (every pair's evidence in one query each, for the
HTML page) and ``kg-*`` (the nodes and edges of the whole knowledge graph for
``--full``).  Each runs once per export, whatever the size of the network.

Examples
--------
>>> sorted(export_queries())[:3]
['kg-about', 'kg-races', 'kg-results']
"""

from __future__ import annotations

from functools import lru_cache

from rivalgraph.analysis.filters import RaceFilter
from rivalgraph.analysis.reader import analysis_queries
from rivalgraph.analysis.terms import value
from rivalgraph.export.knowledge import KnowledgeRows
from rivalgraph.query import NamedQuery, load_registry, run
from rivalgraph.resources import queries_dir
from rivalgraph.store import Store, Term

__all__ = ["export_queries", "read_pair_evidence", "read_knowledge", "read_setbacks"]

Rows = list[dict[str, Term | None]]


@lru_cache(maxsize=1)
def _registry() -> dict[str, NamedQuery]:
    return load_registry(queries_dir() / "export")


def export_queries() -> dict[str, NamedQuery]:
    """The export queries, by name (``queries/export/*.rq``)."""
    return dict(_registry())


def _select(store: Store, name: str) -> Rows:
    return run(store, _registry()[name]).dicts()


def _text(row: dict[str, Term | None], key: str) -> str | None:
    term = row.get(key)
    return None if term is None else str(value(term))


def read_pair_evidence(store: Store, race_filter: RaceFilter | None = None) -> tuple[Rows, Rows]:
    """The race and statement evidence rows of every pair (athlete before opponent).

    With ``race_filter``, only the races that pass it and the statements of its period.
    """
    races, said = _select(store, "pair-race-evidence"), _select(store, "pair-statement-evidence")
    if race_filter is None or race_filter.everything:
        return races, said
    return ([row for row in races if race_filter.keeps(
                _text(row, "discipline"), _text(row, "sex"), _text(row, "date"))],
            [row for row in said if race_filter.keeps_date(_text(row, "date"))])  # fmt: skip


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
