"""``rivalgraph build --store sparql+...``: validate locally, then push the graph to a SPARQL server.

The graph is read and checked exactly as for the embedded store (the streamed
scan of :func:`rivalgraph.build.collect`, then :func:`rivalgraph.build.check`); then each
named graph (one per source, the ontology, the shapes) and their RDF merge
(:data:`~rivalgraph.store.sparql.MERGED_GRAPH`) are sent in batches
(:mod:`rivalgraph.remote.plan`) by a writer (:mod:`rivalgraph.remote.writers`:
the Graph Store Protocol where its URL is known, else SPARQL Update), and last
the catalog (:data:`~rivalgraph.store.sparql.CATALOG_GRAPH`) that
:class:`~rivalgraph.store.sparql.SparqlStore` reads.

A graph whose content changed is cleared first, so pushing again never
duplicates.  A local journal records, per graph, the digest of its batches and
how many were sent: after an interruption the next run sends only what is
missing.  Graphs a previous push left on the server that the build no longer
has are dropped.  Unlike the embedded build, a push is not atomic: readers may
see a graph half replaced while it runs.

:func:`push` reads and checks the curated graph; :func:`push_quads` sends any
quads (a benchmark's synthetic graph, say) the same way.

Examples
--------
>>> journal = Journal(Path("/nonexistent/journal.json"), "http://127.0.0.1:9/sparql")
>>> journal.sent("urn:g", "digest")
0
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.build import GraphCounts, Progress, check, collect, graph_counts
from rivalgraph.errors import ValidationFailed
from rivalgraph.namespaces import DCTERMS, RDF, XSD
from rivalgraph.remote.client import RemoteError
from rivalgraph.remote.plan import GraphPlan, plan_graphs, triple_batches
from rivalgraph.remote.spec import RemoteSpec
from rivalgraph.remote.writers import BATCH, GSP_BATCH, GspWriter, UpdateWriter, Writer, writer_for
from rivalgraph.store.sparql import CATALOG_GRAPH, MERGED_GRAPH, SD, SparqlStore

__all__ = [
    "BATCH",
    "GSP_BATCH",
    "PushReport",
    "PushInterrupted",
    "Journal",
    "Writer",
    "UpdateWriter",
    "GspWriter",
    "writer_for",
    "push",
    "push_quads",
    "default_journal",
]


def _noop(_phase: str, _done: int, _total: int) -> None:
    return None


@dataclass(frozen=True)
class PushReport(GraphCounts):
    """What a push left on the server, with the counts the embedded build reports."""

    endpoint: str
    files: tuple[str, ...]
    seconds: float
    batches_sent: int
    batches_skipped: int
    graphs_dropped: tuple[str, ...] = ()


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


def _catalog(graphs: Sequence[str]) -> list[ox.Triple]:
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


def _server_sizes(spec: RemoteSpec, graphs: Sequence[str]) -> dict[str, int]:
    text = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    store = SparqlStore(spec, named_graphs=graphs)
    rows = store.select(text).rows if graphs else []
    return {row[0].value: int(row[1].value) for row in rows}  # type: ignore[union-attr]


class PushInterrupted(RemoteError):
    """The server failed or went away while a push was writing; the journal says what is there.

    The message names the server and the journal and says how to resume: run
    the same command again once the server answers.
    """

    def __init__(self, endpoint: str, journal: Path, done: int, total: int, cause: RemoteError) -> None:
        super().__init__(
            f"{cause}\nthe push to {endpoint} stopped after {done} of {total} batches, noted in "
            f"{journal}: once the server answers again, run the same command again to resume "
            "(graphs already complete are not sent again)",
            cause.status,
            cause.headers,
        )
        self.endpoint = endpoint
        self.journal = journal
        self.done = done
        self.total = total


@dataclass
class _Tally:
    """Batches sent and skipped so far, reported to ``progress`` and ``on_batch``."""

    total: int
    progress: Progress
    on_batch: Callable[[str, int], None] | None
    sent: int = 0
    skipped: int = 0

    def skip(self, count: int) -> None:
        self.skipped += count
        self.progress("push", self.sent + self.skipped, self.total)

    def stored(self, graph: str, number: int) -> None:
        self.sent += 1
        self.progress("push", self.sent + self.skipped, self.total)
        if self.on_batch is not None:
            self.on_batch(graph, number)


def _send(writer: Writer, record: Journal, plan: GraphPlan, start: int, tally: _Tally) -> None:
    """Send ``plan``'s batches from ``start``, noting each in the journal once the server stored it."""
    for number in range(start, len(plan.batches)):
        writer.insert(plan.name, plan.batches[number])
        record.record(plan.name, plan.digest, number + 1, len(plan.batches))
        tally.stored(plan.name, number)
    if not plan.batches:
        record.record(plan.name, plan.digest, 0, 0)


def push(
    spec: RemoteSpec,
    *,
    folder: Path | None = None,
    extra: Iterable[Path] = (),
    validate: bool = True,
    progress: Progress = _noop,
    journal: Path | None = None,
    batch_size: int | None = None,
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
    journal, batch_size, writer, on_batch
        As for :func:`push_quads`.

    Raises
    ------
    InputError, ValidationFailed
        As the embedded build; nothing is sent.
    RemoteError
        The server refused a request before anything was written.
    PushInterrupted
        The server failed or went away while writing; what was sent so far is in the journal.
    """
    started = time.perf_counter()
    sources = collect(folder, extra, progress)
    if validate:
        progress("validate", 0, 1)
        problems = check(sources)
        progress("validate", 1, 1)
        if problems:
            raise ValidationFailed(problems)
    report = push_quads(
        spec,
        sources.quads(),
        progress=progress,
        journal=journal,
        batch_size=batch_size,
        writer=writer,
        on_batch=on_batch,
    )
    return replace(report, files=sources.files, seconds=time.perf_counter() - started)


def push_quads(
    spec: RemoteSpec,
    quads: Iterable[ox.Quad],
    *,
    progress: Progress = _noop,
    journal: Path | None = None,
    batch_size: int | None = None,
    writer: Writer | None = None,
    on_batch: Callable[[str, int], None] | None = None,
) -> PushReport:
    """Push ``quads`` (one named graph per source) and their merge to the server, resumably.

    Parameters
    ----------
    spec : RemoteSpec
        Query URL, and the update or Graph Store URL with credentials.
    quads : iterable of Quad
        What to push, unchecked, read once as a stream; quads in the default graph go to the
        merged graph only.
    progress : callable
        Called as ``progress("push", batches done, batches in all)``.
    journal : Path, optional
        The resume journal (default :func:`default_journal`).
    batch_size : int, optional
        Triples per request (default: the writer's ``batch_size``).
    writer : Writer, optional
        How to write (default :func:`writer_for`).
    on_batch : callable, optional
        Called with the graph and batch number after each batch is stored.

    Raises
    ------
    RemoteError
        The server refused a request before anything was written.
    PushInterrupted
        The server failed or went away while writing; what was sent so far is in the journal.
    """
    started = time.perf_counter()
    writer = writer or writer_for(spec)
    size = batch_size or writer.batch_size
    blank_size = min(size, writer.blank_batch_size)
    plans = plan_graphs(quads, size, blank_size)
    record = Journal(journal or default_journal(spec), spec.query_url)
    previous = [graph.value for graph in SparqlStore(spec).named_graphs()]
    sizes = _server_sizes(spec, sorted(set(plans) | set(previous)))
    tally = _Tally(sum(len(plan.batches) for plan in plans.values()), progress, on_batch)
    order = sorted(plans, key=lambda g: (g == MERGED_GRAPH.value, g))
    sources_graphs = sorted(name for name in plans if name != MERGED_GRAPH.value)
    dropped = tuple(sorted(set(previous) - set(plans)))
    try:
        for name in order:
            plan = plans[name]
            done = record.sent(name, plan.digest)
            complete = done == len(plan.batches) and sizes.get(name, 0) == plan.triples
            if not complete and (done == 0 or done == len(plan.batches)):
                writer.clear(name)
                done = 0
            tally.skip(done)
            _send(writer, record, plan, done, tally)
        # A batch sent twice (stored, then interrupted before the journal noted it) adds
        # nothing, except fresh blank nodes; a server that lost a batch in a crash has too
        # few: check every size, redo a graph that is off.
        sizes = _server_sizes(spec, order)
        for name in order:
            if sizes.get(name, 0) != plans[name].triples:
                writer.clear(name)
                tally.total += len(plans[name].batches)
                _send(writer, record, plans[name], 0, tally)
        for name in dropped:
            writer.drop(name)
            record.forget(name)
        writer.clear(CATALOG_GRAPH.value)
        for batch in triple_batches(_catalog(sources_graphs), size, blank_size):
            writer.insert(CATALOG_GRAPH.value, batch)
    except RemoteError as error:
        if error.status is not None and error.status < 500:
            raise  # a refusal (bad credentials, say): running again would not help
        raise PushInterrupted(spec.query_url, record.path, tally.sent + tally.skipped, tally.total,
                              error) from error  # fmt: skip
    counts = graph_counts(SparqlStore(spec, named_graphs=sources_graphs))
    return PushReport(
        endpoint=spec.query_url,
        files=(),
        seconds=time.perf_counter() - started,
        batches_sent=tally.sent,
        batches_skipped=tally.skipped,
        graphs_dropped=dropped,
        **counts,
    )
