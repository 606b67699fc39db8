"""Cut the graphs a push sends into batches of N-Triples text, the same for the same content.

:func:`plan_graphs` turns quads (one named graph per source) into a
:class:`GraphPlan` per named graph and one for their RDF merge
(:data:`~rivalgraph.store.sparql.MERGED_GRAPH`): the number of distinct
triples, the batches to send (:class:`Batch`, at most ``size`` triples each) and
a digest of them, which the push journal compares to tell whether a graph
changed.

Triples without blank nodes are written by pyoxigraph's serializer and sorted,
so the batches depend on the content only, never on the input order (and a
million triples are cut in seconds).  Triples with blank nodes (the ontology's
lists, the shapes) keep their input order with their labels renamed by first
appearance; a blank node is scoped to one request, so all the triples that
share one (transitively) travel in the same batch, in batches of their own after
the others, of at most ``blank_size`` triples (one unit may exceed it).

Examples
--------
>>> a, b = ox.BlankNode("x"), ox.NamedNode("urn:b")
>>> units = connected_units([ox.Triple(b, b, b), ox.Triple(b, b, a), ox.Triple(a, b, b)])
>>> [len(unit) for unit in units]
[1, 2]
>>> [len(batch) for batch in batches([ox.Triple(b, b, ox.Literal(str(i))) for i in range(5)], 2)]
[2, 2, 1]
>>> mixed = [ox.Triple(b, b, ox.BlankNode(f"x{i}")) for i in range(5)] + [ox.Triple(b, b, b)]
>>> [len(batch) for batch in batches(mixed, 4, 2)], [len(batch) for batch in batches(mixed, 4, 4)]
([1, 2, 2, 1], [1, 4, 1])
>>> g = ox.NamedNode("urn:g")
>>> plans = plan_graphs([ox.Quad(b, b, ox.Literal(str(i)), g) for i in (3, 1, 2)] + [ox.Quad(b, b, a, g)], 2)
>>> [(batch.triples, batch.blank) for batch in plans["urn:g"].batches]
[(2, False), (1, False), (1, True)]
>>> print(plans["urn:g"].batches[0].text)
<urn:b> <urn:b> "1" .
<urn:b> <urn:b> "2" .
>>> plans["urn:g"].triples, sorted(plans) == ["https://w3id.org/rivalgraph/id/graph/merged", "urn:g"]
(4, True)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from rivalgraph.store.sparql import MERGED_GRAPH

__all__ = ["Batch", "GraphPlan", "connected_units", "batches", "triple_batches", "plan_graphs"]

_Triple = ox.Triple


@dataclass(frozen=True)
class Batch:
    """One request's worth of triples: N-Triples lines, how many, and whether they hold blank nodes."""

    text: str
    triples: int
    blank: bool


@dataclass(frozen=True)
class GraphPlan:
    """What to send for one graph: its distinct triples, in batches, and a digest of those batches."""

    name: str
    triples: int
    batches: tuple[Batch, ...]
    digest: str


def connected_units(triples: Sequence[_Triple]) -> list[list[_Triple]]:
    """Group triples so that all those sharing a blank node (transitively) are in one unit."""
    parent: dict[str, str] = {}

    def find(label: str) -> str:
        while parent.setdefault(label, label) != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    for triple in triples:
        labels = [t.value for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)]
        for other in labels[1:]:
            parent[find(other)] = find(labels[0])
    units: dict[str, list[_Triple]] = {}
    plain: list[list[_Triple]] = []
    for triple in triples:
        node = next((t for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)), None)
        if node is None:
            plain.append([triple])
        else:
            units.setdefault(find(node.value), []).append(triple)
    return plain + list(units.values())


def _has_blank(triple: _Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def batches(triples: Sequence[_Triple], size: int, blank_size: int | None = None) -> list[list[_Triple]]:
    """Cut triples into batches of at most ``size``, never splitting a blank-node unit.

    Triples without blank nodes come first; those with blank nodes go in
    batches of their own, of at most ``blank_size`` triples (default ``size``;
    one unit may exceed it).
    """
    out: list[list[_Triple]] = []
    current: list[_Triple] = []
    limit = size
    in_blank = False
    for unit in connected_units(triples):
        if not in_blank and any(map(_has_blank, unit)):
            if current:
                out.append(current)
            current, limit, in_blank = [], min(size, blank_size or size), True
        if current and len(current) + len(unit) > limit:
            out.append(current)
            current = []
        current.extend(unit)
    if current:
        out.append(current)
    return out


def _lines(triples: Iterable[_Triple]) -> str:
    return "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)


def triple_batches(triples: Sequence[_Triple], size: int, blank_size: int | None = None) -> list[Batch]:
    """:func:`batches` written as N-Triples text."""
    return [Batch(_lines(batch), len(batch), any(map(_has_blank, batch)))
            for batch in batches(triples, size, blank_size)]  # fmt: skip


def _stable(triples: Iterable[_Triple]) -> list[_Triple]:
    """Relabel blank nodes by first appearance and drop repeats, so equal content hashes equally."""
    labels: dict[str, ox.BlankNode] = {}

    def fix(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, ox.BlankNode):
            return labels.setdefault(term.value, ox.BlankNode(f"b{len(labels)}"))
        return term

    return list(dict.fromkeys(
        ox.Triple(fix(t.subject), t.predicate, fix(t.object))  # type: ignore[arg-type]
        for t in triples
    ))  # fmt: skip


#: Quads serialized at a time: the plan holds N-Triples lines, never all the quads as objects.
_CHUNK = 200_000


def _add_plain_lines(quads: list[ox.Quad], lines: dict[str, set[bytes]]) -> None:
    """Add the N-Triples lines of quads without blank nodes to their graph's set (``""``: default graph)."""
    named = [q for q in quads if isinstance(q.graph_name, ox.NamedNode)]
    for line in ox.serialize(named, format=ox.RdfFormat.N_QUADS).splitlines():  # type: ignore[union-attr]
        triple, graph, _dot = line.rsplit(b" ", 2)  # the graph is an IRI: it holds no space
        lines.setdefault(graph[1:-1].decode("utf-8"), set()).add(triple + b" .")
    default = [q.triple for q in quads if not isinstance(q.graph_name, ox.NamedNode)]
    if default:
        text = ox.serialize(default, format=ox.RdfFormat.N_TRIPLES)
        lines.setdefault("", set()).update(text.splitlines())  # type: ignore[union-attr]


def _plan(name: str, plain: set[bytes], blank: list[_Triple], size: int, blank_size: int) -> GraphPlan:
    ordered = sorted(plain)
    cut = []
    for start in range(0, len(ordered), size):
        chunk = ordered[start : start + size]
        cut.append(Batch(b"\n".join(chunk).decode("utf-8"), len(chunk), blank=False))
    stable = _stable(blank)
    cut += triple_batches(stable, size, blank_size)
    digest = hashlib.sha256(str(size).encode())
    for batch in cut:
        digest.update(f"\n{batch.triples}\n".encode())
        digest.update(batch.text.encode("utf-8"))
    return GraphPlan(name, len(ordered) + len(stable), tuple(cut), digest.hexdigest())


def plan_graphs(quads: Iterable[ox.Quad], size: int, blank_size: int | None = None) -> dict[str, GraphPlan]:
    """Plan every named graph of ``quads`` and their merge (quads in the default graph: the merge only).

    ``quads`` are read once, as a stream: a push of a scanned graph never holds them all.
    """
    blank_size = min(size, blank_size or size)
    plain: list[ox.Quad] = []
    lines: dict[str, set[bytes]] = {}
    blank: dict[str, list[_Triple]] = {}
    for quad in quads:
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            blank.setdefault(name, []).append(quad.triple)
        else:
            plain.append(quad)
            if len(plain) >= _CHUNK:
                _add_plain_lines(plain, lines)
                plain.clear()
    _add_plain_lines(plain, lines)
    merged_lines = set().union(*lines.values()) if lines else set()
    merged_blank = list(dict.fromkeys(t for triples in blank.values() for t in triples))
    plans = {
        name: _plan(name, lines.get(name, set()), blank.get(name, []), size, blank_size)
        for name in sorted(set(lines) | set(blank)) if name
    }  # fmt: skip
    plans[MERGED_GRAPH.value] = _plan(MERGED_GRAPH.value, merged_lines, merged_blank, size, blank_size)
    return plans
