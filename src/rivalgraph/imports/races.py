"""Rebuild races from performances: one person per athlete, one result per performance, one race per race.

The steps, each a rule a reader can check:

1. **Identity** (:class:`rivalgraph.athletics.identity.Identities`): sex, name
   key and date of birth decide who is who; relay results belong to a team
   (a nation's team of one sex category).
2. **One result per performance**: the same performance in two sources (same
   sex, discipline, person, date, round and mark) is one result with two
   sources; the source with the lower ``priority`` gives the canonical record
   (a complete championship over a toplist, the newer toplist over the older).
   When the two write the venue differently, the canonical spelling is used for
   every race at that venue (an alias).
3. **Races**: performances with the same sex, discipline, venue, date, round
   and section form one race.  Where a list gives two groups with plain places
   on one day (two races it does not tell apart), a place appears twice with
   different marks; such a group is split into races in which places and marks
   agree (each performance goes to the first race where its place is free and
   its mark no better than the places before it), numbered as sections
   ``inferred-1``, ``inferred-2``...
4. **Championships**: a race at a venue and date of an edition in the calendar
   (:mod:`rivalgraph.athletics.calendar`) belongs to that edition, and its race
   IRI is the one the curated results use (``<edition>-<discipline>-<round>``,
   ``-women`` for women's races), so a final in both is one race.

Examples
--------
>>> from rivalgraph.athletics.performance import Performance
>>> def row(name, place, mark, value):
...     return Performance("t", "f.csv", 2, "male", "1500-metres", name, "1990-01-01", "GBR",
...                        mark, value, None, place, "final", "", "Oslo (NOR)", "2024-06-13", False)
>>> rebuilt = rebuild([row("A ONE", 1, "3:30.00", 210.0), row("B TWO", 2, "3:31.00", 211.0),
...                    row("C THREE", 1, "3:35.00", 215.0)], priorities={"t": 1})
>>> sorted((race.section, len(race.entries)) for race in rebuilt.races)
[('inferred-1', 2), ('inferred-2', 1)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rivalgraph.athletics.disciplines import Discipline, disciplines
from rivalgraph.athletics.identity import Identities, Person, athlete_slug
from rivalgraph.athletics.performance import Performance

__all__ = ["Entry", "Race", "Rebuilt", "Team", "rebuild"]


@dataclass(frozen=True, slots=True)
class Team:
    """A relay team in one sex category, as the list names it (a nation, or ``United States Blue``)."""

    nation: str
    sex: str
    label: str

    @property
    def slug(self) -> str:
        return f"{athlete_slug(self.label)}-{self.nation.lower()}-{self.sex}"


@dataclass(slots=True)
class Entry:
    """One result: the canonical performance, and every (source, file) that lists it."""

    performance: Performance
    competitor: Person | Team
    listed_in: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Race:
    """One rebuilt race."""

    discipline: Discipline
    sex: str
    venue: str
    date: str
    round: str
    section: str
    indoor: bool
    entries: list[Entry]
    edition: object | None = None  # a rivalgraph.athletics.calendar.Edition
    slug: str = ""

    @property
    def complete(self) -> bool:
        return any(entry.performance.complete_race for entry in self.entries)


@dataclass
class Rebuilt:
    """The races, and what the rules noticed on the way."""

    races: list[Race]
    identities: Identities
    venue_aliases: dict[str, str]
    merged: int  # performances listed by more than one source
    #: One performance listed under two persons of the same name (two birth dates, or one
    #: without): kept once, under the person listed first, and reported as a row to review.
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)


def _better(a: float, b: float, higher: bool) -> bool:
    return a >= b if higher else a <= b


def _split(entries: list[Entry], higher: bool) -> list[list[Entry]]:
    """One group of a list, split into races in which places and marks agree."""
    places = defaultdict(set)
    for entry in entries:
        performance = entry.performance
        places[performance.place].add(performance.value)
    if all(len(values) == 1 for values in places.values()):
        return [entries]
    ordered = sorted(
        entries,
        key=lambda e: (
            e.performance.place or 0,
            -(e.performance.value or 0) if higher else (e.performance.value or 0),
        ),
    )
    races: list[list[Entry]] = []
    for entry in ordered:
        performance = entry.performance
        for race in races:
            last = race[-1].performance
            tie = last.place == performance.place and last.value == performance.value
            later = (last.place or 0) < (performance.place or 0)
            if (tie or later) and _better(last.value or 0, performance.value or 0, higher) and \
                    all(e.competitor is not entry.competitor for e in race):  # fmt: skip
                race.append(entry)
                break
        else:
            races.append([entry])
    return races


def rebuild(
    performances: Iterable[Performance],
    priorities: Mapping[str, int],
    calendar: object | None = None,
    table: dict[str, Discipline] | None = None,
    pinned: Iterable[tuple[str, str]] = (),
) -> Rebuilt:
    """Resolve identities, merge the same performance across sources and group the races.

    ``priorities`` maps a source key to its priority (lower wins); ``calendar``
    (a :class:`rivalgraph.athletics.calendar.Calendar`) matches races to editions.
    """
    known = table if table is not None else disciplines()
    identities = Identities(pinned)
    rows: list[tuple[Performance, tuple[str, str, str] | Team]] = []
    for performance in performances:
        if known[performance.discipline].relay:
            team = Team(performance.nation, performance.sex, performance.name)
            rows.append((performance, team))
        else:
            handle = identities.add(performance.sex, performance.name, performance.birth_date)
            rows.append((performance, handle))
    identities.settle()
    teams: dict[tuple[str, str], Team] = {}
    entries: dict[tuple[object, ...], Entry] = {}
    aliases: dict[str, str] = {}
    merged = 0
    rows.sort(key=lambda item: priorities.get(item[0].source, 99))
    for performance, who in rows:
        if isinstance(who, Team):
            competitor: Person | Team = teams.setdefault((who.slug, who.nation), who)
        else:
            competitor = identities.person(who)
        key = (
            performance.sex,
            performance.discipline,
            id(competitor),
            performance.date,
            performance.round,
            performance.value if performance.value is not None else performance.status,
        )
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = Entry(performance, competitor)
        else:
            merged += entry.listed_in[-1][0] != performance.source
            canonical = entry.performance.venue
            if performance.venue != canonical and athlete_slug(performance.venue) != athlete_slug(canonical):
                aliases.setdefault(performance.venue, canonical)
        entry.listed_in.append((performance.source, performance.file))
    duplicates: list[tuple[str, str, str]] = []
    spelled: dict[str, str] = {}
    groups: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    for entry in entries.values():
        performance = entry.performance
        venue = aliases.get(performance.venue, performance.venue)
        venue = spelled.setdefault(athlete_slug(venue), venue)
        groups[
            (
                performance.sex,
                performance.discipline,
                venue,
                performance.date,
                performance.round,
                performance.section,
            )
        ].append(entry)
    races: list[Race] = []
    for (sex, slug, venue, day, round_, section), listed in groups.items():
        discipline = known[slug]
        members = _one_entry_per_performance(listed, duplicates)
        parts = _split(members, discipline.higher_is_better) if members[0].performance.place else [members]
        for number, part in enumerate(parts, start=1):
            inferred = f"inferred-{number}" if len(parts) > 1 else section
            edition = calendar.match(venue, day) if calendar is not None else None  # type: ignore[attr-defined]
            race = Race(
                discipline,
                sex,
                venue,
                day,
                round_,
                inferred if len(parts) > 1 else section,
                venue.endswith("(i)"),
                part,
                edition,
            )
            race.slug = _race_slug(race)
            races.append(race)
    _unique_slugs(races)
    return Rebuilt(races, identities, aliases, merged, duplicates)


def _one_entry_per_performance(entries: list[Entry], duplicates: list[tuple[str, str, str]]) -> list[Entry]:
    """Drop an entry that repeats another's name, place and mark in one race (a list's two spellings
    of one person's birth date); the pair is reported, the persons are not merged."""
    seen: dict[tuple[str, int | None, float | None], Entry] = {}
    kept = []
    for entry in entries:
        competitor = entry.competitor
        performance = entry.performance
        key = (getattr(competitor, "key", id(competitor)), performance.place, performance.value)
        first = seen.get(key)  # type: ignore[arg-type]
        if first is not None and first.competitor is not competitor:
            duplicates.append(("one performance under two persons of the same name",
                               f"{performance.file}:{performance.line}", f"{first.performance.file}:"
                               f"{first.performance.line}"))  # fmt: skip
            first.listed_in += entry.listed_in
            continue
        seen[key] = entry  # type: ignore[index]
        kept.append(entry)
    return kept


def _race_slug(race: Race) -> str:
    women = race.sex == "female"
    section = f"-{race.section}" if race.section else ""
    edition = race.edition
    if edition is not None:
        return f"{edition.slug}-{race.discipline.key}{'-women' if women else ''}-{race.round}{section}"  # type: ignore[attr-defined]
    sex = "women" if women else "men"
    return f"{race.date}-{athlete_slug(race.venue)}-{race.discipline.key}-{sex}-{race.round}{section}"


def _unique_slugs(races: list[Race]) -> None:
    """Two races must never share an IRI: a second one gets a numbered suffix."""
    seen: dict[str, int] = {}
    for race in races:
        count = seen.get(race.slug, 0)
        seen[race.slug] = count + 1
        if count:
            race.slug = f"{race.slug}-{count + 1}"
