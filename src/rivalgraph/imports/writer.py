"""Write rebuilt races as N-Triples, one named graph per source file, without building quad objects.

Each file of an import source is a source of its own (``source:<key>-<file>``)
and fills one named graph (``graph:<key>-<file>``) that describes itself:
what the file is, where it comes from (the repository, commit and path, the
web address of the file at that commit), its publisher and licence.  Into that
graph goes every fact the file states: its results, the races they belong to,
the athletes (name, date of birth, sex category, nations), venues and relay
teams; medals and titles where a championship final lists places 1-3.

The text is written straight from the records (a few million lines for all of
athletics), so a build holds text, not Python quads.

Examples
--------
>>> literal('He said "blindfolded"')
'"He said \\\\"blindfolded\\\\""'
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rivalgraph.athletics.identity import Person, athlete_slug
from rivalgraph.imports.manifest import ImportSource
from rivalgraph.imports.races import Entry, Race, Rebuilt, Team
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
    TEAM,
    TITLE,
    VENUE,
    XSD,
)  # fmt: skip
from rivalgraph.slugs import slug

__all__ = ["GraphText", "write_graphs", "write_calendar", "literal", "graph_key", "SAMPLE_EVERY"]

#: SHACL validates every race whose IRI hashes to 0 modulo this number (and everything else but races).
SAMPLE_EVERY = 64
_ROUND = {"final": RG.Final, "semi-final": RG.SemiFinal, "quarter-final": RG.QuarterFinal,
          "heat": RG.Heat, "repechage": RG.Repechage, "qualification": RG.Qualification,
          "preliminary": RG.PreliminaryRound, "combined-event": RG.CombinedEventRound,
          "other": RG.OtherRound}  # fmt: skip
_STATUS = {"finished": RG.Finished, "did-not-finish": RG.DidNotFinish,
           "did-not-start": RG.DidNotStart, "disqualified": RG.Disqualified}  # fmt: skip
_SEX = {"female": RG.Female, "male": RG.Male}
_SEX_WORD = {"female": "women", "male": "men"}
_MEDALS = {1: ("gold", RG.Gold), 2: ("silver", RG.Silver), 3: ("bronze", RG.Bronze)}


def _iri(node: object) -> str:
    return f"<{node.value}>"  # type: ignore[attr-defined]


def _in(namespace: str, local: str) -> str:
    """``<namespace + local>`` without making a term object (millions of them in a build)."""
    return f"<{namespace}{local}>"


A, LABEL = _iri(RDF.type), _iri(RDFS.label)
_P = {name: _iri(getattr(RG, name)) for name in (
    "athlete", "team", "race", "place", "status", "nation", "markAsWritten", "windSpeed",
    "handTimed", "discipline", "sex", "round", "section", "indoor", "venue", "edition", "country",
    "worldAthleticsName", "iocCode", "publisher", "localCopy", "medalType", "awardedFor",
    "timeSeconds", "markMetres", "points")}  # fmt: skip
_T = {name: _iri(getattr(RG, name)) for name in (
    "Result", "Race", "PartialRace", "Athlete", "RelayTeam", "Venue", "Nation", "Medal", "Title",
    "SourceGraph", "ResultsTable", "Outlet")}  # fmt: skip
_START, _BIRTH, _URL, _LICENSE = (_iri(SCHEMA.startDate), _iri(SCHEMA.birthDate), _iri(SCHEMA.url),
                                  _iri(SCHEMA.license))  # fmt: skip
_DERIVED, _PUBLISHED = _iri(PROV.wasDerivedFrom), _iri(SCHEMA.datePublished)
_DECIMAL, _INTEGER, _POSITIVE, _BOOLEAN, _DATE, _ANYURI = (
    f"^^<{XSD[name].value}>" for name in ("decimal", "integer", "positiveInteger", "boolean", "date",
                                           "anyURI"))  # fmt: skip
_TRUE, _FALSE = f'"true"{_BOOLEAN}', f'"false"{_BOOLEAN}'


def literal(text: str) -> str:
    """An N-Triples string literal."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))  # fmt: skip
    return f'"{escaped}"'


def graph_key(source_key: str, relative: str) -> str:
    """``toplist-kmuchiri`` + ``female/1500-metres.csv`` -> ``toplist-kmuchiri-female-1500-metres``."""
    return f"{source_key}-{slug(relative.removesuffix('.csv').removesuffix('.json'))}"


@dataclass
class GraphText:
    """One named graph's N-Triples, and its share of the sample SHACL validates."""

    iri: str
    lines: list[str] = field(default_factory=list)
    sample: list[str] = field(default_factory=list)
    athletes: set[str] = field(default_factory=set)

    def text(self) -> bytes:
        return ("\n".join(self.lines) + "\n").encode()


class _Graphs:
    def __init__(self) -> None:
        self.graphs: dict[tuple[str, str], GraphText] = {}
        self.persons: dict[tuple[str, str], dict[int, tuple[Person, set[str], set[str]]]] = defaultdict(dict)
        self.teams: dict[tuple[str, str], dict[str, Team]] = defaultdict(dict)
        self.venues: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.nations: dict[tuple[str, str], set[str]] = defaultdict(set)
        #: What the sampled races of each graph refer to: the part of the reference SHACL sees.
        self.sampled: dict[tuple[str, str], set[object]] = defaultdict(set)

    def get(self, where: tuple[str, str]) -> GraphText:
        found = self.graphs.get(where)
        if found is None:
            found = self.graphs[where] = GraphText(_in(GRAPH, graph_key(*where)))
        return found


def _sampled(race_slug: str) -> bool:
    return hashlib.blake2b(race_slug.encode(), digest_size=4).digest()[0] % SAMPLE_EVERY == 0


def _competitor(entry: Entry) -> tuple[str, str]:
    competitor = entry.competitor
    if isinstance(competitor, Team):
        return _P["team"], _in(TEAM, competitor.slug)
    return _P["athlete"], _in(ATHLETE, competitor.slug)


def _race_lines(race: Race, venue_iri: str) -> list[str]:
    iri = _in(RACE, race.slug)
    edition = race.edition
    where = edition.label if edition is not None else race.venue  # type: ignore[attr-defined]
    section = f" {race.section}" if race.section else ""
    label = (f"{race.discipline.label}, {_SEX_WORD[race.sex]}, {race.round}{section}, {where}, "
             f"{race.date}")  # fmt: skip
    lines = [
        f"{iri} {A} {_T['Race']} .",
        f"{iri} {LABEL} {literal(label)} .",
        f"{iri} {_P['discipline']} {_iri(race.discipline.iri)} .",
        f"{iri} {_P['sex']} {_iri(_SEX[race.sex])} .",
        f"{iri} {_P['round']} {_iri(_ROUND[race.round])} .",
        f"{iri} {_START} {literal(race.date)}{_DATE} .",
        f"{iri} {_P['indoor']} {_TRUE if race.indoor else _FALSE} .",
        f"{iri} {_P['venue']} {venue_iri} .",
    ]
    if not race.complete:
        lines.append(f"{iri} {A} {_T['PartialRace']} .")
    if race.section:
        lines.append(f"{iri} {_P['section']} {literal(race.section)} .")
    if edition is not None:
        lines.append(f"{iri} {_P['edition']} {_in(EDITION, edition.slug)} .")  # type: ignore[attr-defined]
    return lines


def _mark(value: float, measure_property: str, points: bool) -> str:
    if points:
        return f'{measure_property} "{int(value)}"{_INTEGER}'
    return f'{measure_property} "{value!r}"{_DECIMAL}'


def _result_lines(race: Race, entry: Entry, who: tuple[str, str]) -> tuple[str, list[str]]:
    performance = entry.performance
    competitor = entry.competitor
    own = competitor.slug if isinstance(competitor, Person) else f"team-{competitor.slug}"
    iri = _in(RESULT, f"{race.slug}-{own}")
    lines = [
        f"{iri} {A} {_T['Result']} .",
        f"{iri} {who[0]} {who[1]} .",
        f"{iri} {_P['race']} {_in(RACE, race.slug)} .",
        f"{iri} {_P['status']} {_iri(_STATUS[performance.status])} .",
        f"{iri} {_P['nation']} {_in(NATION, performance.nation)} .",
    ]
    if performance.place is not None:
        lines.append(f'{iri} {_P["place"]} "{performance.place}"{_POSITIVE} .')
    if performance.value is not None:
        measure = race.discipline.measure
        lines.append(
            f"{iri} {_mark(performance.value, _iri(race.discipline.mark_property), measure == 'Points')} ."
        )
        lines.append(f"{iri} {_P['markAsWritten']} {literal(performance.mark)} .")
    if performance.wind is not None:
        lines.append(f'{iri} {_P["windSpeed"]} "{performance.wind!r}"{_DECIMAL} .')
    if performance.hand_timed:
        lines.append(f"{iri} {_P['handTimed']} {_TRUE} .")
    return iri, lines


def _medal_lines(race: Race, entry: Entry, result: str, who: tuple[str, str], tie: bool) -> list[str]:
    performance = entry.performance
    colour, medal_type = _MEDALS[performance.place]  # type: ignore[index]
    competitor = who[1]
    suffix = f"-{entry.competitor.slug}" if tie else ""
    medal = _in(MEDAL, f"{race.slug}-{colour}{suffix}")
    edition = race.edition
    label = f"{colour.capitalize()}, {race.discipline.label} ({_SEX_WORD[race.sex]}), {edition.label}"  # type: ignore[attr-defined]
    lines = [
        f"{medal} {A} {_T['Medal']} .",
        f"{medal} {LABEL} {literal(label)} .",
        f"{medal} {_P['medalType']} {_iri(medal_type)} .",
        f"{medal} {who[0]} {competitor} .",
        f"{medal} {_P['race']} {_in(RACE, race.slug)} .",
        f"{medal} {_P['awardedFor']} {result} .",
    ]
    if performance.place == 1 and who[0] == _P["athlete"]:
        women = "-women" if race.sex == "female" else ""
        title = _in(TITLE, f"{edition.slug}-{race.discipline.key}{women}{suffix}")  # type: ignore[attr-defined]
        champion = f"{edition.label} {race.discipline.label} champion ({_SEX_WORD[race.sex]})"  # type: ignore[attr-defined]
        lines += [
            f"{title} {A} {_T['Title']} .",
            f"{title} {LABEL} {literal(champion)} .",
            f"{title} {_P['athlete']} {competitor} .",
            f"{title} {_P['edition']} {_in(EDITION, edition.slug)} .",  # type: ignore[attr-defined]
            f"{title} {_P['discipline']} {_iri(race.discipline.iri)} .",
            f"{title} {_P['sex']} {_iri(_SEX[race.sex])} .",
            f"{title} {_P['race']} {_in(RACE, race.slug)} .",
            f"{title} {_P['awardedFor']} {result} .",
        ]
    return lines


def write_graphs(rebuilt: Rebuilt, sources: Iterable[ImportSource]) -> list[GraphText]:
    """The N-Triples of every named graph the rebuilt races fill, described with their sources."""
    by_key = {source.key: source for source in sources}
    out = _Graphs()
    # Medals and titles only where an edition has one final of the discipline and sex: at a
    # meeting that is also a Diamond League final, a list's other races look like finals too.
    finals: dict[tuple[str, str, str], int] = defaultdict(int)
    for race in rebuilt.races:
        if race.edition is not None and race.round == "final":
            finals[(race.edition.slug, race.discipline.slug, race.sex)] += 1  # type: ignore[attr-defined]
    for race in rebuilt.races:
        venue_iri = _in(VENUE, _venue_slug(race.venue))
        sampled = _sampled(race.slug)
        race_text = _race_lines(race, venue_iri)
        final = (
            race.edition is not None
            and race.round == "final"
            and finals[
                (race.edition.slug, race.discipline.slug, race.sex)  # type: ignore[attr-defined]
            ]
            == 1
        )
        places = [entry.performance.place for entry in race.entries]
        written: set[tuple[str, str]] = set()
        for entry in race.entries:
            who = _competitor(entry)
            result, lines = _result_lines(race, entry, who)
            place = entry.performance.place
            # No relay medals: a medal belongs to athletes, and the lists do not name the runners.
            if final and place is not None and place <= 3 and who[0] == _P["athlete"]:
                lines += _medal_lines(race, entry, result, who, places.count(place) > 1)
            for where in dict.fromkeys(entry.listed_in):
                graph = out.get(where)
                if where not in written:
                    written.add(where)
                    graph.lines += race_text
                    if sampled:
                        graph.sample += race_text
                    out.venues[where].add(race.venue)
                    country = _country(race.venue)
                    if country:
                        out.nations[where].add(country)
                graph.lines += lines
                competitor = entry.competitor
                nation = entry.performance.nation
                if sampled:
                    graph.sample += lines
                    out.sampled[where] |= {id(competitor), race.venue, nation, _country(race.venue)}
                out.nations[where].add(nation)
                if isinstance(competitor, Team):
                    out.teams[where][competitor.slug] = competitor
                else:
                    known = out.persons[where].get(id(competitor))
                    if known is None:
                        known = out.persons[where][id(competitor)] = (competitor, set(), set())
                    known[1].add(nation)
                    known[2].add(entry.performance.name)
    for where, graph in out.graphs.items():
        source = by_key[where[0]]
        chosen = out.sampled[where]
        description = _describe(graph, source, where[1])
        people = list(out.persons[where].items())
        teams = list(out.teams[where].values())
        graph.lines += description + _people([p for _, p in people], graph) + _teams(teams)
        graph.lines += _venues(out.venues[where]) + _nations(out.nations[where])
        graph.sample += description + _people([p for key, p in people if key in chosen], None)
        graph.sample += _teams([team for team in teams if id(team) in chosen])
        graph.sample += _venues({venue for venue in out.venues[where] if venue in chosen})
        graph.sample += _nations(out.nations[where])
    return list(out.graphs.values())


def _venue_slug(venue: str) -> str:
    return athlete_slug(venue)


def _describe(graph: GraphText, source: ImportSource, relative: str) -> list[str]:
    key = graph_key(source.key, relative)
    iri, origin = graph.iri, _in(SOURCE, key)
    outlet = _in(OUTLET, slug(source.publisher))
    lines = [
        f"{iri} {A} {_T['SourceGraph']} .",
        f"{iri} {LABEL} {literal(f'Results from {source.publisher}: {source.label}, {relative}')} .",
        f"{iri} {_DERIVED} {origin} .",
        f"{origin} {A} {_T['ResultsTable']} .",
        f"{origin} {LABEL} {literal(f'{source.label}: {relative}')} .",
        f"{origin} {_URL} {literal(source.web_url(relative))}{_ANYURI} .",
        f"{origin} {_P['localCopy']} {literal(source.written(relative))} .",
        f"{origin} {_PUBLISHED} {literal(source.date)}{_DATE} .",
        f"{origin} {_P['publisher']} {outlet} .",
        f"{origin} {_iri(RDFS.comment)} {literal(_provenance_note(source, relative))} .",
        f"{outlet} {A} {_T['Outlet']} .",
        f"{outlet} {LABEL} {literal(source.publisher)} .",
        f"{outlet} {_URL} {literal(source.publisher_url)}{_ANYURI} .",
    ]
    if source.licence_url:
        lines.append(f"{origin} {_LICENSE} <{source.licence_url}> .")
    return lines


def _provenance_note(source: ImportSource, relative: str) -> str:
    return (f"Licence: {source.licence}; repository {source.repository}, commit {source.commit}, "
            f"path {source.folder}/{relative}")  # fmt: skip


def _people(people: Iterable[tuple[Person, set[str], set[str]]], graph: GraphText | None) -> list[str]:
    lines = []
    for person, nations, names in people:
        iri = _in(ATHLETE, person.slug)
        if graph is not None:
            graph.athletes.add(iri[1:-1])
        lines += [f"{iri} {A} {_T['Athlete']} .", f"{iri} {LABEL} {literal(person.label)} .",
                  f"{iri} {_P['sex']} {_iri(_SEX[person.sex])} ."]  # fmt: skip
        if len(person.birth_date) == 10:
            lines.append(f"{iri} {_BIRTH} {literal(person.birth_date)}{_DATE} .")
        lines += [f"{iri} {_P['nation']} {_in(NATION, nation)} ." for nation in sorted(nations)]
        lines += [f"{iri} {_P['worldAthleticsName']} {literal(name)} ." for name in sorted(names)]
    return lines


def _teams(teams: Iterable[Team]) -> list[str]:
    lines = []
    for team in teams:
        iri = _in(TEAM, team.slug)
        lines += [f"{iri} {A} {_T['RelayTeam']} .",
                  f"{iri} {LABEL} {literal(f'{team.label} ({_SEX_WORD[team.sex]})')} .",
                  f"{iri} {_P['nation']} {_in(NATION, team.nation)} .",
                  f"{iri} {_P['sex']} {_iri(_SEX[team.sex])} ."]  # fmt: skip
    return lines


def _venues(venues: Iterable[str]) -> list[str]:
    lines = []
    for venue in sorted(venues):
        iri = _in(VENUE, _venue_slug(venue))
        lines += [f"{iri} {A} {_T['Venue']} .", f"{iri} {LABEL} {literal(venue)} ."]
        country = _country(venue)
        if country:
            lines.append(f"{iri} {_P['country']} {_in(NATION, country)} .")
    return lines


def _country(venue: str) -> str:
    """The country code a venue's name ends with: ``Stadio Olimpico, Roma (ITA)`` -> ``ITA``."""
    name = venue.removesuffix("(i)").strip()
    code = name[-4:-1]
    return code if name.endswith(")") and name[-5:-4] == "(" and code.isalpha() and code.isupper() else ""


def _nations(codes: Iterable[str]) -> list[str]:
    lines = []
    for code in sorted(codes):
        iri = _in(NATION, code)
        lines += [f"{iri} {A} {_T['Nation']} .", f"{iri} {LABEL} {literal(code)} .",
                  f"{iri} {_P['iocCode']} {literal(code)} ."]  # fmt: skip
    return lines


_CALENDAR_LABEL = "Championship calendar curated for rivalgraph from each edition's public page"


def write_calendar(editions: Iterable[object], file: str) -> GraphText:
    """The named graph of the championship calendar: every edition with its dates and city.

    ``file`` is the calendar as shown to users (``graph/calendar/championships.csv``).
    """
    graph = GraphText(_in(GRAPH, "calendar-championships"))
    origin = _in(SOURCE, "calendar-championships")
    lines = [
        f"{graph.iri} {A} {_T['SourceGraph']} .",
        f"{graph.iri} {LABEL} {literal('The championship calendar: editions with host city and dates')} .",
        f"{graph.iri} {_DERIVED} {origin} .",
        f"{origin} {A} {_iri(RG.Source)} .",
        f"{origin} {LABEL} {literal(_CALENDAR_LABEL)} .",
        f"{origin} {_P['localCopy']} {literal(file)} .",
    ]
    see_also = _iri(RDFS.seeAlso)
    for edition in editions:
        e = edition  # a rivalgraph.athletics.calendar.Edition
        iri = _in(EDITION, e.slug)  # type: ignore[attr-defined]
        lines += [
            f"{iri} {A} {_iri(RG.Edition)} .",
            f"{iri} {LABEL} {literal(e.label)} .",  # type: ignore[attr-defined]
            f"{iri} {_iri(RG.editionOf)} {_iri(COMPETITION[e.competition])} .",  # type: ignore[attr-defined]
            f'{iri} {_iri(RG.year)} "{e.year}"^^<{XSD.gYear.value}> .',  # type: ignore[attr-defined]
            f"{iri} {_iri(RG.city)} {literal(e.city)} .",  # type: ignore[attr-defined]
            f"{iri} {_START} {literal(e.start)}{_DATE} .",  # type: ignore[attr-defined]
            f"{iri} {_iri(SCHEMA.endDate)} {literal(e.end)}{_DATE} .",  # type: ignore[attr-defined]
            f"{iri} {_P['indoor']} {_TRUE if e.indoor else _FALSE} .",  # type: ignore[attr-defined]
        ]
        if e.source_url:  # type: ignore[attr-defined]
            lines.append(f"{iri} {see_also} <{e.source_url}> .")  # type: ignore[attr-defined]
    graph.lines, graph.sample = lines, list(lines)
    return graph
