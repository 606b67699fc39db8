"""Synthetic athletics data in rivalgraph's vocabulary, for load and query benchmarks.

:func:`generate` makes athletes, editions, races (finals) and results, one
named graph per edition (as a results table would), with the properties the
named queries read: labels, nations, places, times, dates, medals.

>>> quads = generate(5_000, seed=1)
>>> 4_900 <= len(quads) <= 5_100
True
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

__all__ = ["generate"]

_NATIONS = ["NOR", "GBR", "USA", "KEN", "ETH", "ESP", "FRA", "AUS", "CAN", "JPN", "MAR", "UGA"]
_PER_RESULT = 10  # triples per result, roughly (result + race share)


def generate(n_triples: int, seed: int = 0) -> list[ox.Quad]:
    """Return about ``n_triples`` quads of synthetic athletes, races and results."""
    rng = random.Random(seed)
    n_results = max(12, n_triples // _PER_RESULT)
    n_athletes = max(24, n_results // 40)
    field_size = 12
    n_races = n_results // field_size
    quads: list[ox.Quad] = []
    names = [f"Runner {i:05d} {rng.choice(['Berg', 'Kerr', 'Hocker', 'Nuguse', 'Wanyonyi'])}" for i in range(n_athletes)]
    athlete_nation = [rng.choice(_NATIONS) for _ in range(n_athletes)]
    people = GRAPH["synthetic-people"]
    for i, name in enumerate(names):
        a = ATHLETE[f"synthetic-{i:05d}"]
        quads += [ox.Quad(a, RDF.type, RG.Athlete, people), ox.Quad(a, RDFS.label, ox.Literal(name), people),
                  ox.Quad(a, RG.nation, NATION[athlete_nation[i]], people)]  # fmt: skip
    for r in range(n_races):
        year = 1990 + r % 35
        edition = EDITION[f"synthetic-meeting-{r // 20}-{year}"]
        graph = GRAPH[f"synthetic-results-{r // 200}"]
        race = RACE[f"synthetic-{r:06d}-1500m-final"]
        date = ox.Literal(f"{year}-{1 + r % 12:02d}-{1 + r % 28:02d}", datatype=XSD.date)
        quads += [ox.Quad(race, RDF.type, RG.Race, graph), ox.Quad(race, RDFS.label, ox.Literal(f"Race {r}"), graph),
                  ox.Quad(race, RG.edition, edition, graph), ox.Quad(race, SCHEMA.startDate, date, graph),
                  ox.Quad(race, RG.discipline, RG.Discipline1500m, graph), ox.Quad(race, RG.round, RG.Final, graph),
                  ox.Quad(graph, RDF.type, RG.SourceGraph, graph),
                  ox.Quad(graph, PROV.wasDerivedFrom, SOURCE[f"synthetic-{r // 200}"], graph)]  # fmt: skip
        runners = rng.sample(range(n_athletes), field_size)
        for place, i in enumerate(runners, start=1):
            res = RESULT[f"synthetic-{r:06d}-{i:05d}"]
            seconds = 210 + place * 0.7 + rng.random()
            quads += [ox.Quad(res, RDF.type, RG.Result, graph),
                      ox.Quad(res, RG.athlete, ATHLETE[f"synthetic-{i:05d}"], graph),
                      ox.Quad(res, RG.race, race, graph),
                      ox.Quad(res, RG.place, ox.Literal(str(place), datatype=XSD.positiveInteger), graph),
                      ox.Quad(res, RG.timeSeconds, ox.Literal(f"{seconds:.2f}", datatype=XSD.decimal), graph),
                      ox.Quad(res, RG.timeAsWritten, ox.Literal(f"3:{seconds - 180:05.2f}"), graph),
                      ox.Quad(res, RG.status, RG.Finished, graph),
                      ox.Quad(ATHLETE[f"synthetic-{i:05d}"], RG.competedIn, race, graph)]  # fmt: skip
    return list(dict.fromkeys(quads))
