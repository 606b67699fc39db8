"""The text of a rivalry report: head-to-head, response threads in the press, and the pair's score.

The model lives in :mod:`rivalgraph.analysis.rivalry`: :func:`rivalry_report`
builds a :class:`RivalryReport` from the evidence records and the score that
``rivalgraph rivals`` uses, so there is one path from the graph to "A versus B"
(this module only lays it out; the names are re-exported so that
``from rivalgraph.report import rivalry_report`` keeps working).
:func:`format_report` is what ``rivalgraph rivalry`` prints.

Examples
--------
>>> import tempfile
>>> from rivalgraph.build import build
>>> from rivalgraph.store import open_store
>>> location = tempfile.mkdtemp()
>>> _ = build(location)
>>> text = format_report(rivalry_report(open_store(location), "Josh Kerr", "Jakob Ingebrigtsen"))
>>> print(text.splitlines()[0])
Josh Kerr vs Jakob Ingebrigtsen
>>> "Kerr towards Ingebrigtsen" in text
True
"""

from __future__ import annotations

import textwrap

from rivalgraph.analysis.rivalry import RivalryReport, SharedRace, Statement, rivalry_report
from rivalgraph.strength.standing import ahead_probability

__all__ = ["SharedRace", "Statement", "RivalryReport", "rivalry_report", "format_report"]


def _medal(medal: str) -> str:
    return f" ({medal})" if medal else ""


def _surname(name: str) -> str:
    return name.split()[-1]


def _score_lines(report: RivalryReport) -> list[str]:
    first, second = _surname(report.athlete), _surname(report.opponent)
    params = report.parameters
    scope = f"as of {report.as_of}; half-life {params.half_life:g} years" + (
        f"; {report.filter}" if report.filter else "")  # fmt: skip
    if not report.mutual:
        return [f"Rivalry score: 0 ({scope}): no race and no statement between them."]
    forward, backward = report.forward, report.backward
    lines = [f"Rivalry score {report.score:.3f} (mean of both directions; {scope}):",
             f"  {first} towards {second} {forward.score if forward else 0.0:.3f}, "
             f"{second} towards {first} {backward.score if backward else 0.0:.3f} "
             "(as `rivalgraph rivals` ranks)"]  # fmt: skip
    width = max(len(name) for name in report.factors)
    columns = ("mutual", f"{first}->{second}", f"{second}->{first}")
    lines.append(f"  {'factor':<{width}}  " + "  ".join(columns))
    for name in report.factors:
        values = (report.mutual[name], *(getattr(a, name) if a else 0.0 for a in (forward, backward)))
        lines.append(
            f"  {name:<{width}}  "
            + "  ".join(f"{value:>{len(column)}.2f}" for value, column in zip(values, columns, strict=True))
        )
    return lines


def _strength_lines(report: RivalryReport) -> list[str]:
    first, second = _surname(report.athlete), _surname(report.opponent)
    if not report.strength:
        return ["Strength: no ratings of both in the store (`rivalgraph strength` writes them)."]
    width = max(len(first), len(second))
    lines = [
        "Strength (Plackett-Luce rating after each one's latest race, mean ± one sd; `rivalgraph strength`):"
    ]
    for mine, theirs in report.strength:
        ahead = ahead_probability(mine, theirs)
        favourite, chance = (first, ahead) if ahead >= 0.5 else (second, 1 - ahead)
        lines += [
            f"  {mine.pool}: {favourite} ahead with probability {chance:.2f}",
            f"      {first:<{width}} {mine.describe()}",
            f"      {second:<{width}} {theirs.describe()}",
        ]
    return lines


def format_report(report: RivalryReport, width: int = 100) -> str:
    """Lay a :class:`RivalryReport` out as plain text for a terminal."""
    first, second = report.athlete, report.opponent
    ahead, behind = report.wins
    lines = [f"{first} vs {second}", "", *_score_lines(report), "", *_strength_lines(report), ""]
    lines.append(
        f"On the track: {len(report.races)} races together; "
        f"{_surname(first)} finished ahead {ahead} times, {_surname(second)} {behind} times."
    )
    for race in report.races:
        leader = first if race.place < race.opponent_place else second
        lines.append(f"  {race.date}  {race.label}")
        lines.append(
            f"      {_surname(first)} {race.place}. {race.time or '(no time)'}{_medal(race.medal)}"
            f"  |  {_surname(second)} {race.opponent_place}. {race.opponent_time or '(no time)'}"
            f"{_medal(race.opponent_medal)}  ->  {_surname(leader)} ahead"
        )
        if race.title_winner:
            lines.append(f"      title at stake, won by {race.title_winner}")
        if race.source:
            lines.append(f"      source: {race.source}")
    lines += ["", f"In the press: {len(report.threads)} exchange(s) between them."]
    for thread in report.threads:
        for said in thread:
            lead = "  " + "    " * said.depth + ("-> " if said.depth else "")
            how = "said" if said.direct else "was reported as saying"
            lines.append(f"{lead}{said.speaker} {how} ({said.medium}; {said.date}):")
            body = textwrap.fill(
                f"\u201c{said.text}\u201d" if said.direct else said.text,
                width=width,
                initial_indent=" " * (len(lead) + 4),
                subsequent_indent=" " * (len(lead) + 4),
            )
            lines.append(body)
        for source in dict.fromkeys(said.source for said in thread):
            lines.append(f"      source: {source}")
    return "\n".join(lines)
