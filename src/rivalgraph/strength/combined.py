r"""A rating and the season's best mark together: what each knows that the other does not.

A Plackett–Luce rating (:func:`~.ratings.plackett_luce`) learns from who beat whom,
but not from the half of the toplist races with one listed finisher; the season's
best mark (:func:`~.baselines.season_best`) reads every mark, but not who beat whom.
:func:`rating_with_marks` joins them in one logistic model,

.. math::  P(A \text{ ahead of } B) = \sigma\big(w_r\,\mathrm{logit}\,p_{AB} + w_m\,g_{AB}\big)

with :math:`p_{AB}` openskill's own ``predict_win`` from the ratings just before the
race and :math:`g_{AB}` the relative gap of the season's bests (0 where either has
none).  The two weights are fitted (scipy) on the pairs of the races of the two years
before the cutoff, each predicted from the days before its race, never on what is
predicted.

Examples
--------
>>> import numpy as np
>>> from rivalgraph.strength.contests import Contests
>>> from rivalgraph.strength.pairs import race_pairs
>>> rows = 40
>>> columns = {"race": [f"r{i // 2}" for i in range(rows)],
...     "athlete": ["urn:a", "urn:b"] * (rows // 2), "place": ["1", "2"] * (rows // 2),
...     "mark": ["3.50", "3.55"] * (rows // 2), "measure": [None] * rows,
...     "date": [f"2022-{1 + i // 4:02d}-{1 + i % 4 * 7:02d}" for i in range(rows)],
...     "round": [None] * rows, "scope": [None] * rows, "discipline": ["urn:d"] * rows,
...     "sex": ["urn:s"] * rows}
>>> contests = Contests.from_columns(columns)
>>> combined = rating_with_marks(contests, int(contests.day[-1]))
>>> bool(combined.probability(race_pairs(contests))[-1] > 0.9)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from rivalgraph.strength.baselines import Gap, season_best
from rivalgraph.strength.contests import Contests
from rivalgraph.strength.pairs import Pairs, race_pairs
from rivalgraph.strength.ratings import Forecast, RatingRun, plackett_luce

__all__ = ["RatingWithMarks", "rating_with_marks", "TRAINING_DAYS"]

FloatArray = npt.NDArray[np.float64]
#: The weights are fitted on the races of this many days before the cutoff.
TRAINING_DAYS = 731


@dataclass
class RatingWithMarks(Forecast):
    """The logistic of a rating's log-odds and the season's-best gap (see the module docstring)."""

    run: RatingRun
    marks: Gap
    rating_weight: float
    mark_weight: float
    name: str = "Plackett-Luce (openskill) with the season's best mark"
    parameters: Mapping[str, float] = field(default_factory=dict)

    def features(self, pairs: Pairs) -> tuple[FloatArray, FloatArray]:
        """The rating's log-odds and the season's-best gap (0 where unknown) of every pair."""
        from scipy.special import logit

        p = np.clip(self.run.probability(pairs), 1e-9, 1 - 1e-9)
        gap = self.marks.gaps(pairs)
        return logit(p), np.where(np.isnan(gap), 0.0, gap)

    def probability(self, pairs: Pairs) -> FloatArray:
        rating, gap = self.features(pairs)
        result: FloatArray = 1.0 / (1.0 + np.exp(-(self.rating_weight * rating
                                                   + self.mark_weight * gap)))  # fmt: skip
        return result


def rating_with_marks(contests: Contests, cutoff: int, run: RatingRun | None = None,
                      parameters: Mapping[str, float] | None = None) -> RatingWithMarks:  # fmt: skip
    """Fit the two weights on the races of the :data:`TRAINING_DAYS` before ``cutoff``.

    ``run`` is an online Plackett–Luce run over ``contests`` (made when not given):
    each race's pairs are predicted from the ratings of the days before it.
    """
    from scipy.optimize import minimize

    run = run or plackett_luce(contests, parameters=parameters)
    combined = RatingWithMarks(run, season_best(contests), 1.0, 0.0,
                               parameters=dict(run.parameters))  # fmt: skip
    training = race_pairs(contests, np.flatnonzero(
        (contests.day < cutoff) & (contests.day >= cutoff - TRAINING_DAYS)))  # fmt: skip
    if not len(training):
        return combined
    rating, gap = combined.features(training)
    outcome = training.first_ahead.astype(np.float64)
    spread = float(np.std(gap)) or 1.0

    def loss(weights: FloatArray) -> float:
        z = weights[0] * rating + weights[1] * gap / spread
        return float(np.mean(np.logaddexp(0, -z) * outcome + np.logaddexp(0, z) * (1 - outcome)))

    found = minimize(loss, np.array([1.0, 1.0]), method="Nelder-Mead")
    combined.rating_weight, combined.mark_weight = float(found.x[0]), float(found.x[1]) / spread
    combined.parameters = {**run.parameters, "rating_weight": combined.rating_weight,
                           "mark_weight": combined.mark_weight}  # fmt: skip
    return combined
