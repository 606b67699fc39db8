"""Ranking rivals: the fixture's directed scores, and Kerr as Ingebrigtsen's leading rival."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode

from rivalgraph.analysis.ranking import rank_rivals, score_graph
from rivalgraph.analysis.reader import read_projection
from rivalgraph.analysis.reports import RivalsReport, rivals_report
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.namespaces import ATHLETE, STATEMENT, XSD
from rivalgraph.store import Store

OLA, JOE = ATHLETE["ola-nordmann"].value, ATHLETE["joe-bloggs"].value
KERR = ATHLETE["josh-kerr"].value


def test_every_pair_is_scored_both_ways(fixture_store: Store) -> None:
    scored = score_graph(read_projection(fixture_store), ScoreParameters())
    assert scored.number_of_edges() == 12
    assert all(0 < weight < 1 for _, _, weight in scored.edges(data="weight"))


def test_who_spoke_more_holds_the_stronger_rivalry(fixture_store: Store) -> None:
    scored = score_graph(read_projection(fixture_store), ScoreParameters())
    ola, joe = scored.edges[OLA, JOE]["assessment"], scored.edges[JOE, OLA]["assessment"]
    assert ola.score > joe.score
    assert ola.discourse > joe.discourse
    assert (ola.repetition, ola.stakes) == (joe.repetition, joe.stakes)


def test_the_top_rival_in_the_fixture_follows_from_the_factors(fixture_store: Store) -> None:
    scored = score_graph(read_projection(fixture_store), ScoreParameters())
    assert rank_rivals(scored, OLA)[0].target == JOE
    # Without discourse, Joe still leads: three title-deciding finals, the head-to-head 1-2.
    quiet = score_graph(read_projection(fixture_store), ScoreParameters(w_discourse=0))
    assert rank_rivals(quiet, OLA)[0].target == JOE


def test_top_limits_and_ranks(fixture_store: Store) -> None:
    scored = score_graph(read_projection(fixture_store), ScoreParameters())
    rivals = rank_rivals(scored, OLA, top=2)
    assert [r.rank for r in rivals] == [1, 2]
    assert rivals[0].score >= rivals[1].score
    assert rank_rivals(scored, "urn:nobody") == []


@pytest.fixture(scope="module")
def ingebrigtsen(real_store: Store) -> RivalsReport:
    return rivals_report(real_store, "Jakob Ingebrigtsen", ScoreParameters(), top=10)


def test_kerr_is_a_leading_rival_of_ingebrigtsen(ingebrigtsen: RivalsReport) -> None:
    ranked = [entry.rival.target for entry in ingebrigtsen.rivals]
    assert KERR in ranked[:3], [entry.rival.label for entry in ingebrigtsen.rivals]


def test_kerr_leads_on_the_track_alone(real_store: Store) -> None:
    """Not only the words: with discourse weighted 0 Kerr still comes out in the top 3."""
    report = rivals_report(real_store, "Jakob Ingebrigtsen", ScoreParameters(w_discourse=0), 3)
    assert KERR in [entry.rival.target for entry in report.rivals]


def test_kerr_evidence_names_the_2023_final_and_the_2024_thread(
    ingebrigtsen: RivalsReport,
) -> None:
    kerr = next(entry for entry in ingebrigtsen.rivals if entry.rival.target == KERR)
    races = {race.race.rsplit("/", 1)[-1]: race for race in kerr.evidence.races}
    final = races["world-championships-2023-1500m-final"]
    assert (final.place, final.opponent_place) == (2, 1)
    assert final.source.startswith("https://")
    assert kerr.evidence.races[0] is final, "the title-deciding 2023 final weighs most"
    said = [s.statement for s in kerr.evidence.statements]
    assert said == [STATEMENT[name].value for name in (
        "2024-03-05-ingebrigtsen-blindfolded", "2024-03-05-kerr-respect",
        "2024-03-05-ingebrigtsen-calories")]  # fmt: skip
    assert [s.outlet for s in kerr.evidence.statements][2] == "NRK"
    assert kerr.wins == (3, 2)
    assert kerr.rival.reverse is not None and kerr.rival.reverse.score != kerr.rival.score


def test_evidence_lists_only_facts_present_in_the_graph(
    ingebrigtsen: RivalsReport, real_store: Store
) -> None:
    holder = ATHLETE["jakob-ingebrigtsen"]
    for entry in ingebrigtsen.rivals:
        target = NamedNode(entry.rival.target)
        assert entry.evidence.iris(), f"{entry.rival.label} has no evidence"
        for iri in entry.evidence.iris():
            assert real_store.ask("ASK { ?iri ?p ?o }", {"iri": NamedNode(iri)}), iri
        for race in entry.evidence.races:
            assert real_store.ask(
                "ASK { ?r1 a rg:Result ; rg:athlete ?a ; rg:race ?race ; rg:place ?p1 ."
                "      ?r2 a rg:Result ; rg:athlete ?b ; rg:race ?race ; rg:place ?p2 }",
                {"a": holder, "b": target, "race": NamedNode(race.race),
                 "p1": _place(race.place), "p2": _place(race.opponent_place)},
            ), race  # fmt: skip
        for title in entry.evidence.titles:
            assert title.winner in (holder.value, target.value)
            assert real_store.ask(
                "ASK { ?title a rg:Title ; rg:athlete ?who ; rg:race ?race }",
                {"title": NamedNode(title.title), "who": NamedNode(title.winner),
                 "race": NamedNode(title.race)},
            ), title  # fmt: skip
        for said in entry.evidence.statements:
            assert said.speaker in (holder.value, target.value)
            assert real_store.ask(
                "ASK { ?s rg:speaker ?who ; rg:text ?text }",
                {"s": NamedNode(said.statement), "who": NamedNode(said.speaker),
                 "text": Literal(said.text)},
            ), said  # fmt: skip


def _place(place: int) -> Literal:
    return Literal(str(place), datatype=XSD.positiveInteger)
