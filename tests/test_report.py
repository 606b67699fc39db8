"""The two-athlete report that `make demo` prints."""

from __future__ import annotations

from rivalgraph.report import format_report, rivalry_report
from rivalgraph.store import OxigraphStore


def test_kerr_ingebrigtsen_report(store: OxigraphStore) -> None:
    report = rivalry_report(store, "Josh Kerr", "Jakob Ingebrigtsen")
    assert (report.athlete, report.opponent) == ("Josh Kerr", "Jakob Ingebrigtsen")
    world_final = next(r for r in report.races if r.date == "2023-08-23")
    assert (world_final.place, world_final.opponent_place) == (1, 2)
    assert (world_final.medal, world_final.opponent_medal) == ("gold", "silver")
    assert world_final.title_winner == "Josh Kerr"
    assert world_final.source.startswith("https://github.com/kmuchiri/AthleticScraper/")
    assert report.wins == (
        sum(r.place < r.opponent_place for r in report.races),
        sum(r.place > r.opponent_place for r in report.races),
    )
    (thread,) = report.threads
    assert [s.speaker for s in thread] == ["Jakob Ingebrigtsen", "Josh Kerr", "Jakob Ingebrigtsen"]
    assert [s.depth for s in thread] == [0, 1, 2]
    assert "blindfolded" in thread[0].text and not thread[0].direct
    assert thread[2].medium == "to NRK"


def test_report_text_carries_the_evidence(store: OxigraphStore) -> None:
    text = format_report(rivalry_report(store, "Kerr", "Ingebrigtsen"))
    assert "1500 m final, World Athletics Championships 2023" in text
    assert "Kerr 1. 3:29.38 (gold)" in text
    assert "title at stake, won by Josh Kerr" in text
    assert "blindfolded" in text and "to NRK" in text and "via European Athletics" in text
    assert "published 2024-03-05" in text


def test_no_shared_thread_between_athletes_who_never_spoke(store: OxigraphStore) -> None:
    report = rivalry_report(store, "Cole Hocker", "Yared Nuguse")
    assert report.threads == ()
    assert report.races


def test_report_text_shows_the_score_both_ways_and_each_factor(store: OxigraphStore) -> None:
    report = rivalry_report(store, "Kerr", "Ingebrigtsen")
    assert report.forward is not None and report.backward is not None
    text = format_report(report)
    assert f"Rivalry score {report.score:.3f} (mean of both directions; as of " in text
    assert (f"Kerr towards Ingebrigtsen {report.forward.score:.3f}, "
            f"Ingebrigtsen towards Kerr {report.backward.score:.3f}") in text  # fmt: skip
    lines = text.splitlines()
    for name in report.factors:
        (line,) = [line for line in lines if line.split()[:1] == [name]]
        assert line.split()[1:] == [f"{report.mutual[name]:.2f}", f"{getattr(report.forward, name):.2f}",
                                    f"{getattr(report.backward, name):.2f}"]  # fmt: skip


def test_report_text_of_a_pair_without_evidence(store: OxigraphStore) -> None:
    text = format_report(rivalry_report(store, "Brian Fay", "Josh Kerr"))
    assert "Rivalry score: 0 (" in text and "no race and no statement between them" in text
