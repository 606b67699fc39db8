"""Names the curated files pin to one person: ``graph/identities.csv``.

When the sources give one name to two people (or one person two dates of
birth), a curated file that writes only the name cannot say whom it means.
Each row of ``identities.csv`` names such a person with sex and date of
birth; every person of that name then has the date of birth in the IRI
(``athlete:charles-grethen-1992-06-02``), whatever data a build reads, and
the curated files' rows of that name mean the pinned person.

Examples
--------
>>> pins = read_pins()
>>> pins[("male", "charles grethen")]
'1992-06-02'
>>> curated_slug("Charles Grethen", "male", pins), curated_slug("Josh Kerr", "male", pins)
('charles-grethen-1992-06-02', 'josh-kerr')
"""

from __future__ import annotations

from pathlib import Path

from rivalgraph.athletics.identity import athlete_slug, name_key
from rivalgraph.csvrows import csv_rows, is_date
from rivalgraph.errors import InputError
from rivalgraph.resources import graph_dir
from rivalgraph.sources import display_path

__all__ = ["read_pins", "curated_slug", "PINS_FILE"]

PINS_FILE = "identities.csv"


def read_pins(path: Path | None = None) -> dict[tuple[str, str], str]:
    """(sex, name key) -> the pinned person's date of birth."""
    path = path or graph_dir() / PINS_FILE
    if not path.exists():
        return {}
    shown = display_path(path)
    pins: dict[tuple[str, str], str] = {}
    for line, row in csv_rows(path, ("name", "sex", "birth_date")):
        if row["sex"] not in ("female", "male"):
            raise InputError(shown, "must be female or male", line=line, field="sex")
        birth = row["birth_date"]
        if not is_date(birth):
            raise InputError(shown, "must be a real date YYYY-MM-DD", line=line, field="birth_date")
        pins[(row["sex"], name_key(row["name"]))] = birth
    return pins


def curated_slug(name: str, sex: str, pins: dict[tuple[str, str], str]) -> str:
    """The IRI segment a curated file's athlete of this name gets."""
    birth = pins.get((sex, name_key(name)))
    base = athlete_slug(name)
    return f"{base}-{birth}" if birth else base
