"""How many workers and how much queueing this machine sustains for the named-query mix (issue 18, #3).

Starts ``rivalgraph serve`` on the curated graph for each number of workers and
each queue length asked for, and runs Debian's ``wrk`` with 16 connections
(16 clients behind a trusted local proxy: ``X-Forwarded-For``, so each has its
own share) sending the named queries of ``queries/`` as the query page runs
them (Kerr and Ingebrigtsen bound), in turn.  For each setting: requests/s,
the share of 503s, p50 and p99 latency.  Writes its block of bench/RESULTS.md.

Usage: ``python -m bench.capacity [--workers 1 2 3 4] [--queues 16 32] [--seconds 15]``
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from datetime import date
from pathlib import Path

from bench.sections import replace_section, start_server, status_counts

CLIENTS = 16
WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], {["Accept"] = "application/sparql-results+json",
                    ["X-Forwarded-For"] = "10.0.1." .. ((i %% %d) + 1)})
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%.1f %%.1f %%.1f\\n", summary.requests, summary.errors.status,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 2, 3, 4])
    parser.add_argument("--queues", nargs="+", type=int, default=[16, 32])
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args(argv)
    from rivalgraph.build import build
    from rivalgraph.serve.examples import examples

    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is missing: apt-get install wrk (bench/bench_load.py installs it)")
    folder = Path(tempfile.mkdtemp(prefix="rivalgraph-capacity-"))
    os.environ.setdefault("RIVALGRAPH_IMPORTS", "0")
    build(folder / "store")
    mix = [example for example in examples() if example.form == "SELECT"]
    script = folder / "mix.lua"
    script.write_text(WRK_SCRIPT % (", ".join('"/sparql?query=' + urllib.parse.quote(e.text, safe="") + '"'
                                               for e in mix), CLIENTS))  # fmt: skip
    lines = ["## Capacity for the named-query mix (bench/capacity.py)", "",
             f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python "
             f"{platform.python_version()}; load average before {os.getloadavg()[0]:.1f}. The curated "
             f"graph; `wrk -t2 -c{CLIENTS} -d{args.seconds}s`, {CLIENTS} clients behind a trusted proxy "
             f"(`--trusted-proxy 127.0.0.1`, each its own `X-Forwarded-For`), the {len(mix)} named "
             "SELECT queries in turn as the query page sends them; time limit 10 s.", "",
             "| workers | queue | requests/s | 503 share | p50 ms | p99 ms |",
             "|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for workers in args.workers:
        for queue in args.queues:
            log = folder / f"access-{workers}-{queue}.log"
            process, url = start_server(folder / "store", "--workers", str(workers), "--queue", str(queue),
                                        "--trusted-proxy", "127.0.0.1", "--access-log", str(log))  # fmt: skip
            try:
                ran = subprocess.run([wrk, "-t2", f"-c{CLIENTS}", f"-d{args.seconds}s", "--timeout", "20s",
                                      "-s", str(script), url], capture_output=True, text=True,
                                     timeout=args.seconds + 60)  # fmt: skip
            finally:
                process.terminate()
                process.wait(timeout=30)
            found = re.search(r"RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", ran.stdout)
            if found is None:
                lines.append(f"| {workers} | {queue} | wrk failed: {ran.stderr.strip()[:80]} | | | |")
                continue
            requests, seconds = int(found.group(1)), float(found.group(3))
            refused = status_counts(log).get("503", 0)
            line = (f"| {workers} | {queue} | {requests / seconds:.1f} | {refused / max(requests, 1):.1%} | "
                    f"{float(found.group(4)):.1f} | {float(found.group(5)):.1f} |")  # fmt: skip
            lines.append(line)
            print(line, flush=True)
    replace_section("capacity", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
