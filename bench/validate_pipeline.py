"""`rivalgraph validate` through the build's streamed scan, against the whole-graph reading it replaced.

Run:  .venv/bin/python -m bench.validate_pipeline [--sizes 1e5 1e6] [--athletics] [--record]

Since issue 16, ``validate``, a push and ``ingest --accept`` read the graph as ``build``
does: :func:`rivalgraph.build.collect` scans each file once (no quad objects kept) and
:func:`rivalgraph.build.check` runs the rules over the scanned facts and SHACL on a thread
of its own.  The baseline, in the same run and on the same folder, is the whole-graph
reading the three used before: every file parsed into Python quads, every rule over them,
SHACL over all their triples (kept as the test oracle, ``tests/wholegraph.py``).  Inputs:
the curated files, and synthetic graphs of 10^5 and 10^6 triples (:mod:`bench.generate`);
``--athletics`` adds all of athletics (the curated files and the toplist import) for the
scan alone: the whole-graph reading passed 23 GB there and could not finish on 24 GiB.

Each reading runs in a fresh process, so that its peak memory is its own; both must find
the same problems (none).  Figures go to the ``validate_pipeline`` block of
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

GRAPH = Path(__file__).resolve().parents[1] / "graph"
READINGS = ("scan", "whole graph")


def measure_one(reading: str, folder: Path, imports: bool) -> dict[str, float | int | str]:
    """Read and check ``folder`` in this process, one way; the figures of that one reading."""
    started = time.perf_counter()
    if reading == "scan":
        from rivalgraph.build import check, collect

        sources = collect(folder, imports=imports)
        problems = check(sources)
        quads = sources.quad_count()
    else:
        from tests.wholegraph import read_whole, whole_problems

        whole = read_whole(folder)
        problems = whole_problems(whole)
        quads = len(whole.data_quads())
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return {"reading": reading, "seconds": seconds, "peak": peak, "quads": quads, "problems": len(problems)}


def _in_process(reading: str, folder: Path, imports: bool) -> dict[str, float | int | str]:
    command = [sys.executable, "-m", "bench.validate_pipeline", "--one", reading, str(folder)]
    env = {**os.environ, "RIVALGRAPH_IMPORTS": "1" if imports else "0"}
    output = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    row: dict[str, float | int | str] = json.loads(output.splitlines()[-1])
    print(row, flush=True)
    return row


def run(sizes: list[float], athletics: bool) -> list[dict[str, float | int | str]]:
    """Every input, each reading in its own process."""
    from bench.generate import write

    rows = []
    for reading in READINGS:
        rows.append({"input": "the curated files", **_in_process(reading, GRAPH, imports=False)})
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            folder = Path(scratch) / f"synthetic-{size:g}"
            write(int(size), 1, "nq", folder)
            for reading in READINGS:
                row = _in_process(reading, folder, imports=False)
                rows.append({"input": f"synthetic, {size:.0e} triples", **row})
    if athletics:
        rows.append({"input": "all of athletics", **_in_process("scan", GRAPH, imports=True)})
    return rows


def table(rows: list[dict[str, float | int | str]]) -> str:
    """The figures as a Markdown table, each scan beside its baseline."""
    lines = [
        "| input | reading | quads | seconds | peak memory (MiB) | problems |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(f"| {row['input']} | {row['reading']} | {row['quads']} | {float(row['seconds']):.1f} | "
                     f"{row['peak']} | {row['problems']} |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1e5, 1e6])
    parser.add_argument("--athletics", action="store_true", help="add all of athletics (scan only)")
    parser.add_argument("--record", action="store_true", help="write the block in bench/RESULTS.md")
    parser.add_argument("--one", nargs=2, metavar=("READING", "FOLDER"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.one:
        reading, folder = options.one
        imports = os.environ.get("RIVALGRAPH_IMPORTS") == "1"
        print(json.dumps(measure_one(reading, Path(folder), imports)))
        return 0
    rows = run(options.sizes, options.athletics)
    print(table(rows))
    if options.record:
        sizes = [f"{size:g}" for size in options.sizes]
        flags = " ".join(["--sizes", *sizes, *(["--athletics"] * options.athletics)])
        replace_section("validate_pipeline", (
            "## One build pipeline: validate by the scan and by the whole graph "
            f"(bench/validate_pipeline.py), {dt.date.today()}\n\n"
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            "each reading in a fresh process. The whole-graph reading is what `validate`, push and "
            "`ingest --accept` did before issue 16; on all of athletics it passed 23 GB resident after "
            "4 minutes and was stopped (`/usr/bin/time -v rivalgraph validate` at 7cc3833).\n"
            f"Run: `.venv/bin/python -m bench.validate_pipeline {flags} --record`\n\n"
            + table(rows) + "\n"
        ))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
