"""The networkx projection of the fixture graph: athletes as nodes, per-pair aggregates on edges."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest

from rivalgraph.analysis.projection import pair_evidence, project
from rivalgraph.analysis.reader import _athlete_names, read_athlete_projection, read_projection
from rivalgraph.build import build
from rivalgraph.namespaces import ATHLETE
from rivalgraph.resources import graph_dir
from rivalgraph.store import Store, open_store

OLA, JOE = ATHLETE["ola-nordmann"].value, ATHLETE["joe-bloggs"].value
MAX, JAN = ATHLETE["max-mustermann"].value, ATHLETE["jan-kowalski"].value


@pytest.fixture(scope="module")
def graph(fixture_store: Store) -> nx.Graph:
    return read_projection(fixture_store)


def test_athletes_are_nodes_with_labels_and_nations(graph: nx.Graph) -> None:
    assert dict(graph.nodes(data=True))[OLA] == {"label": "Ola Nordmann", "nation": "NOR"}
    assert set(graph) == {OLA, JOE, MAX, JAN}
    assert graph.graph["latest"] == "2024-08-06"


def test_every_pair_that_raced_is_an_edge(graph: nx.Graph) -> None:
    assert graph.number_of_edges() == 6


@pytest.mark.parametrize(
    ("a", "b", "meetings", "wins_a", "wins_b", "place_gap", "mark_gap", "deciders", "titles"),
    [
        (OLA, JOE, 3, 1, 2, 4 / 3, 1.3 / 3, 3, 3),
        (OLA, JAN, 4, 4, 0, 2.5, 7.0 / 4, 1, 0),
        (OLA, MAX, 3, 2, 1, 8 / 3, 0.6, 2, 2),
        (MAX, JAN, 3, 3, 0, 5 / 3, 3.1 / 3, 1, 1),
    ],
)
def test_pair_aggregates(
    graph: nx.Graph, a: str, b: str, meetings: int, wins_a: int, wins_b: int,
    place_gap: float, mark_gap: float, deciders: int, titles: int,
) -> None:  # fmt: skip
    edge = graph.edges[a, b]
    assert edge["meetings"] == meetings
    assert edge["wins"] == {a: wins_a, b: wins_b}
    assert edge["mean_place_gap"] == pytest.approx(place_gap)
    assert edge["mean_mark_gap"] == pytest.approx(mark_gap)
    assert edge["title_deciders"] == deciders
    assert edge["titles_between"] == titles


def test_statements_and_responses_are_counted_by_speaker(graph: nx.Graph) -> None:
    edge = graph.edges[OLA, JOE]
    assert edge["statements"] == {OLA: 2, JOE: 1}
    assert edge["responses"] == {OLA: 1, JOE: 1}
    assert (edge["first_statement"], edge["last_statement"]) == ("2024-03-02", "2024-03-05")
    assert (edge["first_met"], edge["last_met"]) == ("2022-07-19", "2024-08-06")
    assert graph.edges[OLA, MAX]["statements"] == {OLA: 0, MAX: 0}


def test_pair_evidence_is_oriented_from_the_holder(graph: nx.Graph) -> None:
    ola = pair_evidence(graph, OLA, JOE)
    joe = pair_evidence(graph, JOE, OLA)
    assert sum(g.a_ahead for g in ola.shared_race_groups) == 1
    assert sum(g.a_ahead for g in joe.shared_race_groups) == 2
    assert (ola.by_holder, ola.by_target) == (joe.by_target, joe.by_holder)


def test_discourse_without_races_still_makes_an_edge() -> None:
    athletes = [{"athlete": "urn:a", "label": "A"}, {"athlete": "urn:b", "label": "B"}]
    said = [{"speaker": "urn:a", "target": "urn:b", "year": 2024, "statements": 1}]
    graph = project(athletes, [], said)
    assert graph.edges["urn:a", "urn:b"]["meetings"] == 0
    assert graph.edges["urn:a", "urn:b"]["statements"] == {"urn:a": 1, "urn:b": 0}


def test_an_athlete_who_represented_two_nations_is_shown_with_both(tmp_path: Path) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(graph_dir(), folder)
    (folder / "second-nation.trig").write_text(
        "@prefix rg: <https://w3id.org/rivalgraph/ontology#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/rivalgraph/id/graph/second-nation> {\n"
        "  <https://w3id.org/rivalgraph/id/graph/second-nation> a rg:SourceGraph ;\n"
        "    prov:wasDerivedFrom <https://w3id.org/rivalgraph/id/source/"
        "article-2024-03-05-ingebrigtsen-skips-world-indoors> .\n"
        "  <https://w3id.org/rivalgraph/id/athlete/josh-kerr> rg:nation"
        " <https://w3id.org/rivalgraph/id/nation/AUS> .\n"
        '  <https://w3id.org/rivalgraph/id/nation/AUS> a rg:Nation ; rdfs:label "Australia" ;'
        ' rg:iocCode "AUS" .\n}\n',
        encoding="utf-8",
    )
    build(tmp_path / "store", folder=folder, imports=False)
    store = open_store(tmp_path / "store")
    kerr, jakob = ATHLETE["josh-kerr"], ATHLETE["jakob-ingebrigtsen"]
    assert read_projection(store).nodes[kerr.value]["nation"] == "AUS/GBR"
    assert read_athlete_projection(store, jakob).nodes[kerr.value]["nation"] == "AUS/GBR"
    assert _athlete_names(store, kerr)["nation"] == "AUS/GBR"
