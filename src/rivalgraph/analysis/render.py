"""Lay the analysis reports out as text tables for a terminal, or as JSON.

Examples
--------
>>> from rivalgraph.analysis.timeline import Event
>>> report = TimelineReport("urn:a", "urn:b", ("A", "B"), (
...     Event("2023-08-23", "race", "urn:race", "1500 m final", "B", "2 vs 1", "https://x.org"),))
>>> print(format_timeline(report, "table"))
Timeline of A and B (1 events)
2023-08-23  race        1500 m final
            A 2., B 1. (B ahead)  [https://x.org]
>>> import json
>>> json.loads(format_timeline(report, "json"))["events"][0]["kind"]
'race'
"""

from __future__ import annotations

import dataclasses
import json
import textwrap
from typing import Any

from rivalgraph.analysis.evidence import Evidence
from rivalgraph.analysis.reports import (
    AnalyseReport,
    NetworkReport,
    RivalEntry,
    RivalsReport,
    TimelineReport,
)
from rivalgraph.analysis.scoring import counted_factors
from rivalgraph.strength.standing import ahead_probability

__all__ = ["REPORT_FORMATS", "format_rivals", "format_network", "format_timeline",
           "format_analyse"]  # fmt: skip

REPORT_FORMATS = ("table", "json")


def _json(report: Any) -> str:
    return json.dumps(dataclasses.asdict(report), ensure_ascii=False, indent=1, default=str) + "\n"


def _check(output_format: str) -> None:
    if output_format not in REPORT_FORMATS:
        raise ValueError(f"unknown format {output_format!r}; known: {', '.join(REPORT_FORMATS)}")


def _surname(label: str) -> str:
    return label.split()[-1] if label.split() else label


def _place(place: int, colour: str) -> str:
    return f"{place}." + (f" ({colour})" if colour else "")


def _cut(entry: RivalEntry, items: int) -> RivalEntry:
    """``entry`` with the evidence the text shows: ``items`` races and titles, two more statements."""
    evidence = entry.evidence
    shown = dataclasses.replace(evidence, races=evidence.races[:items], titles=evidence.titles[:items],
                                statements=evidence.statements[: items + 2])  # fmt: skip
    return dataclasses.replace(entry, evidence=shown)


def _evidence_lines(entry: RivalEntry, holder: str, items: int, width: int) -> list[str]:
    evidence: Evidence = entry.evidence
    target = entry.rival.label
    lines = []
    for race in evidence.races[:items]:
        lines.append(
            f"      race   {race.date}  {race.label}: {_surname(holder)} "
            f"{_place(race.place, race.medal_colour)}, {_surname(target)} "
            f"{_place(race.opponent_place, race.opponent_medal_colour)}"
            + (f"  [{race.source}]" if race.source else "")
        )
    for title in evidence.titles[:items]:
        winner = holder if title.winner == evidence.holder else target
        lines.append(f"      title  {title.date}  {title.label} - won by {winner}")
    for said in evidence.statements[: items + 2]:
        where = ", ".join(part for part in (said.outlet, said.source_url or said.source_label)
                          if part)  # fmt: skip
        head = f"      said   {said.date}  {said.speaker_label}"
        head += " (in answer)" if said.responds_to else ""
        head += "" if said.direct else " (reported speech)"
        lines.append(f"{head}{f' [{where}]' if where else ''}:")
        shown = f"\u201c{said.text}\u201d" if said.direct else said.text
        lines += textwrap.wrap(shown, width=width, initial_indent=" " * 13,
                               subsequent_indent=" " * 14)  # fmt: skip
    return lines


def format_rivals(report: RivalsReport, output_format: str = "table", *, items: int = 3,
                  width: int = 100) -> str:  # fmt: skip
    """The ranked rivals with their factors and top evidence (``items`` races per rival)."""
    _check(output_format)
    if output_format == "json":
        return _json(dataclasses.replace(report, rivals=tuple(_cut(entry, items) for entry in report.rivals)))
    params = report.parameters
    lines = [
        f"Rivals of {report.label} (as of {report.as_of}; half-life {params.half_life:g} years; "
        f"{len(report.rivals)} shown)" + (f" [{report.filter}]" if report.filter else ""),
        "",
    ]
    if report.standings:
        lines += textwrap.wrap("Strength (Plackett-Luce rating after the latest race, mean ± "
                               "one sd): " + "; ".join(f"{s.pool} {s.describe()}"
                                                       for s in report.standings[:3]),
                               width=width, subsequent_indent="    ") + [""]  # fmt: skip
    if not report.rivals:
        lines.append("  no rivals: the graph has no race or statement shared with another athlete")
    counted = counted_factors(params)
    for entry in report.rivals:
        rival, a = entry.rival, entry.rival.assessment
        back = f"{rival.reverse.score:.3f}" if rival.reverse else "-"
        nation = f" ({rival.nation})" if rival.nation else ""
        lines.append(f"{rival.rank:>2}. {rival.label}{nation}  score {a.score:.3f}  "
                     f"(theirs towards {_surname(report.label)}: {back})")  # fmt: skip
        lines.append("    " + "  ".join(f"{name} {getattr(a, name):.2f}" for name in counted))
        gaps = []
        if entry.mean_place_gap is not None:
            gaps.append(f"mean place gap {entry.mean_place_gap:.1f}")
        if entry.mean_relative_gap is not None:
            gaps.append(f"mean mark gap {100 * entry.mean_relative_gap:.2f} %")
        statements = len(entry.evidence.statements)
        lines.append(
            f"    {a.meetings} meetings: {_surname(report.label)} ahead {entry.wins[0]}, "
            f"{_surname(rival.label)} ahead {entry.wins[1]}; {entry.title_deciders} title-deciding"
            + (f"; {', '.join(gaps)}" if gaps else "")
            + (f"; {statements} statements" if statements else "")
        )
        if entry.strength:
            mine, theirs = entry.strength
            lines.append(f"    strength ({mine.pool}): {_surname(report.label)} {mine.mean:.1f} ± "
                         f"{mine.deviation:.1f}, {_surname(rival.label)} {theirs.mean:.1f} ± "
                         f"{theirs.deviation:.1f}: {_surname(report.label)} ahead with probability "
                         f"{ahead_probability(mine, theirs):.2f}")  # fmt: skip
        lines += _evidence_lines(entry, report.label, items, width)
        lines.append("")
    return "\n".join(lines)


def format_network(report: NetworkReport, output_format: str = "table") -> str:
    """Communities, central rivals and triangles as text or JSON."""
    _check(output_format)
    if output_format == "json":
        return _json(report)
    name = report.labels.get
    lines = [
        f"Rivalry network (as of {report.as_of}): {report.athletes} athletes, "
        f"{report.rivalries} directed rivalries" + (f" [{report.filter}]" if report.filter else ""),
        "",  # fmt: skip
        f"Communities (Louvain, seed {report.seed}): {len(report.communities)}",
    ]
    for number, group in enumerate(report.communities, start=1):
        names = sorted(name(member, member) for member in group)
        lines += textwrap.wrap(f"{number:>3}. ({len(group)}) " + ", ".join(names), width=100,
                               subsequent_indent=" " * 5)  # fmt: skip
    lines += [
        "",
        "Central rivals (who is everyone's rival):",
        f"  {'athlete':<28} {'in-strength':>11} {'eigenvector':>11} {'rival of':>8}",
    ]
    for central in report.central:
        lines.append(f"  {central.label:<28} {central.in_strength:>11.3f} "
                     f"{central.eigenvector:>11.3f} {central.rivals_of:>8}")  # fmt: skip
    lines += ["", f"Rivalry triangles (mutual score >= {report.threshold:g}): "
                  f"{len(report.triangles)}"]  # fmt: skip
    for triangle in report.triangles:
        lines.append("  " + " - ".join(name(member, member) for member in triangle))
    return "\n".join(lines) + "\n"


def format_timeline(report: TimelineReport, output_format: str = "table") -> str:
    """The events of a rivalry, one block per event."""
    _check(output_format)
    if output_format == "json":
        return _json(report)
    first, second = report.labels
    lines = [f"Timeline of {first} and {second} ({len(report.events)} events)"]
    for event in report.events:
        lines.append(f"{event.date or '(undated)':<10}  {event.kind:<10}  {event.label}")
        places = event.detail.split(" vs ")
        if event.kind == "race" and len(places) == 2:
            detail = (f"{_surname(first)} {places[0]}., {_surname(second)} {places[1]}. "
                      f"({_surname(event.who)} ahead)")  # fmt: skip
        else:
            detail = f"{event.who}: {event.detail}" if event.detail else event.who
        if event.reported and event.reported != event.date:
            detail += f" (reported {event.reported})"
        elif event.reported and event.kind in ("injury", "withdrawal"):
            detail += " (the date of the report: the graph has none of the event)"
        source = f"  [{event.source}]" if event.source else ""
        lines += textwrap.wrap(detail + source, width=100, initial_indent=" " * 12,
                               subsequent_indent=" " * 12)  # fmt: skip
    return "\n".join(lines)


def format_analyse(report: AnalyseReport) -> str:
    """One paragraph saying what was written where."""
    return (f"wrote {report.rivalries} rivalries and {report.assessments} directed assessments "
            f"({report.quads} quads) into <{report.graph}>\n"
            f"  as of {report.as_of}, computed on {report.computed_on}")  # fmt: skip
