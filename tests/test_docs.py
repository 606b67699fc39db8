"""The documentation stays true: README.md is the front door, docs/ the manual.

README's command map names every command, the hand-written pages document every option, the
site builds with ``mkdocs build --strict`` (no broken link or anchor), and every console
example written as ``$ rivalgraph ...`` followed by its output is run against the curated graph
with strength ratings and must print what the page shows (as sqlite-utils' test_docs does).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from rivalgraph.cli import main
from rivalgraph.clidoc import commands

from .conftest import REPO, copy_store
from .docs_support import README, hand_written, hand_written_text

README_TEXT = README.read_text(encoding="utf-8")
#: Every command and subcommand, as typed after ``rivalgraph`` (``build``, ``plot rivalry``).
COMMANDS = {full.removeprefix("rivalgraph "): command for full, command, _ in list(commands())[1:]}
#: How many ``$ rivalgraph`` examples the pages hold; fewer found means some stopped being run.
EXAMPLES_WRITTEN = 26


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


# The console examples. ------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """One ``$ rivalgraph ...`` line of a page and the output shown under it."""

    where: str
    command: str
    expected: tuple[str, ...]


def _fenced_blocks(text: str) -> list[tuple[int, list[str]]]:
    """Each fenced block's first line number and its lines, dedented by its fence's indent."""
    blocks, lines = [], text.splitlines()
    index = 0
    while index < len(lines):
        fence = re.match(r"^(\s*)```", lines[index])
        if not fence:
            index += 1
            continue
        indent, body, start = len(fence.group(1)), [], index + 2
        index += 1
        while index < len(lines) and not re.match(r"^\s*```\s*$", lines[index]):
            body.append(lines[index][indent:])
            index += 1
        blocks.append((start, body))
        index += 1
    return blocks


def _examples_in(path: Path) -> list[list[Example]]:
    """The examples of each block that has ``$ rivalgraph`` lines, grouped by block."""
    found = []
    name = path.relative_to(REPO).as_posix()
    for start, body in _fenced_blocks(path.read_text(encoding="utf-8")):
        if not any(line.startswith("$ rivalgraph ") for line in body):
            continue
        assert body[0].startswith("$ rivalgraph "), f"{name}:{start}: a console example starts with $"
        block: list[Example] = []
        for offset, line in enumerate(body):
            if line.startswith("$ "):
                block.append(Example(f"{name}:{start + offset}", line[2:], ()))
            else:
                last = block[-1]
                block[-1] = Example(last.where, last.command, (*last.expected, line))
        found.append(block)
    return found


BLOCKS = [block for path in hand_written() for block in _examples_in(path)]


def _pattern(expected: tuple[str, ...]) -> re.Pattern[str]:
    """A ``...`` line stands for any lines (or none); ``...`` inside a line for any text."""
    parts = []
    for line in expected:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(r"[^\n]*?".join(re.escape(piece) for piece in line.rstrip().split("...")) + r"\n")
    return re.compile("".join(parts))


def _normalise(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "".join(line + "\n" for line in lines)


def test_the_matching_of_expected_output() -> None:
    assert _pattern(("a", "...", "d")).fullmatch("a\nb\nc\nd\n")
    assert _pattern(("a", "...", "b")).fullmatch("a\nb\n")
    assert _pattern(("wrote .../x.svg (... bytes)",)).fullmatch("wrote /tmp/p/x.svg (12 bytes)\n")
    assert not _pattern(("a", "c")).fullmatch("a\nb\nc\n")
    assert not _pattern(("a ... c",)).fullmatch("a b\nc\n")


@pytest.fixture(scope="module")
def doc_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated graph with strength ratings, as the pages' examples were written against."""
    location = tmp_path_factory.mktemp("doc-store") / "store"
    runner = CliRunner(env={"RIVALGRAPH_IMPORTS": "0"})
    for args in (["build", "--store", str(location)], ["strength", "--store", str(location)]):
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return location


def test_enough_examples_are_collected() -> None:
    """Each block below is run by the next test; none may go missing without notice."""
    found = [example for block in BLOCKS for example in block]
    assert len(found) >= EXAMPLES_WRITTEN, [example.where for example in found]
    assert {example.command.split()[1] for example in found} >= {
        "build", "strength", "rivals", "rivalry", "plot", "export", "query", "check", "network",
        "timeline", "analyse", "validate",
    }  # fmt: skip


@pytest.mark.parametrize("block", BLOCKS, ids=[block[0].where for block in BLOCKS])
def test_console_example_prints_what_the_page_shows(
    block: list[Example], doc_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commands of one block run in order, in a scratch folder, on a copy of the store."""
    store = copy_store(doc_store, tmp_path / "store")
    runner = CliRunner(env={"RIVALGRAPH_IMPORTS": "0", "RIVALGRAPH_STORE": str(store)})
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    for example in block:
        args = shlex.split(example.command)
        assert args[0] == "rivalgraph", example.where
        result = runner.invoke(main, args[1:])
        if result.exception and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"{example.where}: {example.command} raised") from result.exception
        output = _normalise(result.output)
        assert _pattern(example.expected).fullmatch(output), (
            f"{example.where}: $ {example.command}\n--- the page shows:\n"
            + "\n".join(example.expected)
            + f"\n--- the command printed (exit code {result.exit_code}):\n{output}"
        )
