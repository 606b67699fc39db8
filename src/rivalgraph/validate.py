"""Check a graph before it is published: SHACL shapes, declared terms, provenance.

Every check returns a list of problems in words a curator can act on: the
node, the property, what is wrong, and the file the node comes from.  An empty
list means the graph passes.

Every check is linear in the number of quads and cheap: the Python ones build
sets of terms in one pass each and look at single quads only to say where a
problem lies.  SHACL runs on pyshacl-turbo (a Rust engine with pySHACL's API and
verdicts), fed the triples as N-Triples text, so no rdflib copy of the graph is
made; ``engine="pyshacl"`` keeps pySHACL itself, the reference the tests compare
against.  The text is made from the parsed quads, not read back from a store:
Oxigraph stores ``"1"^^xsd:positiveInteger`` as ``"1"^^xsd:integer``, which
``sh:datatype xsd:positiveInteger`` would then refuse.

Examples
--------
>>> from pyoxigraph import Literal, Quad
>>> from rivalgraph.namespaces import ATHLETE, GRAPH, RDFS, RG, RDF
>>> quads = [Quad(ATHLETE.a, RDF.type, RG.Athlete, GRAPH.x),
...          Quad(ATHLETE.a, RG.nickname, Literal("Jake"), GRAPH.x)]
>>> undeclared_terms(quads, {RG.Athlete.value}, {GRAPH.x: "graph/x.trig"})
['graph/x.trig: rg:nickname is used but not declared in ontology/rivalry.ttl']
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
import pyshacl_turbo
import rdflib
from pyshacl import validate as pyshacl_validate
from pyshacl_turbo.rdf import Input as TurboInput

from rivalgraph.athletics.identity import name_key, scripts_of
from rivalgraph.namespaces import GRAPH, ONTOLOGY_IRI, OWL, RDF, RG, RGSH, SH, SOURCE, XSD
from rivalgraph.sources import IMPORT_MANIFEST

__all__ = [
    "declared_terms",
    "undeclared_terms",
    "rg_iris_in",
    "file_provenance_problems",
    "graph_ownership_problems",
    "writer_kind",
    "is_far_date",
    "source_statement",
    "note_source_statement",
    "conflicting_source_descriptions",
    "far_date_problems",
    "athletes_sharing_a_name",
    "curated_athletes_not_imported",
    "shape_problems",
    "shacl_report",
    "describe_violations",
    "ntriples",
    "ntriples_bytes",
    "to_rdflib",
    "ENGINES",
]

#: SHACL engines: pyshacl-turbo (fast, the default) and pySHACL (the reference).
ENGINES = ("turbo", "pyshacl")

_DECLARATIONS = {
    OWL.Class.value,
    OWL.ObjectProperty.value,
    OWL.DatatypeProperty.value,
    OWL.AnnotationProperty.value,
    OWL.NamedIndividual.value,
    OWL.Ontology.value,
}


def _short(term: object) -> str:
    value = getattr(term, "value", str(term))
    if isinstance(value, str) and value.startswith(str(RG)):
        return "rg:" + value[len(str(RG)) :]
    return f"<{value}>" if isinstance(term, ox.NamedNode) else str(term)


def declared_terms(ontology: Iterable[ox.Quad]) -> set[str]:
    """Return the IRIs the ontology declares (classes, properties, individuals)."""
    return {
        quad.subject.value
        for quad in ontology
        if quad.predicate == RDF.type
        and isinstance(quad.object, ox.NamedNode)
        and quad.object.value in _DECLARATIONS
        and isinstance(quad.subject, ox.NamedNode)
    }


def _rg_iris(terms: Iterable[object], declared: set[str]) -> set[str]:
    rg = str(RG)
    return {
        term.value
        for term in terms
        if isinstance(term, ox.NamedNode) and term.value.startswith(rg) and term.value not in declared
    }


_RG_IRI = re.compile(rb"<(" + re.escape(str(RG).encode()) + rb"[^>]*)>")


_LINE_END = re.compile(rb"\n")
_RG_CHUNK = 1 << 23


def rg_iris_in(text: bytes | memoryview) -> set[str]:
    """Every ``rg:`` IRI written in N-Triples ``text`` (a regular expression: C speed).

    The text is searched 8 MB at a time (cut at line ends), so the matches of a
    large graph are never all in one list.

    >>> sorted(rg_iris_in(b'<urn:a> <https://w3id.org/rivalgraph/ontology#place> "1" .'))
    ['https://w3id.org/rivalgraph/ontology#place']
    """
    found: set[bytes] = set()
    start, size = 0, len(text)
    while start < size:
        cut = _LINE_END.search(text, min(start + _RG_CHUNK, size))
        end = size if cut is None else cut.end()
        found.update(_RG_IRI.findall(text, start, end))
        start = end
    return {match.decode() for match in found}


def undeclared_terms(
    quads: Iterable[ox.Quad],
    declared: set[str],
    files: Mapping[ox.NamedNode, str] | None = None,
    used: set[str] | None = None,
) -> list[str]:
    """List every ``rg:`` IRI used in ``quads`` that the ontology does not declare.

    ``used`` is the set of ``rg:`` IRIs the quads use, if known (from
    :func:`rg_iris_in` on their N-Triples); otherwise one pass collects the
    distinct subjects, predicates and objects.  Either way the test against the
    ontology runs once per term, not once per quad; only when an undeclared
    term turns up does a second pass find where it is used.
    """
    if used is None:
        quads = quads if isinstance(quads, Sequence) else list(quads)
        subjects = {quad.subject for quad in quads}
        predicates = {quad.predicate for quad in quads}
        objects = {quad.object for quad in quads}
        unknown = _rg_iris(itertools.chain(subjects, predicates, objects), declared)
    else:
        unknown = used - declared
    if not unknown:
        return []
    uses: dict[str, set[str]] = defaultdict(set)
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode) and term.value in unknown:
                graph = quad.graph_name
                named = isinstance(graph, ox.NamedNode) and graph in (files or {})
                where = (files or {})[graph] if named else _short(graph)  # type: ignore[index]
                uses[term.value].add(where)
    return [
        f"{where}: {_short(ox.NamedNode(iri))} is used but not declared in ontology/rivalry.ttl"
        for iri in sorted(uses)
        for where in sorted(uses[iri])
    ]


#: Graph names no RDF file may write into: tables, imports and analyses generate them,
#: and their source is the one the generator declares.
RESERVED_GRAPH_PREFIXES = ("results-", "toplist-", "analysis-")
RESERVED_GRAPHS = frozenset({ONTOLOGY_IRI, str(RGSH).rstrip("#"), str(GRAPH["merged"].value),
                             str(GRAPH["catalog"].value)})  # fmt: skip

#: What kind of input wrote a graph: a results table, an import manifest, or an RDF file.
WriterKind = Literal["table", "import", "rdf"]


def writer_kind(file: str) -> WriterKind:
    """The kind of input a source file is, from its name.

    >>> [writer_kind(f) for f in ("graph/results/finals.csv", "graph/imports/imports.toml", "a.trig")]
    ['table', 'import', 'rdf']
    """
    if file.endswith(".csv"):
        return "table"
    return "import" if file.endswith(IMPORT_MANIFEST) else "rdf"


def graph_ownership_problems(writers: Iterable[tuple[str, Iterable[object]]]) -> list[str]:
    """Refuse any named graph written by two files, or by an RDF file into a generated graph.

    ``writers`` are ``(file, graph names it fills)`` in build order.  A named graph
    says where its facts come from (``prov:wasDerivedFrom``), so a file that could
    add triples to another file's graph could make them look as if that graph's
    source said them.  Results tables are the one case of shared writing: every
    table citing a source fills that source's ``graph:results-…`` graph, so a source
    can be split across tables (each of its rows is a fact of that source).

    >>> from rivalgraph.namespaces import GRAPH
    >>> x = {GRAPH["article-x"]}
    >>> forged = graph_ownership_problems([("a.trig", x), ("b.trig", x)])
    >>> for part in forged[0].split("; "):
    ...     print(part)
    b.trig: writes into named graph <https://w3id.org/rivalgraph/id/graph/article-x>, which a.trig writes
    a file may write only into its own named graphs
    >>> graph_ownership_problems([("f.trig", {GRAPH["results-toplist-1500"]})])[0].split("; ")[1]
    'only a results table (.csv), an import or an analysis generates a graph of that name'
    >>> graph_ownership_problems([("a.csv", {GRAPH["results-s"]}), ("b.csv", {GRAPH["results-s"]})])
    []
    """
    owner: dict[str, str] = {}
    problems: list[str] = []
    for file, graphs in writers:
        kind = writer_kind(file)
        for graph in sorted({g.value for g in graphs if isinstance(g, ox.NamedNode)}):
            shown = _short(ox.NamedNode(graph))
            local = graph.removeprefix(str(GRAPH))
            if kind == "rdf" and (graph in RESERVED_GRAPHS or (
                    graph != local and local.startswith(RESERVED_GRAPH_PREFIXES))):  # fmt: skip
                problems.append(
                    f"{file}: writes into named graph {shown}; only a results table (.csv), an import "
                    "or an analysis generates a graph of that name"
                )
                continue
            first = owner.setdefault(graph, file)
            if first != file and not (kind == "table" and writer_kind(first) == "table"):
                problems.append(
                    f"{file}: writes into named graph {shown}, which {first} writes; "
                    "a file may write only into its own named graphs"
                )
    return problems


def file_provenance_problems(
    file: str, graphs: Iterable[object], loose: int, sourced: Iterable[object]
) -> list[str]:
    """The provenance problems of one file, from its facts.

    ``graphs`` are the graph names the file fills, ``loose`` the number of its
    triples outside any named graph, ``sourced`` the graphs that say
    ``prov:wasDerivedFrom`` about themselves.

    >>> from rivalgraph.namespaces import GRAPH
    >>> problems = file_provenance_problems("a.trig", {GRAPH.a}, 0, set())
    >>> problems[0].split(" does not say ")
    ['a.trig: named graph <https://w3id.org/rivalgraph/id/graph/a>', 'prov:wasDerivedFrom its source']
    """
    problems = []
    if loose:
        problems.append(
            f"{file}: {loose} triples outside any named graph; put them in a GRAPH "
            "that says prov:wasDerivedFrom its source"
        )
    named = {name for name in graphs if isinstance(name, ox.NamedNode)}
    problems += [
        f"{file}: named graph {_short(graph)} does not say prov:wasDerivedFrom its source"
        for graph in sorted(named - set(sourced), key=str)
    ]
    return problems


#: The datatypes whose value starts with a year.
DATE_TYPES = frozenset({XSD.date, XSD.dateTime, XSD.dateTimeStamp, XSD.gYear, XSD.gYearMonth})
_FOUR_DIGIT_YEAR = re.compile(r"(?!0000)\d{4}(?!\d)")


def is_far_date(term: object) -> bool:
    """Whether ``term`` is a date literal whose year is not four digits (before 1 or after 9999).

    XML Schema allows such years, but Python's dates, the timeline's sort and most clients
    do not: a five-digit year in a sports graph is a typing slip, refused by the build.

    >>> from rivalgraph.namespaces import XSD
    >>> [is_far_date(ox.Literal(text, datatype=XSD.date)) for text in ("2024-03-05", "12024-03-05")]
    [False, True]
    >>> is_far_date(ox.Literal("-0044-03-15", datatype=XSD.date)), is_far_date(ox.Literal("12024"))
    (True, False)
    """
    return (
        isinstance(term, ox.Literal)
        and term.datatype in DATE_TYPES
        and _FOUR_DIGIT_YEAR.match(term.value) is None
    )


def far_date_problems(found: Iterable[tuple[str, ox.Quad]]) -> list[str]:
    """One problem per ``(file, quad)`` whose object is a far date (see :func:`is_far_date`).

    >>> from rivalgraph.namespaces import XSD
    >>> quad = ox.Quad(RG.s, RG.statedOn, ox.Literal("12024-03-02", datatype=XSD.date))
    >>> far_date_problems([("a.trig", quad)])[0].split(": ")[:2]
    ['a.trig', 'rg:s rg:statedOn "12024-03-02"']
    """
    return [
        f'{file}: {_short(quad.subject)} {_short(quad.predicate)} "{quad.object.value}": '  # type: ignore[union-attr]
        "a date's year has four digits (0001-9999); write it as YYYY-MM-DD"
        for file, quad in found
    ]


#: ``{source IRI: {file: {(predicate IRI, object as N-Triples)}}}``: what each file says of each source.
SourceDescriptions = dict[str, dict[str, set[tuple[str, str]]]]
_SOURCE_PREFIX = str(SOURCE)
_LOCAL_COPY = RG.localCopy


def source_statement(quad: ox.Quad) -> tuple[str, tuple[str, str]] | None:
    """``(source IRI, (predicate, object))`` if ``quad`` describes a source, else ``None``.

    ``rg:localCopy`` does not count: each file of a split table names its own.
    """
    subject = quad.subject
    if not (isinstance(subject, ox.NamedNode) and subject.value.startswith(_SOURCE_PREFIX)):
        return None
    if quad.predicate == _LOCAL_COPY:
        return None
    return subject.value, (quad.predicate.value, str(quad.object))


def note_source_statement(descriptions: SourceDescriptions, file: str, quad: ox.Quad) -> None:
    """Add to ``descriptions`` what ``quad`` of ``file`` says of a source, if it describes one."""
    said = source_statement(quad)
    if said is not None:
        descriptions.setdefault(said[0], {}).setdefault(file, set()).add(said[1])


def conflicting_source_descriptions(descriptions: SourceDescriptions) -> list[str]:
    """Name both files wherever two files give one property of one source different values.

    A source is described once and cited by many files; a second file may add
    what the first leaves out, but not say otherwise (two titles, two dates).  A
    table's description is the row of the ``sources.csv`` beside it.

    >>> title = "http://www.w3.org/2000/01/rdf-schema#label"
    >>> said = {"https://w3id.org/rivalgraph/id/source/s": {
    ...     "a/t.csv": {(title, '"WA list"')}, "b/t.csv": {(title, '"World Athletics list"')}}}
    >>> print(conflicting_source_descriptions(said)[0])
    source <https://w3id.org/rivalgraph/id/source/s> is described differently by a/t.csv and b/t.csv: \
<http://www.w3.org/2000/01/rdf-schema#label> "WA list" in a/t.csv, "World Athletics list" in b/t.csv; \
describe a source once (one row of one sources.csv, or one RDF file) and cite it from the others \
(a table's source is described by its row of the sources.csv beside the table)
    """
    problems = []
    for source, by_file in sorted(descriptions.items()):
        files = sorted(by_file)
        for i, first in enumerate(files):
            for second in files[i + 1 :]:
                mine, theirs = _by_property(by_file[first]), _by_property(by_file[second])
                for prop in sorted(mine.keys() & theirs.keys()):
                    if mine[prop] != theirs[prop]:
                        problems.append(
                            f"source <{source}> is described differently by {first} and {second}: "
                            f"<{prop}> {', '.join(sorted(mine[prop]))} in {first}, "
                            f"{', '.join(sorted(theirs[prop]))} in {second}; describe a source once "
                            "(one row of one sources.csv, or one RDF file) and cite it from the others"
                            + (_TABLE_HINT if first.endswith(".csv") or second.endswith(".csv") else "")
                        )
    return problems


_TABLE_HINT = " (a table's source is described by its row of the sources.csv beside the table)"


def _by_property(said: set[tuple[str, str]]) -> dict[str, set[str]]:
    grouped: dict[str, set[str]] = defaultdict(set)
    for prop, value in said:
        grouped[prop].add(value)
    return grouped


def athletes_sharing_a_name(athletes: set[str], labels: Iterable[tuple[str, str]]) -> list[str]:
    """Name every athlete name that more than one athlete IRI carries, and every suspect name.

    Names count as one whatever their case, accents, script or word order
    (:func:`~rivalgraph.athletics.identity.name_key`: "Kerr Josh" is "Josh Kerr", and
    "Kеrr" with a Cyrillic "е" is "Kerr").  A name that mixes the letters of two
    scripts (a look-alike typed in by mistake) or holds a control character is
    refused even alone.

    >>> athletes_sharing_a_name({"urn:a", "urn:b"}, [("urn:a", "Jakob"), ("urn:b", "JAKOB")])
    ["athlete 'jakob' is 2 nodes: urn:a, urn:b"]
    >>> athletes_sharing_a_name({"urn:a", "urn:b"}, [("urn:a", "Josh Kerr"), ("urn:b", "Kerr Josh")])
    ["athlete 'josh kerr' is 2 nodes: urn:a, urn:b"]
    >>> athletes_sharing_a_name({"urn:a"}, [("urn:a", "Josh K\u0435rr")])
    ["athlete 'Josh Kеrr' (urn:a) mixes the letters of two scripts (CYRILLIC, LATIN): a look-alike letter?"]
    """
    by_name: dict[str, set[str]] = defaultdict(set)
    problems = []
    for subject, text in labels:
        if subject in athletes:
            by_name[name_key(text)].add(subject)
            problems += _suspect_name(subject, text)
    return [
        f"athlete {name!r} is {len(iris)} nodes: {', '.join(sorted(iris))}"
        for name, iris in sorted(by_name.items())
        if len(iris) > 1
    ] + sorted(set(problems))


def _suspect_name(subject: str, text: str) -> list[str]:
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        return [f"athlete {text!r} ({subject}) holds a control character; remove it"]
    scripts = scripts_of(text)
    if len(scripts) > 1:
        return [f"athlete {text!r} ({subject}) mixes the letters of two scripts "
                f"({', '.join(sorted(scripts))}): a look-alike letter?"]  # fmt: skip
    return []


def curated_athletes_not_imported(
    athletes: set[str], labels: Iterable[tuple[str, str]], imported: Mapping[str, set[str]]
) -> list[str]:
    """Name every curated athlete whose name an import gives to other nodes only.

    ``imported`` maps a name key (:func:`rivalgraph.athletics.identity.name_key`) to the IRIs
    of the imported athletes of that name.  A curated file that writes ``athlete:john-smith``
    when the toplists know two John Smiths (``john-smith-1990-05-01``, ...) must say which.

    >>> curated_athletes_not_imported({"urn:a"}, [("urn:a", "Jo Lee")], {"jo lee": {"urn:b"}})
    ["athlete 'Jo Lee' (urn:a) is not the imported athlete of that name: urn:b"]
    """
    problems = []
    for subject, text in labels:
        if subject not in athletes:
            continue
        same = imported.get(name_key(text), set())
        if same and subject not in same:
            problems.append(f"athlete {text!r} ({subject}) is not the imported athlete of that name: "
                            f"{', '.join(sorted(same))}")  # fmt: skip
    return sorted(set(problems))


def to_rdflib(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """Copy quads (graph names dropped) into an rdflib graph, for pyshacl."""
    triples = [ox.Triple(quad.subject, quad.predicate, quad.object) for quad in quads]
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=data, format="nt")
    return graph


def ntriples_bytes(quads: Iterable[ox.Quad]) -> bytes:
    """The triples of ``quads`` (graph names dropped) serialized as N-Triples."""
    data = ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES)
    assert data is not None  # no output file given: the text is returned
    return data


def ntriples(quads: Iterable[ox.Quad]) -> str:
    """The triples of ``quads`` (graph names dropped) as N-Triples text, for SHACL."""
    return ntriples_bytes(quads).decode()


@lru_cache(maxsize=4)
def _shapes_graph(shapes: Path, _modified: float) -> rdflib.Graph:
    return rdflib.Graph().parse(shapes, format="turtle")


def shacl_report(data: str, shapes: Path, engine: str = "turbo") -> rdflib.Graph | None:
    """Validate N-Triples ``data`` (the data with the ontology) against ``shapes``.

    Returns ``None`` when the data conforms, else the SHACL validation report.
    With ``engine="turbo"`` the whole validation runs in Rust without the GIL,
    so a build can load its store meanwhile.

    Raises
    ------
    ValueError
        For an engine not in :data:`ENGINES`.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; known: {', '.join(ENGINES)}")
    shapes_graph = _shapes_graph(shapes, shapes.stat().st_mtime)
    if engine == "turbo":
        # Input is pyshacl-turbo's own text source: parsed and validated natively.
        source = TurboInput(data, "nt", None, {})
        conforms, report, _ = pyshacl_turbo.validate(
            source, shacl_graph=shapes_graph, inference="none", advanced=True, allow_warnings=True
        )
    else:
        conforms, report, _ = pyshacl_validate(
            rdflib.Graph().parse(data=data, format="nt"), shacl_graph=shapes_graph,
            inference="none", advanced=True, allow_warnings=True,
        )  # fmt: skip
    if conforms:
        return None
    assert isinstance(report, rdflib.Graph)
    return report


def describe_violations(
    report: rdflib.Graph,
    data: Iterable[ox.Quad],
    files: Mapping[ox.NamedNode, str] | None = None,
) -> list[str]:
    """One line per violation of a SHACL report: ``file: node: property: message``."""
    sh = rdflib.Namespace(str(SH))
    results = list(report.subjects(rdflib.RDF.type, sh.ValidationResult))
    focus_nodes = {str(report.value(result, sh.focusNode)) for result in results}
    where = _files_of_nodes(data, files or {}, focus_nodes)
    problems = []
    for result in results:
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        message = report.value(result, sh.resultMessage) or "violates a shape"
        shown_path = _short(ox.NamedNode(str(path))) if path is not None else "(node)"
        files_of_focus = ", ".join(sorted(where.get(str(focus), {"?"})))
        problems.append(f"{files_of_focus}: <{focus}>: {shown_path}: {message}")
    return sorted(problems)


def shape_problems(
    data: Sequence[ox.Quad],
    ontology: Sequence[ox.Quad],
    shapes: Path,
    files: Mapping[ox.NamedNode, str] | None = None,
    *,
    engine: str = "turbo",
) -> list[str]:
    """Validate ``data`` against the SHACL ``shapes`` file, with the ontology's class tree.

    Returns one line per violation: ``file: node: property: message``.
    """
    report = shacl_report(ntriples(itertools.chain(data, ontology)), shapes, engine)
    return [] if report is None else describe_violations(report, data, files)


def _files_of_nodes(
    data: Iterable[ox.Quad], files: Mapping[ox.NamedNode, str], nodes: set[str]
) -> dict[str, set[str]]:
    # Only on failure, so a plain loop is fine.
    where: dict[str, set[str]] = defaultdict(set)
    for quad in data:
        subject, graph = quad.subject, quad.graph_name
        if isinstance(subject, ox.NamedNode) and isinstance(graph, ox.NamedNode):
            if subject.value in nodes:
                where[subject.value].add(files.get(graph, _short(graph)))
    return where
