"""The OWL ontology: loads, declares every term with label, comment and alignment, is consistent.

ontology/README.md's reference tables name every class, controlled value and property, and their
section headers count them.
"""

from __future__ import annotations

import re

import owlrl
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from rivalgraph.build import collect
from rivalgraph.resources import ontology_file
from rivalgraph.validate import to_rdflib

from .docs_support import REPO

RG = rdflib.Namespace("https://w3id.org/rivalgraph/ontology#")
WD = rdflib.Namespace("http://www.wikidata.org/entity/")
SCHEMA = rdflib.Namespace("https://schema.org/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
SPORT = rdflib.Namespace("http://www.bbc.co.uk/ontologies/sport/")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
ERROR_MESSAGE = rdflib.URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")

REQUIRED_CLASSES = [
    "Athlete", "Nation", "Discipline", "Competition", "Championship", "Meeting",
    "DiamondLeagueMeeting", "Edition", "Race", "Result", "Title", "Medal", "Statement",
    "Response", "Source", "Article", "Outlet", "Injury", "Withdrawal", "PlannedAppearance",
    "Rivalry",
]  # fmt: skip
ALIGNMENTS = [RDFS.subClassOf, RDFS.subPropertyOf, SKOS.exactMatch, SKOS.closeMatch,
              SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch]  # fmt: skip
DECLARED_KINDS = [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual]
ONTOLOGY_README = REPO / "ontology" / "README.md"
# The README's reference sections, by the start of their header, and the kinds of term each one tables.
README_SECTIONS = {
    "Classes": [OWL.Class],
    "Controlled values": [OWL.NamedIndividual],
    "Properties": [OWL.ObjectProperty, OWL.DatatypeProperty],
}
HEADER_COUNTS = {
    "Classes": r"## Classes \((\d+)\)",
    "Controlled values": r"## Controlled values \((\d+) named individuals\)",
    "Properties": r"## Properties \((\d+): (\d+) object, (\d+) datatype\)",
}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_file(), format="turtle")


@pytest.fixture(scope="module")
def declared() -> dict[str, set[str]]:
    """The local names of the ``rg:`` terms of rivalry.ttl (read with pyoxigraph), by ``rdf:type`` IRI."""
    kinds: dict[str, set[str]] = {}
    for quad in ox.parse(path=str(ontology_file()), format=ox.RdfFormat.TURTLE):
        subject = quad.subject
        if quad.predicate.value == str(RDF.type) and isinstance(subject, ox.NamedNode):
            if subject.value.startswith(str(RG)):
                kinds.setdefault(quad.object.value, set()).add(subject.value.removeprefix(str(RG)))
    return kinds


@pytest.fixture(scope="module")
def readme_sections() -> dict[str, str]:
    """ontology/README.md's ``## `` sections, by header line (without the ``## ``)."""
    parts = re.split(r"^## ", ONTOLOGY_README.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {part.partition("\n")[0]: part for part in parts[1:]}


def _section(sections: dict[str, str], start: str) -> str:
    found = [text for header, text in sections.items() if header.startswith(start)]
    assert len(found) == 1, f"ontology/README.md has {len(found)} sections headed '## {start}'"
    return found[0]


def _header_counts(sections: dict[str, str], start: str) -> tuple[int, ...] | None:
    match = re.match(HEADER_COUNTS[start], "## " + _section(sections, start))
    return tuple(int(number) for number in match.groups()) if match else None


def _terms(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    return {
        term
        for kind in DECLARED_KINDS
        for term in graph.subjects(RDF.type, kind)
        if isinstance(term, rdflib.URIRef) and str(term).startswith(str(RG))
    }


def test_has_one_versioned_licensed_header(ontology: rdflib.Graph) -> None:
    headers = list(ontology.subjects(RDF.type, OWL.Ontology))
    assert len(headers) == 1
    assert ontology.value(headers[0], OWL.versionInfo) is not None
    assert ontology.value(headers[0], rdflib.DCTERMS.license) is not None


@pytest.mark.parametrize("name", REQUIRED_CLASSES)
def test_declares_required_class(ontology: rdflib.Graph, name: str) -> None:
    assert (RG[name], RDF.type, OWL.Class) in ontology


def test_every_term_is_labelled_commented_and_aligned(ontology: rdflib.Graph) -> None:
    terms = _terms(ontology)
    assert len(terms) > 80
    unlabelled = sorted(t for t in terms if ontology.value(t, RDFS.label) is None)
    uncommented = sorted(t for t in terms if ontology.value(t, RDFS.comment) is None)
    unaligned = sorted(
        t
        for t in terms
        if not any(
            not str(target).startswith(str(RG))
            for predicate in ALIGNMENTS
            for target in ontology.objects(t, predicate)
        )
        and (t, RDF.type, OWL.NamedIndividual) not in ontology
    )
    assert unlabelled == [], f"no rdfs:label: {unlabelled}"
    assert uncommented == [], f"no rdfs:comment: {uncommented}"
    assert unaligned == [], f"no alignment to an outside vocabulary: {unaligned}"


@pytest.mark.parametrize(
    ("term", "target", "predicate"),
    [
        (RG.Athlete, SCHEMA.Person, RDFS.subClassOf),
        (RG.Statement, SCHEMA.Quotation, RDFS.subClassOf),
        (RG.Article, SCHEMA.NewsArticle, RDFS.subClassOf),
        (RG.Race, SPORT.UnitCompetition, RDFS.subClassOf),
        (RG.Competition, SPORT.Competition, RDFS.subClassOf),
        (RG.Response, OA.Annotation, RDFS.subClassOf),
        (RG.speaker, PROV.wasAttributedTo, RDFS.subPropertyOf),
        (RG.competedIn, SPORT.competesIn, RDFS.subPropertyOf),
        (RG.Discipline1500m, WD.Q191691, SKOS.exactMatch),
        (RG.Discipline5000m, WD.Q240500, SKOS.exactMatch),
        (RG.Discipline3000m, WD.Q223779, SKOS.exactMatch),
        (RG.DisciplineMile, WD.Q943635, SKOS.exactMatch),
        (RG.Final, WD.Q1366722, SKOS.exactMatch),
    ],
)
def test_alignment(ontology: rdflib.Graph, term: rdflib.URIRef, target: rdflib.URIRef,
                   predicate: rdflib.URIRef) -> None:  # fmt: skip
    assert (term, predicate, target) in ontology


def test_responses_are_replying_annotations(ontology: rdflib.Graph) -> None:
    restrictions = [
        node
        for node in ontology.objects(RG.Response, RDFS.subClassOf)
        if (node, OWL.onProperty, OA.motivatedBy) in ontology
    ]
    assert [ontology.value(node, OWL.hasValue) for node in restrictions] == [OA.replying]


def test_ontology_with_curated_data_is_consistent_under_owl_rl() -> None:
    sources = collect()
    seed = [q for file in sources.scan.files if not file.name.endswith(".csv") for q in file.quads()]
    graph = to_rdflib([*sources.ontology, *seed])
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = [str(graph.value(m, None)) for m in graph.subjects(RDF.type, ERROR_MESSAGE)]
    assert errors == []
    assert list(graph.subjects(RDF.type, OWL.Nothing)) == []
    # The reasoner derives what the alignment promises: a quoted athlete is a schema:Person.
    assert (rdflib.URIRef("https://w3id.org/rivalgraph/id/athlete/josh-kerr"), RDF.type,
            SCHEMA.Person) in graph  # fmt: skip


@pytest.mark.parametrize("start", README_SECTIONS)
def test_readme_names_every_term(declared: dict[str, set[str]], readme_sections: dict[str, str],
                                 start: str) -> None:  # fmt: skip
    terms = set().union(*(declared.get(str(kind), set()) for kind in README_SECTIONS[start]))
    assert terms, f"rivalry.ttl declares no {README_SECTIONS[start]}"
    named = set(re.findall(r"`rg:(\w+)`", _section(readme_sections, start)))
    missing = sorted(terms - named)
    assert missing == [], f"ontology/README.md '## {start}' does not name: {missing}"


def test_readme_names_only_declared_terms(declared: dict[str, set[str]]) -> None:
    every = set().union(*declared.values())
    named = set(re.findall(r"`rg:(\w+)`", ONTOLOGY_README.read_text(encoding="utf-8")))
    assert sorted(named - every) == [], "ontology/README.md names terms rivalry.ttl does not declare"


def test_readme_headers_count_the_terms(
    declared: dict[str, set[str]], readme_sections: dict[str, str]
) -> None:
    counted = {start: _header_counts(readme_sections, start) for start in HEADER_COUNTS}
    objects, datatypes = len(declared[str(OWL.ObjectProperty)]), len(declared[str(OWL.DatatypeProperty)])
    assert counted == {
        "Classes": (len(declared[str(OWL.Class)]),),
        "Controlled values": (len(declared[str(OWL.NamedIndividual)]),),
        "Properties": (objects + datatypes, objects, datatypes),
    }
