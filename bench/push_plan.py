"""Planning a push: the batches cut from a stream of quads, against the same cut from a list of them.

Run:  .venv/bin/python -m bench.push_plan [--sizes 1e5 1e6] [--record]

A push (:func:`rivalgraph.remote.push.push`) reads the scanned graph
(:func:`rivalgraph.build.collect`) and cuts every named graph and their merge into
batches (:func:`rivalgraph.remote.plan.plan_graphs`).  Since issue 16 it hands the planner
the quads as a stream, serialized 200,000 at a time; the baseline, in the same run and on
the same synthetic graph (:mod:`bench.generate`), is what it did before: every quad in a
list first.  Each way runs in a fresh process, so that its peak memory is its own, and both
must give the same plans (same digests).  Figures go to the ``push_plan`` block of
bench/RESULTS.md with ``--record``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.sections import replace_section

WAYS = ("stream", "list")


def measure_one(way: str, folder: Path) -> dict[str, float | int | str]:
    """Scan ``folder`` and plan its push one way, in this process."""
    import hashlib

    from rivalgraph.build import collect
    from rivalgraph.remote.plan import plan_graphs

    sources = collect(folder, imports=False)
    scanned = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    started = time.perf_counter()
    quads = sources.quads() if way == "stream" else list(sources.quads())
    plans = plan_graphs(quads, 10_000)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    digest = hashlib.sha256("".join(plans[name].digest for name in sorted(plans)).encode()).hexdigest()
    triples = sum(plan.triples for plan in plans.values())
    return {"way": way, "seconds": seconds, "peak": peak, "scanned": scanned, "triples": triples,
            "digest": digest[:16]}  # fmt: skip


def run(sizes: list[float]) -> list[dict[str, float | int | str]]:
    """Every size, each way in its own process."""
    from bench.generate import write

    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            folder = Path(scratch) / f"synthetic-{size:g}"
            write(int(size), 1, "nq", folder)
            for way in WAYS:
                command = [sys.executable, "-m", "bench.push_plan", "--one", way, str(folder)]
                output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
                row = {"size": f"{size:.0e}", **json.loads(output.splitlines()[-1])}
                print(row, flush=True)
                rows.append(row)
    return rows


def table(rows: list[dict[str, float | int | str]]) -> str:
    """The figures as a Markdown table."""
    lines = [
        "| synthetic triples | quads handed over as | triples planned (with the merge) | seconds | "
        "peak memory (MiB) | after the scan (MiB) | plans' digest |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        lines.append(f"| {row['size']} | {row['way']} | {row['triples']} | {float(row['seconds']):.1f} | "
                     f"{row['peak']} | {row['scanned']} | `{row['digest']}` |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1e5, 1e6])
    parser.add_argument("--record", action="store_true", help="write the block in bench/RESULTS.md")
    parser.add_argument("--one", nargs=2, metavar=("WAY", "FOLDER"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.one:
        print(json.dumps(measure_one(options.one[0], Path(options.one[1]))))
        return 0
    rows = run(options.sizes)
    print(table(rows))
    if options.record:
        sizes = " ".join(f"{size:g}" for size in options.sizes)
        replace_section("push_plan", (
            "## Planning a push: a stream of quads against a list (bench/push_plan.py), "
            f"{dt.date.today()}\n\n"
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            "each way in a fresh process; the list is what a push did before issue 16. Equal digests: "
            "the same batches.\n"
            f"Run: `.venv/bin/python -m bench.push_plan --sizes {sizes} --record`\n\n"
            + table(rows) + "\n"
        ))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
