"""Synthetic athletics data in rivalgraph's vocabulary, for load and query benchmarks.

:func:`generate` makes athletes, editions, races (finals) and results, one
named graph per 200 races (as a results table would), with the properties the
named queries read: labels, nations, places, times, dates, rounds.  Athletes
race within groups of :data:`GROUP` (as runners of one level do), so the same
pairs meet again and again: athlete ``synthetic-00000`` and ``synthetic-00001``
meet in about a tenth of their group's races.

The result is at least ``n_triples`` distinct quads, and at most one race's more.

>>> quads = generate(5_000, seed=1)
>>> 5_000 <= len(quads) < 5_150, len(set(quads)) == len(quads)
(True, True)
"""

from __future__ import annotations

import random

import pyoxigraph as ox

from rivalgraph.namespaces import (
    ATHLETE,
    EDITION,
    GRAPH,
    NATION,
    PROV,
    RACE,
    RDF,
    RDFS,
    RESULT,
    RG,
    SCHEMA,
    SOURCE,
    XSD,
)

__all__ = ["GROUP", "FIELD", "generate"]

_NATIONS = ["NOR", "GBR", "USA", "KEN", "ETH", "ESP", "FRA", "AUS", "CAN", "JPN", "MAR", "UGA"]
_SURNAMES = ["Berg", "Kerr", "Hocker", "Nuguse", "Wanyonyi"]
#: Athletes per level group; every race is run by :data:`FIELD` athletes of one group.
GROUP = 36
FIELD = 12
_RACES_PER_GRAPH = 200
_QUADS_PER_RESULT = 8.5  # 8 per result, and a race's own quads shared by its 12 results


def _athletes(count: int, rng: random.Random) -> list[ox.Quad]:
    people = GRAPH["synthetic-people"]
    quads = [ox.Quad(people, RDF.type, RG.SourceGraph, people),
             ox.Quad(people, PROV.wasDerivedFrom, SOURCE["synthetic-people"], people)]  # fmt: skip
    for i in range(count):
        a = ATHLETE[f"synthetic-{i:05d}"]
        name = ox.Literal(f"Runner {i:05d} {rng.choice(_SURNAMES)}")
        quads += [ox.Quad(a, RDF.type, RG.Athlete, people), ox.Quad(a, RDFS.label, name, people),
                  ox.Quad(a, RG.nation, NATION[rng.choice(_NATIONS)], people)]  # fmt: skip
    return quads


def _race(r: int, runners: list[int], rng: random.Random) -> list[ox.Quad]:
    year = 1990 + r % 35
    graph = GRAPH[f"synthetic-results-{r // _RACES_PER_GRAPH}"]
    race = RACE[f"synthetic-{r:06d}-1500m-final"]

    def quad(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> ox.Quad:
        return ox.Quad(s, p, o, graph)

    date = ox.Literal(f"{year}-{1 + r % 12:02d}-{1 + r % 28:02d}", datatype=XSD.date)
    quads = [quad(race, RDF.type, RG.Race), quad(race, RDFS.label, ox.Literal(f"Race {r}")),
             quad(race, RG.edition, EDITION[f"synthetic-meeting-{r // 20}-{year}"]),
             quad(race, SCHEMA.startDate, date), quad(race, RG.discipline, RG.Discipline1500m),
             quad(race, RG.round, RG.Final)]  # fmt: skip
    if r % _RACES_PER_GRAPH == 0:
        source = SOURCE[f"synthetic-{r // _RACES_PER_GRAPH}"]
        quads += [quad(graph, RDF.type, RG.SourceGraph), quad(graph, PROV.wasDerivedFrom, source)]
    for place, i in enumerate(runners, start=1):
        athlete = ATHLETE[f"synthetic-{i:05d}"]
        res = RESULT[f"synthetic-{r:06d}-{i:05d}"]
        seconds = 210 + place * 0.7 + rng.random()
        quads += [quad(res, RDF.type, RG.Result), quad(res, RG.athlete, athlete), quad(res, RG.race, race),
                  quad(res, RG.place, ox.Literal(str(place), datatype=XSD.positiveInteger)),
                  quad(res, RG.timeSeconds, ox.Literal(f"{seconds:.2f}", datatype=XSD.decimal)),
                  quad(res, RG.timeAsWritten, ox.Literal(f"3:{seconds - 180:05.2f}")),
                  quad(res, RG.status, RG.Finished), quad(athlete, RG.competedIn, race)]  # fmt: skip
    return quads


def generate(n_triples: int, seed: int = 0) -> list[ox.Quad]:
    """Return at least ``n_triples`` distinct quads of synthetic athletes, races and results."""
    rng = random.Random(seed)
    n_results = max(FIELD, int(n_triples / _QUADS_PER_RESULT))
    groups = max(1, n_results // 40 // GROUP)
    quads = _athletes(groups * GROUP, rng)
    r = 0
    while len(quads) < n_triples:
        group = r % groups
        runners = rng.sample(range(group * GROUP, (group + 1) * GROUP), FIELD)
        quads += _race(r, runners, rng)
        r += 1
    return quads
