"""The Python API (rivalgraph.api, re-exported by ``rivalgraph``) on the real curated graph.

Its answers are the commands' answers: the same ranking as ``rivals``, the same
races and threads as ``rivalry``, the same rows as ``query``, as records of plain
Python values.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

import rivalgraph as rg
from rivalgraph.analysis.reports import rivals_report
from rivalgraph.analysis.scoring import AnalysisError, ScoreParameters
from rivalgraph.remote.spec import RemoteSpec
from rivalgraph.report import rivalry_report
from rivalgraph.store import Store

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="module")
def kg(real_location: Path) -> rg.KnowledgeGraph:
    return rg.open(real_location)


def test_rivals_are_the_rivals_commands_ranking(kg: rg.KnowledgeGraph, store: Store) -> None:
    rivals = kg.rivals("Jakob Ingebrigtsen", top=5)
    report = rivals_report(store, "Jakob Ingebrigtsen", ScoreParameters(), 5)
    assert isinstance(rivals, rg.Records) and len(rivals) == 5
    assert rivals[0].label == "Josh Kerr" and rivals[0].nation == "GBR"
    assert [r.label for r in rivals] == [entry.rival.label for entry in report.rivals]
    assert [r.score for r in rivals] == [entry.rival.score for entry in report.rivals]
    kerr = rivals[0]
    assert (kerr.rank, kerr.meetings, kerr.wins, kerr.losses, kerr.title_deciders) == (1, 5, 3, 2, 2)
    assert set(kerr.factors) == {"repetition", "balance", "closeness", "stakes", "discourse", "parity"}
    assert kerr.athlete == "https://w3id.org/rivalgraph/id/athlete/josh-kerr"
    assert 0 < kerr.reverse_score <= 1 and kerr.mean_relative_gap is not None


def test_rivals_take_score_parameters_and_race_filters(kg: rg.KnowledgeGraph) -> None:
    default = kg.rivals("Jakob Ingebrigtsen", top=1)[0]
    shorter = kg.rivals("Jakob Ingebrigtsen", top=1, params={"half_life": 1})[0]
    assert shorter.score != default.score
    assert kg.rivals("Jakob Ingebrigtsen", top=1, params=ScoreParameters(half_life=1))[0] == shorter
    assert kg.rivals("Jakob Ingebrigtsen", top=1, discipline="5000 m")[0].label == "Grant Fisher"
    assert len(kg.rivals("Jakob Ingebrigtsen", top=None)) > len(kg.rivals("Jakob Ingebrigtsen"))
    with pytest.raises(AnalysisError, match="did you mean 'half_life'"):
        kg.rivals("Jakob Ingebrigtsen", params={"half_lief": 3})


def test_rivalry_is_the_report_with_the_pairs_score(kg: rg.KnowledgeGraph, store: Store) -> None:
    rivalry = kg.rivalry("Josh Kerr", "Jakob Ingebrigtsen")
    report = rivalry_report(store, "Josh Kerr", "Jakob Ingebrigtsen")
    assert (rivalry.athlete, rivalry.opponent) == ("Josh Kerr", "Jakob Ingebrigtsen")
    assert len(rivalry.races) == 5 and tuple(rivalry.races) == report.races
    assert (rivalry.wins, rivalry.losses) == report.wins == (2, 3)
    assert rivalry.threads == report.threads
    assert [statement.speaker for statement in rivalry.statements] == [
        "Jakob Ingebrigtsen", "Josh Kerr", "Jakob Ingebrigtsen"]  # fmt: skip
    # The pair's score is the one the rivals command gives it, both ways.
    ingebrigtsen = next(r for r in kg.rivals("Josh Kerr", top=None) if r.label == "Jakob Ingebrigtsen")
    assert (rivalry.score, rivalry.reverse_score) == (ingebrigtsen.score, ingebrigtsen.reverse_score)
    assert rivalry.factors == ingebrigtsen.factors
    assert rivalry.mutual_score == report.score == (rivalry.score + rivalry.reverse_score) / 2
    assert report.forward is not None and rivalry.factors == report.forward.factors()


def test_rivalry_filters_races_and_statements(kg: rg.KnowledgeGraph) -> None:
    rivalry = kg.rivalry("Kerr", "Ingebrigtsen", since="2023")
    assert [race.date[:4] for race in rivalry.races] == ["2023", "2024"]
    assert 0 < rivalry.score != kg.rivalry("Kerr", "Ingebrigtsen").score


def test_a_pair_that_never_met_scores_zero(kg: rg.KnowledgeGraph) -> None:
    rivalry = kg.rivalry("Brian Fay", "Josh Kerr")
    got = (len(rivalry.races), rivalry.score, rivalry.reverse_score, dict(rivalry.factors))
    assert got == (0, 0.0, 0.0, {})


def test_athlete_and_timeline(kg: rg.KnowledgeGraph) -> None:
    assert kg.athlete("wightman") == rg.Athlete("https://w3id.org/rivalgraph/id/athlete/jake-wightman",
                                                "Jake Wightman")  # fmt: skip
    events = kg.timeline("Kerr", "Ingebrigtsen")
    assert all(isinstance(event, rg.Event) for event in events)
    assert {event.kind for event in events} >= {"race", "statement"}
    assert [event.date for event in events] == sorted(event.date for event in events)


def test_an_unknown_athlete_is_the_librarys_error_with_close_names(kg: rg.KnowledgeGraph) -> None:
    with pytest.raises(rg.UnknownAthlete, match="did you mean 'Jakob Ingebrigtsen'"):
        kg.rivals("Jakob Ingebritsen")
    with pytest.raises(rg.UnknownAthlete):
        kg.rivalry("Josh Kerr", "Nobody Atall")


def test_query_with_parameters_gives_plain_values(kg: rg.KnowledgeGraph) -> None:
    answer = kg.query("head-to-head", athlete="Josh Kerr", opponent="Ingebrigtsen")
    assert isinstance(answer, rg.QueryResult) and len(answer) == 5
    assert answer.columns[:4] == ("athlete", "opponent", "race", "raceLabel")
    first = answer.dicts()[0]
    assert first["date"] == datetime.date(2019, 10, 6)
    assert (first["athletePlace"], first["opponentPlace"]) == (6, 4)
    assert first["athlete"] == "https://w3id.org/rivalgraph/id/athlete/josh-kerr"
    kinds = {type(value) for row in answer for value in row}
    assert kinds <= {str, int, float, bool, datetime.date, type(None)}


def test_query_takes_python_values_of_the_parameters_type(kg: rg.KnowledgeGraph) -> None:
    every = kg.query("podiums")
    one = kg.query("podiums", edition="edition:world-championships-2023")
    assert 0 < len(one) < len(every)
    assert set(one.column("editionLabel")) == {"World Athletics Championships 2023"}


def test_query_errors_name_the_query_and_parameter(kg: rg.KnowledgeGraph) -> None:
    with pytest.raises(rg.QueryError, match="no query named 'head-to-haed'; did you mean 'head-to-head'"):
        kg.query("head-to-haed")
    with pytest.raises(rg.QueryError, match="has no parameter 'athelte'; did you mean 'athlete'"):
        kg.query("head-to-head", athelte="Kerr", opponent="Ingebrigtsen")
    with pytest.raises(rg.QueryError, match="needs athlete, opponent") as missing:
        kg.query("head-to-head")
    assert "--" not in str(missing.value)  # library terms, not the command line's
    with pytest.raises(rg.QueryError, match="needs an IRI"):
        kg.query("podiums", edition="not an iri")
    with pytest.raises(KeyError, match="no column 'place'"):
        kg.query("head-to-head", athlete="Kerr", opponent="Ingebrigtsen").column("place")


def test_to_pandas(kg: rg.KnowledgeGraph) -> None:
    pytest.importorskip("pandas")
    rivals = kg.rivals("Jakob Ingebrigtsen", top=3).to_pandas()
    assert list(rivals["label"]) == ["Josh Kerr", "Grant Fisher", "Cole Hocker"]
    assert {"score", "balance", "discourse", "wins"} <= set(rivals.columns)
    races = kg.rivalry("Kerr", "Ingebrigtsen").races.to_pandas()
    assert len(races) == 5 and races["place"].tolist() == [6, 3, 5, 1, 2]
    table = kg.query("head-to-head", athlete="Kerr", opponent="Ingebrigtsen").to_pandas()
    assert list(table.columns)[:3] == ["athlete", "opponent", "race"] and len(table) == 5


def test_to_pandas_without_pandas_names_the_extra(
    kg: rg.KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed: the import fails
    with pytest.raises(rg.MissingExtra, match=r"rivalgraph\[pandas\]"):
        kg.rivals("Jakob Ingebrigtsen", top=1).to_pandas()
    with pytest.raises(ImportError, match=r"rivalgraph\[pandas\]"):
        kg.query("podiums").to_pandas()


def test_open_a_sparql_server(virtuoso_store: Store, virtuoso_spec: RemoteSpec) -> None:
    remote = rg.open("sparql+" + virtuoso_spec.query_url)  # the graph the fixture pushed there
    assert remote.rivals("Jakob Ingebrigtsen", top=1)[0].label == "Josh Kerr"
    assert len(remote.rivalry("Josh Kerr", "Jakob Ingebrigtsen").races) == 5


def test_open_an_empty_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(rg.StoreError):
        rg.open(tmp_path)


def test_every_public_name_is_documented_with_an_example() -> None:
    assert len(rg.__all__) >= 15
    for name in rg.__all__:
        if name == "__version__":
            continue
        value = getattr(rg, name)
        assert name in dir(rg)
        assert (value.__doc__ or "").strip(), f"{name} has no docstring"


def test_importing_rivalgraph_loads_the_api_only_when_used() -> None:
    code = ("import sys, rivalgraph; print('networkx' in sys.modules, 'rivalgraph.api' in sys.modules); "
            "rivalgraph.open; print('rivalgraph.api' in sys.modules)")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                           check=True, timeout=120).stdout.split()  # fmt: skip
    assert shown == ["False", "False", "True"]
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        rg.nope  # type: ignore[attr-defined]  # noqa: B018
