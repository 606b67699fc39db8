"""Generate realistic synthetic athletics graphs in rivalgraph's vocabulary.

The graphs look like what ``rivalgraph build`` makes from real sources, at any
size: athletes of graded strength with careers of a few years, seasons of
championships (with ``rg:scope``: global, continental, national) and meetings,
races of 8 to 14 finishers drawn from athletes of similar level (so the same
pairs meet again and again), heats, semi-finals and finals with medals and
titles, and now and then an article in which two rivals talk about each other
(statements and responses, as in the seed article).

Every source is one named graph that describes itself (``rg:SourceGraph``,
``prov:wasDerivedFrom``): one results table per edition, one article per
thread, and one reference graph for the competitions.  The result triples are
exactly those :func:`rivalgraph.results.table_quads` writes for a row of a
results table (a test compares them); heats and semi-finals add a number to the
race slug (``race:...-1500m-heat-2``), which a table of finals never needs.

API: :func:`generate` (a list of quads) and :func:`iter_quads` (a stream).
CLI: ``python -m bench.generate --triples 1e6 --seed 1 --format nq`` writes
``bench/out/synthetic-1e6-seed1.nq`` (TriG with ``--format trig``).

Examples
--------
>>> quads = generate(3_000, seed=1)
>>> 3_000 <= len(quads) < 3_600
True
>>> len({q.graph_name for q in quads}) > 1
True
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.namespaces import (
    ATHLETE,
    COMPETITION,
    EDITION,
    GRAPH,
    MEDAL,
    NATION,
    OUTLET,
    PROV,
    RACE,
    RDF,
    RDFS,
    RESULT,
    RG,
    SCHEMA,
    SOURCE,
    STATEMENT,
    TITLE,
    XSD,
)
from rivalgraph.slugs import slug

__all__ = ["generate", "iter_quads", "write", "main", "FIRST_YEAR", "LAST_YEAR"]

FIRST_YEAR, LAST_YEAR = 1998, 2025
OUT = Path(__file__).resolve().parent / "out"


@dataclass(frozen=True)
class Discipline:
    term: ox.NamedNode
    slug: str
    name: str
    seconds: float  # a world-class time


DISCIPLINES = {
    "1500m": Discipline(RG.Discipline1500m, "1500m", "1500 m", 210.0),
    "mile": Discipline(RG.DisciplineMile, "mile", "mile", 227.0),
    "3000m": Discipline(RG.Discipline3000m, "3000m", "3000 m", 452.0),
    "two-miles": Discipline(RG.DisciplineTwoMiles, "two-miles", "two miles", 487.0),
    "5000m": Discipline(RG.Discipline5000m, "5000m", "5000 m", 770.0),
}
#: An athlete runs the events of his group.
GROUPS = {"middle": ("1500m", "mile", "3000m"), "long": ("5000m", "3000m", "two-miles")}
ROUND_NAMES = {RG.Heat: "heat", RG.SemiFinal: "semi-final", RG.Final: "final"}
MEDALS = {1: ("gold", RG.Gold), 2: ("silver", RG.Silver), 3: ("bronze", RG.Bronze)}

NATIONS = {  # IOC code -> (name, European?, weight in the field)
    "KEN": ("Kenya", False, 9), "ETH": ("Ethiopia", False, 8), "UGA": ("Uganda", False, 3),
    "USA": ("United States", False, 6), "CAN": ("Canada", False, 2), "MAR": ("Morocco", False, 3),
    "ALG": ("Algeria", False, 1), "AUS": ("Australia", False, 3), "NZL": ("New Zealand", False, 1),
    "JPN": ("Japan", False, 2), "BRN": ("Bahrain", False, 1), "QAT": ("Qatar", False, 1),
    "NOR": ("Norway", True, 2), "GBR": ("Great Britain", True, 4), "ESP": ("Spain", True, 3),
    "FRA": ("France", True, 3), "GER": ("Germany", True, 2), "ITA": ("Italy", True, 2),
    "BEL": ("Belgium", True, 2), "NED": ("Netherlands", True, 2), "SWE": ("Sweden", True, 1),
    "POL": ("Poland", True, 1), "IRL": ("Ireland", True, 1), "SUI": ("Switzerland", True, 1),
}  # fmt: skip
NATIONAL = {"NOR": "Norwegian", "GBR": "British", "KEN": "Kenyan", "USA": "US",
            "ETH": "Ethiopian", "ESP": "Spanish", "FRA": "French"}  # fmt: skip

FIRST_NAMES = ["Jakob", "Josh", "Yared", "Timothy", "Abel", "Narve", "Samuel", "Cole", "Mario",
               "Azeddine", "George", "Stewart", "Neil", "Oliver", "Jake", "Ronald", "Hobbs", "Kumari",
               "Selemon", "Berihu", "Grant", "Joshua", "Yomif", "Nicholas", "Luis", "Andreas", "Niels",
               "Elliot", "Isaac", "Thierry", "Hicham", "Bernard", "Daniel", "Kenenisa", "Mohammed",
               "Eliud", "Asbel", "Silas", "Ayanleh", "Matthew", "Filip", "Henrik", "Filip", "Ossian",
               "Lars", "Björn", "Adrián", "Jesús", "Raphaël", "Étienne", "Jonas", "Mikkel", "Tomás",
               "Oisín", "Ciarán", "Søren", "Håkon", "Benoît", "Jérôme", "Mateusz", "Paweł", "Yusuke",
               "Kazuki", "Haruto"]  # fmt: skip
SYLLABLES = ["ki", "ru", "to", "mo", "en", "ge", "ba", "ri", "ke", "la", "ne", "so", "ta", "ma", "ha",
             "de", "wa", "li", "no", "be", "ko", "se", "bo", "vi", "ra", "sa", "mi", "da", "on", "er",
             "an", "ol", "ve", "ty", "us", "ir", "hal", "berg", "str", "ström", "nes", "sen", "dahl",
             "vik", "ang", "ö", "é", "å", "ø"]  # fmt: skip
TEXTS = (
    "I respect {other}, but on the last lap I only think about winning",
    "{other} is the one I watch in every final",
    "Beating {other} again means more to me than the time",
    "I was not surprised by what {other} said; I let my legs answer",
    "If {other} wants to talk, we can talk on the track",
    "I have nothing against {other}; it is simply a race I want to win",
)
OUTLETS = ("Track Weekly", "Running Gazette", "Nordic Sport Radio", "Athletics Insider")


# --------------------------------------------------------------------------- the world


@dataclass
class Athlete:
    iri: ox.NamedNode
    name: str
    nation: str
    group: str
    strength: float
    debut: int
    retire: int

    def form(self, year: int, noise: float) -> float:
        """Strength over a career: rising, a plateau, a decline; plus a season's noise."""
        age = year - self.debut
        curve = min(age, 3) * 0.25 - max(0, age - 7) * 0.2
        return self.strength + curve + noise


@dataclass(frozen=True)
class Competition:
    slug: str
    name: str
    kind: ox.NamedNode
    scope: ox.NamedNode | None
    city: str
    month: int
    tier: float = 0.0  # 0 = the best athletes; 1 = the bottom of the field
    nation: str | None = None
    indoor: bool = False

    def held(self, year: int) -> bool:
        if self.slug == "olympic-games":
            return year % 4 == 0
        if self.slug == "world-championships":
            return year % 2 == 1 or year == 2022
        if self.slug in ("world-indoor-championships", "european-championships"):
            return year % 2 == 0
        return True

    def disciplines(self) -> tuple[str, ...]:
        if self.indoor:
            return ("1500m", "3000m")
        if self.scope is not None:
            return ("1500m", "5000m")
        return ("1500m", "5000m", "mile", "3000m", "two-miles")


CHAMPIONSHIPS = (
    Competition("olympic-games", "Olympic Games", RG.Championship, RG.GlobalScope, "", 8),
    Competition("world-championships", "World Athletics Championships", RG.Championship,
                RG.GlobalScope, "", 8),
    Competition("world-indoor-championships", "World Athletics Indoor Championships",
                RG.Championship, RG.GlobalScope, "", 3, indoor=True),
    Competition("european-championships", "European Athletics Championships", RG.Championship,
                RG.ContinentalScope, "", 6),
) + tuple(
    Competition(f"{adjective.lower()}-championships", f"{adjective} Athletics Championships",
                RG.Championship, RG.NationalScope, NATIONS[code][0], 6, nation=code)
    for code, adjective in NATIONAL.items()
)  # fmt: skip
CITIES = ("Eugene", "Oslo", "Monaco", "Doha", "Rabat", "Rome", "Stockholm", "Paris", "London",
          "Zurich", "Brussels", "Shanghai", "Xiamen", "Lausanne", "Chorzow", "Florence", "Ostrava",
          "Turku", "Hengelo", "Nice", "Heusden", "Nijmegen", "Berlin", "Madrid", "Lucerne",
          "Karlstad", "Dublin", "Boston", "Melbourne", "Nairobi", "Kingston", "Tokyo")  # fmt: skip
HOSTS = ("Paris", "Tokyo", "Budapest", "Eugene", "London", "Doha", "Berlin", "Beijing",
         "Helsinki", "Munich", "Rome", "Nanjing", "Glasgow", "Belgrade", "Birmingham")  # fmt: skip


def _meetings(count: int) -> tuple[Competition, ...]:
    meetings = []
    for index in range(count):
        city = CITIES[index % len(CITIES)]
        round_ = index // len(CITIES)
        name = f"{city} Meeting" if round_ == 0 else f"{city} Meeting {round_ + 1}"
        diamond = index < 14
        meetings.append(Competition(
            slug(name), name, RG.DiamondLeagueMeeting if diamond else RG.Meeting, None, city,
            5 + index % 5, tier=0.0 if diamond else min(1.0, index / max(count, 1)),
        ))  # fmt: skip
    return tuple(meetings)


def _names(rng: random.Random, count: int) -> list[str]:
    names: dict[str, str] = {}
    while len(names) < count:
        parts = rng.randint(2, 3)
        surname = "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()
        name = f"{rng.choice(FIRST_NAMES)} {surname}"
        names.setdefault(slug(name), name)
    return list(names.values())


def _athletes(rng: random.Random, count: int) -> list[Athlete]:
    codes = list(NATIONS)
    weights = [NATIONS[code][2] for code in codes]
    athletes = []
    for name in _names(rng, count):
        debut = rng.randint(FIRST_YEAR - 8, LAST_YEAR - 1)
        athletes.append(Athlete(
            ATHLETE[slug(name)], name, rng.choices(codes, weights)[0],
            rng.choice(("middle", "long")), rng.gauss(0.0, 1.0), debut,
            debut + rng.randint(4, 14),
        ))  # fmt: skip
    return athletes


# --------------------------------------------------------------------------- writing quads


def _lit(value: str) -> ox.Literal:
    return ox.Literal(value)


def _typed(value: object, datatype: ox.NamedNode) -> ox.Literal:
    return ox.Literal(str(value), datatype=datatype)


def _time_text(seconds: float) -> str:
    minutes, rest = divmod(round(seconds * 100), 6000)
    return f"{minutes}:{rest // 100:02d}.{rest % 100:02d}"


def _url_key(url: str) -> str:
    """As :mod:`rivalgraph.results` names a corroborating page."""
    host = re.sub(r"^https?://(www\.)?", "", url).split("/", 1)[0]
    return f"{slug(host)}-{hashlib.sha1(url.encode()).hexdigest()[:10]}"


@dataclass
class _Graph:
    """The quads of one named graph, each node described once."""

    iri: ox.NamedNode
    quads: list[ox.Quad] = field(default_factory=list)
    described: set[str] = field(default_factory=set)

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode, obj: object) -> None:
        assert isinstance(obj, (ox.NamedNode, ox.Literal))
        self.quads.append(ox.Quad(subject, predicate, obj, self.iri))

    def first(self, key: str) -> bool:
        if key in self.described:
            return False
        self.described.add(key)
        return True


def _describe_graph(out: _Graph, source: ox.NamedNode, label: str) -> None:
    out.add(out.iri, RDF.type, RG.SourceGraph)
    out.add(out.iri, RDFS.label, _lit(label))
    out.add(out.iri, PROV.wasDerivedFrom, source)


def _describe_outlet(out: _Graph, name: str) -> ox.NamedNode:
    outlet = OUTLET[slug(name)]
    if out.first(outlet.value):
        out.add(outlet, RDF.type, RG.Outlet)
        out.add(outlet, RDFS.label, _lit(name))
        out.add(outlet, SCHEMA.url, _typed(f"https://{slug(name)}.example.org", XSD.anyURI))
    return outlet


def _describe_athlete(out: _Graph, athlete: Athlete) -> None:
    if not out.first(athlete.iri.value):
        return
    nation = NATION[athlete.nation]
    out.add(athlete.iri, RDF.type, RG.Athlete)
    out.add(athlete.iri, RG.sex, RG.Male)  # men's middle distance, as the curated finals
    out.add(athlete.iri, RDFS.label, _lit(athlete.name))
    out.add(athlete.iri, RG.nation, nation)
    if out.first(nation.value):
        out.add(nation, RDF.type, RG.Nation)
        out.add(nation, RDFS.label, _lit(athlete.nation))
        out.add(nation, RG.iocCode, _lit(athlete.nation))


def _reference() -> _Graph:
    out = _Graph(GRAPH["reference-synthetic"])
    source = SOURCE["synthetic-reference"]
    _describe_graph(out, source, "Reference data: the competitions of the synthetic graph")
    out.add(source, RDF.type, RG.Source)
    out.add(source, RDFS.label, _lit("rivalgraph's synthetic benchmark generator"))
    out.add(source, SCHEMA.url, _typed("https://example.org/rivalgraph/synthetic", XSD.anyURI))
    return out


def _describe_competition(out: _Graph, competition: Competition) -> None:
    iri = COMPETITION[competition.slug]
    out.add(iri, RDF.type, competition.kind)
    out.add(iri, RDFS.label, _lit(competition.name))
    if competition.scope is not None:
        out.add(iri, RG.scope, competition.scope)


# --------------------------------------------------------------------------- a season


@dataclass
class _Race:
    edition: ox.NamedNode
    edition_slug: str
    edition_label: str
    discipline: Discipline
    round: ox.NamedNode
    number: int | None
    date: str
    indoor: bool
    championship: bool

    @property
    def slug(self) -> str:
        base = f"{self.edition_slug}-{self.discipline.slug}-{ROUND_NAMES[self.round]}"
        return base if self.number is None else f"{base}-{self.number}"

    @property
    def round_label(self) -> str:
        name = ROUND_NAMES[self.round]
        return name if self.number is None else f"{name} {self.number}"


class _Season:
    """Writes the editions, races and results of the seasons, one named graph per source."""

    def __init__(self, rng: random.Random, athletes: list[Athlete], meetings: int) -> None:
        self.rng = rng
        self.athletes = athletes
        self.meetings = _meetings(meetings)
        self.noise: dict[tuple[str, int], float] = {}
        self.rankings: dict[tuple[int, str, str | None, bool], list[Athlete]] = {}
        self.finals: list[tuple[str, list[Athlete]]] = []

    def competitions(self) -> tuple[Competition, ...]:
        return CHAMPIONSHIPS + self.meetings

    def ranked(self, year: int, discipline: str, nation: str | None = None,
               europe: bool = False) -> list[Athlete]:  # fmt: skip
        """Active athletes of the discipline, best form first (one ranking per season)."""
        key = (year, discipline, nation, europe)
        if key in self.rankings:
            return self.rankings[key]
        field_ = [
            a for a in self.athletes
            if a.debut <= year <= a.retire and discipline in GROUPS[a.group]
            and (nation is None or a.nation == nation) and (not europe or NATIONS[a.nation][1])
        ]  # fmt: skip
        ranking = sorted(field_, key=lambda a: -a.form(year, self._noise(a, year)))
        self.rankings[key] = ranking
        return ranking

    def _noise(self, athlete: Athlete, year: int) -> float:
        key = (athlete.name, year)
        if key not in self.noise:
            self.noise[key] = self.rng.gauss(0.0, 0.3)
        return self.noise[key]

    # -- editions

    def edition(self, competition: Competition, year: int) -> Iterator[ox.Quad]:
        edition_slug = f"{competition.slug}-{year}"
        city = competition.city or self.rng.choice(HOSTS)
        label = f"{competition.name} {year}"
        out = _Graph(GRAPH[f"synthetic-{edition_slug}-results"])
        source = SOURCE[f"{edition_slug}-results"]
        publisher = "World Athletics" if competition.nation is None else (
            f"{NATIONS[competition.nation][0]} Athletics")  # fmt: skip
        out.add(out.iri, RDF.type, RG.SourceGraph)
        out.add(out.iri, RDFS.label, _lit(f"Results from {publisher}: Results of {label}"))
        out.add(out.iri, PROV.wasDerivedFrom, source)
        out.add(source, RDF.type, RG.ResultsTable)
        out.add(source, RDFS.label, _lit(f"Results of {label}"))
        out.add(source, SCHEMA.url, _typed(f"https://results.example.org/{edition_slug}", XSD.anyURI))
        out.add(source, RG.localCopy, _lit(f"synthetic/{edition_slug}.csv"))
        day = self.rng.randint(1, 24)
        out.add(source, SCHEMA.datePublished,
                _typed(f"{year}-{competition.month:02d}-{day + 4:02d}", XSD.date))  # fmt: skip
        outlet = OUTLET[slug(publisher)]
        out.add(source, RG.publisher, outlet)
        out.add(outlet, RDF.type, RG.Outlet)
        out.add(outlet, RDFS.label, _lit(publisher))
        edition = EDITION[edition_slug]
        out.add(edition, RDF.type, RG.Edition)
        out.add(edition, RDFS.label, _lit(label))
        out.add(edition, RG.editionOf, COMPETITION[competition.slug])
        out.add(edition, RG.year, _typed(year, XSD.gYear))
        out.add(edition, RG.city, _lit(city))
        out.add(edition, RG.indoor, _typed(str(competition.indoor).lower(), XSD.boolean))
        championship = competition.scope is not None
        for discipline in competition.disciplines():

            def race(round_: ox.NamedNode, number: int | None, offset: int,
                     discipline: str = discipline) -> _Race:  # fmt: skip
                return _Race(edition, edition_slug, label, DISCIPLINES[discipline], round_,
                             number, f"{year}-{competition.month:02d}-{day + offset:02d}",
                             competition.indoor, championship)  # fmt: skip

            if championship:
                self._championship(out, competition, year, discipline, race)
            else:
                self._meeting_race(out, competition, year, discipline, race(RG.Final, None, 0))
        yield from out.quads

    def _championship(self, out: _Graph, competition: Competition, year: int, discipline: str,
                      race) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
        europe = competition.scope == RG.ContinentalScope
        ranked = self.ranked(year, discipline, competition.nation, europe)
        if len(ranked) < 8:
            return
        global_ = competition.scope == RG.GlobalScope
        entrants = ranked[: 36 if global_ else 24]
        rounds: list[tuple[ox.NamedNode, int, int]] = []  # round, races, qualifiers per race
        if len(entrants) >= 30 and discipline == "1500m" and not competition.indoor:
            rounds = [(RG.Heat, 3, 8), (RG.SemiFinal, 2, 6)]
        elif len(entrants) >= 20:
            rounds = [(RG.Heat, 2, 6)]
        field_ = entrants
        for offset, (round_, races, qualify) in enumerate(rounds):
            self.rng.shuffle(field_)
            heats = [field_[i::races] for i in range(races)]
            field_ = []
            for number, runners in enumerate(heats, start=1):
                order = self._run(out, race(round_, number, offset * 2), runners)
                field_ += order[:qualify]
        order = self._run(out, race(RG.Final, None, len(rounds) * 2), field_[:14])
        if competition.scope == RG.GlobalScope:
            self.finals.append((f"{year}-{competition.month:02d}", order[:3]))

    def _meeting_race(self, out: _Graph, competition: Competition, year: int, discipline: str,
                      race: _Race) -> None:  # fmt: skip
        ranked = self.ranked(year, discipline)
        if len(ranked) < 8:
            return
        size = self.rng.randint(8, 14)
        # Similar-level athletes: a window of the ranking around the meeting's tier.
        centre = int(competition.tier * max(0, len(ranked) - size)) + self.rng.randint(0, 6)
        window = ranked[max(0, centre - 4) : centre + size + 6]
        self._run(out, race, self.rng.sample(window, min(size, len(window))))

    def _run(self, out: _Graph, race: _Race, runners: list[Athlete]) -> list[Athlete]:
        """Write one race and its results; return the finishers in order."""
        year = int(race.date[:4])
        performance = {
            a.name: a.form(year, self._noise(a, year)) + self.rng.gauss(0.0, 0.35) for a in runners
        }
        order = sorted(runners, key=lambda a: -performance[a.name])
        tactical = 1.015 if race.championship and race.round == RG.Final else 1.0
        indoor = 1.012 if race.indoor else 1.0
        self._race_quads(out, race)
        for place, athlete in enumerate(order, start=1):
            level = min(max(performance[athlete.name], -3.0), 3.5)
            seconds = race.discipline.seconds * tactical * indoor * (1 + 0.012 * (3.5 - level))
            seconds += place * 0.01  # keeps times in finishing order after rounding
            self._result_quads(out, race, athlete, place, seconds)
        return order

    def _race_quads(self, out: _Graph, race: _Race) -> None:
        iri = RACE[race.slug]
        out.add(iri, RDF.type, RG.Race)
        out.add(iri, RDFS.label, _lit(f"{race.discipline.name} {race.round_label}, "
                                      f"{race.edition_label}"))  # fmt: skip
        out.add(iri, RG.edition, race.edition)
        out.add(iri, RG.discipline, race.discipline.term)
        out.add(iri, RG.round, race.round)
        out.add(iri, SCHEMA.startDate, _typed(race.date, XSD.date))
        out.add(iri, RG.indoor, _typed(str(race.indoor).lower(), XSD.boolean))
        out.add(iri, RG.sex, RG.Male)

    def _result_quads(self, out: _Graph, race: _Race, athlete: Athlete, place: int,
                      seconds: float) -> None:  # fmt: skip
        race_iri = RACE[race.slug]
        nation = NATION[athlete.nation]
        _describe_athlete(out, athlete)
        out.add(athlete.iri, RG.competedIn, race_iri)
        result = RESULT[f"{race.slug}-{athlete.iri.value.rsplit('/', 1)[1]}"]
        out.add(result, RDF.type, RG.Result)
        out.add(result, RDFS.label, _lit(f"{athlete.name}, {place}. in {race.discipline.name} "
                                         f"{race.round_label}, {race.edition_label}"))  # fmt: skip
        out.add(result, RG.athlete, athlete.iri)
        out.add(result, RG.race, race_iri)
        out.add(result, RG.place, _typed(place, XSD.positiveInteger))
        out.add(result, RG.status, RG.Finished)
        out.add(result, RG.nation, nation)
        written = _time_text(seconds)
        out.add(result, RG.timeSeconds, _typed(f"{round(seconds * 100) / 100:.2f}", XSD.decimal))
        out.add(result, RG.timeAsWritten, _lit(written))
        if self.rng.random() < 0.5:
            first, _, last = athlete.name.partition(" ")
            out.add(result, RG.nameAsShown, _lit(f"{first} {last.upper()}"))
        final = race.round == RG.Final and race.championship
        if final and place <= 3 and self.rng.random() < 0.3:
            url = f"https://news.example.org/{race.slug}"
            page = SOURCE["page-" + _url_key(url)]
            out.add(result, RG.corroboratedBy, page)
            out.add(page, RDF.type, RG.Source)
            out.add(page, RDFS.label, _lit(f"Result list at {url}"))
            out.add(page, SCHEMA.url, _typed(url, XSD.anyURI))
        if final and place in MEDALS:
            self._medal_quads(out, race, athlete, place, result)

    def _medal_quads(self, out: _Graph, race: _Race, athlete: Athlete, place: int,
                     result: ox.NamedNode) -> None:  # fmt: skip
        colour, medal_type = MEDALS[place]
        race_iri = RACE[race.slug]
        medal = MEDAL[f"{race.slug}-{colour}"]
        name = race.discipline.name
        out.add(medal, RDF.type, RG.Medal)
        out.add(medal, RDFS.label, _lit(f"{colour.capitalize()}, {name}, {race.edition_label}"))
        out.add(medal, RG.medalType, medal_type)
        out.add(medal, RG.athlete, athlete.iri)
        out.add(medal, RG.race, race_iri)
        out.add(medal, RG.awardedFor, result)
        if place == 1:
            title = TITLE[f"{race.edition_slug}-{race.discipline.slug}"]
            out.add(title, RDF.type, RG.Title)
            out.add(title, RDFS.label, _lit(f"{race.edition_label} {name} champion"))
            out.add(title, RG.athlete, athlete.iri)
            out.add(title, RG.edition, race.edition)
            out.add(title, RG.discipline, race.discipline.term)
            out.add(title, RG.race, race_iri)
            out.add(title, RG.awardedFor, result)


# --------------------------------------------------------------------------- articles


def _article(rng: random.Random, month: str, pair: list[Athlete], number: int) -> list[ox.Quad]:
    """An article in which two rivals talk about each other: a statement and its responses."""
    speaker, other = pair[0], pair[1]
    day = f"{month}-{rng.randint(20, 28):02d}"
    key = f"article-{day}-{slug(speaker.name)}-{slug(other.name)}-{number}"
    out = _Graph(GRAPH[key])
    source = SOURCE[key]
    _describe_graph(out, source, f"Statements from the article of {day} on "
                                 f"{speaker.name} and {other.name}")  # fmt: skip
    outlet = _describe_outlet(out, rng.choice(OUTLETS))
    out.add(source, RDF.type, RG.Article)
    out.add(source, RDFS.label, _lit(f"{speaker.name} and {other.name} after the final"))
    out.add(source, SCHEMA.datePublished, _typed(day, XSD.date))
    out.add(source, SCHEMA.url, _typed(f"https://news.example.org/{key}", XSD.anyURI))
    out.add(source, RG.localCopy, _lit(f"synthetic/articles/{key}.txt"))
    out.add(source, RG.publisher, outlet)
    for athlete in pair:
        _describe_athlete(out, athlete)
    offset, previous = rng.randint(40, 400), None
    for turn in range(rng.randint(1, 3)):
        who, about = (speaker, other) if turn % 2 == 0 else (other, speaker)
        text = rng.choice(TEXTS).format(other=about.name)
        statement = STATEMENT[f"{key}-{turn + 1}"]
        out.add(statement, RDF.type, RG.Statement if previous is None else RG.Response)
        out.add(statement, RDFS.label, _lit(f"{who.name} on {about.name}"))
        out.add(statement, RG.speaker, who.iri)
        out.add(statement, RG.text, _lit(text))
        out.add(statement, RG.speechMode, RG.DirectSpeech)
        out.add(statement, RG.givenTo, outlet)
        out.add(statement, RG.mediumNote, _lit(f"told {outlet.value.rsplit('/', 1)[1]}"))
        out.add(statement, RG.statedOn, _typed(f"{month}-{rng.randint(10, 19):02d}", XSD.date))
        out.add(statement, RG.reportedIn, source)
        out.add(statement, RG.reportedOn, _typed(day, XSD.date))
        out.add(statement, RG.about, about.iri)
        out.add(statement, RG.offsetStart, _typed(offset, XSD.nonNegativeInteger))
        out.add(statement, RG.offsetEnd, _typed(offset + len(text), XSD.nonNegativeInteger))
        if previous is not None:
            out.add(statement, RG.respondsTo, previous)
        previous, offset = statement, offset + len(text) + rng.randint(30, 300)
    return out.quads


# --------------------------------------------------------------------------- the whole graph

#: Triples per athlete over a career, measured on this generator (used to size the field).
TRIPLES_PER_ATHLETE = 1_500


def iter_quads(n_triples: int, seed: int) -> Iterator[ox.Quad]:
    """Stream about ``n_triples`` quads (stops after the race that reaches it).

    The field is sized so that the seasons 1998-2025 hold about ``n_triples``;
    the same ``seed`` gives the same graph.
    """
    rng = random.Random(seed)
    athletes = _athletes(rng, max(80, math.ceil(n_triples / TRIPLES_PER_ATHLETE)))
    season = _Season(rng, athletes, meetings=max(3, len(athletes) // 14))
    reference = _reference()
    for competition in season.competitions():
        _describe_competition(reference, competition)
    count = len(reference.quads)
    yield from reference.quads
    articles = 0
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for competition in sorted(season.competitions(), key=lambda c: (c.month, c.slug)):
            if not competition.held(year):
                continue
            for quad in season.edition(competition, year):
                yield quad
                count += 1
            while season.finals:
                month, podium = season.finals.pop()
                if len(podium) >= 2 and rng.random() < 0.6:
                    articles += 1
                    quads = _article(rng, month, podium[:2], articles)
                    count += len(quads)
                    yield from quads
            if count >= n_triples:
                return


def generate(n_triples: int, seed: int) -> list[ox.Quad]:
    """Return a synthetic graph of about ``n_triples`` quads, valid under ontology/shapes.ttl.

    Parameters
    ----------
    n_triples : int
        The size wanted; the graph stops at the end of the edition that reaches it.
    seed : int
        The same seed gives the same graph.
    """
    return list(iter_quads(n_triples, seed))


FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def write(n_triples: int, seed: int, rdf_format: str = "nq", folder: Path = OUT) -> Path:
    """Write a generated graph to ``folder`` (streamed, so 10^7 quads need little memory)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"synthetic-{_size_name(n_triples)}-seed{seed}.{rdf_format}"
    partial = path.with_suffix(path.suffix + ".part")
    ox.serialize(iter_quads(n_triples, seed), partial, FORMATS[rdf_format],
                 prefixes=None if rdf_format == "nq" else _prefixes())  # fmt: skip
    partial.replace(path)
    return path


def _prefixes() -> dict[str, str]:
    from rivalgraph.namespaces import PREFIXES

    return dict(PREFIXES)


def _size_name(n: int) -> str:
    exponent = round(math.log10(n)) if n > 0 else 0
    return f"1e{exponent}" if 10**exponent == n else str(n)


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.generate --triples 1e6 --seed 1 --format nq [--out DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=float, default=1e5, help="size, e.g. 1e6")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=sorted(FORMATS), default="nq")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    path = write(int(args.triples), args.seed, args.format, args.out)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
