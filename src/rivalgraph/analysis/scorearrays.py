"""The rivalry score of many pairs at once, both directions, with numpy.

:func:`score_pairs` computes for every pair what :func:`.scoring.assess` computes
for one holder and target, from columns instead of objects: the recency weight
of each shared-race group (looked up per distinct year), the per-pair sums of the
weighted meetings, wins, gaps and stakes (``numpy.bincount``, in row order), then
the six factors and the score as array expressions.  It follows
:func:`~.scoring.assess` operation by operation (same sums in the same order,
the same scalar functions for recency, stakes and ``exp``), so the scores are
the same numbers, not only close ones; a test compares the two on the real
graph and on a synthetic one.

Examples
--------
>>> from rivalgraph.analysis.shared_races import SharedRaceTable
>>> from rivalgraph.analysis.scoring import SharedRaceGroup, PairEvidence, ScoreParameters, assess
>>> final = SharedRaceGroup(2024, "Final", "GlobalScope", True, True, 1, 1, 0, 1, 1, 0.3, 0.0014)
>>> table = SharedRaceTable.from_groups([final])
>>> talk = DiscourseArrays.from_groups([(0, True, 2024, 2, 1)])
>>> scores = score_pairs(table, np.zeros(1, np.int64), 1, talk, ScoreParameters(), 2024.9)
>>> scores.score.shape
(1, 2)
>>> spoke = PairEvidence((final,), by_holder=(DiscourseGroup(2024, 2, 1),))
>>> float(scores.score[0, 0]) == assess(spoke, ScoreParameters(), 2024.9).score
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rivalgraph.analysis.scoring import (
    Assessment,
    DiscourseGroup,
    ScoreParameters,
    recency,
    shared_race_stake,
)
from rivalgraph.analysis.shared_races import SharedRaceTable
from rivalgraph.analysis.terms import local_name

__all__ = ["DiscourseArrays", "PairScores", "score_pairs"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class DiscourseArrays:
    """Discourse groups of many pairs: who spoke (the pair's first or second) in which year.

    ``year`` is ignored where ``dated`` is false (a group without a date
    weighs 1, as in :func:`.scoring.recency`).
    """

    pair: IntArray
    forward: BoolArray
    year: IntArray
    dated: BoolArray
    statements: IntArray
    responses: IntArray

    @classmethod
    def from_groups(cls, rows: Sequence[tuple[int, bool, int | None, int, int]]) -> DiscourseArrays:
        """From ``(pair, spoken by the pair's first athlete, year, statements, responses)``."""
        columns = list(zip(*rows, strict=True)) if rows else [()] * 5
        pair, forward, year, statements, responses = columns
        return cls(
            np.array(pair, np.int64), np.array(forward, bool),
            np.array([0 if y is None else y for y in year], np.int64),
            np.array([y is not None for y in year], bool), np.array(statements, np.int64),
            np.array(responses, np.int64),
        )  # fmt: skip

    @classmethod
    def from_discourse_groups(
        cls, pairs: Sequence[tuple[str, str]], groups: Sequence[dict[str, tuple[DiscourseGroup, ...]]]
    ) -> DiscourseArrays:
        """From each pair and what each of its two athletes said (by speaker)."""
        rows = [
            (index, speaker == first, group.year, group.statements, group.responses)
            for index, ((first, second), by_speaker) in enumerate(zip(pairs, groups, strict=True))
            for speaker in (first, second) if speaker in by_speaker
            for group in by_speaker[speaker]
        ]  # fmt: skip
        return cls.from_groups(rows)


@dataclass(frozen=True)
class PairScores:
    """Both directed assessments of ``n`` pairs.

    Each factor and ``score`` has shape ``(n, 2)``: column 0 is the pair's
    first athlete towards the second, column 1 the other way; ``meetings``
    (shape ``(n,)``) is the same both ways.
    """

    score: FloatArray
    repetition: FloatArray
    balance: FloatArray
    closeness: FloatArray
    stakes: FloatArray
    discourse: FloatArray
    meetings: IntArray
    parity: FloatArray

    def assessments(self) -> list[tuple[Assessment, Assessment]]:
        """The two :class:`~.scoring.Assessment` of every pair (forward, backward)."""
        repetition, closeness = self.repetition[:, 0].tolist(), self.closeness[:, 0].tolist()
        stakes, meetings = self.stakes[:, 0].tolist(), self.meetings.tolist()
        parity = self.parity[:, 0].tolist()
        directions = []
        for column in (0, 1):
            score, balance = self.score[:, column].tolist(), self.balance[:, column].tolist()
            discourse = self.discourse[:, column].tolist()
            directions.append([
                Assessment(*values) for values in zip(score, repetition, balance, closeness,
                                                      stakes, discourse, meetings, parity,
                                                      strict=True)
            ])  # fmt: skip
        return list(zip(*directions, strict=True))


def _weights(years: IntArray, as_of: float, half_life: float) -> FloatArray:
    """The recency weight of each year, computed once per distinct year."""
    distinct, code = np.unique(years, return_inverse=True)
    per_year = np.array([recency(int(y), as_of, half_life) for y in distinct], np.float64)
    return per_year[code.reshape(-1)] if len(years) else np.zeros(0)


def _stakes(table: SharedRaceTable, params: ScoreParameters) -> FloatArray:
    """What each group puts at stake, looked up in a table of every round, scope and bonus."""
    rounds = [local_name(name) for name in table.rounds]
    scopes = [local_name(name) for name in table.scopes]
    stake = np.array([[[[shared_race_stake(round_, scope, podium, title, params)
                         for title in (False, True)] for podium in (False, True)]
                       for scope in scopes] for round_ in rounds], np.float64)  # fmt: skip
    return stake.reshape(len(rounds), len(scopes), 2, 2)[
        table.round, table.scope, table.podium.astype(np.int64),
        table.title_between.astype(np.int64)]  # fmt: skip


def _saturate(amount: FloatArray, scale: float) -> FloatArray:
    return np.where(amount > 0, amount / (amount + scale), 0.0)


def _exp(values: FloatArray) -> FloatArray:
    # math.exp, not np.exp: the same last bit as the scalar score (a few ms for 10^5 pairs).
    return np.fromiter(map(math.exp, values.tolist()), np.float64, len(values))


def _closeness(meetings: FloatArray, place_gap: FloatArray, marked: FloatArray,
               relative_gap: FloatArray, params: ScoreParameters) -> FloatArray:  # fmt: skip
    closeness = np.zeros(len(meetings))
    met = meetings > 0
    mean_place_gap = place_gap[met] / meetings[met]
    by_place = _exp(-np.maximum(0.0, mean_place_gap - 1.0) / params.place_scale)
    closeness[met] = by_place
    both = met & (marked > 0)
    by_mark = _exp(-(relative_gap[both] / marked[both]) / params.time_scale)
    closeness[both] = (closeness[both] + by_mark) / 2
    return closeness


def score_pairs(
    table: SharedRaceTable,
    pair: IntArray,
    count: int,
    discourse: DiscourseArrays,
    params: ScoreParameters,
    as_of: float,
) -> PairScores:
    """Score ``count`` pairs in both directions.

    Parameters
    ----------
    table : SharedRaceTable
        Shared-race groups, each oriented as its pair (``a`` is the pair's first
        athlete), the groups of one pair in the order their sums are taken.
    pair : numpy.ndarray
        For each row of ``table``, the index of its pair (``0 <= pair < count``).
    count : int
        The number of pairs.
    discourse : DiscourseArrays
        What each athlete of a pair said about, or in answer to, the other.
    params : ScoreParameters
        The formula's parameters.
    as_of : float
        Reference time as a fractional year.
    """
    weight = _weights(table.year, as_of, params.half_life)
    weighted = weight * table.meetings

    def total(values: FloatArray, index: IntArray = pair, length: int = count) -> FloatArray:
        return np.bincount(index, weights=values, minlength=length).astype(np.float64)

    meetings = total(weighted)
    ahead, behind = total(weight * table.a_ahead), total(weight * table.b_ahead)
    closeness = _closeness(meetings, total(weight * table.place_gap), total(weight * table.marked),
                           total(weight * table.relative_mark_gap), params)  # fmt: skip
    stakes = _saturate(total(weighted * _stakes(table, params)), params.stakes_scale)
    repetition = _saturate(meetings, params.meetings_scale)
    balance = np.stack([_balance(ahead, behind, params), _balance(behind, ahead, params)], axis=1)
    statement_weight = _weights(discourse.year, as_of, params.half_life)
    statement_weight = np.where(discourse.dated, statement_weight, 1.0)
    direction = discourse.pair * 2 + (~discourse.forward).astype(np.int64)
    weighted = total(statement_weight * (discourse.statements + params.response_weight * discourse.responses),
                   direction, 2 * count).reshape(count, 2)  # fmt: skip
    weighted = weighted + params.received_weight * weighted[:, ::-1]
    discourse_factor = _saturate(weighted, params.discourse_scale)
    rated, parity_sum = total(weight * table.rated), total(weight * table.parity_sum)
    parity = np.where(rated > 0, parity_sum / np.where(rated > 0, rated, 1.0), 0.0)
    parity_both = np.stack([parity, parity], axis=1)
    both = np.stack([repetition, repetition], axis=1)
    closeness_both = np.stack([closeness, closeness], axis=1)
    stakes_both = np.stack([stakes, stakes], axis=1)
    score = params.combine(both, balance, closeness_both, stakes_both, discourse_factor, parity_both)
    meetings_count = np.bincount(pair, weights=table.meetings, minlength=count)
    return PairScores(score, both, balance, closeness_both, stakes_both, discourse_factor,
                      np.rint(meetings_count).astype(np.int64), parity_both)  # fmt: skip


def _balance(ahead: FloatArray, behind: FloatArray, params: ScoreParameters) -> FloatArray:
    denominator = ahead + behind + params.balance_prior
    safe = np.where(denominator > 0, denominator, 1.0)
    return np.where(denominator > 0, 1.0 - np.abs(ahead - behind) / safe, 0.0)
