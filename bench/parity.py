"""Would strength parity change the rivalry score? Measured before building it (issue 14).

Kilduff et al. (2010) name similarity as a driver of rivalry. For every pair of
athletes who raced each other, *parity* is the recency-weighted mean over their
shared races of ``1 - |2p - 1|``, with ``p`` openskill's probability (ratings of the
days before the race) that one finishes ahead: 1 when the model saw them even, 0
when it was sure. This benchmark, on a store of the full graph:

1. how parity relates to today's balance and closeness factors (Spearman, pairs with
   at least three shared races);
2. for well-known athletes, their top rivals by today's score and by the score with
   parity in place of balance (same weight, times repetition like balance), and which
   rivals rise or fall.

Figures go to the ``parity`` block of bench/RESULTS.md.

Usage: ``python -m bench.parity [--store DIR]``
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from bench.sections import replace_section
from rivalgraph.analysis.ranking import score_graph
from rivalgraph.analysis.reader import read_projection
from rivalgraph.analysis.scoring import FACTORS, ScoreParameters, recency
from rivalgraph.query import resolve_athlete
from rivalgraph.store import open_store
from rivalgraph.strength.contests import read_contests
from rivalgraph.strength.pairs import race_pairs
from rivalgraph.strength.ratings import plackett_luce

ATHLETES = ("Jakob Ingebrigtsen", "Faith Kipyegon", "Armand Duplantis", "Noah Lyles")
TOP = 5


def pair_parity(location: Path, as_of: float, half_life: float) -> dict[tuple[str, str], float]:
    """Parity of every pair of athletes who shared a race (IRIs in sorted order)."""
    contests = read_contests(open_store(location))
    run = plackett_luce(contests)
    pairs = race_pairs(contests)
    even = 1 - np.abs(2 * run.probability(pairs) - 1)
    years = contests.day[pairs.race].astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
    weight = {year: recency(int(year), as_of, half_life) for year in np.unique(years).tolist()}
    athlete = np.array(contests.entrant_athletes, dtype=object)
    first, second = athlete[contests.entrant[pairs.first]], athlete[contests.entrant[pairs.second]]
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for a, b, value, year in zip(first.tolist(), second.tolist(), even.tolist(), years.tolist(),
                                 strict=True):  # fmt: skip
        entry = sums[(a, b)]
        entry[0] += weight[year] * value
        entry[1] += weight[year]
    return {key: total / weights for key, (total, weights) in sums.items() if weights > 0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path,
                        default=Path(tempfile.gettempdir()) / "rivalgraph-athletics")  # fmt: skip
    location = parser.parse_args(argv).store
    params = ScoreParameters()
    started = time.perf_counter()
    store = open_store(location)
    scored = score_graph(read_projection(store), params)
    as_of = float(scored.graph["as_of"])
    parity = pair_parity(location, as_of, params.half_life)
    seconds = time.perf_counter() - started
    rows = []
    for holder, target, data in scored.edges(data=True):
        key = (holder, target) if holder < target else (target, holder)
        if key in parity and data["assessment"].meetings >= 3:
            a = data["assessment"]
            rows.append((parity[key], a.balance, a.closeness, a.repetition))
    values = np.array(rows)
    lines = ["## Strength parity as a rivalry factor (bench/parity.py)", "",
             f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}; {seconds:.0f} s.", "",
             f"{len(values):,} directed pairs with at least 3 shared races. Spearman correlation "
             f"of parity with balance {spearmanr(values[:, 0], values[:, 1]).statistic:.2f}, "
             f"with closeness {spearmanr(values[:, 0], values[:, 2]).statistic:.2f}; mean parity "
             f"{values[:, 0].mean():.2f}.", ""]  # fmt: skip
    total = sum(getattr(params, f"w_{name}") for name in FACTORS)
    for name in ATHLETES:
        athlete = resolve_athlete(store, name).value
        ranked = []
        for _, target, data in scored.out_edges(athlete, data=True):
            a = data["assessment"]
            key = (athlete, target) if athlete < target else (target, athlete)
            p = parity.get(key, 0.0)
            with_parity = a.score + params.w_balance * a.repetition * (p - a.balance) / total
            ranked.append((a.score, with_parity, p, a.balance, scored.nodes[target]["label"]))
        today = sorted(ranked, reverse=True)[:TOP]
        after = sorted(ranked, key=lambda r: -r[1])[:TOP]
        lines += [f"{name}: today | with parity in place of balance", "",
                  "| rank | today (score, balance, parity) | with parity (score) |", "|---:|---|---|"]
        for rank, (now, then) in enumerate(zip(today, after, strict=True), 1):
            lines.append(f"| {rank} | {now[4]} ({now[0]:.3f}, {now[3]:.2f}, {now[2]:.2f}) | "
                         f"{then[4]} ({then[1]:.3f}) |")  # fmt: skip
        lines.append("")
    replace_section("parity", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
