"""The checks behind `rivalgraph validate` and the build, on small hand-made quads and the real graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from rivalgraph.build import ONTOLOGY_GRAPH, check, collect
from rivalgraph.namespaces import ATHLETE, GRAPH, PROV, RDF, RDFS, RG, SH, SOURCE, XSD
from rivalgraph.resources import ontology_file, shapes_file
from rivalgraph.scan import Facts, scan_quads
from rivalgraph.sources import parse_rdf
from rivalgraph.store import OxigraphStore
from rivalgraph.validate import (
    athletes_sharing_a_name,
    declared_terms,
    file_provenance_problems,
    ntriples,
    rg_iris_in,
    shacl_report,
    shape_problems,
    undeclared_terms,
)

from .conftest import TEST_DATA

ONTOLOGY = parse_rdf(ontology_file(), ONTOLOGY_GRAPH)


def test_declared_terms_reads_owl_declarations() -> None:
    ontology = [ox.Quad(RG.Athlete, RDF.type, ox.NamedNode("http://www.w3.org/2002/07/owl#Class"))]
    assert declared_terms(ontology) == {RG.Athlete.value}


def test_undeclared_terms_name_the_file() -> None:
    quads = [ox.Quad(ATHLETE.a, RDF.type, RG.Athelete, GRAPH.g)]
    problems = undeclared_terms(quads, {RG.Athlete.value}, {GRAPH.g: "graph/g.trig"})
    assert problems == ["graph/g.trig: rg:Athelete is used but not declared in ontology/rivalry.ttl"]


def _provenance_problems(name: str, quads: list[ox.Quad]) -> list[str]:
    file, _ = scan_quads(quads, name)
    return file_provenance_problems(file.name, file.graphs, file.loose, file.sourced)


def test_a_graph_without_source_is_reported() -> None:
    sourced = [ox.Quad(GRAPH.a, PROV.wasDerivedFrom, SOURCE.a, GRAPH.a)]
    unsourced = [ox.Quad(ATHLETE.x, RDFS.label, ox.Literal("X"), GRAPH.b)]
    loose = [ox.Quad(ATHLETE.x, RDFS.label, ox.Literal("X"))]
    assert _provenance_problems("a.trig", sourced) == []
    assert "does not say prov:wasDerivedFrom" in _provenance_problems("b.trig", unsourced)[0]
    assert "outside any named graph" in _provenance_problems("c.trig", loose)[0]


def test_two_nodes_for_one_athlete_are_reported() -> None:
    quads = [
        ox.Quad(ATHLETE["samuel-pihlstrom"], RDF.type, RG.Athlete, GRAPH.g),
        ox.Quad(ATHLETE["samuel-pihlstrom"], RDFS.label, ox.Literal("Samuel Pihlström"), GRAPH.g),
        ox.Quad(ATHLETE["s-pihlstrom"], RDF.type, RG.Athlete, GRAPH.g),
        ox.Quad(ATHLETE["s-pihlstrom"], RDFS.label, ox.Literal("Samuel PIHLSTROM"), GRAPH.g),
    ]
    facts = Facts()
    scan_quads(quads, "g.trig", facts)
    problems = athletes_sharing_a_name(facts.athletes, facts.labels)
    assert len(problems) == 1 and "is 2 nodes" in problems[0]


# --- the SHACL engines: pyshacl-turbo (used by the build) agrees with pySHACL (the reference)

SHAPE_FIXTURES = sorted((TEST_DATA / "shapes").glob("*.ttl"))


def _verdict(quads: list[ox.Quad], engine: str) -> tuple[bool, set[tuple[str, str]]]:
    report = shacl_report(ntriples([*quads, *ONTOLOGY]), shapes_file(), engine)
    if report is None:
        return True, set()
    sh = rdflib.Namespace(str(SH))
    found = {
        (str(report.value(r, sh.focusNode)), str(report.value(r, sh.resultPath)))
        for r in report.subjects(rdflib.RDF.type, sh.ValidationResult)
    }
    return False, found


def test_there_are_shape_fixtures() -> None:
    assert len(SHAPE_FIXTURES) >= 38


@pytest.mark.parametrize("fixture", SHAPE_FIXTURES, ids=lambda path: path.stem)
def test_turbo_and_pyshacl_agree_on_every_shape_fixture(fixture: Path) -> None:
    quads = parse_rdf(fixture, GRAPH.fixture)
    turbo, reference = _verdict(quads, "turbo"), _verdict(quads, "pyshacl")
    assert turbo == reference
    assert turbo[0] == fixture.stem.endswith("_pass")


def test_turbo_and_pyshacl_agree_on_the_real_graph() -> None:
    sources = collect()
    data = list(sources.data_quads())
    assert shape_problems(data, sources.ontology, sources.shapes_path, engine="turbo") == []
    assert shape_problems(data, sources.ontology, sources.shapes_path, engine="pyshacl") == []


def test_turbo_and_pyshacl_report_the_same_violations_on_a_broken_real_graph() -> None:
    sources = collect()
    data = [_as_integer(quad) for quad in sources.data_quads()]
    files = sources.file_of_graph()
    turbo = shape_problems(data, sources.ontology, sources.shapes_path, files, engine="turbo")
    reference = shape_problems(data, sources.ontology, sources.shapes_path, files, engine="pyshacl")
    assert turbo == reference
    assert len(turbo) == 253 and all("rg:place" in problem for problem in turbo)


def _as_integer(quad: ox.Quad) -> ox.Quad:
    """Places 0 (an xsd:integer, as a store serves them, but not positive): one violation per result."""
    if quad.predicate != RG.place:
        return quad
    assert isinstance(quad.object, ox.Literal)
    return ox.Quad(quad.subject, quad.predicate, ox.Literal("0", datatype=XSD.integer), quad.graph_name)


def test_an_unknown_engine_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown SHACL engine 'jena'"):
        shacl_report("", shapes_file(), "jena")


def test_checks_find_terms_in_every_position() -> None:
    declared = {RG.Athlete.value}
    quads = [ox.Quad(RG.Ghost, RDFS.label, ox.Literal("x"), GRAPH.g),
             ox.Quad(ATHLETE.a, RDF.type, RG.Athlete, GRAPH.g),
             ox.Quad(ATHLETE.a, RG.status, RG.Phantom, GRAPH.g)]  # fmt: skip
    problems = undeclared_terms(quads, declared, {GRAPH.g: "g.trig"})
    assert [p.split(": ")[1].split()[0] for p in problems] == ["rg:Ghost", "rg:Phantom", "rg:status"]


def test_undeclared_terms_from_the_text_of_the_triples() -> None:
    quads = [ox.Quad(ATHLETE.a, RG.nickname, ox.Literal("see rg:place"), GRAPH.g)]
    used = rg_iris_in(ntriples(quads).encode())
    assert used == {RG.nickname.value}
    assert undeclared_terms(quads, set(), {GRAPH.g: "g.trig"}, used) == [
        "g.trig: rg:nickname is used but not declared in ontology/rivalry.ttl"
    ]


def test_check_finds_an_undeclared_term_next_to_a_blank_node(tmp_path: Path) -> None:
    (tmp_path / "x.trig").write_text(
        "@prefix rg: <https://w3id.org/rivalgraph/ontology#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "<https://w3id.org/rivalgraph/id/graph/x> {\n"
        "  <https://w3id.org/rivalgraph/id/graph/x> prov:wasDerivedFrom "
        "<https://w3id.org/rivalgraph/id/source/x> .\n"
        "  [] rg:mystery 1 .\n}\n", encoding="utf-8")  # fmt: skip
    problems = check(collect(tmp_path))
    assert any("rg:mystery is used but not declared" in problem for problem in problems)


def test_the_graph_as_the_store_serves_it_passes_the_shapes_it_publishes(store: OxigraphStore) -> None:
    """What a user who downloads the default graph and validates it gets (issue 18, problem 1)."""
    served = [ox.Quad(quad.subject, quad.predicate, quad.object, GRAPH["served"])
              for quad in store.inner.quads_for_pattern(None, None, None, ox.DefaultGraph())]  # fmt: skip
    integers = [quad for quad in served if quad.predicate == RG.place]
    assert integers and all(quad.object.datatype == XSD.integer for quad in integers)  # type: ignore[union-attr]
    sources = collect()
    assert shape_problems(served, sources.ontology, sources.shapes_path, {}, engine="pyshacl") == []
