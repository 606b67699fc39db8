"""Quality of `rivalgraph ingest` on the gold set: quotes, speakers, replies, outlets.

Run:  .venv/bin/python -m bench.ingest_quality [--frozen] [--methods rules parse combined]

The gold set (tests/data/articles/gold/, README there) is real sports news: excerpts of public
web pages annotated by hand.  Its articles marked ``"frozen": true`` were set aside before any
tuning; they are measured only with ``--frozen`` (the honest figure, run once the rules are
settled).  The synthetic articles of tests/data/articles/ are measured too.

Per method (the rules, spaCy's dependency parse, the rules completed by the parse) and per
set: quote precision / recall / F1 at 0.3 and 0.8 span overlap (shared characters over the
longer span, as in the SFU Gender Gap Tracker's evaluation), speaker accuracy over every gold
quote whose speaker the text names (a missed quote counts as a wrong speaker), replies
(precision / recall of (statement, statement answered) pairs within an article) and outlet
recall ((statement, given/relayed, outlet) triples), and articles per second (extraction only;
reading what the graph knows is timed apart).  Speakers resolve against the built store
(``--store``, default .rivalgraph/store: every athlete of all of athletics) or, when none is
built, the curated files.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

from bench.sections import replace_section
from rivalgraph.ingest import load_knowledge
from rivalgraph.ingest.evaluate import Annotation, Quality, load_annotation, quality, quality_table
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.pipeline import extract
from rivalgraph.ingest.statements import METHODS
from rivalgraph.ingest.text import read_article

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles"
GOLD = ARTICLES / "gold"


def annotations(frozen: bool) -> dict[str, list[Annotation]]:
    """The annotated articles in English, by set."""
    gold = [a for a in map(load_annotation, sorted(GOLD.glob("*.json"))) if a.language == "en"]
    sets = {
        "real, tuned on": [a for a in gold if not a.frozen],
        "synthetic": [load_annotation(p) for p in sorted(ARTICLES.glob("*.json"))],
    }
    if frozen:
        sets["real, held out (frozen)"] = [a for a in gold if a.frozen]
    return sets


def measure(items: list[Annotation], known: Knowledge, method: str) -> list[Quality]:
    """One row per article, then the total."""
    rows = []
    names = {iri: athlete.label for iri, athlete in known.athletes.items()}
    for annotation in items:
        article = read_article(annotation.article)
        started = time.perf_counter()
        extraction = extract(article, annotation.date, known, method=method)
        seconds = time.perf_counter() - started
        row = quality(extraction, annotation, names)
        row.seconds = seconds
        rows.append(row)
    total = Quality("all", articles=0)
    for row in rows:
        total.add(row)
    return [*rows, total]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=".rivalgraph/store")
    parser.add_argument("--frozen", action="store_true", help="also measure the held-out articles")
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    parser.add_argument("--per-article", action="store_true", help="a row per article")
    parser.add_argument("--record", action="store_true",
                        help="write the figures into bench/RESULTS.md (block ingest_quality)")  # fmt: skip
    options = parser.parse_args(argv)
    lines: list[str] = []

    def say(text: str) -> None:
        print(text)
        lines.append(text)

    started = time.perf_counter()
    known, origin = load_knowledge(options.store)
    loading = time.perf_counter() - started
    say(f"{time.strftime('%Y-%m-%d')}, {platform.machine()} {platform.system()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. Names resolved against {origin} "
        f"({len(known.athletes)} athletes; what the graph knows read in {loading:.1f} s).\n")  # fmt: skip
    sets = annotations(options.frozen)
    for method in options.methods:
        say(f"### method: {method}\n")
        totals = []
        for name, items in sets.items():
            rows = measure(items, known, method)
            if options.per_article:
                say(f"{name}:\n")
                say(quality_table(rows))
            total = rows[-1]
            total.name = f"{name} ({len(items)} articles, {sum(_quotes(a) for a in items)} quotes)"
            totals.append(total)
        say(quality_table(totals))
    if options.record:
        heading = "## Press ingestion on the gold set (bench/ingest_quality.py)\n\n"
        replace_section("ingest_quality", heading + "\n".join(lines).replace("### method", "#### method"))
    return 0


def _quotes(annotation: Annotation) -> int:
    return sum(1 for s in annotation.statements
               if s.get("mode", "direct") in ("direct", "reported") and not s.get("truncated"))  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
