"""The SPARQL 1.1 Service Description and the VoID description of the dataset.

One graph describes both: the service (``sd:Service`` at the endpoint URL,
its languages, result formats and features) and its default dataset
(``void:Dataset``: triples, the named graphs with the source each was derived
from, the ontology, the URI space, and the named queries as runnable examples,
``sh:SPARQLExecutable`` with ``schema:target`` as the SIB examples do).

Examples
--------
>>> stats = {"default": 10, "graphs": [
...     {"graph": "https://w3id.org/rivalgraph/id/graph/a", "triples": 4,
...      "source": "https://w3id.org/rivalgraph/id/source/a"}]}
>>> triples = description("http://127.0.0.1:7878/sparql", stats, update=False, examples=[])
>>> sd_type = ox.Triple(ox.NamedNode("http://127.0.0.1:7878/sparql"), RDF.type, SD.Service)
>>> sd_type in triples
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from rivalgraph.namespaces import (
    DATA_BASE,
    DCTERMS,
    ONTOLOGY_IRI,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SH,
    XSD,
    Namespace,
)
from rivalgraph.serve.examples import EXAMPLE_ATHLETES, Example

__all__ = ["SD", "VOID", "FORMATS", "description", "DESCRIPTION_PREFIXES"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
_RESULT_FORMATS = (
    "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
    "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "TriG", "N-Quads", "N3",
)  # fmt: skip
_VOCABULARIES = (ONTOLOGY_IRI, str(SCHEMA), str(PROV), "http://www.w3.org/2004/02/skos/core#")
_EXECUTABLE = {"SELECT": SH.select, "ASK": SH.ask, "CONSTRUCT": SH.construct, "DESCRIBE": SH.describe}
DESCRIPTION_PREFIXES = {
    "sd": str(SD), "void": str(VOID), "formats": str(FORMATS), "dcterms": str(DCTERMS),
    "prov": str(PROV), "schema": str(SCHEMA), "sh": str(SH), "rdfs": str(RDFS),
    "xsd": str(XSD), "graph": DATA_BASE + "graph/", "source": DATA_BASE + "source/",
}  # fmt: skip


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


def _service(endpoint: ox.NamedNode, dataset: ox.NamedNode, update: bool) -> Iterable[ox.Triple]:
    T = ox.Triple
    yield T(endpoint, RDF.type, SD.Service)
    yield T(endpoint, SD.endpoint, endpoint)
    yield T(endpoint, DCTERMS["title"], ox.Literal("rivalgraph SPARQL endpoint"))
    yield T(endpoint, SD.supportedLanguage, SD.SPARQL11Query)
    if update:
        yield T(endpoint, SD.supportedLanguage, SD.SPARQL11Update)
    for name in _RESULT_FORMATS:
        yield T(endpoint, SD.resultFormat, FORMATS[name])
    # The default graph is the RDF merge of every named graph, as built; an update may
    # change one without the other, so an endpoint that takes updates does not claim it.
    if not update:
        yield T(endpoint, SD.feature, SD.UnionDefaultGraph)
    yield T(endpoint, SD.defaultEntailmentRegime, ox.NamedNode("http://www.w3.org/ns/entailment/Simple"))
    yield T(endpoint, SD.defaultDataset, dataset)


def _dataset(endpoint: ox.NamedNode, dataset: ox.NamedNode, stats: dict[str, Any]) -> Iterable[ox.Triple]:
    T = ox.Triple
    yield T(dataset, RDF.type, SD.Dataset)
    yield T(dataset, RDF.type, VOID.Dataset)
    yield T(dataset, DCTERMS["title"], ox.Literal("rivalgraph"))
    yield T(dataset, DCTERMS.description, ox.Literal(
        "Athletes and their rivalries, on the track and in the press, with provenance "
        "for every fact: one named graph per source."))  # fmt: skip
    yield T(dataset, VOID.sparqlEndpoint, endpoint)
    yield T(dataset, VOID.triples, _integer(stats["default"]))
    yield T(dataset, VOID.uriSpace, ox.Literal(DATA_BASE))
    yield T(dataset, VOID.exampleResource, ox.NamedNode(DATA_BASE + "athlete/" + EXAMPLE_ATHLETES[0]))
    for vocabulary in _VOCABULARIES:
        yield T(dataset, VOID.vocabulary, ox.NamedNode(vocabulary))
    default = ox.BlankNode("defaultGraph")
    yield T(dataset, SD.defaultGraph, default)
    yield T(default, RDF.type, SD.Graph)
    yield T(default, VOID.triples, _integer(stats["default"]))
    for number, entry in enumerate(stats["graphs"]):
        name = ox.NamedNode(entry["graph"])
        named, graph = ox.BlankNode(f"named{number}"), ox.BlankNode(f"graph{number}")
        yield T(dataset, SD.namedGraph, named)
        yield T(named, RDF.type, SD.NamedGraph)
        yield T(named, SD.name, name)
        yield T(named, SD.graph, graph)
        yield T(graph, RDF.type, SD.Graph)
        yield T(graph, VOID.triples, _integer(entry["triples"]))
        # The same graph as a VoID subset, with the source it was derived from.
        yield T(dataset, VOID.subset, name)
        yield T(name, RDF.type, VOID.Dataset)
        yield T(name, VOID.triples, _integer(entry["triples"]))
        if entry.get("source"):
            yield T(name, PROV.wasDerivedFrom, ox.NamedNode(entry["source"]))
        if entry["graph"] == ONTOLOGY_IRI:
            yield T(name, RDFS.label, ox.Literal("the rivalgraph ontology"))


def _examples(
    endpoint: ox.NamedNode, dataset: ox.NamedNode, base: str, examples: Sequence[Example]
) -> Iterable[ox.Triple]:
    T = ox.Triple
    for example in examples:
        node = ox.NamedNode(f"{base}/queries/{example.name}.rq")
        yield T(node, RDF.type, SH.SPARQLExecutable)
        yield T(node, RDF.type, SH[f"SPARQL{example.form.title()}Executable"])
        yield T(node, RDFS.label, ox.Literal(example.name))
        yield T(node, RDFS.comment, ox.Literal(example.summary))
        yield T(node, _EXECUTABLE[example.form], ox.Literal(example.text))
        yield T(node, SCHEMA.target, endpoint)
        yield T(dataset, RDFS.seeAlso, node)


def description(
    endpoint_url: str,
    stats: dict[str, Any],
    *,
    update: bool,
    examples: Sequence[Example],
) -> list[ox.Triple]:
    """The triples of the service and dataset description.

    ``stats`` is what the ``stats`` job returns: ``{"default": n, "graphs":
    [{"graph": iri, "triples": n, "source": iri or None}, ...]}``.
    """
    endpoint = ox.NamedNode(endpoint_url)
    base = endpoint_url.rsplit("/", 1)[0] if endpoint_url.endswith("/sparql") else endpoint_url.rstrip("/")
    dataset = ox.NamedNode(f"{base}/.well-known/void#dataset")
    return [
        *_service(endpoint, dataset, update),
        *_dataset(endpoint, dataset, stats),
        *_examples(endpoint, dataset, base, examples),
    ]
