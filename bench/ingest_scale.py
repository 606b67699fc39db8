"""Is ingestion linear in the article's length?  Time and memory per MiB at growing sizes.

Run:  .venv/bin/python -m bench.ingest_scale [--sizes 1 2 4 8] [--record]

Each size is an article made of the synthetic test articles (tests/data/articles/*.txt)
repeated until it reaches that many MiB; each is ingested by :func:`rivalgraph.ingest.ingest`
(read, language check, extraction, draft written) in a fresh process, so that its peak
memory is its own.  The baseline, in the same process and on the same file, is the floor
every ingestion pays: reading the file and lingua's language detection.  Linear means
seconds per MiB and MiB of memory per MiB flat across sizes.  One size over the limit
(:data:`~rivalgraph.ingest.text.MAX_ARTICLE_BYTES`) shows the refusal and what it costs.

Figures go to the ``ingest_scale`` block of bench/RESULTS.md with ``--record``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.sections import replace_section, sizes_in_processes

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles"
MIB = 2**20


def article_of(size: int, folder: Path) -> Path:
    """An article of ``size`` bytes (about) made of the synthetic test articles, repeated."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    path = folder / f"{dt.date(2024, 3, 5).isoformat()}-article-{size // MIB}mib.txt"
    with path.open("w", encoding="utf-8") as stream:
        written, number = 0, 0
        while written < size:
            chunk = texts[number % len(texts)] + "\n\n"
            stream.write(chunk)
            written, number = written + len(chunk.encode("utf-8")), number + 1
    return path


def measure_one(path: Path) -> dict[str, float | int | str]:
    """Ingest ``path`` in this process: the floor, then the whole ingestion."""
    from rivalgraph.errors import RivalgraphError
    from rivalgraph.ingest import load_knowledge
    from rivalgraph.ingest.language import detect_language
    from rivalgraph.ingest.pipeline import ingest
    from rivalgraph.ingest.text import read_article

    known, _ = load_knowledge(None)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    started = time.perf_counter()
    try:
        detect_language(read_article(path).text)
    except RivalgraphError as error:
        return {"refused": str(error), "seconds": time.perf_counter() - started, "peak": before}
    floor = time.perf_counter() - started
    started = time.perf_counter()
    result = ingest(path, dt.date(2024, 3, 5), known, drafts=Path(tempfile.mkdtemp()))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return {"seconds": seconds, "floor": floor, "peak": peak, "base": before,
            "statements": result.statements}  # fmt: skip


def run(sizes: list[float]) -> list[dict[str, float | int | str]]:
    """Measure every size in its own process."""
    return sizes_in_processes("bench.ingest_scale", sizes, article_of, env={"RIVALGRAPH_IMPORTS": "0"})


def table(rows: list[dict[str, float | int | str]]) -> str:
    """The figures as a Markdown table."""
    lines = [
        "| article (MiB) | statements | ingest (s) | s per MiB | floor: read + language (s) | "
        "peak memory (MiB) | memory per MiB of text |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        mib = float(row["mib"])
        if "refused" in row:
            lines.append(f"| {mib:.1f} | refused in {float(row['seconds']) * 1000:.0f} ms: "
                         f"{str(row['refused'])[:90]}… | | | | | |")  # fmt: skip
            continue
        seconds, peak, base = float(row["seconds"]), int(row["peak"]), int(row["base"])
        lines.append(
            f"| {mib:.1f} | {row['statements']} | {seconds:.1f} | {seconds / mib:.2f} | "
            f"{float(row['floor']):.1f} | {peak} | {(peak - base) / mib:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8, 100])
    parser.add_argument("--record", action="store_true", help="write the block in bench/RESULTS.md")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.one:
        print(json.dumps(measure_one(options.one)))
        return 0
    rows = run(options.sizes)
    print(table(rows))
    if options.record:
        section = (
            f"## Ingestion at growing article sizes (bench/ingest_scale.py), {dt.date.today()}\n\n"
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            "curated graph as what is known; each size in a fresh process.\n"
            "Run: `.venv/bin/python -m bench.ingest_scale --record`\n\n"
            + table(rows)
            + "\n\nBefore this work (issue 19) ingestion was quadratic: 542 KB took 39.6 s and "
            "20 MB did not finish in 300 s.\n"
        )
        replace_section("ingest_scale", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
