"""The rivals chart, rendered to SVG and read back: one stacked bar per rival, labels, caption."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivalgraph.analysis.reports import rivals_report
from rivalgraph.analysis.scoring import FACTORS, ScoreParameters
from rivalgraph.plots.data import rivals_chart
from rivalgraph.plots.figure import save
from rivalgraph.plots.rivals import draw_rivalry_bars
from rivalgraph.store import Store, open_store

from .plots_support import count_ids, svg_text


@pytest.fixture(scope="module")
def svg(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rivals") / "ingebrigtsen.svg"
    save(draw_rivalry_bars(rivals_chart(store, "Jakob Ingebrigtsen", top=6)), path)
    return path


def test_one_bar_per_rival_with_a_segment_per_factor(store: Store, svg: Path) -> None:
    rivals = rivals_report(store, "Jakob Ingebrigtsen", ScoreParameters(), top=6).rivals
    assert count_ids(svg, r"rival-\d+") == len(rivals) == 6
    # No strength ratings in this store: parity is not counted, so not drawn.
    assert count_ids(svg, r"bar-\d+-[a-z]+") == len(rivals) * (len(FACTORS) - 1)
    assert count_ids(svg, r"bar-1-discourse") == 1
    assert count_ids(svg, r"bar-\d+-parity") == 0


def test_on_a_rated_store_parity_is_a_segment_of_every_bar(rated_location: Path,
                                                          tmp_path: Path) -> None:  # fmt: skip
    path = tmp_path / "rated.svg"
    save(draw_rivalry_bars(rivals_chart(open_store(rated_location), "Jakob Ingebrigtsen", top=4)),
         path)  # fmt: skip
    assert count_ids(path, r"bar-\d+-parity") == 4
    assert count_ids(path, r"bar-\d+-[a-z]+") == 4 * len(FACTORS)
    assert "weighted mean of 6 factors (balance, closeness and parity" in svg_text(path)


def test_ranked_names_axes_legend_and_caption_are_written(svg: Path) -> None:
    text = svg_text(svg)
    for expected in ("Rivals of Jakob Ingebrigtsen", "1. Josh Kerr (GBR)", "rivalry score",
                     "rival (ranked)", *FACTORS[:-1], "weighted mean of 5 factors",
                     "World Athletics all-time toplist"):  # fmt: skip
        assert expected in text, expected
