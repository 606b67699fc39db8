"""The two-athlete rivalry report: head-to-head on the track and the exchange in the press.

:func:`rivalry_report` gathers the facts with the named queries
``head-to-head`` and ``response-threads``; :func:`format_report` lays them out
as text.  Both are pure: they read a store and return values.

Examples
--------
>>> import tempfile
>>> from rivalgraph.build import build
>>> from rivalgraph.store import open_store
>>> location = tempfile.mkdtemp()
>>> _ = build(location)
>>> report = rivalry_report(open_store(location), "Josh Kerr", "Jakob Ingebrigtsen")
>>> len(report.races) >= 5, report.wins
(True, (2, 3))
>>> [s.speaker for s in report.threads[0]]
['Jakob Ingebrigtsen', 'Josh Kerr', 'Jakob Ingebrigtsen']
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rivalgraph.analysis.filters import RaceFilter
from rivalgraph.analysis.reader import read_races_passing
from rivalgraph.query import load_registry, resolve_pair, run
from rivalgraph.store import Store, Term
from rivalgraph.strength.standing import (
    Standing,
    ahead_probability,
    read_standings,
    shared_standings,
)

__all__ = ["Meeting", "Said", "RivalryReport", "rivalry_report", "format_report"]

#: How many disciplines' ratings a report shows (those the two ran most).
_POOLS_SHOWN = 3


def _text(term: Term | None) -> str:
    return "" if term is None else str(getattr(term, "value", term))


@dataclass(frozen=True)
class Meeting:
    """One race both athletes ran, seen from the first athlete."""

    race: str
    label: str
    date: str
    place: int
    opponent_place: int
    time: str
    opponent_time: str
    medal: str
    opponent_medal: str
    title_winner: str
    source: str


@dataclass(frozen=True)
class Said:
    """One statement of a response thread."""

    statement: str
    depth: int
    speaker: str
    text: str
    direct: bool
    medium: str
    date: str
    source: str


@dataclass(frozen=True)
class RivalryReport:
    """Everything the graph knows about two athletes facing each other."""

    athlete: str
    opponent: str
    races: tuple[Meeting, ...]
    threads: tuple[tuple[Said, ...], ...]
    #: Per discipline both are rated in (most raced first): their latest ratings.
    strength: tuple[tuple[Standing, Standing], ...] = ()

    @property
    def wins(self) -> tuple[int, int]:
        """Races where each finished ahead of the other."""
        ahead = sum(1 for race in self.races if race.place < race.opponent_place)
        behind = sum(1 for race in self.races if race.opponent_place < race.place)
        return ahead, behind


def _label(store: Store, iri: Term) -> str:
    rows = store.select("SELECT ?iri ?label WHERE { ?iri rdfs:label ?label }", {"iri": iri})
    return _text(rows.rows[0][1]) if rows.rows else _text(iri)


def rivalry_report(
    store: Store, athlete: str, opponent: str, race_filter: RaceFilter | None = None
) -> RivalryReport:
    """Collect the head-to-head and the response threads between two athletes.

    Parameters
    ----------
    store : Store
        A built graph.
    athlete, opponent : str
        Names (or IRIs) of the two athletes; resolved as in
        :func:`rivalgraph.query.resolve_athlete`.
    race_filter : RaceFilter, optional
        Keep only the races of one discipline, sex category or period, and
        the statements of that period.
    """
    race_filter = race_filter or RaceFilter()
    queries = load_registry()
    first, second = resolve_pair(store, athlete, opponent)
    bound = {"athlete": first.value, "opponent": second.value}
    passing = None if race_filter.everything else read_races_passing(store, first, race_filter)
    races = tuple(
        Meeting(
            race=_text(row["race"]),
            label=_text(row["raceLabel"]),
            date=_text(row["date"]),
            place=int(_text(row["athletePlace"])),
            opponent_place=int(_text(row["opponentPlace"])),
            time=_text(row["athleteTime"]),
            opponent_time=_text(row["opponentTime"]),
            medal=_text(row["athleteMedal"]),
            opponent_medal=_text(row["opponentMedal"]),
            title_winner=_text(row["titleWinner"]),
            source=_text(row["source"]),
        )
        for row in run(store, queries["head-to-head"], bound).dicts()
        if passing is None or _text(row["race"]) in passing
    )
    return RivalryReport(
        athlete=_label(store, first),
        opponent=_label(store, second),
        races=races,
        threads=_in_period(_shared_threads(store, first.value, second.value), race_filter),
        strength=tuple(shared_standings(read_standings(store, first),
                                        read_standings(store, second))[:_POOLS_SHOWN]),
    )


def _in_period(threads: tuple[tuple[Said, ...], ...], race_filter: RaceFilter
               ) -> tuple[tuple[Said, ...], ...]:  # fmt: skip
    """The statements of each thread made in the filter's period; threads left empty are dropped."""
    if not race_filter.dated:
        return threads
    kept = (tuple(said for said in thread if race_filter.keeps_date(said.date or None))
            for thread in threads)  # fmt: skip
    return tuple(thread for thread in kept if thread)


def _shared_threads(store: Store, first: str, second: str) -> tuple[tuple[Said, ...], ...]:
    query = load_registry()["response-threads"]
    threads: dict[str, dict[str, Said]] = {}
    speakers: dict[str, set[str]] = {}
    for who in (first, second):
        for row in run(store, query, {"athlete": who}).dicts():
            root = _text(row["root"])
            said = Said(
                statement=_text(row["statement"]),
                depth=int(_text(row["depth"])),
                speaker=_text(row["speaker"]),
                text=_text(row["text"]),
                direct=_text(row["speechMode"]) == "direct speech",
                medium=_medium(row),
                date=_text(row["statedOn"]) or _text(row["reportedOn"]),
                source=f"{_text(row['sourceUrl']) or _text(row['sourceLabel'])}, "
                f"published {_text(row['reportedOn'])}",
            )
            threads.setdefault(root, {})[said.statement] = said
            speakers.setdefault(root, set()).add(who)
    return tuple(
        tuple(sorted(thread.values(), key=lambda said: said.depth))
        for root, thread in sorted(threads.items())
        if speakers[root] == {first, second}
    )


def _medium(row: dict[str, Term | None]) -> str:
    """Say how a statement reached the article: "to NRK", "via Running Magazine"."""
    parts = []
    if row["givenTo"] is not None:
        parts.append(f"to {_text(row['givenTo'])}")
    if row["relayedBy"] is not None:
        parts.append(f"via {_text(row['relayedBy'])}")
    return ", ".join(parts) or _text(row["mediumNote"]).strip("()")


def _medal(medal: str) -> str:
    return f" ({medal})" if medal else ""


def _surname(name: str) -> str:
    return name.split()[-1]


def _strength_lines(report: RivalryReport) -> list[str]:
    first, second = _surname(report.athlete), _surname(report.opponent)
    if not report.strength:
        return ["Strength: no ratings of both in the store (`rivalgraph strength` writes them)."]
    width = max(len(first), len(second))
    lines = ["Strength (Plackett-Luce rating after each one's latest race, mean ± one sd; "
             "`rivalgraph strength`):"]
    for mine, theirs in report.strength:
        ahead = ahead_probability(mine, theirs)
        favourite, chance = (first, ahead) if ahead >= 0.5 else (second, 1 - ahead)
        lines += [f"  {mine.pool}: {favourite} ahead with probability {chance:.2f}",
                  f"      {first:<{width}} {mine.describe()}",
                  f"      {second:<{width}} {theirs.describe()}"]
    return lines


def format_report(report: RivalryReport, width: int = 100) -> str:
    """Lay a :class:`RivalryReport` out as plain text for a terminal."""
    first, second = report.athlete, report.opponent
    ahead, behind = report.wins
    lines = [f"{first} vs {second}", "", *_strength_lines(report), ""]
    lines.append(
        f"On the track: {len(report.races)} races together; "
        f"{_surname(first)} finished ahead {ahead} times, {_surname(second)} {behind} times."
    )
    for race in report.races:
        leader = first if race.place < race.opponent_place else second
        lines.append(f"  {race.date}  {race.label}")
        lines.append(
            f"      {_surname(first)} {race.place}. {race.time or '(no time)'}{_medal(race.medal)}"
            f"  |  {_surname(second)} {race.opponent_place}. {race.opponent_time or '(no time)'}"
            f"{_medal(race.opponent_medal)}  ->  {_surname(leader)} ahead"
        )
        if race.title_winner:
            lines.append(f"      title at stake, won by {race.title_winner}")
        if race.source:
            lines.append(f"      source: {race.source}")
    lines += ["", f"In the press: {len(report.threads)} exchange(s) between them."]
    for thread in report.threads:
        for said in thread:
            lead = "  " + "    " * said.depth + ("-> " if said.depth else "")
            how = "said" if said.direct else "was reported as saying"
            lines.append(f"{lead}{said.speaker} {how} ({said.medium}; {said.date}):")
            body = textwrap.fill(
                f"\u201c{said.text}\u201d" if said.direct else said.text,
                width=width,
                initial_indent=" " * (len(lead) + 4),
                subsequent_indent=" " * (len(lead) + 4),
            )
            lines.append(body)
        for source in dict.fromkeys(said.source for said in thread):
            lines.append(f"      source: {source}")
    return "\n".join(lines)
