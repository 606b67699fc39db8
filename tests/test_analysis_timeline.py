"""The timeline of a rivalry: events of both athletes, in date order."""

from __future__ import annotations

import random

from rivalgraph.analysis.reader import read_timeline
from rivalgraph.analysis.reports import timeline_report
from rivalgraph.analysis.timeline import timeline
from rivalgraph.namespaces import ATHLETE
from rivalgraph.store import Store


def test_fixture_timeline(fixture_store: Store) -> None:
    report = timeline_report(fixture_store, "Nordmann", "Bloggs")
    assert report.labels == ("Ola Nordmann", "Joe Bloggs")
    assert [(e.date, e.kind) for e in report.events] == [
        ("2022-07-19", "race"), ("2023-08-23", "race"), ("2024-03-02", "statement"),
        ("2024-03-05", "injury"), ("2024-03-05", "withdrawal"), ("2024-03-05", "response"),
        ("2024-03-05", "response"), ("2024-08-06", "race"),
    ]  # fmt: skip
    responses = [e.item.rsplit("/", 1)[-1] for e in report.events if e.kind == "response"]
    assert responses == ["fixture-joe-respect", "fixture-ola-calories"]


def test_order_does_not_depend_on_row_order(fixture_store: Store) -> None:
    rows = read_timeline(fixture_store, ATHLETE["ola-nordmann"], ATHLETE["joe-bloggs"])
    expected = timeline(rows)
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert timeline(shuffled) == expected


def test_the_real_rivalry_runs_from_doha_to_paris(real_store: Store) -> None:
    report = timeline_report(real_store, "Jakob Ingebrigtsen", "Josh Kerr")
    races = [e.date for e in report.events if e.kind == "race"]
    assert races == ["2019-10-06", "2021-08-07", "2022-07-19", "2023-08-23", "2024-08-06"]
    said = [e.item.rsplit("/", 1)[-1] for e in report.events if e.kind in ("statement", "response")]
    assert said == ["2024-03-05-ingebrigtsen-blindfolded", "2024-03-05-kerr-respect",
                    "2024-03-05-ingebrigtsen-calories"]  # fmt: skip
    assert {e.kind for e in report.events} >= {"injury", "withdrawal"}
