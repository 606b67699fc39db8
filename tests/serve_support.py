"""Start a real ``rivalgraph serve`` for the endpoint tests, and make small stores for it.

The server runs as its own process (the real command line), on 127.0.0.1 and a
port the system picks (``--port 0``); it prints its URL on its first line of
output, which :func:`start_server` reads.  :meth:`RunningServer.stop` ends that
process only (and so its workers).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.store import StoreLocation, with_merged_default_graph

_URL = re.compile(r"(http://\S+/)sparql")


@dataclass
class RunningServer:
    """A server process we started: its base URL and its log files."""

    process: subprocess.Popen[str]
    url: str
    stderr: Path

    @property
    def sparql(self) -> str:
        """The SPARQL endpoint URL."""
        return self.url + "sparql"

    def log(self) -> str:
        """What the server wrote to stderr so far (start-up notes, access log)."""
        return self.stderr.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL if it lingers)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        if self.process.stdout is not None:
            self.process.stdout.close()


def start_server(
    store: Path, folder: Path, *options: str, env: dict[str, str] | None = None
) -> RunningServer:
    """Run ``rivalgraph serve --store STORE --port 0 OPTIONS`` and wait until it listens."""
    stderr = folder / "server.stderr"
    command = [sys.executable, "-m", "rivalgraph.cli", "serve", "--store", str(store), "--port", "0",
               *options]  # fmt: skip
    with stderr.open("w", encoding="utf-8") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env)
    assert process.stdout is not None
    line = process.stdout.readline()
    match = _URL.search(line)
    if match is None:
        process.kill()
        process.wait(timeout=15)
        raise RuntimeError(f"the server did not start: {line!r}\n{stderr.read_text()}")
    return RunningServer(process, match.group(1), stderr)


def make_store(location: Path, quads: Iterable[ox.Quad]) -> Path:
    """Publish ``quads`` as a store at ``location``, as a build would (merged default graph)."""
    place = StoreLocation(location)
    target = place.new_build()
    inner = ox.Store(str(target))
    inner.extend(with_merged_default_graph(quads))
    inner.flush()
    del inner
    place.publish(target)
    return location
