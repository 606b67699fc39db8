"""SERVICE and LOAD are refused however they are written, and only where the parser would see them.

Each "sneaky" case is first shown to be real: pyoxigraph, given the text,
does send a request to a local HTTP server.  Then the guard must refuse it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rivalgraph.serve.errors import Refused
from rivalgraph.serve.guard import check_remote
from rivalgraph.sparql_lexer import keyword_hits, query_form, tokenize


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        type(self).hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def target() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records the requests pyoxigraph sends it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", _Recorder.hits
    server.shutdown()
    server.server_close()


SNEAKY_QUERIES = {
    "plain": "SELECT * { SERVICE <{u}a> {} }",
    "lower case": "select * { service <{u}b> {} }",
    "no spaces": "SELECT * {SERVICE<{u}c>{}}",
    "glued to a prefixed name": "PREFIX ex: <{u}> SELECT * { SERVICEex:d {} }",
    "read as the empty prefix": "PREFIX : <{u}> SELECT * { service:e {} }",
    "after a number": "SELECT * { ?s ?p 1SERVICE<{u}f>{} }",
    "after a dot": "SELECT * { ?s ?p ?o.SERVICE<{u}g>{} }",
    "glued to SILENT": "SELECT * { SERVICESILENT<{u}h>{} }",
    "after a string": 'SELECT * { ?s ?p "x"SERVICE<{u}i>{} }',
    "after a comment line": "SELECT * { # SERVICE\n SERVICE <{u}j> {} }",
    "after a long string": 'SELECT * { ?s ?p """a " b""" SERVICE <{u}k> {} }',
    "inside a subquery": "SELECT * { { SELECT * { SERVICE <{u}l> {} } } }",
    "inside EXISTS": "SELECT * { FILTER EXISTS { SERVICE <{u}m> {} } }",
}
SNEAKY_UPDATES = {
    "plain": "LOAD <{u}z>",
    "glued": "LOAD<{u}y>",
    "glued to a prefixed name": "PREFIX ex: <{u}> LOADex:x",
    "second operation": "CLEAR SILENT GRAPH <urn:g> ; load <{u}w>",
}


def _fill(template: str, url: str) -> str:
    return template.replace("{u}", url)


@pytest.mark.parametrize("name", SNEAKY_QUERIES)
def test_sneaky_service_reaches_the_network_and_is_refused(name: str, target: tuple[str, list[str]]) -> None:
    url, hits = target
    text = _fill(SNEAKY_QUERIES[name], url)
    before = len(hits)
    try:
        result = ox.Store().query(text)
        if isinstance(result, ox.QuerySolutions):
            list(result)
    except (OSError, RuntimeError):
        pass
    assert len(hits) > before, "pyoxigraph did not call the service: the case is not real"
    with pytest.raises(Refused, match="SERVICE is disabled"):
        check_remote(text, update=False)


@pytest.mark.parametrize("name", SNEAKY_UPDATES)
def test_sneaky_load_reaches_the_network_and_is_refused(name: str, target: tuple[str, list[str]]) -> None:
    url, hits = target
    text = _fill(SNEAKY_UPDATES[name], url)
    before = len(hits)
    with pytest.raises(OSError):
        ox.Store().update(text)
    assert len(hits) > before
    with pytest.raises(Refused, match="LOAD is disabled"):
        check_remote(text, update=True)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * { ?s ?p "SERVICE <http://x/> {}" }',
        "SELECT * { ?s ?p ?o } # SERVICE <http://x/> {}",
        "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> SELECT * { ?s a sd:Service }",
        "SELECT ?service WHERE { ?service <https://schema.org/serviceType> ?type }",
        "PREFIX schema: <https://schema.org/> SELECT * { ?s schema:serviceType ?t ; schema:LOAD ?x }",
        "SELECT * { ?s ?p 'load it' . ?s ?q _:service }",
        "SELECT * { ?s ?p ?o FILTER(LANG(?o) = 'en') }",
    ],
)
def test_harmless_mentions_pass_and_parse(text: str) -> None:
    check_remote(text, update=True)
    ox.Store().query(text)


def test_escaped_keyword_is_refused_as_the_spec_would_read_it() -> None:
    # SPARQL allows \u escapes anywhere; this Oxigraph does not decode them
    # outside strings, a future one might: refuse either way.
    with pytest.raises(Refused):
        check_remote(r"SELECT * { \u0053ERVICE <http://example.org/> {} }", update=False)


def test_refusal_names_line_and_column() -> None:
    with pytest.raises(Refused, match=r"line 2, column 3"):
        check_remote("SELECT * {\n  SERVICE <http://x/> {} }", update=False)


_FILLER = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters='"\\\n\r'),
                  max_size=40)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(before=_FILLER, after=_FILLER)
def test_keyword_inside_a_string_is_never_a_hit(before: str, after: str) -> None:
    text = f'SELECT * {{ ?s ?p "{before}SERVICE{after}" }}'
    assert keyword_hits(text, "service") == []


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_tokens_cover_the_text_exactly(text: str) -> None:
    assert "".join(token.text for token in tokenize(text)) == text


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * {}", "SELECT"),
        ("PREFIX a: <urn:a#> BASE <http://b/> ask {}", "ASK"),
        ("# CONSTRUCT\nDESCRIBE <urn:x>", "DESCRIBE"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("INSERT DATA {}", None),
    ],
)
def test_query_form(text: str, form: str | None) -> None:
    assert query_form(text) == form
