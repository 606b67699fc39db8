"""Connection caps: one client address cannot take every connection, and each refusal says
when to come back (503 with Retry-After), from a real server over loopback addresses."""

from __future__ import annotations

import contextlib
import socket
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from rivalgraph.build import BuildReport

from .serve_support import RunningServer, start_server

ASK = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})


@pytest.fixture(scope="module")
def capped(built: tuple[Path, BuildReport],
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:  # fmt: skip
    """At most 12 connections, 4 per client address; idle connections may wait 30 s."""
    server = start_server(built[0], tmp_path_factory.mktemp("capped"), "--workers", "1",
                          "--max-connections", "12", "--connections-per-client", "4",
                          "--header-timeout", "30")  # fmt: skip
    yield server
    server.stop()


def _address(server: RunningServer) -> tuple[str, int]:
    parsed = urllib.parse.urlsplit(server.url)
    assert parsed.hostname and parsed.port
    return parsed.hostname, parsed.port


def _connect(server: RunningServer, source: str) -> socket.socket:
    """A TCP connection from the loopback address ``source`` (any 127.x.y.z works on Linux)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(10)
    sock.bind((source, 0))
    sock.connect(_address(server))
    return sock


def _get(sock: socket.socket, path: str = ASK) -> tuple[int, dict[str, str], bytes]:
    """Send one GET on the connection and read the whole answer (the server closes it)."""
    with contextlib.suppress(OSError):  # a refused connection may be closed before we write
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def test_one_address_is_capped_and_another_still_gets_in(capped: RunningServer) -> None:
    held = [_connect(capped, "127.0.0.1") for _ in range(4)]
    try:
        status, headers, body = _get(_connect(capped, "127.0.0.1"))
        assert status == 503 and headers["retry-after"] == "1"
        assert headers["x-rivalgraph-limit"] == "connections" and b"too many connections" in body
        status, _, body = _get(_connect(capped, "127.0.0.2"))
        assert status == 200 and b"true" in body
    finally:
        for sock in held:
            sock.close()
    # The places are given back: four connections at once from that address are served again.
    for _attempt in range(50):  # a closed connection is counted out a moment after the close
        again = [_connect(capped, "127.0.0.1") for _ in range(4)]
        answers = [_get(sock)[0] for sock in again]
        if answers == [200] * 4:
            break
    assert answers == [200] * 4


def test_the_total_cap_refuses_with_retry_after_and_frees_on_close(capped: RunningServer) -> None:
    held = [_connect(capped, f"127.0.1.{n // 4 + 1}") for n in range(12)]
    try:
        status, headers, _ = _get(_connect(capped, "127.0.2.1"))
        assert status == 503 and headers["retry-after"] == "1"
    finally:
        for sock in held:
            sock.close()
    # Closed connections are given back: a new client is served again.
    for _attempt in range(50):
        status, _, _ = _get(_connect(capped, "127.0.2.2"))
        if status == 200:
            break
    assert status == 200


def test_the_caps_are_reported_at_start_up(capped: RunningServer) -> None:
    assert "12 connections (4 per client)" in capped.log()
