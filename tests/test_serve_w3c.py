"""The W3C SPARQL 1.1 Protocol tests, run against the real server.

The manifest and its data are read from the shared W3C test suite (never
copied here).  Each entry's HTTP requests are sent as written; its data
(``ut:graphData``) is loaded into the store as named graphs first.

Two servers run them: a read-only one (the default), where every query test
must pass and every update is refused (403) as the policy says, which counts
as the expected outcome; and one started with an update token, where the
update tests must pass too.
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.dom.minidom import parseString

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.collection import Collection

from .conftest import SHARED
from .serve_support import RunningServer, make_store, start_server

PROTOCOL = SHARED / "data" / "w3c_rdf_tests" / "sparql" / "sparql11" / "protocol"
MANIFEST = PROTOCOL / "manifest.ttl"
TOKEN = "w3c-protocol-test-token-0123456789"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
RESULT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml",
                "text/csv", "text/tab-separated-values")  # fmt: skip
RDF_TYPES = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json",
             "application/trig")  # fmt: skip


@dataclass
class Step:
    """One HTTP request of a protocol test and what its response must be."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    boolean: bool | None
    fmt: str | None


@dataclass
class Entry:
    name: str
    steps: list[Step] = field(default_factory=list)

    @property
    def is_update(self) -> bool:
        return "update" in self.name


def _list(graph: rdflib.Graph, head: rdflib.term.Node | None) -> list[rdflib.term.Node]:
    return list(Collection(graph, head)) if head is not None else []  # type: ignore[arg-type]


def _step(graph: rdflib.Graph, request: rdflib.term.Node) -> Step:
    headers = {
        str(graph.value(h, HT.fieldName)): str(graph.value(h, HT.fieldValue))
        for h in _list(graph, graph.value(request, HT.headers))
    }
    body_node = graph.value(request, HT.body)
    body = None
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding)
    response = graph.value(request, HT.resp)
    boolean = graph.value(response, MF.expectedBoolean)
    fmt = graph.value(response, MF.expectedFormat)
    return Step(
        method=str(graph.value(request, HT.methodName)),
        path=str(graph.value(request, HT.absolutePath)),
        headers=headers,
        body=body,
        statuses={str(s).removeprefix(HTS) for s in graph.objects(response, MF.expectedStatus)},
        boolean=None if boolean is None else bool(boolean.toPython()),
        fmt=None if fmt is None else str(fmt),
    )


def read_manifest() -> tuple[list[Entry], list[tuple[str, str]]]:
    """The entries in manifest order, and the data files with the graph name each goes to."""
    graph = rdflib.Graph().parse(MANIFEST, format="turtle", publicID=MANIFEST.as_uri())
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    entries, data = [], {}
    for node in _list(graph, graph.value(manifest, MF.entries)):
        entry = Entry(str(node).rsplit("#", 1)[-1])
        action = graph.value(node, MF.action)
        for request in _list(graph, graph.value(action, HT.requests)):
            entry.steps.append(_step(graph, request))
        for graph_data in graph.objects(node, UT.graphData):
            file = str(graph.value(graph_data, UT.graph)).rsplit("/", 1)[-1]
            data[file] = str(graph.value(graph_data, rdflib.RDFS.label))
        entries.append(entry)
    return entries, sorted(data.items())


ENTRIES, DATA = read_manifest() if MANIFEST.is_file() else ([], [])


def _store(location: Path) -> Path:
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name))  # type: ignore[union-attr]
        for file, name in DATA
        for t in ox.parse(path=PROTOCOL / file, format=ox.RdfFormat.N_TRIPLES)
    ]
    return make_store(location, quads)


def _server(tmp_path_factory: pytest.TempPathFactory, *options: str) -> Iterator[RunningServer]:
    if not MANIFEST.is_file():
        pytest.skip(f"the W3C test suite is not at {PROTOCOL} (set RIVALGRAPH_SHARED)")
    folder = tmp_path_factory.mktemp("w3c")
    server = start_server(_store(folder / "store"), folder, "--workers", "1", *options)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def read_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    yield from _server(tmp_path_factory)


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    yield from _server(tmp_path_factory, "--update-token", TOKEN)


def _send(server: RunningServer, step: Step, token: str | None) -> tuple[int, str, bytes]:
    netloc = urllib.parse.urlsplit(server.url).netloc
    host, port = netloc.split(":")
    headers = dict(step.headers)
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        # http.client adds Content-Length for a body; a test without a
        # Content-Type header must reach the server without one.
        connection.request(step.method, step.path, body=step.body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def _boolean(content_type: str, body: bytes) -> bool:
    if content_type.startswith("application/sparql-results+json"):
        return bool(json.loads(body)["boolean"])
    node = parseString(body).getElementsByTagName("boolean")[0]
    return node.firstChild.data.strip() == "true"  # type: ignore[union-attr]


def _check(step: Step, status: int, content_type: str, body: bytes) -> None:
    assert f"{status // 100}xx" in step.statuses, f"{step.method} {step.path}: {status} {body[:300]!r}"
    if step.fmt == "boolean" or step.boolean is not None:
        assert content_type.startswith(RESULT_TYPES[:2]), content_type
    if step.fmt == "tabular":
        assert content_type.startswith(RESULT_TYPES), content_type
    if step.fmt == "RDF":
        assert content_type.startswith(RDF_TYPES), content_type
    if step.boolean is not None:
        assert _boolean(content_type, body) is step.boolean


def _ids(entries: list[Entry]) -> list[str]:
    return [entry.name for entry in entries]


def test_manifest_is_read() -> None:
    if not MANIFEST.is_file():
        pytest.skip(f"the W3C test suite is not at {PROTOCOL}")
    assert len(ENTRIES) == 34 and DATA and all(entry.steps for entry in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids(ENTRIES))
def test_protocol_read_only(read_only: RunningServer, entry: Entry) -> None:
    """Queries pass; a valid update is refused with 403 (the read-only policy), and its checks are moot."""
    for step in entry.steps:
        status, content_type, body = _send(read_only, step, None)
        is_update_request = "sparql-update" in step.headers.get("content-type", "") or (
            step.body is not None and step.body.startswith(b"update="))  # fmt: skip
        if entry.is_update and is_update_request and "2xx" in step.statuses:
            assert status == 403 and b"read-only" in body
            return
        _check(step, status, content_type, body)


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids(ENTRIES))
def test_protocol_with_updates_enabled(writable: RunningServer, entry: Entry) -> None:
    """With the operator's token on every request, every test of the suite passes as written."""
    for step in entry.steps:
        _check(step, *_send(writable, step, TOKEN))
