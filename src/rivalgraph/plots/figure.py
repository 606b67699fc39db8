"""What every chart shares: its size, its caption, and saving it the same way every time.

Figures are made with :class:`matplotlib.figure.Figure` on the Agg canvas,
never through pyplot, so no window, no global state and no display are
needed.  :func:`save` writes SVG with its text kept as text (so it can be
searched and tested), a fixed hash salt and no date, so the same chart gives
the same bytes; PNG at :data:`DPI`, so its size in pixels is
:data:`FIGURE_SIZE` times :data:`DPI`.

Examples
--------
>>> picture_format("kerr.svg"), picture_format("kerr.PNG")
('svg', 'png')
>>> picture_format("kerr.pdf")
Traceback (most recent call last):
...
rivalgraph.plots.figure.PlotError: cannot draw kerr.pdf: the file name must end in .svg or .png, not '.pdf'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from rivalgraph.errors import RivalgraphError
from rivalgraph.export.files import atomic_output

__all__ = ["PlotError", "PICTURE_FORMATS", "FIGURE_SIZE", "DPI", "picture_format", "new_figure",
           "add_caption", "caption_height", "save", "SavedPicture"]  # fmt: skip

#: The file suffixes ``-o`` may end in, and the format each means.
PICTURE_FORMATS = {".svg": "svg", ".png": "png"}
#: Width and height of every chart, in inches.
FIGURE_SIZE = (11.0, 7.0)
DPI = 100
CAPTION_FONT_SIZE = 7.0
#: Height of one caption line as a fraction of the figure's height.
_LINE = CAPTION_FONT_SIZE * 1.45 / 72 / FIGURE_SIZE[1]


class PlotError(RivalgraphError):
    """A chart cannot be drawn or written: an unknown file format, nothing to draw."""


@dataclass(frozen=True)
class SavedPicture:
    """What :func:`save` wrote."""

    path: Path
    format: str
    bytes: int


def picture_format(path: Path | str) -> str:
    """The format a file name asks for (from its suffix, any case).

    Raises
    ------
    PlotError
        If the suffix is not .svg or .png.
    """
    suffix = Path(path).suffix
    found = PICTURE_FORMATS.get(suffix.lower())
    if found is None:
        raise PlotError(f"cannot draw {path}: the file name must end in "
                        f"{' or '.join(PICTURE_FORMATS)}, not {suffix or 'nothing'!r}")  # fmt: skip
    return found


def new_figure() -> Figure:
    """An empty chart of :data:`FIGURE_SIZE` on the non-interactive Agg canvas."""
    figure = Figure(figsize=FIGURE_SIZE, dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def caption_height(lines: int) -> float:
    """The part of the figure's height that a caption of ``lines`` lines takes."""
    return 0.015 + lines * _LINE


def add_caption(figure: Figure, lines: list[str]) -> None:
    """Write the caption lines at the foot of the figure, left-aligned, in small type."""
    text = figure.text(0.01, 0.01, "\n".join(lines), ha="left", va="bottom",
                       fontsize=CAPTION_FONT_SIZE, color="#444444", linespacing=1.3)  # fmt: skip
    text.set_gid("caption")


def save(figure: Figure, path: Path | str) -> SavedPicture:
    """Write the chart as SVG or PNG (from the suffix of ``path``), atomically.

    Raises
    ------
    PlotError
        If the suffix is not .svg or .png.
    rivalgraph.export.files.ExportError
        If the target is a folder, its folder does not exist, or it lies in ``graph/``.
    """
    chosen = picture_format(path)
    # Text as text (searchable, testable); a fixed salt and no date: the same chart, the same bytes.
    metadata = {"Date": None} if chosen == "svg" else {"Software": None}
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "rivalgraph"}), \
            atomic_output(path) as handle:  # fmt: skip
        figure.savefig(handle, format=chosen, dpi=DPI, metadata=metadata)
    target = Path(path)
    return SavedPicture(target, chosen, target.stat().st_size)
