"""Import the World Athletics all-time toplists (``shared/data/worldathletics_toplists_kmuchiri``).

Real data at a realistic scale for the benchmarks: 39,311 men's performances,
each mapped to an ``rg:Result`` of an ``rg:Race`` with the triples
:func:`rivalgraph.results.table_quads` writes for a row of a results table.

- Performances are deduplicated on (competitor, mark, date), as
  ``shared/data/SOURCES.md`` says: the lists repeat under-20 performances.
- ``position`` gives the place and the race: ``2`` (place 2), ``2h1`` (heat 1),
  ``2f1`` (final, race 1 of several), ``2sf1`` (semi-final 1); a row without a
  place cannot be compared with anyone and is left out.
- The lists name venues, not competitions, so each venue is an ``rg:Meeting``
  (``competition:venue-<slug>``) with one ``rg:Edition`` per year, and a race
  is (venue, date, discipline, round, section); race slugs carry the date.
- Names are written ``First LAST``; the label is ``First Last`` and the IRI its
  slug, so the same athlete is one node across lists (and with the curated graph).
- 800 m is left out: the ontology declares no 800 m discipline.
- One named graph per list, derived from the list's file in the AthleticScraper
  repository (snapshot commit in SOURCES.md), published by World Athletics.

Why here and not in ``src/rivalgraph``: a toplist holds only the performances
above a cutoff, so its races are partial (a race's slower finishers are
missing) and its venues are not competitions; loaded with the curated graph it
would also repeat, as other race nodes, the championship finals
``graph/results/`` already holds (from the same lists), and so count those
meetings twice.  A user-facing importer needs venue-to-competition matching
first; for measuring the build and the analysis on real data this is enough.

Usage: ``python -m bench.toplist [FOLDER] [-o bench/out/toplists.trig]``
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.namespaces import (
    ATHLETE,
    COMPETITION,
    EDITION,
    GRAPH,
    NATION,
    OUTLET,
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
from rivalgraph.slugs import slug

__all__ = ["FOLDER", "LISTS", "Performance", "read_list", "toplist_quads", "main"]

REPO = Path(__file__).resolve().parents[1]
FOLDER = Path(os.environ.get("RIVALGRAPH_SHARED", REPO.parent / "shared")) / "data" / \
    "worldathletics_toplists_kmuchiri"  # fmt: skip
COMMIT = "79ba13b82f1f5624d0fa525ccb05e28dfec7bcdc"
#: file -> (discipline, slug, readable name)
LISTS = {
    "male_1500-metres.csv": (RG.Discipline1500m, "1500m", "1500 m"),
    "male_5000-metres.csv": (RG.Discipline5000m, "5000m", "5000 m"),
    "male_3000-metres.csv": (RG.Discipline3000m, "3000m", "3000 m"),
    "male_one-mile.csv": (RG.DisciplineMile, "mile", "mile"),
    "male_two-miles.csv": (RG.DisciplineTwoMiles, "two-miles", "two miles"),
}
SKIPPED = {"male_800-metres.csv": "the ontology declares no 800 m discipline"}
ROUNDS = {"": (RG.Final, "final"), "f": (RG.Final, "final"), "rr": (RG.Final, "final"),
          "pr": (RG.Final, "final"), "h": (RG.Heat, "heat"),
          "sf": (RG.SemiFinal, "semi-final")}  # fmt: skip
_POSITION = re.compile(r"^(\d+)([a-z]*)(\d*)$")
_WRITTEN = re.compile(r"^([0-9]+:[0-9]{2}|[0-9]{1,2})([.][0-9]{1,3})?$")


@dataclass(frozen=True)
class Performance:
    """One deduplicated, placed row of a toplist."""

    name: str
    nation: str
    mark: str
    seconds: Decimal
    place: int
    round: str
    section: str
    venue: str
    date: str


def _label(competitor: str) -> str:
    """``Hicham EL GUERROUJ`` -> ``Hicham El Guerrouj``."""

    def word(part: str) -> str:
        if part.isupper() and len(part) > 1:
            return "-".join(piece.capitalize() for piece in part.split("-"))
        return part

    return " ".join(word(part) for part in competitor.split())


def read_list(path: Path) -> tuple[list[Performance], dict[str, int]]:
    """Read one toplist: its placed performances (deduplicated) and what was left out."""
    seen: set[tuple[str, str, str]] = set()
    kept: list[Performance] = []
    dropped = {"duplicates": 0, "without a place": 0}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["competitor"], row["mark"], row["date"])
            if key in seen:
                dropped["duplicates"] += 1
                continue
            seen.add(key)
            match = _POSITION.match(row["position"])
            if match is None or match.group(2) not in ROUNDS:
                dropped["without a place"] += 1
                continue
            place, letters, section = match.groups()
            kept.append(Performance(
                _label(row["competitor"]), row["nationality"], row["mark"],
                Decimal(row["mark_numeric"]).quantize(Decimal("0.01")), int(place), letters,
                section, row["venue"], row["date"],
            ))  # fmt: skip
    return kept, dropped


class _Graph:
    def __init__(self, iri: ox.NamedNode) -> None:
        self.iri = iri
        self.quads: list[ox.Quad] = []
        self.seen: set[str] = set()

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(s, p, o, self.iri))

    def first(self, key: str) -> bool:
        new = key not in self.seen
        self.seen.add(key)
        return new


def _lit(text: str) -> ox.Literal:
    return ox.Literal(text)


def _typed(text: object, datatype: ox.NamedNode) -> ox.Literal:
    return ox.Literal(str(text), datatype=datatype)


def _describe_source(out: _Graph, file: str, name: str, shown: str) -> None:
    key = f"worldathletics-toplist-{slug(name)}"
    source = SOURCE[key]
    outlet = OUTLET["world-athletics"]
    url = (f"https://github.com/kmuchiri/AthleticScraper/blob/{COMMIT}/datasets/"
           f"split_by_discipline/male/{file.removeprefix('male_')}")  # fmt: skip
    out.add(out.iri, RDF.type, RG.SourceGraph)
    out.add(out.iri, RDFS.label, _lit(f"Results from World Athletics: all-time toplist, men's {name}"))
    out.add(out.iri, PROV.wasDerivedFrom, source)
    out.add(source, RDF.type, RG.ResultsTable)
    out.add(source, RDFS.label, _lit(f"World Athletics all-time toplist, men's {name} "
                                     "(kmuchiri/AthleticScraper)"))  # fmt: skip
    out.add(source, SCHEMA.url, _typed(url, XSD.anyURI))
    out.add(source, RG.localCopy, _lit(shown))
    out.add(source, RG.publisher, outlet)
    out.add(outlet, RDF.type, RG.Outlet)
    out.add(outlet, RDFS.label, _lit("World Athletics"))
    out.add(outlet, SCHEMA.url, _typed("https://worldathletics.org", XSD.anyURI))


def _performance_quads(out: _Graph, row: Performance, discipline: tuple[ox.NamedNode, str, str],
                       ) -> None:  # fmt: skip
    term, discipline_slug, discipline_name = discipline
    venue_slug = slug(row.venue) or "unknown"  # "(i)" stays: an indoor venue is a meeting of its own
    indoor = "(i)" in row.venue
    year = row.date[:4]
    competition = COMPETITION[f"venue-{venue_slug}"]
    edition_slug = f"venue-{venue_slug}-{year}"
    edition, edition_label = EDITION[edition_slug], f"Meetings at {row.venue} {year}"
    round_term, round_name = ROUNDS[row.round]
    section = f" {row.section}" if row.section else ""
    race_slug = f"{edition_slug}-{row.date[5:]}-{discipline_slug}-{round_name}" + (
        f"-{row.section}" if row.section else "")  # fmt: skip
    race = RACE[race_slug]
    athlete, nation = ATHLETE[slug(row.name)], NATION[row.nation]
    if out.first(competition.value):
        out.add(competition, RDF.type, RG.Meeting)
        out.add(competition, RDFS.label, _lit(f"Meetings at {row.venue}"))
    if out.first(edition.value):
        out.add(edition, RDF.type, RG.Edition)
        out.add(edition, RDFS.label, _lit(edition_label))
        out.add(edition, RG.editionOf, competition)
        out.add(edition, RG.year, _typed(year, XSD.gYear))
        out.add(edition, RG.indoor, _typed(str(indoor).lower(), XSD.boolean))
    if out.first(race.value):
        out.add(race, RDF.type, RG.Race)
        out.add(race, RDFS.label, _lit(f"{discipline_name} {round_name}{section}, {row.date}, "
                                       f"{row.venue}"))  # fmt: skip
        out.add(race, RG.edition, edition)
        out.add(race, RG.discipline, term)
        out.add(race, RG.round, round_term)
        out.add(race, SCHEMA.startDate, _typed(row.date, XSD.date))
        out.add(race, RG.indoor, _typed(str(indoor).lower(), XSD.boolean))
    if out.first(athlete.value):
        out.add(athlete, RDF.type, RG.Athlete)
        out.add(athlete, RDFS.label, _lit(row.name))
    if out.first(f"{athlete.value} {row.nation}"):
        out.add(athlete, RG.nation, nation)
    if out.first(nation.value):
        out.add(nation, RDF.type, RG.Nation)
        out.add(nation, RDFS.label, _lit(row.nation))
        out.add(nation, RG.iocCode, _lit(row.nation))
    result = RESULT[f"{race_slug}-{slug(row.name)}"]
    if not out.first(result.value):
        return  # one athlete twice in one race (two marks): keep the first
    out.add(athlete, RG.competedIn, race)
    out.add(result, RDF.type, RG.Result)
    out.add(result, RDFS.label, _lit(f"{row.name}, {row.place}. in {discipline_name} "
                                     f"{round_name}{section}, {edition_label}"))  # fmt: skip
    out.add(result, RG.athlete, athlete)
    out.add(result, RG.race, race)
    out.add(result, RG.place, _typed(row.place, XSD.positiveInteger))
    out.add(result, RG.status, RG.Finished)
    out.add(result, RG.nation, nation)
    out.add(result, RG.timeSeconds, _typed(row.seconds, XSD.decimal))
    if _WRITTEN.match(row.mark):  # hand times ("3:32.1h") keep only their seconds
        out.add(result, RG.timeAsWritten, _lit(row.mark))


def toplist_quads(folder: Path = FOLDER) -> tuple[list[ox.Quad], dict[str, dict[str, int]]]:
    """All quads of the toplists in ``folder``, and per file what was kept and left out."""
    quads: list[ox.Quad] = []
    counts: dict[str, dict[str, int]] = {}
    for file, discipline in LISTS.items():
        path = folder / file
        rows, dropped = read_list(path)
        out = _Graph(GRAPH[f"synthetic-worldathletics-toplist-{discipline[1]}"])
        _describe_source(out, file, discipline[2], f"shared/data/{folder.name}/{file}")
        for row in rows:
            _performance_quads(out, row, discipline)
        quads += out.quads
        counts[file] = {"performances": len(rows), **dropped}
    for file, why in SKIPPED.items():
        if (folder / file).exists():
            with (folder / file).open(encoding="utf-8") as handle:
                counts[file] = {"left out": sum(1 for _ in handle) - 1}
            counts[file]["why"] = why  # type: ignore[assignment]
    return quads, counts


def _iter_rows(counts: dict[str, dict[str, int]]) -> Iterator[str]:
    for file, figures in counts.items():
        yield f"{file}: " + ", ".join(f"{key} {value}" for key, value in figures.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=FOLDER)
    parser.add_argument("-o", "--output", type=Path,
                        default=REPO / "bench" / "out" / "toplists" / "toplists.trig")  # fmt: skip
    args = parser.parse_args(argv)
    quads, counts = toplist_quads(args.folder)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    ox.serialize(quads, args.output, ox.RdfFormat.TRIG)
    print("\n".join(_iter_rows(counts)))
    print(f"{len(quads):,} quads -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
