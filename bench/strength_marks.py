"""Mark rankings for Plackett–Luce: the grid on the validation period, then the test period.

The experiment of :mod:`rivalgraph.strength.marks`: besides the races, openskill's
Plackett–Luce learns, for every pool and window, the entrants' best marks of the window
ranked, dated at the window's end.  On the contests of the full graph (a pickle of
:class:`~rivalgraph.strength.contests.Contests`, ``--contests``; or read from ``--store``):

1. the grid on the *validation* period only (ratings learnt race by race from the races
   before 2021, each race of 2021–2022 predicted from the days before it; the mark
   rankings built from the races before 2023 only): window length, the mark rankings'
   ``beta`` as a multiple of the races', a cap on a ranking's size; with the plain model
   and the season's best (scaled on 2019–2020) on the same pairs as the bar;
2. the setting with the least log-loss in validation championship finals, then scored once on the
   test period (races from 2023-01-01) by :func:`rivalgraph.strength.evaluation.evaluate`,
   against the plain model and the baselines, all races, finals and per discipline.

Figures go to the ``strength-marks`` block of bench/RESULTS.md.

Usage: ``python -m bench.strength_marks [--contests FILE | --store DIR]``
"""

from __future__ import annotations

import argparse
import os
import pickle
import platform
import time
from datetime import date
from pathlib import Path

import numpy as np

from bench.sections import replace_section
from bench.strength import CUTOFF, VALIDATION, _before
from rivalgraph.strength import baselines
from rivalgraph.strength.contests import Contests
from rivalgraph.strength.evaluation import Score, day_number, evaluate, markdown, score
from rivalgraph.strength.marks import MARK_RANKINGS, mark_rankings, plackett_luce_with_marks
from rivalgraph.strength.pairs import race_pairs
from rivalgraph.strength.ratings import plackett_luce

#: (window_days, beta_factor, max_size, beta); max_size 0: no cap; beta: the races' (their
#: default, 12.5, was chosen without mark rankings: more updates spread the ratings further).
GRID = ((1, 1.0, 0, 12.5), (7, 1.0, 0, 12.5), (30, 1.0, 0, 12.5), (1, 2.0, 0, 12.5),
        (7, 2.0, 0, 12.5), (30, 2.0, 0, 12.5), (7, 4.0, 0, 12.5), (30, 4.0, 0, 12.5),
        (7, 0.5, 0, 12.5), (7, 1.0, 20, 12.5), (1, 1.0, 0, 25.0), (7, 1.0, 0, 16.67),
        (7, 1.0, 0, 25.0), (7, 0.5, 0, 25.0), (7, 2.0, 0, 25.0), (30, 1.0, 0, 25.0),
        (30, 4.0, 0, 16.67), (7, 1.0, 0, 37.5))  # fmt: skip
#: The races-only model's beta, for the bar.
PLAIN_BETAS = (12.5, 25.0)
BASELINE = "season's best before the race"


def _row(name: str, every: Score, finals: Score, seconds: float, extra: str = "") -> str:
    return (f"| {name} | {every.accuracy:.3f} | {every.log_loss:.3f} | {finals.accuracy:.3f} | "
            f"{finals.log_loss:.3f} | {extra} | {seconds:.1f} |")  # fmt: skip


def grid(contests: Contests, settings: tuple[tuple[int, float, int, float], ...] = GRID
         ) -> tuple[list[str], dict[str, float]]:  # fmt: skip
    """The validation grid; returns its table and the chosen setting."""
    known = _before(contests, day_number(CUTOFF))
    start = day_number(VALIDATION)
    pairs = race_pairs(known, np.flatnonzero(known.day >= start))
    final = known.championship_final[pairs.race]
    lines = [f"Grid (validation, never the test period): ratings learnt race by race from the "
             f"races before {VALIDATION}, each of the {len(pairs):,} pairs of "
             f"{VALIDATION.year}–{CUTOFF.year - 1} ({int(final.sum()):,} in championship finals) "
             f"predicted from the days before its race; mark rankings built from the races "
             f"before {CUTOFF} only.", "",
             "| model | accuracy | log-loss | finals accuracy | finals log-loss | rankings "
             "(mean size) | seconds |", "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    training = race_pairs(known, np.flatnonzero((known.day < start)
                                                & (known.day >= start - 731)))  # fmt: skip
    t = time.perf_counter()
    best = baselines.season_best(known)
    best.scale = baselines.fit_scale(best.gaps(training), training.first_ahead)
    p = best.probability(pairs)
    lines.append(_row(BASELINE, score(p, pairs.first_ahead), score(p[final],
                      pairs.first_ahead[final]), time.perf_counter() - t))  # fmt: skip
    for beta in PLAIN_BETAS:
        t = time.perf_counter()
        p = plackett_luce(known, parameters={"beta": beta}).probability(pairs)
        lines.append(
            _row(
                f"Plackett-Luce, races only, beta {beta:g}",
                score(p, pairs.first_ahead),
                score(p[final], pairs.first_ahead[final]),
                time.perf_counter() - t,
            )
        )
    results: list[tuple[float, float, dict[str, float]]] = []
    for window, factor, cap, beta in settings:
        chosen = {"window_days": window, "beta_factor": factor, "max_size": cap, "beta": beta}
        t = time.perf_counter()
        rankings = mark_rankings(known, window, cap or None)
        p = plackett_luce_with_marks(known, parameters=chosen).probability(pairs)
        seconds = time.perf_counter() - t
        every, finals = score(p, pairs.first_ahead), score(p[final], pairs.first_ahead[final])
        size = len(rankings.entrant) / max(len(rankings), 1)
        name = f"+ marks: {window} d, races' beta {beta:g}, rankings' ×{factor:g}" + (
            f", cap {cap}" if cap else ""
        )
        lines.append(_row(name, every, finals, seconds, f"{len(rankings):,} ({size:.1f})"))
        results.append((finals.log_loss, every.log_loss, chosen))
        print(lines[-1], flush=True)
    chosen = min(results, key=lambda r: (round(r[0], 3), r[1]))[2]
    lines += ["", f"Chosen (least finals log-loss in validation, then overall): window "
              f"{chosen['window_days']} d, races' beta {chosen['beta']:g}, rankings' beta "
              f"×{chosen['beta_factor']:g}, cap {chosen['max_size'] or 'none'}."]  # fmt: skip
    return lines, chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contests", type=Path, default=Path("/tmp/contests.pkl"))
    parser.add_argument("--store", type=Path)
    parser.add_argument("--grid-only", action="store_true")
    options = parser.parse_args(argv)
    if options.store:
        from rivalgraph.store import open_store
        from rivalgraph.strength.contests import read_contests

        contests = read_contests(open_store(options.store))
    else:
        with options.contests.open("rb") as handle:
            contests = pickle.load(handle)
    lines = ["## Mark rankings for Plackett–Luce (bench/strength_marks.py)", "",
             f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}; {len(contests):,} races.", ""]  # fmt: skip
    table, chosen = grid(contests)
    lines += table + [""]
    replace_section("strength-marks", "\n".join(lines))
    print("\n".join(lines), flush=True)
    if options.grid_only:
        return 0
    # The chosen setting, for evaluate's "openskill marks" (the plain model keeps its own).
    MARK_RANKINGS.update(chosen)
    evaluation = evaluate(contests, CUTOFF, models=("openskill", "openskill marks"))
    lines += [f"Test period, the chosen setting ({chosen}):", "", markdown(evaluation), ""]
    plain = "rating: Plackett-Luce (openskill), online"
    wins = sum(s[plain].accuracy > s[BASELINE].accuracy and s[plain].log_loss < s[BASELINE].log_loss
               for s in evaluation.by_discipline.values())  # fmt: skip
    lines += [f"For comparison, the races-only model ({plain}) beats the {BASELINE} on both in "
              f"{wins} of {len(evaluation.by_discipline)} disciplines.", ""]  # fmt: skip
    replace_section("strength-marks", "\n".join(lines))
    print("\n".join(lines[-2:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
