"""SPARQL SELECT requests to a public endpoint, politely: retried with back-off, cached on disk.

Every answer is stored under the hash of (endpoint, query), so a second run
with the same cache sends no request at all.  HTTP 429 and 5xx answers are
retried with exponential back-off, honouring ``Retry-After``.

Examples
--------
>>> import tempfile
>>> client = CachedSparql("http://127.0.0.1:9/sparql", tempfile.mkdtemp(), retries=0)
>>> client.key("ASK {}") == client.key("ASK {}")
True
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rivalgraph.remote.client import USER_AGENT, Call, RemoteError, request

__all__ = ["CachedSparql"]


class CachedSparql:
    """A SELECT client for one endpoint with a cache folder and a retry policy."""

    def __init__(
        self,
        endpoint: str,
        cache: Path | str | None,
        *,
        retries: int = 5,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        agent: str = USER_AGENT,
    ) -> None:
        self.endpoint = endpoint
        self.cache = Path(cache) if cache is not None else None
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.agent = agent
        self.requests = 0

    def key(self, query: str) -> str:
        return hashlib.sha256(f"{self.endpoint}\n{query}".encode()).hexdigest()

    def select(self, query: str) -> list[dict[str, Any]]:
        """Return the JSON result bindings of ``query``, from the cache when it holds them."""
        path = self.cache / f"{self.key(query)}.json" if self.cache else None
        if path is not None and path.is_file():
            return list(json.loads(path.read_text(encoding="utf-8"))["results"]["bindings"])
        body = self._fetch(query)
        document = json.loads(body)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            staging = path.with_suffix(f".{os.getpid()}.tmp")
            staging.write_bytes(body)
            os.replace(staging, path)
        return list(document["results"]["bindings"])

    def _fetch(self, query: str) -> bytes:
        for attempt in range(self.retries + 1):
            self.requests += 1
            try:
                return request(Call(self.endpoint, query, agent=self.agent, timeout=60)).body
            except RemoteError as error:
                transient = error.status is not None and (error.status == 429 or error.status >= 500)
                if not transient or attempt == self.retries:
                    raise
                self.sleep(self._wait(error, attempt))
        raise AssertionError("unreachable")

    def _wait(self, error: RemoteError, attempt: int) -> float:
        after = {k.lower(): v for k, v in error.headers.items()}.get("retry-after", "")
        if after.strip().isdigit():
            return float(after)
        return float(self.backoff * 2**attempt)
