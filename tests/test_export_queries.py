"""The export queries (queries/export/) run on the fixture graph and return what they declare."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from rivalgraph.analysis.reader import read_statement_evidence
from rivalgraph.export.reader import export_queries, read_knowledge, read_pair_evidence
from rivalgraph.namespaces import ATHLETE, STATEMENT
from rivalgraph.query import run
from rivalgraph.store import Store

OLA, JOE = ATHLETE["ola-nordmann"].value, ATHLETE["joe-bloggs"].value


@pytest.mark.parametrize("name", sorted(export_queries()))
def test_query_returns_its_declared_columns(name: str, fixture_store: Store) -> None:
    query = export_queries()[name]
    result = run(fixture_store, query)
    assert list(result.variables) == list(query.columns)
    assert len(result) > 0, f"{name} finds nothing in the fixture graph"


def _value(term: object) -> object:
    return getattr(term, "value", term)


def test_pair_evidence_lists_each_pair_once(fixture_store: Store) -> None:
    races, statements = read_pair_evidence(fixture_store)
    pairs = [(_value(row["athlete"]), _value(row["opponent"]), _value(row["race"])) for row in races]
    assert len(pairs) == len(set(pairs))
    assert all(str(a) < str(b) for a, b, _ in pairs)
    thread = {_value(row["statement"]) for row in statements
                if {_value(row["athlete"]), _value(row["opponent"])} == {OLA, JOE}}  # fmt: skip
    assert thread >= {STATEMENT["fixture-ola-blindfolded"].value,
                      STATEMENT["fixture-joe-respect"].value,
                      STATEMENT["fixture-ola-calories"].value}  # fmt: skip


def test_knowledge_rows_include_responses_and_what_they_answer(fixture_store: Store) -> None:
    rows = read_knowledge(fixture_store)
    answers = {_value(row["statement"]): _value(row["respondsTo"]) for row in rows.statements}
    assert answers[STATEMENT["fixture-joe-respect"].value] == STATEMENT["fixture-ola-blindfolded"].value
    assert answers[STATEMENT["fixture-ola-calories"].value] == STATEMENT["fixture-joe-respect"].value
    assert answers[STATEMENT["fixture-ola-blindfolded"].value] is None
    about = {(_value(row["statement"]), _value(row["athlete"])) for row in rows.about}
    assert (STATEMENT["fixture-ola-blindfolded"].value, JOE) in about
    assert all(_value(row["place"]) for row in rows.results)


@pytest.mark.parametrize("graph", ["store", "fixture_store"])
def test_the_page_and_the_rivalry_report_cite_the_same_statements(
    graph: str, request: pytest.FixtureRequest
) -> None:
    """One rule for which statements are a pair's evidence: the HTML page's query over every pair
    gives, for each athlete, what statement-evidence gives for him (curated and fixture graphs)."""
    store: Store = request.getfixturevalue(graph)
    _, statements = read_pair_evidence(store)
    by_pair: dict[frozenset[str], set[str]] = {}
    for row in statements:
        pair = frozenset((str(_value(row["athlete"])), str(_value(row["opponent"]))))
        by_pair.setdefault(pair, set()).add(str(_value(row["statement"])))
    speakers = {athlete for pair in by_pair for athlete in pair}
    assert len(speakers) >= 2
    for athlete in speakers:
        found: dict[frozenset[str], set[str]] = {}
        for row in read_statement_evidence(store, ox.NamedNode(athlete)):
            pair = frozenset((athlete, str(_value(row["opponent"]))))
            found.setdefault(pair, set()).add(str(_value(row["statement"])))
        assert found == {pair: said for pair, said in by_pair.items() if athlete in pair}, athlete
