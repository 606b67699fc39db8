"""Quality checks (queries/checks/*.rq): none finds a row in the real graph, each its fault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from rivalgraph.build import build
from rivalgraph.checks import format_results, load_checks, run_checks
from rivalgraph.cli import main
from rivalgraph.sources import parse_rdf
from rivalgraph.store import OxigraphStore, Store

BAD = Path(__file__).parent / "data" / "checks"
CHECKS = load_checks()


def test_there_are_checks_and_each_has_a_failing_fixture() -> None:
    assert len(CHECKS) >= 5
    assert {path.stem for path in BAD.glob("*.trig")} == set(CHECKS)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_each_check_has_a_header_and_no_parameters(name: str) -> None:
    assert CHECKS[name].summary and CHECKS[name].columns
    assert CHECKS[name].parameters == ()


def test_no_check_finds_anything_in_the_real_graph(real_store: Store) -> None:
    results = run_checks(real_store)
    assert len(results) == len(CHECKS)
    failed = [result for result in results if not result.passed]
    assert not failed, format_results(failed)


def test_no_check_finds_anything_in_the_fixture_graph(fixture_store: Store) -> None:
    failed = [result for result in run_checks(fixture_store) if not result.passed]
    assert not failed, format_results(failed)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_each_check_finds_the_fault_it_is_for(name: str) -> None:
    store = OxigraphStore.in_memory(parse_rdf(BAD / f"{name}.trig"))
    failed = {result.check.name: result for result in run_checks(store) if not result.passed}
    assert set(failed) == {name}
    assert failed[name].rows.variables == CHECKS[name].columns


def test_check_command_passes_on_the_real_graph(real_location: Path) -> None:
    outcome = CliRunner().invoke(main, ["check", "--store", str(real_location)])
    assert outcome.exit_code == 0, outcome.output
    assert f"all {len(CHECKS)} checks passed" in outcome.output


def test_check_command_fails_and_lists_the_rows(tmp_path: Path) -> None:
    folder = tmp_path / "graph"
    folder.mkdir()
    shutil.copy(BAD / "duplicate-place.trig", folder)
    build(tmp_path / "store", folder=folder, validate=False)
    outcome = CliRunner().invoke(main, ["check", "--store", str(tmp_path / "store")])
    assert outcome.exit_code == 1
    assert "FAIL duplicate-place" in outcome.output
    assert "result/r-joe" in outcome.output and "1 of" in outcome.output
