"""Every SHACL shape has a fixture that passes and one that fails, and fails for its own reason."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from pyshacl import validate
from rdflib.namespace import RDF, SH

from rivalgraph.resources import ontology_file, shapes_file

from .conftest import TEST_DATA

RGSH = rdflib.Namespace("https://w3id.org/rivalgraph/shapes#")
FIXTURES = TEST_DATA / "shapes"

SHAPES = rdflib.Graph().parse(shapes_file(), format="turtle")
ONTOLOGY = rdflib.Graph().parse(ontology_file(), format="turtle")
NODE_SHAPES = sorted(str(s)[len(str(RGSH)) :] for s in SHAPES.subjects(RDF.type, SH.NodeShape))


def _validate(fixture: Path) -> tuple[bool, rdflib.Graph]:
    data = rdflib.Graph().parse(fixture, format="turtle") + ONTOLOGY
    conforms, report, _ = validate(
        data, shacl_graph=SHAPES, inference="none", advanced=True, allow_warnings=False
    )
    assert isinstance(report, rdflib.Graph)
    return bool(conforms), report


def _sources(report: rdflib.Graph) -> set[str]:
    """The node shapes behind each violation (a property shape counts for its node shape)."""
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        owners = set(SHAPES.subjects(SH.property, shape)) | set(SHAPES.subjects(SH.sparql, shape))
        constraint = report.value(result, SH.sourceConstraint)
        owners |= set(SHAPES.subjects(SH.sparql, constraint)) if constraint else set()
        found |= {str(node)[len(str(RGSH)) :] for node in owners | {shape}}
    return found


def test_there_are_shapes_for_every_data_class() -> None:
    assert len(NODE_SHAPES) >= 19
    for name in ("ResultShape", "StatementShape", "ResponseShape", "PlannedAppearanceShape"):
        assert name in NODE_SHAPES


@pytest.mark.parametrize("shape", NODE_SHAPES)
def test_pass_fixture_conforms(shape: str) -> None:
    conforms, report = _validate(FIXTURES / f"{shape}_pass.ttl")
    assert conforms, report.serialize(format="turtle")


@pytest.mark.parametrize("shape", NODE_SHAPES)
def test_fail_fixture_fails_on_its_own_shape(shape: str) -> None:
    fixture = FIXTURES / f"{shape}_fail.ttl"
    assert fixture.read_text(encoding="utf-8").startswith("# violates:")
    conforms, report = _validate(fixture)
    assert not conforms
    assert shape in _sources(report)


def test_every_fixture_belongs_to_a_shape() -> None:
    names = {path.stem.rsplit("_", 1)[0] for path in FIXTURES.glob("*.ttl")}
    assert names == set(NODE_SHAPES)
