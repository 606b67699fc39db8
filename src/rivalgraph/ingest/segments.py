"""Split an article into sentences without cutting through a quotation.

A sentence ends at ``.``, ``!`` or ``?`` followed by white space and a capital
letter, a digit or an opening quotation mark, unless the full stop ends a
common abbreviation or an initial.  A quotation is opaque: its own full stops
do not end the narrator's sentence, but a quotation that ends a sentence
(``... medal.”``) does.  Paragraph ends always end a sentence.

Examples
--------
>>> text = '“I won.” He smiled. Mr. Kerr said: “Fine. Really.” Done'
>>> [text[a:b] for a, b in Segments.of(text).sentences]
['“I won.”', 'He smiled.', 'Mr. Kerr said: “Fine. Really.”', 'Done']
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from rivalgraph.ingest.quotes import Quote, find_quotes, paragraphs

__all__ = ["SpanIndex", "Segments"]

_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr", "no", "mt", "u.s", "e.g", "i.e",
                  "etc", "approx", "gen", "prof", "rev"}  # fmt: skip
_STARTS = re.compile(r"\s+[\"“‘«(\[A-Z0-9À-Þ]")


@dataclass(frozen=True)
class Segments:
    """Paragraphs, quotations and sentences of one text, as index spans."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    quotes: tuple[Quote, ...]
    sentences: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> Segments:
        """Segment ``text``."""
        spans = tuple(paragraphs(text))
        quotes = tuple(find_quotes(text))
        opens = [quote.open_at for quote in quotes]
        sentences: list[tuple[int, int]] = []
        for lower, upper in spans:
            inside = quotes[bisect.bisect_left(opens, lower) : bisect.bisect_left(opens, upper)]
            sentences += _sentences(text, lower, upper, list(inside))
        return cls(text, spans, quotes, tuple(sentences))

    # The starts are indexed once so that each lookup is a bisection: an article's
    # lookups grow with its length, and a scan per lookup made ingestion quadratic.
    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [start for start, _ in self.paragraphs]

    @cached_property
    def _quote_opens(self) -> list[int]:
        return [quote.open_at for quote in self.quotes]

    def sentence_at(self, index: int) -> int:
        """Return the number of the sentence that holds (or precedes) ``index``."""
        return max(0, bisect.bisect_right(self._sentence_starts, index) - 1)

    def paragraph_at(self, index: int) -> int:
        """Return the number of the paragraph that holds (or precedes) ``index``."""
        return max(0, bisect.bisect_right(self._paragraph_starts, index) - 1)

    def quote_at(self, index: int) -> Quote | None:
        """Return the quotation whose marks enclose ``index``, if any.

        Top-level quotations do not overlap and come in order, so only the last one
        opened at or before ``index`` can enclose it.
        """
        number = bisect.bisect_right(self._quote_opens, index) - 1
        if number >= 0 and index < self.quotes[number].after:
            return self.quotes[number]
        return None

    def quotes_before(self, index: int) -> Iterator[Quote]:
        """Yield the quotations opened before ``index``, the nearest first."""
        for number in range(bisect.bisect_left(self._quote_opens, index) - 1, -1, -1):
            yield self.quotes[number]

    def quotes_opening(self, start: int, end: int) -> list[Quote]:
        """Return the quotations whose opening mark lies within ``[start, end)``."""
        first = bisect.bisect_left(self._quote_opens, start)
        last = bisect.bisect_left(self._quote_opens, end)
        return list(self.quotes[first:last])

    def in_quote(self, index: int) -> bool:
        """Tell whether ``index`` lies inside a quotation (marks included)."""
        return self.quote_at(index) is not None


def _abbreviation(text: str, dot: int, lower: int) -> bool:
    start = dot
    while start > lower and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and text[start].isupper())


def _sentences(text: str, lower: int, upper: int, quotes: list[Quote]) -> list[tuple[int, int]]:
    ends: list[int] = []
    skip_to = lower
    closes = {q.close_at: q for q in quotes if q.close_at is not None}
    opens = {q.open_at: q for q in quotes}
    for index in range(lower, upper):
        if index < skip_to:
            continue
        if index in opens:
            quote = opens[index]
            skip_to = quote.after
            ends_sentence = quote.text[-1:] in ".!?" and quote.close_at is not None
            if ends_sentence and _STARTS.match(text, quote.after, upper):
                ends.append(quote.after)
            continue
        if text[index] in ".!?" and index not in closes:
            stop = index + 1
            while stop < upper and text[stop] in ')]"”’':
                stop += 1
            if _STARTS.match(text, stop, upper) and not _abbreviation(text, index, lower):
                ends.append(stop)
    spans = []
    start = lower
    for end in [*ends, upper]:
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, start + len(chunk.rstrip())))
        start = end
    return spans


class SpanIndex:
    """Which of some ``(start, end)`` spans, in order of start, hold a position.

    Spans may overlap. A lookup bisects the starts and walks back only while an
    earlier span still reaches the position (the running maximum of the ends says
    when none does), so it costs the depth of the overlap, not the number of spans.

    Examples
    --------
    >>> spans = SpanIndex([(0, 10), (2, 4), (12, 20)])
    >>> spans.first_holding(3), spans.first_holding(11), spans.first_holding(15)
    (0, None, 2)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = list(spans)
        self.starts = [start for start, _ in self.spans]
        if self.starts != sorted(self.starts):
            raise ValueError("the spans must come in order of their start")
        self.reach = list(itertools.accumulate((end for _, end in self.spans), max, initial=0))[1:]

    def first_holding(self, index: int) -> int | None:
        """The number of the first span with ``start <= index < end``, or None."""
        first = None
        for number in range(bisect.bisect_right(self.starts, index) - 1, -1, -1):
            if self.reach[number] <= index:
                break
            if index < self.spans[number][1]:
                first = number
        return first
