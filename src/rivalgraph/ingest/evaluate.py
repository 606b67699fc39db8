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

__all__ = [
    "Annotation", "Counts", "Scores", "load_annotation", "score", "evaluate", "table",
    "Quality", "overlap", "quality", "quality_table",
]  # fmt: skip

CATEGORIES = ("quotes", "speakers", "responses", "outlets", "flags")


@dataclass(frozen=True)
class Annotation:
    """One annotated article."""

    path: Path
    article: Path
    date: dt.date
    statements: list[dict[str, object]]
    frozen: bool = False
    real: bool = False
    language: str = "en"


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
    article = _shared(path, name[len("shared:") :]) if name.startswith("shared:") else path.parent / name
    return Annotation(
        path, article, dt.date.fromisoformat(data["date"]), list(data["statements"]),
        frozen=bool(data.get("frozen", data.get("written_after_rules", False))),
        real=bool(data.get("real", not data.get("synthetic", False))),
        language=str(data.get("language", "en")),
    )  # fmt: skip


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


# -- the gold set's measures: span overlap, speaker accuracy, replies, outlets ----------------

#: Statement modes that count as quotes; a "fragment" (a few quoted words inside the narrator's
#: sentence) is annotated but neither expected nor penalised.
QUOTE_MODES = ("direct", "reported")


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two character spans: shared characters over the longer span's length.

    The measure of the SFU Gender Gap Tracker's evaluation (a quote counts as found when the
    overlap reaches a threshold, 0.3 or 0.8).

    Examples
    --------
    >>> overlap((0, 10), (0, 10)), overlap((0, 10), (5, 10)), overlap((0, 4), (6, 9))
    (1.0, 0.5, 0.0)
    """
    shared = min(a[1], b[1]) - max(a[0], b[0])
    longest = max(a[1] - a[0], b[1] - b[0])
    return max(shared, 0) / longest if longest > 0 else 0.0


@dataclass
class Quality:
    """The gold set's measures for one article (or a sum of articles).

    ``quotes`` holds a :class:`Counts` per overlap threshold; speakers are counted over the
    gold quotes whose speaker the text names (``speaker_right`` of ``speaker_gold``, and
    ``speaker_matched`` of those found at 0.3 overlap); replies and outlets as true positives,
    false positives and false negatives on quotes matched at 0.3.
    """

    name: str
    quotes: dict[float, Counts] = field(default_factory=lambda: {0.3: Counts(), 0.8: Counts()})
    speaker_gold: int = 0
    speaker_matched: int = 0
    speaker_right: int = 0
    replies: Counts = field(default_factory=Counts)
    outlets: Counts = field(default_factory=Counts)
    seconds: float = 0.0
    articles: int = 1

    def add(self, other: Quality) -> None:
        for threshold, counts in other.quotes.items():
            self.quotes[threshold].add(counts)
        self.speaker_gold += other.speaker_gold
        self.speaker_matched += other.speaker_matched
        self.speaker_right += other.speaker_right
        self.replies.add(other.replies)
        self.outlets.add(other.outlets)
        self.seconds += other.seconds
        self.articles += other.articles

    @property
    def speaker_accuracy(self) -> float:
        """Right speakers over every gold quote with a nameable speaker."""
        return self.speaker_right / self.speaker_gold if self.speaker_gold else 1.0


def f1(counts: Counts) -> float:
    """The harmonic mean of precision and recall.

    Examples
    --------
    >>> round(f1(Counts(8, 2, 2)), 3)
    0.8
    """
    p, r = counts.precision, counts.recall
    return 2 * p * r / (p + r) if p + r else 0.0


def _match(found: list[tuple[int, int]], gold: list[tuple[int, int]], threshold: float) -> dict[int, int]:
    """Pair gold spans with found spans one to one, best overlap first (gold index -> found)."""
    pairs = sorted(
        ((overlap(g, f), gi, fi) for gi, g in enumerate(gold) for fi, f in enumerate(found)
         if overlap(g, f) >= threshold),
        reverse=True,
    )  # fmt: skip
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, fi in pairs:
        if gi not in matched and fi not in used:
            matched[gi] = fi
            used.add(fi)
    return matched


def _outlet_key(name: str) -> str:
    key = name.lower().removeprefix("the-").removesuffix("-com").removesuffix("-uk")
    return key.replace("-sport", "") if key not in {"sport"} else key


def _speaker_right(found: object, gold: dict[str, object], names: dict[str, str]) -> bool:
    speaker = getattr(found, "speaker", None)
    if gold.get("speaker"):
        return tail(speaker) == gold["speaker"]
    person = getattr(found, "speaker_name", None) or (names.get(speaker or "") if speaker else None)
    wanted = gold.get("speaker_name")
    return bool(person and wanted) and str(person).lower() == str(wanted).lower()


def quality(extraction: Extraction, annotation: Annotation, names: dict[str, str] | None = None) -> Quality:
    """Measure one extraction against its gold (see :class:`Quality`)."""
    names = names or {}
    result = Quality(annotation.article.name)
    quotes = [g for g in annotation.statements if g.get("mode", "direct") in QUOTE_MODES]
    ignored = [(int(g["start"]), int(g["end"])) for g in annotation.statements  # type: ignore[call-overload]
               if g not in quotes or g.get("truncated")]  # fmt: skip
    scored = [g for g in quotes if not g.get("truncated")]
    gold_spans = [(int(g["start"]), int(g["end"])) for g in scored]  # type: ignore[call-overload]
    found = [s for s in extraction.statements
             if not any(overlap((s.start, s.end), span) >= 0.3 for span in ignored)
             or any(overlap((s.start, s.end), span) >= 0.3 for span in gold_spans)]  # fmt: skip
    spans = [(s.start, s.end) for s in found]
    matches = {t: _match(spans, gold_spans, t) for t in result.quotes}
    for threshold, matched in matches.items():
        result.quotes[threshold] = Counts(len(matched), len(found) - len(matched),
                                          len(scored) - len(matched))  # fmt: skip
    loose = matches[0.3]
    keys = {str(g["key"]): i for i, g in enumerate(scored)}
    index_of = {id(s): i for i, s in enumerate(found)}
    for gi, gold in enumerate(scored):
        statement = found[loose[gi]] if gi in loose else None
        if gold.get("speaker") or gold.get("speaker_name"):
            result.speaker_gold += 1
            result.speaker_matched += statement is not None
            result.speaker_right += statement is not None and _speaker_right(statement, gold, names)
        target = gold.get("responds_to")
        answered = statement.responds_to if statement is not None else None
        if isinstance(target, str) and target in keys:
            wanted = loose.get(keys[target])
            if answered is not None and wanted is not None and index_of.get(
                id(extraction.statements[answered]), -1) == wanted:  # fmt: skip
                result.replies.tp += 1
            else:
                result.replies.fn += 1
                result.replies.fp += answered is not None
        elif answered is not None:
            result.replies.fp += 1
        # Outlets count by name, not by role: annotators disagree on "given to" or "relayed by"
        # far more often than on which outlet the words came through.
        predicted = (
            {_outlet_key(o.slug) for o in (*statement.given, *statement.relayed)}
            if statement is not None else set()
        )  # fmt: skip
        wanted_outlets = {_outlet_key(str(o)) for key in ("given_to", "relayed_by")
                          for o in gold.get(key, [])}  # type: ignore[attr-defined]  # fmt: skip
        result.outlets.add(_compare(predicted, wanted_outlets))  # type: ignore[arg-type]
    return result


def quality_table(rows: list[Quality]) -> str:
    """Format :class:`Quality` rows as a Markdown table."""
    lines = [
        "| articles | quotes P / R / F1 @0.3 | quotes P / R / F1 @0.8 | speaker accuracy "
        "(right / gold) | replies P / R (tp, fp, fn) | outlets R (tp / gold) | articles/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        cells = [f"{c.precision:.2f} / {c.recall:.2f} / {f1(c):.2f}" for c in row.quotes.values()]
        speed = row.articles / row.seconds if row.seconds else float("inf")
        lines.append(
            f"| {row.name} | {cells[0]} | {cells[1]} | {row.speaker_accuracy:.2f} "
            f"({row.speaker_right} / {row.speaker_gold}) | {row.replies.precision:.2f} / "
            f"{row.replies.recall:.2f} ({row.replies.tp}, {row.replies.fp}, {row.replies.fn}) | "
            f"{row.outlets.recall:.2f} ({row.outlets.tp} / {row.outlets.tp + row.outlets.fn}) | "
            f"{speed:.1f} |"
        )
    return "\n".join(lines) + "\n"
