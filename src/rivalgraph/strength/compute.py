"""Compute the strength ratings of a built store and write them into it.

:func:`rate_store` reads every placed result (:func:`~.contests.read_contests`),
rates every athlete race by race (:func:`~.ratings.plackett_luce`), computes
prestige, and replaces ``graph:analysis-strength`` atomically
(:func:`rivalgraph.store.replace_graph`); the curated files are not touched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rivalgraph.errors import RivalgraphError
from rivalgraph.namespaces import RG
from rivalgraph.store import open_store, replace_graph, republishing
from rivalgraph.strength.contests import read_contests
from rivalgraph.strength.ratings import plackett_luce
from rivalgraph.strength.writeback import STRENGTH_GRAPH, strength_quads

__all__ = ["StrengthReport", "rate_store"]


@dataclass(frozen=True)
class StrengthReport:
    """What :func:`rate_store` wrote."""

    graph: str
    races: int
    ratings: int
    prestige: int
    quads: int
    parameters: Mapping[str, float]

    def summary(self) -> str:
        """One line for the command line."""
        chosen = ", ".join(f"{k}={v:g}" for k, v in self.parameters.items())
        return (
            f"rated {self.races:,} races: {self.ratings:,} season ratings and "
            f"{self.prestige:,} prestige scores ({self.quads:,} quads) in <{self.graph}>; "
            f"Plackett-Luce {chosen}"
        )


def rate_store(
    location: Path | str, parameters: Mapping[str, float] | None = None, now: datetime | None = None
) -> StrengthReport:
    """Rate every athlete of the store at ``location`` and write ``graph:analysis-strength``."""
    # Held from the first read to the republication: a build published in between would be
    # overwritten by ratings of the graph before it.
    with republishing(location):
        store = open_store(location)
        contests = read_contests(store)
        del store
        if not len(contests):
            raise RivalgraphError(f"{location}: the store holds no placed result of a dated race of "
                                  "known discipline and sex category: nothing to rate")  # fmt: skip
        run = plackett_luce(contests, parameters=parameters)
        quads = strength_quads(contests, run, now or datetime.now(timezone.utc))
        written = replace_graph(location, STRENGTH_GRAPH, quads)
    kinds = [quad.subject for quad in quads if quad.predicate == RG.prestige]
    ratings = sum(1 for quad in quads if quad.predicate == RG.ratingMean)
    return StrengthReport(
        STRENGTH_GRAPH.value, len(contests), ratings, len(kinds), written, dict(run.parameters)
    )
