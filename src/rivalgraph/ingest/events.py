"""Extract injuries, withdrawals, planned appearances and titles where the text states them.

- **Injuries**: a body part with an injury word ("an Achilles ligament issue",
  "his foot and Achilles injuries", "a calf injury") or a verb ("suffered a bit
  with my Achilles tendon"); the athlete is the speaker of a first-person
  statement, else the person the sentence is about.
- **Withdrawals**: "skip", "miss", "withdraw from", "pull out of" with a
  competition in the same clause; the reason is an injury of the same
  sentence (and its words, "due to ..."), else the statement that says it.
- **Planned appearances**: a competition named inside a statement that speaks
  of plans ("Plan A is to begin the season in Eugene (Diamond League 25
  May)"); the date is the one written beside it, else one the article gives
  for the same competition ("in August"), else the edition's own dates.
  "probably" makes it tentative.
- **Titles**: "Olympic 1500m champion Jakob Ingebrigtsen", "two-time world
  5000m champion", "won the 1500 meters world championship in 2023", matched
  against the titles of the graph (:mod:`~rivalgraph.ingest.titles`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from rivalgraph.ingest.dates import day_spans, month_span
from rivalgraph.ingest.editions import EditionMention
from rivalgraph.ingest.references import References
from rivalgraph.ingest.segments import SpanIndex
from rivalgraph.ingest.statements import Found
from rivalgraph.ingest.titles import TITLE_PHRASE, TitleQuery, matching_titles
from rivalgraph.slugs import slug

__all__ = ["Injury", "Withdrawal", "Appearance", "TitleHeld", "Events", "extract_events"]

_PART = r"(?:Achilles(?:\s+(?:tendon|ligament))?|hamstring|calf|foot|knee|hip|ankle|back|shin|groin|heel|thigh|quad|hamstrings)"
_INJURY_WORD = (
    r"(?:injury|injuries|issue|issues|problem|problems|strain|tear|niggle|pain|soreness|fracture|trouble)"
)
_INJURY = re.compile(
    rf"\b(?P<parts>{_PART}(?:\s*(?:,|and)\s*{_PART})*)\s+(?:(?:ligament|tendon)\s+)?{_INJURY_WORD}\b"
    rf"|\b(?:suffer(?:ed|ing|s)?|injur(?:ed|es)|hurt|tore|strained)\b[^.]{{0,40}}?\b(?:my|his|her)\s+(?P<part>{_PART})\b",
    re.IGNORECASE,
)
_WITHDRAW = re.compile(
    r"\b(?:skip|skips|skipped|skipping|miss|misses|missed|missing|withdr[ae]w(?:n|s)?|withdrawing|"
    r"pull(?:ed|s|ing)?\s+out\s+of|ruled\s+out\s+of|will\s+not\s+(?:compete|run|race)|"
    r"won['’]t\s+(?:compete|run|race))\b",
    re.IGNORECASE,
)
_REASON = re.compile(r"\b(?:due\s+to|because\s+of|with\s+an?|to\s+focus\s+on|after\s+an?)\b.*", re.IGNORECASE)
_PLAN = re.compile(
    r"\b(?:plan|plans|planning|will|going\s+to|begin|open|run|compete|race|focus|target|aim|hope|"
    r"intend|then|next)\b",
    re.IGNORECASE,
)
_TENTATIVE = re.compile(r"\b(?:probably|possibly|maybe|might|perhaps|hopefully)\b", re.IGNORECASE)
_WON = re.compile(
    r"\bwon\s+the\s+(?P<what>(?:[\w,]+\s+){0,3}?(?:world|Olympic|European)\s+(?:championship|title|gold))"
    r"(?:\s+in\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)


@dataclass
class Injury:
    """An injury of one athlete to one body part."""

    athlete: str
    part: str
    body_part: str
    year: int
    evidence: list[tuple[int, int]] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return f"{self.athlete.rsplit('/', 1)[-1]}-{self.part}-{self.year}"


@dataclass
class Withdrawal:
    """An athlete skipping an edition, with the reasons given."""

    athlete: str
    edition: EditionMention
    injuries: list[str] = field(default_factory=list)
    reason_texts: list[str] = field(default_factory=list)
    stated_in: list[int] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return f"{self.athlete.rsplit('/', 1)[-1]}-{self.edition.slug}"


@dataclass
class Appearance:
    """A planned appearance of an athlete at an edition, on a date."""

    athlete: str
    edition: EditionMention
    first: dt.date
    last: dt.date | None
    tentative: bool
    stated_in: list[int] = field(default_factory=list)
    date_note: str = ""

    @property
    def slug(self) -> str:
        return f"{self.athlete.rsplit('/', 1)[-1]}-{self.edition.slug}"


@dataclass(frozen=True)
class TitleHeld:
    """A title of the graph the article names."""

    iri: str
    phrase: str


@dataclass
class Events:
    """Everything extracted besides statements, plus notes on what could not be."""

    injuries: dict[str, Injury] = field(default_factory=dict)
    withdrawals: dict[str, Withdrawal] = field(default_factory=dict)
    appearances: dict[str, Appearance] = field(default_factory=dict)
    titles: dict[str, TitleHeld] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _part_slug(part: str) -> tuple[str, str]:
    lower = part.lower()
    if lower.startswith("achilles"):
        return "achilles", "Achilles tendon"
    return slug(lower.rstrip("s") if lower == "hamstrings" else lower), lower


def _subject(refs: References, statements: list[Found], spans: SpanIndex, index: int) -> str | None:
    number = spans.first_holding(index)
    if number is not None and statements[number].mode == "direct":
        return statements[number].speaker
    sentence = refs.segments.sentences[refs.segments.sentence_at(index)]
    before = [m for m in refs.between(sentence[0], index) if m.athlete and not m.in_quote]
    plain = [m for m in before if not m.possessive] or before
    return plain[-1].athlete if plain else None


def _injuries(
    refs: References, statements: list[Found], spans: SpanIndex, on: dt.date, events: Events
) -> None:
    for match in _INJURY.finditer(refs.text):
        parts_text = match.group("parts") or match.group("part")
        athlete = _subject(refs, statements, spans, match.start())
        if athlete is None:
            events.notes.append(f"injury {match.group()!r}: no athlete could be named; not extracted")
            continue
        for part in re.split(r"\s*(?:,|and)\s*", parts_text):
            key, body_part = _part_slug(part)
            injury = Injury(athlete, key, body_part, on.year)
            injury = events.injuries.setdefault(injury.slug, injury)
            injury.evidence.append((match.start(), match.end()))


def _reported_within(injury: Injury, start: int, end: int) -> bool:
    """Whether the article reports ``injury`` within ``[start, end)`` (its evidence is in text order)."""
    first = bisect.bisect_left(injury.evidence, start, key=lambda span: span[0])
    return first < len(injury.evidence) and injury.evidence[first][0] < end


def _withdrawals(
    refs: References, statements: list[Found], spans: SpanIndex, editions: list[EditionMention],
    events: Events,
) -> None:  # fmt: skip
    starts = [edition.start for edition in editions]
    for match in _WITHDRAW.finditer(refs.text):
        sentence = refs.segments.sentences[refs.segments.sentence_at(match.start())]
        clause_end = _clause_end(refs.text, match.end(), sentence[1])
        named = editions[bisect.bisect_left(starts, match.end()) : bisect.bisect_left(starts, clause_end)]
        athlete = _subject(refs, statements, spans, match.start())
        if not named or athlete is None:
            continue
        injuries = [
            key for key, injury in events.injuries.items()
            if injury.athlete == athlete and _reported_within(injury, *sentence)
        ]  # fmt: skip
        reason = _REASON.search(refs.text, named[-1].end, sentence[1])
        stated = spans.first_holding(match.start())
        for edition in named:
            withdrawal = events.withdrawals.setdefault(
                f"{athlete.rsplit('/', 1)[-1]}-{edition.slug}", Withdrawal(athlete, edition)
            )
            withdrawal.injuries += [key for key in injuries if key not in withdrawal.injuries]
            if reason:
                text = reason.group().rstrip(" .")
                end = refs.text.find(text, reason.start())
                text = (
                    refs.text[end : min(end + len(text), statements[stated].end)]
                    if stated is not None
                    else text
                )
                if text and text not in withdrawal.reason_texts:
                    withdrawal.reason_texts.append(text)
            if stated is not None and stated not in withdrawal.stated_in:
                withdrawal.stated_in.append(stated)


def _clause_end(text: str, start: int, stop: int) -> int:
    found = re.search(
        r"[;:]|\bbut\b|,\s+(?:a|which|who|that)\b|\b(?:due\s+to|because\s+of|to\s+focus|ahead\s+of|"
        r"in\s+order\s+to)\b",
        text[start:stop],
    )
    return start + found.start() if found else stop


def _planned_date(
    refs: References,
    mention: EditionMention,
    stop: int,
    editions: list[EditionMention],
    on: dt.date,
) -> tuple[dt.date, dt.date | None, str] | None:
    window = refs.text[mention.end : stop]
    days = day_spans(window, on)
    if days:
        return days[0][2], days[0][3], ""
    for other in editions:
        if other.slug != mention.slug:
            continue
        sentence = refs.segments.sentences[refs.segments.sentence_at(other.start)]
        near = refs.text[other.end : sentence[1]]
        if spans := day_spans(near[:60], on):
            return spans[0][2], spans[0][3], f"date from {refs.text[other.start : sentence[1]]!r}"
        if month := month_span(near, on):
            return month[0], month[1], f"month from {refs.text[other.start : sentence[1]]!r}"
    known = refs.known.edition(mention.competition, mention.year)
    if known and known.start:
        return known.start, known.end, "dates of the edition in the graph"
    return None


def _appearances(
    refs: References, statements: list[Found], editions: list[EditionMention], on: dt.date,
    events: Events,
) -> None:  # fmt: skip
    starts = [edition.start for edition in editions]
    for number, statement in enumerate(statements):
        if not statement.speaker or not _PLAN.search(statement.text):
            continue
        inside = editions[
            bisect.bisect_left(starts, statement.start) : bisect.bisect_left(starts, statement.end)
        ]
        for position, mention in enumerate(inside):
            if _WITHDRAW.search(refs.text, statement.start, mention.start):
                continue
            stop = inside[position + 1].start if position + 1 < len(inside) else statement.end
            when = _planned_date(refs, mention, stop, editions, on)
            if when is None:
                events.notes.append(
                    f"planned appearance at {mention.surface!r}: no date in the article or the graph; not extracted"
                )
                continue
            previous_end = inside[position - 1].end if position else statement.start
            tentative = bool(_TENTATIVE.search(refs.text, previous_end, mention.start))
            appearance = Appearance(statement.speaker, mention, when[0], when[1], tentative,
                                    date_note=when[2])  # fmt: skip
            appearance = events.appearances.setdefault(appearance.slug, appearance)
            if number not in appearance.stated_in:
                appearance.stated_in.append(number)


def _titles(refs: References, on: dt.date, events: Events) -> None:
    phrases = [(m.start(), m.end(), m.group()) for m in TITLE_PHRASE.finditer(refs.text)]
    phrases += [(m.start(), m.end(), m.group("what") + (f" {m.group('year')}" if m.group("year") else ""))
                for m in _WON.finditer(refs.text)]  # fmt: skip
    for start, end, phrase in phrases:
        query = TitleQuery.parse(phrase)
        if not query.specific or refs.segments.in_quote(start):
            continue
        athlete = _holder(refs, start, end)
        if athlete is None:
            continue
        year = re.search(r"\b(\d{4})$", phrase)
        titles = matching_titles(refs.known, athlete, query, on)
        if year:
            titles = [t for t in titles if t.year == int(year.group(1))] or [
                t for t in refs.known.titles
                if t.athlete == athlete and t.year == int(year.group(1))
                and (query.discipline is None or t.discipline == query.discipline)
                and (query.competition is None or t.competition == query.competition)
            ]  # fmt: skip
        if not titles:
            label = refs.known.athletes[athlete].label
            events.notes.append(f"title {phrase!r} of {label}: no matching title in the graph; not extracted")
        for title in titles:
            events.titles.setdefault(title.iri, TitleHeld(title.iri, phrase))


def _holder(refs: References, start: int, end: int) -> str | None:
    """The athlete a title phrase belongs to: named in it, right after it, or before it in its sentence."""
    around = refs.mention_at(start)
    if around is not None and around.athlete:
        return around.athlete
    following = next((m for m in refs.after(end) if m.athlete), None)
    if following is not None and not refs.text[end : following.start].strip():
        return following.athlete
    sentence = refs.segments.sentences[refs.segments.sentence_at(start)]
    before = [m for m in refs.between(sentence[0], start) if m.athlete and not m.possessive]
    return before[-1].athlete if before else None


def extract_events(
    refs: References, statements: list[Found], editions: list[EditionMention], on: dt.date
) -> Events:
    """Extract injuries, withdrawals, planned appearances and titles."""
    events = Events()
    # Statements come in text order; editions are put in it, so both are bisected.
    editions = sorted(editions, key=lambda edition: edition.start)
    spans = SpanIndex((statement.start, statement.end) for statement in statements)
    _injuries(refs, statements, spans, on, events)
    _withdrawals(refs, statements, spans, editions, events)
    _appearances(refs, statements, editions, on, events)
    _titles(refs, on, events)
    return events
