"""Find quotations in an article's text: curly, straight and nested quotes.

A quotation is one contiguous span inside one paragraph.  Curly quotes
(“ ” and « ») nest, so an inner pair is part of the outer quote; straight
double quotes pair up in order; inside a double quote, single quotes (‘ ’ or
') are content.  A top-level curly single quote (‘...’) counts as a quote when
its closing ’ is not an apostrophe (not followed by a letter).

Paragraphs end at a line break, except where a line was only wrapped (it ends
inside a sentence and the next line goes on in lower case), and at blank lines.
A quote left open at the end of its paragraph runs to the paragraph's end when
it opens the paragraph, or when the next paragraph reopens a quotation: the
usual way of continuing a quote over paragraphs.  Such a quote is marked
``continued``.  A quote left open at the very end of the text (an excerpt cut
short) is kept only when it holds at least four words.

Straight single quotes ('...') count in the British style: ' opening a word
and closed by a ' that follows a letter or punctuation and comes before
punctuation, a space after punctuation, or the end of the line
('Banging your chest': ..., 'It is good,' he said), so that apostrophes
(it's, the athletes' village) are not read as quotation marks.  A paragraph
that opens with a dash (- – —) is a transcript line when the speaker is named
in a cue at its end (", says Kerr.") or the paragraph before ends with a colon.

Examples
--------
>>> text = '“I won,” he said. “It was ‘easy’.” Then "calm" returned.'
>>> [q.text for q in find_quotes(text)]
['I won,', 'It was ‘easy’.', 'calm']
>>> find_quotes('“Plan A is to run.\\n\\n“And then rest.”')[0].continued
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quote", "paragraphs", "find_quotes", "OPENERS"]

OPENERS = '“«‘"'
_PAIRS = {"“": "”", "«": "»"}
_BREAK = re.compile(r"\n(?:[ \t\r\f\v]*\n)*")
_WRAPPED = re.compile(r"[\w,;(–-]")


@dataclass(frozen=True)
class Quote:
    """One quotation: the quoted words without their quotation marks.

    Attributes
    ----------
    open_at : int
        Index of the opening quotation mark.
    start, end : int
        The quoted text is ``article[start:end]`` (white space trimmed).
    close_at : int or None
        Index of the closing mark; ``None`` when the quote runs on to the
        next paragraph.
    paragraph : int
        Index of the paragraph (see :func:`paragraphs`).
    text : str
        The quoted words.
    """

    open_at: int
    start: int
    end: int
    close_at: int | None
    paragraph: int
    text: str

    @property
    def continued(self) -> bool:
        """Whether the quote is left open at its paragraph's end."""
        return self.close_at is None

    @property
    def after(self) -> int:
        """The index just after the quotation (after its closing mark)."""
        return self.end if self.close_at is None else self.close_at + 1

    def words(self) -> int:
        """Count the words of the quote."""
        return len(self.text.split())


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the non-blank paragraphs of ``text``.

    Examples
    --------
    >>> paragraphs("  One.\\n\\nTwo.\\n")
    [(2, 6), (8, 12)]
    >>> paragraphs("Headline\\nFirst line,\\nwrapped.")
    [(0, 8), (9, 29)]
    """
    spans = []
    position = 0
    for match in [*_BREAK.finditer(text), None]:
        if match and _wrapped(text, match):
            continue
        stop = match.start() if match else len(text)
        chunk = text[position:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((position + lead, position + len(chunk.rstrip())))
        if match:
            position = match.end()
    return spans


def _wrapped(text: str, match: re.Match[str]) -> bool:
    """Whether a single line break only wraps a line (ends mid-sentence, goes on in lower case)."""
    if match.group().count("\n") > 1 or match.start() == 0 or match.end() >= len(text):
        return False
    last = _last_visible(text, match.start(), " \t\r")
    return last is not None and bool(_WRAPPED.match(last)) and text[match.end()].islower()


# Both look back character by character: slicing the text up to the position, once
# per paragraph or line break, made reading a long article quadratic.
def _last_visible(text: str, end: int, blank: str | None = None) -> str | None:
    """The last character before ``end`` that is not blank (whitespace, or one of ``blank``)."""
    index = end - 1
    while index >= 0 and (text[index] in blank if blank is not None else text[index].isspace()):
        index -= 1
    return text[index] if index >= 0 else None


def _ends_with_colon(text: str, end: int) -> bool:
    return _last_visible(text, end) == ":"


def _make(text: str, open_at: int, close_at: int | None, stop: int, paragraph: int) -> Quote | None:
    start, end = open_at + 1, stop if close_at is None else close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Quote(open_at, start, end, close_at, paragraph, text[start:end])


def _opens_word(text: str, index: int, lower: int) -> bool:
    before = text[index - 1] if index > lower else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _closes_single(text: str, index: int, upper: int) -> bool:
    after = text[index + 1] if index + 1 < upper else " "
    return not after.isalpha() and not text[index - 1].isspace()


def _closes_straight_single(text: str, index: int, upper: int) -> bool:
    before = text[index - 1]
    after = text[index + 1] if index + 1 < upper else "\n"
    if before.isspace() or after.isalnum():
        return False
    return after in ",.:;!?)\n–—-" or (after.isspace() and before in ",.!?")


_DASH_LINE = re.compile(r"[-–—]\s+(?=[\w“\"‘'])")
_DASH_CUE = re.compile(r",\s+(?:says|said|adds|added|explains|explained|sier|sa)\s+[^,.]{2,60}[.!]?\s*$")


def _dash_line(text: str, lower: int, upper: int, number: int, after_colon: bool) -> Quote | None:
    """A transcript line: "- I have had a superb season, says Mykolas Alekna."."""
    opening = _DASH_LINE.match(text, lower, upper)
    if opening is None:
        return None
    cue = _DASH_CUE.search(text, opening.end(), upper)
    if cue is None and not after_colon:
        return None
    end = cue.start() if cue else upper
    while end > opening.end() and text[end - 1].isspace():
        end -= 1
    if end - opening.end() < 2:
        return None
    return Quote(lower, opening.end(), end, end - 1, number, text[opening.end() : end])


def _scan(text: str, lower: int, upper: int, number: int, runs_on: bool) -> list[Quote]:
    quotes: list[Quote] = []
    stack: list[str] = []
    open_at = -1
    straight = False
    single = False
    british = False
    for index in range(lower, upper):
        char = text[index]
        if british:
            if char == "'" and _closes_straight_single(text, index, upper):
                british = False
                quotes += filter(None, [_make(text, open_at, index, upper, number)])
            continue
        if char in _PAIRS and not straight and not single:
            if not stack:
                open_at = index
            stack.append(_PAIRS[char])
        elif stack and char == stack[-1]:
            stack.pop()
            if not stack:
                quotes += filter(None, [_make(text, open_at, index, upper, number)])
        elif char == '"' and not stack and not single:
            if straight:
                straight = False
                quotes += filter(None, [_make(text, open_at, index, upper, number)])
            elif _opens_word(text, index, lower):
                straight, open_at = True, index
        elif char == "‘" and not stack and not straight and not single:
            if _opens_word(text, index, lower):
                single, open_at = True, index
        elif char == "’" and single and _closes_single(text, index, upper):
            single = False
            quotes += filter(None, [_make(text, open_at, index, upper, number)])
        elif char == "'" and not stack and not straight and not single:
            if _opens_word(text, index, lower) and _has_straight_close(text, index, upper):
                british, open_at = True, index
    if stack or straight or single:
        left_open = _make(text, open_at, None, upper, number)
        at_end = not text[upper:].strip()
        if left_open is not None and (
            (at_end and left_open.words() >= 4)
            or (not at_end and (runs_on or not text[lower:open_at].strip()))
        ):
            quotes.append(left_open)
    return quotes


def _has_straight_close(text: str, index: int, upper: int) -> bool:
    return any(text[i] == "'" and _closes_straight_single(text, i, upper)
               for i in range(index + 2, upper))  # fmt: skip


def find_quotes(text: str) -> list[Quote]:
    """Return the top-level quotations of ``text`` in order.

    Examples
    --------
    >>> [q.text for q in find_quotes('He was "beatable" and said: "No."')]
    ['beatable', 'No.']
    >>> find_quotes("Nobody said a word.")
    []
    """
    found: list[Quote] = []
    spans = paragraphs(text)
    for number, (lower, upper) in enumerate(spans):
        following = spans[number + 1][0] if number + 1 < len(spans) else None
        runs_on = following is not None and text[following] in OPENERS
        after_colon = number > 0 and _ends_with_colon(text, spans[number - 1][1])
        line = _dash_line(text, lower, upper, number, after_colon)
        found += [line] if line else _scan(text, lower, upper, number, runs_on)
    return found
