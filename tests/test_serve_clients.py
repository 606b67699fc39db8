"""The endpoint seen by real clients: SPARQLWrapper, plain HTTP, rdflib reading its descriptions."""

from __future__ import annotations

import csv
import http.client
import io
import re
import urllib.error
import urllib.parse
import urllib.request
from xml.dom.minidom import Document

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from rivalgraph.query import load_registry, run
from rivalgraph.serve.examples import example_text
from rivalgraph.store import OxigraphStore

from .conftest import REPO
from .serve_support import RunningServer

KERR = "https://w3id.org/rivalgraph/id/athlete/josh-kerr"
NAMES = "SELECT ?name WHERE { ?a a rg:Athlete ; rdfs:label ?name } ORDER BY ?name"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def _client(endpoint: RunningServer, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint.sparql)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == "POST":
        client.setMethod(POST)
    elif method == "POSTDIRECTLY":
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    return client


def _names(store: OxigraphStore) -> list[str]:
    return [row["name"].value for row in store.select(NAMES).dicts()]  # type: ignore[union-attr]


@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_select_json(endpoint: RunningServer, store: OxigraphStore, method: str) -> None:
    result = _client(endpoint, NAMES, JSON, method).queryAndConvert()
    assert isinstance(result, dict)
    names = [b["name"]["value"] for b in result["results"]["bindings"]]
    assert names == _names(store) and "Josh Kerr" in names


def test_select_xml(endpoint: RunningServer, store: OxigraphStore) -> None:
    document = _client(endpoint, NAMES, XML).queryAndConvert()
    assert isinstance(document, Document)
    names = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert names == _names(store)


def test_select_csv(endpoint: RunningServer, store: OxigraphStore) -> None:
    raw = _client(endpoint, NAMES, CSV).queryAndConvert()
    assert isinstance(raw, bytes)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    assert rows == [["name"], *([name] for name in _names(store))]


def test_select_tsv(endpoint: RunningServer, store: OxigraphStore) -> None:
    raw = _client(endpoint, NAMES, TSV).queryAndConvert()
    assert isinstance(raw, bytes)
    # TSV results write terms in Turtle syntax: literals keep their quotes.
    assert raw.decode("utf-8").splitlines() == ["?name", *(f'"{name}"' for name in _names(store))]


def test_construct_turtle(endpoint: RunningServer) -> None:
    query = f"CONSTRUCT {{ <{KERR}> ?p ?o }} WHERE {{ <{KERR}> ?p ?o }}"
    raw = _client(endpoint, query, TURTLE).queryAndConvert()
    assert isinstance(raw, bytes)
    graph = rdflib.Graph().parse(data=raw, format="turtle")
    assert (rdflib.URIRef(KERR), rdflib.RDFS.label, rdflib.Literal("Josh Kerr")) in graph


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [("application/n-triples", "nt"), ("application/rdf+xml", "xml"),
     ("application/ld+json", "json-ld"), ("application/trig", "trig")],
)  # fmt: skip
def test_describe_in_each_rdf_format(endpoint: RunningServer, accept: str, rdflib_format: str) -> None:
    status, headers, body = _get(endpoint, {"query": f"DESCRIBE <{KERR}>"}, accept)
    assert status == 200 and headers["content-type"].startswith(accept)
    graph = rdflib.Dataset().parse(data=body, format=rdflib_format)
    assert (rdflib.URIRef(KERR), rdflib.RDFS.label, rdflib.Literal("Josh Kerr")) in graph


def test_ask(endpoint: RunningServer) -> None:
    yes = _client(endpoint, f"ASK {{ <{KERR}> a rg:Athlete }}", JSON).queryAndConvert()
    no = _client(endpoint, f"ASK {{ <{KERR}> a rg:Race }}", JSON, "POST").queryAndConvert()
    assert isinstance(yes, dict) and isinstance(no, dict)
    assert (yes["boolean"], no["boolean"]) == (True, False)


def test_named_queries_as_examples_answer_like_the_library(
    endpoint: RunningServer, store: OxigraphStore
) -> None:
    for query in load_registry().values():
        wanted = [p.name for p in query.parameters if p.type == "rg:Athlete"]
        # The page's tabs: Kerr against Ingebrigtsen, or Ingebrigtsen alone.
        values = dict(zip(wanted, ("Josh Kerr", "Jakob Ingebrigtsen") if len(wanted) > 1
                          else ("Jakob Ingebrigtsen",), strict=False))  # fmt: skip
        expected = run(store, query, values)
        answer = _answer_allowing_overload(endpoint, example_text(query))
        assert isinstance(answer, dict)
        rows = answer["results"]["bindings"]
        assert len(rows) == len(expected), query.name
        assert rows, f"the page's {query.name} tab shows no row"
        assert answer["head"]["vars"] == list(expected.variables)


def _answer_allowing_overload(endpoint: RunningServer, text: str, tries: int = 3) -> object:
    """The JSON answer; a 503 (the fixture's 3 s limit on a machine busy with other work) is retried."""
    for attempt in range(tries):
        try:
            return _client(endpoint, text, JSON, "POST").queryAndConvert()
        except urllib.error.HTTPError as error:
            if error.code != 503 or attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def test_malformed_query_is_400_with_the_parser_message(endpoint: RunningServer) -> None:
    with pytest.raises(QueryBadFormed, match=r"malformed query: error at 1:\d+"):
        _client(endpoint, "SELECT * WHERE { ?s ?p }", JSON).queryAndConvert()


def _request(
    endpoint: RunningServer,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    host, port = urllib.parse.urlsplit(endpoint.url).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _get(
    endpoint: RunningServer, params: dict[str, str], accept: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept": accept} if accept else {}
    return _request(endpoint, "GET", "/sparql?" + urllib.parse.urlencode(params), headers=headers)


@pytest.mark.parametrize(
    ("method", "path", "body", "headers", "status"),
    [
        ("PUT", "/sparql", b"query=ASK%7B%7D", {"Content-Type": "application/x-www-form-urlencoded"}, 405),
        ("POST", "/sparql", b"ASK {}", {"Content-Type": "text/plain"}, 415),
        ("GET", "/sparql?query=ASK%7B%7D", None, {"Accept": "text/turtle"}, 406),
        ("GET", "/sparql?query=CONSTRUCT%7B%3Fs%3Fp%3Fo%7DWHERE%7B%3Fs%3Fp%3Fo%7D", None,
         {"Accept": "image/png"}, 406),
        ("GET", "/sparql?query=ASK%7B%7D", None, {"Accept": "text/csv"}, 406),
        ("POST", "/sparql", b"CLEAR ALL", {"Content-Type": "application/sparql-update"}, 403),
        ("POST", "/sparql", b"x" * (1024 * 1024 + 1), {"Content-Type": "application/sparql-query"}, 413),
        ("PUT", "/rdf-graph-store?default", b"<urn:s> <urn:p> <urn:o> .",
         {"Content-Type": "application/n-triples"}, 403),
    ],
)  # fmt: skip
def test_status_codes(
    endpoint: RunningServer, method: str, path: str, body: bytes | None, headers: dict[str, str], status: int
) -> None:
    got, response_headers, text = _request(endpoint, method, path, body, headers)
    assert got == status, text
    assert text.strip(), "every error says what is wrong"
    if status == 405:
        assert "POST" in response_headers["allow"]


def test_service_is_refused(endpoint: RunningServer) -> None:
    status, _, body = _get(
        endpoint, {"query": "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}
    )
    assert status == 403 and b"SERVICE is disabled" in body


def test_service_description_and_void(endpoint: RunningServer, store: OxigraphStore) -> None:
    status, headers, body = _request(endpoint, "GET", "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    sd = rdflib.Graph().parse(data=body, format="turtle")
    service = rdflib.URIRef(endpoint.sparql)
    assert (service, RDF.type, SD.Service) in sd
    assert (service, SD.endpoint, service) in sd
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in sd
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in sd
    assert (service, SD.feature, SD.UnionDefaultGraph) in sd
    assert len(list(sd.objects(service, SD.resultFormat))) >= 9
    _, _, void_body = _request(
        endpoint, "GET", "/.well-known/void", headers={"Accept": "application/n-triples"}
    )
    void = rdflib.Graph().parse(data=void_body, format="nt")
    dataset = next(void.subjects(RDF.type, VOID.Dataset))
    assert dataset in set(sd.objects(service, SD.defaultDataset))
    default_graph = store.inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
    assert int(void.value(dataset, VOID.triples)) == sum(1 for _ in default_graph)
    sources = {
        (row["g"].value, row["src"].value)  # type: ignore[union-attr]
        for row in store.select("SELECT ?g ?src { GRAPH ?g { ?g prov:wasDerivedFrom ?src } }").dicts()
    }
    described = {(str(g), str(src)) for g, src in void.subject_objects(PROV.wasDerivedFrom)}
    assert sources and described == sources
    subsets = {str(g) for g in void.objects(dataset, VOID.subset)}
    assert "https://w3id.org/rivalgraph/ontology" in subsets and len(subsets) == len(store.named_graphs())
    examples = {str(void.value(e, rdflib.RDFS.label)): str(void.value(e, SH.select))
                for e in void.subjects(RDF.type, SH.SPARQLExecutable)}  # fmt: skip
    assert set(examples) == set(load_registry())
    status, _, answer = _request(endpoint, "POST", "/sparql", examples["head-to-head"].encode(),
                                 {"Content-Type": "application/sparql-query"})  # fmt: skip
    assert status == 200 and b"jakob-ingebrigtsen" in answer


def test_browser_asking_the_endpoint_is_sent_to_the_editor(endpoint: RunningServer) -> None:
    html = {"Accept": "text/html,*/*;q=0.8"}
    status, headers, _ = _request(endpoint, "GET", "/sparql", headers=html)
    slash_status, slash_headers, _ = _request(endpoint, "GET", "/sparql/", headers=html)
    assert status == slash_status == 303
    base = endpoint.url + "sparql"
    assert urllib.parse.urljoin(base, headers["location"]) == endpoint.url
    assert urllib.parse.urljoin(base + "/", slash_headers["location"]) == endpoint.url


def test_named_query_files_are_served(endpoint: RunningServer) -> None:
    status, headers, body = _request(endpoint, "GET", "/queries/head-to-head.rq")
    assert status == 200 and headers["content-type"].startswith("application/sparql-query")
    assert b"VALUES (?athlete ?opponent)" in body


def test_cors_for_the_configured_origin_only(endpoint: RunningServer) -> None:
    path = "/sparql?query=ASK%7B%7D"
    _, allowed, _ = _request(endpoint, "GET", path, headers={"Origin": "https://research.example"})
    _, other, _ = _request(endpoint, "GET", path, headers={"Origin": "https://elsewhere.example"})
    status, preflight, _ = _request(endpoint, "OPTIONS", "/sparql", headers={
        "Origin": "https://research.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})  # fmt: skip
    assert allowed["access-control-allow-origin"] == "https://research.example"
    assert "access-control-allow-origin" not in other
    assert status == 200 and "POST" in preflight["access-control-allow-methods"]


def test_access_log_in_common_log_format(endpoint: RunningServer) -> None:
    _get(endpoint, {"query": "ASK { ?s ?p 'access-log-probe' }"})
    log = (endpoint.stderr.parent / "access.log").read_text(encoding="utf-8")
    line = next(line for line in log.splitlines() if "access-log-probe" in urllib.parse.unquote_plus(line))
    assert re.fullmatch(r'127\.0\.0\.1 - - \[\d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] '
                        r'"GET /sparql\?query=\S+ HTTP/1\.1" 200 \d+', line), line  # fmt: skip


def test_view_placeholder_says_how_to_get_a_view(endpoint: RunningServer) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(endpoint.url + "view", timeout=30)
    assert caught.value.code == 404
    assert b"rivalgraph serve --view" in caught.value.read()


def test_rdflib_sparql_store_reads_the_endpoint(endpoint: RunningServer, store: OxigraphStore) -> None:
    graph = rdflib.Graph(store="SPARQLStore")
    graph.open(endpoint.sparql)
    rows = list(graph.query(f"SELECT ?name WHERE {{ <{KERR}> rdfs:label ?name }}"))
    assert [str(row[0]) for row in rows] == ["Josh Kerr"]  # type: ignore[index]
    assert len(graph) == sum(1 for _ in store.inner.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_the_docs_sparqlwrapper_example_returns_one_row_per_athlete_and_nation(
    endpoint: RunningServer, store: OxigraphStore
) -> None:
    serve_page = (REPO / "docs" / "serve.md").read_text(encoding="utf-8")
    example = serve_page.split("from SPARQLWrapper import SPARQLWrapper, JSON", 1)[1].split("```", 1)[0]
    query = re.search(r'sparql\.setQuery\("""(.*?)"""\)', example, re.S)
    assert query is not None
    sparql = SPARQLWrapper(endpoint.sparql)
    sparql.setQuery(query.group(1))
    sparql.setReturnFormat(JSON)
    rows = sparql.queryAndConvert()["results"]["bindings"]  # type: ignore[index,call-overload]
    pairs = store.select("SELECT DISTINCT ?a ?n WHERE { ?a a rg:Athlete ; rg:nation ?n }").rows
    assert len(rows) == len(pairs) and all(len(row["nation"]["value"]) == 3 for row in rows)


@pytest.mark.parametrize(
    ("accept", "answered"),
    [("application/json", "application/ld+json"), ("application/xml", "application/rdf+xml"),
     ("application/sparql-results+json", "text/turtle"), ("application/sparql-results+xml", "text/turtle"),
     ("text/csv", "text/turtle")],
)  # fmt: skip
def test_a_graph_answer_never_strands_a_client_asking_for_results(
    endpoint: RunningServer, accept: str, answered: str
) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a rg:Athlete ; ?p ?o } LIMIT 20"
    status, headers, body = _get(endpoint, {"query": query}, accept)
    assert status == 200 and headers["content-type"].startswith(answered), (status, headers, body[:200])
    syntax = {"application/ld+json": "json-ld", "application/rdf+xml": "xml"}.get(answered, "turtle")
    assert len(rdflib.Graph().parse(data=body, format=syntax)) == 20


@pytest.mark.parametrize("return_format", ["json", "xml", "csv", "tsv"])
def test_rdflib_sparql_store_constructs_in_every_return_format(
    endpoint: RunningServer, return_format: str
) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = rdflib.Graph(SPARQLStore(endpoint.sparql, returnFormat=return_format))
    athlete = "<https://w3id.org/rivalgraph/ontology#Athlete>"
    answer = graph.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s a {athlete} ; ?p ?o }} LIMIT 7")
    assert answer.graph is not None and len(answer.graph) == 7
    if return_format in ("json", "xml"):
        assert graph.query(f"ASK {{ ?s a {athlete} }}").askAnswer is True
        return
    # CSV and TSV define no boolean (a bare "true" read as false): the endpoint answers 406
    # naming the formats that work, which rdflib reports as a ValueError over the HTTP error.
    with pytest.raises(ValueError) as refused:
        graph.query(f"ASK {{ ?s a {athlete} }}")
    http_error = refused.value.__cause__ or refused.value.__context__
    assert isinstance(http_error, urllib.error.HTTPError) and http_error.code == 406
    assert b"application/sparql-results+json" in http_error.read()
