"""A :class:`~rivalgraph.store.Store` on a SPARQL 1.1 server, queried through SPARQLWrapper.

The layout on the server mirrors the embedded store (see
:func:`rivalgraph.store.contract.with_merged_default_graph`): one named graph per
source, plus their RDF merge pushed as the named graph :data:`MERGED_GRAPH`.
Every query is sent with that graph as its default graph (``default-graph-uri``)
and the source graphs listed in :data:`CATALOG_GRAPH` as its named graphs
(``named-graph-uri``), so a query without ``GRAPH`` sees each fact once, however
many sources state it, and ``GRAPH ?g`` reaches the same graphs as on the
embedded store.  (A server's own default graph is usually the *union* of its
graphs: Virtuoso returns a triple stated in two graphs twice.)

Parameters are bound with a ``VALUES`` block written from RDF terms
(:func:`rivalgraph.remote.terms.values_text`), never from user text.

Examples
--------
>>> store = SparqlStore(RemoteSpec("http://127.0.0.1:9/sparql"), named_graphs=[])
>>> store.dataset_call("ASK {}").default_graphs
('https://w3id.org/rivalgraph/id/graph/merged',)
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence

import pyoxigraph as ox

from rivalgraph.namespaces import GRAPH, PREFIXES
from rivalgraph.remote.client import Call, RemoteError, Response, query_type, request
from rivalgraph.remote.spec import RemoteSpec
from rivalgraph.remote.terms import blank_node, from_json, values_text, without_lateral
from rivalgraph.store.contract import Columns, GraphName, SelectResult, StoreError, Term

__all__ = ["MERGED_GRAPH", "CATALOG_GRAPH", "SD", "SparqlStore"]

MERGED_GRAPH = GRAPH["merged"]
CATALOG_GRAPH = GRAPH["catalog"]
SD = "http://www.w3.org/ns/sparql-service-description#"
_PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
_TURTLE = "turtle"
_CATALOG = f"""SELECT ?graph WHERE {{
  GRAPH <{CATALOG_GRAPH.value}> {{ ?dataset <{SD}namedGraph> ?entry . ?entry <{SD}name> ?graph }}
}} ORDER BY ?graph"""


class SparqlStore:
    """Read a graph that ``rivalgraph build --store sparql+...`` pushed to a SPARQL server.

    Parameters
    ----------
    spec : RemoteSpec
        The endpoints and credentials.
    named_graphs : sequence of str, optional
        The source graphs; read from the server's catalog graph when not given.
    default_graph : str
        The graph queried as the default graph (the merge of all sources).
    timeout : int
        Seconds to wait for any one answer.
    """

    def __init__(
        self,
        spec: RemoteSpec,
        *,
        named_graphs: Sequence[str] | None = None,
        default_graph: str = MERGED_GRAPH.value,
        timeout: int = 120,
    ) -> None:
        self.spec = spec
        self.default_graph = default_graph
        self.timeout = timeout
        self._named = tuple(named_graphs) if named_graphs is not None else None

    @classmethod
    def open(cls, spec: RemoteSpec) -> SparqlStore:
        """Connect and read the catalog of graphs.

        Raises
        ------
        StoreError
            The server answers but holds no graph pushed by rivalgraph.
        EndpointUnreachable
            Nothing answers at the query URL.
        """
        store = cls(spec)
        if not store._catalog():
            raise StoreError(
                f"no graph has been pushed to {spec.query_url}: build the graph there first "
                "(`rivalgraph build` with this store)",
                options=("store",),
            )
        return store

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        """Return the source graphs listed in the server's catalog, sorted as on the embedded store."""
        return sorted((ox.NamedNode(iri) for iri in self._catalog()), key=str)

    def _catalog(self) -> tuple[str, ...]:
        """The IRIs of the source graphs, in the catalog's order (read once)."""
        if self._named is None:
            rows = self._json(Call(self.spec.query_url, _CATALOG, timeout=self.timeout))
            self._named = tuple(b["graph"]["value"] for b in rows["results"]["bindings"])
        return self._named

    def dataset_call(self, text: str, accept: str = "json") -> Call:
        """The request for ``text`` with the store's dataset (merged default graph, source graphs)."""
        return Call(
            self.spec.query_url,
            _PROLOGUE + text,
            accept=accept,
            default_graphs=(self.default_graph,),
            named_graphs=self._catalog(),
            timeout=self.timeout,
        )

    def _json(self, call: Call) -> dict:  # type: ignore[type-arg]
        response = request(call)
        _check_complete(call, response)
        try:
            document = json.loads(response.body)
        except ValueError as error:
            raise RemoteError(f"{call.url} did not answer SPARQL JSON results: {error}") from error
        assert isinstance(document, dict)
        return document

    def _query(self, sparql: str, bindings: Mapping[str, Term] | None, kinds: set[str],
               accept: str = "json") -> Call:  # fmt: skip
        call = self.dataset_call(values_text(without_lateral(sparql), bindings or {}), accept)
        if query_type(call.text) not in kinds:
            raise TypeError(f"this call needs a {' or '.join(sorted(kinds))} query")
        return call

    def select_columns(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Columns:
        """Read a SELECT answer as columns of plain text (through :meth:`select`)."""
        return self.select(sparql, bindings).columns()

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> SelectResult:
        document = self._json(self._query(sparql, bindings, {"SELECT"}))
        variables = tuple(document["head"]["vars"])
        rows = [
            tuple(from_json(row[name]) if name in row else None for name in variables)
            for row in document["results"]["bindings"]
        ]
        return SelectResult(variables, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        return bool(self._json(self._query(sparql, bindings, {"ASK"}))["boolean"])

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        call = self._query(sparql, bindings, {"CONSTRUCT", "DESCRIBE"}, _TURTLE)
        response = request(call)
        try:
            quads = ox.parse(response.body, format=ox.RdfFormat.TURTLE)
            return [
                ox.Triple(_normal(q.subject), q.predicate, _normal(q.object))  # type: ignore[arg-type]
                for q in quads
            ]
        except SyntaxError as error:
            raise RemoteError(f"{call.url} answered Turtle that does not parse: {error}") from error

    def _graph_triples(self, graph: str) -> Iterator[tuple[Term, Term, Term]]:
        # One request per graph: Virtuoso refuses to sort more than 10,000 rows for
        # LIMIT/OFFSET paging, and an answer cut at its row limit is refused below.
        text = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        call = Call(self.spec.query_url, text, named_graphs=(graph,), timeout=self.timeout)
        for row in self._json(call)["results"]["bindings"]:
            yield from_json(row["s"]), from_json(row["p"]), from_json(row["o"])

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        """Iterate over every quad (the source graphs', then the merged default graph's), or one graph's.

        A blank node names no graph on a server: its graph is empty.
        """
        names = [*self.named_graphs(), ox.DefaultGraph()] if graph is None else [graph]
        for name in names:
            if isinstance(name, ox.BlankNode):
                continue
            iri = self.default_graph if isinstance(name, ox.DefaultGraph) else name.value
            for s, p, o in self._graph_triples(iri):
                yield ox.Quad(s, p, o, name)  # type: ignore[arg-type]

    def __len__(self) -> int:
        text = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        value = self.select(text).rows[0][0]
        return int(value.value) if isinstance(value, ox.Literal) else 0


def _normal(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Term:
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#boolean"):
        return from_json({"type": "literal", "value": term.value, "datatype": term.datatype.value})
    if isinstance(term, ox.BlankNode):
        return blank_node(term.value)
    return term


def _check_complete(call: Call, response: Response) -> None:
    """Refuse an answer the server cut short (Virtuoso's ``ResultSetMaxRows``)."""
    limit = response.headers.get("x-sparql-maxrows")
    if limit:
        raise RemoteError(
            f"{call.url} cut the answer at {limit} rows (its result-size limit): page the "
            "query with LIMIT/OFFSET or raise the server's limit (Virtuoso: [SPARQL] ResultSetMaxRows)"
        )
