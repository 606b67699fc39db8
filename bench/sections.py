"""What every benchmark shares: its section of RESULTS.md, and a `rivalgraph serve` to measure.

Each benchmark owns one block of ``bench/RESULTS.md`` between the markers
``<!-- NAME: begin -->`` and ``<!-- NAME: end -->``; rerunning it replaces that
block and leaves the others as they were. The file is written atomically.

:func:`status_counts` counts the answers of a server's access log by their status
(bench_load and capacity).

Examples
--------
>>> markers("bench_load")
('<!-- bench_load: begin -->', '<!-- bench_load: end -->')
>>> text = with_block("# Results\\n", "bench_x", "figures")
>>> text
'# Results\\n\\n<!-- bench_x: begin -->\\nfigures\\n<!-- bench_x: end -->\\n'
>>> with_block(text, "bench_x", "new figures").count("figures")
1
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

__all__ = ["RESULTS", "markers", "with_block", "replace_section", "start_server", "status_counts"]

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = "# Benchmark results\n\nEach benchmark writes its own section; rerunning it replaces that section.\n"


def markers(name: str) -> tuple[str, str]:
    """The comments that open and close the block ``name``."""
    return f"<!-- {name}: begin -->", f"<!-- {name}: end -->"


def _append(text: str, block: str) -> str:
    return text.rstrip("\n") + "\n\n" + block + "\n"


def with_block(text: str, name: str, section: str,
               place: Callable[[str, str], str] = _append) -> str:  # fmt: skip
    """``text`` with the block ``name`` holding ``section``: replaced, or placed by ``place``."""
    begin, end = markers(name)
    block = f"{begin}\n{section}\n{end}"
    if begin in text and end in text:
        return text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    return place(text, block)


def replace_section(name: str, section: str,
                    place: Callable[[str, str], str] = _append) -> None:  # fmt: skip
    """Write ``section`` as the block ``name`` of RESULTS.md, atomically."""
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
    temporary = RESULTS.with_suffix(".md.tmp")
    temporary.write_text(with_block(current, name, section, place), encoding="utf-8")
    temporary.replace(RESULTS)


def start_server(location: Path | str, *options: str) -> tuple[subprocess.Popen[str], str]:
    """Start ``rivalgraph serve`` on a free port of 127.0.0.1; return it and its /sparql URL.

    Raises
    ------
    RuntimeError
        If the server does not print its URL (it is killed then).
    """
    command = [sys.executable, "-m", "rivalgraph.cli", "serve", "--store", str(location),
               "--port", "0", *options]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    match = re.search(r"(http://\S+/sparql)", process.stdout.readline())
    if match is None:
        process.kill()
        process.wait(timeout=30)
        raise RuntimeError("rivalgraph serve did not start")
    return process, match.group(1)


def status_counts(log: Path) -> Counter[str]:
    """The answers in a server's access log (common log format), counted by their status."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return Counter(found.group(1) for line in lines if (found := re.search(r'" (\d{3}) ', line)))


#: One measured size of a scaling benchmark: its MiB and what the measuring process printed.
SizeRow = dict[str, float | int | str]


def sizes_in_processes(module: str, sizes: list[float], make: Callable[[int, Path], Path],
                       env: dict[str, str] | None = None) -> list[SizeRow]:  # fmt: skip
    """Make an input of each size (MiB) and measure it with ``python -m MODULE --one FILE``.

    Each size runs in a fresh process, so that its peak memory is its own; the process
    prints its figures as one JSON object on its last line.
    """
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = make(int(size * 2**20), Path(folder))
            command = [sys.executable, "-m", module, "--one", str(path)]
            output = subprocess.run(command, capture_output=True, text=True, check=True,
                                    env={**os.environ, **(env or {})}).stdout  # fmt: skip
            row: SizeRow = {"mib": path.stat().st_size / 2**20, **json.loads(output.splitlines()[-1])}
            print(row, flush=True)
            path.unlink()
            rows.append(row)
    return rows
