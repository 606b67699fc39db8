"""The export command is documented: a summary and example in its help, every format and
option in docs/export.md."""

from __future__ import annotations

import click

from rivalgraph.cli import main
from rivalgraph.export.exporter import FORMATS
from rivalgraph.export.schema import FULL_EDGE_FIELDS, FULL_NODE_FIELDS

from .docs_support import page

DOC = page("export.md")


def test_export_help_has_a_summary_and_an_example() -> None:
    command = main.commands["export"]
    assert isinstance(command, click.Command)
    help_text = command.help or ""
    assert help_text.splitlines()[0].strip().endswith(".")
    assert "Example: rivalgraph export --format" in help_text


def test_every_format_has_an_example_command() -> None:
    for fmt in FORMATS:
        assert f"rivalgraph export --format {fmt} " in DOC, fmt


def test_every_option_and_attribute_is_documented() -> None:
    command = main.commands["export"]
    for parameter in command.params:
        if isinstance(parameter, click.Option) and parameter.name not in (
            "store", "half_life", "as_of", "score_params"
        ) and not str(parameter.name).startswith("w_"):  # fmt: skip
            assert parameter.opts[-1] in DOC, parameter.opts
    for name in [*FULL_NODE_FIELDS, *FULL_EDGE_FIELDS]:
        assert f"`{name}`" in DOC, name
