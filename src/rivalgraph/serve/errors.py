"""Errors the endpoint turns into HTTP answers: each carries its status code.

Examples
--------
>>> error = ProtocolError(415, "POST a query as application/sparql-query")
>>> error.status, str(error)
(415, 'POST a query as application/sparql-query')
>>> Refused("no").status
403
"""

from __future__ import annotations

from rivalgraph.errors import RivalgraphError

__all__ = ["ServeError", "ProtocolError", "Refused", "Unauthorized", "Overloaded", "ConfigError"]


class ServeError(RivalgraphError):
    """An error answered with an HTTP status and a plain-text message."""

    status = 500

    def __init__(self, message: str, *, options: tuple[str, ...] = ()) -> None:
        super().__init__(message, options=options)
        self.message = message


class ProtocolError(ServeError):
    """The request breaks the SPARQL 1.1 Protocol (status 400, 405, 406, 413 or 415)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class Refused(ServeError):
    """The endpoint's policy forbids the operation (read-only, SERVICE, LOAD)."""

    status = 403


class Unauthorized(ServeError):
    """Updates are enabled but the request has no valid bearer token."""

    status = 401


class Overloaded(ServeError):
    """Every worker is busy and the waiting queue is full."""

    status = 503


class ConfigError(ServeError):
    """The server cannot start with the options given."""
