"""The RDF itself: Turtle, TriG and N-Quads, written by pyoxigraph's serializers.

- **TriG** and **N-Quads** keep every named graph of the store (one per
  source, each describing itself with ``prov:wasDerivedFrom``), so the
  provenance of every triple travels with it.  The store's default graph is
  left out: it is only the merge of the named graphs (see
  :func:`rivalgraph.store.with_merged_default_graph`).
- **Turtle** has no named graphs: it is that merged default graph, every
  distinct triple once.

Quads are streamed graph by graph from the store into the serializer: the
cost is linear in the size of the graph and no query is run per node.

Examples
--------
>>> import io
>>> from pyoxigraph import Literal, Quad
>>> from rivalgraph.namespaces import ATHLETE, GRAPH, RDFS
>>> from rivalgraph.store import OxigraphStore
>>> store = OxigraphStore.in_memory([Quad(ATHLETE["josh-kerr"], RDFS.label, Literal("Josh Kerr"),
...                                       GRAPH["results-x"])])
>>> out = io.BytesIO()
>>> write_rdf(store, "trig", out)
1
>>> print(out.getvalue().decode().splitlines()[-2].strip())
athlete:josh-kerr rdfs:label "Josh Kerr" .
>>> out = io.BytesIO()
>>> write_rdf(store, "nquads", out)
1
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO, TypeVar

import pyoxigraph as ox

from rivalgraph.namespaces import PREFIXES
from rivalgraph.store import Store

__all__ = ["RDF_SERIALIZERS", "Counted", "named_graph_quads", "default_graph_triples", "write_rdf"]

RDF_SERIALIZERS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


def named_graph_quads(store: Store) -> Iterator[ox.Quad]:
    """Every quad of the store's named graphs, graph by graph (sorted by graph name)."""
    for graph in store.named_graphs():
        yield from store.quads(graph)


def default_graph_triples(store: Store) -> Iterator[ox.Triple]:
    """Every triple of the store's default graph (the merge of its named graphs)."""
    for quad in store.quads(ox.DefaultGraph()):
        yield quad.triple


T = TypeVar("T")


class Counted(Iterable[T]):
    """An iterable that counts the items taken from it (``.count``)."""

    def __init__(self, items: Iterable[T]) -> None:
        self.items = items
        self.count = 0

    def __iter__(self) -> Iterator[T]:
        for item in self.items:
            self.count += 1
            yield item


def write_rdf(store: Store, format: str, handle: BinaryIO) -> int:
    """Serialize the store as ``turtle``, ``trig`` or ``nquads``; return the statements written."""
    rdf_format = RDF_SERIALIZERS[format]
    prefixes = None if format == "nquads" else PREFIXES
    statements: Counted[ox.Triple] | Counted[ox.Quad]
    if format == "turtle":
        statements = Counted(default_graph_triples(store))
    else:
        statements = Counted(named_graph_quads(store))
    ox.serialize(statements, handle, rdf_format, prefixes=prefixes)
    return statements.count
