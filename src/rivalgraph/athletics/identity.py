"""Who is who: one node per person across every source, by name and date of birth.

World Athletics writes ``Josh KERR`` (given names, then the surname in
capitals); a curated table writes ``Josh Kerr``; another page ``Kerr, Josh``.
:func:`name_key` folds all of them to the same key: accents, case, punctuation
and word order removed.  Two records are the same person when their sex
category, name key and date of birth agree; a record without a date of birth
(a curated table, a relay team) joins the one person of that name and sex when
there is exactly one, and stays apart otherwise.  Nothing is merged on a near
match: :func:`suspicious_pairs` lists the cases a person should look at (one
name, two dates of birth; one date of birth, near-identical names).

Examples
--------
>>> name_key("Josh KERR") == name_key("Kerr, Josh") == name_key("josh kerr")
True
>>> display_name("Sydney MCLAUGHLIN-LEVRONE"), display_name("Hicham EL GUERROUJ")
('Sydney McLaughlin-Levrone', 'Hicham El Guerrouj')
>>> display_name("Mondo DUPLANTIS"), display_name("Kate O'CONNOR")
('Mondo Duplantis', "Kate O'Connor")
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz import fuzz

from rivalgraph.slugs import slug

__all__ = ["name_key", "display_name", "Person", "Identities", "suspicious_pairs", "athlete_slug"]


def name_key(name: str) -> str:
    """The identity key of a name: ASCII, lower case, words sorted (order and commas do not count)."""
    ascii_name = anyascii(unicodedata.normalize("NFKC", name)).lower()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_name).split()
    return " ".join(sorted(words))


def _word(part: str) -> str:
    if not (part.isupper() and len(part) > 1):
        return part
    pieces = []
    for piece in part.split("-"):
        pieces.append("'".join(_capital(bit) for bit in piece.split("'")))
    return "-".join(pieces)


def _capital(bit: str) -> str:
    low = bit.lower()
    if low.startswith("mc") and len(low) > 2:
        return "Mc" + low[2:].capitalize()
    return low.capitalize() if len(low) > 1 else low.upper()


def display_name(name: str) -> str:
    """A label from a list's spelling: surnames in capitals become capitalised words."""
    return " ".join(_word(part) for part in name.split())


def athlete_slug(label: str) -> str:
    """The IRI segment of a name in any script: transliterated, never empty.

    >>> athlete_slug("Jakob Ingebrigtsen"), athlete_slug("Сергей Бубка")
    ('jakob-ingebrigtsen', 'sergey-bubka')
    >>> athlete_slug("...")[:5]
    'name-'
    """
    made = slug(anyascii(unicodedata.normalize("NFKC", label)))
    return made or "name-" + hashlib.sha1(label.encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Person:
    """One person (or relay team) as the sources agree on them."""

    sex: str
    key: str
    birth_date: str
    label: str
    slug: str


class Identities:
    """Resolve (sex, name, date of birth) records to persons, and give each an IRI segment.

    Add every record with :meth:`add`, then call :meth:`settle` once: a name
    held by one person gets its plain slug (``josh-kerr``); when two persons
    share a slug, each gets its date of birth added (``john-smith-1990-05-01``).

    Examples
    --------
    >>> ids = Identities()
    >>> a = ids.add("male", "Josh KERR", "1997-10-08")
    >>> b = ids.add("male", "Josh Kerr", "")
    >>> c = ids.add("male", "John SMITH", "1990-05-01")
    >>> d = ids.add("male", "John SMITH", "1985-02-03")
    >>> ids.settle()
    >>> ids.person(a) is ids.person(b), ids.person(a).slug
    (True, 'josh-kerr')
    >>> sorted(ids.person(x).slug for x in (c, d))
    ['john-smith-1985-02-03', 'john-smith-1990-05-01']
    """

    def __init__(self) -> None:
        self._labels: dict[tuple[str, str, str], str] = {}
        self._undated: dict[tuple[str, str], str] = {}
        self._resolved: dict[tuple[str, str, str], Person] = {}

    def add(self, sex: str, name: str, birth_date: str) -> tuple[str, str, str]:
        """Note a record; returns its handle for :meth:`person`."""
        key = name_key(name)
        label = display_name(name)
        if birth_date:
            handle = (sex, key, birth_date)
            best = self._labels.get(handle)
            if best is None or _accents(label) > _accents(best):
                self._labels[handle] = label
        else:
            handle = (sex, key, "")
            self._undated.setdefault((sex, key), label)
        return handle

    def settle(self) -> None:
        """Decide every person and slug (after all records are added)."""
        dated: dict[tuple[str, str], list[str]] = defaultdict(list)
        for sex, key, birth in self._labels:
            dated[(sex, key)].append(birth)
        persons: list[tuple[tuple[str, str, str], str]] = list(self._labels.items())
        for (sex, key), label in self._undated.items():
            births = dated.get((sex, key), [])
            if len(births) != 1:  # no dated person, or several: the record stays a person of its own
                persons.append(((sex, key, ""), label))
        by_slug: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        labels = dict(persons)
        for handle, label in persons:
            by_slug[athlete_slug(label)].append(handle)
        for base, handles in by_slug.items():
            for handle in handles:
                sex, key, birth = handle
                unique = len(handles) == 1
                suffix = birth or f"{sex}-undated"
                made = base if unique else f"{base}-{suffix}"
                self._resolved[handle] = Person(sex, key, birth, labels[handle], made)
        for (sex, key), _label in self._undated.items():
            births = dated.get((sex, key), [])
            if len(births) == 1:
                self._resolved[(sex, key, "")] = self._resolved[(sex, key, births[0])]

    def person(self, handle: tuple[str, str, str]) -> Person:
        return self._resolved[handle]

    def persons(self) -> list[Person]:
        """Every person once."""
        return list({id(p): p for p in self._resolved.values()}.values())


def _accents(name: str) -> int:
    return sum(1 for ch in name if ord(ch) > 127)


def suspicious_pairs(persons: Iterable[Person], threshold: float = 90.0) -> list[tuple[str, str, str]]:
    """Cases to review, as rows ``(kind, first, second)``; nothing is merged.

    - ``same name, different birth dates``: one name key, two dates (often two
      people, sometimes a typing error in a list);
    - ``same birth date, similar names``: one sex and date of birth, names at
      least ``threshold`` similar (rapidfuzz token ratio) but not equal.

    >>> rows = suspicious_pairs([Person("male", "kerr josh", "1997-10-08", "Josh Kerr", "a"),
    ...                          Person("male", "kerr josh", "1997-10-09", "Josh Kerr", "b"),
    ...                          Person("male", "kerr joshua", "1997-10-08", "Joshua Kerr", "c")])
    >>> [row[0] for row in rows]
    ['same name, different birth dates', 'same birth date, similar names']
    """
    people = list(persons)
    rows: list[tuple[str, str, str]] = []
    by_name: dict[tuple[str, str], list[Person]] = defaultdict(list)
    by_birth: dict[tuple[str, str], list[Person]] = defaultdict(list)
    for person in people:
        by_name[(person.sex, person.key)].append(person)
        if person.birth_date:
            by_birth[(person.sex, person.birth_date)].append(person)
    for group in by_name.values():
        dated = sorted((p for p in group if p.birth_date), key=lambda p: p.birth_date)
        for first, second in zip(dated, dated[1:], strict=False):
            rows.append(("same name, different birth dates", _shown(first), _shown(second)))
    for group in by_birth.values():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if first.key != second.key and fuzz.token_sort_ratio(first.key, second.key) >= threshold:
                    rows.append(("same birth date, similar names", _shown(first), _shown(second)))
    return rows


def _shown(person: Person) -> str:
    born = person.birth_date or "no birth date"
    return f"{person.label} ({person.sex}, {born})"
