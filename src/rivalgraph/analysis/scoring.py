r"""The directed rivalry score: how strongly a *holder* regards a *target* as a rival.

The score follows the factors the literature names.  Kilduff, Elfenbein & Staw
(2010) find that rivalry grows with *repeated competition*, with *how evenly
matched* and *how close* past contests were, and with what was at stake;
Havard, Gray, Gould, Sharp & Schaffer (2013) add the off-field side: incidents
and words exchanged between the rivals.  Each factor is a number in [0, 1];
the score is their weighted mean, so it is continuous, finite, and grows with
each kind of evidence.

Every piece of evidence is weighted by its recency,

.. math::  r(y) = 2^{-\max(0,\; t_{as\,of} - (y + \tfrac12)) / h}

with :math:`y` the year of the event, :math:`h` the half-life in years and
:math:`t_{as\,of}` the reference date as a fractional year (the latest dated
event in the graph unless given); events after the reference year count zero.
For a holder :math:`A` and a target :math:`B`, summing over their meeting
groups :math:`g` (races grouped by year, round, scope and stakes):

=================  ==========================================================================
factor             definition
=================  ==========================================================================
repetition  R      :math:`M / (M + m_0)`, :math:`M = \sum_g r_g n_g` (recency-weighted meetings)
balance  B         :math:`1 - |W_A - W_B| / (W_A + W_B + \beta)`, :math:`W_X = \sum_g r_g\,
                   \text{ahead}_X` (a prior :math:`\beta` keeps one race from looking even)
closeness  C       mean of :math:`e^{-(\bar p - 1)/p_0}` and :math:`e^{-\bar t / t_0}`:
                   :math:`\bar p` mean place gap, :math:`\bar t` mean relative mark gap
                   (:math:`|m_A - m_B|` over the better mark: the lower time, the longer
                   jump or throw, the more points, so 1 % is 1 % in a sprint, a marathon or
                   the javelin), both recency-weighted; place only when no race has both marks
stakes  S          :math:`\Sigma / (\Sigma + s_0)`, :math:`\Sigma = \sum_g r_g n_g\, w_{round}\,
                   w_{scope}\,(1 + b_{podium}[\text{both top 3}] + b_{title}[\text{one won}])`
discourse  D       :math:`T / (T + d_0)`, :math:`T = O_{AB} + \kappa O_{BA}`, :math:`O_{XY} = \sum r
                   (\text{statements}_{XY} + \rho\,\text{responses}_{XY})`: what X said about
                   Y or in answer to Y; being spoken about or answered counts with
                   :math:`\kappa`
parity  P          :math:`\sum r\,\pi / \sum r` over the shared races in which both were
                   rated, :math:`\pi = 1 - |2p - 1|` with :math:`p` the probability, by
                   their strength ratings of that season (``rivalgraph strength``), that A
                   finishes ahead: 1 when the ratings were level, 0 when one was far
                   stronger (Kilduff et al. name similarity as a driver of rivalry)
=================  ==========================================================================

.. math::  \text{score}(A \to B) = \frac{w_R R + w_B\,R B + w_C\,R C + w_S S + w_D D
                                       + w_P\,R P}{w_R + w_B + w_C + w_S + w_D + w_P}

Balance, closeness and parity are multiplied by repetition: two athletes who never met
are not "evenly matched".  Parity counts only on a store that holds strength
ratings: elsewhere its weight is 0 (see :func:`counted`), so the score is the
five-factor one.  Only discourse differs between the two directions
(what A said weighs 1 for A, :math:`\kappa` for B), so A's score towards B can
differ from B's towards A.

Parameters (:class:`ScoreParameters`, defaults in brackets): ``half_life`` h
[4 years], ``as_of`` [latest event], weights ``w_repetition``, ``w_balance``,
``w_closeness``, ``w_stakes``, ``w_discourse``, ``w_parity`` [1 each], ``meetings_scale``
:math:`m_0` [3], ``balance_prior`` :math:`\beta` [2], ``place_scale``
:math:`p_0` [2 places], ``time_scale`` :math:`t_0` [0.01 = 1 %; the scale of the relative *mark* gap, also
accepted as ``mark_scale``], ``stakes_scale``
:math:`s_0` [3], ``discourse_scale`` :math:`d_0` [2], round weights
``round_final`` [1], ``round_semi_final`` [0.5], ``round_heat`` [0.25], scope
weights ``scope_global`` [1], ``scope_continental`` [0.6], ``scope_national``
[0.3], ``scope_meeting`` [0.4, an invitational meeting], ``podium_bonus``
:math:`b_{podium}` [1], ``title_bonus`` :math:`b_{title}` [0.5],
``response_weight`` :math:`\rho` [1], ``received_weight`` :math:`\kappa` [0.5].

References
----------
.. [1] Kilduff, G. J., Elfenbein, H. A., & Staw, B. M. (2010). The psychology of
   rivalry: A relationally dependent analysis of competition. *Academy of
   Management Journal*, 53(5), 943-969.
.. [2] Havard, C. T., Gray, D. P., Gould, J., Sharp, L. A., & Schaffer, J. J.
   (2013). Development and validation of the Sport Rivalry Fan Perception
   Scale (SRFPS). *Journal of Sport Behavior*, 36(1), 45-65.

Examples
--------
>>> params = ScoreParameters(as_of="2024-12-31")
>>> final = SharedRaceGroup(2024, "Final", "GlobalScope", True, True, 1, 1, 0, 1, 1, 0.3, 0.0014)
>>> evidence = PairEvidence(shared_race_groups=(final,))
>>> a = assess(evidence, params)
>>> 0 < a.score < 1, round(a.repetition, 3)
(True, 0.234)
>>> said = DiscourseGroup(2024, statements=2, responses=1)
>>> assess(PairEvidence((final,), by_holder=(said,)), params).score > a.score
True
"""

from __future__ import annotations

import dataclasses
import difflib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from rivalgraph.errors import RivalgraphError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "AnalysisError",
    "ScoreParameters",
    "SharedRaceGroup",
    "DiscourseGroup",
    "PairEvidence",
    "Assessment",
    "mutual_values",
    "FACTORS",
    "assess",
    "recency",
    "fractional_year",
    "shared_race_stake",
    "counted",
    "counted_factors",
]

FACTORS = ("repetition", "balance", "closeness", "stakes", "discourse", "parity")


#: A factor: one pair's, or every pair's as an array (:mod:`rivalgraph.analysis.scorearrays`).
F = TypeVar("F", float, "npt.NDArray[np.float64]")


class AnalysisError(RivalgraphError):
    """The analysis was given parameters or data it cannot work with."""


@dataclass(frozen=True)
class ScoreParameters:
    """The parameters of the rivalry score; see the module docstring for the formula."""

    half_life: float = 4.0
    as_of: str | None = None
    w_repetition: float = 1.0
    w_balance: float = 1.0
    w_closeness: float = 1.0
    w_stakes: float = 1.0
    w_discourse: float = 1.0
    w_parity: float = 1.0
    meetings_scale: float = 3.0
    balance_prior: float = 2.0
    place_scale: float = 2.0
    time_scale: float = 0.01
    stakes_scale: float = 3.0
    discourse_scale: float = 2.0
    round_final: float = 1.0
    round_semi_final: float = 0.5
    round_heat: float = 0.25
    scope_global: float = 1.0
    scope_continental: float = 0.6
    scope_national: float = 0.3
    scope_meeting: float = 0.4
    podium_bonus: float = 1.0
    title_bonus: float = 0.5
    response_weight: float = 1.0
    received_weight: float = 0.5

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):
            if item.name == "as_of":
                continue
            value = getattr(self, item.name)
            if not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
                raise AnalysisError(f"parameter {item.name} must be a finite number >= 0, "
                                    f"not {value!r}")  # fmt: skip
        for name in ("half_life", "meetings_scale", "place_scale", "time_scale",
                     "stakes_scale", "discourse_scale"):  # fmt: skip
            if getattr(self, name) <= 0:
                raise AnalysisError(f"parameter {name} must be greater than 0")
        if self.weight_sum() <= 0:
            raise AnalysisError("at least one of the w_* weights must be greater than 0")
        if self.as_of is not None:
            _parse_date(self.as_of, "as_of")

    def weight_sum(self) -> float:
        return (self.w_repetition + self.w_balance + self.w_closeness + self.w_stakes
                + self.w_discourse + self.w_parity)  # fmt: skip

    def combine(self, repetition: F, balance: F, closeness: F, stakes: F, discourse: F, parity: F) -> F:
        """The score from its six factors: the one formula, for floats and numpy arrays alike.

        Balance, closeness and parity count in proportion to repetition: they say how a
        pair's races went, which matters as much as there were races.

        >>> ScoreParameters().combine(1.0, 1.0, 1.0, 1.0, 1.0, 1.0)
        1.0
        >>> ScoreParameters(w_discourse=0).combine(0.5, 1.0, 0.0, 0.0, 1.0, 0.0)
        0.2
        """
        return (
            self.w_repetition * repetition
            + self.w_balance * repetition * balance
            + self.w_closeness * repetition * closeness
            + self.w_stakes * stakes
            + self.w_discourse * discourse
            + self.w_parity * repetition * parity
        ) / self.weight_sum()

    @classmethod
    def names(cls) -> list[str]:
        """The parameter names, in declaration order."""
        return [item.name for item in dataclasses.fields(cls)]

    def with_values(self, values: Mapping[str, str | float | None]) -> ScoreParameters:
        """Return a copy with some parameters changed; values may be text (from a CLI).

        Names may use ``-`` for ``_``; ``mark_scale`` is another name of ``time_scale``.

        Raises
        ------
        AnalysisError
            For an unknown name (suggesting close ones) or a value that is not a number.

        Examples
        --------
        >>> ScoreParameters().with_values({"half-life": "3"}).half_life
        3.0
        >>> ScoreParameters().with_values({"half_lief": "3"})
        Traceback (most recent call last):
        ...
        rivalgraph.analysis.scoring.AnalysisError: unknown score parameter 'half_lief'; ...
        """
        known = self.names()
        changes: dict[str, object] = {}
        for raw, value in values.items():
            name = _ALIASES.get(raw.replace("-", "_"), raw.replace("-", "_"))
            if name not in known:
                close = difflib.get_close_matches(name, known, n=3)
                hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
                raise AnalysisError(f"unknown score parameter {raw!r}{hint} (known: {', '.join(known)})")
            if value is None:
                continue
            if name == "as_of":
                changes[name] = str(value)
                continue
            try:
                changes[name] = float(value)
            except ValueError:
                raise AnalysisError(f"parameter {raw} must be a number, not {value!r}") from None
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def describe(self) -> str:
        """One line listing every parameter, for provenance."""
        return ", ".join(f"{name}={getattr(self, name)}" for name in self.names())


#: Other names a parameter is known by: ``time_scale`` scales the gap of any mark.
_ALIASES = {"mark_scale": "time_scale"}


@dataclass(frozen=True)
class SharedRaceGroup:
    """Races two athletes both ran, grouped by year, round, scope and stakes.

    ``a`` and ``b`` are the pair in the order the graph stores it; ``*_gap``
    fields are sums over the group (divide by ``meetings`` or ``marked``);
    ``parity_sum`` is the sum of the parity of the ``rated`` races (those in
    which both athletes had a strength rating).
    """

    year: int
    round: str | None
    scope: str | None
    podium: bool
    title_between: bool
    meetings: int
    a_ahead: int
    b_ahead: int
    place_gap: float
    marked: int
    mark_gap: float
    relative_mark_gap: float
    first: str = ""
    last: str = ""
    rated: int = 0
    parity_sum: float = 0.0


@dataclass(frozen=True)
class DiscourseGroup:
    """What one athlete said about (or in answer to) another in one year."""

    year: int | None
    statements: int
    responses: int = 0
    first: str = ""
    last: str = ""


@dataclass(frozen=True)
class PairEvidence:
    """Everything the score of a holder towards a target is computed from.

    ``shared_race_groups`` are oriented so that ``a`` is the holder; ``by_holder`` are the statements the
    holder made about the target, ``by_target`` those the target made about the holder.
    """

    shared_race_groups: tuple[SharedRaceGroup, ...] = ()
    by_holder: tuple[DiscourseGroup, ...] = ()
    by_target: tuple[DiscourseGroup, ...] = ()


@dataclass(frozen=True)
class Assessment:
    """One directed score with its six factors (each in [0, 1])."""

    score: float
    repetition: float
    balance: float
    closeness: float
    stakes: float
    discourse: float
    meetings: int = 0
    parity: float = 0.0

    def factors(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in FACTORS}

    def contributions(self, params: ScoreParameters) -> dict[str, float]:
        """Each factor's part of the score: the terms of the weighted mean, which sum to it.

        Balance, closeness and parity count times repetition, as in the score.

        >>> a = Assessment(0.5, repetition=0.5, balance=1.0, closeness=1.0, stakes=0.5,
        ...                discourse=1.0)
        >>> a.contributions(ScoreParameters(w_parity=0))
        {'repetition': 0.1, 'balance': 0.1, 'closeness': 0.1, 'stakes': 0.1, 'discourse': 0.2, 'parity': 0.0}
        """
        weighted = {
            "repetition": params.w_repetition * self.repetition,
            "balance": params.w_balance * self.repetition * self.balance,
            "closeness": params.w_closeness * self.repetition * self.closeness,
            "stakes": params.w_stakes * self.stakes,
            "discourse": params.w_discourse * self.discourse,
            "parity": params.w_parity * self.repetition * self.parity,
        }
        return {name: weighted[name] / params.weight_sum() for name in FACTORS}


def mutual_values(first: Assessment, second: Assessment | None) -> dict[str, float]:
    """Score and factors of a pair: the mean of both directions (the values of an ``rg:Rivalry``,
    in the store and in every export).

    A missing direction scored 0: its score and discourse count 0, the factors
    of the races (the same both ways) are kept.

    >>> one = Assessment(0.6, 0.5, 1.0, 0.8, 0.4, 0.2, 3)
    >>> mutual_values(one, None)["score"], mutual_values(one, None)["balance"]
    (0.3, 1.0)
    """
    values = {"score": first.score, **first.factors()}
    if second is None:
        return {key: number / 2 if key in ("score", "discourse") else number
                for key, number in values.items()}  # fmt: skip
    other = {"score": second.score, **second.factors()}
    return {key: (values[key] + other[key]) / 2 for key in values}


def _parse_date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise AnalysisError(f"{what} must be a date YYYY-MM-DD, not {text!r}") from None


def fractional_year(day: str) -> float:
    """Turn an ISO date into a fractional year (mid-day).

    >>> round(fractional_year("2024-07-02"), 2)
    2024.5
    """
    when = _parse_date(day, "date")
    start = date(when.year, 1, 1)
    # Days in the year from its last day, so that 9999-12-31 (the last date) works too.
    length = date(when.year, 12, 31).timetuple().tm_yday
    return when.year + ((when - start).days + 0.5) / length


def recency(year: int | None, as_of: float, half_life: float) -> float:
    """The weight of an event of ``year`` seen from ``as_of`` (a fractional year).

    >>> recency(2020, 2024.5, 4.0)
    0.5
    >>> recency(2025, 2024.5, 4.0), recency(None, 2024.5, 4.0)
    (0.0, 1.0)
    """
    if year is None:
        return 1.0
    if year > math.floor(as_of):
        return 0.0
    age = max(0.0, as_of - (year + 0.5))
    return float(0.5 ** (age / half_life))


def shared_race_stake(
    round_name: str | None,
    scope: str | None,
    podium: bool,
    title_between: bool,
    params: ScoreParameters,
) -> float:
    """What one race puts at stake: round weight x scope weight x (1 + bonuses).

    >>> shared_race_stake("Final", "GlobalScope", True, True, ScoreParameters())
    2.5
    >>> shared_race_stake("Heat", None, False, False, ScoreParameters())
    0.1
    """
    rounds, scopes = _weights(params)
    weight = rounds.get(round_name or "Final", params.round_final)
    weight *= scopes.get(scope or "", params.scope_meeting)
    bonus = 1.0 + params.podium_bonus * podium + params.title_bonus * (podium and title_between)
    return round(weight * bonus, 12)


@lru_cache(maxsize=8)
def _weights(params: ScoreParameters) -> tuple[dict[str, float], dict[str, float]]:
    rounds = {"Final": params.round_final, "SemiFinal": params.round_semi_final,
              "Heat": params.round_heat}  # fmt: skip
    scopes = {"GlobalScope": params.scope_global, "ContinentalScope": params.scope_continental,
              "NationalScope": params.scope_national}  # fmt: skip
    return rounds, scopes


@dataclass
class _Sums:
    meetings: float = 0.0
    ahead: float = 0.0
    behind: float = 0.0
    place_gap: float = 0.0
    marked: float = 0.0
    relative_mark_gap: float = 0.0
    stakes: float = 0.0
    count: int = 0
    rated: float = 0.0
    parity: float = 0.0


def _track_sums(groups: Iterable[SharedRaceGroup], as_of: float, params: ScoreParameters) -> _Sums:
    sums = _Sums()
    for group in groups:
        weight = recency(group.year, as_of, params.half_life)
        sums.count += group.meetings
        sums.meetings += weight * group.meetings
        sums.ahead += weight * group.a_ahead
        sums.behind += weight * group.b_ahead
        sums.place_gap += weight * group.place_gap
        sums.marked += weight * group.marked
        sums.relative_mark_gap += weight * group.relative_mark_gap
        stake = shared_race_stake(group.round, group.scope, group.podium, group.title_between, params)
        sums.stakes += weight * group.meetings * stake
        sums.rated += weight * group.rated
        sums.parity += weight * group.parity_sum
    return sums


def _weighted_statements(groups: Iterable[DiscourseGroup], as_of: float, params: ScoreParameters) -> float:
    return sum(
        recency(group.year, as_of, params.half_life)
        * (group.statements + params.response_weight * group.responses)
        for group in groups
    )


def _saturate(amount: float, scale: float) -> float:
    """Diminishing returns: 0 for nothing, 1/2 at ``scale``, towards 1 (never reached)."""
    return amount / (amount + scale) if amount > 0 else 0.0


def _closeness(sums: _Sums, params: ScoreParameters) -> float:
    if sums.meetings <= 0:
        return 0.0
    mean_place_gap = sums.place_gap / sums.meetings
    by_place = math.exp(-max(0.0, mean_place_gap - 1.0) / params.place_scale)
    if sums.marked <= 0:
        return by_place
    by_mark = math.exp(-(sums.relative_mark_gap / sums.marked) / params.time_scale)
    return (by_place + by_mark) / 2


def assess(evidence: PairEvidence, params: ScoreParameters, as_of: float | None = None) -> Assessment:
    """Score the holder's rivalry towards the target from their evidence.

    Parameters
    ----------
    evidence : PairEvidence
        Meetings (oriented: ``a`` is the holder), the statements by the holder and by the target.
    params : ScoreParameters
        The formula's parameters.
    as_of : float, optional
        Reference time as a fractional year; by default ``params.as_of`` or,
        if that is unset, the end of the latest year in the evidence.
    """
    if as_of is None:
        as_of = _default_as_of(evidence, params)
    sums = _track_sums(evidence.shared_race_groups, as_of, params)
    repetition = _saturate(sums.meetings, params.meetings_scale)
    denominator = sums.ahead + sums.behind + params.balance_prior
    balance = 1.0 - abs(sums.ahead - sums.behind) / denominator if denominator > 0 else 0.0
    closeness = _closeness(sums, params)
    stakes = _saturate(sums.stakes, params.stakes_scale)
    weighted = _weighted_statements(evidence.by_holder, as_of, params)
    weighted += params.received_weight * _weighted_statements(evidence.by_target, as_of, params)
    discourse = _saturate(weighted, params.discourse_scale)
    parity = sums.parity / sums.rated if sums.rated > 0 else 0.0
    total = params.combine(repetition, balance, closeness, stakes, discourse, parity)
    return Assessment(total, repetition, balance, closeness, stakes, discourse, sums.count,
                      parity)  # fmt: skip


def counted_factors(params: ScoreParameters) -> tuple[str, ...]:
    """The factors shown and written with a score: all but parity where it was not counted.

    >>> counted_factors(ScoreParameters(w_parity=0))[-1], counted_factors(ScoreParameters())[-1]
    ('discourse', 'parity')
    """
    return tuple(name for name in FACTORS if name != "parity" or params.w_parity > 0)


def counted(params: ScoreParameters, rated: bool) -> ScoreParameters:
    """The parameters the score is computed with: parity counts only where ratings exist.

    On a store without strength ratings no pair has a parity, so its weight is
    set to 0 (the five-factor score) rather than counting every pair's parity as 0.

    Raises
    ------
    AnalysisError
        If parity is the only factor with weight and there are no ratings.

    Examples
    --------
    >>> counted(ScoreParameters(), rated=False).w_parity, counted(ScoreParameters(), True).w_parity
    (0.0, 1.0)
    """
    if rated or params.w_parity == 0:
        return params
    if params.weight_sum() - params.w_parity <= 0:
        raise AnalysisError("only the parity factor has a weight, and the store holds no "
                            "strength ratings (compute them with the strength command)")  # fmt: skip
    return dataclasses.replace(params, w_parity=0.0)


def _default_as_of(evidence: PairEvidence, params: ScoreParameters) -> float:
    if params.as_of is not None:
        return fractional_year(params.as_of)
    years = [g.year for g in evidence.shared_race_groups] + [
        g.year for g in (*evidence.by_holder, *evidence.by_target) if g.year is not None
    ]
    return float(max(years) + 1) if years else float(date.today().year)
