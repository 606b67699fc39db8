"""The named queries: registry, parameters, expected rows on the fixture graph, injection."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from rivalgraph.analysis.reader import analysis_queries
from rivalgraph.namespaces import ATHLETE, GRAPH, RDF, RDFS, RG
from rivalgraph.query import (
    MissingParameters,
    NamedQuery,
    QueryError,
    UnknownAthlete,
    find_query,
    load_query,
    load_registry,
    resolve_athlete,
    run,
)
from rivalgraph.store import OxigraphStore, SelectResult, Store, open_store
from rivalgraph.strength.compute import rate_store

from .conftest import copy_store

REGISTRY = load_registry()
ANALYSIS = analysis_queries()
ALL = {**{f"queries/{n}": q for n, q in REGISTRY.items()},
       **{f"queries/analysis/{n}": q for n, q in ANALYSIS.items()}}  # fmt: skip

#: A value for every parameter name used by a query, valid on the fixture graph.
SAMPLE = {
    "athlete": "Ola Nordmann",
    "opponent": "Joe Bloggs",
    "edition": "edition:world-championships-2023",
}
OLA, JOE = ATHLETE["ola-nordmann"].value, ATHLETE["joe-bloggs"].value
MAX, JAN = ATHLETE["max-mustermann"].value, ATHLETE["jan-kowalski"].value


def plain(result: SelectResult, *columns: str) -> list[tuple[object, ...]]:
    """Rows as tuples of plain values (IRIs shortened to their last segment)."""

    def cell(term: object) -> object:
        if term is None:
            return None
        text = term.value  # type: ignore[attr-defined]
        return text.rsplit("/", 1)[-1] if isinstance(term, ox.NamedNode) else text

    index = [result.variables.index(column) for column in columns]
    return [tuple(cell(row[i]) for i in index) for row in result.rows]


def given(query: NamedQuery) -> dict[str, str]:
    return {p.name: SAMPLE[p.name] for p in query.parameters if p.required}


def test_the_registry_holds_every_query_the_issue_asks_for() -> None:
    wanted = {"head-to-head", "opponents", "titles-and-medals", "podiums", "statements",
              "response-threads", "injuries-and-withdrawals", "planned-appearances",
              "title-deciders", "timeline"}  # fmt: skip
    assert wanted <= set(REGISTRY)


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_query_has_a_header(name: str) -> None:
    query = ALL[name]
    assert query.summary, f"{name} has no '# summary:' line"
    assert query.columns, f"{name} has no '# columns:' line"
    for parameter in query.parameters:
        assert parameter.doc, f"{name}: parameter {parameter.name} is not described"


@pytest.fixture(scope="module")
def rated_fixture_store(fixture_location: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The fixture graph with its strength ratings (``rivalgraph strength``), which some queries read."""
    location = copy_store(fixture_location, tmp_path_factory.mktemp("rated-fixture") / "store")
    rate_store(location)
    return open_store(location)


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_query_runs_on_the_fixture_and_returns_its_declared_columns(
    rated_fixture_store: Store, name: str
) -> None:
    query = ALL[name]
    result = run(rated_fixture_store, query, given(query))
    assert result.variables == query.columns
    assert len(result) > 0, f"{name} found nothing in the fixture graph"


def test_opponents_are_ranked_by_meetings(fixture_store: Store) -> None:
    result = run(fixture_store, REGISTRY["opponents"], {"athlete": "Nordmann"})
    assert plain(result, "opponent", "meetings", "athleteAhead", "opponentAhead", "lastMet") == [
        ("jan-kowalski", "4", "4", "0", "2024-05-30"),
        ("joe-bloggs", "3", "1", "2", "2024-08-06"),
        ("max-mustermann", "3", "2", "1", "2024-08-06"),
    ]


def test_titles_and_medals(fixture_store: Store) -> None:
    result = run(fixture_store, REGISTRY["titles-and-medals"], {"athlete": "Ola Nordmann"})
    assert plain(result, "award", "kind", "medal", "place", "time", "source") == [
        ("world-championships-2022-1500m", "title", None, "1", "3:30.00",
         "https://example.org/fixture/results"),
        ("world-championships-2022-1500m-final-gold", "medal", "gold", "1", "3:30.00",
         "https://example.org/fixture/results"),
        ("european-championships-2022-1500m-final-silver", "medal", "silver", "2", "3:35.20",
         "https://example.org/fixture/results"),
        ("world-championships-2023-1500m-final-silver", "medal", "silver", "2", "3:29.30",
         "https://example.org/fixture/results"),
        ("olympic-games-2024-1500m-final-bronze", "medal", "bronze", "3", "3:28.50",
         "https://example.org/fixture/results"),
    ]  # fmt: skip


def test_podiums_by_edition(fixture_store: Store) -> None:
    every = run(fixture_store, REGISTRY["podiums"])
    assert plain(every, "edition", "scope", "gold", "silver", "bronze") == [
        ("world-championships-2022", "global", "Ola Nordmann", "Joe Bloggs", "Max Mustermann"),
        ("european-championships-2022", "continental", "Max Mustermann", "Ola Nordmann",
         "Jan Kowalski"),
        ("world-championships-2023", "global", "Joe Bloggs", "Ola Nordmann", None),
        ("olympic-games-2024", "global", "Joe Bloggs", None, "Ola Nordmann"),
    ]  # fmt: skip
    one = run(fixture_store, REGISTRY["podiums"], {"edition": "edition:world-championships-2023"})
    assert plain(one, "edition", "gold", "goldTime") == [
        ("world-championships-2023", "Joe Bloggs", "3:29.00")
    ]


def test_statements_by_or_about_an_athlete(fixture_store: Store) -> None:
    result = run(fixture_store, REGISTRY["statements"], {"athlete": "Joe Bloggs"})
    assert plain(result, "statement", "role", "speakerLabel", "outlet", "sourceUrl") == [
        ("fixture-ola-blindfolded", "about", "Ola Nordmann", "Example News",
         "https://example.org/fixture/article"),
        ("fixture-joe-respect", "by", "Joe Bloggs", None, "https://example.org/fixture/article"),
        ("fixture-ola-calories", "answers", "Ola Nordmann", "NRK",
         "https://example.org/fixture/article"),
    ]  # fmt: skip


def test_injuries_and_withdrawals(fixture_store: Store) -> None:
    result = run(fixture_store, REGISTRY["injuries-and-withdrawals"], {"athlete": "Nordmann"})
    assert plain(result, "item", "kind", "bodyPart", "edition", "reason", "reportedOn") == [
        ("ola-nordmann-achilles-2024", "injury", "Achilles tendon", None, None, "2024-03-05"),
        ("ola-nordmann-world-indoor-championships-2024", "withdrawal", None,
         "world-indoor-championships-2024",
         "https://w3id.org/rivalgraph/id/injury/ola-nordmann-achilles-2024", "2024-03-05"),
    ]  # fmt: skip


def test_planned_appearances_say_whether_he_ran(fixture_store: Store) -> None:
    result = run(fixture_store, REGISTRY["planned-appearances"], {"athlete": "Nordmann"})
    assert plain(result, "edition", "ran", "outcome", "races", "bestPlace") == [
        ("world-indoor-championships-2024", "false", "withdrew", None, None),
        ("bislett-games-2024", "true", "ran", "1", "1"),
        ("european-championships-2024", None, "unknown", None, None),
        ("olympic-games-2024", "true", "ran", "1", "3"),
    ]


def test_planned_appearances_of_ingebrigtsen_that_results_confirm(real_store: Store) -> None:
    result = run(real_store, REGISTRY["planned-appearances"], {"athlete": "Jakob Ingebrigtsen"})
    ran = {edition for edition, outcome in plain(result, "edition", "outcome") if outcome == "ran"}
    assert ran == {"european-championships-2024", "olympic-games-2024"}


def test_title_deciders(fixture_store: Store) -> None:
    every = run(fixture_store, REGISTRY["title-deciders"])
    assert len(every) == 16  # 3 pairs in each of 2 finals, 1 pair in 2 finals; both ways
    joe = run(fixture_store, REGISTRY["title-deciders"], {"athlete": "Joe Bloggs"})
    assert plain(joe, "opponent", "race", "athletePlace", "opponentPlace", "titleWinner") == [
        ("ola-nordmann", "world-championships-2022-1500m-final", "2", "1", "Ola Nordmann"),
        ("max-mustermann", "world-championships-2022-1500m-final", "2", "3", "Ola Nordmann"),
        ("ola-nordmann", "world-championships-2023-1500m-final", "1", "2", "Joe Bloggs"),
        ("ola-nordmann", "olympic-games-2024-1500m-final", "1", "3", "Joe Bloggs"),
    ]


def test_timeline_of_a_rivalry(fixture_store: Store) -> None:
    result = run(fixture_store, REGISTRY["timeline"],
                 {"athlete": "Ola Nordmann", "opponent": "Joe Bloggs"})  # fmt: skip
    assert plain(result, "date", "kind", "item", "who") == [
        ("2022-07-19", "race", "world-championships-2022-1500m-final", "Ola Nordmann"),
        ("2023-08-23", "race", "world-championships-2023-1500m-final", "Joe Bloggs"),
        ("2024-03-02", "statement", "fixture-ola-blindfolded", "Ola Nordmann"),
        ("2024-03-05", "injury", "ola-nordmann-achilles-2024", "Ola Nordmann"),
        ("2024-03-05", "withdrawal", "ola-nordmann-world-indoor-championships-2024",
         "Ola Nordmann"),
        ("2024-03-05", "response", "fixture-joe-respect", "Joe Bloggs"),
        ("2024-03-05", "response", "fixture-ola-calories", "Ola Nordmann"),
        ("2024-08-06", "race", "olympic-games-2024-1500m-final", "Joe Bloggs"),
    ]  # fmt: skip


def test_head_to_head_keeps_working(fixture_store: Store) -> None:
    result = run(fixture_store, REGISTRY["head-to-head"],
                 {"athlete": "Ola Nordmann", "opponent": "Joe Bloggs"})  # fmt: skip
    assert plain(result, "athletePlace", "opponentPlace", "athleteWins", "opponentWins") == [
        ("1", "2", "1", "0"), ("2", "1", "1", "1"), ("3", "1", "1", "2"),
    ]  # fmt: skip


def test_response_threads_keep_working(fixture_store: Store) -> None:
    result = run(fixture_store, REGISTRY["response-threads"], {"athlete": "Joe Bloggs"})
    assert plain(result, "depth", "statement", "speaker") == [
        ("0", "fixture-ola-blindfolded", "Ola Nordmann"),
        ("1", "fixture-joe-respect", "Joe Bloggs"),
        ("2", "fixture-ola-calories", "Ola Nordmann"),
    ]


def test_pair_meetings_aggregate_per_pair_and_year(fixture_store: Store) -> None:
    result = run(fixture_store, ANALYSIS["pair-meetings"])
    rows = plain(result, "a", "b", "year", "podium", "titleBetween", "meetings", "aAhead",
                 "bAhead", "placeGap", "marked")  # fmt: skip
    joe_ola = sorted(row for row in rows if row[:2] == ("joe-bloggs", "ola-nordmann"))
    assert joe_ola == [
        ("joe-bloggs", "ola-nordmann", "2022", "true", "true", "1", "0", "1", "1", "1"),
        ("joe-bloggs", "ola-nordmann", "2023", "true", "true", "1", "1", "0", "1", "1"),
        ("joe-bloggs", "ola-nordmann", "2024", "true", "true", "1", "1", "0", "2", "1"),
    ]
    assert all(a < b for a, b, *_ in rows), "each pair comes once, a before b"


def test_pair_discourse_is_directed(fixture_store: Store) -> None:
    result = run(fixture_store, ANALYSIS["pair-discourse"])
    assert sorted(plain(result, "speaker", "target", "year", "statements", "responses")) == [
        ("joe-bloggs", "ola-nordmann", "2024", "1", "1"),
        ("ola-nordmann", "joe-bloggs", "2024", "2", "1"),
    ]


def test_evidence_links_of_a_pair(fixture_store: Store) -> None:
    result = run(fixture_store, ANALYSIS["evidence-links"])
    items = sorted(i for a, b, i in plain(result, "a", "b", "item") if (a, b) == (
        "joe-bloggs", "ola-nordmann"))  # fmt: skip
    assert items == sorted([
        "world-championships-2022-1500m-final", "world-championships-2023-1500m-final",
        "olympic-games-2024-1500m-final", "world-championships-2022-1500m",
        "world-championships-2023-1500m", "olympic-games-2024-1500m",
        "fixture-ola-blindfolded", "fixture-joe-respect", "fixture-ola-calories",
    ])  # fmt: skip


# --- parameters and errors --------------------------------------------------------------


def test_unknown_parameter_names_it_and_suggests(fixture_store: Store) -> None:
    with pytest.raises(QueryError, match=r"no parameter 'athelte'; did you mean 'athlete'"):
        run(fixture_store, REGISTRY["opponents"], {"athelte": "Nordmann"})


def test_missing_parameters_are_all_named(fixture_store: Store) -> None:
    with pytest.raises(QueryError, match=r"needs a value for athlete, opponent$") as missing:
        run(fixture_store, REGISTRY["head-to-head"], {})
    assert isinstance(missing.value, MissingParameters) and missing.value.missing == ("athlete", "opponent")


def test_unknown_athlete_suggests_close_names(fixture_store: Store) -> None:
    with pytest.raises(UnknownAthlete, match=r"did you mean 'Ola Nordmann'"):
        resolve_athlete(fixture_store, "Nordman")
    with pytest.raises(UnknownAthlete, match=r"did you mean 'Ola Nordmann'"):
        resolve_athlete(fixture_store, "Ola")


def test_an_ambiguous_name_lists_the_candidates() -> None:
    quads = [
        ox.Quad(ATHLETE[slug], predicate, obj, GRAPH.demo)
        for slug, name in (("josh-kerr", "Josh Kerr"), ("jim-kerr", "Jim Kerr"))
        for predicate, obj in ((RDF.type, RG.Athlete), (RDFS.label, ox.Literal(name)))
    ]
    with pytest.raises(UnknownAthlete, match=r"'kerr' is ambiguous: could be Jim Kerr, Josh Kerr"):
        resolve_athlete(OxigraphStore.in_memory(quads), "kerr")


def test_an_athlete_iri_must_name_an_athlete(fixture_store: Store) -> None:
    assert resolve_athlete(fixture_store, "athlete:ola-nordmann").value == OLA
    with pytest.raises(UnknownAthlete, match="no athlete <"):
        resolve_athlete(fixture_store, "athlete:nobody")


def test_unknown_query_suggests_close_names() -> None:
    with pytest.raises(QueryError, match=r"did you mean 'opponents'"):
        find_query(REGISTRY, "oponents")


def test_a_value_of_the_wrong_type_is_refused(fixture_store: Store) -> None:
    with pytest.raises(QueryError, match="needs an IRI"):
        run(fixture_store, REGISTRY["podiums"], {"edition": "not an iri"})


def test_an_optional_parameter_left_out_matches_everything(fixture_store: Store) -> None:
    every = run(fixture_store, REGISTRY["title-deciders"])
    ola = run(fixture_store, REGISTRY["title-deciders"], {"athlete": "Ola Nordmann"})
    assert 0 < len(ola) < len(every)
    assert {row[0] for row in ola.rows} == {ATHLETE["ola-nordmann"]}


# --- injection --------------------------------------------------------------------------

INJECTIONS = [
    'Josh Kerr" } UNION { ?s ?p ?o } #',
    "Ola Nordmann' } UNION { ?s ?p ?o } #",
    "athlete:ola-nordmann> } UNION { ?s ?p ?o } #",
    "https://w3id.org/rivalgraph/id/athlete/ola-nordmann> ?p ?o } #",
]


@pytest.mark.parametrize("attempt", INJECTIONS)
def test_injection_through_an_athlete_name_is_a_clear_error(fixture_store: Store, attempt: str) -> None:
    with pytest.raises(QueryError):
        run(fixture_store, REGISTRY["opponents"], {"athlete": attempt})


@pytest.mark.parametrize("attempt", ["edition:x> } UNION { ?s ?p ?o } #", "<urn:x> ?p ?o"])
def test_injection_through_an_iri_parameter_is_refused(fixture_store: Store, attempt: str) -> None:
    with pytest.raises(QueryError, match="needs an IRI"):
        run(fixture_store, REGISTRY["podiums"], {"edition": attempt})


def test_injection_through_a_string_parameter_returns_no_extra_data(
    fixture_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "by-label.rq"
    path.write_text(
        "# summary: Things with a given label.\n"
        "# param: ?name xsd:string required  The label.\n"
        "# columns: name, thing\n"
        "SELECT ?name ?thing WHERE { ?thing rdfs:label ?name }\n",
        encoding="utf-8",
    )
    query = find_query(REGISTRY, str(path))
    assert len(run(fixture_store, query, {"name": "Ola Nordmann"})) == 1
    for attempt in ['Ola Nordmann" } UNION { ?thing ?p ?name } #', "x' || true || '"]:
        assert len(run(fixture_store, query, {"name": attempt})) == 0


def test_a_malformed_param_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("# summary: x\n# param: athlete rg:Athlete\nSELECT * {}\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"bad.rq:2"):
        load_query(path)


_RESULTS = """
SELECT ?athlete ?race ?date ?place WHERE {
  ?result a rg:Result ; rg:athlete ?athlete ; rg:race ?race ; rg:place ?place .
  ?race schema:startDate ?date .
}"""


def _finishes(store: Store, athlete: ox.NamedNode) -> dict[str, tuple[str, int]]:
    """The athlete's race -> (date, place), read with a query of its own."""
    rows = store.select(_RESULTS, {"athlete": athlete}).rows
    return {row[1].value: (row[2].value, int(row[3].value)) for row in rows}  # type: ignore[union-attr]


def _bound_both_ways(store: Store, query: NamedQuery, values: dict[str, str]) -> list[SelectResult]:
    """The query with engine substitutions, and with the VALUES text the remote path sends."""
    from rivalgraph.query import bind
    from rivalgraph.remote.terms import values_text

    bindings = bind(store, query, values)
    return [run(store, query, values), store.select(values_text(query.text, bindings))]


@pytest.mark.parametrize("pair", [("Josh Kerr", "Jakob Ingebrigtsen"),
                                  ("Jakob Ingebrigtsen", "Josh Kerr")])  # fmt: skip
def test_head_to_head_running_tally_counts_the_pairs_own_meetings(
    real_store: Store, pair: tuple[str, str]
) -> None:
    athlete, opponent = (resolve_athlete(real_store, name) for name in pair)
    mine, theirs = _finishes(real_store, athlete), _finishes(real_store, opponent)
    met = sorted((mine[race][0], race) for race in mine.keys() & theirs.keys())
    assert len(met) >= 3, "pick a pair that met several times"
    expected = set()
    for date, race in met:
        before = [r for d, r in met if d <= date]
        wins = sum(mine[r][1] < theirs[r][1] for r in before)
        losses = sum(theirs[r][1] < mine[r][1] for r in before)
        expected.add((race.rsplit("/", 1)[-1], str(wins), str(losses)))
    for result in _bound_both_ways(real_store, REGISTRY["head-to-head"],
                                   {"athlete": pair[0], "opponent": pair[1]}):  # fmt: skip
        rows = plain(result, "race", "athleteWins", "opponentWins")
        assert {row for row in rows} == expected
        assert {row[0] for row in rows} == {race.rsplit("/", 1)[-1] for _, race in met}


def test_opponents_counts_match_the_race_results(real_store: Store) -> None:
    kerr = resolve_athlete(real_store, "Josh Kerr")
    mine = _finishes(real_store, kerr)
    for result in _bound_both_ways(real_store, REGISTRY["opponents"], {"athlete": "Josh Kerr"}):
        rows = plain(result, "opponent", "meetings", "athleteAhead", "opponentAhead")
        assert rows, "Josh Kerr has opponents in the real graph"
        for opponent, meetings, ahead, behind in rows:
            theirs = _finishes(real_store, ox.NamedNode(ATHLETE[opponent].value))
            both = mine.keys() & theirs.keys()
            assert int(meetings) == len(both)
            assert int(ahead) == sum(mine[r][1] < theirs[r][1] for r in both)
            assert int(behind) == sum(theirs[r][1] < mine[r][1] for r in both)
