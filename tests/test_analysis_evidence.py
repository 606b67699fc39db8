"""Evidence rows become per-opponent evidence, ranked as the score weighs them."""

from __future__ import annotations

from rivalgraph.analysis.evidence import collect_evidence
from rivalgraph.analysis.reader import read_race_evidence, read_statement_evidence
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.namespaces import ATHLETE
from rivalgraph.store import Store

OLA, JOE, JAN = (ATHLETE[n].value for n in ("ola-nordmann", "joe-bloggs", "jan-kowalski"))


def evidence_of_ola(store: Store) -> dict:  # type: ignore[type-arg]
    ola = ATHLETE["ola-nordmann"]
    return collect_evidence(read_race_evidence(store, ola), read_statement_evidence(store, ola),
                            ScoreParameters(), 2024.9)  # fmt: skip


def test_evidence_per_opponent(fixture_store: Store) -> None:
    evidence = evidence_of_ola(fixture_store)
    assert set(evidence) == {JOE, JAN, ATHLETE["max-mustermann"].value}
    joe = evidence[JOE]
    assert (joe.holder, joe.target) == (OLA, JOE)
    assert len(joe.races) == 3 and len(joe.titles) == 3 and len(joe.statements) == 3
    assert [s.statement.rsplit("/", 1)[-1] for s in joe.statements] == [
        "fixture-ola-blindfolded",
        "fixture-joe-respect",
        "fixture-ola-calories",
    ]
    assert joe.statements[0].source_url == "https://example.org/fixture/article"


def test_races_are_ranked_by_stakes_and_recency(fixture_store: Store) -> None:
    jan = evidence_of_ola(fixture_store)[JAN]
    weights = [race.weight for race in jan.races]
    assert weights == sorted(weights, reverse=True)
    by_race = {race.race.rsplit("/", 1)[-1]: race for race in jan.races}
    meeting = by_race["bislett-games-2024-1500m-final"]
    assert (meeting.scope, meeting.stake) == (None, 0.4)
    assert by_race["european-championships-2022-1500m-final"].stake == 0.6 * 2
    assert meeting.source == "https://example.org/fixture/meeting"


def test_medals_are_attached_to_the_places(fixture_store: Store) -> None:
    joe = evidence_of_ola(fixture_store)[JOE]
    final = next(r for r in joe.races if r.race.endswith("world-championships-2023-1500m-final"))
    assert (final.place, final.opponent_place) == (2, 1)
    assert final.medal and final.medal.endswith("-silver")
    assert final.opponent_medal and final.opponent_medal.endswith("-gold")
    assert (final.mark, final.opponent_mark) == (209.3, 209.0)
