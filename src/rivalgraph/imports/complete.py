"""Complete championship results (every round, every starter) as Performance records.

Two championships come as JSON files that list every race of every round with
every starter, including those who did not finish or start or were
disqualified:

* the 2016 Olympic Games in Rio de Janeiro (``rio_athletics_results.json`` and
  ``rio_entries.json`` of openath/athlib, data by Tilastopaja Oy, ODbL), read
  by :func:`read_rio2016`;
* the 2024 European Championships in Rome (``Rome2024.json`` of
  captainrobbo/trhackathon), read by :func:`read_rome2024`.

Each start becomes one :class:`~rivalgraph.athletics.performance.Performance`
with ``complete_race=True``, written the way the World Athletics toplists
write it (discipline slug, ``Given SURNAME``, the toplists' venue), so that a
race rebuilt from a toplist and the same race read here coincide;
:func:`toplist_agreement` checks that they do.  JSON has no lines: ``line`` is
the running number of the start in its file (1, 2, ...) and errors name the
JSON path (``events[12].result[3].performance``).  Whatever is not read (a
mixed relay: its sex is neither female nor male) is collected as
:class:`Skipped` items, never dropped silently; :func:`read_complete` returns
both.

Examples
--------
>>> import json, tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> race = {"name": "1500 m Men", "eventCode": "1500", "gender": "M", "date": "2016-08-20",
...         "round": "FINAL", "roundName": None, "wind": None, "result": [
...     {"givenName": "Matthew", "familyName": "Centrowitz", "country": "USA", "rank": "1",
...      "performance": "3:50.00", "tpAthleteId": "7"},
...     {"givenName": "Ann", "familyName": "Other", "country": "KEN", "performance": "DNF"}]}
>>> _ = (folder / RIO_RESULTS).write_text(json.dumps({"events": [race]}))
>>> _ = (folder / RIO_ENTRIES).write_text(json.dumps([{"id": "7", "birthdate": "18.10.1989"}]))
>>> winner, other = read_rio2016(folder)
>>> winner.name, winner.value, winner.place, winner.birth_date, winner.venue
('Matthew CENTROWITZ', 230.0, 1, '1989-10-18', 'Estádio Olímpico, Rio de Janeiro (BRA)')
>>> other.status, other.value, other.place
('did-not-finish', None, None)
>>> parse_mark("2:08:44", "MAR"), parse_mark("8:21.67DQ 8:21.67", "3000SC"), parse_mark("NM", "LJ")
(('finished', 7724.0), ('disqualified', None), ('did-not-finish', None))
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import athlib

from rivalgraph.athletics.performance import Performance
from rivalgraph.errors import InputError
from rivalgraph.slugs import fold_name
from rivalgraph.sources import display_path

__all__ = [
    "Skipped",
    "read_rio2016",
    "read_rome2024",
    "read_complete",
    "parse_mark",
    "toplist_agreement",
    "DISCIPLINES",
    "RELAY_TEAMS",
    "VENUES",
    "RIO_RESULTS",
    "RIO_ENTRIES",
    "ROME_RESULTS",
]

_log = logging.getLogger(__name__)

RIO_RESULTS = "rio_athletics_results.json"
RIO_ENTRIES = "rio_entries.json"
ROME_RESULTS = "Rome2024.json"

#: The venue exactly as the World Athletics toplists write it for every event of the
#: championship (road and walk events included: the toplists give the stadium for them too).
VENUES = {
    "rio2016": "Estádio Olímpico, Rio de Janeiro (BRA)",
    "rome2024": "Stadio Olimpico, Roma (ITA)",
}

#: athlib event code -> World Athletics discipline slug (the toplists' file names).
DISCIPLINES = {
    "100": "100-metres", "200": "200-metres", "400": "400-metres", "800": "800-metres",
    "1500": "1500-metres", "5000": "5000-metres", "10000": "10000-metres",
    "100H": "100-metres-hurdles", "110H": "110-metres-hurdles", "400H": "400-metres-hurdles",
    "3000SC": "3000-metres-steeplechase", "4x100": "4x100-metres-relay",
    "4x400": "4x400-metres-relay", "MAR": "marathon", "HM": "half-marathon",
    "20KW": "20-kilometres-race-walk", "35KW": "35-kilometres-race-walk",
    "50KW": "50-kilometres-race-walk", "HJ": "high-jump", "PV": "pole-vault",
    "LJ": "long-jump", "TJ": "triple-jump", "SP": "shot-put", "DT": "discus-throw",
    "HT": "hammer-throw", "JT": "javelin-throw", "DEC": "decathlon", "HEP": "heptathlon",
}  # fmt: skip

#: Tilastopaja's numeric event codes (Rome2024.json ``eventCode``) -> athlib event code.
_ROME_CODES = {
    40: "100", 50: "200", 70: "400", 90: "800", 110: "1500", 160: "5000", 170: "10000",
    190: "HM", 220: "3000SC", 260: "100H", 270: "110H", 300: "400H", 310: "HJ", 320: "PV",
    330: "LJ", 340: "TJ", 350: "SP", 360: "DT", 380: "HT", 390: "JT", 400: "HEP", 410: "DEC",
    500: "20KW", 560: "4x100", 580: "4x400",
}  # fmt: skip
#: Rome codes of mixed-sex events: Performance.sex is female or male, so they are skipped.
_ROME_MIXED = {581: "4x400-metres-relay-mixed"}
_MIXED_REASON = "mixed-sex event (4x400-metres-relay-mixed): Performance.sex is female or male"

#: IOC code -> a national relay team's name as World Athletics lists write it
#: (camminady ``4x400-metres-relay.csv``; the six marked * are not in those files).
RELAY_TEAMS = {
    "ANT": "Antigua & Barbuda", "AUS": "Australia", "AUT": "Austria",  # *
    "BAH": "Bahamas", "BEL": "Belgium", "BOT": "Botswana", "BRA": "Brazil", "CAN": "Canada",
    "CHN": "PR of China", "COL": "Colombia", "CUB": "Cuba", "CZE": "Czech Republic",
    "DEN": "Denmark", "DOM": "Dominican Republic", "ESP": "Spain", "EST": "Estonia",  # *
    "FIN": "Finland", "FRA": "France", "GBR": "Great Britain & NI", "GER": "Germany",
    "GHA": "Ghana", "GRE": "Greece", "HUN": "Hungary", "IND": "India", "IRL": "Ireland",
    "ITA": "Italy", "JAM": "Jamaica", "JPN": "Japan", "KAZ": "Kazakhstan", "NED": "Netherlands",
    "NGR": "Nigeria", "NOR": "Norway", "POL": "Poland", "POR": "Portugal",  # * *
    "ROU": "Romania", "SKN": "Saint Kitts and Nevis", "SLO": "Slovenia",  # *
    "SUI": "Switzerland", "SWE": "Sweden", "TTO": "Trinidad and Tobago",  # *
    "TUR": "Turkey", "UKR": "Ukraine", "USA": "United States", "VEN": "Venezuela",
}  # fmt: skip

_SEXES = {"M": "male", "W": "female"}
_RIO_ROUNDS = {"FINAL": "final", "HEAT": "heat", "SEMI": "semi-final"}
_ROME_ROUNDS = {"Final": "final", "Heats": "heat", "Semifinals": "semi-final",
                "Qualification": "qualification"}  # fmt: skip
_NOT_FINISHED = {"DNF": "did-not-finish", "DNS": "did-not-start",
                 "NM": "did-not-finish", "NH": "did-not-finish"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Skipped:
    """A race (or start) of a source that was not read, and why."""

    file: str
    where: str
    what: str
    reason: str
    starts: int


@dataclass(frozen=True, slots=True)
class _Race:
    file: str
    where: str
    sex: str
    code: str
    round: str
    section: str
    date: str
    wind: float | None
    venue: str


@dataclass(frozen=True, slots=True)
class _Start:
    where: str
    name: str
    birth_date: str
    nation: str
    mark: str
    wind: float | None
    rank: int | None
    group: str
    mark_key: str


def parse_mark(mark: str, code: str) -> tuple[str, float | None]:
    """The status and value of a mark as these files write it.

    Times are parsed with :func:`athlib.parse_hms` (seconds), jumps and throws
    are metres, combined events points.  ``DNF``, ``DNS`` give no value;
    ``NM``/``NH`` (no valid mark) count as did-not-finish; any mark containing
    ``DQ`` (``DQ``, ``37.62DQ``, ``DQ R 163.3a``) is a disqualification.

    Raises
    ------
    ValueError
        For a mark that is none of these.
    """
    text = " ".join(mark.split())
    if "DQ" in text.upper():
        return "disqualified", None
    if text.upper() in _NOT_FINISHED:
        return _NOT_FINISHED[text.upper()], None
    if code in athlib.MULTI_EVENTS:
        return "finished", float(int(text))
    if code in athlib.FIELD_EVENTS:
        return "finished", float(text)
    return "finished", float(athlib.parse_hms(text))


def read_rio2016(folder: Path, source: str = "rio2016",
                 skipped: list[Skipped] | None = None) -> Iterator[Performance]:  # fmt: skip
    """Read the Rio 2016 Olympic athletics results (``folder`` holds the two JSON files).

    Birth dates come from ``rio_entries.json`` (by Tilastopaja athlete id).
    Races that are not read are appended to ``skipped`` (and logged).

    Raises
    ------
    InputError
        Naming the file and JSON path of a value that cannot be read.
    """
    path = folder / RIO_RESULTS
    file = display_path(path)
    births = _rio_births(folder / RIO_ENTRIES)
    events = _load(path, "events")
    races = [_rio_race(file, f"events[{i}]", event) for i, event in enumerate(events)]
    starts = [[_rio_start(file, race, f"{race.where}.result[{j}]", entry, births)
               for j, entry in enumerate(_list(file, event, "result", race.where))]
              for race, event in zip(races, events, strict=True)]  # fmt: skip
    yield from _performances(source, races, starts)
    _report(file, skipped or [])


def read_rome2024(folder: Path, source: str = "rome2024",
                  skipped: list[Skipped] | None = None) -> Iterator[Performance]:  # fmt: skip
    """Read the Rome 2024 European Championships results (``folder`` holds ``Rome2024.json``).

    The mixed 4 x 400 m relay is appended to ``skipped`` (and logged): a
    Performance is female or male.

    Raises
    ------
    InputError
        Naming the file and JSON path of a value that cannot be read.
    """
    path = folder / ROME_RESULTS
    file = display_path(path)
    events = _load(path, "events")
    finals = Counter((e.get("gender"), e.get("eventCode")) for e in events
                     if e.get("roundName") == "Final" and not e.get("combinedEvent"))  # fmt: skip
    races: list[_Race] = []
    starts: list[list[_Start]] = []
    found = skipped if skipped is not None else []
    for i, event in enumerate(events):
        where = f"events[{i}]"
        entries = _list(file, event, "results", where)
        if event.get("eventCode") in _ROME_MIXED:
            what = f"{event.get('eventName')} {event.get('roundName')}"
            found.append(Skipped(file, where, what, _MIXED_REASON, len(entries)))
            continue
        several = finals[(event.get("gender"), event.get("eventCode"))] > 1
        race = _rome_race(file, where, event, several)
        races.append(race)
        starts.append([_rome_start(file, race, f"{where}.results[{j}]", entry)
                       for j, entry in enumerate(entries)])  # fmt: skip
    yield from _performances(source, races, starts)
    _report(file, found)


def read_complete(folder: Path, source: str | None = None) -> tuple[list[Performance], list[Skipped]]:
    """Read whichever championship ``folder`` holds: its performances and what was skipped.

    ``source`` defaults to ``rio2016`` or ``rome2024``.

    Raises
    ------
    InputError
        When the folder holds neither championship's file, or one cannot be read.
    """
    skipped: list[Skipped] = []
    if (folder / RIO_RESULTS).exists():
        return list(read_rio2016(folder, source or "rio2016", skipped)), skipped
    if (folder / ROME_RESULTS).exists():
        return list(read_rome2024(folder, source or "rome2024", skipped)), skipped
    raise InputError(display_path(folder), f"holds neither {RIO_RESULTS} nor {ROME_RESULTS}")


def toplist_agreement(performances: Iterable[Performance],
                      toplist_rows: Iterable[Mapping[str, str]]) -> list[str]:  # fmt: skip
    """Where a toplist disagrees with complete results of the same finals, as text.

    ``toplist_rows`` are rows of a kmuchiri toplist (``competitor``, ``dob``,
    ``nationality``, ``mark``, ``position``, ``venue``, ``date``, ``sex``,
    ``discipline``).  A row with a numeric position at the venue and date of a
    single final among ``performances`` must name an athlete of that final with
    the same place and mark.  The athlete is matched by upper-case surname and
    given names (accents folded); failing that, by the one athlete of the race
    with the row's birth date and nation, or the one with its surname (the two
    sources spell "Mo"/"Mohamed", middle names and Chinese name order
    differently).  Rows of other races are ignored.  Returns ``[]`` when all agree.

    Examples
    --------
    >>> p = Performance(source="x", file="x.json", line=1, sex="male", discipline="1500-metres",
    ...     name="Jakob INGEBRIGTSEN", birth_date="2000-09-19", nation="NOR", mark="3:31.95",
    ...     value=211.95, wind=None, place=1, round="final", section="",
    ...     venue="Stadio Olimpico, Roma (ITA)", date="2024-06-12", indoor=False)
    >>> row = {"competitor": "Jakob INGEBRIGTSEN", "dob": "2000-09-19", "nationality": "NOR",
    ...        "mark": "3:31.95", "position": "2", "venue": p.venue, "date": p.date,
    ...        "sex": "male", "discipline": "1500-metres"}
    >>> toplist_agreement([p], [row])
    ['1500-metres 2024-06-12: Jakob INGEBRIGTSEN 2. 3:31.95: complete results place 1 (Jakob INGEBRIGTSEN)']
    """
    finals: dict[tuple[str, str, str, str], list[Performance]] = {}
    for p in performances:
        if p.round == "final" and p.section == "":
            finals.setdefault((p.sex, p.discipline, p.venue, p.date), []).append(p)
    codes = {slug: code for code, slug in DISCIPLINES.items()}
    problems = []
    for row in toplist_rows:
        position = row.get("position", "").strip()
        race = finals.get((row["sex"], row["discipline"], row["venue"], row["date"]))
        if race is None or not position.isdigit():
            continue
        seen = f"{row['discipline']} {row['date']}: {row['competitor']} {position}. {row['mark']}"
        found = _match(race, row)
        if found is None:
            problems.append(f"{seen}: not in the complete results")
            continue
        _, value = parse_mark(row["mark"], codes[row["discipline"]])
        if found.place != int(position):
            problems.append(f"{seen}: complete results place {found.place} ({found.name})")
        if found.value is None or value is None or abs(found.value - value) > 1e-6:
            problems.append(f"{seen}: complete results mark {found.mark} ({found.name})")
    return problems


def _match(race: Sequence[Performance], row: Mapping[str, str]) -> Performance | None:
    key = _name_key(row["competitor"])
    born = (row.get("dob", ""), row.get("nationality", ""))
    ways: list[Callable[[Performance], bool]] = [
        lambda p: _name_key(p.name) == key,
        lambda p: bool(p.birth_date) and (p.birth_date, p.nation) == born,
        lambda p: _name_key(p.name)[0] == key[0],
    ]
    for same in ways:
        found = [p for p in race if same(p)]
        if len(found) == 1:
            return found[0]
    return None


# --- reading the two layouts --------------------------------------------------------------------


def _load(path: Path, key: str) -> list[dict[str, Any]]:
    file = display_path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise InputError(file, f"cannot be read: {error.strerror}") from error
    except json.JSONDecodeError as error:
        raise InputError(file, f"not valid JSON: {error.msg}", line=error.lineno,
                         column=error.colno) from error  # fmt: skip
    if not isinstance(data, dict):
        raise InputError(file, "expected a JSON object with an 'events' list")
    return _list(file, data, key, "")


def _list(file: str, data: Mapping[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    items = data.get(key)
    path = f"{where}.{key}" if where else key
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InputError(file, f"{path} must be a list of objects", field=path)
    return items


def _rio_births(path: Path) -> dict[str, str]:
    file = display_path(path)
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InputError(file, f"cannot be read as JSON: {error}") from error
    if not isinstance(entries, list):
        raise InputError(file, "expected a JSON list of entries")
    births = {}
    for i, entry in enumerate(entries):
        day, _, rest = str(entry.get("birthdate") or "").partition(".")
        month, _, year = rest.partition(".")
        if year:
            births[str(entry.get("id"))] = _iso(file, f"[{i}].birthdate", f"{year}-{month}-{day}")
    return births


def _rio_race(file: str, where: str, event: Mapping[str, Any]) -> _Race:
    code = _code(file, f"{where}.eventCode", str(event.get("eventCode")))
    name = str(event.get("roundName") or "")
    if event.get("athlon"):
        round_ = "combined-event"
    elif event.get("round") == "PRELIM":
        round_ = "qualification" if name == "Qualification" else "preliminary"
    elif event.get("round") in _RIO_ROUNDS:
        round_ = _RIO_ROUNDS[event["round"]]
    else:
        raise InputError(file, f"{where}.round: unknown round {event.get('round')!r}",
                         field=f"{where}.round")  # fmt: skip
    section = name.rsplit(" ", 1)[-1] if name[-1:].isdigit() else ""
    return _Race(file, where, _sex(file, where, event.get("gender")), code, round_, section,
                 _iso(file, f"{where}.date", event.get("date")),
                 _wind(file, f"{where}.wind", event.get("wind")), VENUES["rio2016"])  # fmt: skip


def _rio_start(file: str, race: _Race, where: str, entry: Mapping[str, Any],
               births: Mapping[str, str]) -> _Start:  # fmt: skip
    nation = str(entry.get("country") or "")
    if race.code.startswith("4x"):
        name = _team(file, where, nation)
    else:
        name = _person(file, where, entry.get("givenName"), entry.get("familyName"))
    group = str(entry.get("group") or "").split(" ")[0] if race.code in athlib.FIELD_EVENTS else ""
    return _Start(where, name, births.get(str(entry.get("tpAthleteId")), ""), nation,
                  str(entry.get("performance") or ""), _wind(file, f"{where}.wind", entry.get("wind")),
                  _rank(file, f"{where}.rank", entry.get("rank")), group, "performance")  # fmt: skip


def _rome_race(file: str, where: str, event: Mapping[str, Any], several_finals: bool) -> _Race:
    code = _ROME_CODES.get(event.get("eventCode"))  # type: ignore[arg-type]
    if code is None:
        raise InputError(file, f"{where}.eventCode: unknown event {event.get('eventCode')!r} "
                         f"({event.get('eventName')})", field=f"{where}.eventCode")  # fmt: skip
    heat = str(event.get("heatNumber") or "")
    if event.get("combinedEvent"):
        round_, section = "combined-event", heat
    elif event.get("roundName") in _ROME_ROUNDS:
        round_, section = _ROME_ROUNDS[event["roundName"]], heat
    else:
        raise InputError(file, f"{where}.roundName: unknown round {event.get('roundName')!r}",
                         field=f"{where}.roundName")  # fmt: skip
    if round_ == "final" and several_finals:
        # An A and a B race of one final: the toplists write them f1 and f2.
        section = _group_number(heat) if heat else "1"
    return _Race(file, where, _sex(file, where, event.get("gender")), _code(file, where, code),
                 round_, section, _iso(file, f"{where}.date", event.get("date")),
                 _wind(file, f"{where}.wind", event.get("wind")), VENUES["rome2024"])  # fmt: skip


def _rome_start(file: str, race: _Race, where: str, entry: Mapping[str, Any]) -> _Start:
    nation = str(entry.get("nation") or "")
    if race.code.startswith("4x"):
        name, birth = _team(file, where, nation), ""
    else:
        name = _person(file, where, entry.get("firstname"), entry.get("lastname"))
        birth = _iso(file, f"{where}.DOB", entry["DOB"]) if entry.get("DOB") else ""
    return _Start(where, name, birth, nation, str(entry.get("bestPerformance") or ""),
                  _wind(file, f"{where}.wind", entry.get("wind")),
                  _rank(file, f"{where}.rank", entry.get("rank")), "", "bestPerformance")  # fmt: skip


def _performances(
    source: str, races: Sequence[_Race], starts: Sequence[Sequence[_Start]]
) -> Iterator[Performance]:
    line = 0
    for race, entries in zip(races, starts, strict=True):
        grouped = any(start.group for start in entries)
        for start in entries:
            line += 1
            try:
                status, value = parse_mark(start.mark, race.code)
            except ValueError:
                at = f"{start.where}.{start.mark_key}"
                message = f"{at}: {start.name}: {start.mark!r} is not a mark of {DISCIPLINES[race.code]}"
                raise InputError(race.file, message, field=at) from None
            place = _place_in_group(start, entries) if grouped else start.rank
            yield Performance(
                source=source, file=race.file, line=line, sex=race.sex,
                discipline=DISCIPLINES[race.code], name=start.name, birth_date=start.birth_date,
                nation=start.nation, mark=" ".join(start.mark.split()), value=value,
                wind=start.wind if start.wind is not None else race.wind,
                place=place if status == "finished" else None, round=race.round,
                section=_group_number(start.group) if grouped else race.section,
                venue=race.venue, date=race.date, indoor=False, status=status, complete_race=True,
            )  # fmt: skip


def _place_in_group(start: _Start, entries: Sequence[_Start]) -> int | None:
    """The place within a field-event group, from the ranks over all groups (ties kept)."""
    if start.rank is None:
        return None
    ahead = [other for other in entries if other.group == start.group and other.rank is not None]
    return 1 + sum(other.rank < start.rank for other in ahead)  # type: ignore[operator]


def _report(file: str, skipped: Sequence[Skipped]) -> None:
    for item in skipped:
        _log.warning("%s: %s (%s): skipped %d starts: %s",
                     file, item.where, item.what, item.starts, item.reason)  # fmt: skip


# --- single values ------------------------------------------------------------------------------


def _code(file: str, where: str, code: str) -> str:
    try:
        normal = athlib.normalize_event_code(code)
    except Exception as error:  # athlib raises a bare Exception for an unknown code
        raise InputError(file, f"{where}: {error}", field=where) from None
    if normal not in DISCIPLINES:
        raise InputError(file, f"{where}: no World Athletics slug for event {code!r}", field=where)
    return str(normal)


def _sex(file: str, where: str, gender: object) -> str:
    if gender not in _SEXES:
        raise InputError(file, f"{where}.gender: {gender!r} is neither M nor W", field=f"{where}.gender")
    return _SEXES[str(gender)]


def _iso(file: str, where: str, text: object) -> str:
    try:
        return date.fromisoformat(str(text)).isoformat()
    except ValueError:
        raise InputError(file, f"{where}: {text!r} is not a date", field=where) from None


def _wind(file: str, where: str, text: object) -> float | None:
    if text is None or str(text).strip() == "":
        return None
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        raise InputError(file, f"{where}: {text!r} is not a wind in m/s", field=where) from None


def _rank(file: str, where: str, text: object) -> int | None:
    if text is None or str(text).strip() == "":
        return None
    if not str(text).strip().isdigit() or int(str(text)) < 1:
        raise InputError(file, f"{where}: {text!r} is not a place", field=where)
    return int(str(text))


def _person(file: str, where: str, given: object, family: object) -> str:
    family_name = " ".join(str(family or "").split())
    if not family_name:
        raise InputError(file, f"{where}: a start without the athlete's family name", field=where)
    return " ".join([*str(given or "").split(), family_name.upper()])


def _team(file: str, where: str, nation: str) -> str:
    if nation not in RELAY_TEAMS:
        raise InputError(file, f"{where}: no relay team name for nation {nation!r}; add it to "
                         "rivalgraph.imports.complete.RELAY_TEAMS", field=where)  # fmt: skip
    return RELAY_TEAMS[nation]


def _group_number(group: str) -> str:
    """A qualification group (``A``) or race (``B``) as World Athletics numbers it (``1``, ``2``)."""
    if group.isdigit() or not group:
        return group
    return str(ord(group[0].upper()) - ord("A") + 1)


def _name_key(name: str) -> tuple[str, str]:
    words = name.split()
    surname = [w for w in words if w.upper() == w and any(c.isalpha() for c in w)]
    given = [w for w in words if w not in surname]
    return _fold(" ".join(surname)), _fold(" ".join(given))


def _fold(name: str) -> str:
    # fold_name keeps letters that are not an accented Latin letter (ß, æ, ø in WEßEL, SÆTEN).
    return fold_name(name.replace("ß", "ss").replace("ẞ", "SS").replace("Æ", "AE").replace("æ", "ae"))
