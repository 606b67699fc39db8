"""Strength ratings as RDF: the quads of the analysis graph ``graph:analysis-strength``.

For every athlete, pool (discipline and sex category) and season he raced in,
one ``rg:StrengthRating`` with his Plackett–Luce rating after his last race of
that season (``rg:ratingMean``, ``rg:ratingDeviation``, ``rg:ratedOn``,
``rg:racesRated``); for every athlete and pool one more with his prestige on
the whole loser→winner network (``rg:prestige``).  Each rating points to the
``rg:RatingRun`` that generated it, which records the model, the library and
its version, the parameters as JSON, the software and the time::

    rating:josh-kerr/1500m/male/2023 a rg:StrengthRating ;
        rg:ratedAthlete athlete:josh-kerr ; rg:discipline rg:Discipline1500m ; rg:sex rg:Male ;
        rg:ratedOn "2023-09-16"^^xsd:date ; rg:ratingMean 38.1 ; rg:ratingDeviation 1.2 ;
        rg:racesRated 41 ; prov:wasGeneratedBy rating:run/plackett-luce .

One node per race would be 10^6 nodes; the season's end is what is queried,
and :mod:`rivalgraph.strength.ratings` recomputes the whole curve in seconds.

Examples
--------
>>> from datetime import datetime, timezone
>>> from rivalgraph.strength.contests import Contests
>>> from rivalgraph.strength.ratings import plackett_luce
>>> rg = "https://w3id.org/rivalgraph/ontology#"
>>> columns = {"race": ["r1", "r1"], "athlete": ["https://w3id.org/rivalgraph/id/athlete/a",
...     "https://w3id.org/rivalgraph/id/athlete/b"], "place": ["1", "2"], "mark": [None] * 2,
...     "measure": [None] * 2, "date": ["2023-06-01"] * 2, "round": [None] * 2,
...     "scope": [None] * 2, "discipline": [rg + "Discipline1500m"] * 2, "sex": [rg + "Male"] * 2}
>>> contests = Contests.from_columns(columns)
>>> quads = strength_quads(contests, plackett_luce(contests), datetime(2024, 1, 1,
...                        tzinfo=timezone.utc))  # doctest: +ELLIPSIS
>>> sorted({q.subject.value.rsplit("rating/", 1)[-1] for q in quads if q.predicate == RG.ratedOn})
['a/1500m/male/2023', 'a/1500m/male/prestige', 'b/1500m/male/2023', 'b/1500m/male/prestige']
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timezone
from decimal import Decimal
from importlib.metadata import version

import numpy as np
import pyoxigraph as ox

from rivalgraph.namespaces import GRAPH, PROV, RATING, RDF, RDFS, RG, SOURCE, XSD
from rivalgraph.strength.baselines import prestige_scores
from rivalgraph.strength.contests import Contests
from rivalgraph.strength.ratings import RatingRun
from rivalgraph.version import __version__

__all__ = ["STRENGTH_GRAPH", "STRENGTH_SOURCE", "RUN_RATING", "RUN_PRESTIGE", "strength_quads",
           "rating_iri"]  # fmt: skip

STRENGTH_GRAPH = GRAPH["analysis-strength"]
STRENGTH_SOURCE = SOURCE["rivalgraph-strength"]
RUN_RATING = RATING["run/plackett-luce"]
RUN_PRESTIGE = RATING["run/prestige"]
_SIX = Decimal("0.000001")


def _decimal(number: float) -> ox.Literal:
    return ox.Literal(str(Decimal(repr(float(number))).quantize(_SIX)), datatype=XSD.decimal)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def rating_iri(athlete: str, discipline: str, sex: str, season: str) -> ox.NamedNode:
    """``rating:{athlete slug}/{discipline}/{sex}/{season or 'prestige'}``.

    >>> rating_iri("https://w3id.org/rivalgraph/id/athlete/josh-kerr",
    ...            "https://w3id.org/rivalgraph/ontology#Discipline1500m",
    ...            "https://w3id.org/rivalgraph/ontology#Male", "2023").value
    'https://w3id.org/rivalgraph/id/rating/josh-kerr/1500m/male/2023'
    """
    event = _local(discipline).removeprefix("Discipline").lower()
    return RATING[f"{_local(athlete)}/{event}/{_local(sex).lower()}/{season}"]


def _runs(run: RatingRun, stamp: ox.Literal, damping: float) -> list[ox.Triple]:
    software = ox.Literal(f"rivalgraph {__version__}")
    triples = [
        ox.Triple(STRENGTH_GRAPH, RDF.type, RG.SourceGraph),
        ox.Triple(STRENGTH_GRAPH, RDFS.label, ox.Literal("Strength ratings computed from the graph")),
        ox.Triple(STRENGTH_GRAPH, PROV.wasDerivedFrom, STRENGTH_SOURCE),
        ox.Triple(STRENGTH_SOURCE, RDF.type, RG.Source),
        ox.Triple(STRENGTH_SOURCE, RDFS.label, ox.Literal(f"Strength ratings by {software.value}")),
        ox.Triple(STRENGTH_SOURCE, RDFS.comment, ox.Literal(
            "Ratings computed by rivalgraph.strength from the placed results of the other "
            f"graphs on {stamp.value}; see the rating runs for models and parameters.")),
    ]  # fmt: skip
    models = {RUN_RATING: (f"Plackett-Luce (openskill {version('openskill')})",
                           dict(run.parameters)),
              RUN_PRESTIGE: (f"PageRank on loser-to-winner edges (networkx {version('networkx')})",
                             {"damping": damping})}  # fmt: skip
    for node, (model, parameters) in models.items():
        triples += [ox.Triple(node, RDF.type, RG.RatingRun),
                    ox.Triple(node, RG.ratingModel, ox.Literal(model)),
                    ox.Triple(node, RG.modelParameters,
                              ox.Literal(json.dumps(parameters, sort_keys=True))),
                    ox.Triple(node, RG.computedBy, software),
                    ox.Triple(node, PROV.endedAtTime, stamp)]  # fmt: skip
    return triples


def _rating(node: ox.NamedNode, athlete: str, pool: tuple[str, str], day: int,
            run: ox.NamedNode) -> list[ox.Triple]:  # fmt: skip
    when = str(np.datetime64(int(day), "D"))
    return [ox.Triple(node, RDF.type, RG.StrengthRating),
            ox.Triple(node, RG.ratedAthlete, ox.NamedNode(athlete)),
            ox.Triple(node, RG.discipline, ox.NamedNode(pool[0])),
            ox.Triple(node, RG.sex, ox.NamedNode(pool[1])),
            ox.Triple(node, RG.ratedOn, ox.Literal(when, datatype=XSD.date)),
            ox.Triple(node, PROV.wasGeneratedBy, run)]  # fmt: skip


def strength_quads(contests: Contests, run: RatingRun, computed_on: datetime,
                   damping: float = 0.85) -> list[ox.Quad]:  # fmt: skip
    """The quads of ``graph:analysis-strength`` for a rating run over all of ``contests``."""
    stamp = ox.Literal(computed_on.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                       datatype=XSD.dateTime)  # fmt: skip
    triples = _runs(run, stamp, damping)
    day = contests.result_day
    year = day.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    entrant = contests.entrant
    order = np.lexsort((np.arange(len(entrant)), entrant))
    ends = np.flatnonzero(np.r_[(entrant[order][1:] != entrant[order][:-1])
                                | (year[order][1:] != year[order][:-1]), True])  # fmt: skip
    counts = np.arange(1, len(order) + 1) - np.searchsorted(entrant[order], entrant[order])
    for end in ends.tolist():
        row, who = int(order[end]), int(entrant[order[end]])
        athlete = contests.entrant_athletes[who]
        pool = contests.pools[int(contests.entrant_pool[who])]
        node = rating_iri(athlete, *pool, str(int(year[row])))
        triples += _rating(node, athlete, pool, int(day[row]), RUN_RATING)
        triples += [ox.Triple(node, RG.ratingMean, _decimal(run.mu_after[row])),
                    ox.Triple(node, RG.ratingDeviation, _decimal(run.sigma_after[row])),
                    ox.Triple(node, RG.racesRated, ox.Literal(str(int(counts[end])),
                              datatype=XSD.integer))]  # fmt: skip
    prestige = prestige_scores(contests, int(contests.day.max()) + 1 if len(contests) else 0,
                               damping)  # fmt: skip
    last_day = _last_days(contests)
    for who in np.flatnonzero(~np.isnan(prestige)).tolist():
        athlete = contests.entrant_athletes[who]
        pool = contests.pools[int(contests.entrant_pool[who])]
        node = rating_iri(athlete, *pool, "prestige")
        triples += _rating(node, athlete, pool, int(last_day[int(contests.entrant_pool[who])]),
                           RUN_PRESTIGE)  # fmt: skip
        triples.append(ox.Triple(node, RG.prestige, _decimal(prestige[who])))
    return [ox.Quad(t.subject, t.predicate, t.object, STRENGTH_GRAPH) for t in triples]


def _last_days(contests: Contests) -> Mapping[int, int]:
    """The last day of every pool."""
    last: dict[int, int] = {}
    for pool, day in zip(contests.pool.tolist(), contests.day.tolist(), strict=True):
        last[pool] = max(day, last.get(pool, day))
    return last
