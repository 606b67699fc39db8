"""Out-of-sample validation: fit before a cutoff, predict every pair of every later race.

:func:`evaluate` fits every forecast on the races before the cutoff and scores
its predictions of the pairs of the later races (:mod:`.pairs`): pairwise
accuracy (a 0.5 counts half), log-loss (probabilities clipped to
[1e-6, 1 - 1e-6]) and a reliability table, over all later races, over
championship finals, and per discipline in championship finals.  Two protocols
for the rating models (see ``docs/strength.md``): *frozen* at the cutoff, and
*online* (learning from the later races too, each race predicted from the days
before it).  :func:`markdown` writes the figures as the tables of
``bench/RESULTS.md``.

Examples
--------
>>> import numpy as np
>>> outcome = np.array([True, False, True, True])
>>> score(np.array([0.9, 0.2, 0.5, 0.4]), outcome)
Score(pairs=4, accuracy=0.625, log_loss=0.484485494851534, known=0.75)
>>> [row[0] for row in reliability(np.array([0.05, 0.95]), np.array([False, True]))]
[0, 9]
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from rivalgraph.errors import RivalgraphError
from rivalgraph.strength import baselines, ratings
from rivalgraph.strength.contests import Contests
from rivalgraph.strength.pairs import Pairs, race_pairs
from rivalgraph.strength.ratings import Forecast

__all__ = ["MODELS", "Score", "Evaluation", "score", "reliability", "evaluate", "markdown", "day_number"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
_CLIP = 1e-6
#: The rating models :func:`evaluate` compares by default.
MODELS = ("openskill", "whr", "choix", "combined")
#: How far back from the cutoff the baselines' logistic scale is fitted.
_SCALE_YEARS = 2


def day_number(day: date) -> int:
    """Days since 1970-01-01, the day unit of :class:`~.contests.Contests`."""
    return int(np.datetime64(day.isoformat(), "D").astype(np.int64))


@dataclass(frozen=True)
class Score:
    """How good a set of predictions was."""

    pairs: int
    accuracy: float
    log_loss: float
    known: float  # the share of pairs with a prediction other than 0.5


def score(probability: FloatArray, first_ahead: BoolArray) -> Score:
    """Accuracy, log-loss and coverage of the probabilities that the first is ahead."""
    if not len(probability):
        return Score(0, float("nan"), float("nan"), float("nan"))
    right = np.where(probability == 0.5, 0.5, (probability > 0.5) == first_ahead)
    p = np.clip(probability, _CLIP, 1 - _CLIP)
    loss = -np.where(first_ahead, np.log(p), np.log(1 - p))
    return Score(len(p), float(right.mean()), float(loss.mean()),
                 float(np.mean(probability != 0.5)))  # fmt: skip


def reliability(probability: FloatArray, first_ahead: BoolArray, bins: int = 10
                ) -> list[tuple[int, int, float, float]]:  # fmt: skip
    """Per bin of predicted probability: (bin, pairs, mean predicted, observed share)."""
    which = np.minimum((probability * bins).astype(np.int64), bins - 1)
    rows = []
    for b in range(bins):
        chosen = which == b
        if chosen.any():
            rows.append((b, int(chosen.sum()), float(probability[chosen].mean()),
                         float(first_ahead[chosen].mean())))  # fmt: skip
    return rows


@dataclass
class Evaluation:
    """The figures of one :func:`evaluate` run."""

    cutoff: date
    until: date
    races: int
    overall: dict[str, Score]
    finals: dict[str, Score]
    by_discipline: dict[str, dict[str, Score]]
    reliability: dict[str, list[tuple[int, int, float, float]]]
    seconds: dict[str, float]
    parameters: dict[str, Mapping[str, float]] = field(default_factory=dict)

    @property
    def best_model(self) -> str:
        """The rating model with the lowest log-loss in championship finals."""
        models = [name for name in self.finals if name.startswith("rating:")]
        return min(models, key=lambda name: self.finals[name].log_loss)


def _timed(seconds: dict[str, float], name: str, make: Callable[[], Forecast]) -> Forecast:
    started = time.perf_counter()
    made = make()
    seconds[name] = time.perf_counter() - started
    return made


def _scaled(gap: baselines.Gap, training: Pairs) -> baselines.Gap:
    gap.scale = baselines.fit_scale(gap.gaps(training), training.first_ahead)
    return gap


def forecasts(contests: Contests, cutoff: int, seconds: dict[str, float],
              models: Sequence[str] = MODELS) -> dict[str, Forecast]:  # fmt: skip
    """Every forecast of the validation, fitted on the races before ``cutoff``.

    ``models``: any of ``openskill`` (online and frozen), ``openskill marks``
    (online, with the mark rankings of :mod:`.marks`), ``whr``, ``choix``,
    ``combined`` (the online rating with the season's best, :mod:`.combined`); the
    baselines are always made.
    """
    training = race_pairs(
        contests,
        np.flatnonzero((contests.day < cutoff) & (contests.day >= cutoff - round(_SCALE_YEARS * 365.25))),
    )
    made: dict[str, Forecast] = {}
    if "openskill" in models:
        made["rating: Plackett-Luce (openskill), online"] = _timed(
            seconds, "openskill online", lambda: ratings.plackett_luce(contests)
        )
        made["rating: Plackett-Luce (openskill), frozen"] = _timed(
            seconds, "openskill frozen", lambda: ratings.plackett_luce(contests, cutoff)
        )
    if "combined" in models:
        from rivalgraph.strength.combined import rating_with_marks

        online = made.get("rating: Plackett-Luce (openskill), online")
        made["rating: Plackett-Luce (openskill) with the season's best, online"] = _timed(
            seconds,
            "openskill with the season's best",
            lambda: rating_with_marks(
                contests, cutoff, online if isinstance(online, ratings.RatingRun) else None
            ),
        )
    if "openskill marks" in models:
        from rivalgraph.strength.marks import plackett_luce_with_marks

        made["rating: Plackett-Luce (openskill) with mark rankings, online"] = _timed(
            seconds, "openskill with mark rankings online", lambda: plackett_luce_with_marks(contests)
        )
    if "whr" in models:
        made["rating: Whole-History Rating (whr), frozen"] = _timed(
            seconds, "whr", lambda: ratings.whole_history(contests, cutoff)
        )
    if "choix" in models:
        made["rating: Plackett-Luce MLE (choix), frozen"] = _timed(
            seconds, "choix", lambda: ratings.static_plackett_luce(contests, cutoff)
        )
    made["season's best before the race"] = _timed(
        seconds, "season's best", lambda: _scaled(baselines.season_best(contests), training)
    )
    made["all-time-list rank"] = _timed(
        seconds, "all-time rank", lambda: _scaled(baselines.all_time_rank(contests, cutoff), training)
    )
    made["prestige (PageRank)"] = _timed(
        seconds, "prestige", lambda: _scaled(baselines.prestige(contests, cutoff), training)
    )
    made["previous head-to-head"] = baselines.head_to_head(contests)
    made["coin"] = baselines.coin()
    return made


def evaluate(contests: Contests, cutoff: date, until: date | None = None,
             models: Sequence[str] = MODELS,
             discipline_names: Mapping[str, str] | None = None,
             minimum_final_pairs: int = 30) -> Evaluation:  # fmt: skip
    """Fit before ``cutoff``, predict the pairs of the races from it to ``until`` (inclusive).

    Raises
    ------
    RivalgraphError
        If no race lies before the cutoff, or none from it on (to ``until``).
    """
    first, last = day_number(cutoff), day_number(until) if until else None
    later = (contests.day >= first) & ((contests.day <= last) if last is not None else True)
    if not later.any() or not (contests.day < first).any():
        side = "from it on" if not later.any() else "before it"
        raise RivalgraphError(f"cutoff {cutoff}: no race {side}, nothing to "
                              f"{'predict' if not later.any() else 'fit on'}")  # fmt: skip
    tested = race_pairs(contests, np.flatnonzero(later))
    seconds: dict[str, float] = {}
    made = forecasts(contests, first, seconds, models)
    final = contests.championship_final[tested.race]
    pool = contests.pool[tested.race]
    names = discipline_names or {}
    overall, finals, reliable = {}, {}, {}
    by_discipline: dict[str, dict[str, Score]] = {}
    for name, forecast in made.items():
        started = time.perf_counter()
        probability = forecast.probability(tested)
        seconds[f"{name} (predict)"] = time.perf_counter() - started
        overall[name] = score(probability, tested.first_ahead)
        finals[name] = score(probability[final], tested.first_ahead[final])
        reliable[name] = reliability(probability, tested.first_ahead)
        for index, (discipline, sex) in enumerate(contests.pools):
            chosen = final & (pool == index)
            if chosen.sum() < minimum_final_pairs:
                continue
            label = (
                f"{names.get(discipline, discipline.rsplit('#', 1)[-1])}, {sex.rsplit('#', 1)[-1].lower()}"
            )
            by_discipline.setdefault(label, {})[name] = score(probability[chosen], tested.first_ahead[chosen])
    parameters: dict[str, Mapping[str, float]] = {
        name: dict(getattr(forecast, "parameters", {}) or {})
                  for name, forecast in made.items()}  # fmt: skip
    return Evaluation(cutoff, until or date.fromordinal(int(contests.day.max()) + 719163),
                      int(later.sum()), overall, finals, by_discipline, reliable, seconds,
                      parameters)  # fmt: skip


def _table(scores: Mapping[str, Score]) -> list[str]:
    lines = ["| predictor | pairs | accuracy | log-loss | with a prediction |", "|---|---:|---:|---:|---:|"]
    for name, s in sorted(scores.items(), key=lambda item: item[1].log_loss):
        lines.append(f"| {name} | {s.pairs:,} | {s.accuracy:.3f} | {s.log_loss:.3f} | "
                     f"{s.known:.0%} |")  # fmt: skip
    return lines


def markdown(evaluation: Evaluation, baseline: str = "season's best before the race") -> str:
    """The figures as Markdown tables (all later races, finals, per discipline, reliability)."""
    best = evaluation.best_model
    lines = [f"Fitted on the races before {evaluation.cutoff}, predicting every pair of "
             f"finishers of the {evaluation.races:,} races from then to {evaluation.until}.", "",
             "All later races:", "", *_table(evaluation.overall), "",
             "Championship finals:", "", *_table(evaluation.finals), ""]  # fmt: skip
    wins, rows = 0, []
    for label, scores in sorted(evaluation.by_discipline.items()):
        model, base = scores[best], scores[baseline]
        beats = model.accuracy > base.accuracy and model.log_loss < base.log_loss
        wins += beats
        rows.append(
            f"| {label} | {model.pairs:,} | {model.accuracy:.3f} / {base.accuracy:.3f} | "
            f"{model.log_loss:.3f} / {base.log_loss:.3f} | {'yes' if beats else 'no'} |"
        )
    lines += [f"Championship finals per discipline: {best} against the {baseline} "
              f"(accuracy, log-loss); the model beats it on both in {wins} of {len(rows)} "
              f"disciplines.", "",
              "| discipline | pairs | accuracy | log-loss | beats |", "|---|---:|---:|---:|:---:|",
              *rows, "", f"Reliability of {best} (all later races):", "",
              "| predicted | pairs | mean predicted | observed |", "|---|---:|---:|---:|"]  # fmt: skip
    for b, n, predicted, observed in evaluation.reliability[best]:
        lines.append(f"| {b / 10:.1f}–{(b + 1) / 10:.1f} | {n:,} | {predicted:.3f} | "
                     f"{observed:.3f} |")  # fmt: skip
    timing = ", ".join(f"{name} {value:.1f} s" for name, value in evaluation.seconds.items())
    lines += ["", f"Seconds: {timing}."]
    return "\n".join(lines)
