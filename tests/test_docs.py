"""The README is the user's manual: every command is documented with an example."""

from __future__ import annotations

import re

import pytest

from rivalgraph.cli import main

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
#: Sections written for the README by feature branches, until the lead folds them in.
SECTIONS = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs" / "readme").glob("*.md")))
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme_with_an_example(name: str) -> None:
    documented = README + "\n" + SECTIONS
    assert re.search(rf"^rivalgraph {name}\b", documented, re.MULTILINE), f"no example of {name}"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_summary_and_example(name: str) -> None:
    doc = main.commands[name].help or ""
    assert doc.splitlines()[0].strip()
    assert "Example: rivalgraph " + name in doc


def test_readme_gives_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_folder_has_a_readme() -> None:
    for folder in ("ontology", "graph", "queries", "tests/data"):
        assert (REPO / folder / "README.md").is_file(), folder
