"""Wikidata enrichment, offline: a local SPARQL server holds a Wikidata-shaped fixture (fake ids)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from rivalgraph.build import check, collect
from rivalgraph.cli import main
from rivalgraph.enrich.cached import CachedSparql
from rivalgraph.enrich.wikidata import (
    ENRICHMENT_GRAPH,
    athletes,
    enrich,
    names_query,
    review_text,
    write_trig,
)
from rivalgraph.namespaces import ATHLETE, RG, SCHEMA, SKOS, WD
from rivalgraph.remote.client import USER_AGENT, EndpointUnreachable
from rivalgraph.store import OxigraphStore

from .conftest import TEST_DATA
from .sparql_server import SparqlServer, serve


@pytest.fixture()
def wikidata() -> Iterator[SparqlServer]:
    with serve(sorted((TEST_DATA / "wikidata").glob("*.ttl"))) as server:
        yield server


def test_athletes_are_matched_by_name_sport_and_country(wikidata: SparqlServer, store: OxigraphStore,
                                                        tmp_path: Path) -> None:  # fmt: skip
    client = CachedSparql(wikidata.url, tmp_path / "cache")
    found = enrich(athletes(store), client)
    kerr, jakob = ATHLETE["josh-kerr"].value, ATHLETE["jakob-ingebrigtsen"].value
    assert found.matched[kerr].item == WD["Q-TEST-2"].value  # not the namesake without athletics
    assert found.matched[jakob].born == "2000-09-19"
    assert found.matched[ATHLETE["cole-hocker"].value].item == WD["Q-TEST-4"].value  # USA, not GBR
    assert ATHLETE["mario-garcia"].value not in found.matched
    assert [c.item for c in found.ambiguous[ATHLETE["mario-garcia"].value]] == [
        WD["Q-TEST-6"].value, WD["Q-TEST-7"].value]  # fmt: skip
    assert len(found.missing) > 50
    assert wikidata.requests == client.requests == -(-len(athletes(store)) // 50)  # batched names
    assert all(agent == USER_AGENT and agent.startswith("rivalgraph/") for agent in wikidata.agents)


def test_a_second_run_with_the_cache_sends_no_request(wikidata: SparqlServer, store: OxigraphStore,
                                                      tmp_path: Path) -> None:  # fmt: skip
    first = enrich(athletes(store), CachedSparql(wikidata.url, tmp_path / "cache"))
    sent = wikidata.requests
    second = enrich(athletes(store), CachedSparql(wikidata.url, tmp_path / "cache"))
    assert sent > 0 and wikidata.requests == sent
    assert second.matched.keys() == first.matched.keys()


def test_429_is_retried_after_the_time_the_server_asks(wikidata: SparqlServer, tmp_path: Path) -> None:
    waits: list[float] = []
    wikidata.fail_first = 2
    client = CachedSparql(wikidata.url, None, sleep=waits.append)
    rows = client.select(names_query(["Josh Kerr"]))
    assert {row["item"]["value"] for row in rows} == {WD["Q-TEST-2"].value}
    assert waits == [0.0, 0.0] and wikidata.requests == 3


def test_back_off_doubles_without_retry_after() -> None:
    from rivalgraph.remote.client import RemoteError

    client = CachedSparql("http://127.0.0.1:1/sparql", None, backoff=0.5)
    assert [client._wait(RemoteError("x", 503), n) for n in range(3)] == [0.5, 1.0, 2.0]


def test_an_unreachable_endpoint_is_named(tmp_path: Path, store: OxigraphStore) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/sparql"
    with pytest.raises(EndpointUnreachable, match=url):
        enrich(athletes(store), CachedSparql(url, tmp_path / "cache"))


def test_the_enrichment_graph_builds_with_the_curated_graph(wikidata: SparqlServer, store: OxigraphStore,
                                                            tmp_path: Path) -> None:  # fmt: skip
    found = enrich(athletes(store), CachedSparql(wikidata.url, tmp_path / "cache"))
    out = tmp_path / "enrichment" / "wikidata.trig"
    write_trig(out, found, wikidata.url, datetime.date(2025, 1, 2))
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG))
    assert {q.graph_name for q in quads} == {ENRICHMENT_GRAPH}
    kerr = ATHLETE["josh-kerr"]
    assert ox.Quad(kerr, SKOS.exactMatch, WD["Q-TEST-2"], ENRICHMENT_GRAPH) in quads
    assert ox.Quad(kerr, RG.worldAthleticsId, ox.Literal("TEST-0002"), ENRICHMENT_GRAPH) in quads
    assert any(q.predicate == SCHEMA.birthDate and q.subject == kerr for q in quads)
    assert not any(q.subject == ATHLETE["mario-garcia"] for q in quads)
    assert check(collect(extra=[out])) == []
    assert "Mario García" in review_text(found, athletes(store))


def test_cli_enrich_writes_the_file_and_the_review(wikidata: SparqlServer, built: tuple[Path, object],
                                                   tmp_path: Path) -> None:  # fmt: skip
    out, review = tmp_path / "w.trig", tmp_path / "review.txt"
    args = ["enrich", "wikidata", "--store", str(built[0]), "--endpoint", wikidata.url,
            "--cache", str(tmp_path / "cache"), "--out", str(out), "--review", str(review)]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "3 matched, 1 ambiguous" in result.output and out.is_file()
    assert "Q-TEST-6" in review.read_text(encoding="utf-8")
    again = CliRunner().invoke(main, args)
    assert "0 requests" in again.output
