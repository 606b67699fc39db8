"""Each rivalry's evidence, as plain records for the side panel of the HTML page.

The race and statement rows of every pair once (:func:`.reader.read_pair_evidence`) are grouped by athlete and
handed to :func:`rivalgraph.analysis.evidence.collect_evidence`, the function
``rivalgraph rivals`` explains scores with, so the page shows the same races
(heaviest in the score first), titles and statements (in reply order).
:func:`evidence_records` then turns one pair's evidence into JSON-ready
records: its titles, and the numbers of its races and statements in an
:class:`EvidenceIndex`, which holds each race (with the results of the
athletes that cite it) and each statement once for the whole page.

Examples
--------
>>> from rivalgraph.analysis.scoring import ScoreParameters
>>> race = {"athlete": "urn:a", "opponent": "urn:b", "race": "urn:race", "raceLabel": "Final",
...         "date": "2023-08-23", "round": "rg#Final", "scope": "rg#GlobalScope",
...         "athletePlace": 2, "opponentPlace": 1, "title": "urn:title", "titleLabel": "Champion",
...         "titleWinner": "urn:b", "source": "https://example.org/results"}
>>> found = pair_evidence([race], [], ScoreParameters(), 2024.5)
>>> index = EvidenceIndex()
>>> records = evidence_records(found, "urn:b", "urn:a", {"urn:b": "B"}, index)
>>> records["races"], index.races[0]["results"]
([0], {'urn:a': [2, None, ''], 'urn:b': [1, None, '']})
>>> records["titles"][0]["winner"], records["titles"][0]["url"]
('B', 'https://example.org/results')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from rivalgraph.analysis.evidence import (
    Evidence,
    RaceEvidence,
    StatementEvidence,
    collect_evidence,
    most_met,
)
from rivalgraph.analysis.parity import SeasonRatings
from rivalgraph.analysis.projection import Row, value
from rivalgraph.analysis.scoring import ScoreParameters

__all__ = ["pair_evidence", "EvidenceIndex", "evidence_records", "race_measures", "pair_pools",
           "pool_key", "timeline_ratings"]  # fmt: skip

Pair = tuple[str, str]


def _key(row: Row, name: str) -> str:
    return str(value(row.get(name)) or "")


def pair_evidence(
    race_rows: Iterable[Row], statement_rows: Iterable[Row], params: ScoreParameters, as_of: float
) -> dict[Pair, Evidence]:
    """Evidence per pair ``(athlete, opponent)`` as the rows order them (athlete first)."""
    races: dict[str, list[Row]] = defaultdict(list)
    statements: dict[str, list[Row]] = defaultdict(list)
    for row in race_rows:
        races[_key(row, "athlete")].append(row)
    for row in statement_rows:
        statements[_key(row, "athlete")].append(row)
    found: dict[Pair, Evidence] = {}
    for athlete in {*races, *statements}:
        for opponent, evidence in collect_evidence(races[athlete], statements[athlete], params,
                                                   as_of).items():  # fmt: skip
            found[(athlete, opponent)] = evidence
    return found


def _medal(iri: str | None) -> str:
    return (iri or "").rsplit("-", 1)[-1] if iri else ""


class EvidenceIndex:
    """Each race and statement of the page once, referenced by every pair by its number.

    A race is stored with the results of the athletes whose pairs cite it
    (``results``: athlete -> ``[place, mark or None, medal]``), so a pair's
    places are read from the race, not repeated per pair: in the curated graph,
    1,512 race records of 22 races became 22.
    """

    def __init__(self, measures: Mapping[str, str] | None = None) -> None:
        #: How each race's marks are measured (race IRI -> ``Time``, ``Distance``, ``Height``,
        #: ``Points``), so that the page writes 209.38 s as 3:29.38 and 85.0 m as 85.00.
        self.measures = dict(measures or {})
        self.races: list[dict[str, Any]] = []
        self.statements: list[dict[str, Any]] = []
        self._race_numbers: dict[str, int] = {}
        self._statement_numbers: dict[str, int] = {}

    def race(self, race: RaceEvidence, athlete: str, opponent: str) -> int:
        """The number of ``race``, with both athletes' results added to it."""
        number = self._race_numbers.get(race.race)
        if number is None:
            number = self._race_numbers[race.race] = len(self.races)
            self.races.append({"race": race.race, "label": race.label, "date": race.date,
                               "url": race.source, "final": race.championship_final,
                               "measure": self.measures.get(race.race, ""),
                               "results": {}})  # fmt: skip
        results = self.races[number]["results"]
        results[athlete] = [race.place, race.mark, _medal(race.medal)]
        results[opponent] = [race.opponent_place, race.opponent_mark, _medal(race.opponent_medal)]
        return number

    def statement(self, said: StatementEvidence) -> int:
        """The number of the statement."""
        number = self._statement_numbers.get(said.statement)
        if number is None:
            number = self._statement_numbers[said.statement] = len(self.statements)
            self.statements.append({
                "statement": said.statement, "speaker": said.speaker_label, "text": said.text,
                "outlet": said.outlet, "date": said.date, "source": said.source_label,
                "url": said.source_url, "response": bool(said.responds_to),
                "direct": said.direct})  # fmt: skip
        return number


def evidence_records(
    found: Mapping[Pair, Evidence],
    source: str,
    target: str,
    labels: Mapping[str, str],
    index: EvidenceIndex,
) -> dict[str, list[Any]]:
    """The races and statements (numbers in ``index``) and titles between ``source`` and ``target``."""
    evidence = found.get((source, target)) or found.get((target, source))
    if evidence is None:
        return {"races": [], "titles": [], "statements": []}
    return {
        "races": [index.race(race, evidence.holder, evidence.target) for race in evidence.races],
        "titles": [
            {
                "title": title.title,
                "label": title.label,
                "date": title.date,
                "url": title.source,
                "winner": labels.get(title.winner, title.winner),
            }
            for title in evidence.titles
        ],  # fmt: skip
        "statements": [index.statement(said) for said in evidence.statements],
    }


def race_measures(race_rows: Iterable[Row]) -> dict[str, str]:
    """Each race's measure (the local name: ``Time``, ``Distance``, ``Height``, ``Points``)."""
    return {_key(row, "race"): _key(row, "measure").rsplit("#", 1)[-1]
            for row in race_rows if row.get("measure") is not None}  # fmt: skip


def pool_key(discipline: str, sex: str) -> str:
    """How the page names a discipline and sex category: both IRIs, joined by a space."""
    return f"{discipline} {sex}"


def pair_pools(race_rows: Iterable[Row]) -> dict[Pair, str]:
    """For each pair (athlete, opponent), the :func:`pool_key` of the discipline and sex they met
    most in: the pool of the ratings their timeline draws (as ``rivalgraph plot rivalry``)."""
    # Grouped by pair first: most_met reads only the pair's rows (over all of an athlete's
    # rows it was quadratic, 93 s of a whole-graph export).
    by_pair: dict[Pair, list[Row]] = defaultdict(list)
    for row in race_rows:
        by_pair[(_key(row, "athlete"), _key(row, "opponent"))].append(row)
    pools: dict[Pair, str] = {}
    for (athlete, opponent), rows in by_pair.items():
        discipline = most_met(rows, opponent, "discipline")
        sex = most_met(rows, opponent, "sex", ("discipline", discipline))
        if discipline and sex:
            pools[(athlete, opponent)] = pool_key(discipline, sex)
    return pools


def timeline_ratings(ratings: SeasonRatings,
                     wanted: set[tuple[str, str]]) -> dict[str, dict[str, list[list[Any]]]]:  # fmt: skip
    """The season ratings the timelines draw: ``{athlete: {pool: [[day, mean, deviation], ...]}}``.

    Only the ``(athlete, pool)`` in ``wanted`` are kept, in date order.

    >>> ratings = SeasonRatings({("urn:a", "urn:d", "urn:s", 2024): (31.5, 2.0),
    ...                          ("urn:a", "urn:d", "urn:s", 2023): (30.0, 3.0)}, 12.5,
    ...                         {("urn:a", "urn:d", "urn:s", 2024): "2024-09-01",
    ...                          ("urn:a", "urn:d", "urn:s", 2023): "2023-09-01"})
    >>> timeline_ratings(ratings, {("urn:a", "urn:d urn:s")})
    {'urn:a': {'urn:d urn:s': [['2023-09-01', 30.0, 3.0], ['2024-09-01', 31.5, 2.0]]}}
    """
    found: dict[str, dict[str, list[list[Any]]]] = {}
    for key, (mean, deviation) in ratings.ratings.items():
        athlete, discipline, sex, _ = key
        pool = pool_key(discipline, sex)
        if (athlete, pool) in wanted:
            found.setdefault(athlete, {}).setdefault(pool, []).append(
                [ratings.days.get(key, ""), mean, deviation]
            )
    for pools in found.values():
        for series in pools.values():
            series.sort(key=lambda point: str(point[0]))
    return found
