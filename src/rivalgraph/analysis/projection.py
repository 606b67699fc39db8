"""Project the RDF graph into a networkx graph of athletes and what lies between them.

The store does the heavy work: aggregate queries (``queries/analysis/``
``athletes``, ``pair-meetings``, ``pair-discourse``) return one row per athlete,
per pair and year-round-scope group of races, and per speaker, target and year
(on a big graph the pair rows are counted by :mod:`.headtohead` instead, from
one row per result).
:func:`project` turns those rows into an undirected :class:`networkx.Graph`
whose nodes are athletes (IRI ids, ``label``, ``nation``) and whose edges carry,
per pair:

``meetings``, ``wins`` (by node), ``mean_place_gap``, ``mean_mark_gap``
(seconds, metres or points, over races where both have marks),
``mean_relative_gap`` (the mark gap relative to the better mark, 0.01 = 1 %), ``title_deciders`` (championship
finals where both were in the top three), ``titles_between`` (of those, where
one of them won), ``first_met``/``last_met``, ``statements`` and ``responses``
(by speaker: what each said about, or in answer to, the other),
``first_statement``/``last_statement`` (their dates), and the groups the score is computed from
(``shared_race_groups`` oriented as ``pair``, ``discourse_groups`` by speaker).

On a big graph the pair aggregates are computed with array code over a
:class:`~.shared_races.SharedRaceTable` (which ``meetings`` may be instead of rows),
``shared_race_groups`` is a lazy :class:`~.shared_races.SharedRaceGroups` view of the
pair's rows of that table (kept in ``graph.graph["meetings"]``), so the
projection makes no object per group; :func:`.ranking.score_graph` scores
straight from the table.

The function is pure: it takes rows and returns a graph; :mod:`.reader` runs
the queries.

Examples
--------
>>> athletes = [{"athlete": "urn:a", "label": "A", "nation": "NOR"},
...             {"athlete": "urn:b", "label": "B", "nation": "GBR"}]
>>> meetings = [{"a": "urn:a", "b": "urn:b", "year": 2023, "round": "rg#Final",
...              "scope": "rg#GlobalScope", "podium": True, "titleBetween": True,
...              "meetings": 1, "aAhead": 0, "bAhead": 1, "placeGap": 1, "marked": 1,
...              "markGap": 0.27, "relativeMarkGap": 0.0013,
...              "first": "2023-08-23", "last": "2023-08-23"}]
>>> said = [{"speaker": "urn:a", "target": "urn:b", "year": 2024, "statements": 2,
...          "responses": 1, "first": "2024-03-05", "last": "2024-03-05"}]
>>> graph = project(athletes, meetings, said)
>>> edge = graph.edges["urn:a", "urn:b"]
>>> edge["meetings"], edge["wins"], edge["statements"], graph.graph["latest"]
(1, {'urn:a': 0, 'urn:b': 1}, {'urn:a': 2, 'urn:b': 0}, '2024-03-05')
>>> pair_evidence(graph, "urn:b", "urn:a").shared_race_groups[0].a_ahead
1
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np

from rivalgraph.analysis.scoring import DiscourseGroup, PairEvidence, SharedRaceGroup
from rivalgraph.analysis.shared_races import SharedRaceGroups, SharedRaceTable
from rivalgraph.analysis.terms import local_name, value

__all__ = ["Row", "project", "pair_evidence", "value", "local_name"]

Row = Mapping[str, Any]


def _int(term: Any, default: int = 0) -> int:
    raw = value(term)
    return default if raw is None else int(raw)


def _text(term: Any) -> str:
    raw = value(term)
    return "" if raw is None else str(raw)


def _discourse_group(row: Row) -> DiscourseGroup:
    year = value(row.get("year"))
    return DiscourseGroup(
        year=None if year is None else int(year),
        statements=_int(row["statements"]),
        responses=_int(row.get("responses")),
        first=_text(row.get("first")),
        last=_text(row.get("last")),
    )


def _no_discourse(a: str, b: str) -> dict[str, Any]:
    return {"statements": {a: 0, b: 0}, "responses": {a: 0, b: 0}, "discourse_groups": {},
            "first_statement": "", "last_statement": ""}  # fmt: skip


def _track(a: str, b: str, groups: SharedRaceGroups | tuple[SharedRaceGroup, ...]) -> dict[str, Any]:
    return {
        "pair": (a, b), "shared_race_groups": groups, "meetings": 0, "wins": {a: 0, b: 0},
        "mean_place_gap": None, "mean_mark_gap": None, "mean_relative_gap": None,
        "title_deciders": 0, "titles_between": 0,
        "first_met": "", "last_met": "", **_no_discourse(a, b),
    }  # fmt: skip


def _tracks(table: SharedRaceTable) -> list[tuple[str, str, dict[str, Any]]]:
    """The track aggregates of every pair of the table, summed per pair with ``reduceat``."""
    starts = table.pair_starts()
    heads = starts[:-1]
    if len(heads) == 0:
        return []

    pair = np.repeat(np.arange(len(heads)), np.diff(starts))

    def total(column: Any) -> Any:
        return np.add.reduceat(column, heads)

    # bincount adds from 0.0 in row order: in the order of the pair-meetings rows (year, round,
    # scope, stakes), as summing the pair's groups in Python did, the same last bit.
    by_query = np.lexsort((table.title_between, table.podium, table.scope, table.round,
                           table.year, pair))  # fmt: skip

    def float_total(column: Any) -> Any:
        return np.bincount(pair[by_query], weights=column[by_query], minlength=len(heads))

    meetings, marked = total(table.meetings), total(table.marked)
    place, gap = float_total(table.place_gap), float_total(table.mark_gap)
    mean_place = np.divide(place, meetings, out=np.zeros(len(heads)), where=meetings > 0)
    mean_mark = np.divide(gap, marked, out=np.zeros(len(heads)), where=marked > 0)
    relative = np.divide(float_total(table.relative_mark_gap), marked, out=np.zeros(len(heads)),
                         where=marked > 0)  # fmt: skip
    late, early = np.datetime64("9999-12-31"), np.datetime64("0001-01-01")
    firsts = np.minimum.reduceat(np.where(np.isnat(table.first), late, table.first), heads)
    lasts = np.maximum.reduceat(np.where(np.isnat(table.last), early, table.last), heads)
    columns = zip(
        table.a[heads].tolist(), table.b[heads].tolist(), heads.tolist(), starts[1:].tolist(),
        meetings.tolist(), total(table.a_ahead).tolist(), total(table.b_ahead).tolist(),
        np.where(meetings > 0, mean_place, np.nan).tolist(),
        np.where(marked > 0, mean_mark, np.nan).tolist(),
        np.where(marked > 0, relative, np.nan).tolist(),
        total(np.where(table.podium, table.meetings, 0)).tolist(),
        total(np.where(table.title_between, table.meetings, 0)).tolist(),
        _days(firsts, late), _days(lasts, early), strict=True,
    )  # fmt: skip
    names = table.athletes
    tracks = []
    for a, b, start, stop, count, a_ahead, b_ahead, place_gap, mark_gap, relative, podium, \
            title, first, last in columns:  # fmt: skip
        a_name, b_name = names[a], names[b]
        tracks.append((a_name, b_name, {
            "pair": (a_name, b_name), "shared_race_groups": SharedRaceGroups(table, start, stop),
            "meetings": count, "wins": {a_name: a_ahead, b_name: b_ahead},
            "mean_place_gap": None if place_gap != place_gap else place_gap,
            "mean_mark_gap": None if mark_gap != mark_gap else mark_gap,
            "mean_relative_gap": None if relative != relative else relative,
            "title_deciders": podium, "titles_between": title, "first_met": first,
            "last_met": last, **_no_discourse(a_name, b_name),
        }))  # fmt: skip
    return tracks


def _days(days: Any, missing: np.datetime64) -> list[str]:
    text: list[str] = np.where(days == missing, "", np.datetime_as_string(days, unit="D")).tolist()
    return text


def project(
    athletes: Iterable[Row],
    meetings: Iterable[Row] | SharedRaceTable,
    discourse: Iterable[Row],
    *,
    latest: str | None = None,
    rated: bool = False,
) -> nx.Graph:
    """Build the athlete graph from the rows of the three projection queries.

    Parameters
    ----------
    athletes : rows with ``athlete``, ``label``, ``nation``
    meetings : rows of ``pair-meetings`` (each pair once, ``a`` before ``b``), or
        their :class:`~.shared_races.SharedRaceTable`
    discourse : rows of ``pair-discourse`` (``speaker``, ``target``, ...)
    latest : str, optional
        The latest date of the graph (the default ``as_of`` of the scores);
        by default the latest date of the rows.
    rated : bool
        Whether the store holds strength ratings (the meetings then carry their
        parity, and the score counts it).

    Returns
    -------
    networkx.Graph
        Nodes are athlete IRIs; ``graph.graph["latest"]`` is the latest date
        seen (or ``latest``), ``graph.graph["meetings"]`` the table of shared-race groups,
        ``graph.graph["rated"]`` is ``rated``.
    """
    table = meetings if isinstance(meetings, SharedRaceTable) else SharedRaceTable.from_rows(meetings)
    graph = nx.Graph(meetings=table, rated=rated)
    for row in athletes:
        iri = _text(row["athlete"])
        graph.add_node(iri, label=_text(row.get("label")) or iri, nation=_text(row.get("nation")))
    tracks = _tracks(table)
    if not set(table.athletes) <= graph.nodes:
        for a, b, _ in tracks:
            _ensure_nodes(graph, a, b)
    graph.add_edges_from(tracks)
    known = table.last[~np.isnat(table.last)]
    dates = [str(known.max())] if len(known) else []
    by_speaker: dict[tuple[str, str], list[DiscourseGroup]] = defaultdict(list)
    for row in discourse:
        by_speaker[(_text(row["speaker"]), _text(row["target"]))].append(_discourse_group(row))
    for (speaker, target), groups in by_speaker.items():
        _ensure_nodes(graph, speaker, target)
        if not graph.has_edge(speaker, target):
            graph.add_edge(speaker, target, **_track(speaker, target, ()))
        _add_discourse(graph.edges[speaker, target], speaker, tuple(groups))
        dates += [g.last for g in groups if g.last]
    graph.graph["latest"] = max(dates, default="") if latest is None else latest
    return graph


def _ensure_nodes(graph: nx.Graph, *iris: str) -> None:
    for iri in iris:
        if iri not in graph:
            graph.add_node(iri, label=iri, nation="")


def _add_discourse(edge: dict[str, Any], speaker: str, groups: tuple[DiscourseGroup, ...]) -> None:
    edge["discourse_groups"][speaker] = groups
    edge["statements"][speaker] = sum(g.statements for g in groups)
    edge["responses"][speaker] = sum(g.responses for g in groups)
    firsts = [g.first for g in groups if g.first] + [edge["first_statement"]]
    edge["first_statement"] = min((day for day in firsts if day), default="")
    edge["last_statement"] = max([g.last for g in groups] + [edge["last_statement"]])


def pair_evidence(graph: nx.Graph, holder: str, target: str) -> PairEvidence:
    """The evidence of one edge, oriented from ``holder`` towards ``target``."""
    edge = graph.edges[holder, target]
    groups = tuple(edge["shared_race_groups"])
    if edge["pair"][0] != holder:
        groups = tuple(_swap(group) for group in groups)
    by_speaker = edge["discourse_groups"]
    return PairEvidence(
        shared_race_groups=groups, by_holder=by_speaker.get(holder, ()), by_target=by_speaker.get(target, ())
    )


def _swap(g: SharedRaceGroup) -> SharedRaceGroup:
    # The constructor, not dataclasses.replace: three times faster, and this runs per group.
    return SharedRaceGroup(g.year, g.round, g.scope, g.podium, g.title_between, g.meetings, g.b_ahead,
                        g.a_ahead, g.place_gap, g.marked, g.mark_gap, g.relative_mark_gap, g.first,
                        g.last, g.rated, g.parity_sum)  # fmt: skip
