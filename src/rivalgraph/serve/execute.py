"""Run one job against a pyoxigraph store and serialize the answer.

This is what a worker process does with each :class:`~rivalgraph.serve.jobs.Job`;
it is a plain function so that tests can call it without a process.  Answers
are written by pyoxigraph's own serializers (``QuerySolutions.serialize``,
``QueryBoolean.serialize``, :func:`pyoxigraph.serialize`).

Limits: a SELECT is serialized into a buffer capped at ``max_bytes`` and its
rows counted afterwards; a CONSTRUCT or DESCRIBE stops reading triples at
``max_rows + 1``.  Either way an answer over the limit becomes a 500 with a
message that says which limit and how to stay under it.

Examples
--------
>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> reply = execute(store, Job("query", "ASK {}", accept="application/sparql-results+json"))
>>> reply.status, reply.content_type, reply.body
(200, 'application/sparql-results+json', b'{"head":{},"boolean":true}')
>>> execute(store, Job("query", "ASK {")).status
400
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from itertools import islice

import pyoxigraph as ox

from rivalgraph.namespaces import PREFIXES, PROV
from rivalgraph.serve.bindings import leading_values
from rivalgraph.serve.errors import ServeError
from rivalgraph.serve.jobs import Job, Limits, Reply
from rivalgraph.serve.negotiate import BOOLEANS, GRAPHS, RESULTS, Format, choose, choose_graph, content_type

__all__ = ["execute", "TooLarge"]


class TooLarge(ServeError):
    """An answer went over a limit (answered with status 500 and advice to add a LIMIT)."""


class _CappedBuffer(io.BytesIO):
    """A bytes buffer that refuses to grow past ``limit``."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.tell() + memoryview(data).nbytes > self.limit:
            raise TooLarge(f"the answer is larger than {self.limit} bytes")
        return super().write(data)


def _not_acceptable(formats: tuple[Format, ...], accept: str | None) -> Reply:
    offered = ", ".join(dict.fromkeys(f.media_type for f in formats))
    return Reply.text(406, f"cannot answer in {accept!r}; this answer is available as: {offered}")


def _graph_names(iris: Iterable[str]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(iri) for iri in iris]
    except ValueError as error:
        raise SyntaxError(f"invalid graph IRI in the request: {error}") from error


def _count_rows(body: bytes, chosen: Format) -> int:
    if chosen.format == ox.QueryResultsFormat.CSV:
        return max(sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1, 0)
    if chosen.format == ox.QueryResultsFormat.TSV:
        return max(body.count(b"\n") - 1, 0)
    parsed = ox.parse_query_results(body, chosen.results)
    return sum(1 for _ in parsed) if isinstance(parsed, ox.QuerySolutions) else 1


def _too_many(limits: Limits, what: str) -> Reply:
    return Reply.text(
        500,
        f"the answer has more than {limits.max_rows} {what}, the limit of this endpoint: "
        "add a LIMIT (and ORDER BY with OFFSET to page through it)",
        X_Rivalgraph_Limit="rows",
    )


def _query(store: ox.Store, job: Job, limits: Limits) -> Reply:
    # Protocol parameters replace the whole dataset: naming only default
    # graphs leaves no named graph, and naming only named graphs leaves an
    # empty default graph.
    explicit = bool(job.default_graphs or job.named_graphs)
    default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [*_graph_names(job.default_graphs)]
    named: list[ox.NamedNode | ox.BlankNode] = [*_graph_names(job.named_graphs)]
    options = {"base_iri": job.base_iri, "prefixes": PREFIXES,
               "default_graph": default if explicit else None,
               "named_graphs": named if explicit else None}  # fmt: skip
    text, bound = leading_values(job.text, PREFIXES)
    result = None
    if bound:
        terms = {ox.Variable(name): ox.NamedNode(iri) for name, iri in bound.items()}
        try:
            result = store.query(text, substitutions=terms, **options)  # type: ignore[arg-type]
        except (RuntimeError, ValueError, SyntaxError):
            # The engine takes substitutions only for projected variables: run the text as sent.
            result = None
    if result is None:
        result = store.query(job.text, **options)  # type: ignore[arg-type]
    if isinstance(result, ox.QueryTriples):
        chosen = choose_graph(job.accept)
        if chosen is None:
            return _not_acceptable(GRAPHS, job.accept)
        triples = list(islice(result, limits.max_rows + 1))
        if len(triples) > limits.max_rows:
            return _too_many(limits, "triples")
        return Reply(200, content_type(chosen), _graph_body(triples, chosen, limits), rows=len(triples))
    if isinstance(result, ox.QueryBoolean):
        chosen = choose(BOOLEANS, job.accept)
        if chosen is None:
            return _not_acceptable(BOOLEANS, job.accept)
        body = result.serialize(format=chosen.results)
        return Reply(200, content_type(chosen), body or b"")
    chosen = choose(RESULTS, job.accept)
    if chosen is None:
        return _not_acceptable(RESULTS, job.accept)
    buffer = _CappedBuffer(limits.max_bytes)
    result.serialize(buffer, chosen.results)
    body = buffer.getvalue()
    rows = _count_rows(body, chosen)
    if rows > limits.max_rows:
        return _too_many(limits, "rows")
    return Reply(200, content_type(chosen), body, rows=rows)


def _update(store: ox.Store, job: Job) -> Reply:
    store.update(job.text, base_iri=job.base_iri)
    return Reply(204, "text/plain; charset=utf-8", b"")


_STATS = f"""
SELECT ?g (COUNT(*) AS ?triples) (SAMPLE(?source) AS ?src) WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  OPTIONAL {{ GRAPH ?g {{ ?g <{PROV.wasDerivedFrom.value}> ?source }} }}
}} GROUP BY ?g
"""
_DEFAULT_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _solutions(store: ox.Store, sparql: str) -> list[ox.QuerySolution]:
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def _value(term: object) -> str:
    assert isinstance(term, (ox.NamedNode, ox.Literal))
    return term.value


def _stats(store: ox.Store) -> Reply:
    """Triples per named graph with its source, and in the default graph, as JSON."""
    graphs = []
    for row in _solutions(store, _STATS):
        source = row["src"]
        graphs.append({
            "graph": _value(row["g"]),
            "triples": int(_value(row["triples"])),
            "source": source.value if isinstance(source, ox.NamedNode) else None,
        })  # fmt: skip
    default = int(_value(_solutions(store, _DEFAULT_COUNT)[0]["n"]))
    body = json.dumps({"default": default, "graphs": graphs}).encode()
    return Reply(200, "application/json", body)


def _target(job: Job) -> ox.NamedNode | ox.DefaultGraph:
    if job.graph is None:
        return ox.DefaultGraph()
    return _graph_names([job.graph])[0]


def _graph_exists(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> bool:
    return isinstance(graph, ox.DefaultGraph) or store.contains_named_graph(graph)


def _graph_body(triples: list[ox.Triple], chosen: Format, limits: Limits) -> bytes:
    """The triples serialized into a buffer capped at ``max_bytes``, as SELECT answers are: a
    CONSTRUCT of one triple can be 512 MiB (a literal doubled by CONCAT)."""
    buffer = _CappedBuffer(limits.max_bytes)
    ox.serialize(triples, buffer, format=chosen.rdf, prefixes=PREFIXES)
    return buffer.getvalue()


def _graph_get(store: ox.Store, job: Job, limits: Limits) -> Reply:
    graph = _target(job)
    if not _graph_exists(store, graph):
        return Reply.text(404, f"no graph named <{job.graph}> in this store")
    chosen = choose(GRAPHS, job.accept)
    if chosen is None:
        return _not_acceptable(GRAPHS, job.accept)
    quads = islice(store.quads_for_pattern(None, None, None, graph), limits.max_rows + 1)
    triples = [quad.triple for quad in quads]
    if len(triples) > limits.max_rows:
        return _too_many(limits, "triples")
    return Reply(200, content_type(chosen), _graph_body(triples, chosen, limits), rows=len(triples))


def _graph_write(store: ox.Store, job: Job) -> Reply:
    graph = _target(job)
    existed = _graph_exists(store, graph)
    if job.kind == "graph-delete":
        if not existed:
            return Reply.text(404, f"no graph named <{job.graph}> in this store")
        if isinstance(graph, ox.DefaultGraph):
            store.clear_graph(graph)
        else:
            store.remove_graph(graph)
        return Reply(204, "text/plain; charset=utf-8", b"")
    media_type = (job.content_type or "").split(";")[0].strip().lower()
    rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if rdf_format is None:
        return Reply.text(415, f"cannot read {media_type or 'a body without Content-Type'} as RDF")
    triples = list(ox.parse(job.body, format=rdf_format, base_iri=job.graph, without_named_graphs=True))
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    if job.kind == "graph-put" and existed:
        store.clear_graph(graph)
    store.extend(quads)
    if not existed and isinstance(graph, ox.NamedNode):
        store.add_graph(graph)
    return Reply(204 if existed else 201, "text/plain; charset=utf-8", b"")


def execute(store: ox.Store, job: Job, limits: Limits | None = None) -> Reply:
    """Run ``job`` and return the answer; errors become 4xx/5xx replies, never exceptions."""
    limits = limits or Limits()
    try:
        if job.kind == "query":
            return _query(store, job, limits)
        if job.kind == "update":
            return _update(store, job)
        if job.kind == "stats":
            return _stats(store)
        if job.kind == "graph-get":
            return _graph_get(store, job, limits)
        if job.kind in ("graph-put", "graph-post", "graph-delete"):
            return _graph_write(store, job)
        return Reply.text(500, f"unknown job kind {job.kind!r}")
    except SyntaxError as error:
        what = "update" if job.kind == "update" else "query" if job.kind == "query" else "body"
        return Reply.text(400, f"malformed {what}: {error}")
    except TooLarge as error:
        return Reply.text(500, f"{error}: add a LIMIT", X_Rivalgraph_Limit="bytes")
    except (OSError, RuntimeError, ValueError) as error:
        return Reply.text(500, f"the {job.kind} failed: {error}")
