"""Build the graph: parse every source, validate it, and publish it atomically.

:func:`build` reads the ontology, the SHACL shapes and every file of ``graph/``
(plus any extra files), checks them (:mod:`rivalgraph.validate`), writes them
into a new on-disk store beside the published one, and then switches the
store's ``current`` link to it.  If anything fails, nothing is published and
the previous store stays as it was.

The work is spread so that the slow parts overlap: SHACL validation runs in
Rust on a second thread (:func:`rivalgraph.validate.shacl_report`) while the
quads are loaded into the new store; the merged default graph is loaded from
the same N-Triples text the validation reads, in one native bulk load.

Examples
--------
>>> import tempfile
>>> report = build(tempfile.mkdtemp())
>>> report.athletes > 100, report.statements >= 9
(True, True)
"""

from __future__ import annotations

import errno
import itertools
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.errors import InputError, RivalgraphError, ValidationFailed
from rivalgraph.namespaces import ONTOLOGY_IRI, RG, RGSH
from rivalgraph.resources import graph_dir, ontology_file, shapes_file
from rivalgraph.results import table_quads
from rivalgraph.sources import RDF_FORMATS, discover, display_path, parse_rdf
from rivalgraph.store import OxigraphStore, Store, StoreLocation
from rivalgraph.validate import (
    declared_terms,
    describe_violations,
    duplicate_athletes,
    ntriples_bytes,
    provenance_problems,
    rg_iris_in,
    shacl_report,
    undeclared_terms,
)

__all__ = [
    "Sources",
    "BuildReport",
    "StoreWriteError",
    "Progress",
    "collect",
    "check",
    "build",
    "graph_counts",
    "LOAD_BATCH",
]

#: ``progress(phase, done, total)``: called as work advances.
Progress = Callable[[str, int, int], None]
LOAD_BATCH = 100_000
ONTOLOGY_GRAPH = ox.NamedNode(ONTOLOGY_IRI)
SHAPES_GRAPH = ox.NamedNode(str(RGSH).rstrip("#"))


class StoreWriteError(RivalgraphError):
    """The store folder cannot be written: read-only, not a folder, or the disk is full."""


def _cannot_write(location: Path, error: OSError) -> StoreWriteError:
    reason = error.strerror or str(error)
    full = error.errno == errno.ENOSPC or "No space left on device" in str(error)
    advice = (
        "the disk is full: free some space or build elsewhere with --store"
        if full
        else "choose a folder you can write with --store"
    )
    return StoreWriteError(
        f"cannot write the store at {display_path(location)}: {reason}; {advice} "
        "(the published graph, if any, is unchanged)"
    )


@dataclass
class Sources:
    """Everything a build reads, parsed: quads per file, the ontology, the shapes."""

    data: dict[str, list[ox.Quad]] = field(default_factory=dict)
    ontology: list[ox.Quad] = field(default_factory=list)
    shapes: list[ox.Quad] = field(default_factory=list)
    shapes_path: Path = field(default_factory=shapes_file)

    def data_quads(self) -> list[ox.Quad]:
        return list(itertools.chain.from_iterable(self.data.values()))

    def file_of_graph(self) -> dict[ox.NamedNode, str]:
        """The file each named graph comes from (the last one, if several share it)."""
        return {
            graph: file
            for file, quads in self.data.items()
            for graph in {quad.graph_name for quad in quads}
            if isinstance(graph, ox.NamedNode)
        }

    def default_graph_text(self) -> str:
        """The triples of the data and the ontology as N-Triples: what SHACL validates."""
        return _Triples.of([self.ontology, *self.data.values()]).shacl_text()


@dataclass(frozen=True)
class _Triples:
    """The triples of some quads: N-Triples text, but quads for those with blank nodes.

    A bulk load gives the blank nodes of a text new names, so triples that hold
    one are loaded as quads to keep them the same nodes as in the named graphs.
    """

    text: bytes
    blank: list[ox.Quad]

    @classmethod
    def of(cls, parts: Iterable[Sequence[ox.Quad]]) -> _Triples:
        texts: list[bytes] = []
        blank: list[ox.Quad] = []
        for quads in parts:
            text = ntriples_bytes(quads)
            if b"_:" in text:  # rare: the ontology, the shapes, a file with [ ] nodes
                with_blank = [q for q in quads if _has_blank(q)]
                blank += [ox.Quad(q.subject, q.predicate, q.object) for q in with_blank]
                text = ntriples_bytes([q for q in quads if not _has_blank(q)])
            texts.append(text)
        return cls(b"".join(texts), blank)

    def rg_iris(self) -> set[str]:
        """The ``rg:`` IRIs these triples use."""
        in_blank = {t.value for q in self.blank for t in (q.subject, q.predicate, q.object)
                    if isinstance(t, ox.NamedNode) and RG.is_in(t.value)}  # fmt: skip
        return rg_iris_in(self.text) | in_blank

    def shacl_text(self) -> str:
        return (self.text + ntriples_bytes(self.blank)).decode()

    def load(self, store: ox.Store) -> None:
        """Add the triples to the store's default graph."""
        store.bulk_load(self.text, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
        store.bulk_extend(self.blank)


def _has_blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)




@dataclass(frozen=True)
class BuildReport:
    """What a build published, with the counts a user checks first."""

    store: Path
    files: tuple[str, ...]
    triples: int
    graphs: int
    athletes: int
    results: int
    statements: int
    seconds: float


def _noop(_phase: str, _done: int, _total: int) -> None:
    return None


def _parse_file(path: Path) -> list[ox.Quad]:
    if path.suffix == ".csv":
        return table_quads(path)
    return parse_rdf(path)


def collect(
    folder: Path | None = None,
    extra: Iterable[Path] = (),
    progress: Progress = _noop,
) -> Sources:
    """Parse the ontology, the shapes, ``folder`` (default ``graph/``) and ``extra`` files.

    Raises
    ------
    InputError
        For the first file that cannot be parsed, naming file and line.
    """
    folder = folder or graph_dir()
    files = discover(folder)
    for path in extra:
        files += discover(path) if path.is_dir() else [path]
    if not files:
        raise InputError(display_path(folder), "holds no graph files (.trig, .ttl, .nq, .csv)")
    sources = Sources(
        ontology=parse_rdf(ontology_file(), ONTOLOGY_GRAPH),
        shapes=parse_rdf(shapes_file(), SHAPES_GRAPH),
    )
    for done, path in enumerate(files, start=1):
        if path.suffix not in RDF_FORMATS and path.suffix != ".csv":
            raise InputError(display_path(path), "is neither RDF (.trig .ttl .nq .nt) nor .csv")
        sources.data[display_path(path)] = _parse_file(path)
        progress("parse", done, len(files))
    return sources


class _ShapeCheck:
    """SHACL validation on a thread of its own; the engine runs in Rust without the GIL."""

    def __init__(self, text: str, shapes: Path, engine: str) -> None:
        self.report: object = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(text, shapes, engine), daemon=True)
        self.thread.start()

    def _run(self, text: str, shapes: Path, engine: str) -> None:
        try:
            self.report = shacl_report(text, shapes, engine)
        except BaseException as error:  # handed to the caller's thread in problems()
            self.error = error

    def problems(self, sources: Sources, files: dict[ox.NamedNode, str]) -> list[str]:
        self.thread.join()
        if self.error is not None:
            raise self.error
        if self.report is None:
            return []
        return describe_violations(self.report, sources.data_quads(), files)  # type: ignore[arg-type]


def _rule_problems(
    sources: Sources, files: dict[ox.NamedNode, str], merged: _Triples | None = None
) -> list[str]:
    data = sources.data_quads()
    used = None if merged is None else merged.rg_iris()
    problems = provenance_problems(sources.data)
    problems += undeclared_terms(data, declared_terms(sources.ontology), files, used)
    problems += duplicate_athletes(data)
    return problems


def check(sources: Sources, engine: str = "turbo") -> list[str]:
    """Run every validation over parsed sources; return the problems found.

    ``engine`` is the SHACL engine (see :data:`rivalgraph.validate.ENGINES`).
    """
    files = sources.file_of_graph()
    merged = _Triples.of([sources.ontology, *sources.data.values()])
    shapes = _ShapeCheck(merged.shacl_text(), sources.shapes_path, engine)
    return _rule_problems(sources, files, merged) + shapes.problems(sources, files)


def _load(store: ox.Store, quads: Sequence[ox.Quad], progress: Progress) -> None:
    for start in range(0, len(quads), LOAD_BATCH):
        store.bulk_extend(quads[start : start + LOAD_BATCH])
        progress("load", min(start + LOAD_BATCH, len(quads)), len(quads))


def _load_sources(store: ox.Store, sources: Sources, merged: _Triples, progress: Progress) -> None:
    """Load every named graph as parsed, then their RDF merge as the default graph."""
    quads = [*sources.ontology, *sources.shapes, *itertools.chain.from_iterable(
        sources.data.values())]  # fmt: skip
    _load(store, quads, progress)
    del quads
    # The store keeps each triple once, however many graphs or texts hold it.
    merged.load(store)
    _Triples.of([sources.shapes]).load(store)


def build(
    location: Path | str,
    *,
    folder: Path | None = None,
    extra: Iterable[Path] = (),
    validate: bool = True,
    progress: Progress = _noop,
) -> BuildReport:
    """Build the graph into the store at ``location`` and publish it atomically.

    Parameters
    ----------
    location : Path or str
        The store folder (created if missing).
    folder : Path, optional
        The curated graph folder; ``graph/`` by default.
    extra : iterable of Path
        More RDF files, results tables or folders to add.
    validate : bool
        Run SHACL and the other checks (default); turning it off is for
        benchmarks that measure loading alone.
    progress : callable, optional
        ``progress(phase, done, total)``.

    Raises
    ------
    InputError
        A file cannot be parsed (names file and line).
    ValidationFailed
        The graph breaks a shape or a rule (lists every problem).
    StoreWriteError
        The store folder cannot be written (read-only, not a folder, disk full).
    """
    started = time.perf_counter()
    place = StoreLocation(Path(location))
    try:
        # First, so that an unwritable location fails before minutes of validation.
        target = place.new_build()
    except OSError as error:
        raise _cannot_write(Path(location), error) from None
    try:
        sources = collect(folder, extra, progress)
        merged = _Triples.of([sources.ontology, *sources.data.values()])
        if validate:
            progress("validate", 0, 1)
            files = sources.file_of_graph()
            shapes = _ShapeCheck(merged.shacl_text(), sources.shapes_path, "turbo")
            problems = _rule_problems(sources, files, merged)
        inner = ox.Store(str(target))
        _load_sources(inner, sources, merged, progress)
        if validate:
            problems += shapes.problems(sources, files)
            progress("validate", 1, 1)
            if problems:
                raise ValidationFailed(problems)
        inner.flush()
        store = OxigraphStore(inner)
        counts = graph_counts(store)
        del store, inner
        place.publish(target)
        progress("load", 1, 1)
    except OSError as error:
        place.discard(target)
        raise _cannot_write(Path(location), error) from None
    except BaseException:
        place.discard(target)
        raise
    place.prune()
    return BuildReport(
        store=Path(location),
        files=tuple(sources.data),
        seconds=time.perf_counter() - started,
        **counts,
    )


_COUNTS = """
SELECT
  (COUNT(*) AS ?triples)
  (COUNT(DISTINCT ?g) AS ?graphs)
WHERE { GRAPH ?g { ?s ?p ?o } }
"""
_TYPED = """
SELECT ?class (COUNT(DISTINCT ?x) AS ?n)
WHERE { VALUES ?class { rg:Athlete rg:Result rg:Statement } ?x a/rdfs:subClassOf* ?class }
GROUP BY ?class
"""


def graph_counts(store: Store) -> dict[str, int]:
    """Count what a built store holds: triples and graphs (named), athletes, results, statements."""
    totals = store.select(_COUNTS).dicts()[0]
    by_class = {
        row["class"].value: int(row["n"].value)  # type: ignore[union-attr]
        for row in store.select(_TYPED).dicts()
    }

    return {
        "triples": int(totals["triples"].value),  # type: ignore[union-attr]
        "graphs": int(totals["graphs"].value),  # type: ignore[union-attr]
        "athletes": by_class.get(RG.Athlete.value, 0),
        "results": by_class.get(RG.Result.value, 0),
        "statements": by_class.get(RG.Statement.value, 0),
    }
