"""Named SPARQL queries: a registry read from ``queries/*.rq``, run with typed parameters.

Each ``.rq`` file starts with a comment header::

    # summary: Every race two athletes both ran ...
    # param: ?athlete rg:Athlete required  The athlete whose view the tally takes.
    # param: ?limit xsd:integer default=10  How many rows.
    # param: ?edition rg:Edition optional  Left unbound (any edition) when not given.
    # columns: athlete, opponent, race, ...

This module is the query layer: :func:`registry` is the one way to get the
named queries of a folder (read once, cached), :func:`bind` the one way to
turn parameter values into terms, and :func:`run` the one way to run a named
query; the SPARQL tokens come from :mod:`rivalgraph.sparql_lexer`.

A parameter is bound by the engine as a typed RDF term (never pasted into the
query text), so no value can change a query's shape.  An ``rg:Athlete``
parameter takes a name ("Josh Kerr", "kerr") or an IRI and is resolved first.

Examples
--------
>>> "head-to-head" in registry()
True
>>> "race-results" in registry("analysis")
True
>>> [p.name for p in registry()["head-to-head"].parameters]
['athlete', 'opponent']
>>> to_term(Parameter("n", "xsd:integer", False, None, ""), "7")
<Literal value=7 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

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
    "MissingParameters",
    "load_query",
    "load_registry",
    "registry",
    "find_query",
    "to_term",
    "bind",
    "resolve_athlete",
    "resolve_pair",
    "SameAthlete",
    "run",
]

_HEADER = re.compile(r"^#\s*(summary|param|columns):\s*(.*)$")
_PARAM = re.compile(
    r"^\?(?P<name>\w+)\s+(?P<type>\S+)\s+(?P<need>required|optional|default=(?:\"[^\"]*\"|\S+))\s*(?P<doc>.*)$"
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


class MissingParameters(QueryError):
    """A named query was run without a value for each of its required parameters: names them all.

    Examples
    --------
    >>> error = MissingParameters("opponents", ["athlete"])
    >>> error.query, error.missing, str(error)
    ('opponents', ('athlete',), "query 'opponents' needs a value for athlete")
    """

    def __init__(self, query: str, missing: Sequence[str]) -> None:
        self.query = query
        self.missing = tuple(missing)
        super().__init__(f"query {query!r} needs a value for {', '.join(self.missing)}")


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
        """Return the parameter called ``name``.

        Raises
        ------
        QueryError
            If the query has no such parameter (suggests a close name).
        """
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        names = [p.name for p in self.parameters]
        raise QueryError(
            f"query {self.name!r} has no parameter {name!r}{_did_you_mean(name, names)}"
            f" (it takes: {', '.join(names) or 'none'})"
        )


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
    default = need.split("=", 1)[1].strip('"') if need.startswith("default=") else None
    return Parameter(match["name"], kind, need == "required", default, match["doc"].strip())


def load_registry(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Read every ``.rq`` file of ``folder`` (default ``queries/``) from disk, by name.

    Uncached: for a folder outside ``queries/``; the named queries are read with :func:`registry`.
    """
    folder = folder or queries_dir()
    return {path.stem: load_query(path) for path in sorted(folder.glob("*.rq"))}


def registry(folder_name: str = "") -> Mapping[str, NamedQuery]:
    """The named queries of ``queries/<folder_name>`` (``queries/`` itself when empty), by name.

    The one registry every module reads its queries from: each folder is read
    once per process and cached (read-only), so callers keep no cache of their own.

    Examples
    --------
    >>> registry("export") is registry("export")
    True
    """
    folder = queries_dir() / folder_name if folder_name else queries_dir()
    return _registry_at(folder)


@lru_cache(maxsize=16)
def _registry_at(folder: Path) -> Mapping[str, NamedQuery]:
    return MappingProxyType(load_registry(folder))


def find_query(registry: Mapping[str, NamedQuery], name: str) -> NamedQuery:
    """Return the query called ``name``, or the query file at that path.

    Raises
    ------
    QueryError
        If neither exists; suggests close names.

    Examples
    --------
    >>> find_query(registry(), "head-to-head").name
    'head-to-head'
    >>> find_query(registry(), "head-to-haed")
    Traceback (most recent call last):
    ...
    rivalgraph.query.QueryError: no query named 'head-to-haed'; did you mean 'head-to-head'? ...
    """
    if name in registry:
        return registry[name]
    path = Path(name)
    if path.suffix == ".rq" and path.is_file():
        return load_query(path)
    raise QueryError(
        f"no query named {name!r}{_did_you_mean(name, list(registry))}"
        f" (known: {', '.join(registry)}; or give the path of a .rq file)"
    )


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


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
        try:
            return ox.NamedNode(_expand(value))
        except ValueError as error:  # a control character or another code point IRIs forbid
            raise QueryError(f"parameter {parameter.name!r} needs an IRI, not {value!r}: {error}") from None
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
_IS_ATHLETE = "ASK { ?athlete a rg:Athlete }"
_ATHLETE_LABELLED = (
    "SELECT DISTINCT ?athlete ?label WHERE { ?athlete rdfs:label ?label . LATERAL { ?athlete a rg:Athlete } }"
)


class SameAthlete(QueryError):
    """Two names of a rivalry mean one athlete."""


def resolve_pair(store: Store, athlete: str, opponent: str) -> tuple[ox.NamedNode, ox.NamedNode]:
    """Resolve the two athletes of a rivalry (see :func:`resolve_athlete`).

    Raises
    ------
    SameAthlete
        When both names mean the same athlete: a rivalry needs two.
    """
    first, second = resolve_athlete(store, athlete), resolve_athlete(store, opponent)
    if first == second:
        also = "" if athlete == opponent else f" ({athlete!r} and {opponent!r} both name <{first.value}>)"
        raise SameAthlete(f"a rivalry needs two athletes, and both are the same one{also}")
    return first, second


def resolve_athlete(store: Store, name: str) -> ox.NamedNode:
    """Find the athlete a name means: IRI, full name, then surname; accents and case ignored.

    Raises
    ------
    UnknownAthlete
        No athlete or several match; the message suggests close names.
    """
    if re.match(r"^https?://", name) or name.split(":", 1)[0] in PREFIXES and ":" in name:
        term = to_term(Parameter("athlete", "iri", True, None, ""), name)
        assert isinstance(term, ox.NamedNode)
        if not store.ask(_IS_ATHLETE, {"athlete": term}):
            raise UnknownAthlete(f"no athlete <{term.value}> in the graph")
        return term
    # The name as a label first: one index lookup, where reading every label of all of
    # athletics (tens of thousands) takes half a second.
    exact_rows = store.select(_ATHLETE_LABELLED, {"label": ox.Literal(name.strip())}).dicts()
    if len(exact_rows) == 1:
        return exact_rows[0]["athlete"]  # type: ignore[return-value]
    labels: dict[str, set[str]] = {}
    for row in store.select(_ATHLETES).dicts():
        labels.setdefault(row["label"].value, set()).add(row["athlete"].value)  # type: ignore[union-attr]
    wanted = fold_name(name)
    exact = {iri for label, iris in labels.items() if fold_name(label) == wanted for iri in iris}
    if not exact:
        exact = {
            iri for label, iris in labels.items() if fold_name(label).split(" ")[-1] == wanted for iri in iris
        }
    if len(exact) == 1:
        return ox.NamedNode(exact.pop())
    if exact:
        names = sorted(label for label, iris in labels.items() if iris & exact)
        raise UnknownAthlete(f"{name!r} is ambiguous: could be {', '.join(names)}")
    raise UnknownAthlete(f"no athlete named {name!r} in the graph{_close_names(name, labels)}")


def _close_names(name: str, labels: Mapping[str, object]) -> str:
    """Suggest labels close to ``name``, by full name or by surname, folded."""
    by_key: dict[str, str] = {}
    for label in sorted(labels):
        folded = fold_name(label)
        by_key.setdefault(folded, label)
        by_key.setdefault(folded.split(" ")[-1], label)
    wanted = fold_name(name)
    keys = difflib.get_close_matches(wanted, list(by_key), n=5, cutoff=0.6)
    named = [label for label in sorted(labels) if wanted and wanted in fold_name(label).split()]
    close = list(dict.fromkeys([*(by_key[key] for key in keys), *named]))[:3]
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def bind(store: Store, query: NamedQuery, values: Mapping[str, str] | None = None) -> dict[str, Term]:
    """Turn parameter values given as text into the RDF terms the query is run with.

    An ``optional`` parameter that is not given stays unbound (it matches
    anything); a ``default=`` one takes its default.

    Raises
    ------
    QueryError
        For an unknown parameter, a missing required one (a
        :class:`MissingParameters` that names them all), or a value of the
        wrong type; :class:`UnknownAthlete` for a name that matches no
        athlete or several.
    """
    values = dict(values or {})
    for name in values:
        query.parameter(name)
    missing = [p.name for p in query.parameters if p.required and p.name not in values]
    if missing:
        raise MissingParameters(query.name, missing)
    bindings: dict[str, Term] = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            continue
        if parameter.type == "rg:Athlete":
            bindings[parameter.name] = resolve_athlete(store, value)
        else:
            bindings[parameter.name] = to_term(parameter, value)
    return bindings


def run(store: Store, query: NamedQuery, values: Mapping[str, str] | None = None) -> SelectResult:
    """Run a named query with parameter values given as text (see :func:`bind`).

    Unknown or missing parameters are an error that names them.
    """
    bindings = bind(store, query, values)
    try:
        return store.select(query.text, bindings)
    except SyntaxError as error:
        raise QueryError(f"{display_path(query.path)}: {error}") from error
    except RuntimeError as error:
        if "projection" not in str(error):
            raise
        raise QueryError(
            f"{display_path(query.path)}: {error}; every parameter must be a variable the SELECT returns"
        ) from error
