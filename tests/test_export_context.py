"""ontology/context.jsonld stays in step with the ontology and the graph, and JSON-LD
processors read data through it."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pyoxigraph as ox
import pytest
import rdflib

from rivalgraph.analysis.ranking import score_graph
from rivalgraph.analysis.reader import read_evidence_links, read_projection
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.analysis.writeback import evidence_by_pair, rivalry_quads
from rivalgraph.export.jsonld import CONTEXT_FILE, REUSED_TERMS, context_text, load_context
from rivalgraph.namespaces import ATHLETE, OWL, PREFIXES, RDF, RG, XSD
from rivalgraph.resources import ontology_file
from rivalgraph.store import Store

from .conftest import REPO

CONTEXT = REPO / "ontology" / CONTEXT_FILE


def _declared_properties() -> set[str]:
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty)
    return {quad.subject.value for quad in ox.parse(path=str(ontology_file()),
                                                    format=ox.RdfFormat.TURTLE)
            if quad.predicate == RDF.type and quad.object in kinds
            and RG.is_in(quad.subject.value)}  # fmt: skip


def _expand(curie: str) -> str:
    prefix, _, rest = curie.partition(":")
    return PREFIXES[prefix] + rest


def test_published_context_is_the_one_generated_from_the_ontology() -> None:
    assert CONTEXT.read_text(encoding="utf-8") == context_text(), (
        "ontology/context.jsonld is out of date: regenerate it with "
        "`python -m rivalgraph.export.jsonld > ontology/context.jsonld`"
    )


def test_context_declares_every_prefix_and_every_rg_property() -> None:
    context = load_context()
    assert {name: context[name] for name in PREFIXES} == PREFIXES
    terms = {_expand(key) for key, value in context.items() if isinstance(value, dict)}
    declared = _declared_properties()
    assert len(declared) > 50
    assert declared <= terms, sorted(declared - terms)
    reused = {_expand(curie) for curie in REUSED_TERMS}
    assert terms - reused <= declared, "a context term the ontology does not declare"


def test_every_rg_term_the_graph_uses_is_covered(store: Store) -> None:
    """The curated graph as built, and the analysis graph that `rivalgraph analyse` adds."""
    params = ScoreParameters()
    analysis = rivalry_quads(score_graph(read_projection(store), params),
                             evidence_by_pair(read_evidence_links(store)), params,
                             datetime(2025, 1, 1, tzinfo=timezone.utc))  # fmt: skip
    context = load_context()
    terms = {_expand(key) for key, value in context.items() if isinstance(value, dict)}
    used_properties = {
        str(row[0].value)
        for row in store.select(  # type: ignore[union-attr]
            "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } FILTER STRSTARTS(STR(?p), STR(rg:)) }"
        ).rows
    }
    used_properties |= {quad.predicate.value for quad in analysis}
    used_other = {
        str(row[0].value)
        for row in store.select(  # type: ignore[union-attr]
            "SELECT DISTINCT ?x WHERE { GRAPH ?g { { ?x ?p ?o } UNION { ?s ?p ?x } } "
            "FILTER (ISIRI(?x) && STRSTARTS(STR(?x), STR(rg:))) }"
        ).rows
    }
    used_other |= {quad.object.value for quad in analysis if isinstance(quad.object, ox.NamedNode)}
    used_properties = {iri for iri in used_properties if RG.is_in(iri)}
    assert RG.score.value in used_properties and RG.Rivalry.value in used_other
    assert used_properties <= terms, sorted(used_properties - terms)
    assert context["rg"] == str(RG), "classes and individuals expand through the rg: prefix"


@pytest.mark.parametrize("reader", ["pyoxigraph", "rdflib"])
def test_processors_apply_the_contexts_types(reader: str) -> None:
    document = json.dumps({
        "@context": load_context(),
        "@id": "athlete:ola-nordmann",
        "rg:nation": "nation:NOR",
        "rg:place": "3",
        "schema:url": "https://example.org/x",
        "rdfs:label": "Ola Nordmann",
    })  # fmt: skip
    if reader == "pyoxigraph":
        triples = {(q.subject.value, q.predicate.value, q.object) for q in
                   ox.parse(document.encode(), format=ox.RdfFormat.JSON_LD)}  # fmt: skip
        place = next(o for s, p, o in triples if p == RG.place.value)
        nation = next(o for s, p, o in triples if p == RG.nation.value)
        assert isinstance(nation, ox.NamedNode) and nation.value.endswith("/nation/NOR")
        assert place.datatype == XSD.positiveInteger
        assert {s for s, _, _ in triples} == {ATHLETE["ola-nordmann"].value}
    else:
        graph = rdflib.Graph().parse(data=document, format="json-ld")
        place = graph.value(rdflib.URIRef(ATHLETE["ola-nordmann"].value), rdflib.URIRef(RG.place.value))
        nation = graph.value(rdflib.URIRef(ATHLETE["ola-nordmann"].value),
                             rdflib.URIRef(RG.nation.value))  # fmt: skip
        assert isinstance(nation, rdflib.URIRef) and str(nation).endswith("/nation/NOR")
        assert isinstance(place, rdflib.Literal) and str(place.datatype) == XSD.positiveInteger.value
