"""A large page in parts: one per discipline and sex, each compressed, read when it is chosen.

The page of the whole all-of-athletics graph (37,645 athletes, 633,645 rivalries) cannot be
drawn at once, nor sent as one JSON block (hundreds of megabytes).  :func:`split_page` cuts it
by the *pool* of each rivalry (the discipline and sex the pair met in most, as
:func:`.evidence.pair_pools` says), and gives each part

- its own drawing (:func:`.layout.draw` on the part alone: a 100 m sprinter's rivals are
  placed among sprinters, not in a 37,000-node hairball);
- its own tables: the races and statements its rivalries cite (each once, renumbered), the
  ratings of its pool and the injuries and withdrawals of its athletes;
- nodes and edges written as columns (``{"fields": [...], "rows": [[...], ...]}``) with
  numbers rounded to what the page shows, then gzip-compressed and base64-encoded into a
  ``<script type="application/gzip">`` block that the page decompresses only when the part
  is chosen (with the browser's ``DecompressionStream``: no request leaves the page);
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
>>> network.add_edge("urn:0", "urn:1", kind="rivalry", score=0.5)
>>> network.add_edge("urn:2", "urn:3", kind="rivalry", score=0.25)
>>> evidence = {"e0": {"races": [0], "titles": [], "statements": [], "pool": "urn:d urn:m",
...                    "pool_label": "1500 m, men"},
...             "e1": {"races": [1], "titles": [], "statements": [], "pool": "urn:e urn:m",
...                    "pool_label": "5000 m, men"}}
>>> races = [{"race": "urn:r0", "results": {}}, {"race": "urn:r1", "results": {}}]
>>> index, blocks = split_page(network, evidence, {"races": races})
>>> [(part["label"], part["nodes"], part["edges"]) for part in index["parts"]]
[('1500 m, men', 2, 1), ('5000 m, men', 2, 1)]
>>> part = read_block(blocks["rivalgraph-part-1"])
>>> part["races"], part["evidence"]["e1"]["races"], part["edges"]["rows"][0][:2]
([{'race': 'urn:r1', 'results': {}}], [0], ['e1', 'urn:2'])
>>> [row[1] for row in read_block(blocks["rivalgraph-athletes"])]
['A0', 'A1', 'A2', 'A3']
"""

from __future__ import annotations

import base64
import gzip
import json
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import networkx as nx

from rivalgraph.export.jsongraph import edge_id
from rivalgraph.export.layout import draw

__all__ = ["WHOLE_NODES", "WHOLE_EDGES", "OPENING_RIVALRIES", "needs_parts", "split_page",
           "read_block"]  # fmt: skip

#: The largest network drawn as one part (the 2,000-node page renders in about a second).
WHOLE_NODES = 2500
WHOLE_EDGES = 25_000
#: How many rivalries a part opens with (the rest are drawn when the minimum score is lowered).
OPENING_RIVALRIES = 1500
#: Digits kept for the floats of a part: what the page shows, or a pixel.
_DIGITS = {"x": 1, "y": 1, "size": 1}
_FLOAT_DIGITS = 4
#: Edge attributes the page never reads (the rivalry's IRI is in every other export).
_UNREAD = frozenset({"iri", "weight"})
#: Where the rivalries with no shared race go (only statements bind them).
_NO_POOL = ""


def needs_parts(network: nx.DiGraph) -> bool:
    """Whether ``network`` is too large to be drawn, and sent, as one part."""
    nodes, edges = int(network.number_of_nodes()), int(network.number_of_edges())
    return nodes > WHOLE_NODES or edges > WHOLE_EDGES


def read_block(text: str) -> Any:
    """What a compressed block holds (the inverse of the encoding the page decompresses)."""
    return json.loads(gzip.decompress(base64.b64decode(text)))


def _block(value: Any) -> str:
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def _plain(name: str, value: Any) -> Any:
    if isinstance(value, float):
        return round(value, _DIGITS.get(name, _FLOAT_DIGITS))
    return value


def _columns(records: list[dict[str, Any]], first: tuple[str, ...]) -> dict[str, Any]:
    """Records as ``{"fields": [...], "rows": [[...], ...]}``, ``first`` leading the fields."""
    fields = list(first) + sorted({key for record in records for key in record} - set(first) - _UNREAD)
    return {"fields": fields,
            "rows": [[_plain(name, record.get(name)) for name in fields] for record in records]}  # fmt: skip


def _opening_score(scores: list[float]) -> float:
    """The score of the :data:`OPENING_RIVALRIES`-th strongest rivalry, rounded down (0 when
    there are fewer)."""
    if len(scores) <= OPENING_RIVALRIES:
        return 0.0
    return int(sorted(scores, reverse=True)[OPENING_RIVALRIES - 1] * 1000) / 1000


def _renumbered(evidence: Mapping[str, Any], races: list[Any],
                statements: list[Any]) -> tuple[dict[str, Any], list[Any], list[Any]]:  # fmt: skip
    """The part's evidence with its race and statement numbers pointing into its own tables."""
    race_numbers: dict[int, int] = {}
    statement_numbers: dict[int, int] = {}
    kept: dict[str, Any] = {}
    for edge, records in evidence.items():
        kept[edge] = {
            "races": [race_numbers.setdefault(n, len(race_numbers)) for n in records.get("races", [])],
            "titles": records.get("titles", []),
            "statements": [statement_numbers.setdefault(n, len(statement_numbers))
                           for n in records.get("statements", [])],
        }  # fmt: skip
    return (kept, [races[n] for n in race_numbers], [statements[n] for n in statement_numbers])


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
    nodes = [{"id": node, **data} for node, data in sub.nodes(data=True)]
    records = [{"id": number, "source": source, "target": target, **data}
               for number, source, target, data in edges]  # fmt: skip
    part_evidence, races, statements = _renumbered(
        {number: evidence[number] for number, *_ in edges if number in evidence},
        tables.get("races", []), tables.get("statements", []))  # fmt: skip
    athletes = set(sub)
    ratings = {athlete: {pool: series[pool]} for athlete, series in tables.get("ratings", {}).items()
               if athlete in athletes and pool in series}  # fmt: skip
    setbacks = {athlete: rows for athlete, rows in tables.get("setbacks", {}).items() if athlete in athletes}
    return {"nodes": _columns(nodes, ("id", "label")),
            "edges": _columns(records, ("id", "source", "target", "score")),
            "evidence": part_evidence, "races": races, "statements": statements,
            "ratings": ratings, "setbacks": setbacks}  # fmt: skip


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
                      "nodes": len(part["nodes"]["rows"]), "edges": len(edges),
                      "opening_score": _opening_score([float(data.get("score", 0.0))
                                                       for *_, data in edges])})  # fmt: skip
        for _, source, target, data in edges:
            score = float(data.get("score", 0.0))
            for athlete in (source, target):
                if score > home.get(athlete, (-1.0, 0))[0]:
                    home[athlete] = (score, number)
    athletes = [[node, data.get("label", node), data.get("nation", ""),
                 round(float(data.get("centrality", 0.0)), _FLOAT_DIGITS), home.get(node, (0.0, 0))[1]]
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
