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
import re
from dataclasses import dataclass

from rivalgraph.ingest.quotes import Quote, find_quotes, paragraphs

__all__ = ["Segments"]

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
        sentences: list[tuple[int, int]] = []
        for lower, upper in spans:
            sentences += _sentences(
                text, lower, upper, [q for q in quotes if lower <= q.open_at < upper]
            )
        return cls(text, spans, quotes, tuple(sentences))

    def sentence_at(self, index: int) -> int:
        """Return the number of the sentence that holds (or precedes) ``index``."""
        starts = [start for start, _ in self.sentences]
        return max(0, bisect.bisect_right(starts, index) - 1)

    def paragraph_at(self, index: int) -> int:
        """Return the number of the paragraph that holds (or precedes) ``index``."""
        starts = [start for start, _ in self.paragraphs]
        return max(0, bisect.bisect_right(starts, index) - 1)

    def quote_at(self, index: int) -> Quote | None:
        """Return the quotation whose marks enclose ``index``, if any."""
        for quote in self.quotes:
            if quote.open_at <= index < quote.after:
                return quote
        return None

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
