"""Start-up: the listening socket, the workers' sandbox, and clear errors for bad settings."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from rivalgraph.build import BuildReport
from rivalgraph.cli import main
from rivalgraph.serve.config import ServerConfig
from rivalgraph.serve.errors import ConfigError
from rivalgraph.serve.sandbox import isolate_network
from rivalgraph.serve.server import listening_socket

from .serve_support import start_server


def test_accepted_connections_have_nagle_off() -> None:
    """asyncio sets TCP_NODELAY only on sockets created with IPPROTO_TCP; keep-alive clients need it."""
    server_socket = listening_socket("127.0.0.1", 0)
    port = server_socket.getsockname()[1]
    seen: list[int] = []

    async def main() -> None:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            sock = writer.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(handle, sock=server_socket)
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(main())
    assert seen and seen[0] != 0


def test_port_in_use_is_a_clear_error() -> None:
    taken = listening_socket("127.0.0.1", 0)
    try:
        with pytest.raises(ConfigError, match=r"cannot listen on 127\.0\.0\.1:\d+"):
            listening_socket("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()


def _connect_after_isolation(port: int, answer: multiprocessing.Queue[str]) -> None:
    if not isolate_network():
        answer.put("unavailable")
        return
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        answer.put("connected")
    except OSError as error:
        answer.put(f"refused: {error}")


def test_isolated_worker_cannot_reach_even_localhost() -> None:
    listener = listening_socket("127.0.0.1", 0)
    context = multiprocessing.get_context("spawn")
    answer: multiprocessing.Queue[str] = context.Queue()
    process = context.Process(target=_connect_after_isolation, args=(listener.getsockname()[1], answer))
    process.start()
    outcome = answer.get(timeout=60)
    process.join(timeout=60)
    listener.close()
    if outcome == "unavailable":
        pytest.skip("this system allows no network namespaces; the SERVICE/LOAD check stands alone")
    assert outcome.startswith("refused"), outcome


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": -1}, "timeout: must be a positive, finite number"),
        ({"timeout": float("inf")}, "timeout: must be a positive, finite number"),
        ({"header_timeout": float("nan")}, "header_timeout: must be a positive, finite number"),
        ({"workers": 0}, "workers: must be at least 1"),
        ({"update_token": "short"}, "update_token: must be at least 16 characters"),
        ({"port": 70000}, "port: must be between 0 and 65535"),
    ],
)
def test_bad_settings_are_named(options: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ServerConfig(store="x", **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--workers", "0"], "error: --workers: must be at least 1"),
        (["--trusted-proxy", "proxy.local"], "error: --trusted-proxy: 'proxy.local' is not an IP address"),
        (["--header-timeout", "0"], "error: --header-timeout: must be a positive, finite number"),
    ],
)
def test_the_command_line_names_the_flag_of_a_bad_setting(
    built: tuple[Path, BuildReport], arguments: list[str], message: str
) -> None:
    """The library names the setting (``workers``); the CLI puts the flag in front (``--workers``)."""
    result = CliRunner().invoke(main, ["serve", "--store", str(built[0]), *arguments])
    assert result.exit_code == 1
    assert message in result.output


def test_updates_run_on_a_single_writer() -> None:
    assert ServerConfig(store="x", workers=4, update_token="0123456789abcdef").effective_workers == 1


def test_serving_an_unbuilt_store_says_what_to_do(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "rivalgraph.cli", "serve", "--store", str(tmp_path / "none"), "--port", "0"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert completed.returncode == 1
    assert "run `rivalgraph build` first" in completed.stderr
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize("where", ["missing/folder/access.log", "fifo"])
def test_an_access_log_that_cannot_be_opened_is_a_message(
    real_location: Path, tmp_path: Path, where: str
) -> None:
    target = tmp_path / where
    if where == "fifo":
        os.mkfifo(target)
    done = subprocess.run([sys.executable, "-c", "from rivalgraph.cli import main; main()", "serve",
                           "--store", str(real_location), "--port", "0", "--access-log", str(target)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 1 and "access log" in done.stderr and "Traceback" not in done.stderr


def test_an_access_log_that_stops_taking_writes_never_breaks_an_answer(
    real_location: Path, tmp_path: Path
) -> None:
    server = start_server(real_location, tmp_path, "--access-log", "/dev/full", "--workers", "1")
    try:
        for _ in range(3):  # /dev/full: every write fails with "No space left on device"
            with urllib.request.urlopen(server.sparql + "?query=ASK%7B%7D", timeout=30) as response:
                assert response.status == 200 and b"true" in response.read()
        said = server.log()
    finally:
        server.stop()
    assert said.count("the access log cannot be written") == 1 and "Traceback" not in said


def test_host_sets_the_address_it_listens_on(real_location: Path, tmp_path: Path) -> None:
    server = start_server(real_location, tmp_path, "--host", "127.0.0.2", "--workers", "1")
    try:
        assert server.url.startswith("http://127.0.0.2:"), server.url
        with urllib.request.urlopen(server.sparql + "?query=ASK%7B%7D", timeout=30) as answer:
            assert answer.status == 200
        port = int(server.url.rsplit(":", 1)[1].strip("/"))
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
    finally:
        server.stop()
