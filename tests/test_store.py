"""The store: merged default graph, bound parameters, and the atomic build folder."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from rivalgraph.analysis.reader import analysis_queries
from rivalgraph.store import (
    OxigraphStore,
    SelectResult,
    Store,
    StoreBusy,
    StoreError,
    StoreLocation,
    open_store,
    replace_graph,
    republishing,
    select_columns,
    with_merged_default_graph,
)

from .conftest import FIXTURE_GRAPH, copy_store

A, P = ox.NamedNode("urn:a"), ox.NamedNode("urn:p")
G1, G2 = ox.NamedNode("urn:g1"), ox.NamedNode("urn:g2")


def test_a_fact_from_two_sources_counts_once_but_keeps_both_graphs() -> None:
    store = OxigraphStore.in_memory([ox.Quad(A, P, ox.Literal("x"), G1),
                                     ox.Quad(A, P, ox.Literal("x"), G2)])  # fmt: skip
    assert store.select("SELECT ?o WHERE { ?s ?p ?o }").rows == [(ox.Literal("x"),)]
    graphs = store.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [row[0] for row in graphs.rows] == [G1, G2]


def test_merged_default_graph_is_idempotent() -> None:
    quads = with_merged_default_graph([ox.Quad(A, P, ox.Literal("x"), G1)])
    assert with_merged_default_graph(quads) == quads


def test_bindings_are_terms_not_text() -> None:
    store = OxigraphStore.in_memory([ox.Quad(A, P, ox.Literal("x"), G1)])
    hostile = ox.Literal('x" } UNION { ?s ?p ?o } #')
    result = store.select("SELECT ?s ?o WHERE { ?s ?p ?o }", {"o": hostile})
    assert result.rows == []
    assert store.ask("ASK { ?s ?p ?o }", {"o": ox.Literal("x")})


def test_select_result_shapes() -> None:
    result = SelectResult(("a", "b"), [(A, None)])
    assert result.dicts() == [{"a": A, "b": None}]
    assert len(result) == 1


def test_query_kind_mismatch_is_a_type_error() -> None:
    store = OxigraphStore.in_memory()
    with pytest.raises(TypeError):
        store.select("ASK {}")
    with pytest.raises(TypeError):
        store.ask("SELECT * {}")
    assert store.construct("CONSTRUCT WHERE { ?s ?p ?o }") == []


def test_oxigraph_store_meets_the_protocol() -> None:
    assert isinstance(OxigraphStore.in_memory(), Store)


def test_opening_an_unbuilt_location_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `rivalgraph build` first"):
        open_store(tmp_path / "nothing")


def test_publish_swaps_the_current_build_and_prune_keeps_only_it(tmp_path: Path) -> None:
    place = StoreLocation(tmp_path)
    first = place.new_build()
    place.publish(first)
    assert place.current() == first.resolve()
    second = place.new_build()
    abandoned = place.new_build()
    place.publish(second)
    place.prune()
    assert place.current() == second.resolve()
    assert not first.exists() and not abandoned.exists()
    assert (tmp_path / "current").is_symlink()


def test_columns_read_in_bulk_are_the_values_of_the_rows() -> None:
    """Awkward text (comma, quotes, new line, non-ASCII) and unbound values survive the CSV."""
    texts = ["plain", "a, comma", 'say "hi"', "two\r\nlines", "Ærø – ok"]
    quads = [ox.Quad(ox.NamedNode(f"urn:s{i}"), P, ox.Literal(text), G1)
             for i, text in enumerate(texts)]  # fmt: skip
    quads.append(ox.Quad(ox.NamedNode("urn:s9"), P, ox.Literal("3", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), G1))  # fmt: skip
    store = OxigraphStore.in_memory(quads)
    query = "SELECT ?s ?o ?none WHERE { ?s <urn:p> ?o } ORDER BY ?s"
    bulk = select_columns(store, query)
    assert bulk == store.select(query).columns()  # what the SPARQL store answers
    assert bulk["o"] == [*texts, "3"] and bulk["none"] == [None] * 6
    assert bulk["s"][0] == "urn:s0"
    assert select_columns(store, "SELECT ?s WHERE { ?s <urn:nothing> ?o }") == {"s": []}


def test_columns_of_the_race_results_are_the_values_of_the_rows(real_store: Store) -> None:
    query = analysis_queries()["race-results"].text
    bulk = select_columns(real_store, query)
    assert len(bulk["race"]) > 100
    assert bulk == real_store.select(query).columns()


def test_a_build_cannot_publish_between_an_analysis_read_and_its_republication(
    fixture_location: Path, tmp_path: Path
) -> None:
    """What ``analyse`` and ``strength`` do: the lock taken before the read covers replace_graph."""
    location = copy_store(fixture_location, tmp_path / "store")
    graph = ox.NamedNode("https://w3id.org/rivalgraph/id/graph/analysis-test")
    with republishing(location):
        meanwhile = subprocess.run([sys.executable, "-m", "rivalgraph.cli", "build", "--store",
                                    str(location), "--graph", str(FIXTURE_GRAPH)],
                                   capture_output=True, text=True, timeout=120)  # fmt: skip
        assert meanwhile.returncode == 1 and f"(process {os.getpid()})" in meanwhile.stderr
        replace_graph(location, graph, [ox.Quad(A, P, ox.Literal("c"), graph)])
    assert open_store(location).ask("ASK { GRAPH ?g { <urn:a> <urn:p> 'c' } }")
    with StoreLocation(location).writing():  # released at the end of the outer block
        pass


def test_a_writer_removes_the_staging_link_a_killed_publisher_left(
    fixture_location: Path, tmp_path: Path
) -> None:
    location = copy_store(fixture_location, tmp_path / "store")
    stale = location / ".current-999999"
    stale.symlink_to("builds/gone")
    with StoreLocation(location).writing():
        assert not stale.is_symlink()


def test_nothing_built_is_not_locked_and_not_created(tmp_path: Path) -> None:
    with republishing(tmp_path / "none"):
        assert not (tmp_path / "none").exists()


def test_another_thread_of_the_same_process_is_refused_like_another_process(tmp_path: Path) -> None:
    place = StoreLocation(tmp_path / "store")
    refused: list[BaseException] = []

    def second_writer() -> None:
        try:
            with place.writing():
                pass
        except StoreBusy as error:
            refused.append(error)

    with place.writing():
        thread = threading.Thread(target=second_writer)
        thread.start()
        thread.join(timeout=30)
    assert len(refused) == 1 and f"process {os.getpid()}" in str(refused[0])
