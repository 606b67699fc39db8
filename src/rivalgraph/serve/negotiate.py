"""Content negotiation: which serialization to answer with, from the Accept header.

Two families of answers: query *results* (SELECT and ASK) and RDF *graphs*
(CONSTRUCT, DESCRIBE, service descriptions, graph-store reads).  Each maps
media types to the pyoxigraph serializer that writes them.  The client's
q-values and specificity decide; ties go to the server's order (JSON and
Turtle first).

Examples
--------
>>> choose(RESULTS, "text/csv;q=0.9, application/sparql-results+xml").media_type
'application/sparql-results+xml'
>>> choose(GRAPHS, "*/*").media_type
'text/turtle'
>>> choose(GRAPHS, "application/sparql-results+json") is None
True
>>> choose(RESULTS, None).media_type
'application/sparql-results+json'
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

__all__ = [
    "Format",
    "RESULTS",
    "BOOLEANS",
    "GRAPHS",
    "parse_accept",
    "choose",
    "choose_graph",
    "content_type",
]


@dataclass(frozen=True)
class Format:
    """A media type we answer with, and the pyoxigraph format that writes it."""

    media_type: str
    format: ox.QueryResultsFormat | ox.RdfFormat
    charset: bool = False

    @property
    def rdf(self) -> ox.RdfFormat:
        """The RDF serializer (for graph answers)."""
        assert isinstance(self.format, ox.RdfFormat), self
        return self.format

    @property
    def results(self) -> ox.QueryResultsFormat:
        """The query-results serializer (for SELECT and ASK answers)."""
        assert isinstance(self.format, ox.QueryResultsFormat), self
        return self.format


RESULTS: tuple[Format, ...] = (
    Format("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    Format("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    Format("text/csv", ox.QueryResultsFormat.CSV, charset=True),
    Format("text/tab-separated-values", ox.QueryResultsFormat.TSV, charset=True),
    # Aliases some clients send instead of the registered types.
    Format("application/json", ox.QueryResultsFormat.JSON),
    Format("application/xml", ox.QueryResultsFormat.XML),
    Format("text/xml", ox.QueryResultsFormat.XML, charset=True),
)
GRAPHS: tuple[Format, ...] = (
    Format("text/turtle", ox.RdfFormat.TURTLE, charset=True),
    Format("application/n-triples", ox.RdfFormat.N_TRIPLES),
    Format("application/rdf+xml", ox.RdfFormat.RDF_XML),
    Format("application/ld+json", ox.RdfFormat.JSON_LD),
    Format("application/trig", ox.RdfFormat.TRIG),
    Format("application/n-quads", ox.RdfFormat.N_QUADS),
    Format("text/n3", ox.RdfFormat.N3, charset=True),
    Format("application/x-turtle", ox.RdfFormat.TURTLE),
    Format("text/plain", ox.RdfFormat.N_TRIPLES, charset=True),
)


@dataclass(frozen=True)
class _Range:
    kind: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> int:
        """How specifically this range matches (2 exact, 1 type/*, 0 */*, -1 not)."""
        kind, subtype = media_type.split("/", 1)
        if self.kind == "*":
            return 0
        if self.kind != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == subtype else -1


def parse_accept(header: str | None) -> list[_Range]:
    """Parse an Accept header into media ranges; a missing header accepts anything.

    Examples
    --------
    >>> [(r.kind, r.subtype, r.q) for r in parse_accept("text/*;q=0.5, application/json")]
    [('text', '*', 0.5), ('application', 'json', 1.0)]
    """
    if header is None or not header.strip():
        return [_Range("*", "*", 1.0, 0)]
    ranges = []
    for order, part in enumerate(header.split(",")):
        fields = [field.strip() for field in part.split(";")]
        kind, _, subtype = fields[0].lower().partition("/")
        if not kind or not subtype:
            if fields[0] == "*":
                kind, subtype = "*", "*"
            else:
                continue
        q = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(_Range(kind, subtype, q, order))
    return ranges


def choose(formats: tuple[Format, ...], header: str | None) -> Format | None:
    """Pick the format the client prefers among ``formats``, or ``None`` (answer 406)."""
    ranges = parse_accept(header)
    best: tuple[float, int] | None = None
    chosen = None
    for rank, candidate in enumerate(formats):
        matching = [(r.matches(candidate.media_type), r.q) for r in ranges]
        matching = [m for m in matching if m[0] >= 0]
        if not matching:
            continue
        q = max(matching)[1]  # the most specific range decides
        if q <= 0:
            continue
        score = (q, -rank)
        if best is None or score > best:
            best, chosen = score, candidate
    return chosen


#: The results formats an ASK answer is sent in: the W3C CSV and TSV formats define no
#: boolean, and a bare ``true`` is read as false by rdflib.
BOOLEANS: tuple[Format, ...] = tuple(f for f in RESULTS if f.format not in (
    ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV))  # fmt: skip
_JSON_LD = next(f for f in GRAPHS if f.format == ox.RdfFormat.JSON_LD)
_RDF_XML = next(f for f in GRAPHS if f.format == ox.RdfFormat.RDF_XML)


def choose_graph(header: str | None) -> Format | None:
    """Pick the RDF format of a graph answer (CONSTRUCT, DESCRIBE); never strand a client.

    A client that asks only for query-results types still gets the graph, as Virtuoso and
    Fuseki answer: ``application/json`` as JSON-LD, ``application/xml`` as RDF/XML, any
    other results type as Turtle.  ``None`` (406) only when it accepts none of these.

    Examples
    --------
    >>> asked = ("application/json", "text/xml", "application/sparql-results+json")
    >>> [choose_graph(h).media_type for h in asked]
    ['application/ld+json', 'application/rdf+xml', 'text/turtle']
    >>> choose_graph("image/png") is None
    True
    """
    chosen = choose(GRAPHS, header)
    if chosen is not None:
        return chosen
    wanted = choose(RESULTS, header)
    if wanted is None:
        return None
    if wanted.format == ox.QueryResultsFormat.JSON and wanted.media_type == "application/json":
        return _JSON_LD
    if wanted.media_type in ("application/xml", "text/xml"):
        return _RDF_XML
    return GRAPHS[0]


def content_type(chosen: Format) -> str:
    """The Content-Type header for an answer in ``chosen``.

    Examples
    --------
    >>> content_type(RESULTS[2])
    'text/csv; charset=utf-8'
    """
    return f"{chosen.media_type}; charset=utf-8" if chosen.charset else chosen.media_type
