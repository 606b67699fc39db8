"""What a worker does with a job: run it on pyoxigraph, serialize it, enforce the limits."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from rivalgraph.serve.execute import execute
from rivalgraph.serve.jobs import Job, Limits

EX = "http://example.org/"
G1, G2 = ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")


@pytest.fixture
def store() -> ox.Store:
    store = ox.Store()
    for number in range(20):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{number}"), ox.NamedNode(EX + "p"), ox.Literal(number), G1))
    store.add(ox.Quad(ox.NamedNode(EX + "x"), ox.NamedNode(EX + "in"), ox.Literal("two"), G2))
    store.add(ox.Quad(ox.NamedNode(EX + "x"), ox.NamedNode(EX + "in"), ox.Literal("default")))
    return store


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ],
)
def test_select_in_each_format_counts_its_rows(store: ox.Store, accept: str, content_type: str) -> None:
    reply = execute(store, Job("query", "SELECT ?s ?o { GRAPH ?g { ?s ?p ?o } }", accept=accept))
    assert reply.status == 200 and reply.content_type == content_type
    assert reply.rows == 21


def test_csv_rows_with_line_breaks_are_counted_once(store: ox.Store) -> None:
    text = 'SELECT ?t { VALUES ?t { "a\\nb" "c\\r\\nd" "e" } }'
    reply = execute(store, Job("query", text, accept="text/csv"))
    assert reply.rows == 3
    assert [row[0] for row in csv.reader(io.StringIO(reply.body.decode()))] == ["t", "a\nb", "c\r\nd", "e"]


@pytest.mark.parametrize(
    ("accept", "parses_as"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/trig", ox.RdfFormat.TRIG),
    ],
)
def test_construct_in_each_format(store: ox.Store, accept: str, parses_as: ox.RdfFormat) -> None:
    reply = execute(
        store, Job("query", "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", accept=accept)
    )
    assert reply.status == 200 and reply.content_type.startswith(accept)
    assert len(list(ox.parse(reply.body, parses_as))) == 21


def test_over_the_row_limit_is_a_clear_error(store: ox.Store) -> None:
    limits = Limits(max_rows=10)
    select = execute(store, Job("query", "SELECT * { GRAPH ?g { ?s ?p ?o } }"), limits)
    construct = execute(store, Job("query", "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"), limits)
    within = execute(store, Job("query", "SELECT * { GRAPH ?g { ?s ?p ?o } } LIMIT 10"), limits)
    assert select.status == construct.status == 500
    assert b"more than 10 rows" in select.body and b"add a LIMIT" in select.body
    assert b"more than 10 triples" in construct.body
    assert within.status == 200 and within.rows == 10


def test_over_the_byte_limit_is_a_clear_error(store: ox.Store) -> None:
    reply = execute(store, Job("query", "SELECT * { GRAPH ?g { ?s ?p ?o } }"), Limits(max_bytes=200))
    assert reply.status == 500 and b"larger than 200 bytes" in reply.body


def test_a_construct_over_the_byte_limit_is_refused_too(store: ox.Store) -> None:
    """One triple with a literal doubled 16 times (64 KiB): over a 10 KiB cap, as a SELECT would be."""
    doubled = " ".join(f"BIND (CONCAT(?v{n}, ?v{n}) AS ?v{n + 1})" for n in range(16))
    query = f'CONSTRUCT {{ <urn:s> <urn:p> ?v16 }} WHERE {{ BIND ("x" AS ?v0) {doubled} }}'
    reply = execute(store, Job("query", query, accept="text/turtle"), Limits(max_bytes=10_000))
    assert reply.status == 500 and b"larger than 10000 bytes" in reply.body
    assert execute(store, Job("query", query, accept="text/turtle")).status == 200


def test_malformed_query_gets_the_parser_message(store: ox.Store) -> None:
    reply = execute(store, Job("query", "SELECT * { ?s ?p }"))
    assert reply.status == 400
    assert reply.body.startswith(b"malformed query: error at 1:")


def test_protocol_dataset_replaces_the_store_s(store: ox.Store) -> None:
    def values(**dataset: tuple[str, ...]) -> set[str]:
        job = Job("query", "SELECT ?o { ?s <http://example.org/in> ?o }", **dataset)
        return {b["o"]["value"] for b in json.loads(execute(store, job).body)["results"]["bindings"]}

    assert values() == {"default"}
    assert values(default_graphs=(G2.value,)) == {"two"}
    assert values(named_graphs=(G2.value,)) == set()  # only named graphs: the default graph is empty


def test_not_acceptable(store: ox.Store) -> None:
    reply = execute(store, Job("query", "ASK {}", accept="text/turtle"))
    assert reply.status == 406 and b"application/sparql-results+json" in reply.body


def test_stats_counts_graphs_and_sources() -> None:
    store = ox.Store()
    graph, source = ox.NamedNode(EX + "graph/a"), ox.NamedNode(EX + "source/a")
    store.add(ox.Quad(graph, ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), source, graph))
    store.add(ox.Quad(source, ox.NamedNode(EX + "p"), ox.Literal(1), graph))
    stats = json.loads(execute(store, Job("stats")).body)
    assert stats == {"default": 0, "graphs": [{"graph": graph.value, "triples": 2, "source": source.value}]}


def test_graph_store_put_get_post_delete() -> None:
    store = ox.Store()
    body = b'<http://example.org/s> <http://example.org/p> "1" .'
    put = execute(store, Job("graph-put", graph=G1.value, content_type="application/n-triples", body=body))
    post = execute(store, Job("graph-post", graph=G1.value, content_type="text/turtle",
                              body=b"<s> <http://example.org/p> 2 ."))  # fmt: skip
    got = execute(store, Job("graph-get", graph=G1.value, accept="application/n-triples"))
    deleted = execute(store, Job("graph-delete", graph=G1.value))
    missing = execute(store, Job("graph-get", graph=G1.value))
    assert (put.status, post.status, got.status, deleted.status, missing.status) == (201, 204, 200, 204, 404)
    assert got.rows == 2 and b"<http://example.org/g1/s>" not in got.body  # base is the graph IRI
    assert b"<http://example.org/s>" in got.body


def test_graph_store_rejects_unknown_media_type() -> None:
    reply = execute(ox.Store(), Job("graph-put", graph=G1.value, content_type="text/plain-ish", body=b"x"))
    assert reply.status == 415
