"""The documentation stays true: README.md is the front door, docs/ the manual.

README's command map names every command, the hand-written pages document every option, and
the site builds with ``mkdocs build --strict`` (no broken link or anchor).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from rivalgraph.cli import main
from rivalgraph.clidoc import commands

from .conftest import REPO
from .docs_support import README, hand_written_text

README_TEXT = README.read_text(encoding="utf-8")
#: Every command and subcommand, as typed after ``rivalgraph`` (``build``, ``plot rivalry``).
COMMANDS = {full.removeprefix("rivalgraph "): command for full, command, _ in list(commands())[1:]}


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


COMMAND_MAP = _section(README_TEXT, "Commands and the code behind them")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readmes_command_map(name: str) -> None:
    rows = [row for row in COMMAND_MAP.splitlines() if re.search(rf"`rivalgraph {name}[` ]", row)]
    assert rows, f"README's command map does not name `rivalgraph {name}`"
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 3, row
        module = re.match(r"`([\w/]+(?:\.py|/))`", cells[1])
        assert module and (REPO / "src" / "rivalgraph" / module.group(1)).exists(), row
        page = re.search(r"\]\((docs/[\w.-]+\.md)(?:#[\w-]+)?\)", cells[2])
        assert page and (REPO / page.group(1)).is_file(), row


def _options() -> list[object]:
    found = []
    for name, command in COMMANDS.items():
        for parameter in command.params:
            if isinstance(parameter, click.Option) and not parameter.hidden:
                opts = [*parameter.opts, *parameter.secondary_opts]
                found.append(pytest.param(name, opts, id=f"{name} {max(opts, key=len)}"))
    return found


@pytest.mark.parametrize(("name", "opts"), _options())
def test_every_option_is_documented_by_hand(name: str, opts: list[str]) -> None:
    """Each option of each command is named in README.md or a page of docs/ (not cli.md)."""
    text = hand_written_text()
    assert any(re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text) for opt in opts), (
        f"rivalgraph {name} {'/'.join(opts)} is documented only in the generated docs/cli.md"
    )


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_help_has_summary_and_example(name: str) -> None:
    doc = main.commands[name].help or ""
    assert doc.splitlines()[0].strip()
    assert "Example: rivalgraph " + name in doc


def test_readme_gives_the_two_commands() -> None:
    assert "make demo" in README_TEXT and "make test" in README_TEXT
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.MULTILINE) and re.search(r"^test:", makefile, re.MULTILINE)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_the_readme_is_a_front_door() -> None:
    assert len(README_TEXT.splitlines()) <= 350


def test_every_folder_has_a_readme() -> None:
    for folder in ("ontology", "graph", "queries", "tests/data"):
        assert (REPO / folder / "README.md").is_file(), folder


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading (and mkdocs, for the headings these pages use)."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def test_the_readmes_links_reach_their_files_and_headings() -> None:
    links = re.findall(r"\]\(([^)\s]+)\)", README_TEXT)
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert len(local) >= 30
    for link in local:
        path, _, anchor = link.partition("#")
        target = REPO / path
        assert target.exists(), link
        if anchor:
            headings = re.findall(r"^#+ (.+)$", target.read_text(encoding="utf-8"), re.MULTILINE)
            assert anchor in {_slug(heading) for heading in headings}, link


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    """``mkdocs build --strict`` fails on a broken link, a missing anchor or a page not in the nav."""
    pytest.importorskip("mkdocs")
    config = REPO / "mkdocs.yml"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(tmp_path)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "index.html").is_file() and (tmp_path / "export" / "index.html").is_file()


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
