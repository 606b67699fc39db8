"""What a worker is asked to do (a :class:`Job`) and what it answers (a :class:`Reply`).

Both cross a process boundary, so they are small frozen dataclasses of plain
values (they are pickled).

Examples
--------
>>> Job("query", "ASK {}").default_graphs
()
>>> Reply.text(400, "malformed query").body
b'malformed query\\n'
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Job", "Reply", "Limits"]


@dataclass(frozen=True)
class Limits:
    """What one job may produce: rows (solutions or triples) and bytes."""

    max_rows: int = 100_000
    max_bytes: int = 256 * 1024 * 1024


@dataclass(frozen=True)
class Job:
    """One unit of work for a worker process.

    ``kind`` is ``query``, ``update``, ``stats``, or a Graph Store Protocol
    operation: ``graph-get``, ``graph-put``, ``graph-post``, ``graph-delete``.
    """

    kind: str
    text: str = ""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None
    accept: str | None = None
    graph: str | None = None  # Graph Store Protocol target; None is the default graph
    content_type: str | None = None
    body: bytes = b""


@dataclass(frozen=True)
class Reply:
    """A finished answer: status, Content-Type, body, and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    rows: int | None = None

    @classmethod
    def text(cls, status: int, message: str, **headers: str) -> Reply:
        """A plain-text answer (errors, mostly)."""
        return cls(
            status,
            "text/plain; charset=utf-8",
            (message.rstrip("\n") + "\n").encode("utf-8"),
            tuple((name.replace("_", "-"), value) for name, value in headers.items()),
        )
