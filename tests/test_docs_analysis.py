"""The commands of the analysis are documented: a docstring example and a README section."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from rivalgraph.cli import main

DOC = Path(__file__).parents[1] / "README.md"
COMMANDS = ["query", "check", "rivals", "network", "timeline", "analyse"]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_a_summary_and_an_example(name: str) -> None:
    command = main.commands[name]
    assert isinstance(command, click.Command)
    help_text = command.help or ""
    assert help_text.splitlines()[0].strip().endswith(".")
    assert f"Example: rivalgraph {name}" in help_text


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_shown_in_the_readme_section(name: str) -> None:
    assert f"$ rivalgraph {name}" in DOC.read_text(encoding="utf-8")


def test_every_score_parameter_is_documented() -> None:
    from rivalgraph.analysis.scoring import ScoreParameters

    text = DOC.read_text(encoding="utf-8")
    for name in ScoreParameters.names():
        assert f"`{name}`" in text, name
