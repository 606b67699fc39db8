"""The endpoint under load: many clients mixing cheap and expensive queries (issue 9).

Starts ``rivalgraph serve`` on the real graph (127.0.0.1, a free port, 2
workers, queue 16, 3 s time limit), measures a cheap query's latency at rest
(the baseline), then runs Debian's ``wrk`` for a bounded time with many
connections: most requests are cheap lookups, one in ten is a join that runs
into the time limit.  It records every answer's status, samples the memory
(VmRSS) of the server and its workers twice a second, and measures the cheap
query again once the load stops.  Writes its section of bench/RESULTS.md
(``--no-write`` to skip).  Installs wrk with apt-get if it is missing.

Run: ``.venv/bin/python bench/bench_load.py`` (about 45 s).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

from bench_endpoint import machine  # type: ignore[import-not-found]
from sections import replace_section, start_server, status_counts  # type: ignore[import-not-found]

from rivalgraph.build import build

HERE = Path(__file__).resolve().parent
HEADING = "## Endpoint under load (issue 9)"
CHEAP = "ASK { ?s a ?type }"
LOOKUP = (
    "SELECT ?name WHERE { <https://w3id.org/rivalgraph/id/athlete/josh-kerr> "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?name }"
)
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  local path = paths[(i %% #paths) + 1]
  -- 64 clients behind a local proxy: the endpoint shares its workers per client
  return wrk.format("GET", path, {["Accept"] = "application/sparql-results+json",
                                   ["X-Forwarded-For"] = "10.0.0." .. ((i %% 64) + 1)})
end
done = function(summary, latency, requests)
  io.write(string.format("errors connect=%%d read=%%d write=%%d timeout=%%d status=%%d\\n",
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
  io.write(string.format("latency p50=%%.1f p99=%%.1f max=%%.1f ms\\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y",
                        "--no-install-recommends", "wrk"], check=False)  # fmt: skip
        found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is not installed and apt-get could not install it")
    return found


def rss_kib(pid: int) -> int:
    """VmRSS of ``pid`` and its children (the workers), in KiB."""
    total = 0
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


OTHER_CLIENT = "192.0.2.10"  # TEST-NET-1, as a proxy on 127.0.0.1 would forward it


def cheap_latencies(url: str, count: int = 50, client: str | None = None) -> list[float]:
    """Latencies of ``count`` cheap lookups on one connection (as ``client``, if given)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    path = "/sparql?query=" + urllib.parse.quote(LOOKUP, safe="")
    headers = {"Accept": "application/sparql-results+json"}
    if client:
        headers["X-Forwarded-For"] = client
    times = []
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
        times.append((time.perf_counter() - started) * 1000)
    connection.close()
    return times


def seconds_until_served(url: str, client: str, limit: float = 120.0) -> float:
    """How long after the load a fresh client waits for its first 200 (the backlog draining)."""
    parts = urllib.parse.urlsplit(url)
    path = "/sparql?query=" + urllib.parse.quote(LOOKUP, safe="")
    headers = {"Accept": "application/sparql-results+json", "X-Forwarded-For": client}
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        connection.request("GET", path, headers=headers)
        status = connection.getresponse().status
        connection.close()
        if status == 200:
            return time.perf_counter() - started
        time.sleep(0.05)
    return float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    wrk = ensure_wrk()
    folder = Path(tempfile.mkdtemp(prefix="rivalgraph-load-"))
    build(folder / "store")
    # The 64 clients come through a local proxy (X-Forwarded-For): it must be trusted, and its
    # 64 connections are one address's.
    process, url = start_server(
        folder / "store",
        "--workers",
        "2",
        "--queue",
        "16",
        "--timeout",
        "3",
        "--access-log",
        str(folder / "access.log"),
        "--trusted-proxy",
        "127.0.0.1",
        "--connections-per-client",
        "256",
    )
    samples: list[int] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append(rss_kib(process.pid))
            time.sleep(0.5)

    try:
        cheap_latencies(url, 10)  # warm up
        before = cheap_latencies(url)
        rss_rest = rss_kib(process.pid)
        paths = [CHEAP, LOOKUP] * 9 + [LOOKUP, EXPENSIVE]
        script = folder / "mix.lua"
        script.write_text(WRK_SCRIPT % ", ".join(
            '"/sparql?query=' + urllib.parse.quote(p, safe="") + '"' for p in paths))  # fmt: skip
        sampler = threading.Thread(target=sample)
        sampler.start()
        ran = subprocess.run(
            [wrk, "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "10s", "-s", str(script),
             url], capture_output=True, text=True, timeout=args.seconds + 60,
        )  # fmt: skip
        stop.set()
        sampler.join()
        recovery = seconds_until_served(url, OTHER_CLIENT)
        after = cheap_latencies(url, client=OTHER_CLIENT)
        alive = process.poll() is None
    finally:
        stop.set()
        process.terminate()
        process.wait(timeout=30)
        statuses = status_counts(folder / "access.log")
        shutil.rmtree(folder, ignore_errors=True)
    print(ran.stdout, ran.stderr)
    section = "\n".join([
        HEADING,
        "",
        f"Machine: {machine()}.",
        "",
        f"`rivalgraph serve` with 2 workers, queue 16, time limit 3 s; `wrk -t2 -c{args.connections} "
        f"-d{args.seconds}s` over 127.0.0.1, requests spread over 64 client addresses "
        f"(`X-Forwarded-For`, as a local proxy sends it); of every 20 requests 9 are "
        f"`{CHEAP}`, 10 a one-athlete label lookup, 1 a triple cross join that runs into the time limit.",
        "",
        "```",
        ran.stdout.strip(),
        "```",
        "",
        f"- answers by status (server access log, including the 110 probes at rest): {_by_status(statuses)}",
        f"- cheap lookup at rest before the load (baseline): p50 {statistics.median(before):.2f} ms, "
        f"max {max(before):.2f} ms (50 requests, one connection)",
        f"- after the load stopped, a client that was not in it (`X-Forwarded-For: "
        f"{OTHER_CLIENT}`) got its first 200 after {recovery:.1f} s (the queued requests of "
        f"clients that hung up leave the line; queries already running finish first), then: "
        f"p50 {statistics.median(after):.2f} ms, max {max(after):.2f} ms; server still running: {alive}",
        f"- memory (VmRSS of the server and its workers): {rss_rest / 1024:.0f} MiB at rest, "
        f"at most {max(samples) / 1024:.0f} MiB under load ({len(samples)} samples)",
    ])  # fmt: skip
    print(section)
    if not args.no_write:
        replace_section("bench_load", section)


def _by_status(counts: Counter[str]) -> str:
    """``200: 1650, 503: 12``: the answers' counts in the order of their status."""
    return ", ".join(f"{status}: {n}" for status, n in sorted(counts.items()))


if __name__ == "__main__":
    main()
