"""Race filters (discipline, sex, period), the relative mark gap, and the anchored read of one athlete.

``tests/data/disciplines-graph`` holds women's and men's races in the 1500 m,
the 100 m and the javelin; the runner-up of each is 1 % behind the winner.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from rivalgraph.analysis.filters import FilterError, RaceFilter, parse_day, parse_sex
from rivalgraph.analysis.headtohead import shared_race_table
from rivalgraph.analysis.ranking import score_graph
from rivalgraph.analysis.reader import (
    read_athlete_projection,
    read_disciplines,
    read_meetings,
    read_projection,
    read_race_filter,
)
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.build import build
from rivalgraph.cli import main
from rivalgraph.namespaces import RG
from rivalgraph.store import Store, open_store

from .conftest import DATA

ATHLETE = "https://w3id.org/rivalgraph/id/athlete/"
DISTANCE = RG.Distance.value


@pytest.fixture(scope="module")
def disciplines_location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("disciplines-store")
    build(location, folder=DATA / "disciplines-graph", validate=False)
    return location


@pytest.fixture(scope="module")
def disciplines_store(disciplines_location: Path) -> Store:
    return open_store(disciplines_location)


def invoke(*args: str) -> tuple[int, str]:
    outcome = CliRunner().invoke(main, list(args))
    return outcome.exit_code, outcome.output


def rivals(location: Path, name: str, *options: str) -> dict[str, int]:
    """The rivals of ``name`` (by label) and how often they met, from the JSON report."""
    code, out = invoke("rivals", name, "--store", str(location), "--format", "json", *options)
    assert code == 0, out
    return {entry["rival"]["label"]: entry["rival"]["assessment"]["meetings"]
            for entry in json.loads(out)["rivals"]}  # fmt: skip


# --- the relative mark gap ----------------------------------------------------------------------


def test_a_1_percent_gap_is_the_same_in_a_sprint_and_a_throw() -> None:
    columns = {"race": ["sprint", "sprint", "throw", "throw"],
               "athlete": ["urn:a", "urn:b", "urn:a", "urn:b"], "place": [1, 2, 1, 2],
               "mark": ["10.00", "10.10", "80.00", "79.20"],
               "measure": [RG.Time.value, RG.Time.value, DISTANCE, DISTANCE],
               "date": ["2022-07-01", "2022-07-01", "2024-05-01", "2024-05-01"],
               "round": [None] * 4, "scope": [None] * 4}  # fmt: skip
    table = shared_race_table(columns)
    sprint, throw = table.relative_mark_gap.tolist()
    assert sprint == pytest.approx(0.01, abs=1e-12)
    assert throw == pytest.approx(sprint, abs=1e-12)


def test_the_graphs_sprint_and_throw_gaps_are_equal(disciplines_store: Store) -> None:
    names = read_disciplines(disciplines_store)
    gaps = {}
    for label in ("100 metres", "javelin throw"):
        wanted = read_race_filter(disciplines_store, discipline=label)
        assert wanted.discipline in names
        table = read_meetings(disciplines_store, wanted)
        pair = [row for row in table.rows() if {row["a"], row["b"]} ==
                {ATHLETE + "mo-one", ATHLETE + "mo-two"}]  # fmt: skip
        gaps[label] = pair[0]["relativeMarkGap"]
    assert gaps["100 metres"] == pytest.approx(0.01, abs=1e-12)
    assert gaps["javelin throw"] == pytest.approx(gaps["100 metres"], abs=1e-12)


# --- the words of the filters -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1500 metres", "1500 m", "1500-metres", "1500M",
                                  RG.Discipline1500m.value])  # fmt: skip
def test_a_discipline_is_found_by_label_slug_or_iri(disciplines_store: Store, text: str) -> None:
    assert read_race_filter(disciplines_store, discipline=text).discipline == \
        RG.Discipline1500m.value  # fmt: skip


def test_pole_vault_by_label_and_slug(disciplines_store: Store) -> None:
    for text in ("pole vault", "pole-vault", "Pole Vault"):
        found = read_race_filter(disciplines_store, discipline=text)
        assert found.discipline == RG.DisciplinePoleVault.value


def test_an_unknown_discipline_lists_close_ones(disciplines_store: Store) -> None:
    with pytest.raises(FilterError, match=r"unknown discipline 'pole vaul'; did you mean 'pole vault'"):
        read_race_filter(disciplines_store, discipline="pole vaul")


def test_unknown_sex_and_dates_are_clear_errors() -> None:
    with pytest.raises(FilterError, match="use women, men, female or male"):
        parse_sex("girls")
    with pytest.raises(FilterError, match="^since: must be a date YYYY-MM-DD or a year") as bad_day:
        parse_day("last year")
    assert bad_day.value.options == ("since",)
    with pytest.raises(FilterError, match="starts on 2024-01-01, after it ends on 2020-12-31") as backwards:
        RaceFilter(since=parse_day("2024"), until=parse_day("2020", end=True))
    assert backwards.value.options == ("since", "until")


def test_the_cli_reports_an_unknown_discipline_and_sex(disciplines_location: Path) -> None:
    store = str(disciplines_location)
    code, out = invoke("rivals", "Wanja One", "--store", store, "--discipline", "javelin thro")
    assert code == 1 and "unknown discipline 'javelin thro'; did you mean 'javelin throw'" in out
    code, out = invoke("network", "--store", store, "--sex", "mixed")
    assert code == 1 and "unknown sex category 'mixed'" in out


# --- each filter changes what the commands see --------------------------------------------------


def test_rivals_without_filters(disciplines_location: Path) -> None:
    assert rivals(disciplines_location, "Wanja One") == {"Wanja Two": 2, "Wanja Three": 2}


def test_rivals_discipline(disciplines_location: Path) -> None:
    # Statements pass on their date alone: Wanja Two stays a rival by what she said, met 0 times.
    assert rivals(disciplines_location, "Wanja One", "--discipline", "javelin-throw") == \
        {"Wanja Three": 1, "Wanja Two": 0}  # fmt: skip
    assert rivals(disciplines_location, "Wanja One", "--discipline", "1500 m") == \
        {"Wanja Two": 2, "Wanja Three": 1}  # fmt: skip


def test_rivals_since_and_until(disciplines_location: Path) -> None:
    assert rivals(disciplines_location, "Wanja One", "--since", "2020") == \
        {"Wanja Two": 1, "Wanja Three": 1}  # fmt: skip
    assert rivals(disciplines_location, "Wanja One", "--until", "2020-12-31") == \
        {"Wanja Two": 1, "Wanja Three": 1}  # fmt: skip


def test_until_caps_the_reference_date(disciplines_location: Path) -> None:
    code, out = invoke("rivals", "Wanja One", "--store", str(disciplines_location), "--until", "2020")
    assert code == 0 and "(as of 2020-12-31;" in out and "[until=2020-12-31]" in out


def test_rivals_sex(disciplines_location: Path) -> None:
    assert rivals(disciplines_location, "Mo One", "--sex", "men") == {"Mo Two": 2, "Mo Three": 1}
    assert rivals(disciplines_location, "Mo One", "--sex", "women") == {}


def test_statements_are_filtered_by_date(disciplines_store: Store) -> None:
    one = ox.NamedNode(ATHLETE + "wanja-one")
    everything = read_athlete_projection(disciplines_store, one)
    later = read_athlete_projection(disciplines_store, one, RaceFilter(since=parse_day("2020")))
    two = ATHLETE + "wanja-two"
    assert everything.edges[one.value, two]["statements"][two] == 2
    assert later.edges[one.value, two]["statements"][two] == 1


def test_network_sex(disciplines_location: Path) -> None:
    code, out = invoke("network", "--store", str(disciplines_location), "--format", "json",
                       "--sex", "women")  # fmt: skip
    assert code == 0, out
    members = {member for group in json.loads(out)["communities"] for member in group}
    assert members == {ATHLETE + name for name in ("wanja-one", "wanja-two", "wanja-three")}


def test_export_discipline_and_sex(disciplines_location: Path, tmp_path: Path) -> None:
    target = tmp_path / "javelin.json"
    code, out = invoke("export", "--store", str(disciplines_location), "--format", "d3",
                       "-o", str(target), "--discipline", "javelin throw", "--sex", "men")  # fmt: skip
    assert code == 0, out
    nodes = {node["id"] for node in json.loads(target.read_text())["nodes"]}
    # The men's javelin pair; Mo Three ran only the 100 m, Wanja Three only women's races (the
    # other women stay in by what they said: statements pass on their date alone).
    assert {ATHLETE + "mo-one", ATHLETE + "mo-two"} <= nodes
    assert not {ATHLETE + "mo-three", ATHLETE + "wanja-three"} & nodes


def test_rivalry_since(disciplines_location: Path) -> None:
    store = str(disciplines_location)
    code, everything = invoke("rivalry", "Wanja One", "Wanja Two", "--store", store)
    assert code == 0 and "women-1500m-2019" in everything and "women-1500m-2023" in everything
    code, later = invoke("rivalry", "Wanja One", "Wanja Two", "--store", store, "--since", "2020")
    assert code == 0 and "women-1500m-2019" not in later and "women-1500m-2023" in later


def test_the_rdf_formats_refuse_filters(disciplines_location: Path, tmp_path: Path) -> None:
    code, out = invoke("export", "--store", str(disciplines_location), "--format", "turtle",
                       "-o", str(tmp_path / "x.ttl"), "--sex", "men")  # fmt: skip
    assert code != 0 and "race filters apply to the network formats only" in out


# --- one athlete read alone is scored as in the whole network -----------------------------------


def _scores(scored: nx.DiGraph, holder: str) -> dict[str, object]:
    return {target: data["assessment"] for _, target, data in scored.out_edges(holder, data=True)}


@pytest.mark.parametrize("race_filter", [RaceFilter(), RaceFilter(since=parse_day("2021")),
                                         RaceFilter(sex=RG.Female.value)])  # fmt: skip
def test_anchored_scores_equal_all_pairs(disciplines_store: Store, race_filter: RaceFilter) -> None:
    params = ScoreParameters()
    everyone = score_graph(read_projection(disciplines_store, race_filter), params)
    for athlete in everyone.nodes:
        alone = score_graph(read_athlete_projection(disciplines_store, ox.NamedNode(athlete),
                                                    race_filter), params)  # fmt: skip
        assert alone.graph["as_of"] == everyone.graph["as_of"]
        assert _scores(alone, athlete) == _scores(everyone, athlete), athlete


def test_anchored_scores_equal_all_pairs_on_the_real_graph(real_store: Store) -> None:
    params = ScoreParameters()
    everyone = score_graph(read_projection(real_store), params)
    athletes = sorted(everyone.nodes, key=lambda node: -everyone.out_degree(node))
    assert athletes and everyone.number_of_edges() > 0
    for athlete in athletes[:12]:
        alone = score_graph(read_athlete_projection(real_store, ox.NamedNode(athlete)), params)
        mine = _scores(alone, athlete)
        assert mine and mine == _scores(everyone, athlete), athlete
