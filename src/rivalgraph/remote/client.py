"""One place that talks HTTP to a SPARQL server through SPARQLWrapper, and names it on failure.

:func:`request` sends a query or an update and returns the response body and
headers; every failure becomes a :class:`RemoteError` that names the endpoint
and says what to check, instead of a urllib traceback.

Examples
--------
>>> try:
...     request(Call("http://127.0.0.1:9/sparql", "ASK {}"))
... except EndpointUnreachable as error:
...     print(str(error).split(":")[0])
cannot reach the SPARQL endpoint http
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.client import HTTPException

from SPARQLWrapper import BASIC as SW_BASIC
from SPARQLWrapper import DIGEST, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
)

from rivalgraph.errors import RivalgraphError
from rivalgraph.version import __version__

__all__ = [
    "USER_AGENT",
    "Call",
    "Response",
    "RemoteError",
    "EndpointUnreachable",
    "query_type",
    "request",
]

_UPDATES = {"INSERT", "DELETE", "CREATE", "CLEAR", "DROP", "LOAD", "COPY", "MOVE", "ADD"}
USER_AGENT = f"rivalgraph/{__version__} (+https://w3id.org/rivalgraph)"

# Virtuoso echoes every named-graph-uri of a request as an X-SPARQL-named-graph header,
# and http.client refuses an answer with more than 100 headers: a store of more than
# about 95 source graphs could not be queried.  (No public setting exists; this one is global.)
http.client._MAXHEADERS = max(getattr(http.client, "_MAXHEADERS", 100), 100_000)  # type: ignore[attr-defined]


class RemoteError(RivalgraphError):
    """A SPARQL server refused or failed a request; the message names the endpoint."""

    def __init__(self, message: str, status: int | None = None,
                 headers: Mapping[str, str] | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.status = status
        self.headers = dict(headers or {})


class EndpointUnreachable(RemoteError):
    """Nothing answers at the endpoint's address (closed port, unknown host, timeout)."""


@dataclass(frozen=True)
class Call:
    """One request: the endpoint, the text, and what to send with it."""

    url: str
    text: str
    update: bool = False
    accept: str = JSON
    default_graphs: Sequence[str] = ()
    named_graphs: Sequence[str] = ()
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str = "digest"
    timeout: int = 120
    agent: str = USER_AGENT


@dataclass(frozen=True)
class Response:
    """A successful answer: the body as bytes and the headers (lower-case names)."""

    body: bytes
    headers: dict[str, str]


def query_type(text: str) -> str:
    """Return the form of a query or update as SPARQLWrapper reads it (``SELECT``, ``INSERT`` ...).

    >>> query_type("PREFIX a: <urn:a> CONSTRUCT WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    probe = SPARQLWrapper("http://127.0.0.1/")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        probe.setQuery(text)
    return str(probe.queryType)


def _wrapper(call: Call) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(call.url, updateEndpoint=call.url, agent=call.agent)
    wrapper.setMethod(POST)
    wrapper.setOnlyConneg(True)
    wrapper.setTimeout(call.timeout)
    wrapper.setReturnFormat(call.accept if call.accept in (JSON, TURTLE) else JSON)
    for graph in call.default_graphs:
        wrapper.addDefaultGraph(graph)
    for graph in call.named_graphs:
        wrapper.addNamedGraph(graph)
    if call.user and call.password:
        wrapper.setHTTPAuth(DIGEST if call.auth == "digest" else SW_BASIC)
        wrapper.setCredentials(call.user, call.password)
    else:
        # SPARQLWrapper installs its Digest handler as urllib's global opener: drop it,
        # so credentials given for one request are not sent with the next.
        urllib.request.install_opener(urllib.request.build_opener())
    wrapper.setQuery(call.text)
    return wrapper


def _detail(error: SPARQLWrapperException | urllib.error.HTTPError) -> str:
    """The server's own words: the first lines of the response body, without the echoed query."""
    body: object = error.args[0] if error.args else error
    if isinstance(error, urllib.error.HTTPError):
        body = error.read()
    text = str(body)
    if "Response:" in text:
        text = text.split("Response:", 1)[1].strip()
        if text.startswith(("b'", 'b"')):
            text = text[2:-1].encode("latin-1", "backslashreplace").decode("unicode_escape", "replace")
    text = text.split("SPARQL query:", 1)[0]
    return " ".join(text.split())[:500]


def request(call: Call) -> Response:
    """Send ``call`` and return the server's answer.

    Raises
    ------
    SyntaxError
        The server says the query is malformed (HTTP 400), as the embedded engine would.
    EndpointUnreachable
        Nothing answers at the address.
    RemoteError
        Any other refusal or failure, naming the endpoint and the status.
    """
    if (query_type(call.text) in _UPDATES) != call.update:
        kind = "an update" if call.update else "a query"
        raise ValueError(f"not {kind}: {call.text[:60]!r}")
    wrapper = _wrapper(call)
    try:
        result = wrapper.query()
        response = result.response
        return Response(response.read(), {k.lower(): v for k, v in response.headers.items()})
    except QueryBadFormed as error:
        if call.update:
            raise RemoteError(f"{call.url} refused the update: {_detail(error)}", 400) from error
        raise SyntaxError(f"{call.url} refused the query: {_detail(error)}") from error
    except Unauthorized as error:
        who = f"as {call.user!r}" if call.user else "without credentials"
        raise RemoteError(
            f"{call.url} refused the request {who} (HTTP 401): set RIVALGRAPH_SPARQL_USER and "
            "RIVALGRAPH_SPARQL_PASSWORD to an account allowed to update",
            401,
        ) from error
    except EndPointNotFound as error:
        raise RemoteError(f"no SPARQL endpoint at {call.url} (HTTP 404)", 404) from error
    except EndPointInternalError as error:
        raise RemoteError(f"{call.url} failed (HTTP 500): {_detail(error)}", 500) from error
    except urllib.error.HTTPError as error:
        raise RemoteError(
            f"{call.url} answered HTTP {error.code}: {_detail(error)}", error.code, dict(error.headers)
        ) from error
    except (TimeoutError, urllib.error.URLError, ConnectionError, HTTPException) as error:
        reason = getattr(error, "reason", error)
        raise EndpointUnreachable(
            f"cannot reach the SPARQL endpoint {call.url}: {reason} "
            "(is the server running, and the URL right?)"
        ) from error
