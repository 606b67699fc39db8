"""The command line, run in-process through click's runner and once as a real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rivalgraph.build import BuildReport
from rivalgraph.cli import main
from rivalgraph.resources import graph_dir


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_build_prints_counts(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "athletes        117" in result.output
    assert "statements" in result.output


def test_build_error_is_a_message_not_a_traceback(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(graph_dir(), folder)
    (folder / "broken.trig").write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--store", str(tmp_path / "s"), "--graph", str(folder)])
    assert result.exit_code == 1
    assert "broken.trig:1:" in result.output
    assert "Traceback" not in result.output


def test_validate(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid: ")


def test_rivalry(runner: CliRunner, built: tuple[Path, BuildReport]) -> None:
    result = runner.invoke(main, ["rivalry", "--store", str(built[0]), "Josh Kerr", "Ingebrigtsen"])
    assert result.exit_code == 0, result.output
    assert "Josh Kerr vs Jakob Ingebrigtsen" in result.output
    assert "blindfolded" in result.output


def test_rivalry_unknown_name(runner: CliRunner, built: tuple[Path, BuildReport]) -> None:
    result = runner.invoke(main, ["rivalry", "--store", str(built[0]), "Josh Ker", "Nobody Atall"])
    assert result.exit_code == 1
    assert "did you mean 'Josh Kerr'" in result.output


def test_store_from_environment(runner: CliRunner, built: tuple[Path, BuildReport]) -> None:
    result = runner.invoke(main, ["rivalry", "Kerr", "Ingebrigtsen"],
                           env={"RIVALGRAPH_STORE": str(built[0])})  # fmt: skip
    assert result.exit_code == 0, result.output


def test_query_list_and_formats(runner: CliRunner, built: tuple[Path, BuildReport]) -> None:
    listed = runner.invoke(main, ["query", "--list"])
    assert "head-to-head" in listed.output
    args = ["query", "--store", str(built[0]), "head-to-head", "-p", "athlete=Josh Kerr",
            "-p", "opponent=Jakob Ingebrigtsen"]  # fmt: skip
    as_json = runner.invoke(main, [*args, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    document = json.loads(as_json.output)
    assert "raceLabel" in document["head"]["vars"]
    assert len(document["results"]["bindings"]) >= 5
    as_csv = runner.invoke(main, [*args, "--format", "csv"])
    assert as_csv.output.splitlines()[0].startswith("athlete,opponent,race,")
    as_table = runner.invoke(main, args)
    assert "rows)" in as_table.output


def test_query_file(runner: CliRunner, built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text("# summary: count athletes\n# columns: n\n"
                    "SELECT (COUNT(?a) AS ?n) WHERE { ?a a rg:Athlete }\n")  # fmt: skip
    result = runner.invoke(main, ["query", "--store", str(built[0]), str(path), "--format", "csv"])
    assert result.output.splitlines() == ["n", "117"]


def test_the_installed_command_runs(built: tuple[Path, BuildReport]) -> None:
    command = Path(sys.executable).parent / "rivalgraph"
    completed = subprocess.run(
        [str(command), "rivalry", "--store", str(built[0]), "Kerr", "Ingebrigtsen"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "World Athletics Championships 2023" in completed.stdout
