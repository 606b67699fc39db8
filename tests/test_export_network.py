"""The exported networks: built from the analysis, in the export schema, cut as asked."""

from __future__ import annotations

from datetime import datetime, timezone

import networkx as nx
import pytest

from rivalgraph.analysis.ranking import score_graph
from rivalgraph.analysis.reader import read_evidence_links, read_projection
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.analysis.writeback import evidence_by_pair, rivalry_quads
from rivalgraph.export.exporter import ExportOptions, build_network
from rivalgraph.export.files import ExportError
from rivalgraph.export.knowledge import EDGE_KINDS, NODE_KINDS
from rivalgraph.export.schema import EDGE_FIELDS, FULL_EDGE_FIELDS, FULL_NODE_FIELDS, NODE_FIELDS
from rivalgraph.namespaces import ATHLETE, RG
from rivalgraph.query import UnknownAthlete
from rivalgraph.store import Store

KERR, JAKOB = ATHLETE["josh-kerr"].value, ATHLETE["jakob-ingebrigtsen"].value
PLAIN = (str, int, float, bool)


@pytest.fixture(scope="module")
def rivalries(store: Store) -> nx.DiGraph:
    return build_network(store, ExportOptions())


@pytest.fixture(scope="module")
def full(store: Store) -> nx.DiGraph:
    return build_network(store, ExportOptions(full=True))


def _count(store: Store, sparql: str) -> int:
    return int(store.select(sparql).rows[0][0].value)  # type: ignore[union-attr]


@pytest.mark.parametrize("which", ["rivalries", "full"])
def test_every_node_and_edge_has_exactly_the_schema_as_plain_values(
    which: str, request: pytest.FixtureRequest
) -> None:
    network: nx.DiGraph = request.getfixturevalue(which)
    nodes, edges = (FULL_NODE_FIELDS, FULL_EDGE_FIELDS) if which == "full" else \
        (NODE_FIELDS, EDGE_FIELDS)  # fmt: skip
    assert network.number_of_nodes() > 100 and network.number_of_edges() > 1000
    for node, data in network.nodes(data=True):
        assert set(data) == set(nodes), node
        assert all(type(data[name]) is nodes[name].type for name in nodes), (node, data)
    for source, target, data in network.edges(data=True):
        assert set(data) == set(edges), (source, target)
        assert all(type(data[name]) is edges[name].type for name in edges), (source, target, data)
    assert all(isinstance(value, PLAIN) for value in network.graph.values()), network.graph


def test_rivalry_edges_agree_with_the_analysis_and_its_rdf(store: Store, rivalries: nx.DiGraph) -> None:
    params = ScoreParameters()
    scored = score_graph(read_projection(store), params)
    quads = rivalry_quads(scored, evidence_by_pair(read_evidence_links(store)), params,
                          datetime(2025, 1, 1, tzinfo=timezone.utc))  # fmt: skip
    written = {quad.subject.value: float(quad.object.value) for quad in quads
               if quad.predicate == RG.score}  # fmt: skip
    for source, target, edge in rivalries.edges(data=True):
        assert edge["source_score"] >= edge["target_score"], "edges point from the higher score"
        assert edge["source_score"] == pytest.approx(scored.edges[source, target]["weight"])
        if scored.has_edge(target, source):
            assert edge["target_score"] == pytest.approx(scored.edges[target, source]["weight"])
        assert edge["score"] == pytest.approx(written[edge["iri"]], abs=1e-6)
    assert rivalries.number_of_edges() == sum(1 for quad in quads if quad.object == RG.Rivalry)


def test_kerr_and_ingebrigtsen_edge_carries_their_head_to_head(rivalries: nx.DiGraph) -> None:
    edge = rivalries.edges[JAKOB, KERR] if rivalries.has_edge(JAKOB, KERR) \
        else rivalries.edges[KERR, JAKOB]  # fmt: skip
    wins = {JAKOB: 3, KERR: 2}
    source = JAKOB if rivalries.has_edge(JAKOB, KERR) else KERR
    target = KERR if source == JAKOB else JAKOB
    assert (edge["meetings"], edge["title_deciders"]) == (5, 2)
    assert (edge["source_wins"], edge["target_wins"]) == (wins[source], wins[target])
    assert edge["source_statements"] + edge["target_statements"] == 3
    assert edge["first_met"] == "2019-10-06" and edge["last_met"] == "2024-08-06"
    assert 0 < edge["discourse"] < 1 and edge["iri"].endswith("jakob-ingebrigtsen--josh-kerr")


def test_nodes_carry_nation_community_and_centrality(rivalries: nx.DiGraph) -> None:
    kerr = rivalries.nodes[KERR]
    assert (kerr["label"], kerr["nation"], kerr["kind"]) == ("Josh Kerr", "GBR", "athlete")
    assert kerr["community"] >= 0 and kerr["centrality"] > 0 and kerr["rivals"] > 5
    communities = {data["community"] for _, data in rivalries.nodes(data=True)}
    assert len(communities) > 1 and -1 not in communities


def test_min_score_keeps_only_stronger_rivalries(store: Store, rivalries: nx.DiGraph) -> None:
    strong = build_network(store, ExportOptions(min_score=0.3))
    expected = sum(1 for *_, score in rivalries.edges(data="score") if score > 0.3)
    assert strong.number_of_edges() == expected > 0
    assert all(score > 0.3 for *_, score in strong.edges(data="score"))
    assert all(degree > 0 for _, degree in strong.degree), "no athlete without a rivalry"


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_athlete_and_depth_cut_an_ego_network(store: Store, depth: int) -> None:
    ego = build_network(store, ExportOptions(athlete="Kerr", depth=depth, min_score=0.3))
    undirected = ego.to_undirected(as_view=True)
    distances = nx.single_source_shortest_path_length(undirected, KERR)
    assert set(distances) == set(ego), "everyone is reachable from Kerr"
    assert max(distances.values()) == depth or (depth > 0 and max(distances.values()) < depth)
    assert ego.graph["athlete"] == KERR and ego.graph["depth"] == depth
    if depth == 1:
        assert JAKOB in ego


def test_top_keeps_an_athletes_strongest_rivals_and_the_rivalries_among_them(store: Store) -> None:
    """Depth 1 with --top 5: Ingebrigtsen, his five highest-scoring rivalries, every edge among them."""
    whole = build_network(store, ExportOptions())
    ego = build_network(store, ExportOptions(athlete="Jakob Ingebrigtsen", depth=1, top=5))
    mine = sorted(((data["score"], other) for other, data in
                   [*whole.succ[JAKOB].items(), *whole.pred[JAKOB].items()]), reverse=True)  # fmt: skip
    assert set(ego) == {JAKOB, *(other for _, other in mine[:5])}
    assert set(ego.edges) == {(a, b) for a, b in whole.edges if a in ego and b in ego}
    assert ego.number_of_edges() > 5, "the rivalries among his rivals are kept"
    assert ego.graph["top"] == 5
    # Without --top, depth 1 keeps every rival: here nearly the whole network.
    assert build_network(store, ExportOptions(athlete="Jakob Ingebrigtsen")).number_of_nodes() > 100


def test_depth_two_is_bounded_by_top_too(store: Store) -> None:
    whole = build_network(store, ExportOptions())
    ego = build_network(store, ExportOptions(athlete="Jakob Ingebrigtsen", depth=2, top=3))
    assert 4 < ego.number_of_nodes() <= 1 + 3 + 3 * 3
    first = build_network(store, ExportOptions(athlete="Jakob Ingebrigtsen", depth=1, top=3))
    for rival in set(first) - {JAKOB}:
        theirs = sorted(((data["score"], other) for other, data in
                         [*whole.succ[rival].items(), *whole.pred[rival].items()]),
                        key=lambda edge: (-edge[0], edge[1]))  # fmt: skip
        assert {other for _, other in theirs[:3]} <= set(ego)


def test_top_without_an_athlete_is_a_clear_error(store: Store) -> None:
    with pytest.raises(ExportError, match="needs an athlete"):
        build_network(store, ExportOptions(top=3))


def test_unknown_athlete_and_negative_depth_are_clear_errors(store: Store) -> None:
    with pytest.raises(UnknownAthlete, match="did you mean 'Josh Kerr'"):
        build_network(store, ExportOptions(athlete="Kerrr"))
    with pytest.raises(ExportError, match="depth"):
        build_network(store, ExportOptions(athlete="Kerr", depth=-1))


def test_full_network_has_typed_nodes_and_edges_matching_the_store(store: Store, full: nx.DiGraph) -> None:
    kinds = nx.get_node_attributes(full, "kind")
    edge_kinds = [kind for *_, kind in full.edges(data="kind")]
    assert set(kinds.values()) <= set(NODE_KINDS) and set(edge_kinds) <= set(EDGE_KINDS)
    assert sum(kind == "race" for kind in kinds.values()) == _count(
        store, "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a rg:Race }"
    )
    assert edge_kinds.count("result") == _count(
        store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?r WHERE "
               "{ ?x a rg:Result ; rg:athlete ?a ; rg:race ?r } }")  # fmt: skip
    statements = _count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE "
                               "{ VALUES ?c { rg:Statement rg:Response } ?s a ?c }")  # fmt: skip
    assert statements == 9
    assert sum(kind in ("statement", "response") for kind in kinds.values()) == statements
    assert edge_kinds.count("spoke") == statements
    assert edge_kinds.count("responds_to") == _count(
        store, "SELECT (COUNT(*) AS ?n) WHERE { ?s rg:respondsTo ?t }"
    )
    assert edge_kinds.count("won") == edge_kinds.count("decided_in") == sum(
        kind == "title" for kind in kinds.values()) > 0  # fmt: skip
    assert edge_kinds.count("rivalry") > 1000


def test_full_network_links_the_blindfolded_thread(full: nx.DiGraph) -> None:
    responses = [node for node, kind in full.nodes(data="kind") if kind == "response"]
    assert responses
    for response in responses:
        answered = [t for _, t, kind in full.out_edges(response, data="kind") if kind == "responds_to"]
        assert len(answered) == 1 and full.nodes[answered[0]]["kind"] in ("statement", "response")
        assert full.nodes[response]["text"] and full.nodes[response]["date"]
    speakers = {source for source, _, kind in full.edges(data="kind") if kind == "spoke"}
    assert {KERR, JAKOB} <= speakers
    result = full.edges[KERR, "https://w3id.org/rivalgraph/id/race/world-championships-2023-1500m-final"]
    assert (result["kind"], result["place"], result["medal"], result["status"]) == \
        ("result", 1, "Gold", "Finished")  # fmt: skip
    assert result["time"] > 200


def test_fixture_graph_exports_its_four_athletes(fixture_store: Store) -> None:
    network = build_network(fixture_store, ExportOptions())
    assert sorted(data["label"] for _, data in network.nodes(data=True)) == \
        ["Jan Kowalski", "Joe Bloggs", "Max Mustermann", "Ola Nordmann"]  # fmt: skip
    ola, joe = ATHLETE["ola-nordmann"].value, ATHLETE["joe-bloggs"].value
    edge = network.edges[ola, joe] if network.has_edge(ola, joe) else network.edges[joe, ola]
    assert edge["source_statements"] + edge["target_statements"] > 0
