"""Reading SPARQL Protocol requests, negotiating formats, and writing using-graph-uri into updates."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from rivalgraph.serve.errors import ProtocolError
from rivalgraph.serve.negotiate import GRAPHS, RESULTS, choose
from rivalgraph.serve.protocol import parse_request
from rivalgraph.serve.using import apply_using

FORM = "application/x-www-form-urlencoded"


def test_get_query_with_dataset() -> None:
    op = parse_request("GET", "query=ASK%7B%7D&named-graph-uri=urn%3Aa&named-graph-uri=urn%3Ab", None, b"")
    assert op is not None
    assert (op.kind, op.text, op.default_graphs, op.named_graphs) == (
        "query",
        "ASK{}",
        (),
        ("urn:a", "urn:b"),
    )


def test_form_post_merges_url_and_body_parameters() -> None:
    op = parse_request("POST", "default-graph-uri=urn%3Ag", FORM, b"query=ASK%20%7B%7D")
    assert op is not None and op.text == "ASK {}" and op.default_graphs == ("urn:g",)


def test_direct_post_query_and_update() -> None:
    query = parse_request("POST", "", "application/sparql-query; charset=utf-8", "ASK { ?s ?p 'é' }".encode())
    update = parse_request("POST", "using-graph-uri=urn%3Ag", "application/sparql-update", b"CLEAR ALL")
    assert query is not None and query.kind == "query" and "é" in query.text
    assert update is not None and update.kind == "update" and update.default_graphs == ("urn:g",)


def test_plain_get_asks_for_the_service_description() -> None:
    assert parse_request("GET", "", None, b"") is None


@pytest.mark.parametrize(
    ("method", "query_string", "content_type", "body", "status"),
    [
        ("PUT", "query=ASK%7B%7D", FORM, b"", 405),
        ("GET", "query=ASK%7B%7D&query=ASK%7B%7D", None, b"", 400),
        ("GET", "update=CLEAR%20ALL", None, b"", 400),
        ("GET", "default-graph-uri=urn%3Ag", None, b"", 400),
        ("POST", "", "text/plain", b"ASK {}", 415),
        ("POST", "", None, b"query=ASK%7B%7D", 415),
        ("POST", "", "application/sparql-query; charset=UTF-16", "ASK {}".encode("utf-16"), 415),
        ("POST", "", "application/sparql-query", b"ASK { '\xff' }", 400),
        ("POST", "", FORM, b"query=ASK%7B%7D&update=CLEAR%20ALL", 400),
        ("POST", "", FORM, b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", 400),
        ("POST", "", FORM, b"nothing=here", 400),
        ("POST", "", FORM, b"query=%FF", 400),
        ("POST", "query=ASK%7B%7D", "application/sparql-query", b"ASK {}", 400),
        ("POST", "using-graph-uri=urn%3Ag", "application/sparql-query", b"ASK {}", 400),
    ],
)
def test_bad_requests_get_the_protocol_status(
    method: str, query_string: str, content_type: str | None, body: bytes, status: int
) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_request(method, query_string, content_type, body)
    assert caught.value.status == status
    assert caught.value.message


def test_405_names_the_allowed_methods() -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_request("DELETE", "", None, b"")
    assert "POST" in caught.value.headers["Allow"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/*", "text/csv"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        (
            "application/sparql-results+json,application/json,text/javascript",
            "application/sparql-results+json",
        ),
        ("application/json", "application/json"),
        ("text/turtle", None),
        ("application/sparql-results+json;q=0", None),
    ],
)
def test_results_negotiation(accept: str | None, expected: str | None) -> None:
    chosen = choose(RESULTS, accept)
    assert (chosen.media_type if chosen else None) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("*/*", "text/turtle"),
        ("application/turtle,text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
        ("application/trig", "application/trig"),
        ("text/html, application/rdf+xml;q=0.1", "application/rdf+xml"),
        ("application/sparql-results+json", None),
    ],
)
def test_graph_negotiation(accept: str, expected: str | None) -> None:
    chosen = choose(GRAPHS, accept)
    assert (chosen.media_type if chosen else None) == expected


def test_using_graph_uri_sets_the_dataset_of_each_modify_operation() -> None:
    store = ox.Store()
    a, b, p = ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:p")
    store.add(ox.Quad(a, p, ox.Literal("in a"), a))
    store.add(ox.Quad(b, p, ox.Literal("in b"), b))
    update = "INSERT { GRAPH <urn:out> { ?s <urn:seen> ?o } } WHERE { ?s ?p ?o } ; " \
             "DELETE { GRAPH <urn:out> { ?s ?q ?o } } WHERE { ?s ?q ?o FILTER(false) }"  # fmt: skip
    rewritten = apply_using(update, ("urn:a",), ())
    assert rewritten.count("USING <urn:a>") == 2
    store.update(rewritten)
    seen = {q.object.value for q in store.quads_for_pattern(None, None, None, ox.NamedNode("urn:out"))}
    assert seen == {"in a"}


def test_using_graph_uri_leaves_data_operations_alone() -> None:
    update = "INSERT DATA { <urn:s> <urn:p> '{ WHERE }' } ; DELETE WHERE { ?s ?p ?o }"
    assert apply_using(update, ("urn:a",), ("urn:b",)) == update


@pytest.mark.parametrize(
    "update",
    [
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "INSERT { ?s ?p ?o } USING <urn:x> WHERE { ?s ?p ?o }",
    ],
)
def test_using_graph_uri_conflicts_with_the_update_s_own_dataset(update: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        apply_using(update, (), ("urn:a",))
    assert caught.value.status == 400
