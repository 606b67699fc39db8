"""Measure extraction against annotated articles: precision and recall.

An annotation file (JSON) names its article and date and lists the gold
statements: ``start``/``end`` (offsets into the article's text, HTML
extracted), ``text``, ``speaker`` (an athlete slug, or ``null`` when no
athlete of the graph can be named from the text, so the draft must flag it),
``mode``, ``given_to``/``relayed_by`` (outlet slugs) and ``responds_to``
(the ``key`` of the statement answered).  An article path starting with
``shared:`` lies in the ``shared/`` folder beside the repository.

Counted, each as true positives, false positives and false negatives:

- **quotes**: statement spans, exact to the character;
- **speakers**: (span, speaker) pairs; a flagged statement predicts no speaker;
- **responses**: (span, span answered) pairs;
- **outlets**: (span, given/relayed, outlet) triples;
- **flags**: gold statements without a nameable speaker that the draft flags.

Examples
--------
>>> Counts(8, 1, 2).precision, Counts(8, 1, 2).recall
(0.8888888888888888, 0.8)
>>> Counts(0, 0, 0).precision
1.0
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rivalgraph.errors import InputError
from rivalgraph.ingest.draft import Extraction
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.pipeline import extract
from rivalgraph.ingest.text import read_article
from rivalgraph.sources import display_path

__all__ = ["Annotation", "Counts", "Scores", "load_annotation", "score", "evaluate", "table"]

CATEGORIES = ("quotes", "speakers", "responses", "outlets", "flags")


@dataclass(frozen=True)
class Annotation:
    """One annotated article."""

    path: Path
    article: Path
    date: dt.date
    statements: list[dict[str, object]]


@dataclass
class Counts:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class Scores:
    """Counts per category for one article (or a total)."""

    name: str
    counts: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})


def _shared(annotation: Path, rest: str) -> Path:
    for parent in annotation.resolve().parents:
        candidate = parent / "shared" / rest
        if candidate.exists():
            return candidate
    raise InputError(display_path(annotation), f"cannot find shared/{rest} in any folder above it")


def load_annotation(path: Path) -> Annotation:
    """Read an annotation file and locate its article."""
    data = json.loads(path.read_text(encoding="utf-8"))
    name = str(data["article"])
    article = (
        _shared(path, name[len("shared:") :]) if name.startswith("shared:") else path.parent / name
    )
    return Annotation(path, article, dt.date.fromisoformat(data["date"]), list(data["statements"]))


def _compare(predicted: set[tuple[object, ...]], gold: set[tuple[object, ...]]) -> Counts:
    return Counts(len(predicted & gold), len(predicted - gold), len(gold - predicted))


def tail(iri: str | None) -> str | None:
    """The last segment of an IRI (an athlete's slug)."""
    return iri.rsplit("/", 1)[-1] if iri else None


def score(extraction: Extraction, gold: Iterable[dict[str, object]], name: str = "") -> Scores:
    """Compare an extraction with gold statements."""
    gold = list(gold)
    found = extraction.statements
    spans = {str(g["key"]): (g["start"], g["end"]) for g in gold}
    scores = Scores(name)
    scores.counts["quotes"] = _compare({(s.start, s.end) for s in found},
                                       {(g["start"], g["end"]) for g in gold})  # fmt: skip
    scores.counts["speakers"] = _compare(
        {(s.start, s.end, tail(s.speaker)) for s in found if s.speaker},
        {(g["start"], g["end"], g["speaker"]) for g in gold if g["speaker"]},
    )
    scores.counts["responses"] = _compare(
        {(s.start, s.end, found[s.responds_to].start, found[s.responds_to].end)
         for s in found if s.responds_to is not None},
        {(g["start"], g["end"], *spans[str(g["responds_to"])]) for g in gold if g["responds_to"]},
    )  # fmt: skip
    scores.counts["outlets"] = _compare(
        {(s.start, s.end, role, o.slug) for s in found
         for role, outlets in (("given", s.given), ("relayed", s.relayed)) for o in outlets},
        {(g["start"], g["end"], role, o) for g in gold
         for role, key in (("given", "given_to"), ("relayed", "relayed_by")) for o in g[key]},  # type: ignore[attr-defined]
    )  # fmt: skip
    scores.counts["flags"] = _compare(
        {(s.start, s.end) for s in found if not s.speaker},
        {(g["start"], g["end"]) for g in gold if not g["speaker"]},
    )
    return scores


def evaluate(paths: Iterable[Path], known: Knowledge) -> list[Scores]:
    """Score every annotated article; the last row is the total."""
    rows = []
    total = Scores("all")
    for path in sorted(paths):
        annotation = load_annotation(path)
        extraction = extract(read_article(annotation.article), annotation.date, known)
        row = score(extraction, annotation.statements, annotation.article.name)
        for category, counts in row.counts.items():
            total.counts[category].add(counts)
        rows.append(row)
    return [*rows, total]


def table(rows: list[Scores]) -> str:
    """Format scores as a Markdown table: P / R (tp, fp, fn) per category."""
    head = "| article | " + " | ".join(CATEGORIES) + " |"
    lines = [head, "|" + "---|" * (len(CATEGORIES) + 1)]
    for row in rows:
        cells = [
            f"{c.precision:.2f} / {c.recall:.2f} ({c.tp}, {c.fp}, {c.fn})"
            for c in (row.counts[name] for name in CATEGORIES)
        ]
        name = f"**{row.name}**" if row.name == "all" else row.name
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
