"""Ratings written into the store: the shapes pass, SPARQL finds them, the curated files stay."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from pyshacl import validate

from rivalgraph.cli import main
from rivalgraph.namespaces import RG
from rivalgraph.query import load_registry
from rivalgraph.resources import ontology_file, queries_dir, shapes_file
from rivalgraph.store import open_store, select_columns
from rivalgraph.strength.compute import rate_store
from rivalgraph.strength.contests import Contests
from rivalgraph.strength.ratings import plackett_luce
from rivalgraph.strength.writeback import STRENGTH_GRAPH, rating_iri, strength_quads

from .conftest import REPO, copy_store
from .strength_support import columns, simulated

KERR = "https://w3id.org/rivalgraph/id/athlete/josh-kerr"


@pytest.fixture()
def rated(rated_location: Path, tmp_path: Path) -> Path:
    return copy_store(rated_location, tmp_path / "store")


def test_one_rating_per_athlete_pool_and_season_after_his_last_race_of_it() -> None:
    rows = [("1", "a", 1, "2022-05-01"), ("1", "b", 2, "2022-05-01"),
            ("2", "b", 1, "2022-08-01"), ("2", "a", 2, "2022-08-01"),
            ("3", "a", 1, "2023-06-01"), ("3", "b", 2, "2023-06-01")]  # fmt: skip
    contests = Contests.from_columns(columns(rows))
    run = plackett_luce(contests)
    quads = strength_quads(contests, run, datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert {q.graph_name for q in quads} == {STRENGTH_GRAPH}
    means = {q.subject.value.rsplit("rating/", 1)[-1]: float(q.object.value)
             for q in quads if q.predicate == RG.ratingMean}  # fmt: skip
    assert set(means) == {"a/1500m/male/2022", "b/1500m/male/2022", "a/1500m/male/2023",
                          "b/1500m/male/2023"}  # fmt: skip
    # 2022's rating is the one after race 2 (row 3 of b, row 2 of a in date, race, place order).
    assert means["b/1500m/male/2022"] == pytest.approx(run.mu_after[2], abs=1e-6)
    counted = {q.subject.value.rsplit("rating/", 1)[-1]: int(q.object.value)
               for q in quads if q.predicate == RG.racesRated}  # fmt: skip
    assert counted["a/1500m/male/2022"] == 2 and counted["a/1500m/male/2023"] == 3
    days = {q.subject.value.rsplit("rating/", 1)[-1]: q.object.value
            for q in quads if q.predicate == RG.ratedOn}  # fmt: skip
    assert days["a/1500m/male/2022"] == "2022-08-01"


def test_the_written_ratings_pass_the_shapes() -> None:
    contests, _ = simulated(athletes=8, races=20, field=4)
    quads = strength_quads(contests, plackett_luce(contests), datetime(2026, 1, 1,
                           tzinfo=timezone.utc))  # fmt: skip
    data = rdflib.Graph()
    data.parse(data="\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads),
               format="nt")  # fmt: skip
    for athlete in set(contests.entrant_athletes):
        data.add((rdflib.URIRef(athlete), rdflib.RDF.type, rdflib.URIRef(RG.Athlete.value)))
        data.add((rdflib.URIRef(athlete), rdflib.RDFS.label, rdflib.Literal(athlete[-4:])))
    data.parse(ontology_file(), format="turtle")
    conforms, _, text = validate(data, shacl_graph=str(shapes_file()), inference="none",
                                 advanced=True)  # fmt: skip
    assert conforms, text
    runs = [q for q in quads if q.predicate == RG.modelParameters]
    assert {json.loads(q.object.value).get("beta") for q in runs} >= {12.5}


def test_rate_store_writes_the_analysis_graph_and_sparql_finds_kerr(rated: Path) -> None:
    store = open_store(rated)
    query = load_registry(queries_dir() / "analysis")["athlete-ratings"]
    found = select_columns(store, query.text, {"athlete": ox.NamedNode(KERR)})
    disciplines = set(found["discipline"])
    assert RG.Discipline1500m.value in disciplines
    seasons = [d for d, m in zip(found["day"], found["mean"], strict=True) if m]
    assert "2023" in {d[:4] for d in seasons}
    assert any(found["prestige"])
    assert rating_iri(KERR, RG.Discipline1500m.value, RG.Male.value, "2023").value in found["rating"]


def test_rating_again_replaces_the_graph_and_leaves_graph_folder_alone(rated: Path) -> None:
    before = {p: p.read_bytes() for p in (REPO / "graph").rglob("*") if p.is_file()}
    first = rate_store(rated, now=datetime(2026, 12, 3, tzinfo=timezone.utc))
    again = rate_store(rated, {"beta": 8.0}, now=datetime(2026, 12, 4, tzinfo=timezone.utc))
    assert first.quads == again.quads and again.parameters["beta"] == 8.0
    stamps = select_columns(
        open_store(rated),
        f"SELECT DISTINCT ?t WHERE {{ GRAPH <{STRENGTH_GRAPH.value}> {{ ?run prov:endedAtTime ?t }} }}",
    )
    assert stamps["t"] == ["2026-12-04T00:00:00Z"]
    assert before == {p: p.read_bytes() for p in (REPO / "graph").rglob("*") if p.is_file()}


def test_the_strength_and_evaluate_commands(rated: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(main, ["strength", "--store", str(rated), "--beta", "12.5"])
    assert done.exit_code == 0, done.output
    assert "season ratings" in done.output and "beta=12.5" in done.output
    table = tmp_path / "evaluation.md"
    evaluated = runner.invoke(main, ["evaluate", "--store", str(rated), "--cutoff", "2023-01-01",
                                     "--model", "openskill", "-o", str(table)])  # fmt: skip
    assert evaluated.exit_code == 0, evaluated.output
    assert "Championship finals:" in evaluated.output
    assert table.read_text(encoding="utf-8").strip() == evaluated.output.strip()
    wrong = runner.invoke(main, ["evaluate", "--store", str(rated), "--cutoff", "2023-13-01"])
    assert wrong.exit_code == 2 and "--cutoff" in wrong.output
    late = runner.invoke(main, ["evaluate", "--store", str(rated), "--cutoff", "2030-01-01"])
    assert late.exit_code == 1 and "cutoff 2030-01-01: no race from it on" in late.output


def test_strength_tau_takes_effect(rated: Path) -> None:
    """--tau (openskill's added uncertainty per race) widens the deviations it writes."""

    def deviations(tau: str) -> list[str]:
        done = CliRunner().invoke(main, ["strength", "--store", str(rated), "--tau", tau])
        assert done.exit_code == 0 and f"tau={tau}" in done.output, done.output
        return select_columns(
            open_store(rated),
            "SELECT (SUM(?sd) AS ?total) WHERE { GRAPH "
            f"<{STRENGTH_GRAPH.value}> {{ ?r rg:ratingDeviation ?sd }} }}",
        )["total"]

    assert float(deviations("2")[0]) > float(deviations("0.01")[0])
