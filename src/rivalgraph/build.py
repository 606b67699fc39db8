"""Build the graph: parse every source, validate it, and publish it atomically.

:func:`build` reads the ontology, the SHACL shapes and every file of ``graph/``
(plus any extra files), checks them (:mod:`rivalgraph.validate`), writes them
into a new on-disk store beside the published one, and then switches the
store's ``current`` link to it.  If anything fails, nothing is published and
the previous store stays as it was.

Examples
--------
>>> import tempfile
>>> report = build(tempfile.mkdtemp())
>>> report.athletes > 100, report.statements >= 9
(True, True)
"""

from __future__ import annotations

import errno
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
from rivalgraph.store import OxigraphStore, Store, StoreLocation, with_merged_default_graph
from rivalgraph.validate import (
    declared_terms,
    duplicate_athletes,
    provenance_problems,
    shape_problems,
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
        return [quad for quads in self.data.values() for quad in quads]

    def file_of_graph(self) -> dict[ox.NamedNode, str]:
        return {
            quad.graph_name: file
            for file, quads in self.data.items()
            for quad in quads
            if isinstance(quad.graph_name, ox.NamedNode)
        }


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


def check(sources: Sources) -> list[str]:
    """Run every validation over parsed sources; return the problems found."""
    data = sources.data_quads()
    files = sources.file_of_graph()
    problems = provenance_problems(sources.data)
    problems += undeclared_terms(data, declared_terms(sources.ontology), files)
    problems += duplicate_athletes(data)
    problems += shape_problems(data, sources.ontology, sources.shapes_path, files)
    return problems


def _load(store: ox.Store, quads: Sequence[ox.Quad], progress: Progress) -> None:
    for start in range(0, len(quads), LOAD_BATCH):
        store.bulk_extend(quads[start : start + LOAD_BATCH])
        progress("load", min(start + LOAD_BATCH, len(quads)), len(quads))


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
        if validate:
            progress("validate", 0, 1)
            problems = check(sources)
            progress("validate", 1, 1)
            if problems:
                raise ValidationFailed(problems)
        quads = with_merged_default_graph(
            [*sources.ontology, *sources.shapes, *sources.data_quads()]
        )
        inner = ox.Store(str(target))
        _load(inner, quads, progress)
        inner.flush()
        store = OxigraphStore(inner)
        counts = graph_counts(store)
        del store, inner
        place.publish(target)
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
