"""How a push writes to a SPARQL server: the Graph Store Protocol (bulk) or SPARQL 1.1 Update.

A :class:`Writer` empties a graph, adds a :class:`~rivalgraph.remote.plan.Batch`
of N-Triples to it, or drops it.  :class:`GspWriter` sends each batch with ``POST``
as one N-Triples document, :data:`GSP_BATCH` triples at a time (the bulk path);
:class:`UpdateWriter` sends ``INSERT DATA`` of :data:`BATCH` triples (Virtuoso
gets ``DEFINE sql:big-data-const 1`` so a request may hold thousands of
triples).  :func:`writer_for` takes the Graph Store Protocol when its URL is
known.

Examples
--------
>>> from rivalgraph.remote.spec import RemoteSpec
>>> spec = RemoteSpec("http://127.0.0.1:9/sparql", gsp_url="http://127.0.0.1:9/gsp")
>>> writer = writer_for(spec)
>>> type(writer).__name__, writer.batch_size
('GspWriter', 50000)
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPException
from typing import Protocol
from urllib.parse import quote

from rivalgraph.remote.client import USER_AGENT, Call, EndpointUnreachable, RemoteError, request
from rivalgraph.remote.plan import Batch
from rivalgraph.remote.spec import RemoteSpec, RemoteSpecError

__all__ = ["BATCH", "BLANK_BATCH", "GSP_BATCH", "Writer", "UpdateWriter", "GspWriter", "is_virtuoso",
           "writer_for"]  # fmt: skip

#: Triples per SPARQL Update request: Virtuoso accepts about 4000 per INSERT DATA with big-data-const.
BATCH = 4000
#: Triples per SPARQL Update request that holds blank nodes (an INSERT template: Virtuoso compiles
#: it to SQL, and refuses one that grows past 10,000 lines of SQL).
BLANK_BATCH = 400
#: Triples per Graph Store Protocol request (about 5 MB of N-Triples, under a second on Virtuoso;
#: large enough to amortise a request, small enough that a timeout or a retry costs little).
GSP_BATCH = 50_000


class Writer(Protocol):
    """What a push needs from a server: empty a graph, add triples to it, drop it.

    ``batch_size`` and ``blank_batch_size`` say how many triples one ``insert`` may take.
    """

    batch_size: int
    blank_batch_size: int

    def clear(self, graph: str) -> None: ...
    def insert(self, graph: str, batch: Batch) -> None: ...
    def drop(self, graph: str) -> None: ...


@dataclass
class UpdateWriter:
    """Write with SPARQL 1.1 Update through SPARQLWrapper."""

    spec: RemoteSpec
    virtuoso: bool = False
    timeout: int = 300
    batch_size: int = BATCH
    blank_batch_size: int = BLANK_BATCH

    def _update(self, text: str) -> None:
        assert self.spec.update_url is not None
        prefix = "DEFINE sql:big-data-const 1\n" if self.virtuoso else ""
        request(Call(self.spec.update_url, prefix + text, update=True, user=self.spec.user,
                     password=self.spec.password, auth=self.spec.auth, timeout=self.timeout))  # fmt: skip

    def clear(self, graph: str) -> None:
        self._update(f"CLEAR SILENT GRAPH <{graph}>")

    def drop(self, graph: str) -> None:
        self._update(f"DROP SILENT GRAPH <{graph}>")

    def insert(self, graph: str, batch: Batch) -> None:
        if batch.blank:
            # Virtuoso refuses blank nodes in INSERT DATA; a template instantiated
            # once is standard SPARQL and keeps the labels of one request together.
            self._update(f"INSERT {{ GRAPH <{graph}> {{\n{batch.text}\n}} }} WHERE {{}}")
        else:
            self._update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{batch.text}\n}} }}")


@dataclass
class GspWriter:
    """Write with the SPARQL 1.1 Graph Store Protocol (``POST``/``DELETE`` with ``?graph=``).

    One request is one N-Triples document, which scopes its blank nodes, so a
    batch with blank nodes may be as large as any other.
    """

    spec: RemoteSpec
    timeout: int = 300
    batch_size: int = GSP_BATCH
    blank_batch_size: int = GSP_BATCH
    _opener: urllib.request.OpenerDirector = field(init=False, repr=False)

    def __post_init__(self) -> None:
        handlers: list[urllib.request.BaseHandler] = []
        if self.spec.user and self.spec.password:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, self.spec.gsp_url or "", self.spec.user, self.spec.password)
            handlers.append(urllib.request.HTTPDigestAuthHandler(manager) if self.spec.auth == "digest"
                            else urllib.request.HTTPBasicAuthHandler(manager))  # fmt: skip
        self._opener = urllib.request.build_opener(*handlers)

    def _send(self, method: str, graph: str, body: bytes | None = None, missing_ok: bool = False) -> None:
        assert self.spec.gsp_url is not None
        url = f"{self.spec.gsp_url}?graph={quote(graph, safe='')}"
        call = urllib.request.Request(url, data=body, method=method)
        call.add_header("User-Agent", USER_AGENT)
        if body is not None:
            call.add_header("Content-Type", "application/n-triples; charset=utf-8")
        try:
            with self._opener.open(call, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            if missing_ok and error.code == 404:
                return
            detail = " ".join(error.read().decode("utf-8", "replace").split())[:400]
            raise RemoteError(f"{self.spec.gsp_url} answered HTTP {error.code} to {method} "
                              f"graph {graph}: {detail}", error.code) from error  # fmt: skip
        except (urllib.error.URLError, OSError, HTTPException) as error:
            # HTTPException: the server went away mid-answer (IncompleteRead, BadStatusLine).
            raise EndpointUnreachable(
                f"cannot reach the Graph Store endpoint {self.spec.gsp_url}: "
                f"{getattr(error, 'reason', error)}"
            ) from error

    def clear(self, graph: str) -> None:
        self._send("DELETE", graph, missing_ok=True)

    def drop(self, graph: str) -> None:
        self._send("DELETE", graph, missing_ok=True)

    def insert(self, graph: str, batch: Batch) -> None:
        self._send("POST", graph, (batch.text + "\n").encode("utf-8"))


def is_virtuoso(spec: RemoteSpec) -> bool:
    """Ask the server who it is (its ``Server`` header) with a trivial query."""
    response = request(Call(spec.query_url, "ASK {}", timeout=30))
    return "virtuoso" in response.headers.get("server", "").lower()


def writer_for(spec: RemoteSpec, method: str = "auto") -> Writer:
    """Choose how to write: the Graph Store Protocol when its URL is known (bulk), else SPARQL Update.

    Raises
    ------
    RemoteSpecError
        Neither URL is known, or the one ``method`` asks for is missing.
    """
    if method == "gsp" or (method == "auto" and spec.gsp_url):
        if not spec.gsp_url:
            raise RemoteSpecError("method 'gsp' needs the Graph Store Protocol URL (or RIVALGRAPH_GSP_URL)",
                                  options=("gsp_url",))  # fmt: skip
        return GspWriter(spec)
    if not spec.update_url:
        raise RemoteSpecError(
            f"pushing to {spec.query_url} needs its update endpoint (or set RIVALGRAPH_UPDATE_URL), "
            "or a Graph Store Protocol URL (or RIVALGRAPH_GSP_URL)",
            options=("update_url", "gsp_url"),
        )
    return UpdateWriter(spec, virtuoso=is_virtuoso(spec))
