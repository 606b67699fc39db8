"""Connection caps, global and per client, each refusal a 503 with ``Retry-After``.

uvicorn's own cap (``limit_concurrency``) counts every connection alike, so one
client that opens many (200 from one address were enough) takes the server's
whole allowance, and everyone else gets uvicorn's bare 503 without
``Retry-After``.  :func:`protocol_with_limits` extends the h11 protocol (with
the deadlines of :mod:`.deadlines`) to count open connections per client
address, in the one server process:

- beyond ``per_client`` connections from one address, that address's new
  connection is answered at once with :data:`REFUSED_ANSWER` and closed
  :data:`LINGER` seconds later (reading and dropping meanwhile, so the client
  reads the answer rather than a reset);
- beyond ``total`` connections in all, the same for anyone.

The answer is written before any request is read (the connection has none
yet), like the deadlines' 408.  The client is the socket's address: a reverse
proxy is one client here (see SECURITY.md for its own limits).

Examples
--------
>>> protocol = protocol_with_limits(header_timeout=10, body_timeout=30, total=72, per_client=18)
>>> protocol.max_connections, protocol.max_per_client
(72, 18)
>>> b"Retry-After: 1" in REFUSED_ANSWER
True
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import ClassVar

from rivalgraph.serve.deadlines import DeadlineH11Protocol, protocol_with_deadlines

__all__ = ["REFUSED_ANSWER", "LINGER", "LimitedH11Protocol", "protocol_with_limits"]

#: Seconds a refused connection stays open, reading and dropping, before it is closed.
LINGER = 1.0

_BODY = b"too many connections: close some, or retry in a second\r\n"
#: What a connection over a cap gets before it is closed.
REFUSED_ANSWER = (
    b"HTTP/1.1 503 Service Unavailable\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Retry-After: 1\r\n"
    b"X-Rivalgraph-Limit: connections\r\n"
    + f"Content-Length: {len(_BODY)}\r\n".encode("ascii")
    + b"Connection: close\r\n\r\n"
    + _BODY
)


def _address(transport: asyncio.Transport) -> str:
    peer = transport.get_extra_info("peername")
    return str(peer[0]) if isinstance(peer, tuple) and peer else str(peer)


class LimitedH11Protocol(DeadlineH11Protocol):
    """The h11 protocol with deadlines, refusing connections over the global or per-client cap."""

    max_connections: int = 72
    max_per_client: int = 18
    #: Open (accepted) connections per client address, in this server process.
    open_by_client: ClassVar[Counter[str]] = Counter()

    _client: str | None = None
    _refused: bool = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        client = _address(transport)
        accepted = sum(self.open_by_client.values())
        if accepted >= self.max_connections or self.open_by_client[client] >= self.max_per_client:
            self._cancel("header")
            self._refused = True
            transport.write(REFUSED_ANSWER)
            # A lingering close: end our side now, read and drop what the client sends for a
            # moment, then close. Closing at once would make the kernel answer the client's
            # request with a reset, and most clients then lose the 503 they were sent.
            if transport.can_write_eof():
                transport.write_eof()
            self.loop.call_later(LINGER, transport.close)
            return
        self._client = client
        self.open_by_client[client] += 1

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # the request of a refused connection is read and dropped
        super().data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._client is not None:
            self.open_by_client[self._client] -= 1
            if self.open_by_client[self._client] <= 0:
                del self.open_by_client[self._client]
            self._client = None
        super().connection_lost(exc)


def protocol_with_limits(header_timeout: float, body_timeout: float, total: int, per_client: int,
                         send_timeout: float = 60.0) -> type[LimitedH11Protocol]:  # fmt: skip
    """A protocol class with these deadlines and caps, and its own connection count."""
    deadlines = protocol_with_deadlines(header_timeout, body_timeout, send_timeout)
    return type(
        "LimitedH11Protocol",
        (LimitedH11Protocol,),
        {
            "header_timeout": deadlines.header_timeout,
            "body_timeout": deadlines.body_timeout,
            "send_timeout": deadlines.send_timeout,
            "max_connections": total,
            "max_per_client": per_client,
            "open_by_client": Counter(),
        },
    )
