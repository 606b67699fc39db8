"""A tiny SPARQL 1.1 Protocol server for tests: an embedded pyoxigraph store behind http.server.

Binds 127.0.0.1 on a free port, runs in a thread, counts the requests it
answers, and can answer the first ``fail_first`` requests with HTTP 429.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox


class SparqlServer:
    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.requests = 0
        self.fail_first = 0
        self.agents: list[str] = []
        self.url = ""


@contextmanager
def serve(files: list[Path]) -> Iterator[SparqlServer]:
    store = ox.Store()
    for path in files:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    state = SparqlServer(store)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def do_POST(self) -> None:
            state.requests += 1
            state.agents.append(self.headers.get("User-Agent", ""))
            if state.fail_first > 0:
                state.fail_first -= 1
                self.send_response(429)
                self.send_header("Retry-After", "0")
                self.end_headers()
                return
            length = int(self.headers.get("Content-Length", "0"))
            form = parse_qs(self.rfile.read(length).decode("utf-8"))
            try:
                answer = state.store.query(form["query"][0])
                body = answer.serialize(format=ox.QueryResultsFormat.JSON)  # type: ignore[union-attr]
            except SyntaxError as error:
                self.send_response(400)
                self.end_headers()
                self.wfile.write(str(error).encode())
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
