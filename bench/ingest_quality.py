"""Precision and recall of `rivalgraph ingest` on the annotated articles of tests/data/articles/.

Run:  .venv/bin/python bench/ingest_quality.py
Prints a Markdown table (P / R, with true positives, false positives, false
negatives) per article and in total, and the machine it ran on.  The figures
are quoted in the README (section "ingest").
"""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

from rivalgraph.build import collect
from rivalgraph.ingest.evaluate import evaluate, table
from rivalgraph.ingest.knowledge import Knowledge

ANNOTATIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles"


def main() -> int:
    started = time.perf_counter()
    known = Knowledge.from_quads(collect().data_quads())
    rows = evaluate(ANNOTATIONS.glob("*.json"), known)
    print(table(rows), end="")
    seconds = time.perf_counter() - started
    print(
        f"\n{len(rows) - 1} articles in {seconds:.1f} s on {platform.machine()} "
        f"{platform.system()}, Python {platform.python_version()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
