"""Identity rules: name and date of birth decide; name spellings fold only when the date agrees."""

from __future__ import annotations

import pytest

from rivalgraph.athletics.identity import Identities, athlete_slug, display_name, name_key, suspicious_pairs
from rivalgraph.athletics.pins import curated_slug, read_pins


@pytest.mark.parametrize("spelling", ["Josh KERR", "Kerr, Josh", "KERR Josh", "josh  kerr", "Jósh Kerr"])
def test_spellings_and_name_order_fold_to_one_key(spelling: str) -> None:
    assert name_key(spelling) == name_key("Josh Kerr")


def test_one_person_when_the_birth_dates_agree_two_when_they_differ() -> None:
    ids = Identities()
    a = ids.add("male", "Josh KERR", "1997-10-08")
    b = ids.add("male", "Kerr Josh", "1997-10-08")
    c = ids.add("male", "Josh KERR", "1999-01-01")
    ids.settle()
    assert ids.person(a) is ids.person(b)
    assert ids.person(a) is not ids.person(c)
    assert {ids.person(a).slug, ids.person(c).slug} == {"josh-kerr-1997-10-08", "josh-kerr-1999-01-01"}


def test_a_record_without_birth_date_joins_only_an_unambiguous_person() -> None:
    ids = Identities()
    dated = ids.add("female", "Faith KIPYEGON", "1994-01-10")
    undated = ids.add("female", "Faith Kipyegon", "")
    smith1 = ids.add("male", "John SMITH", "1990-01-01")
    ids.add("male", "John SMITH", "1991-01-01")
    smith = ids.add("male", "John Smith", "")
    ids.settle()
    assert ids.person(undated) is ids.person(dated)
    assert ids.person(smith) is not ids.person(smith1)
    assert ids.person(smith).slug == "john-smith-male-undated"


def test_sex_categories_never_merge() -> None:
    ids = Identities()
    a, b = ids.add("male", "Sam LEE", "2000-01-01"), ids.add("female", "Sam LEE", "2000-01-01")
    ids.settle()
    assert ids.person(a) is not ids.person(b)


def test_slugs_are_never_empty_and_transliterate_any_script() -> None:
    assert athlete_slug("Сергей Бубка") == "sergey-bubka"
    assert athlete_slug("刘翔") and athlete_slug("刘翔") != athlete_slug("李娜")
    assert athlete_slug("!!!").startswith("name-")


def test_display_names_from_world_athletics_spelling() -> None:
    assert display_name("Sydney MCLAUGHLIN-LEVRONE") == "Sydney McLaughlin-Levrone"
    assert display_name("Femke BOL") == "Femke Bol"


def test_suspicious_cases_are_rows_not_merges() -> None:
    ids = Identities()
    for name, birth in [
        ("Hassan MEAD", "1989-08-28"),
        ("Hassan MEAD", "1991-08-28"),
        ("Mohamed KATIR", "1998-02-17"),
        ("Mohammed KATIR", "1998-02-17"),
    ]:
        ids.add("male", name, birth)
    ids.settle()
    rows = suspicious_pairs(ids.persons())
    assert {kind for kind, _, _ in rows} == {
        "same name, different birth dates",
        "same birth date, similar names",
    }
    assert len(ids.persons()) == 4


def test_pinned_names_carry_the_birth_date_whatever_the_data() -> None:
    pins = read_pins()
    ids = Identities(pinned=pins.keys())
    only = ids.add("male", "Charles GRETHEN", "1992-06-02")
    ids.settle()
    assert (
        ids.person(only).slug == curated_slug("Charles Grethen", "male", pins) == "charles-grethen-1992-06-02"
    )
