"""One model of a rivalry: its score is the ``rivals`` score, its races and statements the evidence."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from rivalgraph.analysis.reader import read_race_filter
from rivalgraph.analysis.reports import rivals_report
from rivalgraph.analysis.rivalry import rivalry_report
from rivalgraph.analysis.scoring import ScoreParameters, counted_factors, mutual_values
from rivalgraph.store import OxigraphStore, Store, open_store

PAIR = ("Josh Kerr", "Jakob Ingebrigtsen")


class CountingStore:
    """A store that counts the queries it answers, by method."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.store, name)
        if name not in ("select", "select_columns", "ask", "construct"):
            return found

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return found(*args, **kwargs)

        return counted


def _rival(store: Store, holder: str, target: str, params: ScoreParameters, **filters: str) -> Any:
    race_filter = read_race_filter(store, **filters) if filters else None
    report = rivals_report(store, holder, params, top=None, race_filter=race_filter)
    return next(entry.rival for entry in report.rivals if entry.rival.label == target)


@pytest.mark.parametrize(("params", "filters"), [
    (ScoreParameters(), {}),
    (ScoreParameters(half_life=1.5), {}),
    (ScoreParameters(), {"since": "2023"}),
])  # fmt: skip
def test_the_score_is_the_rivals_score_both_ways(
    store: OxigraphStore, params: ScoreParameters, filters: dict[str, str]
) -> None:
    race_filter = read_race_filter(store, **filters) if filters else None
    report = rivalry_report(store, *PAIR, race_filter, params)
    rival = _rival(store, *PAIR, params, **filters)
    assert report.forward == rival.assessment and report.backward == rival.reverse
    assert report.mutual == mutual_values(rival.assessment, rival.reverse)
    assert report.factors == counted_factors(report.parameters) and "parity" not in report.factors


def test_with_ratings_parity_counts_as_in_rivals(rated_location: Path) -> None:
    rated = open_store(rated_location)
    report = rivalry_report(rated, *PAIR)
    rival = _rival(rated, *PAIR, ScoreParameters())
    assert report.forward == rival.assessment and report.backward == rival.reverse
    assert report.factors[-1] == "parity" and report.forward and report.forward.parity > 0


def test_races_and_statements_are_the_evidence_records(store: OxigraphStore) -> None:
    report = rivalry_report(store, *PAIR)
    assert report.evidence is not None
    assert {race.race for race in report.races} == {race.race for race in report.evidence.races}
    said = {s.statement for thread in report.threads for s in thread}
    assert said <= {s.statement for s in report.evidence.statements}
    direct = {s.statement: s.direct for s in report.evidence.statements}
    assert all(s.direct == direct[s.statement] for thread in report.threads for s in thread)


@pytest.mark.parametrize(("names", "most"), [
    (PAIR, 12),
    # A surname is looked up as a label first, then among all the names: one query more each.
    (("Kerr", "Ingebrigtsen"), 14),
])  # fmt: skip
def test_each_athlete_is_resolved_once_and_the_queries_are_few(
    store: OxigraphStore, names: tuple[str, str], most: int
) -> None:
    counting = CountingStore(store)
    rivalry_report(counting, *names)  # type: ignore[arg-type]
    # The names, the two athletes' ratings, the score's rows (results, statements, the two labels,
    # the latest date; and whether the store holds ratings, as this one does not), the evidence.
    # An ASK would be an athlete resolved again (a query run with his IRI as text).
    assert counting.calls["ask"] == 0, counting.calls
    assert sum(counting.calls.values()) <= most, counting.calls


def test_a_pair_that_never_met_nor_spoke_scores_zero(store: OxigraphStore) -> None:
    report = rivalry_report(store, "Brian Fay", "Josh Kerr")
    assert (report.forward, report.backward, report.mutual, report.score) == (None, None, {}, 0.0)
    assert report.races == () and report.threads == ()
