"""The store interface and its embedded, on-disk implementation (Oxigraph).

Callers talk to a :class:`Store`: ``select``, ``ask``, ``construct`` and
``quads``.  :class:`OxigraphStore` is the default; a remote SPARQL store can
implement the same protocol without touching its callers.

On disk, a store *location* is a folder that holds every build under
``builds/`` and a ``current`` symbolic link to the published one.  A new build
is written beside the old one and published by replacing the link in one
``rename``: readers see the old graph or the new one, never half of either,
and a build that fails or is killed leaves the published store as it was.

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

import contextlib
import csv
import fcntl
import io
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox

from rivalgraph.errors import RivalgraphError
from rivalgraph.namespaces import PREFIXES
from rivalgraph.remote.spec import parse_store_spec

__all__ = [
    "Term",
    "SelectResult",
    "Store",
    "StoreError",
    "StoreLocation",
    "OxigraphStore",
    "open_store",
    "replace_graph",
    "republishing",
    "Terminated",
    "select_columns",
    "with_merged_default_graph",
]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class StoreError(RuntimeError):
    """The store cannot be opened or does not hold a built graph."""


class StoreBusy(StoreError, RivalgraphError):
    """Another build (or analysis) is writing the store: one writer at a time."""


class StoreUnwritable(StoreError, RivalgraphError):
    """The store folder cannot be written (read-only, not a folder, disk full)."""


class Terminated(RivalgraphError):
    """The process was sent SIGTERM while writing the store; its unfinished work was removed."""


#: ``(store folder, thread)`` pairs that hold a write lock, and how many ``writing()`` blocks hold it:
#: reentrant in one thread only; another thread of the process is refused like another process.
_HELD: dict[tuple[Path, int], int] = {}


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` for the block, so that its clean-up runs.

    Only the main thread receives signals; elsewhere the block runs unchanged.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: object) -> None:
        raise Terminated("stopped by SIGTERM: the unfinished build was removed; the published "
                         "graph is the one published last")  # fmt: skip

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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


def _prologue() -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


_PROLOGUE = _prologue()


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
            raise StoreError(
                f"no graph has been built at {location}: run `rivalgraph build` first"
            )
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

    def construct(
        self, sparql: str, bindings: Mapping[str, Term] | None = None
    ) -> list[ox.Triple]:
        triples = self._run(sparql, bindings)
        if not isinstance(triples, ox.QueryTriples):
            raise TypeError("construct() needs a CONSTRUCT or DESCRIBE query")
        return list(triples)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self.inner.quads_for_pattern(None, None, None, None))

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        """Return the named graphs, sorted by IRI."""
        return sorted(self.inner.named_graphs(), key=lambda graph: str(graph))

    def __len__(self) -> int:
        return len(self.inner)


def select_columns(
    store: Store, sparql: str, bindings: Mapping[str, Term] | None = None
) -> dict[str, list[str | None]]:
    """The answer to a SELECT as columns of plain text: IRIs, lexical forms, ``None`` if unbound.

    For a big answer read in bulk: on the embedded store the engine writes the
    whole answer as SPARQL CSV in one call, and the text is split into columns,
    instead of making a term object per value (which takes longer than
    evaluating the query).  CSV does not tell an unbound value from an empty
    literal: both come back as ``None``; nor an IRI from a literal.  Other
    stores answer through :meth:`Store.select`.

    Examples
    --------
    >>> from pyoxigraph import Literal, Quad
    >>> from rivalgraph.namespaces import ATHLETE, GRAPH, RDFS
    >>> store = OxigraphStore.in_memory([
    ...     Quad(ATHLETE["josh-kerr"], RDFS.label, Literal("Kerr, Josh"), GRAPH.demo)])
    >>> select_columns(store, "SELECT ?a ?name ?none WHERE { ?a rdfs:label ?name }")["name"]
    ['Kerr, Josh']
    """
    if not isinstance(store, OxigraphStore):
        result = store.select(sparql, bindings)
        columns = list(zip(*result.rows, strict=True)) or [()] * len(result.variables)
        return {name: [None if term is None else str(term.value) for term in column]
                for name, column in zip(result.variables, columns, strict=True)}  # fmt: skip
    solutions = store._run(sparql, bindings)
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


class StoreLocation:
    """A folder of builds with a ``current`` link to the published one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.builds = root / "builds"
        self.link = root / "current"

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's write lock while a new build is made and published.

        One writer at a time: a second one is refused at once (naming the first's
        process), rather than each deleting the other's folder in progress.  Under
        the lock no other build can be running, so the folders that killed or failed
        writers left behind are removed on the way in and on the way out.  The lock
        is the operating system's (``flock``): a killed writer releases it.  It is
        reentrant within a thread (``analyse`` holds it from its first read to the
        :func:`replace_graph` that republishes), and SIGTERM while it is held
        becomes :class:`Terminated`, so that the writer cleans up before it exits.

        Raises
        ------
        StoreBusy
            Another process holds the lock.
        StoreUnwritable
            The folder cannot be created or the lock file written.
        """
        key = (self.root.absolute(), threading.get_ident())
        if key in _HELD:
            _HELD[key] += 1
            try:
                yield
            finally:
                _HELD[key] -= 1
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise StoreUnwritable(
                f"cannot write the store at {self.root}: {error.strerror or error}; choose a folder "
                "that can be written with --store (the published graph, if any, is unchanged)"
            ) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode(errors="replace").strip() or "unknown"
            os.close(descriptor)
            raise StoreBusy(
                f"another build or analysis (process {holder}) is writing the store at {self.root}; "
                "wait for it to finish, then run again"
            ) from None
        _HELD[key] = 1
        try:
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
            self.prune()
            with _sigterm_raises():
                yield
        finally:
            del _HELD[key]
            self.prune()
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)

    def current(self) -> Path | None:
        """Return the folder of the published build, or ``None``."""
        if not self.link.is_symlink():
            return None
        target = self.link.resolve()
        return target if target.is_dir() else None

    def new_build(self) -> Path:
        """Create and return an empty folder for a build not yet published."""
        self.builds.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S")
        path = self.builds / f"{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**9}"
        path.mkdir()
        return path

    def publish(self, build: Path) -> None:
        """Make ``build`` the current one in a single atomic rename."""
        staging = self.root / f".current-{os.getpid()}"
        if staging.is_symlink() or staging.exists():
            staging.unlink()
        staging.symlink_to(Path("builds") / build.name)
        os.replace(staging, self.link)

    def discard(self, build: Path) -> None:
        """Remove an unpublished build."""
        shutil.rmtree(build, ignore_errors=True)

    @contextlib.contextmanager
    def reading(self, build: Path) -> Iterator[None]:
        """Hold a reader's lease on ``build``: :meth:`prune` leaves it alone until released.

        ``rivalgraph serve`` holds one on the build it serves, so that a build published
        meanwhile does not delete the files under its workers (every worker, also one
        restarted later, keeps serving that build until the server restarts).  The lease
        is a shared ``flock`` on ``leases/<build>.lease``: a killed reader releases it.
        """
        leases = self.root / "leases"
        try:
            leases.mkdir(exist_ok=True)
            descriptor = os.open(leases / f"{build.name}.lease", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            # A read-only store folder: no writer can prune it either.
            yield
            return
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH)
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)

    def _leased(self, build: Path) -> bool:
        """Whether a reader holds a lease on ``build`` (see :meth:`reading`)."""
        lease = self.root / "leases" / f"{build.name}.lease"
        try:
            descriptor = os.open(lease, os.O_RDWR)
        except OSError:
            return False
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(descriptor)
        with contextlib.suppress(OSError):
            lease.unlink()
        return False

    def prune(self) -> None:
        """Remove every build but the published one (older or abandoned) and those a reader
        holds (:meth:`reading`), and stale staging links.

        Called only under the write lock, when no other writer can be at work.
        """
        current = self.current()
        for staging in self.root.glob(".current-*"):
            with contextlib.suppress(OSError):
                staging.unlink()
        if not self.builds.is_dir():
            return
        for build in self.builds.iterdir():
            if (current is None or build.resolve() != current) and not self._leased(build):
                shutil.rmtree(build, ignore_errors=True)


def republishing(location: Path | str) -> contextlib.AbstractContextManager[None]:
    """Hold the write lock of the embedded store at ``location`` (see :meth:`StoreLocation.writing`).

    For a command that reads the published graph and then republishes it with
    :func:`replace_graph`: a build published in between would otherwise be
    overwritten by a graph computed from the one before.  A SPARQL server has no
    lock here: the block runs unchanged.
    """
    spec = parse_store_spec(location)
    if isinstance(spec, Path) and StoreLocation(spec).current() is not None:
        return StoreLocation(spec).writing()
    return contextlib.nullcontext()  # a server, or nothing built: opening the store will say so


def open_store(location: Path | str) -> Store:
    """Open the store a ``--store`` value names: a folder made by ``rivalgraph build``,
    or a SPARQL server written ``sparql+http(s)://host/query-endpoint`` (see
    :mod:`rivalgraph.remote`), that ``rivalgraph build --store sparql+...`` filled.
    """
    spec = parse_store_spec(location)
    if isinstance(spec, Path):
        return OxigraphStore.open(spec)
    from rivalgraph.remote.sparql_store import SparqlStore  # it builds on this module

    return SparqlStore.open(spec)


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


# Prefixes are predeclared by the engine; text helpers that show a query to a
# person (errors, --explain) prepend them explicitly.
QUERY_PROLOGUE = _PROLOGUE
