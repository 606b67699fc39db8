"""Is the results-table reader linear in its input?  Time and memory per MiB at growing sizes.

Run:  .venv/bin/python -m bench.readers_scale [--sizes 1 4 15 100] [--record]

Each size is a results table made of the curated finals (graph/results/), their rows
repeated in more races (other years, rounds and places) until it has that many MiB.  It
is read by :func:`rivalgraph.results.table_quads` (every row checked, every quad made) in
a fresh process, so that its peak memory is its own.  The baseline, in the same process
and on the same file, is Python's own ``csv.reader`` reading every row: the floor of any
CSV reader.  Linear means seconds and MiB of memory per MiB flat across sizes.  A size
over :data:`~rivalgraph.results.MAX_TABLE_BYTES` shows the refusal.

Figures go to the ``readers_scale`` block of bench/RESULTS.md with ``--record``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import resource
import shutil
import sys
import time
from pathlib import Path

from bench.sections import replace_section, sizes_in_processes

GRAPH = Path(__file__).resolve().parents[1] / "graph" / "results"
FINALS = GRAPH / "championship_finals_1500_5000_2019_2025.csv"
MIB = 2**20


def table_of(size: int, folder: Path) -> Path:
    """A valid results table of about ``size`` bytes: the finals, in more years and places."""
    with FINALS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    path = folder / f"table-{size // MIB}mib.csv"
    shutil.copy(GRAPH / "sources.csv", folder / "sources.csv")
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        copy = 0
        while stream.tell() < size:
            for row in rows:
                place = int(row["place"])
                # Places past the podium may repeat within a race; each copy shifts them down.
                moved = place if place <= 3 and copy == 0 else place + 3 + copy
                writer.writerow({**row, "place": str(moved), "athlete": f"{row['athlete']} {_tag(copy)}"})
            copy += 1
    return path


def _tag(number: int) -> str:
    """A distinct surname suffix per copy (letters only: a name holds no digits)."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters.capitalize()


def measure_one(path: Path) -> dict[str, float | int | str]:
    """Read ``path`` in this process: the csv floor, then the whole table reader."""
    from rivalgraph.errors import RivalgraphError
    from rivalgraph.results import table_quads

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sum(1 for _ in csv.reader(handle)) - 1
    floor = time.perf_counter() - started
    started = time.perf_counter()
    try:
        quads = len(table_quads(path))
    except RivalgraphError as error:
        return {"refused": str(error), "seconds": time.perf_counter() - started, "rows": rows}
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return {"seconds": seconds, "floor": floor, "peak": peak, "base": before, "rows": rows, "quads": quads}


def run(sizes: list[float]) -> list[dict[str, float | int | str]]:
    """Measure every size in its own process."""
    return sizes_in_processes("bench.readers_scale", sizes, table_of, env=None)


def table(rows: list[dict[str, float | int | str]]) -> str:
    """The figures as a Markdown table."""
    lines = [
        "| table (MiB) | rows | quads | table_quads (s) | s per MiB | floor: csv.reader (s) | "
        "peak memory (MiB) | memory per MiB of table |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        mib = float(row["mib"])
        if "refused" in row:
            lines.append(f"| {mib:.1f} | {row['rows']} | refused in {float(row['seconds']) * 1000:.1f} ms: "
                         f"{str(row['refused']).split(': ', 1)[-1][:80]}… | | | | | |")  # fmt: skip
            continue
        seconds, peak, base = float(row["seconds"]), int(row["peak"]), int(row["base"])
        lines.append(f"| {mib:.1f} | {row['rows']} | {row['quads']} | {seconds:.1f} | {seconds / mib:.2f} | "
                     f"{float(row['floor']):.2f} | {peak} | {(peak - base) / mib:.0f} |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 15, 100])
    parser.add_argument("--record", action="store_true", help="write the block in bench/RESULTS.md")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.one:
        print(json.dumps(measure_one(options.one)))
        return 0
    rows = run(options.sizes)
    print(table(rows))
    if options.record:
        replace_section("readers_scale", (
            f"## Results tables at growing sizes (bench/readers_scale.py), {dt.date.today()}\n\n"
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            "each size in a fresh process.\n"
            f"Run: `.venv/bin/python -m bench.readers_scale --sizes {' '.join(map(str, options.sizes))} "
            "--record`\n\n"
            + table(rows) + "\n"
        ))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
