"""The command-line reference (``docs/cli.md``), written from the commands themselves.

Each command and subcommand of :data:`rivalgraph.cli.main` gets a section with its help text
as ``--help`` prints it (usage, description, every option with its default), so the reference
cannot drift from the code: ``tests/test_clidoc.py`` fails when ``docs/cli.md`` differs from
what :func:`reference` writes now.  Rewrite it with ``python -m rivalgraph.clidoc``.

Examples
--------
>>> text = reference()
>>> text.startswith("# Command-line reference")
True
>>> "## rivalgraph plot rivalry" in text and "--store TEXT" in text
True
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from rivalgraph.cli import main

__all__ = ["commands", "reference", "REFERENCE"]

#: Where the reference lives in the repository.
REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
#: The width help text is wrapped at (click's default would follow the terminal).
_WIDTH = 100


def commands(
    group: click.Group = main, prefix: str = "rivalgraph"
) -> Iterator[tuple[str, click.Command, click.Context]]:
    """Every command under ``group``, depth first in name order, with its full name and a context.

    >>> [name for name, _, _ in commands()][:3]
    ['rivalgraph', 'rivalgraph analyse', 'rivalgraph build']
    """
    context = click.Context(group, info_name=prefix, terminal_width=_WIDTH, max_content_width=_WIDTH)
    yield prefix, group, context
    for name in sorted(group.commands):
        command = group.commands[name]
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from commands(command, full)
        else:
            yield full, command, click.Context(command, info_name=full, parent=None,
                                               terminal_width=_WIDTH, max_content_width=_WIDTH)  # fmt: skip


def reference() -> str:
    """The reference as Markdown: a list of the commands, then each one's help."""
    found = list(commands())
    lines = [
        "# Command-line reference",
        "",
        "Written by `python -m rivalgraph.clidoc` from the commands' own help (what `--help`",
        "prints); `tests/test_clidoc.py` checks that it is current. The pages listed in",
        "[the documentation's index](index.md#the-commands) explain each command with examples.",
        "",
    ]
    lines += [f"- [`{name}`](#{name.replace(' ', '-')})" for name, _, _ in found[1:]]
    for name, command, context in found:
        lines += ["", f"## {name}", "", "```text", command.get_help(context).rstrip(), "```"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    REFERENCE.write_text(reference(), encoding="utf-8")
    print(f"wrote {REFERENCE}", file=sys.stderr)
