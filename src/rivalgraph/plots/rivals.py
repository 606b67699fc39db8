"""Draw an athlete's ranked rivals: one bar per rival, split into each factor's part of the score.

The score is the weighted mean of its factors (:mod:`rivalgraph.analysis.scoring`;
parity only with strength ratings), so it is the sum of their terms; each bar
stacks them, highest score on top, with the score, the shared races and the statements written beside it.
Every segment has an ``id`` in the SVG (``bar-1-repetition``, ...) and every bar's
label ``rival-1``, ... so a test can count them.

Examples
--------
>>> from rivalgraph.plots.data import RivalBar, RivalsChart
>>> parts = {"repetition": 0.2, "balance": 0.1, "closeness": 0.1, "stakes": 0.1, "discourse": 0.0}
>>> chart = RivalsChart("urn:a", "Jakob Ingebrigtsen", "2025-09-17", 4.0,
...     (RivalBar(1, "Josh Kerr", "GBR", 0.5, parts, 5, (3, 2), 3),), ())
>>> sorted(patch.get_gid() for patch in draw_rivalry_bars(chart).axes[0].patches)[:2]
['bar-1-balance', 'bar-1-closeness']
"""

from __future__ import annotations

from matplotlib.figure import Figure

from rivalgraph.analysis.scoring import FACTORS
from rivalgraph.plots.data import RivalsChart
from rivalgraph.plots.figure import add_caption, caption_height, new_figure
from rivalgraph.plots.sources import caption_lines

__all__ = ["FACTOR_COLOURS", "draw_rivalry_bars"]

#: One colour per factor of the score, in the order of ``FACTORS``.
FACTOR_COLOURS = dict(zip(FACTORS, ("#4c72b0", "#55a868", "#8172b2", "#dd8452", "#c44e52",
                                    "#937860"),
                          strict=True))  # fmt: skip


def _caption(chart: RivalsChart) -> list[str]:
    counted = chart.factors
    times = "balance, closeness and parity count" if "parity" in counted else \
        "balance and closeness count"  # fmt: skip
    about = (
        f"Each bar is a directed rivalry score: the weighted mean of {len(counted)} factors "
        f"({times} times repetition), so each segment is one factor's part of it"
    )
    if chart.filter:
        about += f"; filter: {chart.filter}"
    return caption_lines([about, *chart.sources], width=185)


def _annotation(chart: RivalsChart, number: int) -> str:
    bar = chart.bars[number]
    surname = chart.label.split()[-1]
    statements = f", {bar.statements} statements" if bar.statements else ""
    return (f"{bar.score:.3f}  ({bar.shared_races} races: {surname} ahead {bar.wins[0]}, "
            f"{bar.label.split()[-1]} {bar.wins[1]}{statements})")  # fmt: skip


def draw_rivalry_bars(chart: RivalsChart) -> Figure:
    """The rivals chart of :func:`rivalgraph.plots.data.rivals_chart`, as a figure."""
    figure = new_figure()
    lines = _caption(chart)
    add_caption(figure, lines)
    bottom = caption_height(len(lines)) + 0.08
    axes = figure.add_axes((0.22, bottom, 0.58, 0.84 - bottom))
    rows = list(range(len(chart.bars)))
    left = [0.0] * len(chart.bars)
    for factor in chart.factors:
        widths = [bar.contributions.get(factor, 0.0) for bar in chart.bars]
        drawn = axes.barh(rows, widths, left=left, height=0.65, color=FACTOR_COLOURS[factor],
                          label=factor, edgecolor="white", linewidth=0.5)  # fmt: skip
        for bar, patch in zip(chart.bars, drawn.patches, strict=True):
            patch.set_gid(f"bar-{bar.rank}-{factor}")
        left = [start + width for start, width in zip(left, widths, strict=True)]
    for number, end in enumerate(left):
        axes.text(end + 0.005, number, _annotation(chart, number), va="center", fontsize=7.5,
                  gid=f"score-{chart.bars[number].rank}")  # fmt: skip
    names = [f"{bar.rank}. {bar.label}" + (f" ({bar.nation})" if bar.nation else "")
             for bar in chart.bars]  # fmt: skip
    axes.set_yticks(rows, names)
    for bar, tick in zip(chart.bars, axes.get_yticklabels(), strict=True):
        tick.set_gid(f"rival-{bar.rank}")
    axes.invert_yaxis()
    axes.set_xlim(0, max(1.0, max(left) * 1.05) if left else 1.0)
    axes.set_xlabel("rivalry score (each segment: one factor's part)")
    axes.set_ylabel("rival (ranked)")
    axes.grid(axis="x", color="#eeeeee")
    axes.set_axisbelow(True)
    figure.legend(loc="upper left", bbox_to_anchor=(0.82, 0.84), fontsize=8, frameon=False,
                  title="factor", title_fontsize=8, handles=axes.containers)  # fmt: skip
    figure.suptitle(f"Rivals of {chart.label}", x=0.22, ha="left", y=0.965, fontsize=15,
                    fontweight="bold")  # fmt: skip
    figure.text(0.22, 0.905, f"as of {chart.as_of}; evidence halves in weight every "
                f"{chart.half_life:g} years; top {len(chart.bars)}", fontsize=10,
                gid="subtitle")  # fmt: skip
    return figure
