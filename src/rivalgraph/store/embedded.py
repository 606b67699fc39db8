"""The embedded store: a :class:`~rivalgraph.store.Store` on an on-disk (or in-memory) Oxigraph.

The default graph is the RDF merge of all named graphs (see
:func:`~rivalgraph.store.contract.with_merged_default_graph`); a build lives in
a folder of a :class:`~rivalgraph.store.layout.StoreLocation`, and
:func:`replace_graph` republishes one named graph of it atomically.

Examples
--------
>>> from pyoxigraph import Literal, Quad
>>> from rivalgraph.namespaces import ATHLETE, GRAPH, RDFS
>>> store = OxigraphStore.in_memory([
...     Quad(ATHLETE["josh-kerr"], RDFS.label, Literal("Josh Kerr"), GRAPH.demo)])
>>> len(store)  # the quad in its named graph, and the merged default graph
2
>>> rows = store.select("SELECT ?name WHERE { ?a rdfs:label ?name }")
>>> [row["name"].value for row in rows.dicts()]
['Josh Kerr']
>>> store.select("SELECT ?a ?name WHERE { ?a rdfs:label ?name }",
...              {"name": Literal("Josh Kerr")}).rows[0][0].value
'https://w3id.org/rivalgraph/id/athlete/josh-kerr'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.namespaces import PREFIXES
from rivalgraph.store.contract import (
    Columns,
    GraphName,
    SelectResult,
    StoreError,
    Term,
    with_merged_default_graph,
)
from rivalgraph.store.layout import StoreLocation

__all__ = ["OxigraphStore", "replace_graph"]


class OxigraphStore:
    """A :class:`Store` on top of an embedded :class:`pyoxigraph.Store`.

    The default graph is the RDF merge of all named graphs (see
    :func:`with_merged_default_graph`), so a query need not know which source a
    fact came from unless it asks with ``GRAPH``.  The vocabulary's usual prefixes (``rg:``, ``athlete:``,
    ``schema:`` ...) are predeclared.

    Bindings are substituted by the engine (SEP-0007), never pasted into the
    query text; the engine requires a bound variable to be projected.
    """

    def __init__(self, inner: ox.Store) -> None:
        self.inner = inner

    @classmethod
    def in_memory(cls, quads: Iterable[ox.Quad] = ()) -> OxigraphStore:
        """Create a store in memory, filled with ``quads``."""
        inner = ox.Store()
        inner.extend(with_merged_default_graph(quads))
        return cls(inner)

    @classmethod
    def open(cls, location: Path | str) -> OxigraphStore:
        """Open the published build of a store location for reading."""
        path = StoreLocation(Path(location)).current()
        if path is None:
            raise StoreError(f"no graph has been built at {location}: run `rivalgraph build` first")
        try:
            return cls(ox.Store.read_only(str(path)))
        except OSError as error:
            raise StoreError(f"cannot open the store at {path}: {error}") from error

    def _run(self, sparql: str, bindings: Mapping[str, Term] | None) -> object:
        substitutions = {ox.Variable(name): term for name, term in (bindings or {}).items()}
        return self.inner.query(
            sparql,
            prefixes=PREFIXES,
            substitutions=substitutions or None,
        )

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> SelectResult:
        solutions = self._run(sparql, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError("select() needs a SELECT query")
        variables = tuple(variable.value for variable in solutions.variables)
        rows = [tuple(solution[name] for name in variables) for solution in solutions]
        return SelectResult(variables, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        answer = self._run(sparql, bindings)
        if not isinstance(answer, ox.QueryBoolean):
            raise TypeError("ask() needs an ASK query")
        return bool(answer)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        triples = self._run(sparql, bindings)
        if not isinstance(triples, ox.QueryTriples):
            raise TypeError("construct() needs a CONSTRUCT or DESCRIBE query")
        return list(triples)

    def select_columns(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Columns:
        """Read a SELECT answer as columns of plain text, in bulk (see :meth:`Store.select_columns`).

        The engine writes the whole answer as SPARQL CSV in one call, and the
        text is split into columns, instead of making a term object per value
        (which takes longer than evaluating the query).

        Examples
        --------
        >>> from pyoxigraph import Literal, Quad
        >>> from rivalgraph.namespaces import ATHLETE, GRAPH, RDFS
        >>> store = OxigraphStore.in_memory([
        ...     Quad(ATHLETE["josh-kerr"], RDFS.label, Literal("Kerr, Josh"), GRAPH.demo)])
        >>> store.select_columns("SELECT ?a ?name ?none WHERE { ?a rdfs:label ?name }")["name"]
        ['Kerr, Josh']
        """
        solutions = self._run(sparql, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError("select_columns() needs a SELECT query")
        data = solutions.serialize(format=ox.QueryResultsFormat.CSV)
        text = data.decode("utf-8") if data is not None else ""
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader)
        rows = list(reader)
        columns = list(zip(*rows, strict=True)) or [()] * len(header)
        return {name: [cell or None for cell in column]
                for name, column in zip(header, columns, strict=True)}  # fmt: skip

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        return iter(self.inner.quads_for_pattern(None, None, None, graph))

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        return sorted(self.inner.named_graphs(), key=lambda graph: str(graph))

    def __len__(self) -> int:
        return len(self.inner)


_DROP_GRAPH = """
DELETE {{ ?s ?p ?o }}
WHERE {{
  GRAPH {graph} {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {graph}) }}
}} ;
DROP SILENT GRAPH {graph}
"""


def replace_graph(location: Path | str, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> int:
    """Replace one named graph of the published store by ``quads``, atomically.

    The published build is copied (an Oxigraph backup: hard links, so cheap),
    the graph's old triples are removed from it and from the merged default
    graph (unless another graph also states them), the new quads and their
    default-graph copies are added, and the copy is published with the same
    atomic switch as a build.  Readers see the old graph or the new one.

    Returns
    -------
    int
        The number of quads written to ``graph``.

    Raises
    ------
    StoreError
        If nothing has been built at ``location``.
    ValueError
        If a quad lies outside ``graph``.
    """
    quads = list(quads)
    strays = [quad for quad in quads if quad.graph_name != graph]
    if strays:
        raise ValueError(f"{len(strays)} quads are not in {graph}, e.g. {strays[0]}")
    place = StoreLocation(Path(location))
    if place.current() is None:
        raise StoreError(f"no graph has been built at {location}: run `rivalgraph build` first")
    with place.writing():
        current = place.current()
        assert current is not None  # a published build is only ever replaced by another
        target = place.new_build()
        target.rmdir()  # the backup creates it
        try:
            ox.Store.read_only(str(current)).backup(str(target))
            inner = ox.Store(str(target))
            inner.update(_DROP_GRAPH.format(graph=graph))
            inner.extend(with_merged_default_graph(quads))
            inner.flush()
            del inner
            place.publish(target)
        except BaseException:
            place.discard(target)
            raise
        place.prune()
    return len(quads)
