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
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from rivalgraph.slugs import slug

__all__ = [
    "name_key",
    "display_name",
    "Person",
    "Identities",
    "suspicious_pairs",
    "athlete_slug",
    "scripts_of",
]


@lru_cache(maxsize=1 << 18)
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


@lru_cache(maxsize=1 << 18)
def display_name(name: str) -> str:
    """A label from a list's spelling: surnames in capitals become capitalised words."""
    return " ".join(_word(part) for part in name.split())


@lru_cache(maxsize=1 << 18)
def athlete_slug(label: str) -> str:
    """The IRI segment of a name in any script: transliterated, never empty, never shared.

    A Latin name keeps its plain slug.  A name with letters of another script
    gets a short hash of the written name as well, because transliteration
    loses distinctions (``王磊`` and ``汪蕾`` are both ``wanglei``).

    >>> athlete_slug("Jakob Ingebrigtsen"), athlete_slug("Сергей Бубка")[:13]
    ('jakob-ingebrigtsen', 'sergey-bubka-')
    >>> athlete_slug("王磊") != athlete_slug("汪蕾")
    True
    >>> athlete_slug("...")[:5], athlete_slug("")
    ('name-', 'name-da39a3ee5e6b')
    """
    written = " ".join(unicodedata.normalize("NFKC", label).casefold().split())
    digest = hashlib.sha1(written.encode()).hexdigest()
    spelled = anyascii(unicodedata.normalize("NFKC", label))
    # No letter or digit at all: a name of its own, not slug()'s generic fallback.
    made = slug(spelled) if any(ch.isalnum() for ch in spelled) else ""
    if not made:
        return "name-" + digest[:12]
    return f"{made}-{digest[:8]}" if _has_other_script(written) else made


def scripts_of(name: str) -> set[str]:
    """The scripts of the letters of ``name`` (Unicode's first word of each letter's name).

    Two at once is the mark of a look-alike letter typed by mistake.

    >>> sorted(scripts_of("Josh K\u0435rr")), scripts_of("Jakob Ingebrigtsen")
    (['CYRILLIC', 'LATIN'], {'LATIN'})
    """
    return {unicodedata.name(ch, "UNKNOWN").split()[0] for ch in name if ch.isalpha()}


def _has_other_script(name: str) -> bool:
    return any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in name)


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

    Add every record with :meth:`add`, then call :meth:`settle` once.  A record
    with only a year of birth joins the one person of that name born that year,
    a record without any joins the one person of that name; otherwise each
    stays a person of its own.  A name held by one person gets its plain slug
    (``josh-kerr``); when persons share a slug, each gets its date of birth
    added (``john-smith-1990-05-01``).

    Examples
    --------
    >>> ids = Identities()
    >>> a = ids.add("male", "Josh KERR", "1997-10-08")
    >>> b = ids.add("male", "Josh Kerr", "")
    >>> y = ids.add("male", "Kerr, Josh", "1997")
    >>> c = ids.add("male", "John SMITH", "1990-05-01")
    >>> d = ids.add("male", "John SMITH", "1985-02-03")
    >>> ids.settle()
    >>> ids.person(a) is ids.person(b) is ids.person(y), ids.person(a).slug
    (True, 'josh-kerr')
    >>> sorted(ids.person(x).slug for x in (c, d))
    ['john-smith-1985-02-03', 'john-smith-1990-05-01']
    """

    def __init__(self, pinned: Iterable[tuple[str, str]] = ()) -> None:
        self._labels: dict[tuple[str, str, str], str] = {}
        self._resolved: dict[tuple[str, str, str], Person] = {}
        #: (sex, name key) of names whose every person carries the date of birth in its slug.
        self._pinned = set(pinned)

    def add(self, sex: str, name: str, birth_date: str) -> tuple[str, str, str]:
        """Note a record (``birth_date``: ISO date, a year, or ``""``); returns its handle."""
        handle = (sex, name_key(name), birth_date)
        label = display_name(name)
        best = self._labels.get(handle)
        if best is None or (best != label and _accents(label) > _accents(best)):
            self._labels[handle] = label
        return handle

    def settle(self) -> None:
        """Decide every person and slug (after all records are added)."""
        by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
        for sex, key, birth in self._labels:
            by_name[(sex, key)].append(birth)
        joined: dict[tuple[str, str, str], tuple[str, str, str]] = {}
        for (sex, key), births in by_name.items():
            full = [b for b in births if len(b) == 10]
            years = [b for b in births if len(b) == 4]
            for year in years:
                match = [b for b in full if b.startswith(year)]
                if len(match) == 1:
                    joined[(sex, key, year)] = (sex, key, match[0])
            if "" in births:
                alone = set(full) | {y for y in years if (sex, key, y) not in joined}
                if len(alone) == 1:
                    joined[(sex, key, "")] = (sex, key, alone.pop())
        persons = [handle for handle in self._labels if handle not in joined]
        by_slug: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for handle in persons:
            by_slug[athlete_slug(self._labels[handle])].append(handle)
        for base, handles in by_slug.items():
            for handle in handles:
                sex, key, birth = handle
                single = len(handles) == 1 and (sex, key) not in self._pinned
                made = base if single else f"{base}-{birth or sex + '-undated'}"
                self._resolved[handle] = Person(sex, key, birth, self._labels[handle], made)
        for handle, target in joined.items():
            self._resolved[handle] = self._resolved[target]

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
      least ``threshold`` similar (rapidfuzz token ratio) but not equal;
    - ``name mixes scripts``: letters of two scripts in one name (``Kеrr`` with a
      Cyrillic ``е``), a look-alike that the name key folds into ``Kerr``.

    >>> rows = suspicious_pairs([Person("male", "kerr josh", "1997-10-08", "Josh Kerr", "a"),
    ...                          Person("male", "kerr josh", "1997-10-09", "Josh Kerr", "b"),
    ...                          Person("male", "kerr joshua", "1997-10-08", "Joshua Kerr", "c")])
    >>> [row[0] for row in rows]
    ['same name, different birth dates', 'same birth date, similar names']
    >>> suspicious_pairs([Person("male", "kerr josh", "", "Josh K\u0435rr", "a")])[0][:2]
    ('name mixes scripts', 'Josh Kеrr (male, no birth date)')
    """
    people = list(persons)
    rows: list[tuple[str, str, str]] = []
    by_name: dict[tuple[str, str], list[Person]] = defaultdict(list)
    by_birth: dict[tuple[str, str], list[Person]] = defaultdict(list)
    for person in people:
        scripts = scripts_of(person.label)
        if len(scripts) > 1:
            rows.append(("name mixes scripts", _shown(person), ", ".join(sorted(scripts))))
        by_name[(person.sex, person.key)].append(person)
        if len(person.birth_date) == 10:
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
