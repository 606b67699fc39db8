"""Deadlines for slow clients: a request's headers, and then its body, must arrive in time.

uvicorn closes an idle keep-alive connection, but has no limit on how long a
client may take to send a request: a client that opens a connection and sends
nothing, or trickles its headers a byte at a time, or declares a body and
stalls, holds one of the server's connections for ever (slowloris).  With
enough of them the connection cap is reached and everyone else is refused.

:func:`protocol_with_deadlines` returns uvicorn's own h11 protocol with two
timers added, and leaves HTTP parsing to h11:

- the *header deadline*, armed when a connection opens and when the first
  bytes of a further request on a kept-alive connection arrive, cancelled
  once h11 has the complete request line and headers;
- the *body deadline*, armed when the headers are complete and a body is
  still to come, cancelled once h11 has the whole body.  Time during which
  the server itself stopped reading (its flow control, while the application
  has not taken the body yet) is not held against the client.

A third timer is for a client that stops *reading*: the *send deadline*,
armed when the transport's write buffer fills up (asyncio pauses writing) and
cancelled when it drains.  If the client has not read for ``send_timeout``
seconds, the connection is aborted, and the answer held for it is released
(8 such clients held about 1 GiB of answers before).

When a deadline passes, the server answers ``408 Request Timeout`` with
``Connection: close`` (written directly: the request may be incomplete, so
h11 cannot frame an answer to it) and closes the connection.  The timers run
on the event loop, so waiting for a slow client never blocks another.

Examples
--------
>>> protocol = protocol_with_deadlines(header_timeout=10, body_timeout=30)
>>> protocol.header_timeout, protocol.body_timeout, issubclass(protocol, H11Protocol)
(10.0, 30.0, True)
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["TIMEOUT_ANSWER", "DeadlineH11Protocol", "protocol_with_deadlines"]

#: What a client that missed a deadline gets before the connection is closed.
TIMEOUT_ANSWER = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: 36\r\n"
    b"Connection: close\r\n\r\n"
    b"the request did not arrive in time\r\n"
)


class DeadlineH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request headers or body come too slowly."""

    header_timeout: float = 10.0
    body_timeout: float = 30.0
    send_timeout: float = 60.0

    _header_timer: asyncio.TimerHandle | None = None
    _body_timer: asyncio.TimerHandle | None = None
    _send_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer = self.loop.call_later(self.header_timeout, self._expired, "header")

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and self.conn.their_state is h11.IDLE:
            # The first bytes of another request on a kept-alive connection.
            self._header_timer = self.loop.call_later(self.header_timeout, self._expired, "header")
        super().data_received(data)
        self._follow()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._follow()  # a pipelined request may have been read from the buffer

    def pause_writing(self) -> None:
        super().pause_writing()
        if self._send_timer is None:
            self._send_timer = self.loop.call_later(self.send_timeout, self._stopped_reading)

    def resume_writing(self) -> None:
        self._cancel("send")
        super().resume_writing()

    def _stopped_reading(self) -> None:
        """The client read nothing for ``send_timeout`` s: drop the connection and its answer."""
        self._send_timer = None
        if not self.transport.is_closing():
            self.transport.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel("header")
        self._cancel("body")
        self._cancel("send")
        super().connection_lost(exc)

    def _follow(self) -> None:
        """Move the timers along with h11's view of the request the client is sending."""
        state = self.conn.their_state
        if state is h11.IDLE:
            return
        self._cancel("header")
        if state is h11.SEND_BODY:
            if self._body_timer is None:
                self._body_timer = self.loop.call_later(self.body_timeout, self._expired, "body")
        else:
            self._cancel("body")

    def _cancel(self, which: str) -> None:
        timer = getattr(self, f"_{which}_timer")
        if timer is not None:
            timer.cancel()
            setattr(self, f"_{which}_timer", None)

    def _expired(self, which: str) -> None:
        setattr(self, f"_{which}_timer", None)
        if self.transport.is_closing():
            return
        if which == "body" and self.flow.read_paused:
            # We stopped reading, not the client: wait again.
            self._body_timer = self.loop.call_later(self.body_timeout, self._expired, "body")
            return
        cycle = self.cycle  # for a late header: the previous request's, already answered
        if which == "header" or (cycle is not None and not cycle.response_started):
            self.transport.write(TIMEOUT_ANSWER)
        if which == "body" and cycle is not None and not cycle.response_complete:
            # The application, waiting for the body, is told the client went away.
            cycle.disconnected = True
            cycle.message_event.set()
        self.transport.close()


def protocol_with_deadlines(header_timeout: float, body_timeout: float,
                            send_timeout: float = 60.0) -> type[DeadlineH11Protocol]:  # fmt: skip
    """:class:`DeadlineH11Protocol` with these deadlines (seconds), to pass as uvicorn's ``http``."""
    return type(
        "DeadlineH11Protocol",
        (DeadlineH11Protocol,),
        {"header_timeout": float(header_timeout), "body_timeout": float(body_timeout),
         "send_timeout": float(send_timeout)},
    )  # fmt: skip
