"""The rivalry chart, rendered to SVG and PNG and read back: markers, labels, caption."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from rivalgraph.plots.data import RATINGS_MISSING, rivalry_chart
from rivalgraph.plots.figure import DPI, FIGURE_SIZE, save
from rivalgraph.plots.rivalry import draw_rivalry
from rivalgraph.report import rivalry_report
from rivalgraph.store import Store, open_store

from .plots_support import count_ids, svg_text

PAIR = ("Josh Kerr", "Jakob Ingebrigtsen")


@pytest.fixture(scope="module")
def unrated_svg(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rivalry") / "kerr-ingebrigtsen.svg"
    save(draw_rivalry(rivalry_chart(store, *PAIR)), path)
    return path


@pytest.fixture(scope="module")
def rated_svg(rated_location: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rivalry") / "kerr-ingebrigtsen.svg"
    save(draw_rivalry(rivalry_chart(open_store(rated_location), *PAIR)), path)
    return path


def test_one_marker_per_shared_race_of_the_head_to_head(store: Store, unrated_svg: Path) -> None:
    races = rivalry_report(store, *PAIR).races
    assert len(races) == 5
    assert count_ids(unrated_svg, r"race-\d+") == len(races)


def test_one_marker_per_statement_between_them(store: Store, unrated_svg: Path) -> None:
    said = sum(len(thread) for thread in rivalry_report(store, *PAIR).threads)
    assert count_ids(unrated_svg, r"statement-\d+") == said == 3


def test_axes_title_legend_and_caption_are_written(unrated_svg: Path) -> None:
    text = svg_text(unrated_svg)
    for expected in ("Josh Kerr vs Jakob Ingebrigtsen", "season rating (mean ± 2σ)", "date",
                     "races", "statements", "race: Kerr ahead", "championship final",
                     "World Athletics all-time toplist", "outlets: Running Magazine"):  # fmt: skip
        assert expected in text, expected


def test_without_ratings_no_line_is_drawn_and_the_caption_says_why(unrated_svg: Path) -> None:
    assert count_ids(unrated_svg, r"rating-\d") == 0
    assert RATINGS_MISSING in svg_text(unrated_svg)


def test_with_ratings_both_lines_and_bands_are_drawn(rated_svg: Path) -> None:
    assert count_ids(rated_svg, r"rating-\d") == 2
    assert count_ids(rated_svg, r"rating-band-\d") == 2
    assert count_ids(rated_svg, r"race-\d+") == 5
    text = svg_text(rated_svg)
    assert RATINGS_MISSING not in text
    assert "Plackett-Luce" in text and "1500 metres, men" in text


def test_the_same_chart_gives_the_same_bytes(store: Store, tmp_path: Path) -> None:
    chart = rivalry_chart(store, *PAIR)
    first, second = save(draw_rivalry(chart), tmp_path / "a.svg"), save(draw_rivalry(chart),
                                                                          tmp_path / "b.svg")  # fmt: skip
    assert first.path.read_bytes() == second.path.read_bytes()


def test_png_is_a_png_of_the_chart_size(store: Store, tmp_path: Path) -> None:
    saved = save(draw_rivalry(rivalry_chart(store, *PAIR)), tmp_path / "kerr.png")
    data = saved.path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (FIGURE_SIZE[0] * DPI, FIGURE_SIZE[1] * DPI)
