"""Writing rivalries back: graph:analysis-rivalries, atomic replacement, SHACL-valid output."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest

from rivalgraph.analysis.reports import analyse
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.analysis.writeback import ANALYSIS_GRAPH, ANALYSIS_SOURCE, rivalry_iri
from rivalgraph.build import ONTOLOGY_GRAPH
from rivalgraph.checks import format_results, run_checks
from rivalgraph.namespaces import ATHLETE, RG, XSD
from rivalgraph.resources import graph_dir, ontology_file, shapes_file
from rivalgraph.sources import parse_rdf
from rivalgraph.store import OxigraphStore, StoreLocation, open_store
from rivalgraph.validate import declared_terms, shape_problems, undeclared_terms

from .conftest import copy_store

NOW = datetime(2025, 10, 1, 12, 0, tzinfo=timezone.utc)


def analysis_quads(location: Path) -> list[ox.Quad]:
    store = open_store(location)
    assert isinstance(store, OxigraphStore)
    return list(store.inner.quads_for_pattern(None, None, None, ANALYSIS_GRAPH))


def athlete_types(location: Path) -> list[ox.Quad]:
    store = open_store(location)
    triples = store.construct(
        "CONSTRUCT { ?a a rg:Athlete ; rdfs:label ?l } WHERE { ?a a rg:Athlete ; rdfs:label ?l }"
    )
    graph = ox.NamedNode("urn:athletes")
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]


@pytest.fixture
def analysed(fixture_location: Path, tmp_path: Path) -> Path:
    location = copy_store(fixture_location, tmp_path / "store")
    analyse(location, ScoreParameters(), now=NOW)
    return location


def test_rivalries_and_assessments_are_written_into_their_own_graph(analysed: Path) -> None:
    store = open_store(analysed)
    counts = store.select("""
        SELECT (COUNT(DISTINCT ?r) AS ?rivalries) (COUNT(DISTINCT ?x) AS ?assessments)
        WHERE { GRAPH graph:analysis-rivalries { ?r a rg:Rivalry . ?x rg:assessmentOf ?r } }
    """).rows[0]
    assert [int(term.value) for term in counts] == [6, 12]  # type: ignore[union-attr]
    assert store.ask("ASK { graph:analysis-rivalries a rg:SourceGraph ; "
                     "prov:wasDerivedFrom source:rivalgraph-analysis . "
                     "source:rivalgraph-analysis a rg:Source ; rdfs:label ?l ; rdfs:comment ?c "
                     "FILTER CONTAINS(?c, 'half_life=4.0') }")  # fmt: skip
    # The default graph (the merge) sees them too, so plain queries find rivalries.
    assert store.ask("ASK { ?r a rg:Rivalry ; rg:rival athlete:ola-nordmann , athlete:joe-bloggs }")


def test_a_rivalry_carries_score_factors_evidence_and_provenance(analysed: Path) -> None:
    store = open_store(analysed)
    rivalry = rivalry_iri(ATHLETE["ola-nordmann"].value, ATHLETE["joe-bloggs"].value)
    rows = store.select("SELECT ?r ?p ?o WHERE { ?r ?p ?o }", {"r": rivalry}).rows
    values: dict[str, list[ox.Literal | ox.NamedNode]] = {}
    for _, predicate, obj in rows:
        values.setdefault(predicate.value.rsplit("#", 1)[-1], []).append(obj)  # type: ignore[union-attr,arg-type]
    assert len(values["rival"]) == 2 and len(values["evidence"]) == 9
    for name in ("score", "factorRepetition", "factorBalance", "factorCloseness",
                 "factorStakes", "factorDiscourse"):  # fmt: skip
        (literal,) = values[name]
        assert isinstance(literal, ox.Literal) and literal.datatype == XSD.decimal
        assert 0 <= float(literal.value) <= 1
    assert values["meetings"][0].value == "3"
    assert values["computedOn"][0].value == "2025-10-01T12:00:00Z"
    assert values["computedBy"][0].value == "rivalgraph 0.1.0"
    towards = store.select(
        "SELECT ?r ?holder ?score WHERE { ?x rg:assessmentOf ?r ; rg:holder ?holder ; rg:score ?score }",
        {"r": rivalry},
    ).dicts()
    scores = {row["holder"].value: float(row["score"].value) for row in towards}  # type: ignore[union-attr]
    assert scores[ATHLETE["ola-nordmann"].value] > scores[ATHLETE["joe-bloggs"].value]


def test_every_evidence_link_points_at_a_node_of_the_graph(analysed: Path) -> None:
    store = open_store(analysed)
    dangling = store.select("""
        SELECT ?item WHERE {
          GRAPH graph:analysis-rivalries { ?r rg:evidence ?item }
          FILTER NOT EXISTS { GRAPH ?g { ?item ?p ?o } FILTER (?g != graph:analysis-rivalries) }
        }""")
    assert len(dangling) == 0


def test_the_written_graph_passes_the_shapes(analysed: Path) -> None:
    ontology = parse_rdf(ontology_file(), ONTOLOGY_GRAPH)
    data = analysis_quads(analysed) + athlete_types(analysed)
    assert any(q.object == RG.RivalryAssessment for q in data)
    assert shape_problems(data, ontology, shapes_file()) == []


def test_the_written_graph_uses_only_declared_terms(analysed: Path) -> None:
    declared = declared_terms(parse_rdf(ontology_file(), ONTOLOGY_GRAPH))
    assert undeclared_terms(analysis_quads(analysed), declared) == []


def test_the_shapes_would_catch_a_float_score(analysed: Path) -> None:
    """Control: the validation above is not vacuous."""
    ontology = parse_rdf(ontology_file(), ONTOLOGY_GRAPH)

    def as_double(q: ox.Quad) -> ox.Quad:
        double = ox.Literal(q.object.value, datatype=XSD.double)  # type: ignore[union-attr]
        return ox.Quad(q.subject, q.predicate, double, q.graph_name)

    data = [as_double(q) if q.predicate == RG.score else q for q in analysis_quads(analysed)]
    data += athlete_types(analysed)
    problems = shape_problems(data, ontology, shapes_file())
    assert problems and all("rg:score" in p for p in problems)


def test_analysing_again_replaces_the_previous_graph(analysed: Path) -> None:
    before = {q for q in analysis_quads(analysed) if q.predicate == RG.score}
    previous = StoreLocation(analysed).current()
    analyse(analysed, ScoreParameters(half_life=1.0), now=NOW)
    after = {q for q in analysis_quads(analysed) if q.predicate == RG.score}
    assert StoreLocation(analysed).current() != previous
    assert len(after) == len(before) and after != before
    store = open_store(analysed)
    doubled = store.select("""
        SELECT ?x WHERE { ?x rg:score ?a , ?b FILTER (?a != ?b) }""")
    assert len(doubled) == 0, "an old score survived in the merged default graph"
    assert not store.ask("ASK { source:rivalgraph-analysis rdfs:comment ?c "
                         "FILTER CONTAINS(?c, 'half_life=4.0') }")  # fmt: skip
    failed = [r for r in run_checks(store) if not r.passed]
    assert not failed, format_results(failed)


def test_min_score_leaves_weak_rivalries_out(fixture_location: Path, tmp_path: Path) -> None:
    location = copy_store(fixture_location, tmp_path / "store")
    report = analyse(location, ScoreParameters(), min_score=0.99, now=NOW)
    assert (report.rivalries, report.assessments) == (0, 0)
    assert {q.subject for q in analysis_quads(location)} == {ANALYSIS_GRAPH, ANALYSIS_SOURCE}


def test_the_curated_graph_files_are_not_touched(real_location: Path, tmp_path: Path) -> None:
    def digest() -> dict[str, str]:
        return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(graph_dir().rglob("*")) if p.is_file()}  # fmt: skip

    files = digest()
    location = copy_store(real_location, tmp_path / "store")
    report = analyse(location, ScoreParameters(), now=NOW)
    assert digest() == files
    assert report.rivalries > 100
    store = open_store(location)
    kerr = rivalry_iri(ATHLETE["josh-kerr"].value, ATHLETE["jakob-ingebrigtsen"].value)
    assert store.ask(
        "ASK { ?r rg:evidence race:world-championships-2023-1500m-final , "
        "statement:2024-03-05-ingebrigtsen-blindfolded , statement:2024-03-05-kerr-respect , "
        "statement:2024-03-05-ingebrigtsen-calories }", {"r": kerr})  # fmt: skip
    assert store.ask("ASK { ?r a ?type }", {"r": kerr, "type": RG.Rivalry})
