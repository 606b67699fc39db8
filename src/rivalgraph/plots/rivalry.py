"""Draw a rivalry over time: two ratings with their uncertainty, the races, the statements.

The upper panel holds both athletes' season ratings (the Plackett-Luce mean
as a line, a band of two deviations either side) with a faint line on the
day of every race they ran together; the lower panel, on the same time axis,
one marker per race (coloured by who finished ahead, a star for a
championship final, the two places above it) and one per statement
(coloured by speaker, hollow for reported speech).  Every marker has an
``id`` in the SVG (``race-0``, ``statement-0``, ...) so a test can count them.

Examples
--------
>>> from datetime import date
>>> from rivalgraph.plots.data import RaceMark, RivalryChart
>>> race = RaceMark("urn:r", "1500 m final", date(2023, 8, 23), 1, 2, True, "https://x.org")
>>> chart = RivalryChart(("Josh Kerr", "Jakob Ingebrigtsen"), (race,), (), ((), ()),
...                      "1500 metres", "men", "", "ratings: run `rivalgraph strength`", ())
>>> figure = draw_rivalry(chart)
>>> [artist.get_gid() for artist in figure.axes[1].lines]
['race-0']
"""

from __future__ import annotations

from datetime import date, timedelta

from matplotlib.axes import Axes
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from rivalgraph.plots.data import RivalryChart, StatementMark
from rivalgraph.plots.figure import add_caption, caption_height, new_figure
from rivalgraph.plots.sources import caption_lines

__all__ = ["COLOURS", "draw_rivalry"]

#: The first athlete's colour and the second's.
COLOURS = ("#1f5fa8", "#c8372d")
_TIE = "#888888"


def _x(day: date) -> float:
    """A day as matplotlib's date number: the axes are told they hold dates (``xaxis_date``)."""
    return float(date2num(day))  # type: ignore[no-untyped-call]  # matplotlib leaves it untyped


def _surname(label: str) -> str:
    return label.split()[-1] if label.split() else label


def _draw_ratings(axes: Axes, chart: RivalryChart) -> None:
    for number, points in enumerate(chart.ratings):
        if not points:
            continue
        days = [_x(point.day) for point in points]
        means = [point.mean for point in points]
        low = [point.mean - 2 * point.deviation for point in points]
        high = [point.mean + 2 * point.deviation for point in points]
        band = axes.fill_between(days, low, high, color=COLOURS[number], alpha=0.15, linewidth=0)
        band.set_gid(f"rating-band-{number}")
        (line,) = axes.plot(days, means, color=COLOURS[number], marker="o", markersize=4,
                            linewidth=2)  # fmt: skip
        line.set_gid(f"rating-{number}")
    for number, race in enumerate(chart.races):
        axes.axvline(_x(race.day), color="#bbbbbb", linewidth=0.8, zorder=0,
                     gid=f"race-day-{number}")  # fmt: skip
    rated = ", ".join(part for part in (chart.discipline_label, chart.sex_label) if part)
    axes.set_ylabel("season rating (mean ± 2σ)")
    axes.set_title(f"Season strength ratings{f' ({rated})' if rated else ''}", fontsize=10,
                   loc="left")  # fmt: skip
    if not any(chart.ratings):
        message = chart.ratings_note or f"no ratings of either athlete in {rated or 'this discipline'}"
        axes.text(0.5, 0.5, message, transform=axes.transAxes, ha="center", va="center",
                  color="#666666", fontsize=11, gid="ratings-missing")  # fmt: skip
        axes.set_yticks([])
    axes.grid(axis="y", color="#eeeeee")


def _statement_heights(statements: tuple[StatementMark, ...]) -> list[float]:
    """Statements of one day stacked a little apart, so that none hides another."""
    seen: dict[date, int] = {}
    heights = []
    for said in statements:
        heights.append(0.22 * (seen.get(said.day, 0) % 4))
        seen[said.day] = seen.get(said.day, 0) + 1
    return heights


def _draw_events(axes: Axes, chart: RivalryChart) -> None:
    for number, race in enumerate(chart.races):
        colour = _TIE if race.leader is None else COLOURS[race.leader]
        (marker,) = axes.plot([_x(race.day)], [1.0], linestyle="none",
                              marker="*" if race.final else "o",
                              markersize=15 if race.final else 8, color=colour,
                              markeredgecolor="black", markeredgewidth=0.6)  # fmt: skip
        marker.set_gid(f"race-{number}")
        axes.annotate(f"{race.place}–{race.opponent_place}", (_x(race.day), 1.0),
                      xytext=(0, 9), textcoords="offset points", ha="center", fontsize=7)  # fmt: skip
    for number, (said, height) in enumerate(zip(chart.statements, _statement_heights(
            chart.statements), strict=True)):  # fmt: skip
        colour = COLOURS[said.speaker]
        (marker,) = axes.plot([_x(said.day)], [height], linestyle="none",
                              marker="D", markersize=7, color=colour,
                              markerfacecolor=colour if said.direct else "white")  # fmt: skip
        marker.set_gid(f"statement-{number}")
    axes.set_yticks([0.0, 1.0], ["statements", "races"])
    axes.set_ylim(-0.45, 1.75)
    axes.set_xlabel("date")
    axes.grid(axis="x", color="#eeeeee")


def _limits(chart: RivalryChart) -> tuple[float, float] | None:
    days = [race.day for race in chart.races] + [said.day for said in chart.statements]
    days += [point.day for points in chart.ratings for point in points]
    if not days:
        return None
    pad = timedelta(days=max(60, (max(days) - min(days)).days // 20))
    return _x(min(days) - pad), _x(max(days) + pad)


def _legend(figure: Figure, chart: RivalryChart) -> None:
    first, second = map(_surname, chart.labels)
    handles = [
        Line2D([], [], color=COLOURS[0], linewidth=2, marker="o", markersize=4,
               label=f"{first}: rating"),
        Line2D([], [], color=COLOURS[1], linewidth=2, marker="o", markersize=4,
               label=f"{second}: rating"),
        Patch(color="#888888", alpha=0.25, label="± 2σ (uncertainty)"),
        Line2D([], [], linestyle="none", marker="o", color=COLOURS[0], markeredgecolor="black",
               label=f"race: {first} ahead"),
        Line2D([], [], linestyle="none", marker="o", color=COLOURS[1], markeredgecolor="black",
               label=f"race: {second} ahead"),
        Line2D([], [], linestyle="none", marker="*", markersize=12, color="#dddddd",
               markeredgecolor="black", label="championship final"),
        Line2D([], [], linestyle="none", marker="D", color=COLOURS[0], label=f"{first} said"),
        Line2D([], [], linestyle="none", marker="D", color=COLOURS[1], label=f"{second} said"),
        Line2D([], [], linestyle="none", marker="D", color="#666666", markerfacecolor="white",
               label="reported speech"),
    ]  # fmt: skip
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.80, 0.88), fontsize=8,
                  frameon=False, title=f"places: {first}–{second}", title_fontsize=7)  # fmt: skip


def _caption(chart: RivalryChart) -> list[str]:
    notes = [chart.ratings_note] if chart.ratings_note else []
    if chart.rating_model:
        notes.append(f"Ratings: {chart.rating_model}, from graph:analysis-strength")
    if chart.undated_statements:
        notes.append(f"{chart.undated_statements} undated statements are not shown")
    if chart.filter:
        notes.append(f"Filter: {chart.filter}")
    return caption_lines(["; ".join(notes), *chart.sources] if notes else list(chart.sources),
                         width=185)  # fmt: skip


def draw_rivalry(chart: RivalryChart) -> Figure:
    """The rivalry chart of :func:`rivalgraph.plots.data.rivalry_chart`, as a figure."""
    figure = new_figure()
    lines = _caption(chart)
    add_caption(figure, lines)
    bottom = caption_height(len(lines)) + 0.07
    ratings = figure.add_axes((0.1, bottom + 0.25, 0.68, 0.82 - bottom - 0.25))
    events = figure.add_axes((0.1, bottom, 0.68, 0.2), sharex=ratings)
    _draw_ratings(ratings, chart)
    _draw_events(events, chart)
    ratings.tick_params(labelbottom=False)
    limits = _limits(chart)
    if limits is not None:
        events.set_xlim(*limits)
    events.xaxis_date()
    first, second = chart.labels
    ahead = chart.wins
    figure.suptitle(f"{first} vs {second}", x=0.1, ha="left", y=0.965, fontsize=15,
                    fontweight="bold")  # fmt: skip
    figure.text(0.1, 0.905, f"{len(chart.races)} races together: {_surname(first)} ahead "
                f"{ahead[0]}, {_surname(second)} ahead {ahead[1]}; {len(chart.statements)} "
                f"statements between them", fontsize=10, gid="subtitle")  # fmt: skip
    _legend(figure, chart)
    return figure
