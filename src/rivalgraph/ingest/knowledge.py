"""What the graph already knows that ingestion resolves against.

Athletes (name, nation, birth date), outlets, competitions, editions, titles
and statements, read with SPARQL from any :class:`~rivalgraph.store.Store`:
the built store, or the curated files loaded into memory
(:meth:`Knowledge.from_quads` with the quads of :func:`rivalgraph.build.collect`).

Examples
--------
>>> from pyoxigraph import Literal, Quad
>>> from rivalgraph.namespaces import ATHLETE, GRAPH, NATION, RDF, RDFS, RG
>>> kerr = ATHLETE["josh-kerr"]
>>> known = Knowledge.from_quads([
...     Quad(kerr, RDF.type, RG.Athlete, GRAPH.g), Quad(kerr, RDFS.label, Literal("Josh Kerr"), GRAPH.g),
...     Quad(kerr, RG.nation, NATION.GBR, GRAPH.g), Quad(NATION.GBR, RG.iocCode, Literal("GBR"), GRAPH.g)])
>>> known.athletes[kerr.value].nations
frozenset({'GBR'})
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from rivalgraph.namespaces import COMPETITION, OUTLET
from rivalgraph.store import OxigraphStore, Store, Term

__all__ = [
    "KnownAthlete",
    "KnownEdition",
    "KnownTitle",
    "KnownStatement",
    "Knowledge",
]


@dataclass(frozen=True)
class KnownAthlete:
    """An athlete of the graph."""

    iri: str
    label: str
    nations: frozenset[str] = frozenset()
    birth: dt.date | None = None


@dataclass(frozen=True)
class KnownEdition:
    """An edition of a competition, with what the graph says of its place and dates."""

    iri: str
    competition: str
    year: int
    city: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class KnownTitle:
    """A title held: who, which edition (competition and year) and discipline."""

    iri: str
    label: str
    athlete: str
    edition: str
    competition: str
    year: int
    discipline: str


@dataclass(frozen=True)
class KnownStatement:
    """A statement already in the graph, with the named graph it lives in."""

    iri: str
    speaker: str
    text: str
    graph: str
    source: str | None
    reported_on: dt.date | None


@dataclass
class Knowledge:
    """Everything ingestion looks up, keyed by IRI (outlets and competitions by slug)."""

    athletes: dict[str, KnownAthlete] = field(default_factory=dict)
    outlets: dict[str, str] = field(default_factory=dict)
    competitions: dict[str, str] = field(default_factory=dict)
    editions: dict[str, KnownEdition] = field(default_factory=dict)
    titles: list[KnownTitle] = field(default_factory=list)
    title_dates: dict[str, dt.date] = field(default_factory=dict)
    statements: list[KnownStatement] = field(default_factory=list)
    graphs: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    subjects: set[str] = field(default_factory=set)
    #: Indexes built from the above on first use (the name index of ingest.references).
    cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> Knowledge:
        """Read from quads (for instance the curated files, parsed)."""
        return cls.from_store(OxigraphStore.in_memory(quads))

    @classmethod
    def from_store(cls, store: Store) -> Knowledge:
        """Read from a store whose default graph is the merge of its named graphs."""
        known = cls()
        known._athletes(store)
        known.outlets = {_tail(row["o"]): _value(row["label"]) for row in _rows(store, _OUTLETS)}
        known.competitions = {_tail(row["c"]): _value(row["label"]) for row in _rows(store, _COMPETITIONS)}
        for row in _rows(store, _EDITIONS):
            iri = _value(row["e"])
            known.editions[iri] = KnownEdition(
                iri, _tail(row["c"]), int(_value(row["year"])[:4]), _opt(row.get("city")),
                _date(row.get("start")), _date(row.get("end")),
            )  # fmt: skip
        for row in _rows(store, _TITLES):
            known.titles.append(KnownTitle(
                _value(row["t"]), _opt(row.get("label")) or _tail(row["t"]), _value(row["a"]),
                _value(row["e"]), _tail(row["c"]), int(_value(row["year"])[:4]), _value(row["d"]),
            ))  # fmt: skip
        for query in (_TITLE_RACE_DATES, _TITLE_EDITION_DATES):
            for row in _rows(store, query):
                if (day := _date(row.get("d"))) is not None:
                    title = _value(row["t"])
                    known.title_dates[title] = min(day, known.title_dates.get(title, day))
        for row in _rows(store, _STATEMENTS):
            known.statements.append(KnownStatement(
                _value(row["s"]), _value(row["speaker"]), _value(row["text"]), _value(row["g"]),
                _opt(row.get("source")), _date(row.get("on")),
            ))  # fmt: skip
        known.graphs = {_value(row["g"]) for row in _rows(store, _GRAPHS)}
        known.sources = {_value(row["s"]) for row in _rows(store, _SOURCES)}
        known.subjects = {_value(row["s"]) for row in _rows(store, _SUBJECTS)}
        return known

    def _athletes(self, store: Store) -> None:
        labels: dict[str, str] = {}
        nations: dict[str, set[str]] = defaultdict(set)
        births: dict[str, dt.date | None] = {}
        for row in _rows(store, _ATHLETES):
            iri = _value(row["a"])
            labels.setdefault(iri, _value(row["label"]))
            if row.get("ioc") is not None:
                nations[iri].add(_value(row["ioc"]))
            births[iri] = births.get(iri) or _date(row.get("birth"))
        self.athletes = {
            iri: KnownAthlete(iri, label, frozenset(nations[iri]), births.get(iri))
            for iri, label in labels.items()
        }

    def edition(self, competition: str, year: int) -> KnownEdition | None:
        """Return the edition of a competition slug in a year, if the graph has it."""
        for edition in self.editions.values():
            if edition.competition == competition and edition.year == year:
                return edition
        return None


_ATHLETES = """
SELECT ?a ?label ?ioc ?birth WHERE {
  ?a a rg:Athlete ; rdfs:label ?label .
  OPTIONAL { ?a rg:nation ?n . OPTIONAL { ?n rg:iocCode ?code } BIND(COALESCE(?code, REPLACE(STR(?n), "^.*/", "")) AS ?ioc) }
  OPTIONAL { ?a schema:birthDate ?birth }
} ORDER BY ?a ?label
"""
_OUTLETS = "SELECT ?o (MIN(?l) AS ?label) WHERE { ?o a rg:Outlet ; rdfs:label ?l } GROUP BY ?o"
_COMPETITIONS = """
SELECT ?c (MIN(?l) AS ?label) WHERE {
  VALUES ?class { rg:Competition rg:Championship rg:Meeting rg:DiamondLeagueMeeting }
  ?c a ?class ; rdfs:label ?l
} GROUP BY ?c
"""
_EDITIONS = """
SELECT ?e ?c (MIN(STR(?y)) AS ?year) (MIN(?ci) AS ?city) (MIN(?s) AS ?start) (MIN(?en) AS ?end) WHERE {
  ?e a rg:Edition ; rg:editionOf ?c ; rg:year ?y .
  OPTIONAL { ?e rg:city ?ci } OPTIONAL { ?e schema:startDate ?s } OPTIONAL { ?e schema:endDate ?en }
} GROUP BY ?e ?c
"""
_TITLES = """
SELECT ?t ?a ?e ?c ?d (MIN(STR(?y)) AS ?year) (MIN(?l) AS ?label) WHERE {
  ?t a rg:Title ; rg:athlete ?a ; rg:edition ?e ; rg:discipline ?d .
  ?e rg:editionOf ?c ; rg:year ?y .
  OPTIONAL { ?t rdfs:label ?l }
} GROUP BY ?t ?a ?e ?c ?d
"""
# A title's day is the earliest of its race's and its edition's start dates; two plain joins,
# combined in Python: one query with a UNION and a property path took minutes on the full graph.
_TITLE_RACE_DATES = """
SELECT ?t ?d WHERE { ?t a rg:Title ; rg:race ?r . ?r schema:startDate ?d }
"""
_TITLE_EDITION_DATES = """
SELECT ?t ?d WHERE { ?t a rg:Title ; rg:edition ?e . ?e schema:startDate ?d }
"""
_STATEMENTS = """
SELECT ?s ?speaker ?text ?g ?source ?on WHERE {
  GRAPH ?g { ?s rg:text ?text ; rg:speaker ?speaker .
             OPTIONAL { ?s rg:reportedIn ?source } OPTIONAL { ?s rg:reportedOn ?on } }
} ORDER BY ?g ?s
"""
# The IRIs ingestion mints (statements and events): a new one must not collide with these.
_SUBJECTS = """
SELECT DISTINCT ?s WHERE {
  VALUES ?type { rg:Statement rg:Response rg:Injury rg:Withdrawal rg:PlannedAppearance }
  ?s a ?type FILTER(isIRI(?s))
}
"""
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a rg:SourceGraph } }"
_SOURCES = """
SELECT DISTINCT ?s WHERE { VALUES ?class { rg:Source rg:Article rg:ResultsTable } ?s a ?class }
"""


def _rows(store: Store, sparql: str) -> list[dict[str, Term | None]]:
    return store.select(sparql).dicts()


def _value(term: Term | None) -> str:
    return str(getattr(term, "value", ""))


def _opt(term: Term | None) -> str | None:
    return None if term is None else _value(term)


def _tail(term: Term | None) -> str:
    value = _value(term)
    for namespace in (COMPETITION, OUTLET):
        if namespace.is_in(value):
            return value[len(namespace) :]
    return value.rsplit("/", 1)[-1]


def _date(term: Term | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(_value(term)) if term is not None else None
    except ValueError:
        return None
