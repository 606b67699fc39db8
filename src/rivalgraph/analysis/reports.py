"""What the analysis commands answer: ranked rivals with evidence, network measures, timelines.

Each function reads the store through :mod:`.reader`, runs the pure functions
of the other modules, and returns a frozen dataclass that :mod:`.render` lays
out as text or JSON.  :func:`analyse` also writes the rivalries back into the
store (``graph:analysis-rivalries``).

Examples
--------
>>> import tempfile
>>> from rivalgraph.build import build
>>> from rivalgraph.store import open_store
>>> location = tempfile.mkdtemp()
>>> _ = build(location)
>>> report = rivals_report(open_store(location), "Jakob Ingebrigtsen", ScoreParameters(), top=3)
>>> report.rivals[0].rival.label
'Josh Kerr'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from rivalgraph.analysis.evidence import Evidence, collect_evidence
from rivalgraph.analysis.filters import RaceFilter
from rivalgraph.analysis.network import (
    Central,
    central_rivals,
    rivalry_communities,
    rivalry_triangles,
    triangle_counts,
)
from rivalgraph.analysis.ranking import Rival, rank_rivals, score_graph
from rivalgraph.analysis.reader import (
    read_athlete_projection,
    read_evidence_links,
    read_projection,
    read_race_evidence,
    read_statement_evidence,
    read_timeline,
)
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.analysis.timeline import Event, timeline
from rivalgraph.analysis.writeback import (
    ANALYSIS_GRAPH,
    evidence_by_pair,
    rivalry_quads,
)
from rivalgraph.namespaces import RDF, RG
from rivalgraph.query import resolve_athlete, resolve_pair
from rivalgraph.store import Store, open_store, replace_graph, republishing
from rivalgraph.strength.standing import Standing, read_standings, shared_standings

__all__ = [
    "RaceFilter",
    "RivalEntry",
    "RivalsReport",
    "NetworkReport",
    "TimelineReport",
    "AnalyseReport",
    "rivals_report",
    "network_report",
    "timeline_report",
    "analyse",
    "ScoreParameters",
]


@dataclass(frozen=True)
class RivalEntry:
    """A ranked rival, the head-to-head behind the score, and its evidence."""

    rival: Rival
    wins: tuple[int, int]
    mean_place_gap: float | None
    mean_mark_gap: float | None
    mean_relative_gap: float | None
    title_deciders: int
    evidence: Evidence
    #: Both athletes' latest ratings in the discipline they are both rated in most.
    strength: tuple[Standing, Standing] | None = None


@dataclass(frozen=True)
class RivalsReport:
    """An athlete's rivals, highest score first."""

    athlete: str
    label: str
    as_of: str
    parameters: ScoreParameters
    rivals: tuple[RivalEntry, ...]
    filter: str = ""
    #: The athlete's latest rating per discipline (most raced first); empty before
    #: ``rivalgraph strength``.
    standings: tuple[Standing, ...] = ()


@dataclass(frozen=True)
class NetworkReport:
    """Communities, central rivals and triangles of the whole rivalry network."""

    as_of: str
    athletes: int
    rivalries: int
    labels: dict[str, str]
    communities: tuple[tuple[str, ...], ...]
    central: tuple[Central, ...]
    threshold: float
    triangles: tuple[tuple[str, str, str], ...]
    triangle_counts: dict[str, int]
    seed: int
    filter: str = ""


@dataclass(frozen=True)
class TimelineReport:
    """The dated events of one rivalry."""

    athlete: str
    opponent: str
    labels: tuple[str, str]
    events: tuple[Event, ...]


@dataclass(frozen=True)
class AnalyseReport:
    """What :func:`analyse` wrote."""

    graph: str
    rivalries: int
    assessments: int
    quads: int
    as_of: str
    computed_on: str


def _as_of(graph: nx.Graph, params: ScoreParameters) -> str:
    return params.as_of or str(graph.graph.get("latest") or "")


def _entry(projection: nx.Graph, rival: Rival, evidence: dict[str, Evidence]) -> RivalEntry:
    edge = projection.edges[rival.holder, rival.target]
    wins = edge["wins"]
    return RivalEntry(
        rival=rival,
        wins=(wins.get(rival.holder, 0), wins.get(rival.target, 0)),
        mean_place_gap=edge["mean_place_gap"],
        mean_mark_gap=edge["mean_mark_gap"],
        mean_relative_gap=edge["mean_relative_gap"],
        title_deciders=edge["title_deciders"],
        evidence=evidence.get(rival.target, Evidence(rival.holder, rival.target)),
    )


def rivals_report(
    store: Store,
    name: str,
    params: ScoreParameters,
    top: int | None = 10,
    race_filter: RaceFilter | None = None,
) -> RivalsReport:
    """Rank the rivals of the athlete called ``name`` and gather each one's evidence.

    Only the athlete's races are read (:func:`.reader.read_athlete_projection`),
    and only those that pass ``race_filter``; the scores are those the whole
    network gives his pairs.

    Raises
    ------
    rivalgraph.query.UnknownAthlete
        If the name matches no athlete or several (with suggestions).
    """
    race_filter = race_filter or RaceFilter()
    athlete = resolve_athlete(store, name)
    projection = read_athlete_projection(store, athlete, race_filter)
    scored = score_graph(projection, params)
    params = scored.graph["parameters"]
    rivals = rank_rivals(scored, athlete.value, top)
    evidence = collect_evidence(
        read_race_evidence(store, athlete, race_filter),
        read_statement_evidence(store, athlete, race_filter),
        params,
        scored.graph["as_of"],
    )
    label = projection.nodes[athlete.value]["label"] if athlete.value in projection else name
    standings = read_standings(store, athlete)
    entries = tuple(_entry(projection, rival, evidence) for rival in rivals)
    if standings:
        entries = tuple(dataclasses.replace(entry, strength=next(iter(shared_standings(
            standings, read_standings(store, ox.NamedNode(entry.rival.target)))), None))
            for entry in entries)  # fmt: skip
    return RivalsReport(
        athlete=athlete.value,
        label=label,
        as_of=_as_of(projection, params),
        parameters=params,
        rivals=entries,
        filter=race_filter.describe(),
        standings=standings,
    )


def network_report(
    store: Store,
    params: ScoreParameters,
    *,
    threshold: float = 0.25,
    seed: int = 7,
    top: int = 10,
    backend: str | None = None,
    race_filter: RaceFilter | None = None,
) -> NetworkReport:
    """Communities (Louvain), central rivals and rivalry triangles of the whole graph.

    ``threshold`` is the mutual score an edge needs to count for triangles;
    communities use every rivalry, weighted by its score.  Only the races
    (and statements) that pass ``race_filter`` are scored.
    """
    race_filter = race_filter or RaceFilter()
    projection = read_projection(store, race_filter)
    scored = score_graph(projection, params)
    communities = rivalry_communities(scored, seed=seed, backend=backend)
    return NetworkReport(
        as_of=_as_of(projection, params),
        athletes=scored.number_of_nodes(),
        rivalries=scored.number_of_edges(),
        labels={node: data.get("label", node) for node, data in scored.nodes(data=True)},
        communities=tuple(tuple(sorted(group)) for group in communities),
        central=tuple(central_rivals(scored, top, backend=backend)),
        threshold=threshold,
        triangles=tuple(rivalry_triangles(scored, threshold)),
        triangle_counts=triangle_counts(scored, threshold, backend=backend),
        seed=seed,
        filter=race_filter.describe(),
    )


def timeline_report(store: Store, athlete: str, opponent: str) -> TimelineReport:
    """The events of the rivalry between two athletes (names or IRIs), in date order."""
    first, second = resolve_pair(store, athlete, opponent)
    labels = {}
    for who in (first, second):
        rows = store.select("SELECT ?who ?label WHERE { ?who rdfs:label ?label }", {"who": who})
        labels[who.value] = str(rows.rows[0][1].value) if rows.rows else who.value  # type: ignore[union-attr]
    return TimelineReport(
        athlete=first.value,
        opponent=second.value,
        labels=(labels[first.value], labels[second.value]),
        events=tuple(timeline(read_timeline(store, first, second))),
    )


def analyse(
    location: Path | str,
    params: ScoreParameters,
    *,
    min_score: float = 0.0,
    now: datetime | None = None,
) -> AnalyseReport:
    """Score every rivalry and write them into ``graph:analysis-rivalries``, atomically.

    The previous analysis graph is replaced; the curated graph files are not touched.
    """
    # Held from the first read to the republication: a build published in between would be
    # overwritten by an analysis of the graph before it.
    with republishing(location):
        store = open_store(location)
        projection = read_projection(store)
        scored = score_graph(projection, params)
        params = scored.graph["parameters"]
        links = evidence_by_pair(read_evidence_links(store))
        computed_on = now or datetime.now(timezone.utc)
        quads = rivalry_quads(scored, links, params, computed_on, min_score)
        del store
        written = replace_graph(location, ANALYSIS_GRAPH, quads)
    kinds = [quad.object for quad in quads if quad.predicate == RDF.type]
    return AnalyseReport(
        graph=ANALYSIS_GRAPH.value,
        rivalries=kinds.count(RG.Rivalry),
        assessments=kinds.count(RG.RivalryAssessment),
        quads=written,
        as_of=_as_of(projection, params),
        computed_on=computed_on.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
