"""The results importer: every CSV row round-trips; bad rows name file, line and field."""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rivalgraph.errors import InputError
from rivalgraph.namespaces import ATHLETE, RDFS
from rivalgraph.resources import graph_dir
from rivalgraph.results import MAX_TABLE_BYTES, parse_time, read_sources, read_table, table_quads
from rivalgraph.slugs import slug
from rivalgraph.store import OxigraphStore

from .conftest import FINALS_CSV

ROUND_TRIP = """
SELECT ?event ?year ?date ?place ?athlete ?nation ?time ?shown ?source WHERE {
  ?r a rg:Result ; rg:race ?race ; rg:place ?place ; rg:athlete ?a ; rg:nation ?n .
  ?a rdfs:label ?athlete . ?n rg:iocCode ?nation .
  ?race rg:discipline ?d ; schema:startDate ?date ; rg:edition/rg:year ?year .
  BIND (REPLACE(STR(?d), ".*Discipline", "") AS ?event)
  OPTIONAL { ?r rg:timeAsWritten ?time }
  OPTIONAL { ?r rg:nameAsShown ?shown }
  GRAPH ?g { ?r rg:place ?place } ?g prov:wasDerivedFrom ?source .
}
"""


def _csv_rows() -> list[dict[str, str]]:
    with FINALS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_csv_row_round_trips(store: OxigraphStore) -> None:
    sources = read_sources(FINALS_CSV.parent / "sources.csv")
    expected = {
        (
            row["event"],
            row["year"],
            row["date"],
            int(row["place"]),
            slug(row["athlete"]),
            row["nation"],
            row["time"],
            row["athlete_as_shown"],
            sources[row["source_url"]].iri.value,
        )  # fmt: skip
        for row in _csv_rows()
    }
    found = {
        (
            d["event"].value,
            d["year"].value,
            d["date"].value,
            int(d["place"].value),
            slug(d["athlete"].value),
            d["nation"].value,
            d["time"].value if d["time"] else "",
            d["shown"].value if d["shown"] else "",
            d["source"].value,
        )  # fmt: skip
        for d in store.select(ROUND_TRIP).dicts()
    }
    assert len(_csv_rows()) == 253
    assert found == expected


def test_medals_and_titles_come_from_places_one_to_three_of_finals(store: OxigraphStore) -> None:
    podiums = {(row["year"], row["competition"], row["event"]) for row in _csv_rows()
               if row["place"] in ("1", "2", "3")}  # fmt: skip
    medals = store.select("SELECT (COUNT(?m) AS ?n) WHERE { ?m a rg:Medal }").rows[0][0]
    titles = store.select("SELECT (COUNT(?t) AS ?n) WHERE { ?t a rg:Title }").rows[0][0]
    places = sum(1 for row in _csv_rows() if row["place"] in ("1", "2", "3"))
    assert int(medals.value) == places  # type: ignore[union-attr]
    assert int(titles.value) == len({p for p in podiums})  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("written", "seconds"),
    [("3:29.26", "209.26"), ("12:58.78", "778.78"), ("7:42.98", "462.98"), ("59.8", "59.8")],
)
def test_parse_time(written: str, seconds: str) -> None:
    assert parse_time(written) == Decimal(seconds)


@given(st.integers(0, 59), st.integers(0, 59), st.integers(0, 99))
def test_parse_time_inverts_formatting(minutes: int, seconds: int, hundredths: int) -> None:
    written = f"{minutes}:{seconds:02d}.{hundredths:02d}"
    assert parse_time(written) == Decimal(minutes * 60 + seconds) + Decimal(hundredths) / 100


@pytest.mark.parametrize("bad", ["3:29", "3.29.26", "3:75.00", "abc", "1:2:3.4"])
def test_parse_time_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_time(bad)


def _broken_copy(tmp_path: Path, line: int, field: str, value: str) -> Path:
    folder = tmp_path / "results"
    folder.mkdir()
    shutil.copy(FINALS_CSV.parent / "sources.csv", folder)
    rows = _csv_rows()
    rows[line - 2][field] = value
    target = folder / FINALS_CSV.name
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("place", "first", "not a positive integer"),
        ("place", "0", "not a positive integer"),
        ("time", "3h29", "not a time"),
        ("nation", "Norway", "IOC code"),
        ("event", "marathon", "unknown event"),
        ("date", "06/10/2019", "YYYY-MM-DD"),
        ("date", "2019-02-30", "YYYY-MM-DD"),
        ("date", "12019-10-06", "YYYY-MM-DD"),
        ("indoor", "maybe", "'yes' or 'no'"),
        ("source_url", "https://example.org/unknown", "not described in sources.csv"),
        ("athlete", "", "must not be empty"),
    ],
)
def test_bad_row_names_file_line_and_field(tmp_path: Path, field: str, value: str, says: str) -> None:
    path = _broken_copy(tmp_path, 17, field, value)
    with pytest.raises(InputError) as caught:
        table_quads(path)
    assert caught.value.line == 17
    assert caught.value.field == field
    assert says in str(caught.value)
    assert path.name in str(caught.value)


def test_duplicate_podium_place_is_refused(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, 3, "place", "1")
    with pytest.raises(InputError, match="already taken at line 2"):
        table_quads(path)


def test_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text("event,year\n1500m,2020\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing columns: competition"):
        table_quads(path, sources={})


def test_two_names_in_another_script_stay_two_athletes(tmp_path: Path) -> None:
    source = shutil.copy(graph_dir() / "results" / "sources.csv", tmp_path / "sources.csv")
    table = (graph_dir() / "results" / "championship_finals_1500_5000_2019_2025.csv").read_text("utf-8")
    header, first, second, *_ = table.splitlines(keepends=True)
    first = first.replace(first.split(",")[7], "王军霞", 1)
    second = second.replace(second.split(",")[7], "曲云霞", 1)
    (tmp_path / "t.csv").write_text(header + first + second, encoding="utf-8")
    assert Path(source).exists()
    labels = {(q.subject.value, q.object.value) for q in table_quads(tmp_path / "t.csv")
              if q.predicate == RDFS.label and "/athlete/" in q.subject.value}  # fmt: skip
    assert {label for _, label in labels} == {"王军霞", "曲云霞"} and len({iri for iri, _ in labels}) == 2
    prefixes = (ATHLETE["wangjunxia-"].value, ATHLETE["quyunxia-"].value)
    assert all(iri.startswith(prefixes) for iri, _ in labels)


def test_a_table_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    table = tmp_path / "huge.csv"
    with table.open("wb") as stream:  # sparse: the size is there, the bytes are not written
        stream.truncate(MAX_TABLE_BYTES + 1)
    with pytest.raises(InputError, match="over the 16 MiB a curated results table may be") as error:
        read_table(table)
    assert error.value.file.endswith("huge.csv")
