"""One model of "A versus B": the pair's score, its factors, and the evidence behind it.

:func:`rivalry_report` is what ``rivalgraph rivalry`` prints and what
:meth:`rivalgraph.api.KnowledgeGraph.rivalry` returns.  It reads the pair once:
each athlete is resolved once, the score comes from the pair's part of the
projection (:func:`.reader.read_pair_projection`, scored by
:func:`.ranking.score_graph`: the numbers ``rivalgraph rivals`` ranks by), and the
races and statements shown are the :class:`~.evidence.Evidence` records that
``rivals`` explains its scores with (:func:`.evidence.collect_evidence`).  So
each rule is derived in one place: direct speech is ``rg:DirectSpeech`` by IRI
and a statement's date the day it was made, else reported, both in
``statement-evidence``; what a race puts at stake in :mod:`.scoring`.

:class:`SharedRace` and :class:`Statement` are views of those records for a reader
(a race seen from the first athlete, a statement of a thread with its depth);
:mod:`rivalgraph.report` lays a :class:`RivalryReport` out as text.

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
>>> 0 < report.score < 1, report.factors[0]
(True, 'repetition')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from rivalgraph.analysis.evidence import Evidence, RaceEvidence, StatementEvidence, collect_evidence
from rivalgraph.analysis.filters import RaceFilter
from rivalgraph.analysis.ranking import score_graph
from rivalgraph.analysis.reader import (
    read_pair_projection,
    read_race_evidence,
    read_statement_evidence,
)
from rivalgraph.analysis.scoring import (
    Assessment,
    ScoreParameters,
    counted_factors,
    mutual_values,
)
from rivalgraph.query import resolve_pair
from rivalgraph.store import Store
from rivalgraph.strength.standing import (
    Standing,
    latest_standings,
    read_season_ratings,
    shared_standings,
)

__all__ = ["SharedRace", "Statement", "RivalryReport", "rivalry_report", "shared_races", "threads"]

#: How many disciplines' ratings a report shows (those the two ran most).
_POOLS_SHOWN = 3


@dataclass(frozen=True)
class SharedRace:
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
class Statement:
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
    """Everything the graph knows about two athletes facing each other, and their rivalry score.

    ``forward`` is the first athlete's directed score towards the other,
    ``backward`` the other's towards him (``None`` when it is 0: no shared race
    or statement); ``mutual`` the pair's score and factors (the mean of both
    directions, :func:`~.scoring.mutual_values`), and ``factors`` the factors
    the score counted (:func:`~.scoring.counted_factors`).
    """

    athlete: str
    opponent: str
    races: tuple[SharedRace, ...]
    threads: tuple[tuple[Statement, ...], ...]
    #: Per discipline both are rated in (most raced first): their latest ratings.
    strength: tuple[tuple[Standing, Standing], ...] = ()
    athlete_iri: str = ""
    opponent_iri: str = ""
    forward: Assessment | None = None
    backward: Assessment | None = None
    mutual: dict[str, float] = field(default_factory=dict)
    factors: tuple[str, ...] = ()
    as_of: str = ""
    parameters: ScoreParameters = field(default_factory=ScoreParameters)
    filter: str = ""
    #: The evidence records the races and threads are views of.
    evidence: Evidence | None = None

    @property
    def wins(self) -> tuple[int, int]:
        """Races where each finished ahead of the other."""
        ahead = sum(1 for race in self.races if race.place < race.opponent_place)
        behind = sum(1 for race in self.races if race.opponent_place < race.place)
        return ahead, behind

    @property
    def score(self) -> float:
        """The pair's (mutual) rivalry score; 0 when they share no race and no statement."""
        return self.mutual.get("score", 0.0)


def shared_races(races: Iterable[RaceEvidence]) -> tuple[SharedRace, ...]:
    """The races of an :class:`~.evidence.Evidence` as shared races, in date order.

    >>> from rivalgraph.analysis.evidence import RaceEvidence
    >>> race = RaceEvidence("urn:r", "Final", "2023-08-23", "Final", "GlobalScope", 1, 2, 209.38,
    ...                     209.65, "urn:m", None, "https://x.org", 2.5, 2.2, "3:29.38", "3:29.65",
    ...                     "gold", "", "Josh Kerr")
    >>> shared_races([race])[0].time, shared_races([race])[0].medal, shared_races([race])[0].title_winner
    ('3:29.38', 'gold', 'Josh Kerr')
    """
    return tuple(
        SharedRace(
            race=race.race,
            label=race.label,
            date=race.date,
            place=race.place,
            opponent_place=race.opponent_place,
            time=race.mark_text,
            opponent_time=race.opponent_mark_text,
            medal=race.medal_colour,
            opponent_medal=race.opponent_medal_colour,
            title_winner=race.title_winner,
            source=race.source,
        )  # fmt: skip
        for race in sorted(races, key=lambda race: (race.date, race.label))
    )


def _statement(said: StatementEvidence, depth: int) -> Statement:
    published = f", published {said.reported_on}" if said.reported_on else ""
    return Statement(statement=said.statement, depth=depth, speaker=said.speaker_label, text=said.text,
                direct=said.direct, medium=said.medium, date=said.date,
                source=f"{said.source_url or said.source_label}{published}")  # fmt: skip


def threads(statements: Iterable[StatementEvidence]) -> tuple[tuple[Statement, ...], ...]:
    """The threads both athletes of an evidence took part in, each in the order they answer.

    A thread is a statement that was answered and every answer to it, at any
    depth, among the statements of the evidence; threads in which only one
    of the two spoke are left out, as are statements nobody answered.

    >>> from rivalgraph.analysis.evidence import StatementEvidence
    >>> def said(iri, speaker, answers=None):
    ...     return StatementEvidence(iri, speaker, speaker[4:], "...", False, answers, "", "2024-03-05",
    ...                              "urn:src", "Article", "")
    >>> found = threads([said("urn:s1", "urn:A"), said("urn:s2", "urn:B", "urn:s1"),
    ...                  said("urn:s3", "urn:A")])
    >>> [(s.speaker, s.depth) for s in found[0]], len(found)
    ([('A', 0), ('B', 1)], 1)
    """
    by_iri = {said.statement: said for said in statements}

    def root_and_depth(said: StatementEvidence) -> tuple[str, int]:
        seen, depth = {said.statement}, 0
        while said.responds_to in by_iri and said.responds_to not in seen:
            said = by_iri[said.responds_to]
            seen.add(said.statement)
            depth += 1
        return said.statement, depth

    grouped: dict[str, list[tuple[int, StatementEvidence]]] = {}
    for said in by_iri.values():
        root, depth = root_and_depth(said)
        grouped.setdefault(root, []).append((depth, said))
    return tuple(
        tuple(_statement(said, depth) for depth, said in
              sorted(thread, key=lambda item: (item[0], item[1].date, item[1].statement)))
        for _, thread in sorted(grouped.items())
        if len(thread) > 1 and len({said.speaker for _, said in thread}) > 1
    )  # fmt: skip


def rivalry_report(
    store: Store,
    athlete: str,
    opponent: str,
    race_filter: RaceFilter | None = None,
    params: ScoreParameters | None = None,
) -> RivalryReport:
    """The head-to-head, the response threads in the press and the rivalry score of two athletes.

    Parameters
    ----------
    store : Store
        A built graph.
    athlete, opponent : str
        Names (or IRIs) of the two athletes; resolved as in
        :func:`rivalgraph.query.resolve_athlete`.
    race_filter : RaceFilter, optional
        Keep only the races of one discipline, sex category or period, and
        the statements of that period (for the score too).
    params : ScoreParameters, optional
        The score's parameters (the defaults if not given).

    Raises
    ------
    rivalgraph.query.UnknownAthlete
        If a name matches no athlete or several.
    rivalgraph.query.SameAthlete
        If both names mean one athlete.
    """
    race_filter = race_filter or RaceFilter()
    first, second = resolve_pair(store, athlete, opponent)
    seasons = {who.value: read_season_ratings(store, who) for who in (first, second)}
    projection = read_pair_projection(store, (first, second), race_filter, seasons)
    scored = score_graph(projection, params or ScoreParameters())
    counted = scored.graph["parameters"]
    forward, backward = (_assessment(scored, a, b) for a, b in ((first, second), (second, first)))
    found = collect_evidence(read_race_evidence(store, first, race_filter),
                             read_statement_evidence(store, first, race_filter), counted,
                             scored.graph["as_of"])  # fmt: skip
    evidence = found.get(second.value, Evidence(first.value, second.value))
    mutual = mutual_values(forward, backward) if forward else (
        mutual_values(backward, None) if backward else {})  # fmt: skip
    return RivalryReport(
        athlete=projection.nodes[first.value]["label"],
        opponent=projection.nodes[second.value]["label"],
        races=shared_races(evidence.races),
        threads=threads(evidence.statements),
        strength=tuple(
            shared_standings(latest_standings(seasons[first.value]), latest_standings(seasons[second.value]))[
                :_POOLS_SHOWN
            ]
        ),
        athlete_iri=first.value,
        opponent_iri=second.value,
        forward=forward,
        backward=backward,
        mutual=mutual,
        factors=counted_factors(counted),
        as_of=counted.as_of or str(projection.graph.get("latest") or ""),
        parameters=counted,
        filter=race_filter.describe(),
        evidence=evidence,
    )


def _assessment(scored: nx.DiGraph, holder: ox.NamedNode, target: ox.NamedNode) -> Assessment | None:
    if not scored.has_edge(holder.value, target.value):
        return None
    found: Assessment = scored.edges[holder.value, target.value]["assessment"]
    return found
