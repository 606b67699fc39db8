"""What every store promises: the :class:`Store` protocol, its term types and its error.

Callers talk to a :class:`Store`: ``select``, ``ask``, ``construct`` and
``quads``.  Both backends (:mod:`rivalgraph.store.embedded` and
:mod:`rivalgraph.store.sparql`) hold the same dataset: one named graph per
source, and as the default graph their RDF merge (see
:func:`with_merged_default_graph`).  This module is the bottom of the store
package: it imports nothing from rivalgraph but :mod:`rivalgraph.namespaces` and :mod:`rivalgraph.errors`.

Examples
--------
>>> from pyoxigraph import Literal, NamedNode
>>> result = SelectResult(("a", "name"), [(NamedNode("urn:a"), Literal("Kerr, Josh")), (None, None)])
>>> result.dicts()[0]["name"].value
'Kerr, Josh'
>>> result.columns()
{'a': ['urn:a', None], 'name': ['Kerr, Josh', None]}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import pyoxigraph as ox

from rivalgraph.errors import RivalgraphError

__all__ = [
    "Term",
    "GraphName",
    "Columns",
    "SelectResult",
    "Store",
    "StoreError",
    "select_columns",
    "with_merged_default_graph",
]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
#: A SELECT answer as columns of plain text: IRIs, lexical forms, ``None`` if unbound.
Columns = dict[str, list[str | None]]


class StoreError(RivalgraphError, RuntimeError):
    """The store cannot be opened or does not hold a built graph.

    Also a :class:`RuntimeError`, as it was before the error tree had one root.
    """


@dataclass(frozen=True)
class SelectResult:
    """The answer to a SELECT query: its variables and its rows of terms."""

    variables: tuple[str, ...]
    rows: list[tuple[Term | None, ...]]

    def dicts(self) -> list[dict[str, Term | None]]:
        """Return the rows as dictionaries keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def columns(self) -> Columns:
        """Return the answer as columns of plain text (see :meth:`Store.select_columns`)."""
        columns = list(zip(*self.rows, strict=True)) or [()] * len(self.variables)
        return {name: [None if term is None else str(term.value) for term in column]
                for name, column in zip(self.variables, columns, strict=True)}  # fmt: skip

    def __len__(self) -> int:
        return len(self.rows)


@runtime_checkable
class Store(Protocol):
    """What the rest of rivalgraph needs from a store."""

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> SelectResult:
        """Run a SELECT query with variables bound to RDF terms."""
        ...

    def select_columns(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Columns:
        """Run a SELECT query and return its answer as columns of plain text.

        For a big answer read in bulk: a store may read it faster than it makes a
        term object per value.  The text does not tell an unbound value from an
        empty literal (both are ``None``), nor an IRI from a literal.
        """
        ...

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query with variables bound to RDF terms."""
        ...

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query."""
        ...

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        """Iterate over every quad, or over those of one graph (the default graph included)."""
        ...

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        """Return the named graphs (one per source), sorted by their N-Triples text."""
        ...

    def __len__(self) -> int: ...


def select_columns(store: Store, sparql: str, bindings: Mapping[str, Term] | None = None) -> Columns:
    """The answer to a SELECT as columns of plain text: IRIs, lexical forms, ``None`` if unbound.

    The same as ``store.select_columns(sparql, bindings)`` (see :meth:`Store.select_columns`).

    Examples
    --------
    >>> from pyoxigraph import Literal, Quad
    >>> from rivalgraph.namespaces import ATHLETE, GRAPH, RDFS
    >>> from rivalgraph.store import OxigraphStore
    >>> store = OxigraphStore.in_memory([
    ...     Quad(ATHLETE["josh-kerr"], RDFS.label, Literal("Kerr, Josh"), GRAPH.demo)])
    >>> select_columns(store, "SELECT ?a ?name ?none WHERE { ?a rdfs:label ?name }")["name"]
    ['Kerr, Josh']
    """
    return store.select_columns(sparql, bindings)


def with_merged_default_graph(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Add to ``quads`` their RDF merge as the default graph.

    Each source keeps its facts in its own named graph (provenance); the
    default graph holds every distinct triple once, so a query that does not
    ask where a fact came from counts it once however many sources state it.
    (A union-of-graphs view would return a triple once per graph.)

    Examples
    --------
    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> a, p = NamedNode("urn:a"), NamedNode("urn:p")
    >>> quads = [Quad(a, p, Literal("x"), NamedNode("urn:g1")),
    ...          Quad(a, p, Literal("x"), NamedNode("urn:g2"))]
    >>> len(with_merged_default_graph(quads))
    3
    """
    quads = list(quads)
    merged = dict.fromkeys(
        ox.Quad(quad.subject, quad.predicate, quad.object)
        for quad in quads
        if not isinstance(quad.graph_name, ox.DefaultGraph)
    )
    return list(dict.fromkeys([*quads, *merged]))
