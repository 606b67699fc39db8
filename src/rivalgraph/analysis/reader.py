"""The thin layer between the store and the pure analysis functions: it only runs queries.

The queries live in ``queries/analysis/`` (aggregates for the projection,
evidence per athlete, evidence links per pair) and ``queries/timeline.rq``; each
function here runs one or a few of them and hands the rows on.

Examples
--------
>>> sorted(analysis_queries())[:3]
['athletes', 'evidence-links', 'pair-discourse']
"""

from __future__ import annotations

from functools import lru_cache

import networkx as nx
import pyoxigraph as ox

from rivalgraph.analysis.gcpause import paused_gc
from rivalgraph.analysis.headtohead import meeting_table
from rivalgraph.analysis.meetings import MeetingTable
from rivalgraph.analysis.projection import project
from rivalgraph.query import NamedQuery, load_registry, run
from rivalgraph.resources import queries_dir
from rivalgraph.store import Store, Term, select_columns

__all__ = [
    "analysis_queries",
    "read_projection",
    "read_meetings",
    "read_race_evidence",
    "read_statement_evidence",
    "read_evidence_links",
    "read_timeline",
]

Rows = list[dict[str, Term | None]]


@lru_cache(maxsize=1)
def _registry() -> dict[str, NamedQuery]:
    return load_registry(queries_dir() / "analysis")


def analysis_queries() -> dict[str, NamedQuery]:
    """The analysis queries, by name (``queries/analysis/*.rq``)."""
    return dict(_registry())


def _select(store: Store, name: str, values: dict[str, str] | None = None) -> Rows:
    return run(store, _registry()[name], values).dicts()


def read_meetings(store: Store) -> MeetingTable:
    """The meeting groups of every pair, counted from one row per result (``race-results``).

    The rows are read as columns of text in bulk (:func:`rivalgraph.store.select_columns`)
    and counted with array code (:mod:`.headtohead`): the same groups as
    ``pair-meetings``, without its self-join of the results.
    """
    return meeting_table(select_columns(store, _registry()["race-results"].text))


def read_projection(store: Store) -> nx.Graph:
    """Run the aggregate queries and build the athlete graph from them (see :func:`read_meetings`)."""
    with paused_gc():
        return project(
            _select(store, "athletes"), read_meetings(store), _select(store, "pair-discourse")
        )


def read_race_evidence(store: Store, athlete: ox.NamedNode) -> Rows:
    """Every race ``athlete`` ran against anyone, with places, times, stakes and source."""
    return _select(store, "race-evidence", {"athlete": athlete.value})


def read_statement_evidence(store: Store, athlete: ox.NamedNode) -> Rows:
    """Every statement between ``athlete`` and another athlete, with text and source."""
    return _select(store, "statement-evidence", {"athlete": athlete.value})


def read_evidence_links(store: Store) -> Rows:
    """For every pair, the nodes that are evidence of their rivalry."""
    return _select(store, "evidence-links")


def read_timeline(store: Store, athlete: ox.NamedNode, opponent: ox.NamedNode) -> Rows:
    """The dated events of a rivalry (the public ``timeline`` query)."""
    query = load_registry()["timeline"]
    return run(store, query, {"athlete": athlete.value, "opponent": opponent.value}).dicts()
