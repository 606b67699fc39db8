"""The README is the user's manual: every command is documented with an example."""

from __future__ import annotations

import re

import pytest

from rivalgraph.cli import main

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme_with_an_example(name: str) -> None:
    assert re.search(rf"^rivalgraph {name}\b", README, re.MULTILINE), f"no example of {name}"


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


def test_every_promise_of_security_md_names_tests_that_exist() -> None:
    """Each row of SECURITY.md's table of refusals names at least one test, and each exists."""
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    table = text[text.index("| request | answer | how to allow it | test |") :].split("\n\n", 1)[0]
    rows = table.splitlines()[2:]
    assert len(rows) >= 15
    for row in rows:
        cell = row.rstrip(" |").rsplit(" | ", 1)[-1]
        named = re.findall(r"`(test_\w+\.py)?(?:::)?(test_\w+)?`", cell)
        assert any(function for _, function in named), f"no test named for: {row[:80]}"
        module = ""
        for found_module, function in named:
            module = found_module or module
            source = (REPO / "tests" / module).read_text(encoding="utf-8")
            assert f"def {function}(" in source, f"{module}::{function} does not exist"
