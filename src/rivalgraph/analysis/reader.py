"""The thin layer between the store and the pure analysis functions: it only runs queries.

The queries live in ``queries/analysis/`` (aggregates for the projection,
evidence per athlete, evidence links per pair) and ``queries/timeline.rq``, read
through the one registry, :func:`rivalgraph.query.registry`; each
function here runs one or a few of them and hands the rows on.  A
:class:`~.filters.RaceFilter` is applied here, to the rows as they are read, so
what comes out holds only the races (and statements) that pass.

Three ways to read the projection: :func:`read_projection` reads every result of
the graph (the network, the exports, ``analyse``); :func:`read_athlete_projection`
only the races of one athlete and the results in them (``rivals``), and gives
his pairs the same shared-race groups, so the same scores; :func:`read_pair_projection`
only one of his pairs, with the ratings of those two alone (``rivalry``).  All take
the default reference date from :func:`read_latest`, the latest event of the whole graph.

Examples
--------
>>> sorted(analysis_queries())[:3]
['athlete-opponents', 'athlete-race-results', 'athlete-ratings']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
import pyoxigraph as ox

from rivalgraph.analysis.filters import RaceFilter, match_discipline, parse_day, parse_sex
from rivalgraph.analysis.gcpause import paused_gc
from rivalgraph.analysis.headtohead import shared_race_table
from rivalgraph.analysis.parity import SeasonRatings
from rivalgraph.analysis.projection import project
from rivalgraph.analysis.shared_races import SharedRaceTable
from rivalgraph.analysis.terms import value
from rivalgraph.namespaces import XSD
from rivalgraph.query import NamedQuery, registry, run
from rivalgraph.store import Store, Term, select_columns
from rivalgraph.strength.standing import Standing, read_season_ratings

__all__ = [
    "analysis_queries",
    "read_disciplines",
    "read_race_filter",
    "read_latest",
    "read_projection",
    "read_athlete_projection",
    "read_pair_projection",
    "read_meetings",
    "read_athlete_meetings",
    "read_ratings_table",
    "is_rated",
    "read_discourse",
    "read_race_evidence",
    "read_statement_evidence",
    "read_evidence_links",
    "read_timeline",
]

Rows = list[dict[str, Term | None]]


def _registry() -> Mapping[str, NamedQuery]:
    return registry("analysis")


def analysis_queries() -> dict[str, NamedQuery]:
    """The analysis queries, by name (``queries/analysis/*.rq``)."""
    return dict(_registry())


def _select(store: Store, name: str, values: dict[str, str] | None = None) -> Rows:
    return run(store, _registry()[name], values).dicts()


def _select_about(store: Store, name: str, athlete: ox.NamedNode) -> Rows:
    """Rows of a query about an athlete already resolved: bound as he is, not looked up again."""
    return store.select(_registry()[name].text, {"athlete": athlete}).dicts()


_NO_FILTER = RaceFilter()
_DISCIPLINES = """SELECT ?discipline ?name WHERE {
  ?discipline a rg:Discipline .
  OPTIONAL { ?discipline rdfs:label|skos:prefLabel|skos:altLabel|rg:worldAthleticsSlug ?name }
}"""


def read_disciplines(store: Store) -> dict[str, list[str]]:
    """Every ``rg:Discipline`` of the store with its names: labels and World Athletics slug."""
    names: dict[str, list[str]] = {}
    columns = select_columns(store, _DISCIPLINES)
    for iri, name in zip(columns["discipline"], columns["name"], strict=True):
        names.setdefault(str(iri), []).extend([name] if name else [])
    return names


def read_race_filter(
    store: Store,
    *,
    discipline: str | None = None,
    sex: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> RaceFilter:
    """The :class:`~.filters.RaceFilter` that a command line's words ask for.

    ``discipline`` is a label ("1500 metres", "1500 m", "pole vault"), a slug
    ("pole-vault") or an IRI, matched against the disciplines of the store.

    Raises
    ------
    rivalgraph.analysis.filters.FilterError
        For an unknown discipline (with close names), sex category or date.
    """
    found = match_discipline(discipline, read_disciplines(store)) if discipline else None
    return RaceFilter(discipline=found, sex=parse_sex(sex), since=parse_day(since),
                      until=parse_day(until, end=True))  # fmt: skip


def read_latest(store: Store, race_filter: RaceFilter = _NO_FILTER) -> str:
    """The default reference date: the latest race or statement of the graph (ISO), or ``""``.

    It is the same for every athlete and every filter (except that ``until``
    caps it), so that one athlete's scores read alone equal those of the network.
    """
    row = select_columns(store, _registry()["latest-event"].text)
    days = [day[:10] for column in row.values() for day in column if day]
    return race_filter.cap(max(days, default=""))


def _filtered(columns: dict[str, list[str | None]], race_filter: RaceFilter
              ) -> dict[str, list[str | None]]:  # fmt: skip
    if race_filter.everything:
        return columns
    keep = race_filter.mask(columns).tolist()
    return {name: [v for v, k in zip(column, keep, strict=True) if k]
            for name, column in columns.items()}  # fmt: skip


def read_ratings_table(store: Store, athletes: Iterable[str] | None = None) -> SeasonRatings:
    """The strength ratings of the store (``season-ratings``); empty if it holds none.

    With ``athletes`` (IRIs), only theirs, one ``athlete-ratings`` query each
    (:func:`rivalgraph.strength.standing.read_season_ratings`): for the 226
    athletes Ingebrigtsen raced, 0.15 s instead of 5 s for all 193,355 ratings.
    """
    if athletes is None:
        return SeasonRatings.from_columns(select_columns(store, _registry()["season-ratings"].text))
    return SeasonRatings.from_standings({athlete: read_season_ratings(store, ox.NamedNode(athlete))
                                         for athlete in set(athletes)})  # fmt: skip


def read_meetings(store: Store, race_filter: RaceFilter = _NO_FILTER,
                  ratings: SeasonRatings | None = None) -> SharedRaceTable:  # fmt: skip
    """The shared-race groups of every pair, counted from one row per result (``race-results``).

    The rows are read as columns of text in bulk (:func:`rivalgraph.store.select_columns`),
    filtered, and counted with array code (:mod:`.headtohead`): the same groups
    as ``pair-meetings``, without its self-join of the results; with ``ratings``,
    each group's parity too.
    """
    columns = select_columns(store, _registry()["race-results"].text)
    return shared_race_table(_filtered(columns, race_filter), ratings=ratings)


def read_athlete_meetings(
    store: Store, athlete: ox.NamedNode, race_filter: RaceFilter = _NO_FILTER, rated: bool = False
) -> SharedRaceTable:
    """The shared-race groups of ``athlete``'s pairs, from the results of his races only.

    With ``rated``, each group's parity too, from the ratings of the athletes in his races.
    """
    bound = {"athlete": athlete}
    columns = select_columns(store, _registry()["athlete-race-results"].text, bound)
    columns["athlete"] = columns.pop("finisher")
    kept = _filtered(columns, race_filter)
    ratings = read_ratings_table(store, (str(a) for a in kept["athlete"])) if rated else None
    return shared_race_table(kept, anchor=athlete.value, ratings=ratings)


def is_rated(store: Store) -> bool:
    """Whether the store holds strength ratings (``has-ratings``)."""
    return bool(_select(store, "has-ratings"))


def read_discourse(
    store: Store, race_filter: RaceFilter = _NO_FILTER, athlete: ox.NamedNode | None = None
) -> Rows:
    """Rows of ``pair-discourse`` (by speaker, target and year) of the statements that pass.

    Counted here from one row per statement (``pair-statements``), so that a
    period filter sees each statement's date; with ``athlete``, only what he
    said or what was said to or about him.
    """
    rows = _select(store, "pair-statements")
    groups: dict[tuple[str, str, int | None], list[tuple[str, bool, str]]] = {}
    for row in rows:
        speaker, target = str(row["speaker"].value), str(row["target"].value)  # type: ignore[union-attr]
        if athlete is not None and athlete.value not in (speaker, target):
            continue
        day = str(row["date"].value)[:10] if row.get("date") is not None else ""  # type: ignore[union-attr]
        if not race_filter.keeps_date(day or None):
            continue
        response = str(row["response"].value) == "true"  # type: ignore[union-attr]
        key = (speaker, target, int(day[:4]) if day else None)
        groups.setdefault(key, []).append((str(row["statement"].value), response, day))  # type: ignore[union-attr]
    return [_discourse_row(key, found) for key, found in groups.items()]


def _discourse_row(key: tuple[str, str, int | None], found: list[tuple[str, bool, str]]
                   ) -> dict[str, Term | None]:  # fmt: skip
    speaker, target, year = key
    days = [day for _, _, day in found if day]
    statements = {statement for statement, _, _ in found}
    responses = {statement for statement, response, _ in found if response}
    return {"speaker": ox.NamedNode(speaker), "target": ox.NamedNode(target),
            "year": None if year is None else ox.Literal(str(year), datatype=XSD.integer),
            "statements": ox.Literal(str(len(statements)), datatype=XSD.integer),
            "responses": ox.Literal(str(len(responses)), datatype=XSD.integer),
            "first": ox.Literal(min(days), datatype=XSD.date) if days else None,
            "last": ox.Literal(max(days), datatype=XSD.date) if days else None}  # fmt: skip


def read_projection(store: Store, race_filter: RaceFilter = _NO_FILTER) -> nx.Graph:
    """Run the aggregate queries and build the athlete graph from them (see :func:`read_meetings`)."""
    with paused_gc():
        ratings = read_ratings_table(store)
        return project(
            _select(store, "athletes"), read_meetings(store, race_filter, ratings),
            read_discourse(store, race_filter), latest=read_latest(store, race_filter),
            rated=bool(ratings),
        )  # fmt: skip


def read_athlete_projection(
    store: Store, athlete: ox.NamedNode, race_filter: RaceFilter = _NO_FILTER
) -> nx.Graph:
    """The athlete graph around one athlete: him, his opponents, and only his pairs.

    His edges carry the same shared-race groups and discourse as in
    :func:`read_projection`, and the graph the same ``latest``, so
    :func:`.ranking.score_graph` gives his pairs the same scores.
    """
    with paused_gc():
        nodes = [{"athlete": row["opponent"], "label": row.get("label"),
                  "nation": row.get("nation")}
                 for row in _select_about(store, "athlete-opponents", athlete)]  # fmt: skip
        discourse = read_discourse(store, race_filter, athlete)
        rated = is_rated(store)
        graph = project(nodes, read_athlete_meetings(store, athlete, race_filter, rated),
                        discourse, latest=read_latest(store, race_filter), rated=rated)  # fmt: skip
    for iri in graph.nodes:
        if graph.nodes[iri]["label"] == iri:
            graph.nodes[iri].update(_athlete_names(store, ox.NamedNode(iri)))
    return graph


def read_pair_projection(
    store: Store,
    pair: tuple[ox.NamedNode, ox.NamedNode],
    race_filter: RaceFilter = _NO_FILTER,
    seasons: dict[str, tuple[Standing, ...]] | None = None,
) -> nx.Graph:
    """The athlete graph of one pair: the two athletes and the edge between them (if any).

    The edge carries the shared-race groups and discourse :func:`read_athlete_projection`
    gives it, so :func:`.ranking.score_graph` gives it the same scores.  Parity
    needs the ratings of these two only: ``seasons`` are their season ratings
    (:func:`~rivalgraph.strength.standing.read_season_ratings`, read here if not given).
    """
    first, second = pair
    both = {first.value, second.value}
    with paused_gc():
        columns = select_columns(store, _registry()["athlete-race-results"].text, {"athlete": first})
        columns["athlete"] = columns.pop("finisher")
        kept = _filtered(columns, race_filter)
        mine = [str(athlete) in both for athlete in kept["athlete"]]
        kept = {name: [v for v, k in zip(column, mine, strict=True) if k] for name, column in kept.items()}
        if seasons is None:
            seasons = {who.value: read_season_ratings(store, who) for who in pair}
        rated = any(seasons.values()) or is_rated(store)
        ratings = SeasonRatings.from_standings(seasons) if rated else None
        discourse = [row for row in read_discourse(store, race_filter, first)
                     if str(value(row["speaker"])) in both and str(value(row["target"])) in both]  # fmt: skip
        nodes = [{"athlete": who.value, **_athlete_names(store, who)} for who in pair]
        return project(nodes, shared_race_table(kept, anchor=first.value, ratings=ratings), discourse,
                       latest=read_latest(store, race_filter), rated=rated)  # fmt: skip


#: One athlete's name and nations, as ``athletes.rq`` gives them for every athlete.
_NAMES = """SELECT ?who (MIN(?name) AS ?label) (MIN(?codes) AS ?nation) WHERE {
  ?who a rg:Athlete .
  OPTIONAL { ?who rdfs:label ?name }
  OPTIONAL {
    SELECT ?who (GROUP_CONCAT(?code; separator="/") AS ?codes)
    WHERE { SELECT DISTINCT ?who ?code WHERE { ?who rg:nation/rg:iocCode ?code } ORDER BY ?code }
    GROUP BY ?who
  }
} GROUP BY ?who"""


def _athlete_names(store: Store, who: ox.NamedNode) -> dict[str, str]:
    rows = store.select(_NAMES, {"who": who}).dicts()
    if not rows:
        return {}
    label, nation = rows[0].get("label"), rows[0].get("nation")
    return {"label": str(value(label)) if label is not None else who.value,
            "nation": str(value(nation)) if nation is not None else ""}  # fmt: skip


def _race_passes(row: dict[str, Term | None], race_filter: RaceFilter) -> bool:
    def text(key: str) -> str | None:
        term = row.get(key)
        return None if term is None else str(value(term))

    return race_filter.keeps(text("discipline"), text("sex"), text("date"))


def read_race_evidence(store: Store, athlete: ox.NamedNode, race_filter: RaceFilter = _NO_FILTER) -> Rows:
    """Every race ``athlete`` ran against anyone (that passes), with places, marks, stakes, source."""
    rows = _select_about(store, "race-evidence", athlete)
    return rows if race_filter.everything else [r for r in rows if _race_passes(r, race_filter)]


def read_statement_evidence(
    store: Store, athlete: ox.NamedNode, race_filter: RaceFilter = _NO_FILTER
) -> Rows:
    """Every statement between ``athlete`` and another athlete (in the period), with text, source."""
    rows = _select_about(store, "statement-evidence", athlete)
    if not race_filter.dated:
        return rows
    return [row for row in rows if race_filter.keeps_date(
        None if row.get("date") is None else str(row["date"].value))]  # type: ignore[union-attr]  # fmt: skip


def read_evidence_links(store: Store) -> Rows:
    """For every pair, the nodes that are evidence of their rivalry."""
    return _select(store, "evidence-links")


def read_timeline(store: Store, athlete: ox.NamedNode, opponent: ox.NamedNode) -> Rows:
    """The dated events of a rivalry (the public ``timeline`` query)."""
    query = registry()["timeline"]
    return run(store, query, {"athlete": athlete.value, "opponent": opponent.value}).dicts()
