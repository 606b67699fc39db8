"""One athlete's performance in one race, as every importer reads it.

The readers of :mod:`rivalgraph.imports` (World Athletics toplists in two
layouts, complete championship result files) all produce :class:`Performance`
records; races are rebuilt from them and written as RDF in one place.

Examples
--------
>>> p = Performance(source="camminady", file="graph/x.csv", line=2, sex="female",
...     discipline="1500-metres", name="Faith KIPYEGON", birth_date="1994-01-10",
...     nation="KEN", mark="3:49.11", value=229.11, wind=None, place=1, round="final",
...     section="", venue="Stade Louis II, Monaco (MON)", date="2023-07-21", indoor=False)
>>> p.status, p.complete_race
('finished', False)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Performance", "SEXES", "ROUNDS", "STATUSES"]

#: The two sex categories of the sport's competitions.
SEXES = ("female", "male")
#: Rounds a place can belong to (a bare place in a list is a single race or a final: "final").
ROUNDS = ("final", "semi-final", "quarter-final", "heat", "repechage", "qualification",
          "preliminary", "combined-event", "other")  # fmt: skip
#: What became of a start: finished with a mark, or did not finish / start, or disqualified.
STATUSES = ("finished", "did-not-finish", "did-not-start", "disqualified")


@dataclass(frozen=True, slots=True)
class Performance:
    """One row of a results source, checked and typed.

    Attributes
    ----------
    source : str
        The key of the source in ``graph/imports.toml`` (one named graph per source file).
    file, line : str, int
        Where the row is (the file as shown to the user, the physical line).
    sex : str
        One of :data:`SEXES`.
    discipline : str
        The World Athletics discipline slug (``1500-metres``, ``pole-vault``,
        ``4x400-metres-relay``); see :mod:`rivalgraph.athletics.disciplines`.
    name : str
        The athlete (or relay team) as the source writes it (``Josh KERR``).
    birth_date : str
        ISO date, or ``""`` when the source gives none.
    nation : str
        IOC code at the time of the performance.
    mark : str
        The mark as written (``3:29.26``, ``10.8h``, ``6.24``, ``9126``).
    value : float or None
        Seconds for times, metres for jumps and throws, points for combined
        events; ``None`` without a mark (DNF, DNS, DQ).
    wind : float or None
        Metres per second where the source gives it.
    place : int or None
        The place in the race; ``None`` when not placed.
    round, section : str
        One of :data:`ROUNDS`, and the heat/section number as text (``"1"``) or ``""``.
    venue : str
        As written (``Stadio Olimpico, Roma (ITA)``); indoor venues end in ``(i)``.
    date : str
        ISO date of the race.
    indoor : bool
    status : str
        One of :data:`STATUSES`.
    complete_race : bool
        True when the source lists every starter of the race (complete
        championship results), False for an all-time list (only performers above its cutoff).
    hand_timed : bool
        True for a time taken by hand.
    """

    source: str
    file: str
    line: int
    sex: str
    discipline: str
    name: str
    birth_date: str
    nation: str
    mark: str
    value: float | None
    wind: float | None
    place: int | None
    round: str
    section: str
    venue: str
    date: str
    indoor: bool
    status: str = "finished"
    complete_race: bool = False
    hand_timed: bool = False
