"""A large page in parts: one per discipline and sex, each compressed, read when it is chosen.

The page of the whole all-of-athletics graph (37,645 athletes, 633,645 rivalries) cannot be
drawn at once, nor sent as one JSON block (hundreds of megabytes).  :func:`split_page` cuts it
by the *pool* of each rivalry (the discipline and sex the pair met in most, as
:func:`.evidence.pair_pools` says), and gives each part

- its own drawing (:func:`.layout.draw` on the part alone: a 100 m sprinter's rivals are
  placed among sprinters, not in a 37,000-node hairball);
- its own tables: the races and statements its rivalries cite (each once), the ratings of
  its pool and the injuries and withdrawals of its athletes;
- nodes, edges and races written as columns (``{"fields": [...], "columns": [[...], ...]}``),
  athletes referred to by their number in the part, numbers rounded to what the page shows,
  nothing the page can take back stored twice (a rivalry's score is the mean of its directed
  scores, its races those of the part in which both have a result), then gzip-compressed and
  base64-encoded into a ``<script type="application/gzip">`` block that the page
  decompresses only when the part is chosen (with the browser's ``DecompressionStream``: no
  request leaves the page);
- an *opening score*: the score of its :data:`OPENING_RIVALRIES`-th strongest rivalry, the
  minimum the page starts the part with, so that it opens drawing the strongest rivalries
  and the rest come when the user lowers it.

An index of every athlete (id, name, nation, centrality and the part of his strongest
rivalry) is a compressed block of its own, read at the first search.  A network up to
:data:`WHOLE_NODES` nodes and :data:`WHOLE_EDGES` edges stays one part, in the page's data
block, as before.

Examples
--------
>>> import networkx as nx
>>> network = nx.DiGraph()
>>> for n in range(4):
...     network.add_node(f"urn:{n}", label=f"A{n}", kind="athlete", centrality=n / 4, community=0)
>>> network.add_edge("urn:0", "urn:1", kind="rivalry", source_score=0.6, target_score=0.4)
>>> network.add_edge("urn:2", "urn:3", kind="rivalry", source_score=0.3, target_score=0.2)
>>> evidence = {"e0": {"races": [0], "titles": [], "statements": [], "pool": "urn:d urn:m",
...                    "pool_label": "1500 m, men"},
...             "e1": {"races": [1], "titles": [], "statements": [], "pool": "urn:e urn:m",
...                    "pool_label": "5000 m, men"}}
>>> races = [{"race": f"urn:r{n}", "label": f"Final {n}", "results": {f"urn:{2 * n}": [1, None, ""],
...           f"urn:{2 * n + 1}": [2, None, ""]}} for n in range(2)]
>>> index, blocks = split_page(network, evidence, {"races": races})
>>> [(part["label"], part["nodes"], part["edges"]) for part in index["parts"]]
[('1500 m, men', 2, 1), ('5000 m, men', 2, 1)]
>>> part = read_block(blocks["rivalgraph-part-1"])
>>> edges = dict(zip(part["edges"]["fields"], part["edges"]["columns"]))
>>> edges["source"], edges["target"], edges["source_score"]
([0], [1], [0.3])
>>> dict(zip(part["races"]["fields"], part["races"]["columns"]))["results"]
[[[0, 1, None], [1, 2, None]]]
>>> [row[1] for row in read_block(blocks["rivalgraph-athletes"])]
['A0', 'A1', 'A2', 'A3']
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import json
from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import networkx as nx

from rivalgraph.export.jsongraph import edge_id
from rivalgraph.export.layout import draw

__all__ = ["WHOLE_NODES", "WHOLE_EDGES", "OPENING_RIVALRIES", "needs_parts", "split_page",
           "read_block", "read_part", "page_score", "part_edge_id", "day_number", "iso_day"]  # fmt: skip

#: The largest network drawn as one part (the Chromium tests draw 2,000 nodes at once).
WHOLE_NODES = 2500
WHOLE_EDGES = 25_000
#: How many rivalries a part opens with (the rest are drawn when the minimum score is lowered).
OPENING_RIVALRIES = 1500
#: Digits kept in a part: what the page shows (factors as bars with two digits, directed scores
#: with three), or a pixel.
_DIGITS = {"x": 0, "y": 0, "size": 1, "source_score": 3, "target_score": 3, "centrality": 4,
           "strength": 3}  # fmt: skip
_FACTOR_DIGITS = 2
#: Edge attributes a part leaves out: the rivalry's IRI and weight (in every other export),
#: its score (the mean of the two directed scores: the page takes it back, :func:`page_score`).
_UNREAD = frozenset({"iri", "weight", "score"})
#: What a part keeps of a race (its IRI is in every other export; the page never shows it).
_RACE_FIELDS = ("label", "dated", "date", "url", "final", "measure", "results")
_EPOCH = date(1970, 1, 1)
#: Where the rivalries with no shared race go (only statements bind them).
_NO_POOL = ""


def needs_parts(network: nx.DiGraph) -> bool:
    """Whether ``network`` is too large to be drawn, and sent, as one part."""
    nodes, edges = int(network.number_of_nodes()), int(network.number_of_edges())
    return nodes > WHOLE_NODES or edges > WHOLE_EDGES


def read_block(text: str) -> Any:
    """What a compressed block holds (the inverse of the encoding the page decompresses)."""
    return json.loads(gzip.decompress(base64.b64decode(text)))


def iso_day(value: Any) -> Any:
    """A day number of a part as an ISO date (the inverse of :func:`day_number`).

    >>> iso_day(19592), iso_day("2023")
    ('2023-08-23', '2023')
    """
    return (_EPOCH + timedelta(days=value)).isoformat() if isinstance(value, int) else value


def read_part(text: str, number: int) -> dict[str, Any]:
    """A part as the page takes it back (what ``unpack`` in ``static/rivalry.js`` does): nodes,
    edges and races as records, athletes by IRI, each rivalry's id and score, dates as ISO
    dates, titles in place, results by athlete, ratings by athlete."""
    part: dict[str, Any] = read_block(text)

    def records(table: dict[str, Any]) -> list[dict[str, Any]]:
        return [dict(zip(table["fields"], row, strict=True)) for row in zip(*table["columns"], strict=True)]

    nodes, edges, races = records(part["nodes"]), records(part["edges"]), records(part["races"])
    for node in nodes:
        node["kind"] = node.get("kind") or "athlete"
    ids = [node["id"] for node in nodes]
    titles = [{**title, "date": iso_day(title.get("date"))} for title in part.get("titles", [])]
    source, target = -1, 0
    for n, edge in enumerate(edges):
        target = target + edge["target"] if edge["source"] == source else edge["target"]
        source = edge["source"]
        first = iso_day(edge.get("first_met"))
        edge.update(id=part_edge_id(number, n), source=ids[source], target=ids[target],
                    kind=edge.get("kind") or "rivalry",
                    score=page_score(edge["source_score"], edge["target_score"]), first_met=first,
                    last_met=first if edge.get("last_met") is None else iso_day(edge["last_met"]),
                    titles=[titles[t] for t in edge.get("titles") or []],
                    statements=edge.get("statements") or [])  # fmt: skip
    for race in races:
        race["date"] = iso_day(race["date"])
        if race.pop("dated", None):
            race["label"] = f"{race['label']}, {race['date']}"
        race["results"] = {ids[entry[0]]: [*entry[1:3], entry[3] if len(entry) > 3 else ""]
                           for entry in race["results"]}  # fmt: skip
    ratings = {ids[athlete]: {part["pool"]: [[iso_day(day), mean, sd] for day, mean, sd in points]}
               for athlete, points in part["ratings"]}  # fmt: skip
    return {**part, "nodes": nodes, "edges": edges, "races": races, "titles": titles, "ratings": ratings}


def page_score(source_score: float, target_score: float) -> float:
    """A rivalry's score as the page takes it back from a part: the mean of its two directed
    scores as the part holds them (three digits), as :func:`.network.rivalry_network` defines it.

    >>> page_score(0.5004, 0.2)
    0.35
    """
    return (round(source_score, 3) + round(target_score, 3)) / 2


def part_edge_id(part: int, number: int) -> str:
    """The id the page gives the ``number``-th rivalry of part ``part`` (a part holds no ids).

    >>> part_edge_id(3, 17)
    'p3e17'
    """
    return f"p{part}e{number}"


def _block(value: Any) -> str:
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def _plain(name: str, value: Any) -> Any:
    if isinstance(value, float):
        digits = _DIGITS.get(name, _FACTOR_DIGITS)
        return round(value, digits) if digits else round(value)
    return value


def _columns(records: list[dict[str, Any]], first: tuple[str, ...]) -> dict[str, Any]:
    """Records as columns, ``{"fields": [...], "columns": [[...], ...]}``, ``first`` leading:
    a column of like values compresses to a third of the same values in rows.  A field no
    record has a value for is left out (the page reads it as missing)."""
    fields = list(first) + sorted({key for record in records for key in record
                                   if record[key] is not None} - set(first) - _UNREAD)  # fmt: skip
    return {"fields": fields,
            "columns": [[_plain(name, record.get(name)) for record in records]
                        for name in fields]}  # fmt: skip


def _opening_score(scores: list[float]) -> float:
    """The score of the :data:`OPENING_RIVALRIES`-th strongest rivalry, rounded down (0 when
    there are fewer)."""
    if len(scores) <= OPENING_RIVALRIES:
        return 0.0
    return int(sorted(scores, reverse=True)[OPENING_RIVALRIES - 1] * 1000) / 1000


def day_number(text: Any) -> Any:
    """An ISO date as its number of days since 1970-01-01 (what a part stores; anything else
    as it is): a column of day numbers compresses to about two thirds of the same dates.

    >>> day_number("2023-08-23"), day_number("2023"), day_number(None)
    (19592, '2023', None)
    """
    if isinstance(text, str) and len(text) == 10:
        with contextlib.suppress(ValueError):
            return (date.fromisoformat(text) - _EPOCH).days
    return text


def _mark(mark: Any) -> Any:
    """A mark as JSON writes it shortest: 13762.0 s as 13762."""
    return int(mark) if isinstance(mark, float) and mark.is_integer() else mark


def _undated(label: Any, day: Any) -> Any:
    suffix = f", {day}"
    return label[: -len(suffix)] if isinstance(label, str) and day and label.endswith(suffix) else label


def _tables(evidence: Mapping[str, Any], edges: list[str], index: Mapping[str, int],
            races: list[Any], statements: list[Any],
            ) -> tuple[list[Any], list[Any], list[Any], list[Any], Any]:  # fmt: skip
    """Per rivalry the numbers of its statements and titles in the part's own tables; those
    tables; and the part's races as columns, each result as ``[athlete number, place, mark]``
    (and its medal, if any).

    A rivalry's races are not listed: they are the races of the part in which both athletes
    have a result (every shared race of a pair is in its evidence, and each race of the part
    holds the results of all the athletes whose rivalries cite it), so the page finds them.
    """
    race_numbers: dict[int, None] = {}
    statement_numbers: dict[int, int] = {}
    title_numbers: dict[str, int] = {}
    title_table: list[Any] = []
    edge_statements: list[Any] = []
    titles: list[Any] = []
    for edge in edges:
        records = evidence.get(edge, {})
        race_numbers.update(dict.fromkeys(records.get("races", [])))
        numbers = [statement_numbers.setdefault(n, len(statement_numbers))
                   for n in records.get("statements", [])]  # fmt: skip
        edge_statements.append(numbers or None)
        won = []
        for title in records.get("titles", []):
            key = json.dumps(title, sort_keys=True)
            if key not in title_numbers:
                title_numbers[key] = len(title_table)
                title_table.append({**title, "date": day_number(title.get("date"))})
            won.append(title_numbers[key])
        titles.append(won or None)
    kept = [races[n] for n in sorted(race_numbers)]
    columns: list[list[Any]] = []
    for name in _RACE_FIELDS:
        if name == "results":
            columns.append([[[index[athlete], result[0], _mark(result[1]),
                              *([result[2]] if result[2] else [])]
                             for athlete, result in race["results"].items() if athlete in index]
                            for race in kept])  # fmt: skip
        elif name == "label":
            # A label that ends with the race's date is stored without it (the page puts it back).
            columns.append([_undated(race.get("label"), race.get("date")) for race in kept])
        elif name == "dated":
            columns.append([_undated(race.get("label"), race.get("date")) != race.get("label") or None
                            for race in kept])  # fmt: skip
        else:
            columns.append([day_number(race.get(name)) if name == "date" else race.get(name)
                            for race in kept])  # fmt: skip
    table = {"fields": list(_RACE_FIELDS), "columns": columns}
    return edge_statements, titles, [statements[n] for n in statement_numbers], title_table, table


def _part(network: nx.DiGraph, edges: list[tuple[str, str, str, dict[str, Any]]],
          evidence: Mapping[str, Any], tables: Mapping[str, Any], pool: str,
          seed: int) -> dict[str, Any]:  # fmt: skip
    """The data of one part (nodes and edges as columns, its own drawing and tables)."""
    sub = nx.DiGraph()
    for _, source, target, data in edges:
        for node in (source, target):
            if node not in sub:
                sub.add_node(node, **dict(network.nodes[node]))
        sub.add_edge(source, target, **data)
    draw(sub, seed)
    # A kind is written where it is not the usual one (athlete, rivalry): the page puts it back.
    nodes = [{"id": node, **data, "kind": None if data.get("kind") == "athlete" else data.get("kind")}
             for node, data in sub.nodes(data=True)]  # fmt: skip
    index = {node: number for number, node in enumerate(sub)}
    # By source, then target: a target is written as its difference from the one before it
    # of the same source (small numbers, mostly repeated).
    edges = sorted(edges, key=lambda edge: (index[edge[1]], index[edge[2]]))
    edge_statements, titles, statements, title_table, races = _tables(
        evidence, [number for number, *_ in edges], index, tables.get("races", []),
        tables.get("statements", []))  # fmt: skip
    records = []
    before = (-1, 0)
    for (_, source, target, data), numbers, won in zip(edges, edge_statements, titles, strict=True):
        first, last = data.get("first_met"), data.get("last_met")
        record = {**data, "kind": None if data.get("kind", "rivalry") == "rivalry" else data["kind"],
                  "source": index[source],
                  "target": index[target] - before[1] if index[source] == before[0] else index[target],
                  "statements": numbers, "titles": won, "first_met": day_number(first),
                  # one day: the page reads it as first_met
                  "last_met": None if last == first else day_number(last)}  # fmt: skip
        before = (index[source], index[target])
        records.append(record)
    # Ratings with the one digit the timeline shows ("31.5 ± 2.0").
    ratings = [[index[athlete], [[day_number(day), round(mean, 1), round(sd, 1)]
                                 for day, mean, sd in series[pool]]]
               for athlete, series in tables.get("ratings", {}).items()
               if athlete in index and pool in series]  # fmt: skip
    setbacks = {athlete: rows for athlete, rows in tables.get("setbacks", {}).items() if athlete in index}
    return {"nodes": _columns(nodes, ("id", "label")),
            "edges": _columns(records, ("source", "target", "source_score", "target_score")),
            "races": races, "statements": statements, "titles": title_table, "ratings": ratings,
            "setbacks": setbacks}  # fmt: skip


def split_page(
    network: nx.DiGraph,
    evidence: Mapping[str, Any],
    tables: Mapping[str, Any] | None = None,
    meta: Mapping[str, Any] | None = None,
    seed: int = 7,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The page's index (its data block) and its compressed blocks, by element id.

    Parameters
    ----------
    network : networkx.DiGraph
        The network in the export schema; edge ``n`` is ``e<n>`` in ``evidence``.
    evidence : mapping
        Each rivalry's evidence by edge id, with its ``pool`` and ``pool_label``.
    tables : mapping, optional
        ``races``, ``statements`` (numbered by the evidence), ``ratings``, ``setbacks``.
    meta : mapping, optional
        Added to the index's ``meta``.
    seed : int
        Seed of each part's layout.
    """
    tables = tables or {}
    by_pool: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
    labels: dict[str, str] = {}
    for number, (source, target, data) in enumerate(network.edges(data=True)):
        found = evidence.get(edge_id(number), {})
        pool = str(found.get("pool") or _NO_POOL)
        labels.setdefault(pool, str(found.get("pool_label") or "no shared race"))
        by_pool[pool].append((edge_id(number), source, target, data))
    ordered = sorted(by_pool, key=lambda pool: (pool == _NO_POOL, labels[pool]))
    parts, blocks = [], {}
    home: dict[str, tuple[float, int]] = {}
    for number, pool in enumerate(ordered):
        edges = by_pool[pool]
        part = _part(network, edges, evidence, tables, pool, seed)
        blocks[f"rivalgraph-part-{number}"] = _block({**part, "pool": pool, "label": labels[pool]})
        discipline, _, sex = pool.partition(" ")
        parts.append({"key": pool, "discipline": discipline, "sex": sex, "label": labels[pool],
                      "nodes": len(part["nodes"]["columns"][0]), "edges": len(edges),
                      "opening_score": _opening_score([
                          page_score(float(data.get("source_score", 0.0)),
                                     float(data.get("target_score", 0.0)))
                          for *_, data in edges])})  # fmt: skip
        for _, source, target, data in edges:
            score = page_score(float(data.get("source_score", 0.0)), float(data.get("target_score", 0.0)))
            for athlete in (source, target):
                if score > home.get(athlete, (-1.0, 0))[0]:
                    home[athlete] = (score, number)
    athletes = [[node, data.get("label", node), data.get("nation", ""),
                 round(float(data.get("centrality", 0.0)), _DIGITS["centrality"]),
                 home.get(node, (0.0, 0))[1]]
                for node, data in network.nodes(data=True)]  # fmt: skip
    blocks["rivalgraph-athletes"] = _block(athletes)
    central = max(network.nodes(data="centrality", default=0.0), key=lambda item: item[1] or 0.0,
                  default=(None, 0.0))[0]  # fmt: skip
    index = {
        "meta": {**network.graph, **(meta or {}), "nodes": network.number_of_nodes(),
                 "edges": network.number_of_edges(), "parts": len(parts)},
        # The page opens with the part of the most central athlete: the heart of the network.
        "open": home.get(central, (0.0, 0))[1] if central else 0,
        "parts": parts,
    }  # fmt: skip
    return index, blocks
