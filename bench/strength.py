"""Strength ratings on all of athletics: the parameter grid, the out-of-sample validation, the write-back.

In one run, on a store of the full graph (``python -m bench.athletics`` leaves one in the
temporary folder; ``--store`` names another):

1. every placed result read as contests (:func:`rivalgraph.strength.contests.read_contests`),
   with how many races hold one listed finisher only (a ranking model learns nothing from
   those; a mark baseline still reads their marks);
2. the grid: Plackett–Luce's ``beta`` chosen on a *validation* period (ratings learnt from the
   races before 2021, each race of 2021–2022 predicted from the days before it), never on
   the test period;
3. the validation (:func:`rivalgraph.strength.evaluation.evaluate`): fitted on the races
   before 2023-01-01, every pair of every later race predicted by the three rating models
   (openskill, whr, choix) and the baselines (season's best before the race, all-time-list
   rank, previous head-to-head, prestige, a coin), over all later races, in championship
   finals and per discipline in finals;
4. ``rivalgraph strength`` on a copy of the store in a child process (wall time, peak memory),
   and ``rivals``/``rivalry`` in process on that copy before and after (the ratings they show
   cost a query per athlete).

Figures go to the ``strength`` block of bench/RESULTS.md.

Usage: ``python -m bench.strength [--store DIR] [--skip-write]``
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

from bench.sections import replace_section
from rivalgraph.analysis.reader import read_disciplines
from rivalgraph.store import open_store
from rivalgraph.strength.contests import Contests, read_contests
from rivalgraph.strength.evaluation import day_number, evaluate, markdown, score
from rivalgraph.strength.pairs import race_pairs
from rivalgraph.strength.ratings import PLACKETT_LUCE, plackett_luce

CUTOFF = date(2023, 1, 1)
VALIDATION = date(2021, 1, 1)
BETAS = (25 / 6, 25 / 3, 12.5, 25 / 1.5)


def _before(contests: Contests, day: int) -> Contests:
    """The contests of the days before ``day`` (races are sorted by day: a prefix)."""
    races = int(np.searchsorted(contests.day, day, side="left"))
    rows = int(contests.starts[races]) if races < len(contests) else len(contests.entrant)
    return dataclasses.replace(
        contests, entrant=contests.entrant[:rows], place=contests.place[:rows],
        mark=contests.mark[:rows], starts=contests.starts[:races], day=contests.day[:races],
        pool=contests.pool[:races], championship_final=contests.championship_final[:races],
        race_iris=contests.race_iris[:races])  # fmt: skip


def grid(contests: Contests) -> list[str]:
    """Plackett–Luce's beta on the validation period: log-loss and accuracy, all and finals."""
    known = _before(contests, day_number(CUTOFF))
    pairs = race_pairs(known, np.flatnonzero(known.day >= day_number(VALIDATION)))
    final = known.championship_final[pairs.race]
    lines = [f"Grid (validation, never the test period): ratings learnt race by race from "
             f"the races before {VALIDATION}, each of the {len(pairs):,} pairs of "
             f"{VALIDATION.year}–{CUTOFF.year - 1} predicted from the days before its race.", "",
             "| beta | accuracy | log-loss | finals accuracy | finals log-loss | seconds |",
             "|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for beta in BETAS:
        started = time.perf_counter()
        probability = plackett_luce(known, parameters={"beta": beta}).probability(pairs)
        every, finals = (
            score(probability, pairs.first_ahead),
            score(probability[final], pairs.first_ahead[final]),
        )
        chosen = " (default)" if beta == PLACKETT_LUCE["beta"] else ""
        lines.append(f"| {beta:.2f}{chosen} | {every.accuracy:.3f} | {every.log_loss:.3f} | "
                     f"{finals.accuracy:.3f} | {finals.log_loss:.3f} | "
                     f"{time.perf_counter() - started:.1f} |")  # fmt: skip
    return lines


_WRITE = """
import json, statistics, sys, time
from rivalgraph.analysis.reports import rivals_report
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.report import rivalry_report
from rivalgraph.store import open_store
from rivalgraph.strength.compute import rate_store

def shown(location):
    store, times = open_store(location), {}
    for name, call in (("rivals Faith Kipyegon", lambda: rivals_report(store, "Faith Kipyegon",
                                                                     ScoreParameters(), 10)),
                       ("rivalry Kerr / Ingebrigtsen", lambda: rivalry_report(
                           store, "Josh Kerr", "Jakob Ingebrigtsen"))):
        call(); samples = []
        for _ in range(5):
            t = time.perf_counter(); call(); samples.append(time.perf_counter() - t)
        times[name] = statistics.median(samples)
    return times

before = shown(sys.argv[1])
t = time.perf_counter(); r = rate_store(sys.argv[1]); seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "quads": r.quads, "ratings": r.ratings,
                  "prestige": r.prestige, "before": before, "after": shown(sys.argv[1])}))
"""


def write_back(location: Path) -> str:
    """``rate_store`` on a copy of the store, in a child process."""
    import json

    copy = Path(tempfile.mkdtemp()) / "store"
    try:
        shutil.copytree(location, copy, symlinks=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _WRITE, str(copy)], capture_output=True,
                              text=True, check=True)  # fmt: skip
        wall = time.perf_counter() - started
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e6
    shown = "; ".join(f"`{name}` {figures['before'][name]:.2f} s without ratings, "
                      f"{figures['after'][name]:.2f} s with them"
                      for name in figures["before"])  # fmt: skip
    return (f"`rivalgraph strength` (read, rate race by race, prestige, replace the graph): "
            f"{wall:.0f} s wall ({figures['seconds']:.0f} s in the function), peak {peak:.1f} GB; "
            f"{figures['ratings']:,} season ratings, {figures['prestige']:,} prestige scores, "
            f"{figures['quads']:,} quads.\n\nShowing the ratings (in process, p50 of 5, the same "
            f"store before and after `strength`): {shown}.")  # fmt: skip


def _write_only(location: Path) -> int:
    """Re-measure the write-back and put it in place of the block's last paragraphs."""
    from bench.sections import RESULTS, markers

    begin, end = markers("strength")
    text = RESULTS.read_text(encoding="utf-8")
    block = text[text.index(begin) + len(begin) : text.index(end)].strip("\n")
    kept = (
        block[: block.index("`rivalgraph strength` (read")]
        if "`rivalgraph strength` (read" in block
        else block + "\n\n"
    )
    replace_section("strength", kept + write_back(location) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path,
                        default=Path(tempfile.gettempdir()) / "rivalgraph-athletics")  # fmt: skip
    parser.add_argument("--skip-write", action="store_true", help="do not time the write-back")
    parser.add_argument(
        "--write-only",
        action="store_true",
        help="only the write-back and the display: replace its line of the block",
    )
    options = parser.parse_args(argv)
    lines = ["## Strength ratings (bench/strength.py)", "",
             f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}.", ""]  # fmt: skip
    if options.write_only:
        return _write_only(options.store)
    store = open_store(options.store)
    started = time.perf_counter()
    contests = read_contests(store)
    read = time.perf_counter() - started
    sizes = np.diff(np.r_[contests.starts, len(contests.entrant)])
    lines += [f"{len(contests):,} races, {len(contests.entrant):,} placed results, "
              f"{len(contests.entrant_athletes):,} athletes-in-a-pool, {len(contests.pools)} pools "
              f"(read in {read:.0f} s). {np.mean(sizes == 1):.0%} of the races list one finisher "
              f"only (toplists keep only marks good enough for a list): they tell a ranking "
              f"model nothing, while a mark baseline still reads their marks.", ""]  # fmt: skip
    lines += grid(contests) + [""]
    replace_section("strength", "\n".join(lines))
    names = {iri: min(found, key=len) for iri, found in read_disciplines(store).items() if found}
    evaluation = evaluate(contests, CUTOFF, discipline_names=names)
    lines += [markdown(evaluation), ""]
    replace_section("strength", "\n".join(lines))
    del store, contests
    if not options.skip_write:
        lines += [write_back(options.store), ""]
        replace_section("strength", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
