"""IRIs of the rivalgraph vocabulary, its data and the vocabularies it aligns to.

A :class:`Namespace` hands out :class:`pyoxigraph.NamedNode` terms, so the rest
of the code never builds an IRI by string concatenation.

Examples
--------
>>> RG.Athlete
<NamedNode value=https://w3id.org/rivalgraph/ontology#Athlete>
>>> ATHLETE["josh-kerr"].value
'https://w3id.org/rivalgraph/id/athlete/josh-kerr'
>>> RG.is_in("https://w3id.org/rivalgraph/ontology#place")
True
"""

from __future__ import annotations

from pyoxigraph import NamedNode

__all__ = [
    "Namespace",
    "RG",
    "RGSH",
    "ONTOLOGY_IRI",
    "DATA_BASE",
    "ATHLETE",
    "NATION",
    "COMPETITION",
    "EDITION",
    "RACE",
    "VENUE",
    "TEAM",
    "RATING",
    "PERSON",
    "RESULT",
    "MEDAL",
    "TITLE",
    "STATEMENT",
    "SOURCE",
    "OUTLET",
    "INJURY",
    "WITHDRAWAL",
    "APPEARANCE",
    "GRAPH",
    "RIVALRY",
    "RDF",
    "RDFS",
    "OWL",
    "XSD",
    "SKOS",
    "SCHEMA",
    "PROV",
    "OA",
    "SPORT",
    "DCTERMS",
    "SH",
    "WD",
    "PREFIXES",
]


class Namespace(str):
    """An IRI prefix whose attributes and items are :class:`NamedNode` terms."""

    __slots__ = ()

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return NamedNode(str(self) + name)

    def __getitem__(self, name: str) -> NamedNode:  # type: ignore[override]
        return NamedNode(str(self) + name)

    def is_in(self, iri: str) -> bool:
        """Tell whether ``iri`` lies in this namespace."""
        return iri.startswith(str(self))


ONTOLOGY_IRI = "https://w3id.org/rivalgraph/ontology"
RG = Namespace(ONTOLOGY_IRI + "#")
RGSH = Namespace("https://w3id.org/rivalgraph/shapes#")
DATA_BASE = "https://w3id.org/rivalgraph/id/"

ATHLETE = Namespace(DATA_BASE + "athlete/")
NATION = Namespace(DATA_BASE + "nation/")
COMPETITION = Namespace(DATA_BASE + "competition/")
EDITION = Namespace(DATA_BASE + "edition/")
RACE = Namespace(DATA_BASE + "race/")
RESULT = Namespace(DATA_BASE + "result/")
MEDAL = Namespace(DATA_BASE + "medal/")
TITLE = Namespace(DATA_BASE + "title/")
STATEMENT = Namespace(DATA_BASE + "statement/")
SOURCE = Namespace(DATA_BASE + "source/")
OUTLET = Namespace(DATA_BASE + "outlet/")
INJURY = Namespace(DATA_BASE + "injury/")
WITHDRAWAL = Namespace(DATA_BASE + "withdrawal/")
APPEARANCE = Namespace(DATA_BASE + "appearance/")
GRAPH = Namespace(DATA_BASE + "graph/")
RIVALRY = Namespace(DATA_BASE + "rivalry/")
VENUE = Namespace(DATA_BASE + "venue/")
TEAM = Namespace(DATA_BASE + "team/")
RATING = Namespace(DATA_BASE + "rating/")
PERSON = Namespace(DATA_BASE + "person/")

RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
SPORT = Namespace("http://www.bbc.co.uk/ontologies/sport/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")

#: Prefixes known to every query and serializer, by their usual short names.
PREFIXES: dict[str, str] = {
    "rg": str(RG),
    "rgsh": str(RGSH),
    "athlete": str(ATHLETE),
    "nation": str(NATION),
    "competition": str(COMPETITION),
    "edition": str(EDITION),
    "race": str(RACE),
    "result": str(RESULT),
    "medal": str(MEDAL),
    "title": str(TITLE),
    "statement": str(STATEMENT),
    "source": str(SOURCE),
    "outlet": str(OUTLET),
    "injury": str(INJURY),
    "withdrawal": str(WITHDRAWAL),
    "appearance": str(APPEARANCE),
    "graph": str(GRAPH),
    "rivalry": str(RIVALRY),
    "venue": str(VENUE),
    "team": str(TEAM),
    "rating": str(RATING),
    "person": str(PERSON),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "sport": str(SPORT),
    "dcterms": str(DCTERMS),
    "sh": str(SH),
    "wd": str(WD),
}
