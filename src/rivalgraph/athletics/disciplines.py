"""The disciplines of athletics, as the ontology declares them.

The ontology (``ontology/rivalry.ttl``) is the one place a discipline is
defined: each ``rg:Discipline`` individual carries the World Athletics slug an
importer meets (``rg:worldAthleticsSlug``), what its marks measure
(``rg:measure``: time, distance, height or points), its family and its athlib
event code.  :func:`disciplines` reads them once.

Examples
--------
>>> table = disciplines()
>>> table["pole-vault"].label, table["pole-vault"].measure, table["pole-vault"].higher_is_better
('pole vault', 'Height', True)
>>> table["1500-metres"].key, table["1500-metres"].iri.value.split("#")[1]
('1500m', 'Discipline1500m')
>>> table["4x400-metres-relay"].relay
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.namespaces import RDFS, RG
from rivalgraph.resources import ontology_file

__all__ = ["Discipline", "disciplines", "MEASURES"]

#: What a mark measures -> the result property that holds it.
MEASURES = {"Time": RG.timeSeconds, "Distance": RG.markMetres, "Height": RG.markMetres,
            "Points": RG.points}  # fmt: skip
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Discipline:
    """One discipline: its IRI, World Athletics slug, label, measure and family."""

    iri: ox.NamedNode
    slug: str
    label: str
    measure: str
    family: str
    athlib_code: str

    @property
    def key(self) -> str:
        """The short key race IRIs use: ``1500m``, ``pole-vault``, ``4x400m-relay``."""
        local = self.iri.value.split("#", 1)[1].removeprefix("Discipline")
        return _CAMEL.sub("-", local).lower()

    @property
    def higher_is_better(self) -> bool:
        return self.measure != "Time"

    @property
    def relay(self) -> bool:
        return self.family == "Relay"

    @property
    def mark_property(self) -> ox.NamedNode:
        return MEASURES[self.measure]


@lru_cache(maxsize=4)
def _read(path: Path) -> dict[str, Discipline]:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    query = f"""
        SELECT ?d ?slug ?label ?measure ?family ?code WHERE {{
          ?d <{RG.worldAthleticsSlug.value}> ?slug ; <{RDFS.label.value}> ?label ;
             <{RG.measure.value}> ?measure ; <{RG.disciplineFamily.value}> ?family ;
             <{RG.athlibCode.value}> ?code .
        }}"""
    found: dict[str, Discipline] = {}
    for row in store.query(query):  # type: ignore[union-attr]
        iri, slug, label, measure, family, code = (row[i] for i in range(6))
        assert isinstance(iri, ox.NamedNode)
        found[slug.value] = Discipline(
            iri, slug.value, label.value, measure.value.split("#")[1], family.value.split("#")[1],
            code.value,
        )  # fmt: skip
    return found


def disciplines(path: Path | None = None) -> dict[str, Discipline]:
    """The disciplines the ontology declares, by World Athletics slug."""
    return dict(_read(path or ontology_file()))
