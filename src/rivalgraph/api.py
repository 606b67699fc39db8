"""The Python API for notebooks: open a graph, then ask for rivals, a rivalry or a named query.

A thin layer over the library, as the command line is: :meth:`KnowledgeGraph.rivals`
is the ``rivals`` command's ranking (:func:`~rivalgraph.analysis.reports.rivals_report`),
:meth:`KnowledgeGraph.rivalry` the ``rivalry`` command's report with the pair's
score (:func:`~rivalgraph.analysis.rivalry.rivalry_report`), and
:meth:`KnowledgeGraph.query` a named query of ``queries/`` (:func:`~rivalgraph.query.run`).
Each answers with frozen dataclasses of plain values, in a
:class:`~rivalgraph.records.Records` sequence that becomes a pandas table with
``to_pandas()``.  Errors are those of the library:
:class:`~rivalgraph.query.UnknownAthlete` (with close names) for a name that
matches no athlete, :class:`~rivalgraph.query.QueryError` for an unknown query
or parameter.

Examples
--------
>>> import tempfile
>>> import rivalgraph as rg
>>> from rivalgraph.build import build
>>> location = tempfile.mkdtemp()
>>> _ = build(location, imports=False)
>>> kg = rg.open(location)
>>> [(rival.rank, rival.label) for rival in kg.rivals("Jakob Ingebrigtsen", top=2)]
[(1, 'Josh Kerr'), (2, 'Grant Fisher')]
>>> rivalry = kg.rivalry("Josh Kerr", "Jakob Ingebrigtsen")
>>> len(rivalry.races), rivalry.wins, rivalry.losses
(5, 2, 3)
>>> kg.query("head-to-head", athlete="Kerr", opponent="Ingebrigtsen").column("athletePlace")[:2]
[6, 3]
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from rivalgraph.analysis.filters import RaceFilter
from rivalgraph.analysis.reader import read_race_filter
from rivalgraph.analysis.reports import RivalEntry, rivals_report, timeline_report
from rivalgraph.analysis.rivalry import SharedRace, Statement, rivalry_report
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.analysis.timeline import Event
from rivalgraph.errors import RivalgraphError
from rivalgraph.query import (
    NamedQuery,
    QueryError,
    UnknownAthlete,
    find_query,
    registry,
    resolve_athlete,
    run,
)
from rivalgraph.records import MissingExtra, QueryResult, Records
from rivalgraph.store import Store, StoreError, open_store

__all__ = [
    "open",
    "KnowledgeGraph",
    "Athlete",
    "Rival",
    "Rivalry",
    # The records and errors of the layers below, re-exported so that a notebook needs one import.
    "SharedRace",
    "Statement",
    "Event",
    "Records",
    "QueryResult",
    "ScoreParameters",
    "RivalgraphError",
    "QueryError",
    "UnknownAthlete",
    "StoreError",
    "MissingExtra",
]

#: A query parameter's value: text as on the command line, or a Python value of its type.
ParameterValue = str | int | float | bool | datetime.date


@dataclass(frozen=True)
class Athlete:
    """An athlete of the graph: the IRI and the name.

    Examples
    --------
    >>> Athlete("https://w3id.org/rivalgraph/id/athlete/josh-kerr", "Josh Kerr").label
    'Josh Kerr'
    """

    iri: str
    label: str


@dataclass(frozen=True)
class Rival:
    """One ranked rival of an athlete: the directed score towards them, its factors, the head-to-head.

    ``score`` is the athlete's rivalry score towards the rival and
    ``reverse_score`` the rival's towards the athlete; ``factors`` are the six
    factors of ``score`` (each in [0, 1]); ``wins`` and ``losses`` count the
    races where the athlete finished ahead of the rival and behind.  Of their
    races, ``mean_place_gap`` is the mean gap in places, ``mean_mark_gap`` in
    the marks' unit (seconds, metres) and ``mean_relative_gap`` relative to
    the better mark (0.01 is 1 %); ``None`` when no race had both.

    Examples
    --------
    >>> rival = Rival(1, "urn:kerr", "Josh Kerr", "GBR", 0.49, 0.49, {"balance": 0.98}, 5, 3, 2, 2,
    ...               2.0, 0.68, 0.0032)
    >>> rival.label, rival.factors["balance"]
    ('Josh Kerr', 0.98)
    """

    rank: int
    athlete: str
    label: str
    nation: str
    score: float
    reverse_score: float
    factors: Mapping[str, float]
    meetings: int
    wins: int
    losses: int
    title_deciders: int
    mean_place_gap: float | None
    mean_mark_gap: float | None
    mean_relative_gap: float | None

    @classmethod
    def from_entry(cls, entry: RivalEntry) -> Rival:
        """The record of one entry of a :class:`~rivalgraph.analysis.reports.RivalsReport`."""
        rival = entry.rival
        return cls(
            rank=rival.rank,
            athlete=rival.target,
            label=rival.label,
            nation=rival.nation,
            score=rival.score,
            reverse_score=rival.reverse.score if rival.reverse else 0.0,
            factors=rival.assessment.factors(),
            meetings=rival.assessment.meetings,
            wins=entry.wins[0],
            losses=entry.wins[1],
            title_deciders=entry.title_deciders,
            mean_place_gap=entry.mean_place_gap,
            mean_mark_gap=entry.mean_mark_gap,
            mean_relative_gap=entry.mean_relative_gap,
        )


@dataclass(frozen=True)
class Rivalry:
    """Two athletes facing each other: their races, their response threads in the press, the pair's score.

    ``races`` are seen from the first athlete (``place`` is his,
    ``opponent_place`` the other's); ``threads`` are the response
    threads that both took part in, each in the order they answer each
    other, and ``statements`` the same statements in one sequence.  ``score``,
    ``reverse_score`` and ``factors`` are as in :class:`Rival`, and
    ``mutual_score`` the pair's score, the mean of both directions (0 and no
    factors when the two share no race and no statement).

    Examples
    --------
    >>> rivalry = Rivalry("Josh Kerr", "Jakob Ingebrigtsen", Records(), ())
    >>> rivalry.wins, rivalry.statements
    (0, Records([]))
    """

    athlete: str
    opponent: str
    races: Records[SharedRace]
    threads: tuple[tuple[Statement, ...], ...]
    score: float = 0.0
    reverse_score: float = 0.0
    factors: Mapping[str, float] = field(default_factory=dict)
    mutual_score: float = 0.0

    @property
    def statements(self) -> Records[Statement]:
        """Every statement of every thread, thread by thread."""
        return Records(said for thread in self.threads for said in thread)

    @property
    def wins(self) -> int:
        """Races where the first athlete finished ahead of the other."""
        return sum(1 for race in self.races if race.place < race.opponent_place)

    @property
    def losses(self) -> int:
        """Races where the other finished ahead of the first athlete."""
        return sum(1 for race in self.races if race.opponent_place < race.place)


class KnowledgeGraph:
    """A built graph (a store folder or a SPARQL server), opened for questions from Python.

    Open one with :func:`open`.  The race filters (``discipline``, ``sex``,
    ``since``, ``until``) and the score parameters (``params``: a
    :class:`~rivalgraph.analysis.scoring.ScoreParameters` or a mapping of some
    of its names, such as ``{"half_life": 3}``) are those of the command line.

    Examples
    --------
    >>> import tempfile
    >>> from rivalgraph.build import build
    >>> location = tempfile.mkdtemp()
    >>> _ = build(location, imports=False)
    >>> kg = open(location)
    >>> kg.athlete("ingebrigtsen")
    Athlete(iri='https://w3id.org/rivalgraph/id/athlete/jakob-ingebrigtsen', label='Jakob Ingebrigtsen')
    >>> kg.rivals("Jakob Ingebrigtsen", top=1, discipline="5000 m")[0].label
    'Grant Fisher'
    >>> kg.rivalry("Kerr", "Ingebrigtsen").statements[0].speaker
    'Jakob Ingebrigtsen'
    >>> kg.timeline("Kerr", "Ingebrigtsen")[0].kind
    'race'
    >>> [query.name for query in kg.queries()][:2]
    ['head-to-head', 'injuries-and-withdrawals']
    >>> kg.rivals("Jakob Ingebritsen")
    Traceback (most recent call last):
    ...
    rivalgraph.query.UnknownAthlete: no athlete named 'Jakob Ingebritsen' in the graph; did you mean ...
    """

    def __init__(self, store: Store, location: str = "") -> None:
        self.store = store
        self.location = location

    def __repr__(self) -> str:
        return f"KnowledgeGraph({self.location!r})"

    def athlete(self, name: str) -> Athlete:
        """The athlete a name means: full name, surname or IRI, accents and case ignored.

        Raises
        ------
        rivalgraph.query.UnknownAthlete
            If the name matches no athlete or several (with close names).
        """
        iri = resolve_athlete(self.store, name)
        return Athlete(iri.value, _label(self.store, iri))

    def rivals(
        self,
        name: str,
        top: int | None = 10,
        *,
        params: ScoreParameters | Mapping[str, float | str] | None = None,
        discipline: str | None = None,
        sex: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Records[Rival]:
        """An athlete's rivals, highest score first: the ranking of the ``rivals`` command.

        Parameters
        ----------
        name : str
            The athlete (see :meth:`athlete`).
        top : int or None
            How many rivals (``None``: all).
        params : ScoreParameters or mapping, optional
            The score's parameters, or some of them by name.
        discipline, sex, since, until : str, optional
            Only the races of a discipline ("1500 m"), a sex category ("women"),
            a period ("2019", "2024-08-06").

        Raises
        ------
        rivalgraph.query.UnknownAthlete
            If the name matches no athlete or several.
        rivalgraph.analysis.scoring.AnalysisError
            For an unknown score parameter, discipline or date.
        """
        race_filter = self._filter(discipline, sex, since, until)
        report = rivals_report(self.store, name, _parameters(params), top, race_filter)
        return Records(Rival.from_entry(entry) for entry in report.rivals)

    def rivalry(
        self,
        athlete: str,
        opponent: str,
        *,
        params: ScoreParameters | Mapping[str, float | str] | None = None,
        discipline: str | None = None,
        sex: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Rivalry:
        """Two athletes' races and response threads (the ``rivalry`` command's report) and their score.

        Parameters are those of :meth:`rivals`.

        Raises
        ------
        rivalgraph.query.UnknownAthlete
            If a name matches no athlete or several.
        rivalgraph.query.SameAthlete
            If both names mean one athlete.
        """
        race_filter = self._filter(discipline, sex, since, until)
        report = rivalry_report(self.store, athlete, opponent, race_filter, _parameters(params))
        forward, backward = report.forward, report.backward
        return Rivalry(
            athlete=report.athlete,
            opponent=report.opponent,
            races=Records(report.races),
            threads=report.threads,
            score=forward.score if forward else 0.0,
            reverse_score=backward.score if backward else 0.0,
            factors=forward.factors() if forward else {},
            mutual_score=report.score,
        )

    def timeline(self, athlete: str, opponent: str) -> Records[Event]:
        """The dated events of a rivalry (races, statements, injuries, withdrawals), in date order.

        Raises
        ------
        rivalgraph.query.UnknownAthlete
            If a name matches no athlete or several.
        """
        return Records(timeline_report(self.store, athlete, opponent).events)

    def queries(self) -> Records[NamedQuery]:
        """The named queries of ``queries/``, each with its summary, parameters and columns."""
        return Records(registry().values())

    def query(self, query: str, /, **params: ParameterValue) -> QueryResult:
        """Run a named query of ``queries/`` (or a ``.rq`` file) with its parameters.

        A parameter is given as text, as on the command line, or as a Python
        value of its type (an ``int``, a :class:`datetime.date`); an athlete
        parameter takes a name.  It is bound as a typed RDF term, never pasted
        into the query.

        Raises
        ------
        rivalgraph.query.QueryError
            For an unknown query (with close names), an unknown parameter, a
            missing required one, or a value not of its type.
        """
        named = find_query(registry(), query)
        values = {name: _text(value) for name, value in params.items()}
        for name in values:  # an unknown name first: it may be a misspelt required one
            named.parameter(name)
        if missing := [p.name for p in named.parameters if p.required and p.name not in values]:
            call = ", ".join(f"{name}=..." for name in missing)
            raise QueryError(f"query {named.name!r} needs {', '.join(missing)}: "
                             f"query({named.name!r}, {call})")  # fmt: skip
        return QueryResult.from_select(run(self.store, named, values))

    def _filter(self, discipline: str | None, sex: str | None, since: str | None,
                until: str | None) -> RaceFilter:  # fmt: skip
        if discipline is sex is since is until is None:
            return RaceFilter()
        return read_race_filter(self.store, discipline=discipline, sex=sex, since=since, until=until)


def open(location: str | os.PathLike[str]) -> KnowledgeGraph:  # noqa: A001 - rg.open, like io.open
    """Open a built graph: a store folder (``rivalgraph build``) or ``sparql+http(s)://host/sparql``.

    Raises
    ------
    rivalgraph.store.StoreError
        If nothing is built there, or the server cannot be reached.

    Examples
    --------
    >>> import tempfile
    >>> from rivalgraph.build import build
    >>> location = tempfile.mkdtemp()
    >>> _ = build(location, imports=False)
    >>> open(location).rivals("Josh Kerr", top=1)[0].label
    'Jakob Ingebrigtsen'
    """
    return KnowledgeGraph(open_store(os.fspath(location)), os.fspath(location))


def _parameters(params: ScoreParameters | Mapping[str, float | str] | None) -> ScoreParameters:
    if isinstance(params, ScoreParameters):
        return params
    return ScoreParameters().with_values(dict(params or {}))


def _text(value: ParameterValue) -> str:
    """A parameter value as the registry reads it: ``True`` as ``true``, a date in ISO form."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _label(store: Store, iri: ox.NamedNode) -> str:
    rows = store.select("SELECT ?iri ?label WHERE { ?iri rdfs:label ?label }", {"iri": iri}).rows
    return str(rows[0][1].value) if rows and rows[0][1] is not None else iri.value  # type: ignore[union-attr]
