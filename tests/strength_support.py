"""Synthetic races for the strength tests: athletes of known strength, Plackett–Luce outcomes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np

from rivalgraph.strength.contests import Contests

RG = "https://w3id.org/rivalgraph/ontology#"
ATHLETE = "https://w3id.org/rivalgraph/id/athlete/"


def columns(rows: list[tuple[str, str, int, str]], mark: list[float | None] | None = None,
            finals: set[str] = frozenset(), discipline: str = "Discipline1500m",  # type: ignore[assignment]
            ) -> dict[str, list[Any]]:  # fmt: skip
    """``race-results`` columns from (race, athlete slug, place, day) rows."""
    marks = mark or [None] * len(rows)
    return {
        "race": [f"urn:race:{race}" for race, _, _, _ in rows],
        "athlete": [ATHLETE + who for _, who, _, _ in rows],
        "place": [str(place) for _, _, place, _ in rows],
        "mark": [None if m is None else str(m) for m in marks],
        "measure": [RG + "Time"] * len(rows),
        "date": [day for _, _, _, day in rows],
        "round": [RG + "Final" if race in finals else None for race, _, _, _ in rows],
        "scope": [RG + "GlobalScope" if race in finals else None for race, _, _, _ in rows],
        "discipline": [RG + discipline] * len(rows),
        "sex": [RG + "Male"] * len(rows),
    }


def simulated(athletes: int = 40, races: int = 600, field: int = 8, seed: int = 7,
              start: date = date(2019, 1, 1), finals_every: int = 10,
              ) -> tuple[Contests, np.ndarray]:  # fmt: skip
    """Races drawn from a Plackett–Luce model of fixed strengths, one race every two days.

    Returns the contests and the true strength of every athlete (index = slug number).
    Marks are 210 s minus the performance that decided the order, so marks and places agree.
    """
    rng = np.random.default_rng(seed)
    strength = rng.normal(0, 1.2, athletes)
    rows: list[tuple[str, str, int, str]] = []
    marks: list[float | None] = []
    finals = set()
    for race in range(races):
        day = (start + timedelta(days=2 * race)).isoformat()
        who = rng.choice(athletes, field, replace=False)
        # Gumbel noise on the log-strengths gives a Plackett–Luce order.
        performance = strength[who] + rng.gumbel(size=field)
        ranked = np.argsort(-performance)
        if race % finals_every == 0:
            finals.add(str(race))
        for place, index in enumerate(ranked.tolist(), 1):
            rows.append((str(race), f"a{int(who[index]):03d}", place, day))
            marks.append(round(210 - float(performance[index]), 3))
    return Contests.from_columns(columns(rows, marks, finals)), strength
