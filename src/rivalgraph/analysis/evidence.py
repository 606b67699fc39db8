"""The evidence behind a rivalry score: the races, titles and statements that produced it.

:func:`collect_evidence` turns the rows of the ``race-evidence`` and
``statement-evidence`` queries (one athlete against every opponent) into an
:class:`Evidence` per opponent.  Every item names a node of the graph (a race,
a title, a statement) and its source, so only facts present in the graph are
shown.  Races are ordered by what they weigh in the score (stakes x recency,
as in :mod:`.scoring`), statements in the order they answer each other.

Examples
--------
>>> from rivalgraph.analysis.scoring import ScoreParameters
>>> race = {"athlete": "urn:a", "opponent": "urn:b", "race": "urn:race", "raceLabel": "Final",
...         "date": "2023-08-23", "round": "rg#Final", "scope": "rg#GlobalScope",
...         "athletePlace": 2, "opponentPlace": 1, "title": "urn:title", "titleLabel": "Champion",
...         "titleWinner": "urn:b", "source": "https://example.org/results"}
>>> said = {"athlete": "urn:a", "opponent": "urn:b", "statement": "urn:s1", "speaker": "urn:a",
...         "speakerLabel": "A", "text": "I could beat him blindfolded", "date": "2024-03-05"}
>>> evidence = collect_evidence([race], [said], ScoreParameters(), 2024.5)["urn:b"]
>>> evidence.races[0].stake, evidence.titles[0].winner, evidence.statements[0].text
(2.5, 'urn:b', 'I could beat him blindfolded')
>>> sorted(evidence.iris())
['urn:race', 'urn:s1', 'urn:title']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rivalgraph.analysis.projection import Row, local_name, value
from rivalgraph.analysis.scoring import ScoreParameters, recency, shared_race_stake

__all__ = ["RaceEvidence", "TitleEvidence", "StatementEvidence", "Evidence", "collect_evidence",
           "most_met"]  # fmt: skip


@dataclass(frozen=True)
class RaceEvidence:
    """A race both ran, seen from the holder; marks in seconds, metres or points."""

    race: str
    label: str
    date: str
    round: str | None
    scope: str | None
    place: int
    opponent_place: int
    mark: float | None
    opponent_mark: float | None
    medal: str | None
    opponent_medal: str | None
    source: str
    stake: float
    weight: float
    #: The marks as the source wrote them ("3:29.38"), for a reader.
    mark_text: str = ""
    opponent_mark_text: str = ""
    #: The medals' colours ("gold"), empty without a medal.
    medal_colour: str = ""
    opponent_medal_colour: str = ""
    #: Whoever won the title decided in the race (a name), one of the two or not.
    title_winner: str = ""

    @property
    def championship_final(self) -> bool:
        """The final round of an edition that has a scope (global, continental, national)."""
        return self.scope is not None and self.round in ("Final", None)


@dataclass(frozen=True)
class TitleEvidence:
    """A title one of the two won in a race the other ran too."""

    title: str
    label: str
    winner: str
    race: str
    date: str
    source: str


@dataclass(frozen=True)
class StatementEvidence:
    """A statement by one of the two about the other, or in answer to the other."""

    statement: str
    speaker: str
    speaker_label: str
    text: str
    direct: bool
    responds_to: str | None
    outlet: str
    date: str
    source: str
    source_label: str
    source_url: str
    #: The outlet it was given to, the one that relayed it, or a note on how it reached the article.
    given_to: str = ""
    relayed_by: str = ""
    medium_note: str = ""
    #: The day the article reported it (``date`` is the day it was made, when known).
    reported_on: str = ""

    @property
    def medium(self) -> str:
        """How it reached the article: "to NRK", "via Running Magazine", or the medium note.

        >>> said = StatementEvidence("urn:s", "urn:a", "A", "...", True, None, "NRK", "2024-03-05",
        ...                          "urn:src", "Article", "", given_to="NRK")
        >>> said.medium
        'to NRK'
        """
        parts = []
        if self.given_to:
            parts.append(f"to {self.given_to}")
        if self.relayed_by:
            parts.append(f"via {self.relayed_by}")
        return ", ".join(parts) or self.medium_note.strip("()")


@dataclass(frozen=True)
class Evidence:
    """All evidence between a holder and one target."""

    holder: str
    target: str
    races: tuple[RaceEvidence, ...] = ()
    titles: tuple[TitleEvidence, ...] = ()
    statements: tuple[StatementEvidence, ...] = ()

    def iris(self) -> set[str]:
        """Every graph node this evidence cites."""
        return (
            {race.race for race in self.races}
            | {title.title for title in self.titles}
            | {said.statement for said in self.statements}
        )


def _text(row: Row, key: str) -> str:
    raw = value(row.get(key))
    return "" if raw is None else str(raw)


def _optional(row: Row, key: str) -> str | None:
    return _text(row, key) or None


def _number(row: Row, key: str) -> float | None:
    raw = value(row.get(key))
    return None if raw is None else float(raw)


def _race(row: Row, params: ScoreParameters, as_of: float) -> RaceEvidence:
    place, other = int(value(row["athletePlace"])), int(value(row["opponentPlace"]))
    round_name, scope = local_name(row.get("round")), local_name(row.get("scope"))
    podium = scope is not None and round_name in ("Final", None) and max(place, other) <= 3
    stake = shared_race_stake(round_name, scope, podium, podium and min(place, other) == 1, params)
    day = _text(row, "date")
    return RaceEvidence(
        race=_text(row, "race"),
        label=_text(row, "raceLabel") or _text(row, "race"),
        date=day,
        round=round_name,
        scope=scope,
        place=place,
        opponent_place=other,
        mark=_number(row, "athleteMark"),
        opponent_mark=_number(row, "opponentMark"),
        medal=_optional(row, "athleteMedal"),
        opponent_medal=_optional(row, "opponentMedal"),
        source=_text(row, "source"),
        stake=stake,
        weight=stake * recency(int(day[:4]) if day else None, as_of, params.half_life),
        mark_text=_text(row, "athleteMarkText"),
        opponent_mark_text=_text(row, "opponentMarkText"),
        medal_colour=_text(row, "athleteMedalColour"),
        opponent_medal_colour=_text(row, "opponentMedalColour"),
        title_winner=_text(row, "raceTitleWinner"),
    )


def _title(row: Row) -> TitleEvidence:
    return TitleEvidence(
        title=_text(row, "title"),
        label=_text(row, "titleLabel") or _text(row, "title"),
        winner=_text(row, "titleWinner"),
        race=_text(row, "race"),
        date=_text(row, "date"),
        source=_text(row, "source"),
    )


def _statement(row: Row) -> StatementEvidence:
    return StatementEvidence(
        statement=_text(row, "statement"),
        speaker=_text(row, "speaker"),
        speaker_label=_text(row, "speakerLabel") or _text(row, "speaker"),
        text=_text(row, "text"),
        direct=_text(row, "direct") == "true",
        responds_to=_optional(row, "respondsTo"),
        outlet=_text(row, "outlet"),
        date=_text(row, "date"),
        source=_text(row, "source"),
        source_label=_text(row, "sourceLabel"),
        source_url=_text(row, "sourceUrl"),
        given_to=_text(row, "givenTo"),
        relayed_by=_text(row, "relayedBy"),
        medium_note=_text(row, "mediumNote"),
        reported_on=_text(row, "reportedOn"),
    )


def _thread_order(statements: Iterable[StatementEvidence]) -> list[StatementEvidence]:
    """Order by date, and within a date so that a response follows what it answers."""
    by_iri = {said.statement: said for said in statements}

    def depth(said: StatementEvidence) -> int:
        seen, steps = {said.statement}, 0
        while said.responds_to in by_iri and said.responds_to not in seen:
            said = by_iri[said.responds_to]
            seen.add(said.statement)
            steps += 1
        return steps

    return sorted(by_iri.values(), key=lambda s: (s.date, depth(s), s.statement))


def collect_evidence(
    race_rows: Iterable[Row],
    statement_rows: Iterable[Row],
    params: ScoreParameters,
    as_of: float,
) -> dict[str, Evidence]:
    """Group evidence rows of one holder by opponent.

    Parameters
    ----------
    race_rows, statement_rows : rows of ``race-evidence`` and ``statement-evidence``
    params : ScoreParameters
        Used to weigh races as the score does.
    as_of : float
        The reference time of the scores (fractional year).
    """
    holder = ""
    races: dict[str, dict[str, RaceEvidence]] = defaultdict(dict)
    titles: dict[str, dict[str, TitleEvidence]] = defaultdict(dict)
    statements: dict[str, list[StatementEvidence]] = defaultdict(list)
    for row in race_rows:
        holder, opponent = _text(row, "athlete"), _text(row, "opponent")
        race = _race(row, params, as_of)
        races[opponent].setdefault(race.race, race)
        if _text(row, "title"):
            titles[opponent].setdefault(_text(row, "title"), _title(row))
    for row in statement_rows:
        holder = holder or _text(row, "athlete")
        statements[_text(row, "opponent")].append(_statement(row))
    return {
        opponent: Evidence(
            holder=holder,
            target=opponent,
            races=tuple(sorted(races[opponent].values(), key=lambda r: (r.weight, r.date), reverse=True)),
            titles=tuple(sorted(titles[opponent].values(), key=lambda t: t.date, reverse=True)),
            statements=tuple(_thread_order(statements[opponent])),
        )
        for opponent in sorted({*races, *titles, *statements})
    }


def most_met(rows: Iterable[Row], opponent: str, key: str,
             within: tuple[str, str | None] = ("", None)) -> str | None:  # fmt: skip
    """The value of ``key`` shared by most of the races with ``opponent`` (ties: the first by IRI).

    ``rows`` are one athlete's race evidence rows (``opponent``, ``race``, ``key``);
    ``within`` keeps only the rows whose column ``within[0]`` is ``within[1]``.

    >>> rows = [{"opponent": "urn:b", "race": r, "discipline": d}
    ...         for r, d in (("r1", "urn:800m"), ("r2", "urn:1500m"), ("r3", "urn:1500m"))]
    >>> most_met(rows, "urn:b", "discipline")
    'urn:1500m'
    """
    races: dict[str, str] = {}
    for row in rows:
        if str(value(row.get("opponent"))) != opponent or row.get(key) is None:
            continue
        if within[1] is not None and str(value(row.get(within[0]))) != within[1]:
            continue
        races[str(value(row.get("race")))] = str(value(row.get(key)))
    counts = Counter(races.values())
    return min(counts, key=lambda found: (-counts[found], found)) if counts else None
