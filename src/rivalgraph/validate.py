"""Check a graph before it is published: SHACL shapes, declared terms, provenance.

Every check returns a list of problems in words a curator can act on: the
node, the property, what is wrong, and the file the node comes from.  An empty
list means the graph passes.

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

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate

from rivalgraph.namespaces import OWL, PROV, RDF, RDFS, RG, SH
from rivalgraph.slugs import fold_name

__all__ = [
    "declared_terms",
    "undeclared_terms",
    "provenance_problems",
    "duplicate_athletes",
    "shape_problems",
    "to_rdflib",
]

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


def undeclared_terms(
    quads: Iterable[ox.Quad],
    declared: set[str],
    files: Mapping[ox.NamedNode, str] | None = None,
) -> list[str]:
    """List every ``rg:`` IRI used in ``quads`` that the ontology does not declare."""
    uses: dict[str, set[str]] = defaultdict(set)
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode) and RG.is_in(term.value) and (
                term.value not in declared
            ):
                graph = quad.graph_name
                named = isinstance(graph, ox.NamedNode) and graph in (files or {})
                where = (files or {})[graph] if named else _short(graph)  # type: ignore[index]
                uses[term.value].add(where)
    return [
        f"{where}: {_short(ox.NamedNode(iri))} is used but not declared in ontology/rivalry.ttl"
        for iri in sorted(uses)
        for where in sorted(uses[iri])
    ]


def provenance_problems(quads_by_file: Mapping[str, Sequence[ox.Quad]]) -> list[str]:
    """Check that every fact of a curated file sits in a named graph that names its source."""
    problems: list[str] = []
    for file, quads in quads_by_file.items():
        loose = sum(1 for quad in quads if isinstance(quad.graph_name, ox.DefaultGraph))
        if loose:
            problems.append(
                f"{file}: {loose} triples outside any named graph; put them in a GRAPH "
                "that says prov:wasDerivedFrom its source"
            )
        graphs = {quad.graph_name for quad in quads if isinstance(quad.graph_name, ox.NamedNode)}
        sourced = {
            quad.subject
            for quad in quads
            if quad.predicate == PROV.wasDerivedFrom and quad.subject == quad.graph_name
        }
        problems += [
            f"{file}: named graph {_short(graph)} does not say prov:wasDerivedFrom its source"
            for graph in sorted(graphs - sourced, key=str)
        ]
    return problems


def duplicate_athletes(quads: Sequence[ox.Quad]) -> list[str]:
    """Find athletes that are two nodes under one (folded) name."""
    athletes = {
        quad.subject
        for quad in quads
        if quad.predicate == RDF.type and quad.object == RG.Athlete
    }
    by_name: dict[str, set[str]] = defaultdict(set)
    for quad in quads:
        if (
            quad.subject in athletes
            and quad.predicate == RDFS.label
            and isinstance(quad.object, ox.Literal)
            and isinstance(quad.subject, ox.NamedNode)
        ):
            by_name[fold_name(quad.object.value)].add(quad.subject.value)
    return [
        f"athlete {name!r} is {len(iris)} nodes: {', '.join(sorted(iris))}"
        for name, iris in sorted(by_name.items())
        if len(iris) > 1
    ]


def to_rdflib(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """Copy quads (graph names dropped) into an rdflib graph, for pyshacl."""
    triples = [ox.Triple(quad.subject, quad.predicate, quad.object) for quad in quads]
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=data, format="nt")
    return graph


def shape_problems(
    data: Sequence[ox.Quad],
    ontology: Sequence[ox.Quad],
    shapes: Path,
    files: Mapping[ox.NamedNode, str] | None = None,
) -> list[str]:
    """Validate ``data`` against the SHACL ``shapes`` file, with the ontology's class tree.

    Returns one line per violation: ``file: node: property: message``.
    """
    data_graph = to_rdflib([*data, *ontology])
    shapes_graph = rdflib.Graph().parse(shapes, format="turtle")
    conforms, report, _ = shacl_validate(
        data_graph,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if conforms:
        return []
    assert isinstance(report, rdflib.Graph)
    where = _files_of_nodes(data, files or {})
    sh = rdflib.Namespace(str(SH))
    problems = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        message = report.value(result, sh.resultMessage) or "violates a shape"
        shown_path = _short(ox.NamedNode(str(path))) if path is not None else "(node)"
        files_of_focus = ", ".join(sorted(where.get(str(focus), {"?"})))
        problems.append(f"{files_of_focus}: <{focus}>: {shown_path}: {message}")
    return sorted(problems)


def _files_of_nodes(
    data: Sequence[ox.Quad], files: Mapping[ox.NamedNode, str]
) -> dict[str, set[str]]:
    where: dict[str, set[str]] = defaultdict(set)
    for quad in data:
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.graph_name, ox.NamedNode):
            where[quad.subject.value].add(files.get(quad.graph_name, _short(quad.graph_name)))
    return where
