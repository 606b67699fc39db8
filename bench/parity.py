"""Parity as the score's sixth factor: what it measures, what it costs, who rises and falls (issue 14).

Kilduff et al. (2010) name similarity as a driver of rivalry. The score counts
*parity* (:mod:`rivalgraph.analysis.parity`): over a pair's shared races,
``1 - |2p - 1|`` with ``p`` openskill's probability, by both athletes' season
ratings, that one finishes ahead. This benchmark, on a store of the full graph
with strength ratings (``rivalgraph build`` then ``rivalgraph strength``):

1. how parity relates to balance and closeness (Spearman, pairs with at least
   three shared races);
2. the cost: reading and scoring the whole graph with ratings against the same
   without them (``w_parity=0`` skips nothing, so the reading is timed apart);
3. for well-known athletes, their top rivals by the five-factor score and by the
   score as built (six factors), and which rivals rise or fall.

Figures go to the ``parity`` block of bench/RESULTS.md.

Usage: ``python -m bench.parity [--store DIR]``
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import numpy as np
from scipy.stats import spearmanr

from bench.sections import replace_section
from rivalgraph.analysis.ranking import rank_rivals, score_graph
from rivalgraph.analysis.reader import read_meetings, read_projection, read_ratings_table
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.query import resolve_athlete
from rivalgraph.store import open_store

T = TypeVar("T")
ATHLETES = ("Jakob Ingebrigtsen", "Faith Kipyegon", "Armand Duplantis", "Noah Lyles")
TOP = 5


def _seconds(job: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = job()
    return result, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path,
                        default=Path(tempfile.gettempdir()) / "rivalgraph-athletics")  # fmt: skip
    location = parser.parse_args(argv).store
    store = open_store(location)
    ratings, read_ratings = _seconds(lambda: read_ratings_table(store))
    if not len(ratings):
        raise SystemExit(f"{location} holds no strength ratings: run `rivalgraph strength` first")
    _, plain_meetings = _seconds(lambda: read_meetings(store))
    _, rated_meetings = _seconds(lambda: read_meetings(store, ratings=ratings))
    projection, read_all = _seconds(lambda: read_projection(store))
    built, score_six = _seconds(lambda: score_graph(projection, ScoreParameters()))
    five, score_five = _seconds(lambda: score_graph(projection, ScoreParameters(w_parity=0)))
    rows = [(a.parity, a.balance, a.closeness) for _, _, a in built.edges(data="assessment")
            if a.meetings >= 3]  # fmt: skip
    values = np.array(rows)
    lines = ["## Strength parity as a rivalry factor (bench/parity.py)", "",
             f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}; store {location} "
             f"({len(ratings):,} season ratings).", "",
             f"{len(values):,} directed pairs with at least 3 shared races. Spearman correlation "
             f"of parity with balance {spearmanr(values[:, 0], values[:, 1]).statistic:.2f}, "
             f"with closeness {spearmanr(values[:, 0], values[:, 2]).statistic:.2f}; mean parity "
             f"{values[:, 0].mean():.2f}.", "",
             "| step | seconds |", "|---|---:|",
             f"| read the season ratings (season-ratings.rq) | {read_ratings:.1f} |",
             f"| meeting groups without parity (read_meetings) | {plain_meetings:.1f} |",
             f"| meeting groups with parity | {rated_meetings:.1f} |",
             f"| whole projection with ratings (read_projection) | {read_all:.1f} |",
             f"| score all pairs, five factors | {score_five:.2f} |",
             f"| score all pairs, six factors (as built) | {score_six:.2f} |", ""]  # fmt: skip
    for name in ATHLETES:
        athlete = resolve_athlete(store, name).value
        before = rank_rivals(five, athlete)
        after = rank_rivals(built, athlete)
        place = {rival.target: rival.rank for rival in before}
        lines += [f"{name}: five factors | six factors (with parity, as built)", "",
                  "| rank | five factors (score, balance) | six factors (score, parity, was) |",
                  "|---:|---|---|"]  # fmt: skip
        for now, then in zip(before[:TOP], after[:TOP], strict=True):
            a, b = now.assessment, then.assessment
            was = place[then.target]
            lines.append(f"| {now.rank} | {now.label} ({a.score:.3f}, {a.balance:.2f}) | "
                         f"{then.label} ({b.score:.3f}, {b.parity:.2f}, was {was}) |")  # fmt: skip
        lines.append("")
    replace_section("parity", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
