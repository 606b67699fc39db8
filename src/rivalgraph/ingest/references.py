"""Find the people an article mentions and resolve them to athletes of the graph.

A mention is a full name ("Jakob Ingebrigtsen"), a surname ("Kerr"), a
misspelling close to a known name ("Ingebrigsten"), a first name of someone
already named, a pronoun ("he") or a description ("the Norwegian", "the Scot",
"the 23-year-old", "the two-time 5000m gold medalist").

Pronouns and descriptions are resolved by salience: the nearest sentence
(the current one first, then those before it) that mentions an athlete who
fits decides.  Mentions inside quotations do not count as antecedents, nor
do possessives ("Kerr's claim") when the sentence has another candidate.  A
description also filters by what the graph knows: the nation (IOC code, via
:mod:`~rivalgraph.ingest.demonyms`), the age (if a birth date is known) or the
titles held.  When the deciding sentence leaves more than one athlete, the
mention is *ambiguous*; when nothing fits, *unresolved*.  Neither is guessed:
the caller flags them for review.

Examples
--------
>>> from rivalgraph.ingest.knowledge import Knowledge, KnownAthlete
>>> known = Knowledge(athletes={
...     "athlete:josh-kerr": KnownAthlete("athlete:josh-kerr", "Josh Kerr", frozenset({"GBR"})),
...     "athlete:jakob-ingebrigtsen": KnownAthlete(
...         "athlete:jakob-ingebrigtsen", "Jakob Ingebrigtsen", frozenset({"NOR"}))})
>>> text = "Kerr beat Ingebrigsten. The Norwegian was angry and he said so."
>>> refs = References.of(text, known, dt.date(2024, 1, 1))
>>> [(m.surface, m.athlete) for m in refs.mentions]  # doctest: +NORMALIZE_WHITESPACE
[('Kerr', 'athlete:josh-kerr'), ('Ingebrigsten', 'athlete:jakob-ingebrigtsen'),
 ('The Norwegian', 'athlete:jakob-ingebrigtsen'), ('he', 'athlete:jakob-ingebrigtsen')]
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from rivalgraph.ingest.demonyms import all_demonyms, nations_of
from rivalgraph.ingest.knowledge import Knowledge, KnownAthlete
from rivalgraph.ingest.segments import Segments
from rivalgraph.ingest.titles import TitleQuery, matching_titles
from rivalgraph.slugs import fold_name

__all__ = ["Mention", "References", "edit_distance"]

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?:['’]s?)?")
_PRONOUN = re.compile(r"\b(he|she|him|his|her)\b", re.IGNORECASE)
_PERSON_NOUNS = (
    r"(?:\s+(?:star|superstar|runner|athlete|miler|great|veteran|sprinter|hurdler|jumper|thrower|"
    r"vaulter|walker|decathlete|heptathlete|youngster|teenager))?"
)
_DESCRIPTION = re.compile(
    r"\b[Tt]he\s+(?P<body>(?:(?:\d+-year-old|new|reigning|defending|former|current|world|World|"
    r"Olympic|European|indoor|Indoor|(?:two|three|four|five|six|\d+)-time|[\d,]+\s?(?:m|meters|metres)|"
    r"gold)\s+){0,5}"
    r"(?P<head>(?:"
    + "|".join(re.escape(word) for word in all_demonyms())
    + r")"
    + _PERSON_NOUNS
    + r"|\d+-year-old(?:\s+[A-Z][a-z]+er\b)?|champion(?!ship)|gold medall?ist|medall?ist|"
    r"title[- ]holder))\b"
    r"(?!\s+(?:team|record|media|press|champion|championships?|trials|federation|titles?|squad|"
    r"national|anthem|flag|public|crowd|fans|league|season|indoor|record)\b)"
)
#: First names the press uses instead of the registered one ("Mondo Duplantis").
NICKNAMES = {"mondo": "armand", "mo": "mohamed", "timo": "timothy"}
#: Surnames that are also everyday English words: they count only once the athlete is named.
_COMMON_WORDS = {"west", "young", "hay", "mills", "knight", "ben", "scott", "fisher", "nur", "fay",
                 "riva", "mead", "farken", "atkin"}  # fmt: skip
_NOT_NAMES = {
    "the", "a", "an", "he", "she", "his", "her", "it", "they", "we", "i", "in", "on", "at", "after",
    "before", "asked", "speaking", "but", "and", "however", "when", "while", "with", "for", "then",
    "this", "that", "there", "both", "plan", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "olympic", "olympics", "world", "european",
    "diamond", "league", "games", "championships", "championship", "titles", "title",
}  # fmt: skip


@dataclass
class Mention:
    """One reference to a person in the text.

    Attributes
    ----------
    start, end : int
        Span in the article text.
    surface : str
        The words as written.
    kind : str
        ``name``, ``surname``, ``first-name``, ``misspelling``, ``pronoun``,
        ``description`` or ``unknown-name``.
    athlete : str or None
        The athlete's IRI when resolved.
    candidates : tuple of str
        The athletes it may mean, when ambiguous.
    possessive : bool
        Written as a possessive ("Kerr's").
    in_quote : bool
        Inside a quotation.
    note : str
        How it was resolved, or why not.
    """

    start: int
    end: int
    surface: str
    kind: str
    athlete: str | None = None
    candidates: tuple[str, ...] = ()
    possessive: bool = False
    in_quote: bool = False
    note: str = ""
    constraint: Callable[[KnownAthlete], bool] | None = field(default=None, repr=False)

    @property
    def resolved(self) -> bool:
        """Whether the mention names exactly one athlete."""
        return self.athlete is not None


def edit_distance(left: str, right: str) -> int:
    """Optimal string alignment distance (a transposition counts as one edit).

    Examples
    --------
    >>> edit_distance("ingebrigsten", "ingebrigtsen")
    1
    >>> edit_distance("kerr", "karr")
    1
    """
    return int(OSA.distance(left, right))


def _tolerance(word: str) -> int:
    return 0 if len(word) < 6 else 1 if len(word) < 10 else 2


class _NameIndex:
    def __init__(self, athletes: Iterable[KnownAthlete]) -> None:
        self.full: dict[str, set[str]] = {}
        self.surname: dict[str, set[str]] = {}
        self.first: dict[str, set[str]] = {}
        for athlete in athletes:
            tokens = fold_name(athlete.label).split()
            if not tokens:
                continue
            self.full.setdefault(" ".join(tokens), set()).add(athlete.iri)
            self.surname.setdefault(tokens[-1], set()).add(athlete.iri)
            if len(tokens) > 2:
                self.surname.setdefault(" ".join(tokens[-2:]), set()).add(athlete.iri)
            self.first.setdefault(tokens[0], set()).add(athlete.iri)

    def fuzzy(self, key: str, table: dict[str, set[str]]) -> set[str]:
        limit = _tolerance(key)
        if not limit:
            return set()
        found: set[str] = set()
        close = process.extract(key, list(table), scorer=OSA.distance, score_cutoff=limit, limit=None)
        for known, _, _ in close:
            if known[0] == key[0]:
                found |= table[known]
        return found

    @classmethod
    def of(cls, known: Knowledge) -> _NameIndex:
        """The index of ``known``'s athletes, built once per :class:`Knowledge`."""
        index = known.cache.get("names")
        if not isinstance(index, _NameIndex):
            index = known.cache["names"] = cls(known.athletes.values())
        return index


@dataclass
class References:
    """The mentions of one article, resolved in reading order."""

    text: str
    segments: Segments
    known: Knowledge
    date: dt.date
    mentions: list[Mention] = field(default_factory=list)
    _named_so_far: dict[bool, tuple[int, set[str]]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, text: str, known: Knowledge, date: dt.date, segments: Segments | None = None) -> References:
        """Find and resolve every mention of ``text``."""
        refs = cls(text, segments or Segments.of(text), known, date)
        index = _NameIndex.of(known)
        found = refs._names(index) + refs._pronouns() + refs._descriptions()
        found.sort(key=lambda mention: (mention.start, -mention.end))
        kept: list[Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                continue
            mention.in_quote = refs.segments.in_quote(mention.start)
            kept.append(mention)
        for mention in kept:
            refs._resolve(mention, index)
            refs.mentions.append(mention)
        return refs

    # -- finding ---------------------------------------------------------------

    def _names(self, index: _NameIndex) -> list[Mention]:
        mentions: list[Mention] = []
        for run in self._capitalised_runs():
            mentions += self._match_run(run, index)
        return mentions

    def _capitalised_runs(self) -> list[list[re.Match[str]]]:
        runs: list[list[re.Match[str]]] = []
        current: list[re.Match[str]] = []
        for match in _TOKEN.finditer(self.text):
            word = match.group()
            if not word[0].isupper():
                current = []
                continue
            if (
                current
                and self.text[current[-1].end() : match.start()] == " "
                and not (_possessive(current[-1].group()))
            ):
                current.append(match)
            else:
                current = [match]
                runs.append(current)
        return runs

    def _match_run(self, run: list[re.Match[str]], index: _NameIndex) -> list[Mention]:
        mentions = []
        i = 0
        while i < len(run):
            for j in range(len(run), i, -1):
                mention = self._match_window(run[i:j], index)
                if mention:
                    mentions.append(mention)
                    i = j
                    break
            else:
                i += 1
        return mentions

    def _match_window(self, window: list[re.Match[str]], index: _NameIndex) -> Mention | None:
        last = window[-1].group()
        possessive = _possessive(last)
        words = [match.group() for match in window[:-1]] + [_strip_possessive(last)]
        key = fold_name(" ".join(words))
        start, end = window[0].start(), window[-1].start() + len(_strip_possessive(last))
        surface = self.text[start:end]
        if key.split()[0] in _NOT_NAMES:
            return None

        def make(kind: str, iris: set[str], note: str = "") -> Mention:
            return Mention(start, end, surface, kind, candidates=tuple(sorted(iris)),
                           possessive=possessive, note=note)  # fmt: skip

        if len(window) >= 2:
            first, _, rest = key.partition(" ")
            if first in NICKNAMES and f"{NICKNAMES[first]} {rest}" in index.full:
                return make(
                    "name",
                    index.full[f"{NICKNAMES[first]} {rest}"],
                    f"{surface!r}: a nickname of the name in the graph",
                )
            if key in index.full:
                return make("name", index.full[key])
            if key in index.surname:
                return make("surname", index.surname[key])
            close = index.fuzzy(key, index.full)
            if len(close) == 1:
                return make("misspelling", close)
            return None
        if key in index.surname:
            return make("surname", index.surname[key])
        if key in index.first:
            return make("first-name", index.first[key])
        close = index.fuzzy(key, index.surname)
        if close:
            return make("misspelling", close)
        return None

    def _pronouns(self) -> list[Mention]:
        return [
            Mention(match.start(), match.end(), match.group(), "pronoun")
            for match in _PRONOUN.finditer(self.text)
        ]

    def _descriptions(self) -> list[Mention]:
        mentions = []
        for match in _DESCRIPTION.finditer(self.text):
            mention = Mention(match.start(), match.end(), match.group(), "description")
            mention.constraint = self._constraint(match.group("body"), match.group("head"))
            mentions.append(mention)
        return mentions

    def _constraint(self, body: str, head: str) -> Callable[[KnownAthlete], bool]:
        words = f"{body} {head}"
        tests: list[Callable[[KnownAthlete], bool]] = []
        nations = nations_of(head.split()[0])
        if nations:
            tests.append(lambda athlete: bool(athlete.nations & nations))
        if age := re.search(r"(\d+)-year-old", words):
            years = int(age.group(1))
            tests.append(lambda athlete: athlete.birth is None or _age(athlete.birth, self.date) == years)
        if re.search(r"champion|medall?ist|title", head):
            query = TitleQuery.parse(words)
            tests.append(lambda athlete: bool(matching_titles(self.known, athlete.iri, query, self.date)))
        return lambda athlete: all(test(athlete) for test in tests)

    # -- resolving -------------------------------------------------------------

    def _resolve(self, mention: Mention, index: _NameIndex) -> None:
        if mention.kind in ("name", "surname", "misspelling"):
            self._resolve_name(mention)
        elif mention.kind == "first-name":
            named = self._named_before(mention.start) & set(mention.candidates)
            mention.candidates = tuple(sorted(named))
            if len(named) == 1:
                mention.athlete = next(iter(named))
            else:
                mention.note = "a first name of no athlete named before"
        elif mention.in_quote:
            mention.note = "inside a quotation: not resolved"
        elif mention.kind == "pronoun":
            self._by_salience(mention, lambda athlete: True)
        else:
            self._by_salience(mention, mention.constraint or (lambda athlete: True))

    def _resolve_name(self, mention: Mention) -> None:
        candidates = set(mention.candidates)
        if len(candidates) > 1:
            named = self._named_before(mention.start, full_only=True) & candidates
            if len(named) == 1:
                candidates = named
        if len(candidates) != 1 and mention.kind == "surname" and " " not in mention.surface.strip():
            # "Daniel" after "Daniel Ståhl": a first name of someone the article named in full
            first = fold_name(_strip_possessive(mention.surface))
            named = {iri for iri in self._named_before(mention.start, full_only=True)
                     if fold_name(self._label(iri)).split()[0] == first}  # fmt: skip
            if len(named) == 1:
                candidates = named
        if len(candidates) == 1:
            iri = next(iter(candidates))
            if mention.kind == "surname" and fold_name(mention.surface) in _COMMON_WORDS:
                if iri not in self._named_before(mention.start):
                    mention.candidates = ()
                    mention.note = "an everyday word that is also a surname: not read as a name"
                    return
            mention.athlete = iri
            if mention.kind == "misspelling":
                label = self.known.athletes[iri].label
                mention.note = f"written {mention.surface!r}, read as {label} (spelling differs)"
            return
        labels = ", ".join(self._label(iri) for iri in sorted(candidates))
        mention.note = f"{mention.surface!r} may be any of: {labels}"

    def _named_before(self, position: int, full_only: bool = False) -> set[str]:
        kinds = {"name"} if full_only else {"name", "surname", "misspelling"}
        ended = bisect.bisect_right(self.mentions, position, key=_start_of)
        if ended and self.mentions[ended - 1].end > position:
            ended -= 1  # mentions do not overlap: only the last one can still be open
        # Mentions are resolved in reading order, so the athletes named so far are
        # kept and extended rather than gathered again for every mention.
        counted, named = self._named_so_far.get(full_only, (0, set()))
        if ended < counted:
            counted, named = 0, set()
        named = named | {
            mention.athlete
            for mention in self.mentions[counted:ended]
            if mention.athlete and mention.kind in kinds
        }
        self._named_so_far[full_only] = (ended, named)
        return set(named)

    def _by_salience(self, mention: Mention, fits: Callable[[KnownAthlete], bool]) -> None:
        current = self.segments.sentence_at(mention.start)
        for number in range(current, -1, -1):
            candidates = self._candidates_in(number, mention.start, fits)
            if not candidates:
                continue
            if len(candidates) == 1:
                mention.athlete = candidates[0]
                mention.note = f"{mention.surface!r} read as {self._label(candidates[0])}"
            else:
                mention.candidates = tuple(candidates)
                labels = " or ".join(self._label(iri) for iri in candidates)
                mention.note = f"{mention.surface!r} is ambiguous: {labels}"
            return
        mention.note = f"{mention.surface!r}: no athlete named before fits"

    def _candidates_in(self, sentence: int, before: int, fits: Callable[[KnownAthlete], bool]) -> list[str]:
        lower, upper = self.segments.sentences[sentence]
        inside = [
            m
            for m in self.between(lower, min(upper, before))
            if m.start < min(upper, before) and m.athlete and not m.in_quote
        ]
        plain = [m for m in inside if not m.possessive] or inside
        found: list[str] = []
        for m in plain:
            athlete = self.known.athletes.get(m.athlete or "")
            if athlete and fits(athlete) and athlete.iri not in found:
                found.append(athlete.iri)
        return found

    def _label(self, iri: str) -> str:
        athlete = self.known.athletes.get(iri)
        return athlete.label if athlete else iri

    # -- queries ---------------------------------------------------------------

    def is_athlete_name(self, name: str) -> bool:
        """Tell whether ``name`` is the full name or surname of an athlete of the graph."""
        key = " ".join(fold_name(name).split())
        index = _NameIndex.of(self.known)
        return key in index.full or (" " not in key and key in index.surname)

    def mention_at(self, index: int) -> Mention | None:
        """Return the mention that holds ``index``, if any."""
        number = bisect.bisect_right(self.mentions, index, key=_start_of) - 1
        if number >= 0 and index < self.mentions[number].end:
            return self.mentions[number]
        return None

    def after(self, index: int) -> Iterator[Mention]:
        """Yield the mentions that start at or after ``index``, in reading order."""
        first = bisect.bisect_left(self.mentions, index, key=_start_of)
        return (self.mentions[number] for number in range(first, len(self.mentions)))

    def between(self, start: int, end: int) -> list[Mention]:
        """Return the mentions that lie within ``[start, end)``.

        The mentions are in reading order and do not overlap, so the first is found
        by bisection: a scan of all of them per call made ingestion quadratic.
        """
        first = bisect.bisect_left(self.mentions, start, key=_start_of)
        inside = []
        for number in range(first, len(self.mentions)):
            mention = self.mentions[number]
            if mention.start >= end:
                break
            if mention.end <= end:
                inside.append(mention)
        return inside


def _start_of(mention: Mention) -> int:
    return mention.start


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def _strip_possessive(word: str) -> str:
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if word.endswith(("s'", "s’")) else word


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
