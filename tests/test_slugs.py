from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rivalgraph.slugs import fold_name, slug


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Samuel Pihlström", "samuel-pihlstrom"),
        ("Samuel Pihlstrom", "samuel-pihlstrom"),
        ("Jakob INGEBRIGTSEN", "jakob-ingebrigtsen"),
        ("Narve Gilje Nordås", "narve-gilje-nordas"),
        ("Elzan Bibić", "elzan-bibic"),
        ("  Michał   Rozmys ", "michal-rozmys"),
        ("Olympic Games (Tokyo 2020)", "olympic-games-tokyo-2020"),
    ],
)
def test_slug_folds_accents_case_and_punctuation(written: str, expected: str) -> None:
    assert slug(written) == expected


@given(st.text())
def test_slug_is_safe_in_an_iri(text: str) -> None:
    value = slug(text)
    assert value == value.strip("-")
    assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in value)


@given(st.text())
def test_fold_name_is_idempotent(text: str) -> None:
    assert fold_name(fold_name(text)) == fold_name(text)


@given(st.text(min_size=1).filter(lambda text: text.strip()))
def test_a_slug_is_never_empty_and_only_ascii_words(text: str) -> None:
    made = slug(text)
    assert made and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", made)
