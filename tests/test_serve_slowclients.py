"""Slow clients (slowloris) against a real ``rivalgraph serve`` with 1-second request deadlines.

A client that sends nothing, half a request line, or headers that promise a
body it then does not send, is answered ``408`` and disconnected by the
server (each socket here waits 20 s at most, so a server that holds the
connection fails the test); meanwhile a normal SPARQLWrapper client keeps
getting answers, also with fifty slow sockets open at once.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from rivalgraph.serve.config import ServerConfig
from rivalgraph.serve.deadlines import TIMEOUT_ANSWER
from rivalgraph.serve.errors import ConfigError

from .serve_support import RunningServer, start_server
from .test_fuzz_endpoint import _address

WAIT = 20  # seconds a test socket waits for the server to close it


@pytest.fixture(scope="module")
def strict(fixture_location: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The fixture graph served with 1 s to send headers and 1 s to send a body."""
    folder = tmp_path_factory.mktemp("slow-clients")
    server = start_server(fixture_location, folder, "--workers", "1", "--header-timeout", "1",
                          "--body-timeout", "1")  # fmt: skip
    yield server
    server.stop()


def _ask(server: RunningServer) -> bool:
    client = SPARQLWrapper(server.sparql)
    client.setQuery("ASK { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    client.setTimeout(WAIT)
    answer = client.queryAndConvert()
    assert isinstance(answer, dict)
    return bool(answer["boolean"])


def _stall(server: RunningServer, sent: bytes, source: str = "127.0.0.1") -> socket.socket:
    """A connection from the loopback address ``source`` that sends ``sent`` and stops."""
    sock = socket.create_connection(_address(server), timeout=WAIT, source_address=(source, 0))
    if sent:
        sock.sendall(sent)
    return sock


def _until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (a timeout fails the test)."""
    chunks = []
    with sock:
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _cut_off_while_others_are_served(server: RunningServer, sent: bytes) -> bytes:
    sock = _stall(server, sent)
    answered: list[bytes] = []
    reader = threading.Thread(target=lambda: answered.append(_until_closed(sock)))
    reader.start()
    served = 0
    while reader.is_alive():
        assert _ask(server)
        served += 1
    reader.join()
    assert served >= 1
    return answered[0]


@pytest.mark.parametrize(
    "sent",
    [b"", b"GET /sparql?query=AS", b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: */"],
    ids=["nothing", "half-a-request-line", "half-the-headers"],
)
def test_a_client_that_does_not_finish_its_headers_is_cut_off(strict: RunningServer, sent: bytes) -> None:
    assert _cut_off_while_others_are_served(strict, sent) == TIMEOUT_ANSWER


def test_a_client_that_stalls_in_its_body_is_cut_off(strict: RunningServer) -> None:
    headers = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
               b"Content-Length: 1000\r\n\r\n")  # fmt: skip
    answer = _cut_off_while_others_are_served(strict, headers + b"ASK { ?s ?p")
    assert answer == TIMEOUT_ANSWER


def test_a_kept_alive_connection_is_cut_off_in_its_second_request(strict: RunningServer) -> None:
    request = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json"
    request += b"\r\n"
    sock = _stall(strict, request + b"\r\n")
    first = b""
    while b'"boolean"' not in first:
        first += sock.recv(65536)
    assert first.startswith(b"HTTP/1.1 200")
    sock.sendall(request)  # the second request's headers, without their end
    assert _until_closed(sock) == TIMEOUT_ANSWER


def test_fifty_slow_clients_do_not_stop_a_normal_one(strict: RunningServer) -> None:
    # Fifty clients, each from its own address: one address alone is capped (serve.connections).
    socks = [_stall(strict, b"GET /sparql?query=AS" if i % 2 else b"", f"127.0.3.{i + 1}")
             for i in range(50)]  # fmt: skip
    answers: list[bytes] = []
    readers = [threading.Thread(target=lambda s=sock: answers.append(_until_closed(s))) for sock in socks]
    for reader in readers:
        reader.start()
    served = 0
    while any(reader.is_alive() for reader in readers):
        assert _ask(strict)
        served += 1
    for reader in readers:
        reader.join()
    assert served >= 1 and answers == [TIMEOUT_ANSWER] * 50
    assert _ask(strict)
    assert "Traceback" not in strict.log()


def test_a_request_in_time_is_answered(strict: RunningServer) -> None:
    """Deadlines only cut the slow: a whole request sent at once is served, also a POST with a body."""
    body = b"ASK { ?s ?p ?o }"
    request = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
               b"Accept: application/sparql-results+json\r\nConnection: close\r\n"
               b"Content-Length: %d\r\n\r\n%s") % (len(body), body)  # fmt: skip
    answer = _until_closed(_stall(strict, request))
    assert answer.startswith(b"HTTP/1.1 200") and b'"boolean":true' in answer.replace(b" ", b"")


@pytest.mark.parametrize("name", ["header_timeout", "body_timeout"])
def test_deadlines_must_be_positive(name: str) -> None:
    with pytest.raises(ConfigError, match=f"{name}: must be a positive"):
        ServerConfig(store="st", **{name: 0})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def impatient(fixture_location: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The fixture graph served with 2 s for a client to read on."""
    server = start_server(fixture_location, tmp_path_factory.mktemp("impatient"), "--workers", "1",
                          "--send-timeout", "2")  # fmt: skip
    yield server
    server.stop()


def test_a_client_that_stops_reading_is_dropped_and_its_answer_released(impatient: RunningServer) -> None:
    """A 16 MiB answer to a client that reads nothing: the server aborts after the send deadline."""
    doubled = " ".join(f"BIND (CONCAT(?v{n}, ?v{n}) AS ?v{n + 1})" for n in range(24))
    query = urllib.parse.quote(f'SELECT ?v24 WHERE {{ BIND ("x" AS ?v0) {doubled} }}')
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.settimeout(WAIT)
    sock.connect(_address(impatient))
    sock.sendall(f"GET /sparql?query={query} HTTP/1.1\r\nHost: x\r\n"
                 "Accept: application/sparql-results+json\r\n\r\n".encode())  # fmt: skip
    time.sleep(6)  # read nothing for three send deadlines
    received = 0
    with contextlib.suppress(ConnectionResetError):
        while chunk := sock.recv(1 << 20):
            received += len(chunk)
    sock.close()
    assert 0 < received < 2**24, "the connection was dropped before the answer was sent"
    assert _ask(impatient), "the server goes on answering"
