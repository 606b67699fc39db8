"""Find and parse the files a graph is built from, naming file and line on error.

``graph/`` holds one file per source: TriG (named graphs with their
provenance), Turtle or N-Quads, and results tables (``results/*.csv``, read by
:mod:`rivalgraph.results`).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "bad.trig").write_text("<urn:a> <urn:b> .\\n")
>>> try:
...     parse_rdf(folder / "bad.trig")
... except InputError as error:
...     print(error.line, error.column)
1 17
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.errors import InputError
from rivalgraph.namespaces import GRAPH
from rivalgraph.slugs import slug

__all__ = [
    "RDF_FORMATS",
    "IMPORT_MANIFEST",
    "LOOKUP_FOLDERS",
    "discover",
    "parse_rdf",
    "display_path",
    "syntax_message",
    "special_kind",
    "require_regular_file",
    "oversized_term_message",
]

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
}
_TABLES = {".csv"}
#: Folders of graph/ that hold lookup tables an import reads (the championship calendar), not sources.
LOOKUP_FOLDERS = {"calendar"}
#: The file that makes a folder an import (see :mod:`rivalgraph.imports.manifest`).
IMPORT_MANIFEST = "imports.toml"
_SIDECARS = {"sources.csv", "identities.csv"}


def display_path(path: Path) -> str:
    """Show ``path`` relative to the working folder when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def oversized_term_message(error: MemoryError) -> str:
    """What to say when Oxigraph's parser stops at a term over its 16 MiB buffer."""
    return (f"holds a term (a literal or an IRI) larger than the parser takes ({error}); "
            "a graph file holds facts, not documents: store the text as a file and point to it")  # fmt: skip


def special_kind(path: Path) -> str | None:
    """What ``path`` is if it exists and is not a regular file ("a FIFO (named pipe)", ...).

    Looked up without opening it: opening a FIFO waits for a writer, for ever.

    >>> special_kind(Path("/dev/null")), special_kind(Path("/no/such/file"))
    ('a character device', None)
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return next((kind for test, kind in _SPECIAL if test(mode)), None)


def require_regular_file(path: Path) -> None:
    """Refuse a source that is missing or not a regular file, before anything opens it.

    Raises
    ------
    InputError
        Naming the file and what it is.
    """
    kind = special_kind(path)
    if kind is not None:
        raise InputError(display_path(path), f"is {kind}, not a regular file: give a file to read")
    if path.is_symlink() and not path.exists():
        raise InputError(display_path(path), f"is a symbolic link to {os.readlink(path)}, which does not "
                         "exist: mend or remove the link")  # fmt: skip
    if not path.exists():
        raise InputError(display_path(path), "no such file")


def discover(folder: Path) -> list[Path]:
    """Return the source files below ``folder``, in a stable order.

    RDF files (``.trig``, ``.ttl``, ``.nq``, ``.nt``), result tables
    (``.csv``) and import manifests (``imports.toml``) count; READMEs, the
    results' ``sources.csv`` sidecar and the files an import manifest reads do not.
    """
    everything = sorted(folder.rglob("*"))
    # A folder with an import manifest holds the files the manifest reads: only the manifest counts.
    imported = {path.parent for path in everything if path.name == IMPORT_MANIFEST}
    files = [
        path
        for path in everything
        if (
            path.name == IMPORT_MANIFEST
            or (
                (path.suffix in RDF_FORMATS or path.suffix in _TABLES)
                and path.name not in _SIDECARS
                and not any(parent in imported for parent in path.parents)
                and not LOOKUP_FOLDERS & set(path.relative_to(folder).parts[:-1])
            )
        )
        and not path.is_dir()
    ]
    # A pipe, a device or a broken link named like a graph file is refused, not skipped in silence.
    for path in files:
        require_regular_file(path)
    return files


def parse_rdf(path: Path, graph: ox.NamedNode | None = None) -> list[ox.Quad]:
    """Parse an RDF file into quads.

    Triples of a Turtle or N-Triples file go into ``graph`` (by default
    ``graph:file-<name>``); TriG and N-Quads keep their own graphs.

    Raises
    ------
    InputError
        With the file, line and column of a syntax error, or when the file
        cannot be read or is not UTF-8.
    """
    rdf_format = RDF_FORMATS.get(path.suffix)
    if rdf_format is None:
        raise InputError(display_path(path), f"unknown RDF file type {path.suffix!r}")
    target = graph or GRAPH["file-" + slug(path.stem)]
    try:
        data = path.read_bytes()
        data.decode("utf-8")
        quads = list(ox.parse(data, format=rdf_format, base_iri=path.resolve().as_uri()))
    except SyntaxError as error:
        raise InputError(
            display_path(path), syntax_message(error), line=error.lineno, column=error.offset
        ) from error
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(display_path(path), "not UTF-8 text", line=line) from error
    except MemoryError as error:
        raise InputError(display_path(path), oversized_term_message(error)) from error
    except OSError as error:
        raise InputError(display_path(path), f"cannot read: {error.strerror or error}") from error
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        return [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]
    return quads


def syntax_message(error: SyntaxError) -> str:
    """The parser's message without its own \"Parser error at line ...:\" prefix."""
    message = str(error.msg)
    prefix = "Parser error at line"
    if message.startswith(prefix) and ": " in message:
        message = message.split(": ", 1)[1]
    return message
