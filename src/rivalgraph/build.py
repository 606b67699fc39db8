"""Build the graph: parse every source, validate it, and publish it atomically.

:func:`build` reads the ontology, the SHACL shapes and every file of ``graph/``
(plus any extra files), checks them (:mod:`rivalgraph.validate`), writes them
into a new on-disk store beside the published one, and then switches the
store's ``current`` link to it.  If anything fails, nothing is published and
the previous store stays as it was.

The work is spread so that the slow parts overlap, and no file is held as a
list of Python quads: each file is scanned once (:mod:`rivalgraph.scan`: its
triples as N-Triples text, each triple once, and the facts the rule checks
need), then SHACL validation runs in Rust on a second thread
(:func:`rivalgraph.validate.shacl_report`) while the named graphs are
bulk-loaded from the files themselves and the merged default graph from the
same text the validation reads.  :func:`collect` (the scan) and :func:`check`
(every rule and SHACL) are the one way the graph is read and checked:
``validate``, a push to a SPARQL server and ``ingest --accept`` use them too.

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
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.errors import InputError, ValidationFailed
from rivalgraph.imports.pipeline import Imported
from rivalgraph.namespaces import ATHLETE, ONTOLOGY_IRI, RG, RGSH
from rivalgraph.resources import graph_dir, ontology_file, shapes_file
from rivalgraph.scan import Scan, scan
from rivalgraph.sources import (
    IMPORT_MANIFEST,
    discover,
    display_path,
    parse_rdf,
    require_regular_file,
)
from rivalgraph.store import OxigraphStore, Store, StoreLocation, StoreUnwritable
from rivalgraph.validate import (
    athletes_sharing_a_name,
    conflicting_source_descriptions,
    curated_athletes_not_imported,
    declared_terms,
    describe_violations,
    far_date_problems,
    file_provenance_problems,
    graph_ownership_problems,
    rg_iris_in,
    shacl_report,
    undeclared_terms,
)

__all__ = [
    "Sources",
    "GraphCounts",
    "BuildReport",
    "StoreWriteError",
    "Progress",
    "collect",
    "check",
    "build",
    "graph_counts",
    "imports_wanted",
]

#: ``progress(phase, done, total)``: called as work advances.
Progress = Callable[[str, int, int], None]
ONTOLOGY_GRAPH = ox.NamedNode(ONTOLOGY_IRI)
SHAPES_GRAPH = ox.NamedNode(str(RGSH).rstrip("#"))


#: The store folder cannot be written: read-only, not a folder, or the disk is full. The same error as
#: the store's own (its old name, kept for callers that catch it).
StoreWriteError = StoreUnwritable


def _cannot_write(location: Path, error: OSError) -> StoreWriteError:
    reason = error.strerror or str(error)
    full = error.errno == errno.ENOSPC or "No space left on device" in str(error)
    advice = (
        "the disk is full: free some space or build elsewhere" if full else "choose a folder you can write"
    )
    return StoreWriteError(
        f"cannot write the store at {display_path(location)}: {reason}; {advice} "
        "(the published graph, if any, is unchanged)",
        options=("store",),
    )


@dataclass
class Sources:
    """Everything a build reads: the data files scanned (:mod:`rivalgraph.scan`), the ontology, the shapes.

    What :func:`collect` returns and :func:`check` validates: ``build``, ``validate``,
    a push to a SPARQL server and ``ingest --accept`` all read the graph this one way.
    """

    scan: Scan
    ontology: list[ox.Quad] = field(default_factory=list)
    shapes: list[ox.Quad] = field(default_factory=list)
    shapes_path: Path = field(default_factory=shapes_file)

    @property
    def files(self) -> tuple[str, ...]:
        """The data files, as they are shown to the user, in build order."""
        return tuple(file.name for file in self.scan.files)

    def data_quads(self) -> Iterator[ox.Quad]:
        """Every quad of the data files, streamed (parsed again from disk where not kept)."""
        return self.scan.data_quads()

    def quads(self) -> Iterator[ox.Quad]:
        """The ontology, the shapes and every data quad: the whole graph, in its named graphs."""
        return itertools.chain(self.ontology, self.shapes, self.data_quads())

    def quad_count(self) -> int:
        """How many quads the data files hold."""
        return sum(file.quad_count() for file in self.scan.files)

    def file_of_graph(self) -> dict[ox.NamedNode, str]:
        """The file each named graph comes from (the last one, if several share it)."""
        return self.scan.file_of_graph()


@dataclass(frozen=True)
class GraphCounts:
    """The counts a user checks first in a built graph, wherever it is stored (:func:`graph_counts`)."""

    triples: int
    graphs: int
    athletes: int
    results: int
    statements: int


@dataclass(frozen=True)
class BuildReport(GraphCounts):
    """What a build published: where, from which files, how long it took, and its counts."""

    store: Path
    files: tuple[str, ...]
    seconds: float
    imports: tuple[Imported, ...] = ()


def _noop(_phase: str, _done: int, _total: int) -> None:
    return None


def imports_wanted(imports: bool | None = None) -> bool:
    """Whether a build reads import manifests: ``imports``, else ``$RIVALGRAPH_IMPORTS`` (default on).

    ``RIVALGRAPH_IMPORTS=0`` builds the curated files alone, in seconds: what the
    unit tests do; their end-to-end tests and every user build read the imports.
    """
    if imports is not None:
        return imports
    return os.environ.get("RIVALGRAPH_IMPORTS", "1").strip().lower() not in ("0", "no", "false", "off")


def _source_files(folder: Path | None, extra: Iterable[Path], imports: bool | None = None) -> list[Path]:
    folder = folder or graph_dir()
    wanted = imports_wanted(imports)
    files = [path for path in discover(folder) if wanted or path.name != IMPORT_MANIFEST]
    for path in extra:
        if path.is_dir():
            files += discover(path)
        else:
            require_regular_file(path)
            files.append(path)
    if not files:
        raise InputError(display_path(folder), "holds no graph files (.trig, .ttl, .nq, .csv)")
    return files


def collect(
    folder: Path | None = None,
    extra: Iterable[Path] = (),
    progress: Progress = _noop,
    imports: bool | None = None,
) -> Sources:
    """Scan ``folder`` (default ``graph/``) and ``extra`` files in one streamed pass each.

    The ontology and the shapes are parsed whole.  ``imports`` as for :func:`build`.

    Raises
    ------
    InputError
        For the first file that cannot be parsed, naming file and line.
    """
    files = _source_files(folder, extra, imports)
    ontology = parse_rdf(ontology_file(), ONTOLOGY_GRAPH)
    shapes = parse_rdf(shapes_file(), SHAPES_GRAPH)
    found = scan(files, [(display_path(ontology_file()), ontology)],
                 lambda done, total: progress("parse", done, total))  # fmt: skip
    return Sources(found, ontology, shapes)


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

    def problems(self, data: Callable[[], Iterable[ox.Quad]], files: dict[ox.NamedNode, str]) -> list[str]:
        """Wait for the verdict; describe each violation (``data()``: the quads, read on failure)."""
        self.thread.join()
        if self.error is not None:
            raise self.error
        if self.report is None:
            return []
        return describe_violations(self.report, data(), files)  # type: ignore[arg-type]


class _Checks:
    """Every check of a build: SHACL started on its own thread, the rule checks run at once."""

    def __init__(self, sources: Sources, engine: str = "turbo") -> None:
        found = sources.scan
        self.scan = found
        self.files = found.file_of_graph()
        self.shapes = _ShapeCheck(found.shacl_text(), sources.shapes_path, engine)
        self.rules = _rule_problems(found, sources.ontology, self.files)

    def problems(self) -> list[str]:
        """The rule problems, then (once SHACL is done) each violation, described."""
        return self.rules + self.shapes.problems(self.scan.validated_quads, self.files)


def check(sources: Sources, engine: str = "turbo") -> list[str]:
    """Run every validation over scanned sources; return the problems found.

    ``engine`` is the SHACL engine (see :data:`rivalgraph.validate.ENGINES`).

    Examples
    --------
    >>> check(collect(imports=False))
    []
    """
    return _Checks(sources, engine).problems()


def _rule_problems(found: Scan, ontology: list[ox.Quad], files: dict[ox.NamedNode, str]) -> list[str]:
    """The rule checks (provenance, declared terms, athletes under one name) from scanned facts."""
    problems = graph_ownership_problems((file.name, file.graphs) for file in found.files)
    problems += [
        problem
        for file in found.files
        for problem in file_provenance_problems(file.name, file.graphs, file.loose, file.sourced)
    ]
    used = rg_iris_in(found.text()) | rg_iris_in(found.shacl_text().encode())
    problems += undeclared_terms(found.validated_quads(), declared_terms(ontology), files, used)
    problems += athletes_sharing_a_name(found.facts.athletes, found.facts.labels)
    problems += far_date_problems(found.facts.far_dates)
    problems += conflicting_source_descriptions(found.facts.sources)
    problems += curated_athletes_not_imported(
        found.facts.athletes, found.facts.labels, _imported_names(found.imports())
    )
    return problems


def _imported_names(imports: Iterable[Imported]) -> dict[str, set[str]]:
    """Name key -> the IRIs of the imported athletes of that name."""
    names: dict[str, set[str]] = defaultdict(set)
    for imported in imports:
        if imported.rebuilt is not None:
            for person in imported.rebuilt.identities.persons():
                names[person.key].add(ATHLETE[person.slug].value)
    return names


def _load_scan(store: ox.Store, found: Scan, shapes: list[ox.Quad], progress: Progress) -> None:
    """Load every named graph, then their RDF merge (with the ontology and shapes) as the default graph."""
    parts = [*found.extra, *found.files]
    for done, file in enumerate(parts, start=1):
        file.load(store)
        progress("load", done, len(parts) + 1)
    store.bulk_extend(shapes)
    # The store keeps each triple once, however many graphs or texts hold it.
    store.bulk_load(found.bulk_reader(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    found.load_imports_into_default(store)
    store.bulk_extend(found.kept_triples())
    store.bulk_extend([ox.Quad(q.subject, q.predicate, q.object) for q in shapes])
    progress("load", len(parts) + 1, len(parts) + 1)


def build(
    location: Path | str,
    *,
    folder: Path | None = None,
    extra: Iterable[Path] = (),
    validate: bool = True,
    progress: Progress = _noop,
    imports: bool | None = None,
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
    imports : bool, optional
        Read import manifests (``graph/imports/imports.toml``: all of athletics); by
        default yes, unless ``$RIVALGRAPH_IMPORTS`` is ``0`` (see :func:`imports_wanted`).

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
        with place.writing():
            return _build_locked(place, started, folder, extra, validate, progress, imports)
    except OSError as error:
        raise _cannot_write(Path(location), error) from None


def _build_locked(
    place: StoreLocation, started: float, folder: Path | None, extra: Iterable[Path],
    validate: bool, progress: Progress, imports: bool | None,
) -> BuildReport:  # fmt: skip
    location = place.root
    try:
        # First, so that an unwritable location fails before minutes of validation.
        target = place.new_build()
    except OSError as error:
        raise _cannot_write(Path(location), error) from None
    inner: ox.Store | None = None
    try:
        sources = collect(folder, extra, progress, imports)
        checks = _Checks(sources) if validate else None
        inner = ox.Store(str(target))
        _load_scan(inner, sources.scan, sources.shapes, progress)
        if checks is not None:
            # SHACL has been running beside the load; the phase shown now is the wait for it.
            progress("validate", 0, 1)
            problems = checks.problems()
            progress("validate", 1, 1)
            if problems:
                raise ValidationFailed(problems)
        inner.flush()
        store = OxigraphStore(inner)
        counts = graph_counts(store)
        del store
        inner = None
        place.publish(target)
        progress("publish", 1, 1)
    except OSError as error:
        del inner  # closed before its folder goes, or the store's files would outlive it
        place.discard(target)
        raise _cannot_write(Path(location), error) from None
    except BaseException:
        del inner
        place.discard(target)
        raise
    place.prune()
    return BuildReport(
        store=Path(location),
        files=sources.files,
        seconds=time.perf_counter() - started,
        imports=tuple(sources.scan.imports()),
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
