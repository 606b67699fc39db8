"""The RDF exports read back as the store: TriG and N-Quads with every named graph and its
provenance, Turtle as the merged default graph, JSON-LD through its published context."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from rivalgraph.analysis.reports import analyse
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.export.exporter import RDF_FORMATS, export
from rivalgraph.export.jsonld import load_context
from rivalgraph.export.rdf import default_graph_triples, named_graph_quads
from rivalgraph.namespaces import GRAPH, PROV, RG, SOURCE
from rivalgraph.store import OxigraphStore, open_store

from .conftest import copy_store

PARSERS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
           "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}  # fmt: skip


@pytest.fixture(scope="module")
def analysed(real_location: Path, tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    """The real graph with the analysis graph written back (scores, factors, dates)."""
    location = copy_store(real_location, tmp_path_factory.mktemp("analysed") / "store")
    analyse(location, ScoreParameters())
    opened = open_store(location)
    assert isinstance(opened, OxigraphStore)
    return opened


@pytest.fixture(scope="module")
def exported(analysed: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rdf")
    return {fmt: Path(export(analysed, fmt, folder / f"graph.{fmt}").path) for fmt in RDF_FORMATS}


def _canonical(quads: object) -> set[ox.Quad]:
    dataset = ox.Dataset(quads)  # type: ignore[arg-type]
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def _read(path: Path, fmt: str) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=PARSERS[fmt]))


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_dataset_formats_hold_exactly_the_named_graphs(
    fmt: str, analysed: OxigraphStore, exported: dict[str, Path]
) -> None:
    back = _read(exported[fmt], fmt)
    assert not any(isinstance(quad.graph_name, ox.DefaultGraph) for quad in back)
    assert {quad.graph_name for quad in back} == set(analysed.named_graphs())
    assert _canonical(back) == _canonical(named_graph_quads(analysed))


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_each_source_graph_keeps_its_provenance(fmt: str, exported: dict[str, Path]) -> None:
    back = _read(exported[fmt], fmt)
    graphs = {q.graph_name for q in back if isinstance(q.graph_name, ox.NamedNode)
              and GRAPH.is_in(q.graph_name.value)}  # fmt: skip
    assert len(graphs) > 10 and GRAPH["analysis-rivalries"] in graphs
    for graph in graphs:
        derived = [q for q in back if q.subject == graph and q.predicate == PROV.wasDerivedFrom]
        assert [q.graph_name for q in derived] == [graph], graph
        assert SOURCE.is_in(derived[0].object.value)


def test_turtle_is_the_merged_default_graph(analysed: OxigraphStore, exported: dict[str, Path]) -> None:
    back = _read(exported["turtle"], "turtle")
    assert _canonical(back) == _canonical(ox.Quad(t.subject, t.predicate, t.object)
                                          for t in default_graph_triples(analysed))  # fmt: skip
    named = {
        (q.subject, q.predicate, q.object)
        for q in named_graph_quads(analysed)
        if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
    }
    assert {(q.subject, q.predicate, q.object) for q in back
            if not isinstance(q.subject, ox.BlankNode)
            and not isinstance(q.object, ox.BlankNode)} == named, "each triple once"  # fmt: skip


def test_rdflib_reads_jsonld_as_the_same_graphs_as_trig(exported: dict[str, Path]) -> None:
    from_jsonld = rdflib.Dataset()
    from_jsonld.parse(exported["jsonld"], format="json-ld")
    from_trig = rdflib.Dataset()
    from_trig.parse(exported["trig"], format="trig")
    names = {graph.identifier for graph in from_trig.graphs() if len(graph)}
    assert names == {graph.identifier for graph in from_jsonld.graphs() if len(graph)}
    for name in names:
        assert isomorphic(from_jsonld.graph(name), from_trig.graph(name)), name


def test_jsonld_is_compact_with_the_published_context(exported: dict[str, Path]) -> None:
    document = json.loads(exported["jsonld"].read_text(encoding="utf-8"))
    assert document["@context"] == load_context()
    by_graph = {entry["@id"]: entry["@graph"] for entry in document["@graph"]}
    analysis = {node["@id"]: node for node in by_graph["graph:analysis-rivalries"]}
    rivalry = analysis["rivalry:jakob-ingebrigtsen--josh-kerr"]
    assert rivalry["@type"] == ["rg:Rivalry"]
    assert sorted(rivalry["rg:rival"]) == ["athlete:jakob-ingebrigtsen", "athlete:josh-kerr"]
    assert isinstance(rivalry["rg:score"], str) and 0 < float(rivalry["rg:score"]) < 1
    assert rivalry["rg:computedOn"].endswith("Z")
    finals = by_graph["graph:results-worldathletics-toplist-1500-metres"]
    result = next(node for node in finals if node.get("@type") == ["rg:Result"])
    assert result["rg:athlete"].startswith("athlete:") and result["rg:race"].startswith("race:")


def test_rdf_export_counts_what_it_wrote(analysed: OxigraphStore, tmp_path: Path) -> None:
    report = export(analysed, "nquads", tmp_path / "graph.nq")
    lines = (tmp_path / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert report.quads == len(lines) == sum(1 for _ in named_graph_quads(analysed))
    assert RG.is_in("https://w3id.org/rivalgraph/ontology#score")
