"""Project the RDF graph into a networkx graph of athletes and what lies between them.

The store does the heavy work: aggregate queries (``queries/analysis/``
``athletes``, ``pair-meetings``, ``pair-discourse``) return one row per athlete,
per pair and year-round-scope group of races, and per speaker, target and year
(on a big graph the pair rows are counted by :mod:`.headtohead` instead, from
one row per result).
:func:`project` turns those rows into an undirected :class:`networkx.Graph`
whose nodes are athletes (IRI ids, ``label``, ``nation``) and whose edges carry,
per pair:

``meetings``, ``wins`` (by node), ``mean_place_gap``, ``mean_time_gap``
(seconds, over races where both have times), ``title_deciders`` (championship
finals where both were in the top three), ``titles_between`` (of those, where
one of them won), ``first_met``/``last_met``, ``statements`` and ``responses``
(by speaker: what each said about, or in answer to, the other),
``first_said``/``last_said``, and the groups the score is computed from
(``meeting_groups`` oriented as ``pair``, ``said`` by speaker).

The function is pure: it takes rows and returns a graph; :mod:`.reader` runs
the queries.

Examples
--------
>>> athletes = [{"athlete": "urn:a", "label": "A", "nation": "NOR"},
...             {"athlete": "urn:b", "label": "B", "nation": "GBR"}]
>>> meetings = [{"a": "urn:a", "b": "urn:b", "year": 2023, "round": "rg#Final",
...              "scope": "rg#GlobalScope", "podium": True, "titleBetween": True,
...              "meetings": 1, "aAhead": 0, "bAhead": 1, "placeGap": 1, "timed": 1,
...              "timeGap": 0.27, "relativeTimeGap": 0.0013,
...              "first": "2023-08-23", "last": "2023-08-23"}]
>>> said = [{"speaker": "urn:a", "target": "urn:b", "year": 2024, "statements": 2,
...          "responses": 1, "first": "2024-03-05", "last": "2024-03-05"}]
>>> graph = project(athletes, meetings, said)
>>> edge = graph.edges["urn:a", "urn:b"]
>>> edge["meetings"], edge["wins"], edge["statements"], graph.graph["latest"]
(1, {'urn:a': 0, 'urn:b': 1}, {'urn:a': 2, 'urn:b': 0}, '2024-03-05')
>>> pair_evidence(graph, "urn:b", "urn:a").meetings[0].a_ahead
1
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import networkx as nx

from rivalgraph.analysis.scoring import DiscourseGroup, MeetingGroup, PairEvidence

__all__ = ["Row", "project", "pair_evidence", "value", "local_name"]

Row = Mapping[str, Any]


def value(term: Any) -> Any:
    """The plain value of an RDF term (its ``.value``), or the value itself."""
    return getattr(term, "value", term)


def local_name(iri: Any) -> str | None:
    """The part of an IRI after ``#`` or the last ``/``: ``rg:Final`` -> ``"Final"``."""
    text = value(iri)
    if text is None:
        return None
    return _local(str(text))


@lru_cache(maxsize=256)
def _local(text: str) -> str:
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _int(term: Any, default: int = 0) -> int:
    raw = value(term)
    return default if raw is None else int(raw)


def _float(term: Any) -> float:
    raw = value(term)
    return 0.0 if raw is None else float(raw)


def _bool(term: Any) -> bool:
    raw = value(term)
    return raw is True or str(raw).lower() in ("true", "1")


def _text(term: Any) -> str:
    raw = value(term)
    return "" if raw is None else str(raw)


def _meeting_group(row: Row) -> MeetingGroup:
    # Positional: this runs once per pair and group, 10^5 times on a big graph.
    get = row.get
    return MeetingGroup(
        _int(row["year"]), local_name(get("round")), local_name(get("scope")),
        _bool(get("podium")), _bool(get("titleBetween")), _int(row["meetings"]),
        _int(get("aAhead")), _int(get("bAhead")), _float(get("placeGap")), _int(get("timed")),
        _float(get("timeGap")), _float(get("relativeTimeGap")), _text(get("first")),
        _text(get("last")),
    )  # fmt: skip


def _discourse_group(row: Row) -> DiscourseGroup:
    year = value(row.get("year"))
    return DiscourseGroup(
        year=None if year is None else int(year),
        statements=_int(row["statements"]),
        responses=_int(row.get("responses")),
        first=_text(row.get("first")),
        last=_text(row.get("last")),
    )


def _track(a: str, b: str, groups: list[MeetingGroup]) -> dict[str, Any]:
    meetings = sum(g.meetings for g in groups)
    timed = sum(g.timed for g in groups)
    firsts = [g.first for g in groups if g.first]
    lasts = [g.last for g in groups if g.last]
    return {
        "pair": (a, b),
        "meeting_groups": tuple(sorted(groups, key=lambda g: (g.year, g.first))),
        "meetings": meetings,
        "wins": {a: sum(g.a_ahead for g in groups), b: sum(g.b_ahead for g in groups)},
        "mean_place_gap": sum(g.place_gap for g in groups) / meetings if meetings else None,
        "mean_time_gap": sum(g.time_gap for g in groups) / timed if timed else None,
        "title_deciders": sum(g.meetings for g in groups if g.podium),
        "titles_between": sum(g.meetings for g in groups if g.title_between),
        "first_met": min(firsts, default=""),
        "last_met": max(lasts, default=""),
        "statements": {a: 0, b: 0},
        "responses": {a: 0, b: 0},
        "said": {},
        "first_said": "",
        "last_said": "",
    }


def project(athletes: Iterable[Row], meetings: Iterable[Row], discourse: Iterable[Row]) -> nx.Graph:
    """Build the athlete graph from the rows of the three projection queries.

    Parameters
    ----------
    athletes : rows with ``athlete``, ``label``, ``nation``
    meetings : rows of ``pair-meetings`` (each pair once, ``a`` before ``b``)
    discourse : rows of ``pair-discourse`` (``speaker``, ``target``, ...)

    Returns
    -------
    networkx.Graph
        Nodes are athlete IRIs; ``graph.graph["latest"]`` is the latest date seen.
    """
    graph = nx.Graph()
    for row in athletes:
        iri = _text(row["athlete"])
        graph.add_node(iri, label=_text(row.get("label")) or iri, nation=_text(row.get("nation")))
    by_pair: dict[tuple[str, str], list[MeetingGroup]] = defaultdict(list)
    for row in meetings:
        by_pair[(_text(row["a"]), _text(row["b"]))].append(_meeting_group(row))
    dates: list[str] = []
    for (a, b), groups in by_pair.items():
        _ensure_nodes(graph, a, b)
        graph.add_edge(a, b, **_track(a, b, groups))
        dates += [g.last for g in groups if g.last]
    by_speaker: dict[tuple[str, str], list[DiscourseGroup]] = defaultdict(list)
    for row in discourse:
        by_speaker[(_text(row["speaker"]), _text(row["target"]))].append(_discourse_group(row))
    for (speaker, target), said in by_speaker.items():
        _ensure_nodes(graph, speaker, target)
        if not graph.has_edge(speaker, target):
            graph.add_edge(speaker, target, **_track(speaker, target, []))
        _add_discourse(graph.edges[speaker, target], speaker, tuple(said))
        dates += [g.last for g in said if g.last]
    graph.graph["latest"] = max(dates, default="")
    return graph


def _ensure_nodes(graph: nx.Graph, *iris: str) -> None:
    for iri in iris:
        if iri not in graph:
            graph.add_node(iri, label=iri, nation="")


def _add_discourse(edge: dict[str, Any], speaker: str, groups: tuple[DiscourseGroup, ...]) -> None:
    edge["said"][speaker] = groups
    edge["statements"][speaker] = sum(g.statements for g in groups)
    edge["responses"][speaker] = sum(g.responses for g in groups)
    firsts = [g.first for g in groups if g.first] + [edge["first_said"]]
    edge["first_said"] = min((day for day in firsts if day), default="")
    edge["last_said"] = max([g.last for g in groups] + [edge["last_said"]])


def pair_evidence(graph: nx.Graph, holder: str, target: str) -> PairEvidence:
    """The evidence of one edge, oriented from ``holder`` towards ``target``."""
    edge = graph.edges[holder, target]
    groups: tuple[MeetingGroup, ...] = edge["meeting_groups"]
    if edge["pair"][0] != holder:
        groups = tuple(_swap(group) for group in groups)
    said = edge["said"]
    return PairEvidence(meetings=groups, said=said.get(holder, ()), heard=said.get(target, ()))


def _swap(g: MeetingGroup) -> MeetingGroup:
    # The constructor, not dataclasses.replace: three times faster, and this runs per group.
    return MeetingGroup(g.year, g.round, g.scope, g.podium, g.title_between, g.meetings, g.b_ahead,
                        g.a_ahead, g.place_gap, g.timed, g.time_gap, g.relative_time_gap, g.first,
                        g.last)  # fmt: skip
