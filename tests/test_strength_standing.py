"""Standings: the latest ratings read back from the graph, shown by `rivalry` and `rivals`."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from openskill.models import PlackettLuce

from rivalgraph.analysis.reports import rivals_report
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.cli import main
from rivalgraph.namespaces import RG
from rivalgraph.report import format_report, rivalry_report
from rivalgraph.store import open_store
from rivalgraph.strength.standing import (
    Standing,
    ahead_probability,
    read_season_ratings,
    read_standings,
)

KERR = ox.NamedNode("https://w3id.org/rivalgraph/id/athlete/josh-kerr")


def test_the_latest_season_of_each_discipline_most_raced_first(rated_location: Path) -> None:
    standings = read_standings(open_store(rated_location), KERR)
    assert standings and standings[0].discipline == RG.Discipline1500m.value
    assert [s.races for s in standings] == sorted((s.races for s in standings), reverse=True)
    first = standings[0]
    assert first.deviation > 0 and first.prestige is not None and first.parameters["beta"] == 12.5
    assert first.pool == "1500m, men"


def test_no_ratings_before_the_strength_command(real_location: Path) -> None:
    assert read_standings(open_store(real_location), KERR) == ()
    report = rivalry_report(open_store(real_location), "Josh Kerr", "Jakob Ingebrigtsen")
    assert "Strength: no ratings of both in the store" in format_report(report)


def test_ahead_probability_is_openskills_own() -> None:
    model = PlackettLuce(beta=8.0)
    a = Standing("urn:d", "urn:s", "2025-01-01", 30.0, 3.0, 9, None, {"beta": 8.0})
    b = Standing("urn:d", "urn:s", "2025-01-01", 27.0, 5.0, 4, None, {"beta": 8.0})
    expected = model.predict_win([[model.rating(30.0, 3.0)], [model.rating(27.0, 5.0)]])[0]
    assert ahead_probability(a, b) == pytest.approx(expected)
    assert ahead_probability(a, b) + ahead_probability(b, a) == pytest.approx(1.0)


def test_rivalry_shows_both_ratings_and_who_the_model_favours(rated_location: Path) -> None:
    report = rivalry_report(open_store(rated_location), "Josh Kerr", "Jakob Ingebrigtsen")
    mine, theirs = report.strength[0]
    assert mine.discipline == theirs.discipline == RG.Discipline1500m.value
    text = format_report(report)
    assert "Strength (Plackett-Luce" in text and "ahead with probability" in text
    assert f"Kerr         {mine.describe()}" in text


def test_rivals_shows_each_rivals_rating_in_the_shared_discipline(rated_location: Path) -> None:
    store = open_store(rated_location)
    report = rivals_report(store, "Jakob Ingebrigtsen", ScoreParameters(), top=5)
    assert report.standings and all(entry.strength for entry in report.rivals)
    for entry in report.rivals:
        assert entry.strength is not None
        mine, theirs = entry.strength
        assert (mine.discipline, mine.sex) == (theirs.discipline, theirs.sex)
        assert theirs == next(s for s in read_standings(store, ox.NamedNode(entry.rival.target))
                              if s.discipline == mine.discipline)  # fmt: skip
    shown = CliRunner().invoke(main, ["rivals", "Jakob Ingebrigtsen", "--store",
                                      str(rated_location), "--top", "2"])  # fmt: skip
    assert shown.exit_code == 0, shown.output
    assert shown.output.count("    strength (") == 2 and "Strength (Plackett-Luce" in shown.output
    as_json = CliRunner().invoke(main, ["rivals", "Jakob Ingebrigtsen", "--store",
                                        str(rated_location), "--format", "json"])  # fmt: skip
    assert '"standings"' in as_json.output and '"mean"' in as_json.output


def test_the_latest_season_is_the_last_of_the_season_ratings(rated_location: Path) -> None:
    store = open_store(rated_location)
    seasons = read_season_ratings(store, KERR)
    metric = [s for s in seasons if s.discipline == RG.Discipline1500m.value]
    assert [s.day for s in metric] == sorted(s.day for s in metric) and len(metric) >= 2
    assert read_standings(store, KERR)[0] == metric[-1]
    assert all(s.model.startswith("Plackett-Luce (openskill") for s in seasons)
