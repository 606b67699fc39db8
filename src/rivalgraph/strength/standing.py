"""Where an athlete stands: his latest rating in each discipline, read back from the graph.

``rivalgraph strength`` writes season ratings into ``graph:analysis-strength``;
:func:`read_standings` reads one athlete's back (``queries/analysis/athlete-ratings.rq``)
and keeps, per discipline and sex category, the latest season's rating and the
prestige score, most raced first.  :func:`ahead_probability` is the rating model's own
probability that one athlete finishes ahead of another (``openskill``'s
``predict_win`` with the parameters the ratings were made with).  These are what
``rivalgraph rivals`` and ``rivalgraph rivalry`` show.

Examples
--------
>>> kerr = Standing("urn:d", "urn:m", "2025-09-17", 43.8, 7.9, 38, 13.0, {"beta": 12.5})
>>> jakob = Standing("urn:d", "urn:m", "2025-09-06", 47.1, 7.6, 52, 20.2, {"beta": 12.5})
>>> round(ahead_probability(jakob, kerr), 2)
0.56
>>> kerr.describe()
'43.8 ± 7.9 (2025-09-17, 38 races; prestige 13.0)'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from rivalgraph.query import registry
from rivalgraph.store import Store, select_columns
from rivalgraph.strength.ratings import PLACKETT_LUCE

__all__ = ["Standing", "pool_label", "read_season_ratings", "read_standings", "latest_standings",
           "ahead_probability", "shared_standings"]  # fmt: skip


def _athlete_ratings() -> str:
    """The text of ``athlete-ratings`` (the registry reads it once)."""
    return registry("analysis")["athlete-ratings"].text


def _words(iri: str) -> str:
    local = iri.rsplit("#", 1)[-1].removeprefix("Discipline")
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local)


def pool_label(discipline: str, sex: str) -> str:
    """A discipline and sex category (IRIs) in words: ``1500m, men``.

    >>> pool_label("https://w3id.org/rivalgraph/ontology#DisciplineShotPut",
    ...            "https://w3id.org/rivalgraph/ontology#Female")
    'Shot Put, women'
    """
    words = {"Female": "women", "Male": "men"}.get(_words(sex), _words(sex).lower())
    return f"{_words(discipline)}, {words}"


@dataclass(frozen=True)
class Standing:
    """An athlete's latest season rating in one discipline and sex category."""

    discipline: str
    sex: str
    day: str
    mean: float
    deviation: float
    races: int
    prestige: float | None = None
    parameters: Mapping[str, float] = field(default_factory=dict)
    model: str = ""

    @property
    def pool(self) -> str:
        """The discipline and sex category in words: ``1500m, men``.

        >>> Standing("https://w3id.org/rivalgraph/ontology#DisciplineShotPut",
        ...          "https://w3id.org/rivalgraph/ontology#Female", "", 0, 1, 1).pool
        'Shot Put, women'
        """
        return pool_label(self.discipline, self.sex)

    def describe(self) -> str:
        """``mean ± deviation (day, races; prestige)`` for a terminal."""
        tail = f"; prestige {self.prestige:.1f}" if self.prestige is not None else ""
        return f"{self.mean:.1f} ± {self.deviation:.1f} ({self.day}, {self.races} races{tail})"


def read_season_ratings(store: Store, athlete: ox.NamedNode) -> tuple[Standing, ...]:
    """Every season rating of the athlete, in discipline, sex and date order.

    Each carries the prestige of its discipline and sex category and the model
    that made it.  Empty when the store holds no ratings (``rivalgraph strength``
    not run).
    """
    found = select_columns(store, _athlete_ratings(), {"athlete": athlete})
    rows = [dict(zip(found, values, strict=True)) for values in zip(*found.values(), strict=True)]
    prestige = {(str(row["discipline"]), str(row["sex"])): float(str(row["prestige"]))
                for row in rows if row["prestige"] is not None}  # fmt: skip
    return tuple(Standing(str(row["discipline"]), str(row["sex"]), str(row["day"]),
                          float(str(row["mean"])), float(str(row["deviation"])),
                          int(str(row["races"])),
                          prestige.get((str(row["discipline"]), str(row["sex"]))),
                          json.loads(str(row["parameters"])), str(row["model"]))
                 for row in rows if row["mean"] is not None)  # fmt: skip


def read_standings(store: Store, athlete: ox.NamedNode) -> tuple[Standing, ...]:
    """The athlete's latest rating per discipline and sex category, most races first.

    Empty when the store holds no ratings (``rivalgraph strength`` not run).
    """
    return latest_standings(read_season_ratings(store, athlete))


def latest_standings(seasons: Iterable[Standing]) -> tuple[Standing, ...]:
    """The latest of season ratings (in date order) per discipline and sex category, most races first.

    >>> old = Standing("urn:d", "urn:m", "2023-09-17", 40.0, 8.0, 30)
    >>> new = Standing("urn:d", "urn:m", "2024-09-17", 43.8, 7.9, 38)
    >>> latest_standings([old, new]) == (new,)
    True
    """
    latest: dict[tuple[str, str], Standing] = {}
    for season in seasons:  # in date order: the last one stays
        latest[(season.discipline, season.sex)] = season
    return tuple(sorted(latest.values(), key=lambda s: (-s.races, s.discipline, s.sex)))


def ahead_probability(first: Standing, second: Standing) -> float:
    """The rating model's probability that ``first`` finishes ahead of ``second``."""
    from openskill.models import PlackettLuce

    chosen = {**PLACKETT_LUCE, **first.parameters}
    model = PlackettLuce(mu=chosen["mu"], sigma=chosen["sigma"], beta=chosen["beta"],
                         tau=chosen["tau"])  # fmt: skip
    win = model.predict_win([[model.rating(first.mean, first.deviation)],
                             [model.rating(second.mean, second.deviation)]])  # fmt: skip
    return float(win[0])


def shared_standings(first: tuple[Standing, ...], second: tuple[Standing, ...]
                     ) -> list[tuple[Standing, Standing]]:  # fmt: skip
    """The pools both are rated in, most races (of the two together) first."""
    theirs = {(s.discipline, s.sex): s for s in second}
    shared = [(mine, theirs[(mine.discipline, mine.sex)]) for mine in first
              if (mine.discipline, mine.sex) in theirs]  # fmt: skip
    return sorted(shared, key=lambda pair: -(pair[0].races + pair[1].races))
