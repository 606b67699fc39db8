"""Start the endpoint: the worker processes, then the HTTP server (uvicorn).

Why Starlette and uvicorn rather than the standard library's
``ThreadingHTTPServer``: uvicorn parses HTTP with a maintained, hardened
parser, keeps connections alive and shuts down gracefully; Starlette brings
tested CORS and static-file handling.  Slow clients are cut off by deadlines
added to uvicorn's h11 protocol (:mod:`rivalgraph.serve.deadlines`), and open
connections are capped in all and per client (:mod:`rivalgraph.serve.connections`).
The standard server starts a thread per connection with no bound and would need
all of that rewritten here.

The socket is bound here, before uvicorn starts, so that ``--port 0`` picks a
free port and the URL printed on the first line of standard output is the
real one (tests and scripts read it).
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import uvicorn

from rivalgraph.serve.accesslog import open_access_log
from rivalgraph.serve.app import create_app
from rivalgraph.serve.config import ServerConfig
from rivalgraph.serve.connections import protocol_with_limits
from rivalgraph.serve.errors import ConfigError
from rivalgraph.serve.jobs import Limits
from rivalgraph.serve.pool import WorkerPool
from rivalgraph.serve.worker import WorkerSpec
from rivalgraph.store import StoreError, StoreLocation

__all__ = ["serve", "listening_socket"]


def listening_socket(host: str, port: int) -> socket.socket:
    """Bind a listening TCP socket (IPv6 if ``host`` is an IPv6 address).

    Raises
    ------
    ConfigError
        If the address is taken or cannot be used.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        # IPPROTO_TCP explicitly: asyncio turns Nagle's algorithm off (TCP_NODELAY)
        # only on sockets that say so, and with it on, a keep-alive client waits
        # 40 ms for every answer sent in two writes (headers, then body).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as error:
        raise ConfigError(f"cannot listen on {host}:{port}: {error.strerror or error}") from error
    sock.set_inheritable(True)
    return sock


def _url(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(config: ServerConfig) -> None:
    """Run the endpoint until interrupted (Ctrl-C or SIGTERM)."""
    location = StoreLocation(Path(config.store))
    build = location.current()
    if build is None:
        raise StoreError(f"no graph has been built at {config.store}: run `rivalgraph build` first")
    # Every worker serves this build until the server restarts, never a mix of old and new:
    # a build published meanwhile neither moves them nor deletes it (the lease).
    spec = WorkerSpec(
        location=str(config.store),
        writable=not config.read_only,
        limits=Limits(max_rows=config.max_rows, max_bytes=config.max_bytes),
        isolate=not config.allow_remote,
        build=str(build),
        memory=config.worker_memory * 2**20,
    )
    with location.reading(build):
        _run(config, spec)


def _run(config: ServerConfig, spec: WorkerSpec) -> None:
    sock = listening_socket(config.host, config.port)
    log = open_access_log(config.access_log)  # before the workers: a bad path fails at once
    pool = WorkerPool(spec, config.effective_workers, config.queue, config.timeout, config.per_client)
    try:
        pool.start()
        app = create_app(config, pool, log)
        url = _url(sock, config.host)
        print(f"rivalgraph endpoint at {url}sparql (query editor at {url})", flush=True)
        _report(config, pool)
        print(f"  serving the build {Path(spec.build or '').name}; a build published later is "
              "served after a restart", file=sys.stderr, flush=True)  # fmt: skip
        total, per_client = config.connection_limits
        server = uvicorn.Server(uvicorn.Config(
            app,
            http=protocol_with_limits(config.header_timeout, config.body_timeout, total, per_client,
                                      config.send_timeout),
            log_level="warning",
            access_log=False,
            lifespan="off",
            # The caps of serve.connections answer first (with Retry-After); uvicorn's own
            # (a bare 503) stays as a backstop above them.
            limit_concurrency=2 * total,
            # X-Forwarded-For only from the configured proxies, read by uvicorn's own middleware
            # (right-most untrusted address); from anyone else it is ignored.
            proxy_headers=bool(config.trusted_proxies),
            forwarded_allow_ips=list(config.trusted_proxies) or None,
            timeout_graceful_shutdown=5,
            server_header=False,
        ))  # fmt: skip
        server.run(sockets=[sock])
    finally:
        pool.close()
        sock.close()


def _report(config: ServerConfig, pool: WorkerPool) -> None:
    mode = "read-only" if config.read_only else "updates enabled for the token's holders"
    network = (
        "SERVICE and LOAD allowed"
        if config.allow_remote
        else "SERVICE and LOAD refused"
        + ("; workers have no network" if pool.isolated else "; workers' network not isolated here")
    )
    print(
        f"  {mode}; {pool.size} workers, queue {config.queue} (at most {pool.per_client} per client), "
        f"time limit {config.timeout:g} s, {config.worker_memory} MiB of memory per query, "
        f"{config.connection_limits[0]} connections "
        f"({config.connection_limits[1]} per client), "
        f"at most {config.max_rows} rows; requests must arrive within {config.header_timeout:g} s "
        f"(headers) and {config.body_timeout:g} s (body); {network}",
        file=sys.stderr,
        flush=True,
    )
    if not config.read_only and config.workers > 1:
        print("  one worker only: the store has a single writer when updates are on",
              file=sys.stderr, flush=True)  # fmt: skip
