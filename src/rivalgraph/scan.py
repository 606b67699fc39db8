"""Read a build's source files in one streamed pass each, keeping no quad objects.

A build needs three things from every file: its triples as N-Triples text
(SHACL validates them, and they become the merged default graph), a few facts
for the rule checks (the named graphs it fills and whether they name their
source, triples outside any graph, athletes and their labels), and a way to load
its quads into the new store.  :func:`scan` gets all three while the parser
streams: the N-Triples of every file go into one text (each triple once), and a file's named
graphs are later bulk-loaded from the file itself, which Oxigraph parses again
in Rust.  So a build of 10^7 triples holds text, not 10^7 Python quads.

Blank nodes are the exception.  A bulk load names them afresh, which would make
a blank node of a named graph a different node from the same one in the
default graph; so the quads of a file whose triples hold a blank node (and of a
results table) are kept and loaded as they are.  Such files are the small,
curated ones (the ontology, the shapes, an article with ``[ ]`` nodes).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.nq").write_text(
...     '<urn:x> <http://www.w3.org/2000/01/rdf-schema#label> "X" <urn:g> .\\n')
>>> found = scan([folder / "a.nq"])
>>> found.files[0].graphs, found.files[0].kept is None
({<NamedNode value=urn:g>}, True)
>>> bytes(found.text())
b'<urn:x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .\\n'
"""

from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.errors import InputError
from rivalgraph.imports.pipeline import Imported, run_manifest
from rivalgraph.namespaces import GRAPH, PROV, RDF, RDFS, RG
from rivalgraph.results import table_quads
from rivalgraph.slugs import slug
from rivalgraph.sources import (
    IMPORT_MANIFEST,
    RDF_FORMATS,
    display_path,
    oversized_term_message,
    syntax_message,
)
from rivalgraph.validate import SourceDescriptions, is_far_date, note_source_statement

__all__ = ["Facts", "ScannedFile", "Scan", "scan", "scan_quads", "check_utf8"]

_BLANK = re.compile(rb"_:")
_NT = ox.RdfFormat.N_TRIPLES


@dataclass
class Facts:
    """What the rule checks need from every file, gathered while scanning."""

    #: IRIs typed ``rg:Athlete``.
    athletes: set[str] = field(default_factory=set)
    #: ``(subject IRI, text)`` of every literal ``rdfs:label`` of an IRI.
    labels: list[tuple[str, str]] = field(default_factory=list)
    #: ``(file, quad)`` of every date literal whose year is not four digits.
    far_dates: list[tuple[str, ox.Quad]] = field(default_factory=list)
    #: What each file says of each source (:func:`~rivalgraph.validate.source_statement`).
    sources: SourceDescriptions = field(default_factory=dict)

    def add(self, other: Facts) -> None:
        """Take in the facts of ``other`` (a file's scratch record)."""
        self.athletes |= other.athletes
        self.labels += other.labels
        self.far_dates += other.far_dates
        for source, by_file in other.sources.items():
            for file, said in by_file.items():
                self.sources.setdefault(source, {}).setdefault(file, set()).update(said)


@dataclass
class ScannedFile:
    """One scanned source file: how to load it, and its facts."""

    name: str
    path: Path
    rdf_format: ox.RdfFormat | None  # None: a results table
    graph: ox.NamedNode | None  # the graph a Turtle or N-Triples file's triples go into
    graphs: set[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = field(default_factory=set)
    loose: int = 0
    sourced: set[ox.NamedNode] = field(default_factory=set)
    kept: list[ox.Quad] | None = None  # the quads, when they cannot be bulk-loaded from the file
    stamp: tuple[int, int] = (0, 0)
    imported: Imported | None = None  # an import manifest: the named graphs it generated, as text

    def quads(self) -> Iterator[ox.Quad]:
        """The file's quads: the kept ones, or parsed again (same terms: no blank nodes).

        An import yields every quad it generated, streamed from its text.
        """
        if self.imported is not None:
            return ox.parse(_lines_reader(self.imported, quads=True), format=ox.RdfFormat.N_QUADS)
        return self.validated_quads()

    def validated_quads(self) -> Iterator[ox.Quad]:
        """The quads SHACL validated: all of them, or an import's sample (what a violation names)."""
        if self.imported is not None:
            return _sample_quads(self.imported)
        if self.kept is not None:
            return iter(self.kept)
        return _parse(self)

    def quad_count(self) -> int:
        """How many quads the file holds (an import: the lines it generated, without parsing them)."""
        if self.imported is not None:
            return sum(len(graph.lines) for graph in self.imported.graphs)
        return sum(1 for _ in self.quads())

    def load(self, store: ox.Store) -> None:
        """Add the file's quads to their named graphs in ``store``."""
        if self.imported is not None:
            # One bulk load for all the import's graphs: a load per graph costs twice as much.
            store.bulk_load(_lines_reader(self.imported, quads=True), format=ox.RdfFormat.N_QUADS)
            return
        if self.kept is not None:
            store.bulk_extend(self.kept)
            return
        _require_unchanged(self)
        assert self.rdf_format is not None
        store.bulk_load(path=str(self.path), format=self.rdf_format, base_iri=_base(self.path),
                        to_graph=self.graph)  # fmt: skip


def _sample_quads(imported: Imported) -> Iterator[ox.Quad]:
    for graph in imported.graphs:
        name = ox.NamedNode(graph.iri[1:-1])
        text = ("\n".join(graph.sample) + "\n").encode()
        for triple in ox.parse(text, format=_NT):
            yield ox.Quad(triple.subject, triple.predicate, triple.object, name)


@dataclass
class Scan:
    """Every file of a build, scanned: facts per file and all triples as one N-Triples text.

    The text holds each triple once (a graph is a set: an athlete described in
    every source that names him is one set of triples), first the triples of the
    files that are bulk-loaded from disk, then those of the files whose quads
    are kept; :attr:`bulk_end` marks the boundary, so the first part can be
    bulk-loaded as it is.
    """

    files: list[ScannedFile]
    extra: list[ScannedFile]  # scanned, checked by SHACL, but not data: the ontology
    facts: Facts
    unique: bytes
    bulk_end: int

    def text(self) -> memoryview:
        """All triples as N-Triples, each once, without copying."""
        return memoryview(self.unique)

    def bulk_text(self) -> memoryview:
        """The triples that hold no blank node, as N-Triples: safe to bulk-load."""
        return memoryview(self.unique)[: self.bulk_end]

    def bulk_reader(self) -> io.BufferedReader:
        """:meth:`bulk_text` as a file to read, for ``Store.bulk_load`` (which wants ``read``)."""
        return io.BufferedReader(_ViewReader(self.bulk_text()), buffer_size=1 << 20)

    def shacl_text(self) -> str:
        """What SHACL validates: every triple of the curated files, and each import's sample.

        An import writes millions of triples from a few templates; SHACL sees every
        race whose IRI falls in its sample (:data:`rivalgraph.imports.writer.SAMPLE_EVERY`)
        with its results and everything they refer to, and the readers check every row.
        """
        samples = [line for file in self.files if file.imported for graph in file.imported.graphs
                   for line in graph.sample]  # fmt: skip
        return str(self.text(), "utf-8") + "\n".join(samples) + ("\n" if samples else "")

    def imports(self) -> list[Imported]:
        """The imports of the build (from ``imports.toml`` manifests)."""
        return [file.imported for file in self.files if file.imported is not None]

    def load_imports_into_default(self, store: ox.Store) -> None:
        """Add every imported graph's triples to the default graph (the merge), each once."""
        for imported in self.imports():
            store.bulk_load(_lines_reader(imported, quads=False), format=_NT, to_graph=ox.DefaultGraph())

    def kept_triples(self) -> Iterator[ox.Quad]:
        """The triples of the kept files, as quads of the default graph."""
        for file in (*self.extra, *self.files):
            for quad in file.kept or ():
                yield ox.Quad(quad.subject, quad.predicate, quad.object)

    def file_of_graph(self) -> dict[ox.NamedNode, str]:
        """The file each named graph comes from (the last one, if several share it)."""
        return {g: f.name for f in self.files for g in f.graphs if isinstance(g, ox.NamedNode)}

    def data_quads(self) -> Iterator[ox.Quad]:
        """Every quad of the data files (parsed again where not kept; imports in full)."""
        for file in self.files:
            yield from file.quads()

    def validated_quads(self) -> Iterator[ox.Quad]:
        """The quads of the data files that SHACL validated (an import's sample only)."""
        for file in self.files:
            yield from file.validated_quads()


class _ChunkReader(io.RawIOBase):
    """Read an iterator of byte chunks as a binary file."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self._chunks, self._pending = chunks, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def _lines_reader(imported: Imported, quads: bool) -> io.BufferedReader:
    """An import's generated triples as one N-Quads (or N-Triples) stream, encoded a block at a time."""

    def chunks() -> Iterator[bytes]:
        for graph in imported.graphs:
            lines = graph.lines
            for start in range(0, len(lines), 20_000):
                block = lines[start : start + 20_000]
                if quads:
                    tail = f" {graph.iri} .\n"
                    yield "".join(line[:-2] + tail for line in block).encode()
                else:
                    yield ("\n".join(block) + "\n").encode()

    return io.BufferedReader(_ChunkReader(chunks()), buffer_size=1 << 20)


class _ViewReader(io.RawIOBase):
    """Read a memoryview as a binary file, without copying it whole."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view, self._at = view, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        size = min(len(buffer), len(self._view) - self._at)
        buffer[:size] = self._view[self._at : self._at + size]
        self._at += size
        return size


def _stamp(path: Path) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns


def _base(path: Path) -> str:
    return path.resolve().as_uri()


def _target(path: Path, rdf_format: ox.RdfFormat, graph: ox.NamedNode | None) -> ox.NamedNode | None:
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        return graph or GRAPH["file-" + slug(path.stem)]
    return None


_CHUNK = 1 << 24


def check_utf8(path: Path, name: str) -> None:
    """Refuse a file that is not UTF-8 (even in a comment, which the parser skips), naming the line.

    Reads 16 MB at a time; a chunk of ASCII needs no decoding.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                if not (chunk.isascii() and not decoder.getstate()[0]):
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError as error:
                        line = lines + chunk[: max(error.start, 0)].count(b"\n")
                        raise InputError(name, "not UTF-8 text", line=line) from error
                lines += chunk.count(b"\n")
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise InputError(name, "not UTF-8 text", line=lines) from error
    except OSError as error:
        raise InputError(name, f"cannot read: {error.strerror or error}") from error


def _require_unchanged(file: ScannedFile) -> None:
    """Refuse a file that changed since it was scanned: what is loaded or sent must be what was checked."""
    if _stamp(file.path) != file.stamp:
        raise InputError(file.name, "changed while the graph was being read; run the command again")


def _parse(file: ScannedFile) -> Iterator[ox.Quad]:
    """Parse ``file`` from disk as a stream of quads, errors naming file and line.

    Parsed again after the scan (to load it, push it or name a violation), it must be unchanged.
    """
    assert file.rdf_format is not None
    _require_unchanged(file)
    try:
        quads = ox.parse(path=str(file.path), format=file.rdf_format, base_iri=_base(file.path))
        for quad in quads:
            if file.graph is not None:
                quad = ox.Quad(quad.subject, quad.predicate, quad.object, file.graph)
            yield quad
    except SyntaxError as error:
        message = syntax_message(error)
        raise InputError(file.name, message, line=error.lineno, column=error.offset) from error
    except MemoryError as error:
        raise InputError(file.name, oversized_term_message(error)) from error
    except OSError as error:
        raise InputError(file.name, f"cannot read: {error.strerror or error}") from error


_TYPE, _LABEL, _DERIVED, _ATHLETE = RDF.type, RDFS.label, PROV.wasDerivedFrom, RG.Athlete


def _facts_of(quads: Iterable[ox.Quad], file: ScannedFile, facts: Facts) -> Iterator[ox.Triple]:
    """Yield the triples of ``quads``, noting the file's graphs and the checks' facts on the way."""
    graphs, sourced, athletes, labels = file.graphs, file.sourced, facts.athletes, facts.labels
    last: object = None
    default = False
    count = 0
    for quad in quads:
        graph = quad.graph_name
        if graph != last:
            last, default = graph, isinstance(graph, ox.DefaultGraph)
            graphs.add(graph)
        if default:
            count += 1
        predicate = quad.predicate
        if is_far_date(quad.object):
            facts.far_dates.append((file.name, quad))
        note_source_statement(facts.sources, file.name, quad)
        if predicate == _TYPE:
            if quad.object == _ATHLETE and isinstance(quad.subject, ox.NamedNode):
                athletes.add(quad.subject.value)
        elif predicate == _LABEL:
            subject, label = quad.subject, quad.object
            if isinstance(subject, ox.NamedNode) and isinstance(label, ox.Literal):
                labels.append((subject.value, label.value))
        elif predicate == _DERIVED and quad.subject == graph:
            sourced.add(graph)  # type: ignore[arg-type]
        yield quad.triple
    file.loose = count


def scan_quads(quads: Sequence[ox.Quad], name: str, facts: Facts | None = None) -> tuple[ScannedFile, bytes]:
    """Scan quads already in memory (kept); return the file record and its N-Triples."""
    file = ScannedFile(name, Path(name), None, None, kept=list(quads))
    text = ox.serialize(_facts_of(file.kept or (), file, facts or Facts()), format=_NT)
    assert text is not None
    return file, text


def _scan_import(path: Path, name: str) -> ScannedFile:
    imported = run_manifest(path)
    file = ScannedFile(name, path, None, None, imported=imported)
    for graph in imported.graphs:
        iri = ox.NamedNode(graph.iri[1:-1])
        file.graphs.add(iri)
        file.sourced.add(iri)  # every generated graph describes itself (writer._describe)
    return file


def _scan_file(path: Path, facts: Facts, out: io.BytesIO, later: list[bytes]) -> ScannedFile:
    name = display_path(path)
    if path.name == IMPORT_MANIFEST:
        return _scan_import(path, name)
    if path.suffix == ".csv":
        file, text = scan_quads(table_quads(path), name, facts)
        file.path = path
        later.append(text)
        return file
    rdf_format = RDF_FORMATS.get(path.suffix)
    if rdf_format is None:
        raise InputError(name, "is neither RDF (.trig .ttl .nq .nt) nor .csv")
    check_utf8(path, name)
    stamp = _stamp(path)
    file = ScannedFile(name, path, rdf_format, _target(path, rdf_format, None), stamp=stamp)
    start = out.tell()
    # Facts go into a scratch record first: a file with blank nodes is scanned again below.
    scratch = Facts()
    ox.serialize(_facts_of(_parse(file), file, scratch), out, format=_NT)
    if _BLANK.search(out.getbuffer(), start) is None:
        facts.add(scratch)
        return file
    # A blank node (or "_:" in a literal): keep the quads, so that each blank node stays one node.
    out.seek(start)
    out.truncate()
    kept, text = scan_quads(list(_parse(file)), name, facts)
    file.kept, file.graphs, file.sourced, file.loose = kept.kept, kept.graphs, kept.sourced, kept.loose
    later.append(text)
    return file


def scan(
    files: Sequence[Path],
    extra: Sequence[tuple[str, Sequence[ox.Quad]]] = (),
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Scan:
    """Scan ``files`` (RDF or results tables) and the ``extra`` quads (the ontology).

    Raises
    ------
    InputError
        For the first file that cannot be read or parsed, naming file and line.
    """
    facts = Facts()
    out = io.BytesIO()
    later: list[bytes] = []
    scanned: list[ScannedFile] = []
    for done, path in enumerate(files, start=1):
        scanned.append(_scan_file(path, facts, out, later))
        progress(done, len(files))
    others = []
    for name, quads in extra:
        file, text = scan_quads(quads, name)
        others.append(file)
        later.append(text)
    lines = dict.fromkeys(out.getvalue().split(b"\n"))
    del out
    bulk = _joined(lines)
    kept = _joined(line for line in dict.fromkeys(b"".join(later).split(b"\n")) if line not in lines)
    return Scan(scanned, others, facts, bulk + kept, len(bulk))


def _joined(lines: Iterable[bytes]) -> bytes:
    text = b"\n".join(line for line in lines if line)
    return text + b"\n" if text else b""
