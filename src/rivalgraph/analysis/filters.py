"""Which races (and statements) an analysis looks at: discipline, sex category and period.

A :class:`RaceFilter` is applied where the races are read (:mod:`.reader`), so
the score, the evidence and the network only ever see the races that pass;
statements pass on their date alone.  It holds IRIs and dates, never text typed
by a user: :func:`parse_sex`, :func:`parse_day` and :func:`match_discipline`
turn the command line's words into them (the discipline against the
``rg:Discipline`` individuals of the store, see
:func:`rivalgraph.analysis.reader.read_race_filter`).

A race without ``rg:discipline`` (or ``rg:sex``) does not pass a filter on it;
an undated statement does not pass a filter on dates.

Examples
--------
>>> women = RaceFilter(sex=parse_sex("women"), since=parse_day("2019"))
>>> women.keeps(None, "https://w3id.org/rivalgraph/ontology#Female", "2019-03-01")
True
>>> women.keeps(None, "https://w3id.org/rivalgraph/ontology#Male", "2019-03-01")
False
>>> women.keeps_date("2018-12-31"), RaceFilter().everything
(False, True)
>>> parse_day("2024", end=True)
datetime.date(2024, 12, 31)
>>> disciplines = {"https://w3id.org/rivalgraph/ontology#DisciplinePoleVault": ["pole vault",
...                "pole-vault"]}
>>> match_discipline("Pole Vault", disciplines)
'https://w3id.org/rivalgraph/ontology#DisciplinePoleVault'
>>> match_discipline("pole vaul", disciplines)
Traceback (most recent call last):
...
rivalgraph.analysis.filters.FilterError: unknown discipline 'pole vaul'; did you mean 'pole vault'? ...
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from rivalgraph.analysis.scoring import AnalysisError
from rivalgraph.namespaces import RG

__all__ = ["FilterError", "RaceFilter", "parse_sex", "parse_day", "match_discipline", "SEXES"]

#: The words ``--sex`` takes, and the category each means.
SEXES = {"women": RG.Female.value, "female": RG.Female.value, "w": RG.Female.value,
         "f": RG.Female.value, "men": RG.Male.value, "male": RG.Male.value,
         "m": RG.Male.value}  # fmt: skip

BoolArray = npt.NDArray[np.bool_]


class FilterError(AnalysisError):
    """A filter names a discipline, a sex category or a date that does not exist."""


@dataclass(frozen=True)
class RaceFilter:
    """Keep races of one discipline and sex category, within a period (all optional).

    ``discipline`` and ``sex`` are IRIs; ``since`` and ``until`` are inclusive.
    """

    discipline: str | None = None
    sex: str | None = None
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise FilterError(f"the period starts on {self.since}, after it ends on {self.until}",
                              options=("since", "until"))  # fmt: skip

    @property
    def everything(self) -> bool:
        """True when the filter keeps every race and statement."""
        return self == RaceFilter()

    @property
    def dated(self) -> bool:
        """True when the filter asks for a period."""
        return self.since is not None or self.until is not None

    def keeps_date(self, day: str | None) -> bool:
        """Whether an event of ``day`` (ISO, or ``None``) falls in the period."""
        if not self.dated:
            return True
        if not day:
            return False
        when = date.fromisoformat(str(day)[:10])
        return (self.since is None or when >= self.since) and \
            (self.until is None or when <= self.until)  # fmt: skip

    def keeps(self, discipline: str | None, sex: str | None, day: str | None) -> bool:
        """Whether a race of this discipline, sex category and date passes."""
        return ((self.discipline is None or discipline == self.discipline)
                and (self.sex is None or sex == self.sex) and self.keeps_date(day))  # fmt: skip

    def mask(self, columns: Mapping[str, Sequence[str | None]]) -> BoolArray:
        """For rows with ``discipline``, ``sex`` and ``date`` columns, which pass."""
        length = len(columns["date"])
        keep = np.ones(length, bool)
        for name in ("discipline", "sex"):
            wanted = getattr(self, name)
            if wanted is not None:
                keep &= np.fromiter((v == wanted for v in columns[name]), bool, length)
        if self.dated:
            days = np.array([str(d)[:10] if d else "NaT" for d in columns["date"]],
                            "datetime64[D]").reshape(-1)  # fmt: skip
            known = ~np.isnat(days)
            if self.since is not None:
                keep &= known & (days >= np.datetime64(self.since))
            if self.until is not None:
                keep &= known & (days <= np.datetime64(self.until))
        return keep

    def cap(self, latest: str) -> str:
        """The default reference date: the latest event, or ``until`` if that is earlier."""
        if self.until is not None and (not latest or self.until.isoformat() < latest[:10]):
            return self.until.isoformat()
        return latest

    def describe(self) -> str:
        """The filter as one line, for reports (empty when it keeps everything)."""
        parts = [f"{name}={getattr(self, name)}" for name in ("discipline", "sex", "since", "until")
                 if getattr(self, name) is not None]  # fmt: skip
        return ", ".join(parts)


def parse_sex(text: str | None) -> str | None:
    """The sex category IRI a word means (women, men, female, male), or ``None``."""
    if text is None:
        return None
    found = SEXES.get(text.strip().lower())
    if found is None:
        raise FilterError(f"unknown sex category {text!r}; use women, men, female or male")
    return found


_YEAR = re.compile(r"^\d{4}$")


def parse_day(text: str | None, *, end: bool = False) -> date | None:
    """An ISO date, or a year (its first day, or its last with ``end``)."""
    if text is None:
        return None
    text = text.strip()
    if _YEAR.match(text):
        return date(int(text), 12, 31) if end else date(int(text), 1, 1)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FilterError(f"must be a date YYYY-MM-DD or a year YYYY, not {text!r}",
                          options=("until" if end else "since",)) from None  # fmt: skip


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def match_discipline(text: str, names: Mapping[str, Sequence[str]]) -> str:
    """The discipline IRI that ``text`` names: a label, an alternative label, a slug or the IRI.

    ``names`` maps each discipline IRI to its names; case, hyphens and spaces
    are ignored ("Pole vault", "pole-vault").

    Raises
    ------
    FilterError
        When no discipline (or more than one) has that name; close names are suggested.
    """
    if text in names:
        return text
    wanted = _fold(text)
    by_name: dict[str, set[str]] = {}
    shown: dict[str, str] = {}
    for iri, labels in names.items():
        local = iri.rsplit("#", 1)[-1].removeprefix("Discipline")
        for label in (*labels, local):
            by_name.setdefault(_fold(label), set()).add(iri)
        for label in labels:
            shown.setdefault(_fold(label), label)
    found = by_name.get(wanted) or by_name.get(wanted.replace(" ", ""))
    if found and len(found) == 1:
        return next(iter(found))
    if found:
        raise FilterError(f"discipline {text!r} is ambiguous: {', '.join(sorted(found))}")
    close = difflib.get_close_matches(wanted, list(shown), n=5, cutoff=0.6)
    suggested = list(dict.fromkeys(shown[key] for key in close))
    hint = f"; did you mean {' or '.join(map(repr, suggested))}?" if suggested else ""
    raise FilterError(f"unknown discipline {text!r}{hint} (give a label such as '1500 metres', "
                      f"'pole vault' or a slug such as 'pole-vault')")  # fmt: skip
