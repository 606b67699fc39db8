"""The championship calendar: known venues and dates find their edition; bad rows name file, line, field.

The coverage tests read the World Athletics toplists of ``../shared`` (skipped
when absent): every edition must have listed performances at its venue on its
dates, except the few early ones named in :data:`NO_LISTED_PERFORMANCE`.
"""

from __future__ import annotations

import csv
import glob
from collections import Counter
from pathlib import Path

import pytest

from rivalgraph.athletics.calendar import COLUMNS, Calendar, is_indoor, load_calendar, read_competitions
from rivalgraph.errors import InputError
from rivalgraph.results import read_table

from .conftest import FINALS_CSV, SHARED

TOPLISTS = SHARED / "data" / "worldathletics_toplists_all"
_MONTHS = {month: number for number, month in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
)}  # fmt: skip

#: Editions without a single row in either toplist (the lists hold almost nothing before 1960).
NO_LISTED_PERFORMANCE = {
    "olympic-games-1948", "olympic-games-1952", "olympic-games-1956",
    "european-championships-1934", "european-championships-1938-paris",
    "european-championships-1938-vienna", "european-championships-1946",
    "european-championships-1950", "european-championships-1954", "european-championships-1958",
    "european-indoor-championships-1967",
    "commonwealth-games-1930", "commonwealth-games-1934", "commonwealth-games-1938",
    "commonwealth-games-1950", "commonwealth-games-1954", "commonwealth-games-1962",
}  # fmt: skip

#: The years each competition was held; the calendar must have every one.
YEARS = {
    "olympic-games": [1936, *range(1948, 2017, 4), 2021, 2024],
    "world-championships": [1983, 1987, 1991, *range(1993, 2020, 2), 2022, 2023, 2025],
    "world-indoor-championships": [1985, *range(1987, 2004, 2), *range(2004, 2019, 2), 2022, 2024, 2025],
    "european-championships": [1934, 1938, 1946, *range(1950, 1967, 4), 1969, 1971, 1974,
                               *range(1978, 2019, 4), 2012, 2016, 2022, 2024],
    "european-indoor-championships": [*range(1966, 1991), *range(1992, 2003, 2), 2005,
                                      *range(2007, 2026, 2)],
    "diamond-league-final": [*range(2010, 2020), *range(2021, 2026)],
    "commonwealth-games": [1930, 1934, 1938, *range(1950, 2023, 4)],
}  # fmt: skip


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return load_calendar()


@pytest.mark.parametrize(
    ("venue", "date", "slug"),
    [
        ("Khalifa International Stadium, Doha (QAT)", "2019-10-06", "world-championships-2019"),
        ("Corniche, Doha (QAT)", "2019-09-27", "world-championships-2019"),
        ("Stade de France, Paris (FRA)", "2024-08-10", "olympic-games-2024"),
        ("National Stadium, Tokyo (JPN)", "2021-08-07", "olympic-games-2021"),
        ("Odori Park, Sapporo (JPN)", "2021-08-08", "olympic-games-2021"),
        ("Glasgow Arena, Glasgow (GBR) (i)", "2024-03-03", "world-indoor-championships-2024"),
        ("Olympiastadion, München (GER)", "2022-08-18", "european-championships-2022"),
        ("OLYMPIASTADION, MUNCHEN (GER)", "2022-08-18", "european-championships-2022"),
        ("Stadio Olimpico, Roma (ITA)", "2024-06-12", "european-championships-2024"),
        ("Hayward Field, Eugene, OR (USA)", "2023-09-17", "diamond-league-final-2023"),
        ("Letzigrund, Zürich (SUI)", "2016-09-01", "diamond-league-final-2016-zurich"),
        ("Boudewijnstadion, Bruxelles (BEL)", "2016-09-09", "diamond-league-final-2016-brussels"),
        ("Stadion Miejski, Toruń (POL) (i)", "2021-03-07", "european-indoor-championships-2021"),
        ("Hampden Park, Glasgow (GBR)", "2014-07-30", "commonwealth-games-2014"),
        ("Victoria Square, Birmingham (GBR)", "2022-07-30", "commonwealth-games-2022"),
    ],
)
def test_known_venues_and_dates_find_their_edition(
    calendar: Calendar, venue: str, date: str, slug: str
) -> None:
    edition = calendar.match(venue, date)
    assert edition is not None and edition.slug == slug


@pytest.mark.parametrize(
    ("venue", "date"),
    [
        ("Bislett Stadion, Oslo (NOR)", "2023-06-15"),  # a Diamond League meeting, not a final
        ("Khalifa International Stadium, Doha (QAT)", "2019-10-07"),  # the day after
        ("Glasgow (GBR)", "2024-03-03"),  # outdoors on an indoor edition's day
        ("Stade de France, Paris (FRA) (i)", "2024-08-10"),  # indoors on an outdoor edition's day
        ("Boudewijnstadion, Bruxelles (BEL)", "2019-09-01"),  # the week before the final
        ("Toneri Park Athletic Field, Tokyo (JPN)", "2021-07-24"),  # before the Games
        ("Hampden Park, Glasgow (GBR)", "2014-07-12"),  # the Glasgow Grand Prix
    ],
)
def test_other_meetings_find_no_edition(calendar: Calendar, venue: str, date: str) -> None:
    assert calendar.match(venue, date) is None


def test_a_split_final_has_the_city_in_its_slug_and_a_single_one_does_not(calendar: Calendar) -> None:
    assert "diamond-league-final-2019-zurich" in calendar
    assert "diamond-league-final-2019" not in calendar
    assert calendar["diamond-league-final-2022"].city == "Zürich"
    assert {e.slug for e in calendar.on("1938-09-17")} == {"european-championships-1938-vienna"}


def test_every_competition_has_every_year_it_was_held(calendar: Calendar) -> None:
    held = {(edition.competition, edition.year) for edition in calendar.editions}
    missing = [(name, year) for name, years in YEARS.items() for year in years if (name, year) not in held]
    extra = sorted(held - {(name, year) for name, years in YEARS.items() for year in years})
    assert not missing, f"editions missing from the calendar: {missing}"
    assert not extra, f"editions not in the expected years: {extra}"


def test_every_competition_is_a_node_of_the_reference_graph(calendar: Calendar) -> None:
    known = read_competitions()
    assert {edition.competition for edition in calendar.editions} <= known
    assert {"european-indoor-championships", "diamond-league-final", "commonwealth-games"} <= known


def test_the_finals_table_editions_are_in_the_calendar_with_their_dates(calendar: Calendar) -> None:
    rows = read_table(FINALS_CSV)
    assert rows
    wrong = [
        (row.line, row.edition_slug, row.date)
        for row in rows
        if row.edition_slug not in calendar
        or not calendar[row.edition_slug].start <= row.date <= calendar[row.edition_slug].end
        or calendar[row.edition_slug].indoor != row.indoor
    ]
    assert not wrong, f"finals whose edition is missing or has other dates: {wrong}"
    assert len({row.edition_slug for row in rows}) >= 5


def test_is_indoor_reads_the_trailing_marker() -> None:
    assert is_indoor("Arena, Toruń (POL) (i)") and is_indoor("X (i) ")
    assert not is_indoor("Indianapolis (USA)")


# ---------------- bad rows ----------------

GOOD = {
    "competition": "world-championships", "edition": "World Athletics Championships Budapest 2023",
    "year": "2023", "city": "Budapest", "country": "HUN", "start_date": "2023-08-19",
    "end_date": "2023-08-27", "indoor": "no", "venue_match": "Budapest (HUN)",
    "source_url": "https://en.wikipedia.org/wiki/2023_World_Athletics_Championships", "note": "",
}  # fmt: skip


def _write(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"competition": "world-cup"}, "competition", "unknown competition 'world-cup'"),
        ({"start_date": "2023-02-30"}, "start_date", "is not a YYYY-MM-DD date"),
        ({"end_date": "27/08/2023"}, "end_date", "is not a YYYY-MM-DD date"),
        ({"end_date": "2023-08-18"}, "end_date", "is before the start"),
        ({"start_date": "2022-08-19"}, "start_date", "is not in 2025"),
        ({"venue_match": ""}, "venue_match", "must not be empty"),
        ({"venue_match": "Budapest (HUN)|"}, "venue_match", "empty alternative"),
        ({"source_url": ""}, "source_url", "must not be empty"),
        ({"source_url": "wikipedia"}, "source_url", "not a web address"),
        ({"indoor": "true"}, "indoor", "must be 'yes' or 'no'"),
        ({"year": "23"}, "year", "is not a year"),
        ({"country": "Hungary"}, "country", "three-letter IOC code"),
    ],
)
def test_a_bad_row_names_file_line_and_field(
    tmp_path: Path, change: dict[str, str], field: str, message: str
) -> None:
    path = _write(tmp_path / "championships.csv", [GOOD, {**GOOD, "year": "2025", "start_date":
                  "2025-09-13", "end_date": "2025-09-21", **change}])  # fmt: skip
    with pytest.raises(InputError) as caught:
        load_calendar(path)
    error = caught.value
    assert (error.line, error.field) == (3, field)
    assert error.file.endswith("championships.csv") and message in error.message
    assert f"championships.csv:3: field '{field}':" in str(error)


def test_a_duplicate_edition_names_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "championships.csv", [GOOD, {**GOOD, "note": "again"}])
    with pytest.raises(InputError, match=r"line 2 already has world-championships in 2023") as caught:
        load_calendar(path)
    assert (caught.value.line, caught.value.field) == (3, "year")


def test_two_cities_in_one_year_are_two_editions(tmp_path: Path) -> None:
    other = {**GOOD, "city": "Debrecen", "venue_match": "Debrecen (HUN)"}
    calendar = load_calendar(_write(tmp_path / "championships.csv", [GOOD, other]))
    assert [e.slug for e in calendar.editions] == [
        "world-championships-2023-budapest", "world-championships-2023-debrecen"
    ]  # fmt: skip


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "championships.csv", [GOOD], COLUMNS[:-2])
    with pytest.raises(InputError, match="missing columns: source_url, note") as caught:
        load_calendar(path)
    assert caught.value.line == 1


def test_competitions_can_be_passed_in(tmp_path: Path) -> None:
    path = _write(tmp_path / "championships.csv", [GOOD])
    assert len(load_calendar(path, competitions={"world-championships"})) == 1
    with pytest.raises(InputError, match="unknown competition"):
        load_calendar(path, competitions=set())


# ---------------- coverage against the real toplists ----------------


@pytest.fixture(scope="module")
def toplist_rows() -> Counter[tuple[str, str]]:
    """(venue, ISO date) -> number of rows, over both scrapes."""
    if not TOPLISTS.is_dir():
        pytest.skip(f"the World Athletics toplists are not at {TOPLISTS} (set RIVALGRAPH_SHARED)")
    rows: Counter[tuple[str, str]] = Counter()
    for name in glob.glob(str(TOPLISTS / "*" / "*" / "*.csv")) + glob.glob(
        str(TOPLISTS / "*" / "processing_output" / "*" / "*.csv")
    ):
        with open(name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                venue, date = row.get("venue", row.get("Venue")), row.get("date", row.get("Date"))
                iso = _iso(date or "")
                if venue and iso:
                    rows[(venue, iso)] += 1
    assert rows
    return rows


def _iso(date: str) -> str | None:
    if len(date) == 10 and date[4] == "-":
        return date
    parts = date.split()
    if len(parts) != 3 or parts[1].upper() not in _MONTHS or not parts[0].isdigit():
        return None
    return f"{parts[2]}-{_MONTHS[parts[1].upper()]:02d}-{int(parts[0]):02d}"


def test_every_edition_has_listed_performances_but_the_known_gaps(
    calendar: Calendar, toplist_rows: Counter[tuple[str, str]]
) -> None:
    found: Counter[str] = Counter()
    for (venue, date), count in toplist_rows.items():
        edition = calendar.match(venue, date)
        if edition is not None:
            found[edition.slug] += count
    unmatched = {edition.slug for edition in calendar.editions if not found[edition.slug]}
    assert unmatched == NO_LISTED_PERFORMANCE, (
        f"newly unmatched: {sorted(unmatched - NO_LISTED_PERFORMANCE)}; "
        f"now matched: {sorted(NO_LISTED_PERFORMANCE - unmatched)}"
    )


def test_no_listed_venue_and_date_matches_two_editions(
    calendar: Calendar, toplist_rows: Counter[tuple[str, str]]
) -> None:
    ambiguous = [
        (venue, date, [e.slug for e in calendar.on(date) if e.matches_venue(venue)])
        for venue, date in toplist_rows
        if sum(e.matches_venue(venue) for e in calendar.on(date)) > 1
    ]
    assert not ambiguous, ambiguous[:20]
