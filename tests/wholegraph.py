"""The whole-graph reading of a build's sources: the test oracle for the streamed scan.

Every file is parsed whole into quads and every rule runs over them, as the build did before
:mod:`rivalgraph.scan`.  Nothing in ``src/`` uses this: ``build``, ``validate``, push and accept
all go through :func:`rivalgraph.build.collect` and :func:`rivalgraph.build.check`.  The tests
compare the two (same problems, same triples), so that the scan's bookkeeping (facts gathered
while streaming, each triple once) can be trusted.  It reads no import manifest.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.build import ONTOLOGY_GRAPH, SHAPES_GRAPH, _source_files
from rivalgraph.namespaces import PROV, RDF, RDFS, RG
from rivalgraph.resources import ontology_file, shapes_file
from rivalgraph.results import table_quads
from rivalgraph.sources import display_path, parse_rdf
from rivalgraph.validate import (
    SourceDescriptions,
    athletes_sharing_a_name,
    conflicting_source_descriptions,
    declared_terms,
    describe_violations,
    far_date_problems,
    file_provenance_problems,
    graph_ownership_problems,
    is_far_date,
    note_source_statement,
    ntriples,
    shacl_report,
    undeclared_terms,
)


@dataclass
class WholeGraph:
    """Quads per file, the ontology, the shapes."""

    data: dict[str, list[ox.Quad]] = field(default_factory=dict)
    ontology: list[ox.Quad] = field(default_factory=list)
    shapes: list[ox.Quad] = field(default_factory=list)

    def data_quads(self) -> list[ox.Quad]:
        return list(itertools.chain.from_iterable(self.data.values()))

    def file_of_graph(self) -> dict[ox.NamedNode, str]:
        return {
            graph: file
            for file, quads in self.data.items()
            for graph in {quad.graph_name for quad in quads}
            if isinstance(graph, ox.NamedNode)
        }


def read_whole(folder: Path | None = None) -> WholeGraph:
    """Parse the ontology, the shapes and every curated file of ``folder`` whole."""
    whole = WholeGraph(
        ontology=parse_rdf(ontology_file(), ONTOLOGY_GRAPH), shapes=parse_rdf(shapes_file(), SHAPES_GRAPH)
    )
    for path in _source_files(folder, (), imports=False):
        whole.data[display_path(path)] = table_quads(path) if path.suffix == ".csv" else parse_rdf(path)
    return whole


def provenance_problems(quads_by_file: Mapping[str, Sequence[ox.Quad]]) -> list[str]:
    """Every fact of a file sits in a named graph that names its source, counted over quads."""
    problems: list[str] = []
    for file, quads in quads_by_file.items():
        names = {quad.graph_name for quad in quads}
        loose = sum(1 for quad in quads if isinstance(quad.graph_name, ox.DefaultGraph))
        derived = PROV.wasDerivedFrom
        sourced = {q.subject for q in quads if q.predicate == derived and q.subject == q.graph_name}
        problems += file_provenance_problems(file, names, loose, sourced)
    return problems


def duplicate_athletes(quads: Sequence[ox.Quad]) -> list[str]:
    """Athletes that are two nodes under one name, found over quads."""
    athletes = {q.subject.value for q in quads if q.predicate == RDF.type and q.object == RG.Athlete
                and isinstance(q.subject, ox.NamedNode)}  # fmt: skip
    labels = [(q.subject.value, q.object.value) for q in quads if q.predicate == RDFS.label
              and isinstance(q.object, ox.Literal) and isinstance(q.subject, ox.NamedNode)]  # fmt: skip
    return athletes_sharing_a_name(athletes, labels)


def whole_problems(whole: WholeGraph) -> list[str]:
    """Every rule and SHACL over the whole graph's quads."""
    data = whole.data_quads()
    files = whole.file_of_graph()
    problems = graph_ownership_problems(
        (file, {quad.graph_name for quad in quads}) for file, quads in whole.data.items()
    )
    problems += provenance_problems(whole.data)
    problems += undeclared_terms(data, declared_terms(whole.ontology), files)
    problems += duplicate_athletes(data)
    problems += far_date_problems(
        (file, quad) for file, quads in whole.data.items() for quad in quads if is_far_date(quad.object)
    )
    described: SourceDescriptions = {}
    for file, quads in whole.data.items():
        for quad in quads:
            note_source_statement(described, file, quad)
    problems += conflicting_source_descriptions(described)
    report = shacl_report(ntriples([*whole.ontology, *data]), shapes_file())
    if report is not None:
        problems += describe_violations(report, data, files)
    return problems
