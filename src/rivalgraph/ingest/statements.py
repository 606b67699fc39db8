"""Turn an article's quotations and reported speech into statements.

Every quotation with a cue (:mod:`~rivalgraph.ingest.attribution`) is a
direct statement; a quotation without one is the continuation of the
statement before it when it follows in the same paragraph (a quote split by
"he added") or reopens a quote left open at the end of the previous
paragraph; a paragraph that is only a quotation with no cue and nothing to
continue is a statement whose speaker is flagged.  Short quotations inside a
sentence (a word in scare quotes, a fragment inside reported speech) are not
statements.  Reported speech comes from :mod:`~rivalgraph.ingest.reported`.

Each statement gets its speaker (or a flag), its medium (or the one it
inherits: a continuation inherits everything, "he added" the outlets of the
same speaker's previous statement) and, where the text says it, the day it
was made.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import overload

from rivalgraph.ingest.attribution import Cue, Speaker, find_cue, is_fragment
from rivalgraph.ingest.dates import stated_on
from rivalgraph.ingest.medium import Media, OutletRef, find_media, find_wire
from rivalgraph.ingest.quotes import Quote
from rivalgraph.ingest.references import References
from rivalgraph.ingest.reported import find_reported
from rivalgraph.ingest.segments import SpanIndex

__all__ = ["Found", "METHODS", "extract_statements"]

#: How statements are found: the rules of this package, spaCy's dependency parse
#: (:mod:`~rivalgraph.ingest.parsed`), or the rules completed by the parse.
METHODS = ("rules", "parse", "combined")

_NOT_NAMES = {"the", "a", "an", "he", "she", "they", "it", "this", "that", "i", "we"}
_ADDING = {"added", "adds", "adding", "continued", "went on"}


@dataclass
class Found:
    """A statement found in the text, before it is written as RDF.

    ``responds_to`` holds the index (in the article's list) of the statement
    it answers, ``responds_to_iri`` a statement of the graph; ``flags`` are the
    problems a person must resolve, ``comments`` what the reader should know.
    """

    start: int
    end: int
    text: str
    mode: str
    paragraph: int
    cue: Cue | None = None
    continues: Found | None = field(default=None, repr=False)
    speaker: str | None = None
    speaker_name: str | None = None
    speaker_role: str | None = None
    given: list[OutletRef] = field(default_factory=list)
    relayed: list[OutletRef] = field(default_factory=list)
    note: str | None = None
    stated_on: dt.date | None = None
    responds_to: int | None = None
    responds_to_iri: str | None = None
    about: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    key: str = ""


def _direct(refs: References, covered: list[tuple[int, int]]) -> list[Found]:
    found: list[Found] = []
    reported = SpanIndex(sorted(covered))
    for quote in refs.segments.quotes:
        if reported.first_holding(quote.open_at) is not None or is_fragment(refs, quote):
            continue
        cue = find_cue(refs, quote)
        if cue is not None:
            found.append(Found(quote.start, quote.end, quote.text, "direct", quote.paragraph, cue))
        elif (previous := _continued(refs, found, quote)) is not None:
            found.append(Found(quote.start, quote.end, quote.text, "direct", quote.paragraph,
                               continues=previous))  # fmt: skip
        elif _opens_paragraph(refs, quote) and quote.words() >= 3:
            statement = Found(quote.start, quote.end, quote.text, "direct", quote.paragraph)
            statement.flags.append("speaker: no speaker is named near this quotation; add rg:speaker")
            found.append(statement)
    return found


def _opens_paragraph(refs: References, quote: Quote) -> bool:
    lower = refs.segments.paragraphs[quote.paragraph][0]
    return not refs.text[lower : quote.open_at].strip()


def _continued(refs: References, found: list[Found], quote: Quote) -> Found | None:
    if not found:
        return None
    last = found[-1]
    full = quote.words() >= 3 or quote.text.rstrip('”’"').endswith((".", "!", "?"))
    previous = refs.segments.quote_at(last.start)
    same_paragraph = last.paragraph == quote.paragraph
    reopened = (
        previous is not None
        and previous.continued
        and last.paragraph == quote.paragraph - 1
        and _opens_paragraph(refs, quote)
    )
    return last if full and (same_paragraph or reopened) else None


def _reported(refs: References) -> list[Found]:
    found = []
    for item in find_reported(refs):
        paragraph = refs.segments.paragraph_at(item.start)
        cue = Cue("reported", item.sentence[0], item.sentence[1], item.verb, item.speaker)
        found.append(Found(item.start, item.end, refs.text[item.start : item.end], "reported",
                           paragraph, cue))  # fmt: skip
    return found


def _speaker(statement: Found, speaker: Speaker | None) -> None:
    if speaker is None:
        statement.flags.append("speaker: the cue names nobody; add rg:speaker")
    elif speaker.mention is None:
        statement.speaker_name, statement.speaker_role = speaker.unknown, speaker.role
        if speaker.role is None:
            statement.flags.append(
                f"speaker: {speaker.unknown!r} is not an athlete of the graph; written as a "
                "schema:Person: confirm, or set rg:speaker to an athlete"
            )
        else:
            statement.comments.append(f"speaker: {speaker.unknown} ({speaker.role}), not an "
                                      "athlete: a schema:Person of this draft")  # fmt: skip
    elif speaker.mention.athlete is None:
        mention = speaker.mention
        detail = mention.note or f"{mention.surface!r} names no athlete of the graph"
        statement.flags.append(f"speaker: {detail}; add rg:speaker")
        statement.comments.append("speaker candidates: " + ", ".join(mention.candidates))
    else:
        statement.speaker = speaker.mention.athlete
        if speaker.mention.kind in ("misspelling", "pronoun", "description"):
            statement.comments.append(f"speaker: {speaker.mention.note}")


def _cue_text(refs: References, statement: Found) -> str:
    cue = statement.cue
    if cue is None:
        return ""
    if cue.kind in ("reported", "parse"):
        return refs.text[cue.start : statement.start] + " " + refs.text[statement.end : cue.end]
    return cue.text(refs.text)


def _medium(refs: References, statement: Found, earlier: Sequence[Found]) -> None:
    cue_text = _cue_text(refs, statement)
    media: Media = find_media(cue_text, refs.known.outlets, refs.is_athlete_name)
    statement.given, statement.relayed, statement.note = media.given, media.relayed, media.note
    verb = statement.cue.verb if statement.cue else ""
    if verb in _ADDING and not (media.given or media.relayed) and statement.speaker:
        same = next((s for s in reversed(earlier) if s.speaker == statement.speaker), None)
        if same is not None:
            statement.given, statement.relayed = list(same.given), list(same.relayed)
            statement.note = media.note or cue_text.strip(" ,.:;")
            statement.stated_on = same.stated_on


def _date(refs: References, statement: Found, earlier: Sequence[Found], on: dt.date) -> None:
    own = stated_on(_cue_text(refs, statement), on)
    if own:
        statement.stated_on = own
        return
    if statement.stated_on or not earlier or statement.cue is None:
        return
    previous = earlier[-1]
    cue_paragraph = refs.segments.paragraph_at(statement.cue.start)
    if previous.speaker == statement.speaker and previous.paragraph >= cue_paragraph - 1:
        statement.stated_on = previous.stated_on


class _Before(Sequence[Found]):
    """The statements before one of them, without copying them (a copy each was quadratic)."""

    def __init__(self, statements: list[Found], size: int) -> None:
        self.statements, self.size = statements, size

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> Found: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Found]: ...
    def __getitem__(self, index: int | slice) -> Found | Sequence[Found]:
        if isinstance(index, slice):
            return self.statements[: self.size][index]
        if not -self.size <= index < self.size:
            raise IndexError(index)
        return self.statements[index % self.size]


def _by_rules(refs: References) -> list[Found]:
    reported = _reported(refs)
    return sorted(
        reported + _direct(refs, [(r.start, r.end) for r in reported]),
        key=lambda statement: statement.start,
    )


def _parsed_speaker(refs: References, start: int | None, end: int | None, name: str | None) -> Speaker | None:
    if start is None or end is None:
        return None
    mentions = [m for m in refs.mentions if m.start < end and start < m.end and not m.in_quote]
    if mentions:
        return Speaker(mentions[-1])
    if name and name[:1].isupper() and name.split()[0].lower() not in _NOT_NAMES:
        return Speaker(None, name)
    return None


def _by_parse(refs: References) -> list[Found]:
    from rivalgraph.ingest.parsed import find_parsed  # spaCy loads only when the parse is asked for

    found: list[Found] = []
    for item in find_parsed(refs.text):
        paragraph = refs.segments.paragraph_at(item.start)
        anchor = item.speaker_start if item.speaker_start is not None else item.start
        sentence = refs.segments.sentences[refs.segments.sentence_at(anchor)]
        lower, upper = min(sentence[0], item.start), max(sentence[1], item.end)
        speaker = _parsed_speaker(refs, item.speaker_start, item.speaker_end, item.speaker)
        cue = Cue("parse", lower, upper, item.cue or "", speaker) if item.cue else None
        statement = Found(item.start, item.end, refs.text[item.start : item.end], item.mode,
                          paragraph, cue)  # fmt: skip
        if cue is None:
            previous = found[-1] if found else None
            if previous is not None and previous.paragraph >= paragraph - 1 and previous.mode == "direct":
                statement.continues = previous
            else:
                statement.flags.append("speaker: no speaker is named near this quotation; add rg:speaker")
        found.append(statement)
    return found


def _combined(refs: References) -> list[Found]:
    """The rules' statements, and the parse's where the rules found nothing at that place."""
    rules = _by_rules(refs)
    taken = [(s.start, s.end) for s in rules]
    extra = [s for s in _by_parse(refs)
             if not any(s.start < end and start < s.end for start, end in taken)]  # fmt: skip
    for statement in extra:
        if statement.continues is not None and statement.continues not in extra:
            statement.continues = None
            statement.flags.append("speaker: no speaker is named near this quotation; add rg:speaker")
    return sorted(rules + extra, key=lambda statement: statement.start)


def extract_statements(refs: References, on: dt.date, method: str = "rules") -> list[Found]:
    """Find every statement of the article (in text order), with speaker, medium and date.

    ``method`` is one of :data:`METHODS`.
    """
    finders = {"rules": _by_rules, "parse": _by_parse, "combined": _combined}
    statements = finders[method](refs)
    for number, statement in enumerate(statements):
        earlier = _Before(statements, number)
        if statement.continues is None and _carries_on(refs, statement, earlier):
            statement.continues = earlier[-1]
            statement.flags = [f for f in statement.flags if not f.startswith("speaker")]
        elif (
            statement.cue is None
            and statement.continues is None
            and (subject := _paragraph_subject(refs, statement) or _article_subject(refs, statement, earlier))
        ):
            statement.speaker = subject
            statement.flags = [f for f in statement.flags if not f.startswith("speaker")]
            statement.comments.append("speaker: the one athlete the paragraph before speaks of "
                                      "(a quotation standing alone after it)")  # fmt: skip
        if statement.continues is not None:
            source = statement.continues
            statement.speaker, statement.note = source.speaker, source.note
            statement.speaker_name, statement.speaker_role = source.speaker_name, source.speaker_role
            statement.given, statement.relayed = list(source.given), list(source.relayed)
            statement.stated_on = source.stated_on
            statement.flags += [flag for flag in source.flags if flag.startswith("speaker")]
            statement.comments.append("continues the quotation before it (same speaker and occasion)")
            continue
        if statement.cue is not None:
            _speaker(statement, statement.cue.speaker)
            _same_speaker_adding(refs, statement, earlier)
            _medium(refs, statement, earlier)
            _date(refs, statement, earlier, on)
    _carry_outlets(refs, statements)
    return statements


def _others_named(refs: References, start: int, end: int, speaker: str | None) -> bool:
    """Whether the narrator names someone other than ``speaker`` in ``[start, end)``."""
    return any(
        not m.in_quote and (m.athlete != speaker or m.athlete is None) and m.kind != "pronoun"
        for m in refs.between(start, end)
    )


def _carries_on(refs: References, statement: Found, earlier: Sequence[Found]) -> bool:
    """A quotation standing alone in its paragraph, right after a statement, goes on with it.

    The newspaper convention: a paragraph that is only a quotation, with no cue, continues
    the speaker of the paragraph before, unless the narrator has named someone else since.
    """
    if statement.cue is not None or statement.mode != "direct" or not earlier:
        return False
    previous = earlier[-1]
    if previous.paragraph < statement.paragraph - 1 or not (previous.speaker or previous.speaker_name):
        return False
    quote = refs.segments.quote_at(statement.start)
    if quote is None or not _opens_paragraph(refs, quote):
        return False
    after = max(previous.end, previous.cue.end if previous.cue else 0)
    return not _others_named(refs, after, quote.open_at, previous.speaker)


def _paragraph_subject(refs: References, statement: Found) -> str | None:
    """The athlete a narrated paragraph right before a lone quotation is about, if only one."""
    quote = refs.segments.quote_at(statement.start)
    if quote is None or not _opens_paragraph(refs, quote) or quote.paragraph == 0:
        return None
    lower, upper = refs.segments.paragraphs[quote.paragraph - 1]
    if any(lower <= q.open_at < upper and q.words() >= 4 for q in refs.segments.quotes):
        return None
    named = {
        m.athlete
        for m in refs.between(lower, upper)
        if not m.in_quote and m.kind in ("name", "surname", "first-name", "misspelling")
    }
    if len(named) != 1 or None in named:
        return None
    return next(iter(named))


def _article_subject(refs: References, statement: Found, earlier: Sequence[Found]) -> str | None:
    """The athlete a one-speaker article is about: first named in its headline and its lead.

    Only for a quotation standing alone before anyone else has been quoted.
    """
    quote = refs.segments.quote_at(statement.start)
    spans = refs.segments.paragraphs
    if quote is None or not _opens_paragraph(refs, quote) or len(spans) < 3:
        return None
    firsts = []
    for lower, upper in spans[:2]:
        named = [m.athlete for m in refs.between(lower, upper) if m.athlete and m.kind == "name"]
        firsts.append(named[0] if named else None)
    subject = firsts[0] if firsts[0] == firsts[1] else None
    if subject is None or any(s.speaker and s.speaker != subject for s in earlier):
        return None
    return subject


def _same_speaker_adding(refs: References, statement: Found, earlier: Sequence[Found]) -> None:
    """ "he added" after a statement of a man is that man going on, whatever came between."""
    cue = statement.cue
    if cue is None or cue.verb not in _ADDING or cue.speaker is None or cue.speaker.mention is None:
        return
    if cue.speaker.mention.kind != "pronoun" or not earlier:
        return
    previous = next((s for s in reversed(earlier) if s.speaker or s.speaker_name), None)
    if previous is None or (previous.speaker, previous.speaker_name) == (statement.speaker, None):
        return
    if _others_named(refs, previous.end, statement.start, previous.speaker) and statement.speaker:
        return
    statement.speaker, statement.speaker_name = previous.speaker, previous.speaker_name
    statement.speaker_role = previous.speaker_role
    statement.flags = [f for f in statement.flags if not f.startswith("speaker")]
    statement.comments.append(f"speaker: {cue.speaker.mention.surface!r} {cue.verb}: the speaker "
                              "of the statement before goes on")  # fmt: skip


def _narrated_outlets(refs: References) -> list[tuple[int, str, Media]]:
    """Outlets the narrator says an athlete spoke to ("Kipyegon, in an interview with X, ...")."""
    found = []
    for start, end in refs.segments.sentences:
        if refs.segments.in_quote(start):
            continue
        media = find_media(refs.text[start:end], refs.known.outlets, refs.is_athlete_name)
        subject = next((m.athlete for m in refs.between(start, end) if m.athlete and not m.in_quote), None)
        if (media.given or media.relayed) and subject:
            found.append((start, subject, media))
    return found


def _carry_outlets(refs: References, statements: list[Found]) -> None:
    """Give a speaker's words with no outlet of their own the outlet the article names for them.

    An interview is usually quoted over several paragraphs and its outlet named once, before
    or after; when the article names exactly one outlet for a speaker (in a cue or in the
    narration), that speaker's other words came the same way.  With several, the nearest
    earlier one is taken.
    """
    named: dict[str, list[tuple[int, list[OutletRef], list[OutletRef]]]] = {}
    for statement in statements:
        who = statement.speaker or statement.speaker_name
        if who and (statement.given or statement.relayed):
            named.setdefault(who, []).append((statement.start, statement.given, statement.relayed))
    for at, who, media in _narrated_outlets(refs):
        named.setdefault(who, []).append((at, media.given, media.relayed))
    outlets_of: dict[str, tuple[list[tuple[int, list[OutletRef], list[OutletRef]]], list[int], int]] = {}
    for who, found in named.items():
        ways = sorted(found, key=lambda way: way[0])
        distinct = {tuple(o.slug for o in (*given, *relayed)) for _, given, relayed in ways}
        outlets_of[who] = (ways, [way[0] for way in ways], len(distinct))
    for statement in statements:
        who = statement.speaker or statement.speaker_name
        if not who or statement.given or statement.relayed or statement.note or who not in named:
            continue
        ways, starts, kinds = outlets_of[who]
        before = bisect.bisect_left(starts, statement.start)
        if kinds == 1 or before:
            _, given, relayed = ways[before - 1] if before else ways[-1]
            statement.given, statement.relayed = list(given), list(relayed)
            statement.comments.append("outlet: the one the article names for this speaker's words")
    wire = find_wire(refs.text, refs.known.outlets)
    for statement in statements:
        if wire is not None and not statement.given and not statement.relayed:
            statement.relayed = [wire]
            statement.comments.append(f"outlet: the article comes from {wire.label}")
