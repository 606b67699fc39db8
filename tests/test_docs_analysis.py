"""The commands of the analysis are documented: a docstring example and a console example in the docs."""

from __future__ import annotations

import click
import pytest

from rivalgraph.cli import main

from .docs_support import hand_written_text, page

COMMANDS = ["query", "check", "rivals", "network", "timeline", "analyse"]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_a_summary_and_an_example(name: str) -> None:
    command = main.commands[name]
    assert isinstance(command, click.Command)
    help_text = command.help or ""
    assert help_text.splitlines()[0].strip().endswith(".")
    assert f"Example: rivalgraph {name}" in help_text


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_shown_in_a_console_example(name: str) -> None:
    assert f"$ rivalgraph {name}" in hand_written_text()


def test_every_score_parameter_is_documented() -> None:
    from rivalgraph.analysis.scoring import ScoreParameters

    text = page("score.md")
    for name in ScoreParameters.names():
        assert f"`{name}`" in text, name
