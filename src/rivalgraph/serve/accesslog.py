"""An access log in the common log format, as ASGI middleware.

One line per request, after the answer is sent::

    127.0.0.1 - - [24/Nov/2025:20:15:02 +0000] "GET /sparql?query=ASK%7B%7D HTTP/1.1" 200 26

Examples
--------
>>> import io
>>> log = AccessLog(io.StringIO())
>>> log.write("127.0.0.1", "GET / HTTP/1.1", 200, 0)
>>> log.stream.getvalue().split('"')[1]
'GET / HTTP/1.1'
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from rivalgraph.serve.errors import ServeError
from rivalgraph.sources import special_kind

__all__ = ["AccessLog", "AccessLogMiddleware", "open_access_log"]

Scope = dict[str, Any]


class AccessLog:
    """Writes common-log-format lines to a stream, one whole line at a time."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._lock = threading.Lock()
        self.failed: OSError | None = None

    def write(self, host: str, request_line: str, status: int, size: int) -> None:
        """Log one request; a log that cannot be written (disk full) never breaks an answer."""
        stamp = time.strftime("%d/%b/%Y:%H:%M:%S %z")
        shown = str(size) if size else "-"
        line = f'{host} - - [{stamp}] "{request_line}" {status} {shown}\n'
        with self._lock:
            if self.failed is not None:
                return
            try:
                self.stream.write(line)
                self.stream.flush()
            except OSError as error:
                # Said once, on stderr, and logging stops: the answers go on.
                self.failed = error
                print(
                    f"rivalgraph serve: the access log cannot be written ({error.strerror or error}); "
                    "requests are no longer logged",
                    file=sys.stderr,
                    flush=True,
                )


def open_access_log(target: str) -> AccessLog:
    """``-`` logs to stderr; anything else is a file opened for appending."""
    if target == "-":
        return AccessLog(sys.stderr)
    if special_kind(Path(target)) == "a FIFO (named pipe)":
        # Opening a FIFO waits for its reader: the server would never start.
        raise ServeError(f"access log {target}: is a FIFO; give a file, or - for stderr")
    try:
        return AccessLog(open(target, "a", encoding="utf-8", buffering=1))  # noqa: SIM115
    except OSError as error:
        raise ServeError(
            f"cannot open the access log {target}: {error.strerror or error}; "
            "give a file in a folder that exists and can be written, or - for stderr"
        ) from None


class AccessLogMiddleware:
    """Log every HTTP request with its status and the size of its body."""

    def __init__(self, app: Any, log: AccessLog) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status, size, logged = 500, 0, False

        def log_once() -> None:
            nonlocal logged
            if logged:
                return
            logged = True
            query = scope.get("query_string", b"").decode("latin-1")
            target = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
            target += f"?{query}" if query else ""
            line = f"{scope['method']} {target} HTTP/{scope.get('http_version', '1.1')}"
            client = scope.get("client") or ("-", 0)
            self.log.write(client[0], line, status, size)

        async def logging_send(message: dict[str, Any]) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
                if not message.get("more_body", False):
                    # Logged before the last chunk goes out: once a client has its
                    # answer, the line is in the log.
                    log_once()
            await send(message)

        try:
            await self.app(scope, receive, logging_send)
        finally:
            log_once()
