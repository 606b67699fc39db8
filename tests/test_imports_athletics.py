"""All of athletics, end to end on the real data: the rivalries, the races, the medals, the provenance.

These tests build the full graph once (the ``athletics`` fixture: the toplists
of ``../shared`` and the shipped MIT lists, the complete championships and the
curated files); they are skipped where ``../shared`` is absent.
"""

# ruff: noqa: E501
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from rivalgraph.athletics.identity import name_key
from rivalgraph.cli import main
from rivalgraph.query import load_registry
from rivalgraph.resources import queries_dir
from rivalgraph.store import OxigraphStore

pytestmark = pytest.mark.slow

PREFIXES = """
PREFIX rg: <https://w3id.org/rivalgraph/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX athlete: <https://w3id.org/rivalgraph/id/athlete/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def _rows(store: OxigraphStore, query: str) -> list[dict[str, str]]:
    return [{k: getattr(v, "value", str(v)) for k, v in row.items() if v is not None}
            for row in store.select(PREFIXES + query).dicts()]  # fmt: skip


def _rivals(location: Path, name: str, top: int = 10) -> list[str]:
    outcome = CliRunner().invoke(main, ["rivals", name, "--store", str(location), "--top", str(top),
                                        "--format", "json"])  # fmt: skip
    assert outcome.exit_code == 0, outcome.output
    import json

    document = json.loads(outcome.output)
    return [rival["rival"]["label"] for rival in document["rivals"]]


def test_kipyegon_has_hassan_among_her_top_three_rivals(full_location: Path) -> None:
    assert "Sifan Hassan" in _rivals(full_location, "Faith Kipyegon", top=3)


def test_duplantis_has_kendricks_among_his_rivals(full_location: Path) -> None:
    assert "Sam Kendricks" in _rivals(full_location, "Armand Duplantis", top=10)


def test_ingebrigtsen_has_kerr_among_his_rivals(full_location: Path) -> None:
    assert "Josh Kerr" in _rivals(full_location, "Jakob Ingebrigtsen", top=5)


def test_kerr_and_ingebrigtsen_shared_16_listed_1500m_races_2019_2024(full_store: OxigraphStore) -> None:
    rows = _rows(
        full_store,
        """
        SELECT DISTINCT ?race ?date ?edition WHERE {
          ?a rg:athlete athlete:josh-kerr ; rg:race ?race .
          ?b rg:athlete athlete:jakob-ingebrigtsen ; rg:race ?race .
          ?race rg:discipline rg:Discipline1500m ; schema:startDate ?date .
          OPTIONAL { ?race rg:edition ?edition }
          FILTER (?date >= "2019-01-01"^^<http://www.w3.org/2001/XMLSchema#date>
                  && ?date <= "2024-12-31"^^<http://www.w3.org/2001/XMLSchema#date>)
        }""",
    )
    assert len(rows) == 16, sorted(row["date"] for row in rows)
    finals = [row for row in rows if "edition" in row]
    assert len(finals) >= 5, finals


def test_rivalry_report_lists_their_races_with_championship_finals(full_location: Path) -> None:
    outcome = CliRunner().invoke(main, ["rivalry", "Josh Kerr", "Jakob Ingebrigtsen", "--store",
                                        str(full_location)])  # fmt: skip
    assert outcome.exit_code == 0, outcome.output
    assert "World Athletics Championships" in outcome.output and "Olympic Games" in outcome.output


def test_no_duplicate_athletes(full_store: OxigraphStore) -> None:
    rows = _rows(
        full_store,
        """
        SELECT ?a ?b WHERE {
          ?a a rg:Athlete ; schema:birthDate ?born ; rdfs:label ?name ; rg:sex ?sex .
          ?b a rg:Athlete ; schema:birthDate ?born ; rdfs:label ?name ; rg:sex ?sex .
          FILTER (STR(?a) < STR(?b))
        } LIMIT 20""",
    )
    assert rows == []


def test_every_quality_check_returns_no_rows_on_the_whole_graph(full_store: OxigraphStore) -> None:
    failing = {}
    for name, query in load_registry(queries_dir() / "checks").items():
        found = full_store.select(query.text).rows
        if found:
            failing[name] = found[:5]
    assert failing == {}


#: Podiums checked by hand against the official results as published on each event's page
#: (World Athletics results pages and the English Wikipedia articles of each event).
PODIUMS = {
    ("olympic-games-2024", "Discipline100m", "male"): ["Noah Lyles", "Kishane Thompson", "Fred Kerley"],
    ("olympic-games-2024", "DisciplinePoleVault", "male"): [
        "Armand Duplantis",
        "Sam Kendricks",
        "Emmanouil Karalis",
    ],
    ("olympic-games-2024", "Discipline400mHurdles", "female"): [
        "Sydney McLaughlin-Levrone",
        "Anna Cockrell",
        "Femke Bol",
    ],
    ("olympic-games-2024", "Discipline1500m", "female"): ["Faith Kipyegon", "Jessica Hull", "Georgia Bell"],
    ("olympic-games-2024", "DisciplineJavelinThrow", "male"): [
        "Arshad Nadeem",
        "Neeraj Chopra",
        "Anderson Peters",
    ],
    ("world-championships-2023", "Discipline100m", "male"): [
        "Noah Lyles",
        "Letsile Tebogo",
        "Zharnel Hughes",
    ],
    ("world-championships-2023", "Discipline1500m", "male"): [
        "Josh Kerr",
        "Jakob Ingebrigtsen",
        "Narve Gilje Nordås",
    ],
    ("world-championships-2022", "Discipline100m", "male"): [
        "Fred Kerley",
        "Marvin Bracy",
        "Trayvon Bromell",
    ],
    ("olympic-games-2021", "Discipline1500m", "male"): [
        "Jakob Ingebrigtsen",
        "Timothy Cheruiyot",
        "Josh Kerr",
    ],
    ("world-championships-2019", "Discipline400mHurdles", "female"): [
        "Dalilah Muhammad",
        "Sydney McLaughlin",
        "Rushell Clayton",
    ],
}


@pytest.mark.parametrize("key", sorted(PODIUMS), ids=lambda key: "-".join(key))
def test_medals_match_the_official_podium(full_store: OxigraphStore, key: tuple[str, str, str]) -> None:
    edition, discipline, sex = key
    rows = _rows(
        full_store,
        f"""
        SELECT ?place (SAMPLE(?name) AS ?who) WHERE {{
          ?race rg:edition <https://w3id.org/rivalgraph/id/edition/{edition}> ;
                rg:discipline rg:{discipline} ; rg:round rg:Final ; rg:sex rg:{sex.capitalize()} .
          ?medal a rg:Medal ; rg:race ?race ; rg:athlete ?athlete ; rg:awardedFor/rg:place ?place .
          ?athlete rdfs:label ?name .
        }} GROUP BY ?place ORDER BY ?place""",
    )
    names = [row["who"] for row in rows]
    expected = PODIUMS[key]
    assert len(names) == 3, rows
    for got, want in zip(names, expected, strict=True):
        # Surnames compared folded (Karalís = Karalis); a double-barrelled name holds the one asked for.
        wanted = set(name_key(want.split()[-1].replace("-", " ")).split())
        assert wanted <= set(name_key(got.replace("-", " ")).split()), (names, expected)


def test_every_result_has_a_source_graph_with_repository_commit_and_path(full_store: OxigraphStore) -> None:
    rows = _rows(
        full_store,
        """
        SELECT ?url (COUNT(*) AS ?n) WHERE {
          GRAPH ?g { ?result a rg:Result }
          ?g prov:wasDerivedFrom/schema:url ?url .
        } GROUP BY ?url""",
    )
    urls = [row["url"] for row in rows]
    assert any(url.startswith("https://github.com/kmuchiri/AthleticScraper/blob/79ba13b8") for url in urls)
    assert any(
        url.startswith("https://github.com/thomascamminady/world-athletics-database/blob/") for url in urls
    )


def test_sampled_results_match_their_source_rows(full_store: OxigraphStore) -> None:
    """200 results drawn from the store are found, with the same mark, date and place, in the file their graph names."""
    import csv

    from rivalgraph.athletics.identity import name_key
    from rivalgraph.athletics.positions import parse_position
    from rivalgraph.imports.manifest import shared_folder
    from rivalgraph.imports.toplists import parse_date
    from rivalgraph.resources import graph_dir

    rows = _rows(
        full_store,
        """
        SELECT ?result ?copy ?mark ?date ?place (GROUP_CONCAT(?name; separator="|") AS ?names) WHERE {
          GRAPH ?g { ?result a rg:Result ; rg:markAsWritten ?mark ; rg:place ?place ; rg:race ?race ; rg:athlete ?who }
          ?g prov:wasDerivedFrom/rg:localCopy ?copy .
          ?race schema:startDate ?date .
          ?who rg:worldAthleticsName ?name .
          FILTER (STRENDS(?copy, "/1500-metres.csv") || STRENDS(?copy, "/pole-vault.csv") || STRENDS(?copy, "/marathon.csv"))
        } GROUP BY ?result ?copy ?mark ?date ?place LIMIT 20000""",
    )
    sample = rows[::100][:200]
    assert len(sample) >= 150
    files: dict[str, set[tuple[str, float, str, int]]] = {}
    for row in sample:
        copy = row["copy"]
        if copy not in files:
            path = (
                Path(copy.replace("${shared}", str(shared_folder())))
                if copy.startswith("${shared}")
                else graph_dir() / "imports" / copy
            )
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = [column.lower() for column in next(reader)]
                at = {name: header.index(name) for name in ("mark", "competitor", "date")}
                at["pos"] = header.index("position") if "position" in header else header.index("pos")
                found = []
                for line in reader:
                    position = parse_position(line[at["pos"]]) if line[at["pos"]] else None
                    if position is not None:
                        found.append((name_key(line[at["competitor"]]), _value(line[at["mark"]]),
                                      parse_date(line[at["date"]]), position.place))  # fmt: skip
            files[copy] = set(found)
        # The mark as a value: two lists may write one mark differently ("4.20", "4.2").
        wanted = {(name_key(name), _value(row["mark"]), row["date"], int(row["place"]))
                  for name in row["names"].split("|")}  # fmt: skip
        assert wanted & files[copy], (row, copy)


def _value(mark: str) -> float:
    import athlib

    return round(float(athlib.parse_hms(mark.removesuffix("h"))), 3)
