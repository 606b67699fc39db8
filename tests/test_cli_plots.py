"""``rivalgraph plot rivalry`` and ``rivalgraph plot rivals``: pictures, and errors as messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from rivalgraph.cli import main

from .plots_support import count_ids, svg_text


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_plot_rivalry_writes_an_svg(runner: CliRunner, rated_location: Path, tmp_path: Path) -> None:
    target = tmp_path / "rivalry.svg"
    result = runner.invoke(main, ["plot", "rivalry", "--store", str(rated_location), "Kerr",
                                  "Ingebrigtsen", "-o", str(target)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "(svg: 5 races, 3 statements" in result.output
    assert count_ids(target, r"race-\d+") == 5
    assert count_ids(target, r"rating-\d") == 2


def test_plot_rivalry_without_ratings_says_how_to_get_them(
    runner: CliRunner, real_location: Path, tmp_path: Path
) -> None:
    result = runner.invoke(main, ["plot", "rivalry", "--store", str(real_location), "Kerr",
                                  "Ingebrigtsen", "-o", str(tmp_path / "r.png")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "ratings: run `rivalgraph strength`" in result.output


def test_plot_rivals_writes_a_png(runner: CliRunner, real_location: Path, tmp_path: Path) -> None:
    target = tmp_path / "rivals.png"
    result = runner.invoke(main, ["plot", "rivals", "--store", str(real_location),
                                  "Jakob Ingebrigtsen", "--top", "4", "-o", str(target)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "(png: 4 rivals" in result.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_rivals_filters_like_rivals(runner: CliRunner, real_location: Path, tmp_path: Path) -> None:
    target = tmp_path / "rivals.svg"
    result = runner.invoke(main, ["plot", "rivals", "--store", str(real_location), "Ingebrigtsen",
                                  "--discipline", "5000 m", "-o", str(target)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Discipline5000m" in svg_text(target)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rivalry", "Josh Ker", "Ingebrigtsen", "-o", "x.svg"], "did you mean 'Josh Kerr'"),
        (["rivals", "Jakob Ingebrigtsn", "-o", "x.svg"], "did you mean 'Jakob Ingebrigtsen'"),
        (["rivalry", "Kerr", "Ingebrigtsen", "-o", "x.pdf"], "must end in .svg or .png, not '.pdf'"),
        (["rivals", "Ingebrigtsen", "-o", "x.jpeg"], "must end in .svg or .png, not '.jpeg'"),
        (["rivalry", "Kerr", "Oscar Chelimo", "-o", "x.svg"], "never ran the same race"),
        (["rivalry", "Kerr", "Ingebrigtsen", "--discipline", "1500 mtres", "-o", "x.svg"],
         "unknown discipline '1500 mtres'"),
    ],
)  # fmt: skip
def test_bad_input_is_a_message_naming_what_is_wrong(
    runner: CliRunner, real_location: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    output = args.index("-o") + 1
    args = [*args[:output], str(tmp_path / args[output]), *args[output + 1 :]]
    result = runner.invoke(main, ["plot", args[0], "--store", str(real_location), *args[1:]])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


def test_plot_needs_an_output_file(runner: CliRunner, real_location: Path) -> None:
    result = runner.invoke(main, ["plot", "rivals", "--store", str(real_location), "Kerr"])
    assert result.exit_code == 2
    assert "-o" in result.output
