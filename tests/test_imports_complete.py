"""Tests of rivalgraph.imports.complete on the real Rio 2016 and Rome 2024 files in ../shared."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from rivalgraph.athletics.performance import ROUNDS, SEXES, STATUSES, Performance
from rivalgraph.errors import InputError
from rivalgraph.imports.complete import (
    ROME_RESULTS,
    Skipped,
    read_complete,
    read_rome2024,
    toplist_agreement,
)

from .conftest import SHARED

CHAMPIONSHIPS = SHARED / "data" / "complete_championships"
TOPLISTS = SHARED / "data" / "worldathletics_toplists_all" / "kmuchiri_AthleticScraper"
RIO, ROME = CHAMPIONSHIPS / "rio2016_olympics", CHAMPIONSHIPS / "rome2024_european"

FIELD = {"high-jump", "pole-vault", "long-jump", "triple-jump", "shot-put", "discus-throw",
         "hammer-throw", "javelin-throw"}  # fmt: skip
needs_shared = pytest.mark.skipif(not CHAMPIONSHIPS.is_dir(), reason="../shared data is absent")


@pytest.fixture(scope="module")
def rio() -> tuple[list[Performance], list[Skipped]]:
    return read_complete(RIO)


@pytest.fixture(scope="module")
def rome() -> tuple[list[Performance], list[Skipped]]:
    return read_complete(ROME)


def _races(performances: list[Performance]) -> set[tuple[str, str, str, str]]:
    """One race per event and round as the files list them (field groups of one event count once)."""
    return {(p.sex, p.discipline, p.round, p.date + ("" if p.discipline in FIELD else p.section))
            for p in performances}  # fmt: skip


def _final(performances: list[Performance], sex: str, discipline: str) -> list[Performance]:
    final = [
        p for p in performances if (p.sex, p.discipline, p.round, p.section) == (sex, discipline, "final", "")
    ]
    return sorted(final, key=lambda p: p.place or 999)


@needs_shared
def test_rio_counts(rio: tuple[list[Performance], list[Skipped]]) -> None:
    performances, skipped = rio
    assert len(performances) == 3580
    assert skipped == []
    assert len(_races(performances)) == 258


@needs_shared
def test_rome_counts_and_mixed_relay_skipped(rome: tuple[list[Performance], list[Skipped]]) -> None:
    performances, skipped = rome
    assert [(s.where, s.starts) for s in skipped] == [("events[76]", 8)]
    assert "mixed" in skipped[0].reason
    assert len(performances) + skipped[0].starts == 2346
    assert len(_races(performances)) + len(skipped) == 180


@needs_shared
@pytest.mark.parametrize("which", ["rio", "rome"])
def test_every_record_is_well_formed(which: str, request: pytest.FixtureRequest) -> None:
    performances, _ = request.getfixturevalue(which)
    bad = [p for p in performances
           if p.sex not in SEXES or p.round not in ROUNDS or p.status not in STATUSES
           or not p.complete_race or p.indoor or (p.status == "finished") != (p.value is not None)
           or (p.place is not None and p.status != "finished")]  # fmt: skip
    assert bad == []
    assert {p.venue for p in performances} == {
        "rio": {"Estádio Olímpico, Rio de Janeiro (BRA)"},
        "rome": {"Stadio Olimpico, Roma (ITA)"},
    }[which]
    assert [p.line for p in performances] == list(range(1, len(performances) + 1))


@needs_shared
def test_rio_1500_finals(rio: tuple[list[Performance], list[Skipped]]) -> None:
    men, women = _final(rio[0], "male", "1500-metres"), _final(rio[0], "female", "1500-metres")
    assert (men[0].name, men[0].mark, men[0].value, men[0].place) == (
        "Matthew CENTROWITZ",
        "3:50.00",
        230.0,
        1,
    )
    assert men[0].date == "2016-08-20" and men[0].nation == "USA" and men[0].birth_date == "1989-10-18"
    assert (women[0].name, women[0].place) == ("Faith KIPYEGON", 1)


@needs_shared
def test_rome_1500_final(rome: tuple[list[Performance], list[Skipped]]) -> None:
    men = _final(rome[0], "male", "1500-metres")
    assert (men[0].name, men[0].mark, men[0].place, men[0].birth_date) == (
        "Jakob INGEBRIGTSEN",
        "3:31.95",
        1,
        "2000-09-19",
    )


@needs_shared
def test_dnf_dns_and_dq_have_no_value(rio: tuple[list[Performance], list[Skipped]]) -> None:
    by_status = {p.status: p for p in rio[0]}
    assert set(by_status) == set(STATUSES)
    assert all(by_status[s].value is None and by_status[s].place is None for s in STATUSES[1:])
    usa = [p for p in _final(rio[0], "male", "4x100-metres-relay") if p.nation == "USA"]
    assert [(p.name, p.status, p.mark, p.value) for p in usa] == [
        ("United States", "disqualified", "37.62DQ", None)
    ]


@needs_shared
def test_rounds_sections_and_wind(rio: tuple[list[Performance], list[Skipped]]) -> None:
    bolt = [p for p in rio[0] if p.name == "Usain BOLT" and p.discipline == "100-metres"]
    assert [(p.round, p.section, p.wind) for p in bolt] == [
        ("final", "", 0.2),
        ("semi-final", "2", 0.2),
        ("heat", "7", -0.4),
    ]
    qualification = {p.section for p in rio[0] if p.discipline == "pole-vault" and p.round == "qualification"}
    assert qualification == {"1", "2"}
    ennis = [p for p in rio[0] if p.name == "Jessica ENNIS-HILL" and p.discipline == "100-metres-hurdles"]
    assert [(p.round, p.section, p.place, p.mark) for p in ennis] == [("combined-event", "4", 1, "12.84")]


@needs_shared
@pytest.mark.parametrize(("which", "sex", "discipline", "listed"), [
    ("rio", "male", "1500-metres", 0),  # the slow final (3:50.00) is below the all-time list's cutoff
    ("rio", "female", "1500-metres", 1),
    ("rome", "male", "1500-metres", 15),
    ("rome", "female", "1500-metres", 12),
    ("rome", "male", "5000-metres", 14),
    ("rome", "female", "5000-metres", 15),
])  # fmt: skip
def test_finals_agree_with_the_toplists(which: str, sex: str, discipline: str, listed: int,
                                        request: pytest.FixtureRequest) -> None:  # fmt: skip
    performances = request.getfixturevalue(which)[0]
    final = _final(performances, sex, discipline)
    with (TOPLISTS / sex / f"{discipline}.csv").open(encoding="utf-8") as table:
        rows = [row for row in csv.DictReader(table)
                if (row["venue"], row["date"]) == (final[0].venue, final[0].date)
                and row["position"].isdigit()]  # fmt: skip
    assert len(rows) == listed
    assert toplist_agreement(final, rows) == []


def test_a_bad_mark_names_the_file_and_json_path(tmp_path: Path) -> None:
    event = {
        "gender": "W",
        "eventCode": 110,
        "eventName": "1500m",
        "roundName": "Final",
        "heatNumber": None,
        "date": "2024-06-09",
        "results": [
            {
                "firstname": "Ann",
                "lastname": "Other",
                "DOB": None,
                "nation": "ITA",
                "rank": "1",
                "bestPerformance": "fast",
            }
        ],
    }
    (tmp_path / ROME_RESULTS).write_text(json.dumps({"events": [event]}), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        list(read_rome2024(tmp_path))
    assert raised.value.field == "events[0].results[0].bestPerformance"
    assert "Ann OTHER" in str(raised.value) and ROME_RESULTS in str(raised.value)


def test_a_folder_without_either_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds neither"):
        read_complete(tmp_path)
