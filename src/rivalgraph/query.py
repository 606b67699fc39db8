"""Named SPARQL queries: a registry read from ``queries/*.rq``, run with typed parameters.

Each ``.rq`` file starts with a comment header::

    # summary: Every race two athletes both ran ...
    # param: ?athlete rg:Athlete required  The athlete whose view the tally takes.
    # param: ?limit xsd:integer default=10  How many rows.
    # columns: athlete, opponent, race, ...

A parameter is bound by the engine as a typed RDF term (never pasted into the
query text), so no value can change a query's shape.  An ``rg:Athlete``
parameter takes a name ("Josh Kerr", "kerr") or an IRI and is resolved first.

Examples
--------
>>> registry = load_registry()
>>> "head-to-head" in registry
True
>>> [p.name for p in registry["head-to-head"].parameters]
['athlete', 'opponent']
>>> to_term(Parameter("n", "xsd:integer", False, None, ""), "7")
<Literal value=7 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.errors import InputError, RivalgraphError
from rivalgraph.namespaces import PREFIXES, XSD
from rivalgraph.resources import queries_dir
from rivalgraph.slugs import fold_name
from rivalgraph.sources import display_path
from rivalgraph.store import SelectResult, Store, Term

__all__ = [
    "Parameter",
    "NamedQuery",
    "QueryError",
    "UnknownAthlete",
    "load_query",
    "load_registry",
    "to_term",
    "resolve_athlete",
    "run",
]

_HEADER = re.compile(r"^#\s*(summary|param|columns):\s*(.*)$")
_PARAM = re.compile(
    r"^\?(?P<name>\w+)\s+(?P<type>\S+)\s+(?P<need>required|default=(?:\"[^\"]*\"|\S+))\s*(?P<doc>.*)$"
)
_LITERAL_TYPES = {
    "xsd:string": XSD.string,
    "xsd:integer": XSD.integer,
    "xsd:decimal": XSD.decimal,
    "xsd:date": XSD.date,
    "xsd:boolean": XSD.boolean,
}
_IRI_TYPES = {"iri", "rg:Athlete", "rg:Edition", "rg:Race", "rg:Statement"}


class QueryError(RivalgraphError):
    """A named query is unknown, malformed, or given wrong parameters."""


class UnknownAthlete(QueryError):
    """A name matches no athlete, or more than one."""


@dataclass(frozen=True)
class Parameter:
    """A declared query parameter: its variable name, RDF type and default."""

    name: str
    type: str
    required: bool
    default: str | None
    doc: str


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header parsed."""

    name: str
    path: Path
    text: str
    summary: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (it takes: {known})")


def load_query(path: Path, name: str | None = None) -> NamedQuery:
    """Parse one ``.rq`` file and its header.

    Raises
    ------
    InputError
        If a header line is malformed (names file and line).
    """
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(shown, f"cannot read query: {error}") from error
    summary = ""
    columns: tuple[str, ...] = ()
    parameters: list[Parameter] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line.strip())
        if match is None:
            continue
        key, value = match.groups()
        if key == "summary":
            summary = value.strip()
        elif key == "columns":
            columns = tuple(column.strip().lstrip("?") for column in value.split(","))
        else:
            parameters.append(_parse_parameter(shown, number, value))
    return NamedQuery(
        name=name or path.stem,
        path=path,
        text=text,
        summary=summary,
        parameters=tuple(parameters),
        columns=columns,
    )


def _parse_parameter(shown: str, number: int, value: str) -> Parameter:
    match = _PARAM.match(value.strip())
    if match is None:
        raise InputError(
            shown, "a param line reads: ?name TYPE required|default=VALUE  description", line=number
        )
    kind = match["type"]
    if kind not in _LITERAL_TYPES and kind not in _IRI_TYPES:
        known = ", ".join([*_LITERAL_TYPES, *sorted(_IRI_TYPES)])
        raise InputError(shown, f"unknown parameter type {kind!r} (known: {known})", line=number)
    need = match["need"]
    default = None if need == "required" else need.split("=", 1)[1].strip('"')
    return Parameter(match["name"], kind, need == "required", default, match["doc"].strip())


def load_registry(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Load every ``.rq`` file of ``folder`` (default ``queries/``), by name."""
    folder = folder or queries_dir()
    return {path.stem: load_query(path) for path in sorted(folder.glob("*.rq"))}


def to_term(parameter: Parameter, value: str) -> Term:
    """Turn a command-line value into the RDF term the parameter's type asks for.

    Raises
    ------
    QueryError
        If the value is not of that type.
    """
    kind = parameter.type
    if kind in _IRI_TYPES:
        if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value, re.IGNORECASE):
            raise QueryError(f"parameter {parameter.name!r} needs an IRI, not {value!r}")
        return ox.NamedNode(_expand(value))
    datatype = _LITERAL_TYPES[kind]
    literal = ox.Literal(value, datatype=datatype)
    if not _lexical_ok(literal):
        raise QueryError(f"parameter {parameter.name!r} needs an {kind}, not {value!r}")
    return literal


def _expand(value: str) -> str:
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return value


def _lexical_ok(literal: ox.Literal) -> bool:
    patterns = {
        XSD.integer.value: r"^[+-]?\d+$",
        XSD.decimal.value: r"^[+-]?(\d+(\.\d*)?|\.\d+)$",
        XSD.date.value: r"^\d{4}-\d{2}-\d{2}$",
        XSD.boolean.value: r"^(true|false|1|0)$",
    }
    pattern = patterns.get(literal.datatype.value)
    if pattern is not None and re.match(pattern, literal.value) is None:
        return False
    if literal.datatype == XSD.date:
        try:
            datetime.date.fromisoformat(literal.value)
        except ValueError:
            return False
    return True


_ATHLETES = "SELECT ?athlete ?label WHERE { ?athlete a rg:Athlete ; rdfs:label ?label }"


def resolve_athlete(store: Store, name: str) -> ox.NamedNode:
    """Find the athlete a name means: full name, then surname, accents and case ignored.

    Raises
    ------
    UnknownAthlete
        No athlete or several match; the message suggests close names.
    """
    if re.match(r"^https?://", name) or name.split(":", 1)[0] in PREFIXES and ":" in name:
        return ox.NamedNode(_expand(name))
    labels: dict[str, set[str]] = {}
    for row in store.select(_ATHLETES).dicts():
        labels.setdefault(row["label"].value, set()).add(row["athlete"].value)  # type: ignore[union-attr]
    wanted = fold_name(name)
    exact = {iri for label, iris in labels.items() if fold_name(label) == wanted for iri in iris}
    if not exact:
        exact = {
            iri
            for label, iris in labels.items()
            if fold_name(label).split(" ")[-1] == wanted
            for iri in iris
        }
    if len(exact) == 1:
        return ox.NamedNode(exact.pop())
    if exact:
        names = sorted(label for label, iris in labels.items() if iris & exact)
        raise UnknownAthlete(f"{name!r} is ambiguous: it could be {', '.join(names)}")
    close = difflib.get_close_matches(name, sorted(labels), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise UnknownAthlete(f"no athlete named {name!r} in the graph{hint}")


def run(store: Store, query: NamedQuery, values: Mapping[str, str] | None = None) -> SelectResult:
    """Run a named query with parameter values given as text.

    Unknown or missing parameters are an error that names them.
    """
    values = dict(values or {})
    for name in values:
        query.parameter(name)
    bindings: dict[str, Term] = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            raise QueryError(f"query {query.name!r} needs --param {parameter.name}=...")
        if parameter.type == "rg:Athlete":
            bindings[parameter.name] = resolve_athlete(store, value)
        else:
            bindings[parameter.name] = to_term(parameter, value)
    try:
        return store.select(query.text, bindings)
    except SyntaxError as error:
        raise QueryError(f"{display_path(query.path)}: {error}") from error
