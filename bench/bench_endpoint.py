"""Latency and throughput of the SPARQL endpoint, against calling the store directly.

For each named query (as the standalone example the endpoint's page shows) and
a one-triple lookup, in the same run:

- *direct*: pyoxigraph's ``Store.query`` on the same store, answer serialized
  to SPARQL JSON, from 1 and 4 threads in this process (the floor);
- *endpoint*: ``rivalgraph serve`` started on the same store (a subprocess,
  default settings but a generous time limit), queried over HTTP/1.1 keep-alive
  connections (``http.client``, POST ``application/sparql-query``, JSON answers)
  by 1, 4 and 16 concurrent clients.

Each cell runs for a fixed time (``--seconds``, 3 by default); the whole run
stays under two minutes.  Figures go to stdout and into this benchmark's own
section of bench/RESULTS.md (``--no-write`` to skip).

Usage: python bench/bench_endpoint.py [--seconds 3] [--no-write]
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import statistics
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from sections import RESULTS, replace_section, start_server  # type: ignore[import-not-found]

from rivalgraph.build import build
from rivalgraph.namespaces import PREFIXES
from rivalgraph.serve.config import default_workers
from rivalgraph.serve.examples import examples
from rivalgraph.serve.worker import open_raw_store

HERE = Path(__file__).resolve().parent
LOOKUP = (
    "SELECT ?name WHERE { <https://w3id.org/rivalgraph/id/athlete/josh-kerr> "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?name }"
)


@dataclass
class Cell:
    query: str
    mode: str
    clients: int
    latencies: list[float]
    seconds: float
    errors: int

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def _run_clients(
    clients: int, seconds: float, make: Callable[[], Callable[[], bool]]
) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop() -> None:
        call = make()
        mine: list[float] = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            ok = call()
            elapsed = time.perf_counter() - started
            if ok:
                mine.append(elapsed)
            else:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def _direct(store: ox.Store, text: str) -> Callable[[], Callable[[], bool]]:
    def make() -> Callable[[], bool]:
        def call() -> bool:
            result = store.query(text, prefixes=PREFIXES)
            assert isinstance(result, ox.QuerySolutions)
            return bool(result.serialize(format=ox.QueryResultsFormat.JSON))

        return call

    return make


def _http(url: str, text: str) -> Callable[[], Callable[[], bool]]:
    parts = urllib.parse.urlsplit(url)
    body = text.encode()
    headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}

    def make() -> Callable[[], bool]:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)

        def call() -> bool:
            connection.request("POST", parts.path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status == 200

        return call

    return make


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    except OSError:
        memory = 0
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory} GiB; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, pyoxigraph {ox.__version__}; "
        f"load average before the run {load} (the machine is shared)"
    )


def _table(cells: list[Cell]) -> str:
    lines = [
        "| query | mode | clients | requests | p50 ms | p99 ms | req/s |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for c in cells:
        errors = f" ({c.errors} errors)" if c.errors else ""
        lines.append(
            f"| {c.query} | {c.mode} | {c.clients} | {len(c.latencies)}{errors} | "
            f"{c.percentile(0.5):.2f} | {c.percentile(0.99):.2f} | {c.throughput:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="Duration of each cell.")
    parser.add_argument("--no-write", action="store_true", help="Do not update bench/RESULTS.md.")
    args = parser.parse_args()

    workload = {example.name: example.text for example in examples()}
    workload["lookup"] = LOOKUP
    with tempfile.TemporaryDirectory(prefix="rivalgraph-bench-") as temp:
        folder = Path(temp)
        report = build(folder / "store")
        store = open_raw_store(folder / "store", writable=False)
        process, url = start_server(
            folder / "store", "--timeout", "60", "--access-log", str(folder / "access.log")
        )
        cells: list[Cell] = []
        try:
            for name, text in workload.items():
                for clients in (1, 4):
                    latencies, errors = _run_clients(clients, args.seconds, _direct(store, text))
                    cells.append(Cell(name, "direct", clients, latencies, args.seconds, errors))
                for clients in (1, 4, 16):
                    latencies, errors = _run_clients(clients, args.seconds, _http(url, text))
                    cells.append(Cell(name, "endpoint", clients, latencies, args.seconds, errors))
                print(_table([c for c in cells if c.query == name]), flush=True)
        finally:
            process.terminate()
            process.wait(timeout=30)
    summary = _summary(cells)
    section = (
        f"## Endpoint (`bench/bench_endpoint.py`), {time.strftime('%Y-%m-%d')}\n\n"
        f"Machine: {machine()}.\n"
        f"Store: the curated graph ({report.triples} triples in {report.graphs} named graphs). "
        f"Endpoint: `rivalgraph serve` defaults ({default_workers()} workers), HTTP/1.1 keep-alive "
        f"clients posting `application/sparql-query`, JSON answers; direct: pyoxigraph `Store.query` "
        f"+ JSON serialization in-process. {args.seconds:g} s per cell.\n\n"
        f"{_table(cells)}\n\n{summary}\n"
    )
    print(summary)
    if not args.no_write:
        replace_section("bench_endpoint", section)
        print(f"wrote {RESULTS}")


def _summary(cells: list[Cell]) -> str:
    lines = []
    for name in dict.fromkeys(c.query for c in cells):
        direct = next(c for c in cells if (c.query, c.mode, c.clients) == (name, "direct", 1))
        served = next(c for c in cells if (c.query, c.mode, c.clients) == (name, "endpoint", 1))
        overhead = statistics.median(served.latencies) - statistics.median(direct.latencies)
        lines.append(f"- {name}: one client pays {overhead * 1000:.2f} ms over the direct call (p50).")
    return "Overhead of HTTP, the worker process and the pipe, at one client:\n" + "\n".join(lines)


if __name__ == "__main__":
    main()
