"""What every store promises: the :class:`Store` protocol, its term types and its error.

Callers talk to a :class:`Store`: ``select``, ``ask``, ``construct`` and
``quads``.  Both backends (:mod:`rivalgraph.store.embedded` and
:mod:`rivalgraph.store.sparql`) hold the same dataset: one named graph per
source, and as the default graph their RDF merge (see
:func:`with_merged_default_graph`).  This module is the bottom of the store
package: it imports nothing from rivalgraph but :mod:`rivalgraph.namespaces`.

Examples
--------
>>> from pyoxigraph import Literal, NamedNode
>>> result = SelectResult(("a", "name"), [(NamedNode("urn:a"), Literal("Kerr, Josh")), (None, None)])
>>> result.dicts()[0]["name"].value
'Kerr, Josh'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import pyoxigraph as ox

from rivalgraph.namespaces import PREFIXES

__all__ = [
    "Term",
    "SelectResult",
    "Store",
    "StoreError",
    "QUERY_PROLOGUE",
    "with_merged_default_graph",
]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class StoreError(RuntimeError):
    """The store cannot be opened or does not hold a built graph."""


@dataclass(frozen=True)
class SelectResult:
    """The answer to a SELECT query: its variables and its rows of terms."""

    variables: tuple[str, ...]
    rows: list[tuple[Term | None, ...]]

    def dicts(self) -> list[dict[str, Term | None]]:
        """Return the rows as dictionaries keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


@runtime_checkable
class Store(Protocol):
    """What the rest of rivalgraph needs from a store."""

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> SelectResult:
        """Run a SELECT query with variables bound to RDF terms."""
        ...

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query with variables bound to RDF terms."""
        ...

    def construct(
        self, sparql: str, bindings: Mapping[str, Term] | None = None
    ) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query."""
        ...

    def quads(self) -> Iterator[ox.Quad]:
        """Iterate over every quad."""
        ...

    def __len__(self) -> int: ...


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


# Prefixes are predeclared by the engines; text helpers that show a query to a
# person (errors, --explain) prepend them explicitly.
QUERY_PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
