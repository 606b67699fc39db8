"""``rivalgraph enrich wikidata``: find each athlete's Wikidata item, add links, birth date and IDs.

An athlete is matched by World Athletics ID (P1146) where the graph knows
it, otherwise by English label, sport athletics (P641 ``wd:Q542``) and country
(P1532 country for sport, or P27 citizenship, compared by IOC code P984).
Names are sent many to a request in a ``VALUES`` block of RDF literals.  A
name with several candidate items is never guessed: it is written to the
review file for a person to decide.

The result is one named graph, ``graph:enrichment-wikidata``, derived from
``source:wikidata-query`` (the endpoint and the date), written as TriG to a
file the user passes to ``rivalgraph build`` as an extra file.

Examples
--------
>>> print(names_query(["Josh Kerr"]).splitlines()[1].strip())
VALUES ?name { "Josh Kerr"@en }
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from rivalgraph.enrich.cached import CachedSparql
from rivalgraph.namespaces import GRAPH, PREFIXES, PROV, RDF, RDFS, RG, SCHEMA, SKOS, SOURCE, WD, XSD
from rivalgraph.store import Store

__all__ = [
    "WIKIDATA_ENDPOINT",
    "ENRICHMENT_GRAPH",
    "WIKIDATA_SOURCE",
    "Athlete",
    "Candidate",
    "Enrichment",
    "athletes",
    "names_query",
    "ids_query",
    "enrich",
    "write_trig",
]

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
ENRICHMENT_GRAPH = GRAPH["enrichment-wikidata"]
WIKIDATA_SOURCE = SOURCE["wikidata-query"]
BATCH = 50
_SELECT = """SELECT ?name ?waId ?item ?born ?ioc WHERE {{
  {values}
  ?item {key} ;
        <http://www.wikidata.org/prop/direct/P641> <http://www.wikidata.org/entity/Q542> .
  OPTIONAL {{ ?item <http://www.wikidata.org/prop/direct/P569> ?born }}
  OPTIONAL {{ ?item <http://www.wikidata.org/prop/direct/P1146> ?waId }}
  OPTIONAL {{ ?item <http://www.wikidata.org/prop/direct/P1532>|<http://www.wikidata.org/prop/direct/P27>
                   ?country .
             ?country <http://www.wikidata.org/prop/direct/P984> ?ioc }}
}}"""
_ATHLETES = """SELECT ?athlete ?name ?ioc ?waId WHERE {
  ?athlete a rg:Athlete ; rdfs:label ?name .
  OPTIONAL { ?athlete rg:nation/rg:iocCode ?ioc }
  OPTIONAL { ?athlete rg:worldAthleticsId ?waId }
} ORDER BY ?athlete"""


@dataclass(frozen=True)
class Athlete:
    """An athlete of the graph, as the matcher needs it."""

    iri: str
    name: str
    ioc: str | None = None
    wa_id: str | None = None


@dataclass
class Candidate:
    """A Wikidata item that could be the athlete."""

    item: str
    born: str | None = None
    wa_id: str | None = None
    iocs: set[str] = field(default_factory=set)


@dataclass
class Enrichment:
    """What a run found: matches, names to review, names not found, and requests sent."""

    matched: dict[str, Candidate] = field(default_factory=dict)
    ambiguous: dict[str, list[Candidate]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    requests: int = 0


def athletes(store: Store) -> list[Athlete]:
    """Read the athletes (one label, nation and World Athletics ID each) from a store."""
    found: dict[str, Athlete] = {}
    for row in store.select(_ATHLETES).dicts():
        iri = row["athlete"].value  # type: ignore[union-attr]
        if iri not in found:
            name = row["name"].value  # type: ignore[union-attr]
            ioc, wa_id = getattr(row["ioc"], "value", None), getattr(row["waId"], "value", None)
            found[iri] = Athlete(iri, name, ioc, wa_id)
    return list(found.values())


def names_query(names: Sequence[str]) -> str:
    """The request for a batch of names (each an English-tagged literal, never pasted text)."""
    values = " ".join(str(ox.Literal(name, language="en")) for name in names)
    key = "<http://www.w3.org/2000/01/rdf-schema#label> ?name"
    return _SELECT.format(values=f"VALUES ?name {{ {values} }}", key=key)


def ids_query(ids: Sequence[str]) -> str:
    """The request for a batch of World Athletics IDs."""
    values = " ".join(str(ox.Literal(value)) for value in ids)
    key = "<http://www.wikidata.org/prop/direct/P1146> ?waId"
    return _SELECT.format(values=f"VALUES ?waId {{ {values} }}", key=key)


def _candidates(rows: Iterable[dict[str, Any]], by: str) -> dict[str, dict[str, Candidate]]:
    found: dict[str, dict[str, Candidate]] = {}
    for row in rows:
        key = row[by]["value"]
        item = row["item"]["value"]
        candidate = found.setdefault(key, {}).setdefault(item, Candidate(item))
        if "born" in row:
            candidate.born = row["born"]["value"][:10]
        if "waId" in row:
            candidate.wa_id = row["waId"]["value"]
        if "ioc" in row:
            candidate.iocs.add(row["ioc"]["value"].upper())
    return found


def _batches(values: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def enrich(people: Sequence[Athlete], client: CachedSparql, batch: int = BATCH) -> Enrichment:
    """Match ``people`` to Wikidata items through ``client``."""
    result = Enrichment()
    by_id = [a for a in people if a.wa_id]
    by_name = [a for a in people if not a.wa_id]
    id_hits: dict[str, dict[str, Candidate]] = {}
    for chunk in _batches(sorted({a.wa_id for a in by_id if a.wa_id}), batch):
        id_hits.update(_candidates(client.select(ids_query(chunk)), "waId"))
    name_hits: dict[str, dict[str, Candidate]] = {}
    for chunk in _batches(sorted({a.name for a in by_name}), batch):
        name_hits.update(_candidates(client.select(names_query(chunk)), "name"))
    for athlete in people:
        pool = id_hits.get(athlete.wa_id or "", {}) if athlete.wa_id else name_hits.get(athlete.name, {})
        candidates = list(pool.values())
        if athlete.ioc:
            candidates = [c for c in candidates if not c.iocs or athlete.ioc in c.iocs]
        if len(candidates) == 1:
            result.matched[athlete.iri] = candidates[0]
        elif candidates:
            result.ambiguous[athlete.iri] = sorted(candidates, key=lambda c: c.item)
        else:
            result.missing.append(athlete.iri)
    result.requests = client.requests
    return result


def quads(found: Enrichment, endpoint: str, today: datetime.date) -> list[ox.Quad]:
    """The enrichment graph: provenance first, then one block per matched athlete."""
    graph = ENRICHMENT_GRAPH
    triples = [
        (graph, RDF.type, RG.SourceGraph),
        (graph, RDFS.label, ox.Literal("Athletes matched to Wikidata items")),
        (graph, PROV.wasDerivedFrom, WIKIDATA_SOURCE),
        (WIKIDATA_SOURCE, RDF.type, RG.Source),
        (WIKIDATA_SOURCE, RDFS.label, ox.Literal(f"Wikidata query service, queried {today.isoformat()}")),
        (WIKIDATA_SOURCE, SCHEMA.url, ox.Literal(endpoint, datatype=XSD.anyURI)),
        (WIKIDATA_SOURCE, SCHEMA.dateCreated, ox.Literal(today.isoformat(), datatype=XSD.date)),
    ]
    for iri, candidate in sorted(found.matched.items()):
        athlete = ox.NamedNode(iri)
        triples.append((athlete, SKOS.exactMatch, ox.NamedNode(candidate.item)))
        if candidate.born:
            triples.append((athlete, SCHEMA.birthDate, ox.Literal(candidate.born, datatype=XSD.date)))
        if candidate.wa_id:
            triples.append((athlete, RG.worldAthleticsId, ox.Literal(candidate.wa_id)))
    return [ox.Quad(s, p, o, graph) for s, p, o in triples]  # type: ignore[arg-type]


def write_trig(path: Path, found: Enrichment, endpoint: str, today: datetime.date | None = None) -> None:
    """Write the enrichment graph to ``path`` as TriG, atomically."""
    data = ox.serialize(quads(found, endpoint, today or datetime.date.today()), format=ox.RdfFormat.TRIG,
                        prefixes={k: v for k, v in PREFIXES.items()})  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    staging.write_bytes(data or b"")
    os.replace(staging, path)


def review_text(found: Enrichment, people: Sequence[Athlete]) -> str:
    """The names a person must decide, with each candidate item, its birth date and countries."""
    names = {a.iri: a.name for a in people}
    lines = []
    for iri, candidates in sorted(found.ambiguous.items()):
        lines.append(f"{names.get(iri, iri)} <{iri}>: {len(candidates)} candidate items, none chosen")
        for c in candidates:
            wd_id = c.item.removeprefix(str(WD))
            lines.append(f"    {wd_id}  born {c.born or '?'}  countries {','.join(sorted(c.iocs)) or '?'}")
    return "\n".join(lines) + ("\n" if lines else "")
