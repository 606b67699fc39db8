"""Saving a chart: the format from the suffix, clear errors, nothing half written."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivalgraph.export.files import ExportError
from rivalgraph.plots.figure import PlotError, new_figure, picture_format, save
from rivalgraph.resources import graph_dir


@pytest.mark.parametrize(("name", "expected"), [("a.svg", "svg"), ("a.PNG", "png"), ("a.b.png", "png")])
def test_the_format_comes_from_the_suffix(name: str, expected: str) -> None:
    assert picture_format(name) == expected


@pytest.mark.parametrize("name", ["chart.pdf", "chart", "chart.svg.txt"])
def test_an_unknown_suffix_names_the_file_and_the_formats(name: str, tmp_path: Path) -> None:
    with pytest.raises(PlotError, match=r"must end in \.svg or \.png"):
        save(new_figure(), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_a_chart_is_never_written_into_the_curated_graph() -> None:
    with pytest.raises(ExportError, match="curated graph folder"):
        save(new_figure(), graph_dir() / "chart.svg")
