"""The rating with the season's best: fitted before the cutoff, better than either alone."""

from __future__ import annotations

import numpy as np

from rivalgraph.strength import baselines
from rivalgraph.strength.combined import rating_with_marks
from rivalgraph.strength.evaluation import score
from rivalgraph.strength.pairs import race_pairs
from rivalgraph.strength.ratings import plackett_luce

from .strength_support import simulated
from .test_strength_evaluation import _reversed_from


def test_the_weights_are_fitted_on_the_races_before_the_cutoff_only() -> None:
    contests, _ = simulated(athletes=30, races=400, field=6)
    cutoff = int(contests.day[300])
    fitted = rating_with_marks(contests, cutoff)
    # Turning the later races round changes the online ratings after the cutoff, not the weights.
    again = rating_with_marks(_reversed_from(contests, cutoff), cutoff)
    assert (fitted.rating_weight, fitted.mark_weight) == (again.rating_weight, again.mark_weight)
    assert fitted.rating_weight > 0 and fitted.mark_weight > 0
    assert fitted.parameters["beta"] == fitted.run.parameters["beta"]


def test_together_they_predict_at_least_as_well_as_either_alone() -> None:
    contests, _ = simulated(athletes=30, races=600, field=6, seed=11)
    cutoff = int(contests.day[400])
    run = plackett_luce(contests)
    combined = rating_with_marks(contests, cutoff, run)
    later = race_pairs(contests, np.flatnonzero(contests.day >= cutoff))
    training = race_pairs(contests, np.flatnonzero(contests.day < cutoff))
    marks = baselines.season_best(contests)
    marks.scale = baselines.fit_scale(marks.gaps(training), training.first_ahead)
    together = score(combined.probability(later), later.first_ahead)
    alone = [score(run.probability(later), later.first_ahead),
             score(marks.probability(later), later.first_ahead)]  # fmt: skip
    assert together.log_loss <= min(s.log_loss for s in alone) + 0.005
    assert together.known > alone[1].known  # the rating speaks where no season's best exists
