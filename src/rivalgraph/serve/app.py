"""The HTTP application: routes, policies and answers (Starlette).

=====================  ====================================================
``/``                  the query editor (YASGUI, preloaded with the named queries)
``/sparql``            the SPARQL 1.1 endpoint; a plain GET answers its service description
``/.well-known/void``  the VoID description of the dataset (also ``/void``)
``/rdf-graph-store``   the Graph Store Protocol (reads; writes need the update token)
``/queries/NAME.rq``   a named query as a standalone example
``/view``              the interactive rivalry view, if the server was given one
``/static/...``        the page's assets, from the package
=====================  ====================================================

Every query and update runs on a worker process (:mod:`rivalgraph.serve.pool`);
this module only reads requests, applies the policy (read-only, no SERVICE or
LOAD), negotiates the answer's format and passes the worker's bytes on.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from rivalgraph.serve.accesslog import AccessLog, AccessLogMiddleware
from rivalgraph.serve.config import ServerConfig
from rivalgraph.serve.describe import DESCRIPTION_PREFIXES, description
from rivalgraph.serve.errors import (
    Overloaded,
    ProtocolError,
    Refused,
    ServeError,
    Unauthorized,
)
from rivalgraph.serve.examples import Example, examples
from rivalgraph.serve.guard import check_depth, check_remote
from rivalgraph.serve.jobs import Job, Reply
from rivalgraph.serve.negotiate import (
    BOOLEANS,
    GRAPHS,
    RESULTS,
    choose,
    choose_graph,
    content_type,
    parse_accept,
)
from rivalgraph.serve.page import editor_page, view_placeholder
from rivalgraph.serve.pool import WorkerPool
from rivalgraph.serve.protocol import ALLOWED_METHODS, Operation, parse_request
from rivalgraph.serve.using import apply_using
from rivalgraph.sparql_lexer import query_form

__all__ = ["create_app", "STATIC"]

STATIC = Path(__file__).parent / "static"
_GRAPH_STORE_METHODS = "GET, HEAD, PUT, POST, DELETE, OPTIONS"


class _State:
    """What the handlers share: settings, workers, cached descriptions."""

    def __init__(self, config: ServerConfig, pool: WorkerPool) -> None:
        self.config = config
        self.pool = pool
        self.examples: list[Example] = examples()
        self.stats: dict[str, Any] | None = None

    async def get_stats(self) -> dict[str, Any]:
        if self.stats is None:
            reply = await self.pool.run(Job("stats"), timeout=max(self.config.timeout, 60.0))
            if reply.status != 200:
                raise ServeError(f"cannot describe the dataset: {reply.body.decode(errors='replace')}")
            self.stats = json.loads(reply.body)
        return self.stats


def _answer(reply: Reply) -> Response:
    return Response(reply.body, reply.status, headers=dict(reply.headers), media_type=reply.content_type)


def _error(error: ServeError) -> Response:
    headers: dict[str, str] = {}
    if isinstance(error, ProtocolError):
        headers.update(error.headers)
    if isinstance(error, Overloaded):
        headers["Retry-After"] = "1"
    if isinstance(error, Unauthorized):
        headers["WWW-Authenticate"] = 'Bearer realm="rivalgraph"'
    return _answer(Reply.text(error.status, error.message, **{
        k.replace("-", "_"): v for k, v in headers.items()}))  # fmt: skip


def _too_large(limit: int) -> str:
    return f"the request body is larger than this endpoint's limit of {limit} bytes"


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ProtocolError(413, _too_large(limit))
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ProtocolError(413, _too_large(limit))
            chunks.append(chunk)
    except ClientDisconnect as error:
        # The client went away, or missed the body deadline (serve.deadlines): the
        # answer goes nowhere, but the access log records it as a timeout.
        raise ProtocolError(408, "the request body did not arrive in time") from error
    return b"".join(chunks)


def _client(request: Request) -> str | None:
    """Who sent the request, for the per-client share of workers: the socket's address, or the
    client a trusted proxy names (``--trusted-proxy``; uvicorn's proxy-headers middleware)."""
    return request.client.host if request.client else None


def _endpoint_url(request: Request) -> str:
    return str(request.url.replace(query="", fragment=""))


def _authorize(request: Request, config: ServerConfig, what: str) -> None:
    if config.update_token is None:
        raise Refused(
            f"this endpoint is read-only: {what} is disabled. An operator can enable it with "
            "`rivalgraph serve --update-token ...` (env RIVALGRAPH_UPDATE_TOKEN)"
        )
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), config.update_token.encode()
    ):
        raise Unauthorized(f"{what} needs the header 'Authorization: Bearer <the operator's token>'")


def _prefers_html(accept: str | None) -> bool:
    ranges = parse_accept(accept)
    html = max((r.q for r in ranges if (r.kind, r.subtype) == ("text", "html")), default=0.0)
    rdf = choose(GRAPHS, accept)
    rdf_q = max((r.q for r in ranges if rdf and r.matches(rdf.media_type) > 0), default=0.0)
    return html > 0 and html >= rdf_q


async def _describe(request: Request, state: _State, endpoint: str) -> Response:
    accept = request.headers.get("accept")
    chosen = choose(GRAPHS, accept)
    if chosen is None:
        raise ProtocolError(406, "a description is available as RDF: " + ", ".join(
            dict.fromkeys(f.media_type for f in GRAPHS)))  # fmt: skip
    triples = description(
        endpoint, await state.get_stats(), update=not state.config.read_only, examples=state.examples
    )
    body = ox.serialize(triples, format=chosen.rdf, prefixes=DESCRIPTION_PREFIXES)
    return Response(body, 200, media_type=content_type(chosen), headers={"Vary": "Accept"})


def _vet_query(text: str, allow_remote: bool) -> str | None:
    """Refuse SERVICE unless allowed; return the query's form if recognisable."""
    check_depth(text)
    if not allow_remote:
        check_remote(text, update=False)
    return query_form(text)


def _vet_update(operation: Operation, allow_remote: bool) -> str:
    """Refuse SERVICE and LOAD unless allowed; write the protocol's dataset into the text."""
    check_depth(operation.text)
    if not allow_remote:
        check_remote(operation.text, update=True)
    return apply_using(operation.text, operation.default_graphs, operation.named_graphs)


#: The access log's status for a read whose client went away before a worker took it up.
CLIENT_GONE = 499


async def _until_disconnected(request: Request) -> None:
    # A body the handler did not read (a GET's empty one) comes first; then only the disconnect.
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def _read(request: Request, state: _State, job: Job) -> Reply | Response:
    """Run a read-only ``job``, dropping it if its client disconnects first.

    A request still waiting for a worker when its client goes away gives its
    place in the queue back at once, so the backlog of a flood that has
    stopped does not delay the clients that come after it (a query already
    running finishes on its worker: pyoxigraph cannot stop it).
    """
    run = asyncio.ensure_future(state.pool.run(job, client=_client(request)))
    gone = asyncio.ensure_future(_until_disconnected(request))
    await asyncio.wait({run, gone}, return_when=asyncio.FIRST_COMPLETED)
    if run.done():
        gone.cancel()
        return run.result()
    run.cancel()
    return Response(status_code=CLIENT_GONE)


async def _query(request: Request, state: _State, operation: Operation) -> Response:
    accept = request.headers.get("accept")
    # Tokenizing a long query takes a while (about 1 s per MiB): off the event loop.
    form = await asyncio.to_thread(_vet_query, operation.text, state.config.allow_remote)
    if form is not None:
        formats = {"SELECT": RESULTS, "ASK": BOOLEANS}.get(form, GRAPHS)
        chosen = choose_graph(accept) if formats is GRAPHS else choose(formats, accept)
        if chosen is None:
            offered = ", ".join(dict.fromkeys(f.media_type for f in formats))
            raise ProtocolError(406, f"the answer to {form} is available as: {offered}; not {accept!r}")
    job = Job(
        "query",
        operation.text,
        default_graphs=operation.default_graphs,
        named_graphs=operation.named_graphs,
        base_iri=_endpoint_url(request),
        accept=accept,
    )
    reply = await _read(request, state, job)
    if isinstance(reply, Response):
        return reply
    response = _answer(reply)
    response.headers["Vary"] = "Accept"
    return response


async def _update(request: Request, state: _State, operation: Operation) -> Response:
    _authorize(request, state.config, "SPARQL Update")
    text = await asyncio.to_thread(_vet_update, operation, state.config.allow_remote)
    job = Job("update", text, base_iri=_endpoint_url(request))
    reply = await state.pool.run(job, client=_client(request))
    state.stats = None
    return _answer(reply)


def _handlers(state: _State) -> dict[str, Any]:
    config = state.config

    async def endpoint(request: Request) -> Response:
        try:
            if request.method == "OPTIONS":
                return Response(status_code=204, headers={"Allow": ALLOWED_METHODS})
            body = b"" if request.method in ("GET", "HEAD") else await _body(request, config.max_body)
            operation = parse_request(
                request.method, request.url.query, request.headers.get("content-type"), body
            )
            if operation is None:
                if _prefers_html(request.headers.get("accept")):
                    # Relative, so that it also works behind a proxy that adds a path prefix.
                    return RedirectResponse("../" if request.url.path.endswith("/") else "./", 303)
                return await _describe(request, state, _endpoint_url(request))
            if operation.kind == "query":
                return await _query(request, state, operation)
            return await _update(request, state, operation)
        except ServeError as error:
            return _error(error)

    async def void(request: Request) -> Response:
        try:
            base = str(request.base_url).rstrip("/")
            return await _describe(request, state, f"{base}/sparql")
        except ServeError as error:
            return _error(error)

    async def graph_store(request: Request) -> Response:
        try:
            return await _graph_store(request, state)
        except ServeError as error:
            return _error(error)

    async def page(request: Request) -> HTMLResponse:
        base = str(request.base_url).rstrip("/")
        return HTMLResponse(
            editor_page(state.examples, update=not config.read_only, endpoint=f"{base}/sparql")
        )

    async def named_query(request: Request) -> Response:
        name = request.path_params["name"]
        for example in state.examples:
            if example.name == name:
                return Response(example.text, media_type="application/sparql-query")
        return Response(f"no named query {name!r}\n", 404, media_type="text/plain")

    async def view(request: Request) -> Response:
        if config.view is not None:
            return FileResponse(config.view, media_type="text/html")
        return HTMLResponse(view_placeholder(), status_code=404)

    return {"endpoint": endpoint, "void": void, "graph_store": graph_store, "page": page,
            "named_query": named_query, "view": view}  # fmt: skip


async def _graph_store(request: Request, state: _State) -> Response:
    """SPARQL 1.1 Graph Store HTTP Protocol: ``?graph=IRI`` or ``?default``."""
    config = state.config
    method = request.method
    if method == "OPTIONS":
        return Response(status_code=204, headers={"Allow": _GRAPH_STORE_METHODS})
    params = request.query_params
    graphs = params.getlist("graph")
    if ("default" in params) == bool(graphs) or len(graphs) > 1:
        raise ProtocolError(400, "name one graph: ?graph=IRI, or ?default for the default graph")
    target = graphs[0] if graphs else None
    if method in ("GET", "HEAD"):
        job = Job("graph-get", graph=target, accept=request.headers.get("accept"))
        reply = await _read(request, state, job)
        return reply if isinstance(reply, Response) else _answer(reply)
    kinds = {"PUT": "graph-put", "POST": "graph-post", "DELETE": "graph-delete"}
    if method not in kinds:
        raise ProtocolError(405, f"{method} is not allowed here", {"Allow": _GRAPH_STORE_METHODS})
    _authorize(request, config, "writing through the Graph Store Protocol")
    body = b"" if method == "DELETE" else await _body(request, config.max_body)
    job = Job(kinds[method], graph=target, content_type=request.headers.get("content-type"), body=body)
    reply = await state.pool.run(job, client=_client(request))
    state.stats = None
    return _answer(reply)


def create_app(config: ServerConfig, pool: WorkerPool, access_log: AccessLog | None) -> Starlette:
    """The ASGI application for ``config``, running its jobs on ``pool``."""
    state = _State(config, pool)
    handlers = _handlers(state)
    every = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
    routes = [
        Route("/", handlers["page"], methods=["GET"]),
        Route("/sparql", handlers["endpoint"], methods=every),
        Route("/sparql/", handlers["endpoint"], methods=every),
        Route("/.well-known/void", handlers["void"], methods=["GET"]),
        Route("/void", handlers["void"], methods=["GET"]),
        Route("/rdf-graph-store", handlers["graph_store"], methods=every),
        Route("/queries/{name}.rq", handlers["named_query"], methods=["GET"]),
        Route("/view", handlers["view"], methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = []
    if access_log is not None:
        middleware.append(Middleware(AccessLogMiddleware, log=access_log))
    if config.cors:
        methods = ["GET", "POST", "OPTIONS"] + ([] if config.read_only else ["PUT", "DELETE"])
        middleware.append(Middleware(
            CORSMiddleware,
            allow_origins=list(config.cors),
            allow_methods=methods,
            allow_headers=["Accept", "Content-Type", "Authorization"],
            expose_headers=["Retry-After", "X-Rivalgraph-Limit"],
            max_age=600,
        ))  # fmt: skip
    app = Starlette(routes=routes, middleware=middleware)
    # A path without its slash is not found, not redirected: Starlette's redirect builds the
    # Location from the client's Host header, and answers 307 (undocumented) to a target "?".
    app.router.redirect_slashes = False
    app.state.rivalgraph = state
    return app
