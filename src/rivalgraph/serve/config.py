"""The endpoint's settings, checked once at start-up.

Examples
--------
>>> config = ServerConfig(store="st")
>>> config.host, config.port, config.timeout, config.max_rows, config.read_only
('127.0.0.1', 7878, 10.0, 100000, True)
>>> ServerConfig(store="st", timeout=0)
Traceback (most recent call last):
...
rivalgraph.serve.errors.ConfigError: timeout: must be a positive, finite number of seconds, not 0
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

from rivalgraph.serve.errors import ConfigError

__all__ = ["ServerConfig", "default_workers"]


def default_workers() -> int:
    """One worker per core, between 1 and 4."""
    return max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class ServerConfig:
    """Everything ``rivalgraph serve`` can be told.

    Attributes
    ----------
    timeout : float
        Seconds one query may run before its worker is killed.
    max_rows : int
        Most rows (or triples) one answer may have.
    workers : int
        Worker processes, i.e. queries run at once (1 when updates are enabled:
        the store has a single writer).
    queue : int
        Requests that may wait for a free worker; beyond, 503 with Retry-After.
    cors : tuple of str
        Origins allowed to read answers from a browser (``*`` for any).
    update_token : str or None
        Enables SPARQL Update and Graph Store writes for requests bearing it.
    allow_remote : bool
        Allows SERVICE and LOAD (the server then fetches from other hosts).
    access_log : str
        ``-`` for stderr, or a file to append to (common log format).
    view : Path or None
        An HTML file to serve at ``/view``.
    per_client : int or None
        Places (running or waiting) one client may hold while no worker is
        free; by default half of ``workers + queue``, rounded up.
    header_timeout : float
        Seconds a client has to send a request's line and headers (from
        connecting, or from the first byte of a further request); past it, 408
        and the connection is closed.
    body_timeout : float
        Seconds a client has to send a request's body once its headers are in;
        past it, 408 and the connection is closed.
    send_timeout : float
        Seconds a client may go without reading while its answer waits to be
        sent; past it the connection is dropped and the answer released.
    max_connections : int or None
        Open connections in all; beyond, a new one gets 503 with Retry-After
        (by default 4 x (workers + queue), at least 64).
    connections_per_client : int or None
        Open connections from one client address; beyond, 503 with Retry-After
        (by default a quarter of ``max_connections``), so one client cannot
        take them all.
    worker_memory : int
        MiB of heap one query may add to its idle worker (``RLIMIT_DATA``): a
        query that needs more stops with a 500 naming the limit, and its worker
        is replaced; the store's mapped files do not count.
    trusted_proxies : tuple of str
        Addresses or networks (``127.0.0.1``, ``10.0.0.0/8``) of reverse proxies
        whose ``X-Forwarded-For`` names the client; from any other peer the
        header is ignored (by default from every peer), so a client cannot
        pick its own identity. Behind them the client is the right-most address
        of the header that is not itself a trusted proxy (the entries to its left
        are the client's own words).
    """

    store: str
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    max_rows: int = 100_000
    max_bytes: int = 256 * 1024 * 1024
    max_body: int = 1024 * 1024
    workers: int = field(default_factory=default_workers)
    queue: int = 16
    cors: tuple[str, ...] = ()
    update_token: str | None = None
    allow_remote: bool = False
    access_log: str = "-"
    view: Path | None = None
    per_client: int | None = None
    header_timeout: float = 10.0
    body_timeout: float = 30.0
    send_timeout: float = 60.0
    max_connections: int | None = None
    connections_per_client: int | None = None
    trusted_proxies: tuple[str, ...] = ()
    worker_memory: int = 4096

    def __post_init__(self) -> None:
        for name in ("timeout", "header_timeout", "body_timeout", "send_timeout"):
            # Finite too: an infinite deadline overflows the timers and every answer became a 500.
            if not 0 < getattr(self, name) < 86_400 * 365:
                seconds = getattr(self, name)
                raise ConfigError(
                    f"must be a positive, finite number of seconds, not {seconds:g}", options=(name,)
                )
        for name in ("max_rows", "workers", "max_body", "max_bytes"):
            if getattr(self, name) < 1:
                raise ConfigError("must be at least 1", options=(name,))
        for name in ("per_client", "max_connections", "connections_per_client"):
            if getattr(self, name) is not None and getattr(self, name) < 1:
                raise ConfigError("must be at least 1", options=(name,))
        if self.worker_memory < 64:
            raise ConfigError(
                f"must be at least 64 (MiB), not {self.worker_memory}", options=("worker_memory",)
            )
        for proxy in self.trusted_proxies:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ConfigError(
                    f"{proxy!r} is not an IP address or network (e.g. 127.0.0.1 or 10.0.0.0/8)",
                    options=("trusted_proxies",),
                ) from None
        if self.queue < 0:
            raise ConfigError("must be 0 or more", options=("queue",))
        if not 0 <= self.port < 65536:
            raise ConfigError(f"must be between 0 and 65535, not {self.port}", options=("port",))
        if self.update_token is not None and len(self.update_token) < 16:
            raise ConfigError("must be at least 16 characters (use a random one)", options=("update_token",))
        if self.view is not None and not Path(self.view).is_file():
            raise ConfigError(f"{self.view}: no such file", options=("view",))

    @property
    def read_only(self) -> bool:
        """Whether updates are refused (no token was set)."""
        return self.update_token is None

    @property
    def connection_limits(self) -> tuple[int, int]:
        """Open connections allowed in all, and from one client address.

        >>> ServerConfig(store="st", workers=2, queue=16).connection_limits
        (72, 18)
        """
        total = self.max_connections or max(64, 4 * (self.effective_workers + self.queue))
        return total, min(total, self.connections_per_client or max(1, total // 4))

    @property
    def effective_workers(self) -> int:
        """Workers actually started: one when the store is opened for writing."""
        return self.workers if self.read_only else 1
