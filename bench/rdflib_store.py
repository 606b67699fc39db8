"""rdflib's own SPARQL engine behind rivalgraph's Store protocol: the baseline of the benchmarks.

The analysis reads the store only through ``Store.select``; this adapter runs
the same query text on an in-memory :class:`rdflib.Graph` and hands the rows
back as pyoxigraph terms, so the same Python code (projection, scoring) runs on
top of either engine.  Bindings are passed as ``initBindings``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
import rdflib

from rivalgraph.namespaces import PREFIXES
from rivalgraph.store import Columns, GraphName, SelectResult, Term

__all__ = ["RdflibStore"]


def _to_ox(term: object) -> Term | None:
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = term.datatype or rdflib.XSD.string
        return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))
    raise TypeError(f"not an RDF term: {term!r}")


def _to_rdflib(term: Term) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    return rdflib.BNode(term.value)


class RdflibStore:
    """A read-only :class:`rivalgraph.store.Store` on rdflib's engine (in memory)."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph

    @classmethod
    def load(cls, path: Path) -> RdflibStore:
        """Parse an N-Triples file (the merged default graph of a built store)."""
        graph = rdflib.Graph()
        graph.parse(path, format="nt")
        return cls(graph)

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> SelectResult:
        result = self.graph.query(
            sparql,
            initNs=PREFIXES,
            initBindings={name: _to_rdflib(term) for name, term in (bindings or {}).items()},
        )
        variables = tuple(str(variable) for variable in result.vars or ())
        rows = [tuple(_to_ox(row[variable]) for variable in variables) for row in result]  # type: ignore[index]
        return SelectResult(variables, rows)

    def select_columns(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Columns:
        return self.select(sparql, bindings).columns()

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        return bool(self.graph.query(sparql, initNs=PREFIXES).askAnswer)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        raise NotImplementedError("the baseline only answers SELECT and ASK")

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        raise NotImplementedError("the baseline only answers SELECT and ASK")

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        raise NotImplementedError("the baseline only answers SELECT and ASK")

    def __len__(self) -> int:
        return len(self.graph)
