"""Updates and Graph Store writes: refused without the operator's token, applied with it."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import Unauthorized

from .serve_support import RunningServer, make_store, start_server

TOKEN = "operator-token-for-tests-0123456789"
G = "http://example.org/notes"


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    folder = tmp_path_factory.mktemp("writable")
    subject, predicate = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    seed = ox.Quad(subject, predicate, ox.Literal("seed"), ox.NamedNode(G))
    env = {**os.environ, "RIVALGRAPH_UPDATE_TOKEN": TOKEN}
    server = start_server(make_store(folder / "store", [seed]), folder, env=env)
    yield server
    server.stop()


def _update(server: RunningServer, text: str, token: str | None) -> None:
    client = SPARQLWrapper(server.sparql, updateEndpoint=server.sparql)
    client.setMethod(POST)
    client.setQuery(text)
    if token is not None:
        client.addCustomHttpHeader("Authorization", f"Bearer {token}")
    client.query()


def _ask(server: RunningServer, text: str) -> bool:
    client = SPARQLWrapper(server.sparql)
    client.setQuery(text)
    client.setReturnFormat(JSON)
    answer = client.queryAndConvert()
    assert isinstance(answer, dict)
    return bool(answer["boolean"])


def test_update_needs_the_token(writable: RunningServer) -> None:
    insert = f"INSERT DATA {{ GRAPH <{G}> {{ <http://example.org/s> <http://example.org/p> 'by sparql' }} }}"
    with pytest.raises(Unauthorized):
        _update(writable, insert, "wrong-token-wrong-token")
    assert not _ask(writable, "ASK { GRAPH ?g { ?s ?p 'by sparql' } }")
    _update(writable, insert, TOKEN)
    assert _ask(writable, "ASK { GRAPH ?g { ?s ?p 'by sparql' } }")


def test_load_stays_refused_with_the_token(writable: RunningServer) -> None:
    request = urllib.request.Request(
        writable.sparql, data=b"LOAD <http://example.org/data.ttl>", method="POST",
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )  # fmt: skip
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 403 and b"LOAD is disabled" in caught.value.read()


def test_graph_store_write_with_the_token(writable: RunningServer) -> None:
    target = writable.url + "rdf-graph-store?graph=" + urllib.request.quote("http://example.org/new", safe="")
    body = b'<http://example.org/a> <http://example.org/b> "via graph store" .'

    def call(method: str, token: str | None, data: bytes | None = None) -> int:
        headers = {"Content-Type": "application/n-triples", "Accept": "application/n-triples"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(target, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code

    assert call("PUT", None, body) == 401
    assert call("PUT", TOKEN, body) == 201
    assert call("GET", None) == 200
    assert _ask(writable, "ASK { GRAPH <http://example.org/new> { ?s ?p 'via graph store' } }")
    assert call("DELETE", TOKEN) == 204
    assert call("GET", None) == 404


def test_service_description_announces_updates(writable: RunningServer) -> None:
    request = urllib.request.Request(writable.sparql, headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    assert b"<http://www.w3.org/ns/sparql-service-description#SPARQL11Update>" in body
    # Updates may change a named graph without the merged default graph: not claimed then.
    assert b"<http://www.w3.org/ns/sparql-service-description#UnionDefaultGraph>" not in body
