"""Write the ontology's discipline individuals (one block each) from the table below.

Run once when a discipline is added; the output is pasted into ontology/rivalry.ttl,
which stays the one place the importer reads disciplines from
(``rg:worldAthleticsSlug``, ``rg:measure``, ``rg:athlibCode``).

Usage: ``python scripts/disciplines.py > /tmp/disciplines.ttl``
"""

from __future__ import annotations

import athlib

# slug, local name, label, measure, family, athlib code, distance in metres, comment
TABLE: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("50-metres", "Discipline50m", "50 metres", "Time", "Sprint", "50", "50", "An indoor sprint, run mostly in the 1990s."),
    ("55-metres", "Discipline55m", "55 metres", "Time", "Sprint", "55", "55", "An indoor sprint of North American meetings."),
    ("60-metres", "Discipline60m", "60 metres", "Time", "Sprint", "60", "60", "The indoor championship sprint."),
    ("100-metres", "Discipline100m", "100 metres", "Time", "Sprint", "100", "100", "The Olympic sprint of one straight."),
    ("200-metres", "Discipline200m", "200 metres", "Time", "Sprint", "200", "200", "The Olympic sprint of half a lap."),
    ("300-metres", "Discipline300m", "300 metres", "Time", "Sprint", "300", "300", "A non-championship sprint."),
    ("400-metres", "Discipline400m", "400 metres", "Time", "Sprint", "400", "400", "The Olympic sprint of one lap."),
    ("600-metres", "Discipline600m", "600 metres", "Time", "MiddleDistance", "600", "600", "A non-championship middle-distance race."),
    ("800-metres", "Discipline800m", "800 metres", "Time", "MiddleDistance", "800", "800", "The Olympic middle-distance race of two laps."),
    ("1000-metres", "Discipline1000m", "1000 metres", "Time", "MiddleDistance", "1000", "1000", "A non-championship middle-distance race."),
    ("1500-metres", "Discipline1500m", "1500 metres", "Time", "MiddleDistance", "1500", "1500", "The Olympic middle-distance event of three and three-quarter laps of a 400 m track."),
    ("one-mile", "DisciplineMile", "mile", "Time", "MiddleDistance", "MILE", "1609.344", "The mile run (1609.344 metres), the imperial middle-distance race run at meetings such as the Bislett Games and the Prefontaine Classic."),
    ("2000-metres", "Discipline2000m", "2000 metres", "Time", "MiddleDistance", "2000", "2000", "A non-championship middle-distance race."),
    ("3000-metres", "Discipline3000m", "3000 metres", "Time", "LongDistance", "3000", "3000", "The 3000 metres, a non-Olympic track event run at indoor championships and at meetings."),
    ("two-miles", "DisciplineTwoMiles", "two miles", "Time", "LongDistance", "2M", "3218.688", "The two miles run (3218.688 metres), an occasional meeting distance between the 3000 m and the 5000 m."),
    ("5000-metres", "Discipline5000m", "5000 metres", "Time", "LongDistance", "5000", "5000", "The Olympic long-distance track event of twelve and a half laps."),
    ("10000-metres", "Discipline10000m", "10,000 metres", "Time", "LongDistance", "10000", "10000", "The Olympic long-distance track event of 25 laps."),
    ("100-metres-hurdles", "Discipline100mHurdles", "100 metres hurdles", "Time", "Hurdles", "100H", "100", "The women's sprint hurdles (0.838 m)."),
    ("100m-hurdles-762cm", "Discipline100mHurdles76cm", "100 metres hurdles (76.2 cm)", "Time", "Hurdles", "100H", "100", "The youth girls' sprint hurdles over 76.2 cm barriers."),
    ("110-metres-hurdles", "Discipline110mHurdles", "110 metres hurdles", "Time", "Hurdles", "110H", "110", "The men's sprint hurdles (1.067 m)."),
    ("110m-hurdles-914cm", "Discipline110mHurdles91cm", "110 metres hurdles (91.4 cm)", "Time", "Hurdles", "110H", "110", "The youth boys' sprint hurdles over 91.4 cm barriers."),
    ("110m-hurdles-990cm", "Discipline110mHurdles99cm", "110 metres hurdles (99.0 cm)", "Time", "Hurdles", "110H", "110", "The under-20 men's sprint hurdles over 99.0 cm barriers."),
    ("400-metres-hurdles", "Discipline400mHurdles", "400 metres hurdles", "Time", "Hurdles", "400H", "400", "The Olympic one-lap hurdles."),
    ("400m-hurdles-840cm", "Discipline400mHurdles84cm", "400 metres hurdles (84.0 cm)", "Time", "Hurdles", "400H", "400", "The youth boys' one-lap hurdles over 84.0 cm barriers."),
    ("2000-metres-steeplechase", "Discipline2000mSteeplechase", "2000 metres steeplechase", "Time", "Steeplechase", "2000SC", "2000", "The youth steeplechase."),
    ("2000-metres-steeplechase-84", "Discipline2000mSteeplechase84cm", "2000 metres steeplechase (84 cm)", "Time", "Steeplechase", "2000SC", "2000", "The youth boys' steeplechase over 84 cm barriers."),
    ("3000-metres-steeplechase", "Discipline3000mSteeplechase", "3000 metres steeplechase", "Time", "Steeplechase", "3000SC", "3000", "The Olympic steeplechase over barriers and a water jump."),
    ("5-kilometres", "Discipline5kmRoad", "5 kilometres road", "Time", "Road", "5K", "5000", "A road race over 5 km."),
    ("10-kilometres", "Discipline10kmRoad", "10 kilometres road", "Time", "Road", "10K", "10000", "A road race over 10 km."),
    ("15-kilometres", "Discipline15kmRoad", "15 kilometres road", "Time", "Road", "15K", "15000", "A road race over 15 km."),
    ("10-miles-road", "Discipline10MilesRoad", "10 miles road", "Time", "Road", "10M", "16093.44", "A road race over ten miles."),
    ("20-kilometres", "Discipline20kmRoad", "20 kilometres road", "Time", "Road", "20K", "20000", "A road race over 20 km."),
    ("half-marathon", "DisciplineHalfMarathon", "half marathon", "Time", "Road", "HM", "21097.5", "The half marathon road race."),
    ("marathon", "DisciplineMarathon", "marathon", "Time", "Road", "MAR", "42195", "The Olympic marathon road race."),
    ("3000-metres-race-walk", "Discipline3000mRaceWalk", "3000 metres race walk", "Time", "RaceWalk", "3000W", "3000", "A track race walk."),
    ("5000-metres-race-walk", "Discipline5000mRaceWalk", "5000 metres race walk", "Time", "RaceWalk", "5000W", "5000", "A track race walk."),
    ("10000-metres-race-walk", "Discipline10000mRaceWalk", "10,000 metres race walk", "Time", "RaceWalk", "10000W", "10000", "A track race walk."),
    ("20000-metres-race-walk", "Discipline20000mRaceWalk", "20,000 metres race walk", "Time", "RaceWalk", "20000W", "20000", "A track race walk."),
    ("5-kilometres-race-walk", "Discipline5kmRaceWalk", "5 kilometres race walk", "Time", "RaceWalk", "5KW", "5000", "A road race walk."),
    ("10-kilometres-race-walk", "Discipline10kmRaceWalk", "10 kilometres race walk", "Time", "RaceWalk", "10KW", "10000", "A road race walk."),
    ("20-kilometres-race-walk", "Discipline20kmRaceWalk", "20 kilometres race walk", "Time", "RaceWalk", "20KW", "20000", "The Olympic road race walk."),
    ("30-kilometres-race-walk", "Discipline30kmRaceWalk", "30 kilometres race walk", "Time", "RaceWalk", "30KW", "30000", "A road race walk."),
    ("35-kilometres-race-walk", "Discipline35kmRaceWalk", "35 kilometres race walk", "Time", "RaceWalk", "35KW", "35000", "The championship long race walk since 2022."),
    ("50-kilometres-race-walk", "Discipline50kmRaceWalk", "50 kilometres race walk", "Time", "RaceWalk", "50KW", "50000", "The former Olympic long race walk."),
    ("4x100-metres-relay", "Discipline4x100mRelay", "4 x 100 metres relay", "Time", "Relay", "4x100", "400", "The Olympic sprint relay; a result is a team's."),
    ("4x200-metres-relay", "Discipline4x200mRelay", "4 x 200 metres relay", "Time", "Relay", "4x200", "800", "A relay; a result is a team's."),
    ("4x400-metres-relay", "Discipline4x400mRelay", "4 x 400 metres relay", "Time", "Relay", "4x400", "1600", "The Olympic long sprint relay; a result is a team's."),
    ("4x800-metres-relay", "Discipline4x800mRelay", "4 x 800 metres relay", "Time", "Relay", "4x800", "3200", "A relay; a result is a team's."),
    ("4x1500-metres-relay", "Discipline4x1500mRelay", "4 x 1500 metres relay", "Time", "Relay", "4x1500", "6000", "A relay; a result is a team's."),
    ("high-jump", "DisciplineHighJump", "high jump", "Height", "Jump", "HJ", "", "A vertical jump over a bar."),
    ("pole-vault", "DisciplinePoleVault", "pole vault", "Height", "Jump", "PV", "", "A vertical jump over a bar with a pole."),
    ("long-jump", "DisciplineLongJump", "long jump", "Distance", "Jump", "LJ", "", "A horizontal jump."),
    ("triple-jump", "DisciplineTripleJump", "triple jump", "Distance", "Jump", "TJ", "", "A horizontal jump of hop, step and jump."),
    ("shot-put", "DisciplineShotPut", "shot put", "Distance", "Throw", "SP", "", "The shot (7.26 kg men, 4 kg women)."),
    ("shot-put-3kg", "DisciplineShotPut3kg", "shot put (3 kg)", "Distance", "Throw", "SP3K", "", "The youth girls' shot."),
    ("shot-put-5kg", "DisciplineShotPut5kg", "shot put (5 kg)", "Distance", "Throw", "SP5K", "", "The youth boys' shot."),
    ("shot-put-6kg", "DisciplineShotPut6kg", "shot put (6 kg)", "Distance", "Throw", "SP6K", "", "The under-20 men's shot."),
    ("discus-throw", "DisciplineDiscusThrow", "discus throw", "Distance", "Throw", "DT", "", "The discus (2 kg men, 1 kg women)."),
    ("discus-throw-1500kg", "DisciplineDiscusThrow1500g", "discus throw (1.5 kg)", "Distance", "Throw", "DT1.5K", "", "The youth boys' discus."),
    ("discus-throw-1750kg", "DisciplineDiscusThrow1750g", "discus throw (1.75 kg)", "Distance", "Throw", "DT1.75K", "", "The under-20 men's discus."),
    ("hammer-throw", "DisciplineHammerThrow", "hammer throw", "Distance", "Throw", "HT", "", "The hammer (7.26 kg men, 4 kg women)."),
    ("hammer-throw-5kg", "DisciplineHammerThrow5kg", "hammer throw (5 kg)", "Distance", "Throw", "HT5K", "", "The youth boys' hammer."),
    ("hammer-throw-6kg", "DisciplineHammerThrow6kg", "hammer throw (6 kg)", "Distance", "Throw", "HT6K", "", "The under-20 men's hammer."),
    ("javelin-throw", "DisciplineJavelinThrow", "javelin throw", "Distance", "Throw", "JT", "", "The javelin (800 g men, 600 g women)."),
    ("javelin-throw-500g", "DisciplineJavelinThrow500g", "javelin throw (500 g)", "Distance", "Throw", "JT500", "", "The youth girls' javelin."),
    ("javelin-throw-700g", "DisciplineJavelinThrow700g", "javelin throw (700 g)", "Distance", "Throw", "JT700", "", "The youth boys' javelin."),
    ("decathlon", "DisciplineDecathlon", "decathlon", "Points", "CombinedEvents", "DEC", "", "The men's ten-event combined competition, scored in points."),
    ("decathlon-u20", "DisciplineDecathlonU20", "decathlon (under-20 implements)", "Points", "CombinedEvents", "DEC", "", "The decathlon with under-20 implements."),
    ("decathlon-boys", "DisciplineDecathlonYouth", "decathlon (youth implements)", "Points", "CombinedEvents", "DEC", "", "The decathlon with youth implements."),
    ("heptathlon", "DisciplineHeptathlon", "heptathlon", "Points", "CombinedEvents", "HEP", "", "The women's seven-event combined competition, scored in points."),
    ("heptathlon-girls", "DisciplineHeptathlonYouth", "heptathlon (youth implements)", "Points", "CombinedEvents", "HEP", "", "The heptathlon with youth implements."),
]


def _block(row: tuple[str, ...]) -> str:
    slug, name, label, measure, family, code, distance, comment = row
    lines = [
        f"rg:{name}",
        "    a owl:NamedIndividual , rg:Discipline ;",
        f'    rdfs:label "{label}"@en ;',
        f'    skos:prefLabel "{label}"@en ;',
        f'    rdfs:comment "{comment}"@en ;',
        f'    rg:worldAthleticsSlug "{slug}" ;',
        f"    rg:measure rg:{measure} ;",
        f"    rg:disciplineFamily rg:{family} ;",
        f'    rg:athlibCode "{code}" ;',
    ]
    if distance:
        lines.append(f'    rg:distanceMetres "{distance}"^^xsd:decimal ;')
    lines.append("    rdfs:isDefinedBy <https://w3id.org/rivalgraph/ontology> .")
    return "\n".join(lines)


def main() -> None:
    for row in TABLE:
        code = row[5]
        if not code.startswith(("SP", "DT", "HT", "JT")) and not athlib.check_event_code(code):
            raise SystemExit(f"athlib does not know the event code {code!r} ({row[0]})")
    print("\n\n".join(_block(row) for row in TABLE))


if __name__ == "__main__":
    main()
