"""The command-line reference (docs/cli.md) is the commands' own help, current, and complete."""

from __future__ import annotations

import click

from rivalgraph.clidoc import REFERENCE, commands, reference


def test_the_reference_is_what_the_commands_say_now() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is out of date: rewrite it with python -m rivalgraph.clidoc"
    )


def test_every_command_and_option_is_in_the_reference() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    found = list(commands())
    assert len(found) >= 20
    for name, command, _ in found:
        assert f"\n## {name}\n" in text, name
        for parameter in command.params:
            if isinstance(parameter, click.Option) and not parameter.hidden:
                assert any(option in text for option in parameter.opts), (name, parameter.opts)
