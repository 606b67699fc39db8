"""Head-to-head counted with array code gives the rows of the pair-meetings query."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rivalgraph.analysis.headtohead import FINAL, HIGHER_IS_BETTER, pair_meetings
from rivalgraph.analysis.projection import value
from rivalgraph.analysis.reader import analysis_queries
from rivalgraph.query import run
from rivalgraph.store import Store

QUERIES = analysis_queries()
FIELDS = ("a", "b", "year", "round", "scope", "podium", "titleBetween", "meetings", "aAhead",
          "bAhead", "placeGap", "marked", "markGap", "relativeMarkGap", "first", "last")  # fmt: skip


def _normal(row: dict[str, Any]) -> tuple[Any, ...]:
    plain = {key: value(term) for key, term in row.items()}
    flags = {key: str(plain[key]).lower() in ("true", "1") for key in ("podium", "titleBetween")}
    plain.update(flags)
    return tuple(
        round(float(plain[key]), 9) if key in ("markGap", "relativeMarkGap")
        else int(plain[key]) if key in ("year", "meetings", "aAhead", "bAhead", "placeGap", "marked")
        else "" if plain.get(key) is None else plain[key] if isinstance(plain[key], bool)
        else str(plain[key])
        for key in FIELDS
    )  # fmt: skip


@pytest.mark.parametrize("which", ["fixture_store", "real_store"])
def test_array_code_gives_the_rows_of_the_query(which: str, request: pytest.FixtureRequest) -> None:
    store: Store = request.getfixturevalue(which)
    expected = sorted(map(_normal, run(store, QUERIES["pair-meetings"]).dicts()))
    computed = sorted(map(_normal, pair_meetings(run(store, QUERIES["race-results"]).dicts())))
    assert expected and computed == expected


def _naive(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """What pair-meetings.rq says, written as loops."""
    groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for one in rows:
        for other in rows:
            if one["race"] != other["race"] or not one["athlete"] < other["athlete"]:
                continue
            pa, pb = one["place"], other["place"]
            podium = one["scope"] is not None and one["round"] == FINAL and pa <= 3 and pb <= 3
            key = (one["athlete"], other["athlete"], int(one["date"][:4]), one["round"],
                   one["scope"], podium, podium and (pa == 1 or pb == 1))  # fmt: skip
            higher = one.get("measure") in HIGHER_IS_BETTER
            groups[key].append((pa, pb, one["mark"], other["mark"], one["date"], higher))
    out = []
    for key, meetings in groups.items():
        marked = [
            (ta, tb, max(ta, tb) if higher else min(ta, tb))
            for _, _, ta, tb, _, higher in meetings
            if ta is not None and tb is not None
        ]
        out.append((*key[:3], key[3] or "", key[4] or "", *key[5:], len(meetings),
                    sum(pa < pb for pa, pb, *_ in meetings), sum(pb < pa for pa, pb, *_ in meetings),
                    sum(abs(pa - pb) for pa, pb, *_ in meetings), len(marked),
                    round(sum(abs(ta - tb) for ta, tb, _ in marked), 9),
                    round(sum(abs(ta - tb) / better for ta, tb, better in marked), 9),
                    min(m[4] for m in meetings), max(m[4] for m in meetings)))  # fmt: skip
    return sorted(out)


RESULT = st.fixed_dictionaries({
    "race": st.sampled_from(["r1", "r2", "r3"]),
    "athlete": st.sampled_from(["urn:a", "urn:b", "urn:c", "urn:d"]),
    "place": st.integers(1, 6),
    "mark": st.one_of(st.none(), st.sampled_from([210.5, 211.0, 212.25])),
})  # fmt: skip
RACES = {
    "r1": {"date": "2023-08-23", "round": FINAL, "scope": "rg#GlobalScope"},
    "r2": {"date": "2023-06-01", "round": FINAL, "scope": None},
    "r3": {
        "date": "2024-03-02",
        "round": "rg#Heat",
        "scope": "rg#GlobalScope",
        "measure": "https://w3id.org/rivalgraph/ontology#Distance",
    },  # a throw: higher is better
}


@settings(max_examples=60, deadline=None)
@given(st.lists(RESULT, max_size=14))
def test_array_code_agrees_with_loops(results: list[dict[str, Any]]) -> None:
    rows = [{**result, **RACES[result["race"]]} for result in results]
    assert sorted(map(_normal, pair_meetings(rows))) == _naive(rows)
