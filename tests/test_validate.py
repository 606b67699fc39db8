"""The checks behind `rivalgraph validate` and the build, on small hand-made quads."""

from __future__ import annotations

import pyoxigraph as ox

from rivalgraph.namespaces import ATHLETE, GRAPH, PROV, RDF, RDFS, RG, SOURCE
from rivalgraph.validate import (
    declared_terms,
    duplicate_athletes,
    provenance_problems,
    undeclared_terms,
)


def test_declared_terms_reads_owl_declarations() -> None:
    ontology = [ox.Quad(RG.Athlete, RDF.type, ox.NamedNode("http://www.w3.org/2002/07/owl#Class"))]
    assert declared_terms(ontology) == {RG.Athlete.value}


def test_undeclared_terms_name_the_file() -> None:
    quads = [ox.Quad(ATHLETE.a, RDF.type, RG.Athelete, GRAPH.g)]
    problems = undeclared_terms(quads, {RG.Athlete.value}, {GRAPH.g: "graph/g.trig"})
    assert problems == ["graph/g.trig: rg:Athelete is used but not declared in ontology/rivalry.ttl"]


def test_a_graph_without_source_is_reported() -> None:
    sourced = [ox.Quad(GRAPH.a, PROV.wasDerivedFrom, SOURCE.a, GRAPH.a)]
    unsourced = [ox.Quad(ATHLETE.x, RDFS.label, ox.Literal("X"), GRAPH.b)]
    loose = [ox.Quad(ATHLETE.x, RDFS.label, ox.Literal("X"))]
    assert provenance_problems({"a.trig": sourced}) == []
    assert "does not say prov:wasDerivedFrom" in provenance_problems({"b.trig": unsourced})[0]
    assert "outside any named graph" in provenance_problems({"c.trig": loose})[0]


def test_two_nodes_for_one_athlete_are_reported() -> None:
    quads = [
        ox.Quad(ATHLETE["samuel-pihlstrom"], RDF.type, RG.Athlete, GRAPH.g),
        ox.Quad(ATHLETE["samuel-pihlstrom"], RDFS.label, ox.Literal("Samuel Pihlström"), GRAPH.g),
        ox.Quad(ATHLETE["s-pihlstrom"], RDF.type, RG.Athlete, GRAPH.g),
        ox.Quad(ATHLETE["s-pihlstrom"], RDFS.label, ox.Literal("Samuel PIHLSTROM"), GRAPH.g),
    ]
    problems = duplicate_athletes(quads)
    assert len(problems) == 1 and "is 2 nodes" in problems[0]
