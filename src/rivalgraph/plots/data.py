"""What each chart shows, gathered from the store as plain values; drawing is elsewhere.

:func:`rivalry_chart` gathers a rivalry over time: the races the two ran
together and the statements between them (the evidence of
:func:`rivalgraph.analysis.evidence.collect_evidence`), and both athletes'
season ratings from ``graph:analysis-strength`` in the discipline they met
most in.  :func:`rivals_chart` gathers an athlete's ranked rivals
(:func:`rivalgraph.analysis.reports.rivals_report`) with each factor's part
of the score.  Kept apart from the drawing so a test can compare what was
drawn with what was gathered.

Examples
--------
>>> import tempfile
>>> from rivalgraph.build import build
>>> from rivalgraph.store import open_store
>>> location = tempfile.mkdtemp()
>>> _ = build(location, imports=False)
>>> chart = rivalry_chart(open_store(location), "Josh Kerr", "Jakob Ingebrigtsen")
>>> len(chart.races), len(chart.statements), chart.discipline_label, chart.ratings_note
(5, 3, '1500 metres', 'ratings: run `rivalgraph strength`')
>>> rivals = rivals_chart(open_store(location), "Jakob Ingebrigtsen", top=3)
>>> rivals.bars[0].label, round(sum(rivals.bars[0].contributions.values()), 6) == round(
...     rivals.bars[0].score, 6)
('Josh Kerr', True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from rivalgraph.analysis.evidence import Evidence, RaceEvidence, collect_evidence, most_met
from rivalgraph.analysis.filters import RaceFilter
from rivalgraph.analysis.reader import (
    read_disciplines,
    read_latest,
    read_race_evidence,
    read_statement_evidence,
)
from rivalgraph.analysis.reports import rivals_report
from rivalgraph.analysis.scoring import FACTORS, ScoreParameters, counted_factors, fractional_year
from rivalgraph.analysis.terms import value
from rivalgraph.errors import RivalgraphError
from rivalgraph.plots.sources import race_sources, read_sources, statement_sources
from rivalgraph.query import resolve_pair
from rivalgraph.store import Store
from rivalgraph.strength.standing import read_season_ratings

__all__ = [
    "NoData",
    "RatingPoint",
    "RaceMark",
    "StatementMark",
    "RivalryChart",
    "RivalBar",
    "RivalsChart",
    "rivalry_chart",
    "rivals_chart",
    "RATINGS_MISSING",
]

#: The caption's note when the store has no strength ratings yet.
RATINGS_MISSING = "ratings: run `rivalgraph strength`"


class NoData(RivalgraphError):
    """There is nothing to draw: the athletes never met nor spoke of each other, or have no rivals."""


@dataclass(frozen=True)
class RatingPoint:
    """One season rating: its day (the last race of the season), mean and deviation (one sigma)."""

    day: date
    mean: float
    deviation: float
    races: int


@dataclass(frozen=True)
class RaceMark:
    """A race both ran, seen from the first athlete: places, and whether it was a championship final."""

    race: str
    label: str
    day: date
    place: int
    opponent_place: int
    final: bool
    source: str

    @property
    def leader(self) -> int | None:
        """0 if the first athlete finished ahead, 1 if the second did, ``None`` for a tie."""
        if self.place == self.opponent_place:
            return None
        return 0 if self.place < self.opponent_place else 1


@dataclass(frozen=True)
class StatementMark:
    """A dated statement by one of the two (0: the first athlete, 1: the second)."""

    statement: str
    speaker: int
    day: date
    text: str
    direct: bool
    answers: bool


@dataclass(frozen=True)
class RivalryChart:
    """Everything the rivalry chart draws, and the lines of its caption."""

    labels: tuple[str, str]
    races: tuple[RaceMark, ...]
    statements: tuple[StatementMark, ...]
    ratings: tuple[tuple[RatingPoint, ...], tuple[RatingPoint, ...]]
    discipline_label: str
    sex_label: str
    rating_model: str
    ratings_note: str
    sources: tuple[str, ...]
    undated_statements: int = 0
    filter: str = ""

    @property
    def wins(self) -> tuple[int, int]:
        """How often each finished ahead of the other."""
        leaders = [race.leader for race in self.races]
        return leaders.count(0), leaders.count(1)


@dataclass(frozen=True)
class RivalBar:
    """One ranked rival: the score and each factor's part of it (the parts sum to the score)."""

    rank: int
    label: str
    nation: str
    score: float
    contributions: Mapping[str, float]
    shared_races: int
    wins: tuple[int, int]
    statements: int


@dataclass(frozen=True)
class RivalsChart:
    """Everything the rivals chart draws, and the lines of its caption."""

    athlete: str
    label: str
    as_of: str
    half_life: float
    bars: tuple[RivalBar, ...]
    sources: tuple[str, ...]
    filter: str = ""
    #: The factors the score counted (:func:`~rivalgraph.analysis.scoring.counted_factors`).
    factors: tuple[str, ...] = FACTORS


def _label(store: Store, athlete: ox.NamedNode) -> str:
    rows = store.select("SELECT ?who ?label WHERE { ?who rdfs:label ?label }", {"who": athlete})
    return str(value(rows.rows[0][1])) if rows.rows else athlete.value


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def _race_mark(race: RaceEvidence) -> RaceMark:
    return RaceMark(race.race, race.label, _day(race.date), race.place, race.opponent_place,
                    race.championship_final, race.source)  # fmt: skip


def _statement_marks(evidence: Evidence, first: str) -> list[StatementMark]:
    marks = []
    for said in evidence.statements:
        if said.date:
            marks.append(StatementMark(said.statement, 0 if said.speaker == first else 1,
                                       _day(said.date), said.text, said.direct,
                                       said.responds_to is not None))  # fmt: skip
    return marks


def _ratings(store: Store, athlete: ox.NamedNode, discipline: str | None, sex: str | None,
             race_filter: RaceFilter) -> tuple[list[RatingPoint], set[str], bool]:  # fmt: skip
    """His season ratings in the discipline, the models that made them, and whether he has any."""
    seasons = read_season_ratings(store, athlete)
    chosen = [season for season in seasons if season.discipline == discipline
              and (sex is None or season.sex == sex) and race_filter.keeps_date(season.day)]  # fmt: skip
    points = [RatingPoint(_day(s.day), s.mean, s.deviation, s.races) for s in chosen]
    return sorted(points, key=lambda point: point.day), {s.model for s in chosen}, bool(seasons)


def _names(store: Store) -> dict[str, str]:
    """A name of each discipline to print: the longest that is not a slug ("1500 metres")."""
    return {iri: min(found, key=lambda name: ("-" in name, -len(name))) if found else iri
            for iri, found in read_disciplines(store).items()}  # fmt: skip


def rivalry_chart(store: Store, athlete: str, opponent: str,
                  race_filter: RaceFilter | None = None) -> RivalryChart:  # fmt: skip
    """Gather the rivalry chart of two athletes (names or IRIs, resolved as ``rivalry`` does).

    Raises
    ------
    rivalgraph.query.UnknownAthlete
        If a name matches no athlete or several.
    NoData
        If the two never ran the same race and never spoke of each other.
    """
    race_filter = race_filter or RaceFilter()
    first, second = resolve_pair(store, athlete, opponent)
    labels = (_label(store, first), _label(store, second))
    race_rows = read_race_evidence(store, first, race_filter)
    latest = read_latest(store, race_filter)
    as_of = fractional_year(latest) if latest else float(date.today().year)
    # The score's parameters only weigh the races, and the chart does not use the weights.
    by_opponent = collect_evidence(race_rows, read_statement_evidence(store, first, race_filter),
                                   ScoreParameters(), as_of)  # fmt: skip
    evidence = by_opponent.get(second.value, Evidence(first.value, second.value))
    if not evidence.races and not evidence.statements:
        raise NoData(f"{labels[0]} and {labels[1]} never ran the same race nor spoke of each "
                     f"other in the graph" + (f" ({race_filter.describe()})"
                                              if race_filter.describe() else ""))  # fmt: skip
    discipline = race_filter.discipline or most_met(race_rows, second.value, "discipline")
    sex = race_filter.sex or most_met(race_rows, second.value, "sex", ("discipline", discipline))
    found = [_ratings(store, who, discipline, sex, race_filter) for who in (first, second)]
    names = _names(store)
    statements = _statement_marks(evidence, first.value)
    note = "" if any(rated for _, _, rated in found) else RATINGS_MISSING
    sources = [f"Races: {line}" for line in race_sources(
        (race.source for race in evidence.races), read_sources(store))]  # fmt: skip
    sources += [f"Statements: {line}" for line in statement_sources(evidence.statements)]
    return RivalryChart(
        labels=labels,
        races=tuple(sorted(map(_race_mark, evidence.races), key=lambda race: (race.day, race.race))),
        statements=tuple(sorted(statements, key=lambda said: said.day)),
        ratings=(tuple(found[0][0]), tuple(found[1][0])),
        discipline_label=names.get(discipline or "", discipline or ""),
        sex_label={"Male": "men", "Female": "women"}.get((sex or "").rsplit("#", 1)[-1], ""),
        rating_model=", ".join(sorted(found[0][1] | found[1][1])),
        ratings_note=note,
        sources=tuple(sources),
        undated_statements=len(evidence.statements) - len(statements),
        filter=race_filter.describe(),
    )


def rivals_chart(store: Store, athlete: str, params: ScoreParameters | None = None,
                 top: int = 10, race_filter: RaceFilter | None = None) -> RivalsChart:  # fmt: skip
    """Gather the rivals chart: the ``top`` rivals of ``athlete`` with each factor's part of the score.

    Raises
    ------
    rivalgraph.query.UnknownAthlete
        If the name matches no athlete or several.
    NoData
        If the athlete has no rival (no race or statement shared with anyone).
    """
    report = rivals_report(store, athlete, params or ScoreParameters(), top, race_filter)
    params = report.parameters
    if not report.rivals:
        raise NoData(
            f"{report.label} has no rivals in the graph: no race or statement shared "
            f"with another athlete" + (f" ({report.filter})" if report.filter else "")
        )
    bars = tuple(
        RivalBar(rank=entry.rival.rank, label=entry.rival.label, nation=entry.rival.nation,
                 score=entry.rival.score, contributions=entry.rival.assessment.contributions(params),
                 shared_races=entry.rival.assessment.meetings, wins=entry.wins,
                 statements=len(entry.evidence.statements))
        for entry in report.rivals
    )  # fmt: skip
    known = read_sources(store)
    races = race_sources((race.source for entry in report.rivals for race in entry.evidence.races),
                         known)  # fmt: skip
    statements = statement_sources(s for entry in report.rivals for s in entry.evidence.statements)
    return RivalsChart(
        athlete=report.athlete, label=report.label, as_of=report.as_of,
        half_life=params.half_life, bars=bars,
        sources=tuple([*(f"Races: {line}" for line in races),
                       *(f"Statements: {line}" for line in statements)]),
        filter=report.filter,
        factors=counted_factors(params),
    )  # fmt: skip
