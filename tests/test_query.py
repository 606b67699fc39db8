"""The named-query registry: headers, typed parameters, name resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivalgraph.errors import InputError
from rivalgraph.query import (
    Parameter,
    QueryError,
    UnknownAthlete,
    load_query,
    load_registry,
    resolve_athlete,
    run,
    to_term,
)
from rivalgraph.store import OxigraphStore

REGISTRY = load_registry()


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_query_has_a_summary_and_declared_columns(name: str) -> None:
    query = REGISTRY[name]
    assert query.summary
    assert query.columns
    assert all(p.name in query.columns for p in query.parameters), "parameters must be projected"


def test_head_to_head_returns_its_declared_columns(store: OxigraphStore) -> None:
    query = REGISTRY["head-to-head"]
    result = run(store, query, {"athlete": "Josh Kerr", "opponent": "Jakob Ingebrigtsen"})
    assert result.variables == query.columns
    dates = [row["date"].value for row in result.dicts()]  # type: ignore[union-attr]
    assert "2023-08-23" in dates


@pytest.mark.parametrize(
    ("name", "iri_end"),
    [("Josh Kerr", "josh-kerr"), ("josh kerr", "josh-kerr"), ("Kerr", "josh-kerr"),
     ("Samuel Pihlstrom", "samuel-pihlstrom"), ("athlete:josh-kerr", "josh-kerr")],
)  # fmt: skip
def test_names_resolve_to_athletes(store: OxigraphStore, name: str, iri_end: str) -> None:
    assert resolve_athlete(store, name).value.endswith("/athlete/" + iri_end)


def test_unknown_name_suggests_close_matches(store: OxigraphStore) -> None:
    with pytest.raises(UnknownAthlete, match="did you mean 'Jakob Ingebrigtsen'"):
        resolve_athlete(store, "Jakob Ingebrigsten")


def test_ambiguous_surname_lists_candidates(store: OxigraphStore) -> None:
    with pytest.raises(UnknownAthlete, match="ambiguous.*Mario García"):
        resolve_athlete(store, "García")


def test_injection_through_a_name_finds_nothing(store: OxigraphStore) -> None:
    with pytest.raises(UnknownAthlete):
        run(store, REGISTRY["head-to-head"],
            {"athlete": 'Josh Kerr" } UNION { ?s ?p ?o } #', "opponent": "Kerr"})  # fmt: skip


def test_unknown_and_missing_parameters_are_named(store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match="has no parameter 'athelete'"):
        run(store, REGISTRY["head-to-head"], {"athelete": "Kerr", "opponent": "Kerr"})
    with pytest.raises(QueryError, match="needs a value for opponent"):
        run(store, REGISTRY["head-to-head"], {"athlete": "Kerr"})


@pytest.mark.parametrize(
    ("kind", "value"),
    [("xsd:integer", "7 } UNION {"), ("xsd:date", "2024-13"), ("iri", "x> } <y"),
     ("xsd:decimal", "1e"), ("xsd:boolean", "yes")],
)  # fmt: skip
def test_typed_parameters_refuse_bad_values(kind: str, value: str) -> None:
    with pytest.raises(QueryError):
        to_term(Parameter("p", kind, True, None, ""), value)


def test_a_malformed_header_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("# summary: x\n# param: athlete rg:Athlete\nSELECT * {}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_query(path)
    assert caught.value.line == 2
