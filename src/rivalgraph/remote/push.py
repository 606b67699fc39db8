"""``rivalgraph build --store sparql+...``: validate locally, then push the graph to a SPARQL server.

The graph is read and checked exactly as for the embedded store
(:func:`rivalgraph.build.collect` and :func:`rivalgraph.build.check`); then each
named graph (one per source, the ontology, the shapes) and their RDF merge
(:data:`~rivalgraph.remote.sparql_store.MERGED_GRAPH`) are sent in batches,
and last the catalog (:data:`~rivalgraph.remote.sparql_store.CATALOG_GRAPH`)
that :class:`~rivalgraph.remote.sparql_store.SparqlStore` reads.

A graph whose content changed is cleared first, so pushing again never
duplicates.  A local journal records, per graph, the hash of its content and
the batches already sent: after an interruption the next run sends only what
is missing.  Graphs a previous push left on the server that the build no
longer has are dropped.  Unlike the embedded build, a push is not atomic:
readers may see a graph half replaced while it runs.

Writers: SPARQL 1.1 Update (``INSERT DATA``; Virtuoso gets
``DEFINE sql:big-data-const 1`` so a request may hold thousands of triples) or
the Graph Store Protocol (``POST`` of N-Triples).  Blank nodes are scoped to
one request, so every triple that mentions a blank node travels in the same
batch as the others that mention it.

Examples
--------
>>> a, b = ox.BlankNode("x"), ox.NamedNode("urn:b")
>>> units = connected_units([ox.Triple(b, b, b), ox.Triple(b, b, a), ox.Triple(a, b, b)])
>>> [len(unit) for unit in units]
[1, 2]
>>> [len(batch) for batch in batches([ox.Triple(b, b, ox.Literal(str(i))) for i in range(5)], 2)]
[2, 2, 1]
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from rivalgraph.build import Progress, check, collect, graph_counts
from rivalgraph.errors import ValidationFailed
from rivalgraph.namespaces import DCTERMS, RDF, XSD
from rivalgraph.remote.client import USER_AGENT, Call, RemoteError, request
from rivalgraph.remote.sparql_store import CATALOG_GRAPH, MERGED_GRAPH, SD, SparqlStore
from rivalgraph.remote.spec import RemoteSpec, RemoteSpecError
from rivalgraph.store import with_merged_default_graph

__all__ = [
    "BATCH",
    "PushReport",
    "Journal",
    "Writer",
    "UpdateWriter",
    "GspWriter",
    "connected_units",
    "batches",
    "push",
    "default_journal",
]

#: Triples per request: Virtuoso accepts about 4000 per INSERT DATA with big-data-const.
BATCH = 4000
#: Triples per request that holds blank nodes (an INSERT template: Virtuoso compiles it to SQL,
#: and refuses one that grows past 10,000 lines of SQL).
BLANK_BATCH = 400
_Triple = ox.Triple


def _noop(_phase: str, _done: int, _total: int) -> None:
    return None


@dataclass(frozen=True)
class PushReport:
    """What a push left on the server, with the counts the embedded build reports."""

    endpoint: str
    files: tuple[str, ...]
    triples: int
    graphs: int
    athletes: int
    results: int
    statements: int
    seconds: float
    batches_sent: int
    batches_skipped: int
    graphs_dropped: tuple[str, ...] = ()


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


def batches(triples: Sequence[_Triple], size: int = BATCH) -> list[list[_Triple]]:
    """Cut triples into batches of at most ``size``, never splitting a blank-node unit.

    Triples without blank nodes come first; those with blank nodes go in
    batches of their own, of at most :data:`BLANK_BATCH` triples (one unit may exceed it).
    """
    out: list[list[_Triple]] = []
    current: list[_Triple] = []
    limit = size
    for unit in connected_units(triples):
        blank = any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
                    for t in unit)  # fmt: skip
        if blank and limit == size:
            if current:
                out.append(current)
            current, limit = [], min(size, BLANK_BATCH)
        if current and len(current) + len(unit) > limit:
            out.append(current)
            current = []
        current.extend(unit)
    if current:
        out.append(current)
    return out


def _stable(triples: Iterable[_Triple]) -> list[_Triple]:
    """Relabel blank nodes by first appearance, so equal content hashes equally across runs."""
    labels: dict[str, ox.BlankNode] = {}

    def fix(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, ox.BlankNode):
            return labels.setdefault(term.value, ox.BlankNode(f"b{len(labels)}"))
        return term

    return list(dict.fromkeys(
        ox.Triple(fix(t.subject), t.predicate, fix(t.object))  # type: ignore[arg-type]
        for t in triples
    ))  # fmt: skip


def _digest(parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


class Journal:
    """A local record of what was pushed where: per graph, its content hash and batches sent.

    Written atomically after every batch, so an interruption loses at most
    the batch in flight (and sending a batch twice adds nothing: RDF is a set).
    """

    def __init__(self, path: Path, endpoint: str) -> None:
        self.path = path
        self.endpoint = endpoint
        self.graphs: dict[str, dict[str, object]] = {}
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                data = {}
            if data.get("endpoint") == endpoint:
                self.graphs = dict(data.get("graphs", {}))

    def sent(self, graph: str, content: str) -> int:
        """How many batches of this very content were already sent."""
        entry = self.graphs.get(graph, {})
        return int(entry.get("sent", 0)) if entry.get("hash") == content else 0  # type: ignore[call-overload]

    def record(self, graph: str, content: str, sent: int, total: int) -> None:
        self.graphs[graph] = {"hash": content, "sent": sent, "batches": total}
        self._save()

    def forget(self, graph: str) -> None:
        self.graphs.pop(graph, None)
        self._save()

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        staging = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        document = {"endpoint": self.endpoint, "graphs": self.graphs}
        staging.write_text(json.dumps(document, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(staging, self.path)


def default_journal(spec: RemoteSpec, root: Path = Path(".rivalgraph") / "remote") -> Path:
    """The journal file for an endpoint: ``.rivalgraph/remote/<hash of the URL>.json``."""
    return root / f"{hashlib.sha256(spec.query_url.encode()).hexdigest()[:16]}.json"


class Writer(Protocol):
    """What a push needs from a server: empty a graph, add triples to it, drop it."""

    def clear(self, graph: str) -> None: ...
    def insert(self, graph: str, triples: Sequence[_Triple]) -> None: ...
    def drop(self, graph: str) -> None: ...


def _lines(triples: Sequence[_Triple]) -> str:
    return "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)


@dataclass
class UpdateWriter:
    """Write with SPARQL 1.1 Update through SPARQLWrapper."""

    spec: RemoteSpec
    virtuoso: bool = False
    timeout: int = 300

    def _update(self, text: str) -> None:
        assert self.spec.update_url is not None
        prefix = "DEFINE sql:big-data-const 1\n" if self.virtuoso else ""
        request(Call(self.spec.update_url, prefix + text, update=True, user=self.spec.user,
                     password=self.spec.password, auth=self.spec.auth, timeout=self.timeout))  # fmt: skip

    def clear(self, graph: str) -> None:
        self._update(f"CLEAR SILENT GRAPH <{graph}>")

    def drop(self, graph: str) -> None:
        self._update(f"DROP SILENT GRAPH <{graph}>")

    def insert(self, graph: str, triples: Sequence[_Triple]) -> None:
        body = _lines(triples)
        if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
               for t in triples):  # fmt: skip
            # Virtuoso refuses blank nodes in INSERT DATA; a template instantiated
            # once is standard SPARQL and keeps the labels of one request together.
            self._update(f"INSERT {{ GRAPH <{graph}> {{\n{body}\n}} }} WHERE {{}}")
        else:
            self._update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")


@dataclass
class GspWriter:
    """Write with the SPARQL 1.1 Graph Store Protocol (``POST``/``DELETE`` with ``?graph=``)."""

    spec: RemoteSpec
    timeout: int = 300
    _opener: urllib.request.OpenerDirector = field(init=False, repr=False)

    def __post_init__(self) -> None:
        handlers: list[urllib.request.BaseHandler] = []
        if self.spec.user and self.spec.password:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, self.spec.gsp_url or "", self.spec.user, self.spec.password)
            handlers.append(urllib.request.HTTPDigestAuthHandler(manager) if self.spec.auth == "digest"
                            else urllib.request.HTTPBasicAuthHandler(manager))  # fmt: skip
        self._opener = urllib.request.build_opener(*handlers)

    def _send(self, method: str, graph: str, body: bytes | None = None, missing_ok: bool = False) -> None:
        assert self.spec.gsp_url is not None
        from urllib.parse import quote

        url = f"{self.spec.gsp_url}?graph={quote(graph, safe='')}"
        call = urllib.request.Request(url, data=body, method=method)
        call.add_header("User-Agent", USER_AGENT)
        if body is not None:
            call.add_header("Content-Type", "application/n-triples; charset=utf-8")
        try:
            with self._opener.open(call, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            if missing_ok and error.code == 404:
                return
            detail = " ".join(error.read().decode("utf-8", "replace").split())[:400]
            raise RemoteError(f"{self.spec.gsp_url} answered HTTP {error.code} to {method} "
                              f"graph {graph}: {detail}", error.code) from error  # fmt: skip
        except (urllib.error.URLError, OSError) as error:
            from rivalgraph.remote.client import EndpointUnreachable

            raise EndpointUnreachable(
                f"cannot reach the Graph Store endpoint {self.spec.gsp_url}: "
                f"{getattr(error, 'reason', error)}"
            ) from error

    def clear(self, graph: str) -> None:
        self._send("DELETE", graph, missing_ok=True)

    def drop(self, graph: str) -> None:
        self._send("DELETE", graph, missing_ok=True)

    def insert(self, graph: str, triples: Sequence[_Triple]) -> None:
        self._send("POST", graph, (_lines(triples) + "\n").encode("utf-8"))


def is_virtuoso(spec: RemoteSpec) -> bool:
    """Ask the server who it is (its ``Server`` header) with a trivial query."""
    response = request(Call(spec.query_url, "ASK {}", timeout=30))
    return "virtuoso" in response.headers.get("server", "").lower()


def writer_for(spec: RemoteSpec, method: str = "auto") -> Writer:
    """Choose how to write: SPARQL Update when an update URL is known, else the Graph Store Protocol.

    Raises
    ------
    RemoteSpecError
        Neither URL is known, or the one ``method`` asks for is missing.
    """
    if method == "gsp" or (method == "auto" and not spec.update_url and spec.gsp_url):
        if not spec.gsp_url:
            raise RemoteSpecError("--method gsp needs --gsp-url (or RIVALGRAPH_GSP_URL)")
        return GspWriter(spec)
    if not spec.update_url:
        raise RemoteSpecError(
            f"pushing to {spec.query_url} needs its update endpoint: pass --update-url "
            "(or set RIVALGRAPH_UPDATE_URL), or a Graph Store Protocol URL with --gsp-url"
        )
    return UpdateWriter(spec, virtuoso=is_virtuoso(spec))


def _catalog(graphs: Sequence[str]) -> list[_Triple]:
    catalog = CATALOG_GRAPH
    sd = {name: ox.NamedNode(SD + name) for name in ("Dataset", "NamedGraph", "defaultGraph",
                                                      "namedGraph", "name")}  # fmt: skip
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    triples = [
        ox.Triple(catalog, RDF.type, sd["Dataset"]),
        ox.Triple(catalog, sd["defaultGraph"], MERGED_GRAPH),
        ox.Triple(catalog, DCTERMS.modified, ox.Literal(stamp, datatype=XSD.dateTime)),
    ]
    for graph in graphs:
        node = ox.NamedNode(graph)
        triples += [ox.Triple(catalog, sd["namedGraph"], node), ox.Triple(node, RDF.type, sd["NamedGraph"]),
                    ox.Triple(node, sd["name"], node)]  # fmt: skip
    return triples


def _graphs_to_push(quads: Sequence[ox.Quad]) -> dict[str, list[_Triple]]:
    graphs: dict[str, list[_Triple]] = {}
    for quad in with_merged_default_graph(quads):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else MERGED_GRAPH.value
        graphs.setdefault(name, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return {name: _stable(triples) for name, triples in graphs.items()}


def _server_sizes(spec: RemoteSpec, graphs: Sequence[str]) -> dict[str, int]:
    text = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    store = SparqlStore(spec, named_graphs=graphs)
    rows = store.select(text).rows if graphs else []
    return {row[0].value: int(row[1].value) for row in rows}  # type: ignore[union-attr]


def push(
    spec: RemoteSpec,
    *,
    folder: Path | None = None,
    extra: Iterable[Path] = (),
    validate: bool = True,
    progress: Progress = _noop,
    journal: Path | None = None,
    batch_size: int = BATCH,
    writer: Writer | None = None,
    on_batch: Callable[[str, int], None] | None = None,
) -> PushReport:
    """Validate the graph locally and push it to the SPARQL server ``spec`` names.

    Parameters
    ----------
    spec : RemoteSpec
        Query URL, and the update or Graph Store URL with credentials.
    folder, extra, validate, progress
        As for :func:`rivalgraph.build.build`; progress phases are
        ``parse``, ``validate`` and ``push`` (batches).
    journal : Path, optional
        The resume journal (default :func:`default_journal`).
    batch_size : int
        Triples per request.
    writer : Writer, optional
        How to write (default :func:`writer_for`).
    on_batch : callable, optional
        Called with the graph and batch number after each batch is stored.

    Raises
    ------
    InputError, ValidationFailed
        As the embedded build; nothing is sent.
    RemoteError
        The server refused a request; what was sent so far is in the journal.
    """
    started = time.perf_counter()
    sources = collect(folder, extra, progress)
    if validate:
        progress("validate", 0, 1)
        problems = check(sources)
        progress("validate", 1, 1)
        if problems:
            raise ValidationFailed(problems)
    writer = writer or writer_for(spec)
    graphs = _graphs_to_push([*sources.ontology, *sources.shapes, *sources.data_quads()])
    record = Journal(journal or default_journal(spec), spec.query_url)
    previous = SparqlStore(spec).named_graphs()
    sizes = _server_sizes(spec, sorted(set(graphs) | set(previous)))
    plans = {name: batches(triples, batch_size) for name, triples in graphs.items()}
    total = sum(len(plan) for plan in plans.values())
    sent = skipped = 0

    def send(name: str, content: str, start: int) -> None:
        nonlocal sent
        plan = plans[name]
        for number in range(start, len(plan)):
            writer.insert(name, plan[number])
            record.record(name, content, number + 1, len(plan))
            sent += 1
            progress("push", sent + skipped, total)
            if on_batch is not None:
                on_batch(name, number)
        if not plan:
            record.record(name, content, 0, 0)

    contents = {
        name: _digest([str(batch_size), *(f"{len(batch)}\n{_lines(batch)}" for batch in plan)])
        for name, plan in plans.items()
    }
    order = sorted(plans, key=lambda g: (g == MERGED_GRAPH.value, g))
    for name in order:
        done = record.sent(name, contents[name])
        complete = done == len(plans[name]) and sizes.get(name, 0) == len(graphs[name])
        if not complete and (done == 0 or done == len(plans[name])):
            writer.clear(name)
            done = 0
        skipped += done
        progress("push", sent + skipped, total)
        send(name, contents[name], done)
    # A batch sent twice (stored, then interrupted before the journal noted it)
    # adds nothing, except fresh blank nodes: check every size, redo a graph that is off.
    sizes = _server_sizes(spec, order)
    for name in order:
        if sizes.get(name, 0) != len(graphs[name]):
            writer.clear(name)
            total += len(plans[name])
            send(name, contents[name], 0)
    sources_graphs = sorted(name for name in graphs if name != MERGED_GRAPH.value)
    dropped = tuple(sorted(set(previous) - set(graphs)))
    for name in dropped:
        writer.drop(name)
        record.forget(name)
    writer.clear(CATALOG_GRAPH.value)
    for batch in batches(_catalog(sources_graphs), batch_size):
        writer.insert(CATALOG_GRAPH.value, batch)
    counts = graph_counts(SparqlStore(spec, named_graphs=sources_graphs))
    return PushReport(
        endpoint=spec.query_url,
        files=tuple(sources.data),
        seconds=time.perf_counter() - started,
        batches_sent=sent,
        batches_skipped=skipped,
        graphs_dropped=dropped,
        **counts,
    )
