"""The endpoint stays usable under a runaway query, a crowd, and a huge answer.

Nothing here times anything: the tests assert the *order* of events (the quick
client is answered before the runaway is stopped) and the answers themselves.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from rivalgraph.build import BuildReport
from rivalgraph.serve.config import ServerConfig
from rivalgraph.serve.errors import ConfigError

from .serve_support import RunningServer, start_server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class Outcome:
    status: int
    body: bytes
    headers: dict[str, str]
    finished: float


def _ask(url: str, query: str, client: str | None = None) -> Outcome:
    """POST ``query``; ``client`` is sent as X-Forwarded-For, as a local reverse proxy would."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if client is not None:
        headers["X-Forwarded-For"] = client
    request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers=headers)  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, body, headers = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        status, body, headers = error.code, error.read(), dict(error.headers)
    return Outcome(status, body, {k.lower(): v for k, v in headers.items()}, time.monotonic())


def _in_background(url: str, query: str, client: str | None = None) -> tuple[threading.Thread, list[Outcome]]:
    outcomes: list[Outcome] = []
    thread = threading.Thread(target=lambda: outcomes.append(_ask(url, query, client)), daemon=True)
    thread.start()
    return thread, outcomes


def test_runaway_is_stopped_while_others_are_served(endpoint: RunningServer) -> None:
    thread, runaway = _in_background(endpoint.sparql, RUNAWAY)
    time.sleep(0.5)  # let the runaway take a worker
    client = SPARQLWrapper(endpoint.sparql)
    client.setQuery(
        "SELECT ?name WHERE { <https://w3id.org/rivalgraph/id/athlete/josh-kerr> rdfs:label ?name }"
    )
    client.setReturnFormat(JSON)
    answer = client.queryAndConvert()
    answered = time.monotonic()
    assert isinstance(answer, dict)
    assert answer["results"]["bindings"][0]["name"]["value"] == "Josh Kerr"
    assert runaway == [], "the other client was answered only after the runaway ended"
    thread.join(timeout=60)
    (stopped,) = runaway
    assert stopped.finished > answered
    assert stopped.status == 503 and stopped.headers["x-rivalgraph-limit"] == "time"
    assert b"time limit is 3 s" in stopped.body
    # The killed worker was replaced: both workers serve again.
    again = [_in_background(endpoint.sparql, "ASK {}") for _ in range(4)]
    for thread, outcomes in again:
        thread.join(timeout=60)
        assert outcomes[0].status == 200


@pytest.fixture(scope="module")
def tight(
    built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """One worker, no waiting line, a 3 s time limit and at most 10 rows."""
    folder = tmp_path_factory.mktemp("tight")
    server = start_server(built[0], folder, "--workers", "1", "--queue", "0", "--timeout", "3",
                          "--max-rows", "10")  # fmt: skip
    yield server
    server.stop()


def test_overloaded_endpoint_answers_503_with_retry_after(tight: RunningServer) -> None:
    for _attempt in range(5):
        thread, runaway = _in_background(tight.sparql, RUNAWAY)
        time.sleep(0.3)  # a head start: on a busy machine the first ASK often beat it to the worker
        crowded = _ask(tight.sparql, "ASK {}")
        while crowded.status == 200 and not runaway:  # until the runaway holds the only worker
            time.sleep(0.05)
            crowded = _ask(tight.sparql, "ASK {}")
        if crowded.status == 503 and not runaway:
            break
        # An ASK beat the runaway to the worker: the runaway was turned away (and the 503 the
        # last ASK got may be that ASK's doing, not the runaway's).
        thread.join(timeout=60)
    assert runaway == []
    assert crowded.status == 503 and crowded.headers["retry-after"] == "1"
    assert b"workers are busy" in crowded.body
    thread.join(timeout=60)
    assert runaway[0].status == 503 and runaway[0].headers["x-rivalgraph-limit"] == "time"
    assert _ask(tight.sparql, "ASK {}").status == 200


@pytest.fixture(scope="module")
def shared(
    built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """One worker, three waiting places, a 1 s time limit: at most 2 places per client (the default);
    a reverse proxy on 127.0.0.1 is trusted to name its clients."""
    folder = tmp_path_factory.mktemp("shared")
    server = start_server(built[0], folder, "--workers", "1", "--queue", "3", "--timeout", "1",
                          "--trusted-proxy", "127.0.0.1")  # fmt: skip
    yield server
    server.stop()


def test_a_flooding_client_cannot_take_every_place(shared: RunningServer) -> None:
    """Clients told apart by X-Forwarded-For from 127.0.0.1, as behind a local reverse proxy."""
    flood = [_in_background(shared.sparql, RUNAWAY, "203.0.113.1") for _ in range(4)]
    refused: list[Outcome] = []
    while len(refused) < 2 and any(thread.is_alive() for thread, _ in flood):
        refused = [o[0] for _, o in flood if o and o[0].status == 503 and b"per client" in o[0].body]
        time.sleep(0.02)
    assert len(refused) == 2, [o[0].body[:200] for _, o in flood if o]
    assert all(o.headers["retry-after"] == "1" and b"at most 2 per client" in o.body for o in refused)
    # The flooder holds the worker and one waiting place; another client still gets in line.
    other = _ask(shared.sparql, "ASK {}", "203.0.113.2")
    for thread, _ in flood:
        thread.join(timeout=60)
    assert other.status == 200 and b"true" in other.body
    stopped = [o[0] for _, o in flood if o[0] not in refused]
    assert len(stopped) == 2 and all(o.headers.get("x-rivalgraph-limit") == "time" for o in stopped)


@pytest.fixture(scope="module")
def untrusting(
    built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """As ``shared``, but no proxy is trusted (the default)."""
    folder = tmp_path_factory.mktemp("untrusting")
    server = start_server(built[0], folder, "--workers", "1", "--queue", "3", "--timeout", "1")
    yield server
    server.stop()


def test_a_forwarded_for_header_of_its_own_does_not_escape_the_share(untrusting: RunningServer) -> None:
    """Four runaways from one address, each claiming another client: still one client's share."""
    flood = [_in_background(untrusting.sparql, RUNAWAY, f"203.0.113.{n}") for n in range(1, 5)]
    for thread, _ in flood:
        thread.join(timeout=60)
    outcomes = [o[0] for _, o in flood]
    refused = [o for o in outcomes if o.status == 503 and b"per client" in o.body]
    assert len(refused) == 2 and all(o.headers["retry-after"] == "1" for o in refused)
    assert "203.0.113." not in untrusting.log(), "the access log shows the socket's address"


def test_behind_a_trusted_proxy_the_client_is_the_rightmost_untrusted_address(shared: RunningServer) -> None:
    """The proxy appends the address it saw; what stands to its left is the client's own claim."""
    answer = _ask(shared.sparql, "ASK {}", "192.0.2.66, 198.51.100.7")
    assert answer.status == 200
    logged = [line for line in shared.log().splitlines() if line.startswith("198.51.100.7 ")]
    assert logged and not any(line.startswith("192.0.2.66 ") for line in shared.log().splitlines())


def test_a_trusted_proxy_must_be_an_address() -> None:
    with pytest.raises(ConfigError, match="trusted_proxies: 'proxy.local' is not an IP address"):
        ServerConfig(store="st", trusted_proxies=("proxy.local",))
    assert ServerConfig(store="st", trusted_proxies=("10.0.0.0/8", "::1")).trusted_proxies


def test_answer_over_the_row_limit_is_refused_with_advice(tight: RunningServer) -> None:
    many = _ask(tight.sparql, "SELECT ?athlete WHERE { ?athlete a rg:Athlete }")
    few = _ask(tight.sparql, "SELECT ?athlete WHERE { ?athlete a rg:Athlete } LIMIT 10")
    assert many.status == 500 and many.headers["x-rivalgraph-limit"] == "rows"
    assert b"more than 10 rows" in many.body and b"LIMIT" in many.body
    assert few.status == 200 and few.body.count(b'"type":"uri"') == 10


@pytest.fixture(scope="module")
def line(
    built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """One worker, two waiting places, a 3 s time limit, no per-client share to speak of."""
    folder = tmp_path_factory.mktemp("line")
    server = start_server(built[0], folder, "--workers", "1", "--queue", "2", "--timeout", "3",
                          "--per-client", "10", "--trusted-proxy", "127.0.0.1")  # fmt: skip
    yield server
    server.stop()


def _send_and_hang_up(url: str, query: str, client: str) -> socket.socket:
    parts = urllib.parse.urlsplit(url)
    body = urllib.parse.urlencode({"query": query}).encode()
    connection = socket.create_connection((parts.hostname, parts.port), timeout=10)
    connection.sendall(
        f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nX-Forwarded-For: {client}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    return connection


def test_a_client_that_hangs_up_gives_its_place_in_line_back(line: RunningServer) -> None:
    thread, runaway = _in_background(line.sparql, RUNAWAY, "203.0.113.1")
    time.sleep(0.5)  # the runaway holds the only worker for 3 s
    waiting = [_send_and_hang_up(line.sparql, RUNAWAY, f"203.0.113.{n}") for n in (2, 3)]
    time.sleep(0.3)  # both wait in the line, which is now full
    for connection in waiting:
        connection.close()
    time.sleep(0.3)
    # Had the two stayed in line, this would be refused: "2 requests are waiting".
    after = _ask(line.sparql, "ASK {}", "203.0.113.4")
    thread.join(timeout=60)
    assert runaway and runaway[0].headers.get("x-rivalgraph-limit") == "time", "not a runaway"
    assert after.status == 200 and b"true" in after.body, after.body[:200]
    assert line.stderr.read_text(encoding="utf-8").count('" 499 ') == 2


@pytest.fixture(scope="module")
def lean(built: tuple[Path, BuildReport],
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:  # fmt: skip
    """One worker; a query may add 256 MiB of heap to it."""
    server = start_server(built[0], tmp_path_factory.mktemp("lean"), "--workers", "1",
                          "--worker-memory", "256", "--timeout", "30")  # fmt: skip
    yield server
    server.stop()


def test_a_query_past_the_memory_limit_stops_with_its_reason_and_the_worker_is_replaced(
    lean: RunningServer,
) -> None:
    """900 bytes of SPARQL doubling a literal 30 times (1 GiB) took a worker to 3.2 GiB."""
    doubled = " ".join(f"BIND (CONCAT(?v{n}, ?v{n}) AS ?v{n + 1})" for n in range(30))
    greedy = _ask(lean.sparql, f'SELECT (STRLEN(?v30) AS ?n) WHERE {{ BIND ("x" AS ?v0) {doubled} }}')
    assert greedy.status == 500 and greedy.headers["x-rivalgraph-limit"] == "memory"
    assert b"memory limit per query (256 MiB)" in greedy.body
    after = _ask(lean.sparql, "ASK { ?s ?p ?o }")
    assert after.status == 200 and b"true" in after.body
    assert "256 MiB of memory per query" in lean.log()
