"""What the charts show: gathered from the curated graph, equal to what the reports say."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from rivalgraph.analysis.reports import rivals_report
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.plots.data import RATINGS_MISSING, NoData, rivalry_chart, rivals_chart
from rivalgraph.query import UnknownAthlete
from rivalgraph.report import rivalry_report
from rivalgraph.store import Store, open_store

PAIR = ("Josh Kerr", "Jakob Ingebrigtsen")


def test_the_races_are_those_of_the_head_to_head(store: Store) -> None:
    chart = rivalry_chart(store, *PAIR)
    report = rivalry_report(store, *PAIR)
    assert sorted(race.race for race in chart.races) == sorted(race.race for race in report.races)
    assert chart.wins == report.wins
    assert [race.day for race in chart.races] == sorted(race.day for race in chart.races)


def test_championship_finals_are_marked(store: Store) -> None:
    chart = rivalry_chart(store, *PAIR)
    finals = {race.label for race in chart.races if race.final}
    assert "1500 m final, World Athletics Championships 2023" in finals


def test_the_statements_of_the_feud_by_speaker(store: Store) -> None:
    chart = rivalry_chart(store, *PAIR)
    threads = rivalry_report(store, *PAIR).threads
    said = {(s.speaker, s.text) for thread in threads for s in thread}
    assert {(chart.labels[m.speaker], m.text) for m in chart.statements} == said


def test_without_ratings_the_caption_says_how_to_get_them(store: Store) -> None:
    chart = rivalry_chart(store, *PAIR)
    assert chart.ratings == ((), ())
    assert chart.ratings_note == RATINGS_MISSING
    assert (chart.discipline_label, chart.sex_label) == ("1500 metres", "men")


def test_ratings_are_the_season_ratings_of_the_discipline_they_met_most_in(
    rated_location: Path,
) -> None:
    chart = rivalry_chart(open_store(rated_location), *PAIR)
    assert chart.ratings_note == ""
    assert all(len(points) >= 5 for points in chart.ratings)
    assert all(p.deviation > 0 and math.isfinite(p.mean) for ps in chart.ratings for p in ps)
    assert "Plackett-Luce" in chart.rating_model


def test_sources_name_the_datasets_and_the_article(store: Store) -> None:
    sources = " ".join(rivalry_chart(store, *PAIR).sources)
    assert "World Athletics all-time toplist, men's 1500 m" in sources
    assert "https://github.com/kmuchiri/AthleticScraper" in sources
    assert "Jakob Ingebrigtsen skips the World Indoor Championships 2024" in sources
    assert "NRK" in sources


def test_two_athletes_who_never_met_is_a_clear_error(store: Store) -> None:
    with pytest.raises(NoData, match="Josh Kerr and Oscar Chelimo never ran the same race"):
        rivalry_chart(store, "Josh Kerr", "Oscar Chelimo")


def test_an_unknown_athlete_is_named(store: Store) -> None:
    with pytest.raises(UnknownAthlete, match="did you mean 'Josh Kerr'"):
        rivalry_chart(store, "Josh Ker", "Jakob Ingebrigtsen")


def test_the_rivals_are_those_of_the_report_and_the_parts_sum_to_the_score(store: Store) -> None:
    params = ScoreParameters()
    chart = rivals_chart(store, "Jakob Ingebrigtsen", params, top=5)
    report = rivals_report(store, "Jakob Ingebrigtsen", params, top=5)
    assert [bar.label for bar in chart.bars] == [entry.rival.label for entry in report.rivals]
    for bar in chart.bars:
        assert math.isclose(sum(bar.contributions.values()), bar.score, rel_tol=1e-9)
    assert chart.bars[0].statements == 3
