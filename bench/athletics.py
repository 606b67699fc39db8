"""All of athletics: the build against pyoxigraph's bare bulk load of the same quads, and the commands on it.

In one run, on the real data (the manifest's sources present in ``../shared``):

1. ``rivalgraph build`` of the full graph in a child process (wall time, peak memory);
2. the baseline: the built store's quads (named graphs and default graph) dumped as
   N-Quads and bulk-loaded into a fresh pyoxigraph store by a child process;
3. ``rivals`` and ``rivalry`` for well-known athletes: in-process (store open, modules
   loaded) and as whole commands (a new process: interpreter start and imports included);
4. all-pairs scoring of every discipline (:func:`rivalgraph.analysis.reader.read_projection`
   and :func:`rivalgraph.analysis.ranking.score_graph`) in a child process;
5. every named query of ``queries/`` with its parameters (Kerr, Ingebrigtsen): p50 of 5 runs
   on the embedded store (engine substitutions) and through ``rivalgraph serve`` (the query
   page's text: a leading VALUES block), same run.

Figures go to the ``athletics`` block of bench/RESULTS.md.

Usage: ``python -m bench.athletics [--store DIR] [--reuse]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

from bench.sections import replace_section, start_server

ATHLETES = ("Faith Kipyegon", "Armand Duplantis", "Jakob Ingebrigtsen", "Noah Lyles")
PAIRS = (("Josh Kerr", "Jakob Ingebrigtsen"), ("Faith Kipyegon", "Sifan Hassan"))
PYTHON = sys.executable


def _child(code: str, *args: str) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter; it prints JSON; add its peak memory."""
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", code, *args], capture_output=True, text=True, check=True,
                          env={**os.environ, "RIVALGRAPH_IMPORTS": "1"})  # fmt: skip
    figures = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else {}
    figures["wall_s"] = time.perf_counter() - started
    figures["peak_gb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e6
    return figures


_BUILD = """
import json, sys, time, resource
from rivalgraph.build import build
t = time.perf_counter(); r = build(sys.argv[1], imports=True)
print(json.dumps({"seconds": time.perf_counter() - t, "triples": r.triples, "athletes": r.athletes,
                  "results": r.results, "graphs": r.graphs,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6}))
"""
_BASELINE = """
import json, sys, time, resource, pyoxigraph as ox
t = time.perf_counter(); s = ox.Store(sys.argv[2])
s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS); s.flush()
print(json.dumps({"seconds": time.perf_counter() - t, "quads": len(s),
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6}))
"""
_DUMP = """
import sys, pathlib, pyoxigraph as ox
from rivalgraph.store import StoreLocation
store = ox.Store(str(StoreLocation(pathlib.Path(sys.argv[1])).current()))
store.dump(sys.argv[2], format=ox.RdfFormat.N_QUADS)
print("{}")
"""
_SCORING = """
import json, sys, time, resource
from rivalgraph.store import open_store
from rivalgraph.analysis.reader import read_projection
from rivalgraph.analysis.ranking import score_graph
from rivalgraph.analysis.scoring import ScoreParameters
s = open_store(sys.argv[1]); t = time.perf_counter()
g = read_projection(s); read = time.perf_counter() - t
scored = score_graph(g, ScoreParameters())
print(json.dumps({"seconds": time.perf_counter() - t, "read_s": read, "pairs": scored.number_of_edges(),
                  "athletes": scored.number_of_nodes(),
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6}))
"""


def _in_process(location: Path) -> dict[str, float]:
    from rivalgraph.analysis.reports import rivals_report
    from rivalgraph.analysis.scoring import ScoreParameters
    from rivalgraph.report import rivalry_report
    from rivalgraph.store import open_store

    store = open_store(location)
    figures = {}
    for name in ATHLETES:
        started = time.perf_counter()
        rivals_report(store, name, ScoreParameters(), top=10)
        figures[f"rivals {name}"] = time.perf_counter() - started
    for first, second in PAIRS:
        started = time.perf_counter()
        rivalry_report(store, first, second)
        figures[f"rivalry {first} / {second}"] = time.perf_counter() - started
    return figures


def _commands(location: Path) -> dict[str, float]:
    figures = {}
    runs = [("rivals", name) for name in ATHLETES] + [("rivalry", *pair) for pair in PAIRS]
    for command, *names in runs:
        started = time.perf_counter()
        subprocess.run([PYTHON, "-m", "rivalgraph.cli", command, *names, "--store", str(location)],
                       capture_output=True, check=True)  # fmt: skip
        figures[f"{command} {' / '.join(names)}"] = time.perf_counter() - started
    return figures


def _queries(location: Path) -> dict[str, tuple[float, float]]:
    import pyoxigraph as ox

    from rivalgraph.query import load_registry, run
    from rivalgraph.serve.examples import example_text
    from rivalgraph.store import open_store

    store = open_store(location)
    kerr = "https://w3id.org/rivalgraph/id/athlete/josh-kerr"
    jakob = "https://w3id.org/rivalgraph/id/athlete/jakob-ingebrigtsen"
    registry = load_registry()
    embedded: dict[str, float] = {}
    texts: dict[str, str] = {}
    for name, query in registry.items():
        values = {}
        for parameter in query.parameters:
            if parameter.type == "rg:Athlete":
                values[parameter.name] = (
                    jakob if parameter.name == "opponent" or "athlete" in values else kerr
                )
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            run(store, query, values)
            samples.append(time.perf_counter() - started)
        embedded[name] = statistics.median(samples)
        texts[name] = example_text(query, {k: f"<{v}>" for k, v in values.items()})
    del store
    process, url = start_server(location)
    served: dict[str, float] = {}
    try:
        for name, text in texts.items():
            samples = []
            for _ in range(5):
                body = urllib.parse.urlencode({"query": text}).encode()
                request = urllib.request.Request(url, data=body, headers={
                    "Accept": "application/sparql-results+json",
                    "Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
                started = time.perf_counter()
                with urllib.request.urlopen(request, timeout=120) as reply:
                    reply.read()
                samples.append(time.perf_counter() - started)
            served[name] = statistics.median(samples)
    finally:
        process.terminate()
        process.wait(timeout=30)
    _ = ox
    return {name: (embedded[name], served[name]) for name in embedded}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "rivalgraph-athletics")
    parser.add_argument("--reuse", action="store_true", help="measure an existing store; skip the builds")
    options = parser.parse_args(argv)
    location = options.store
    lines = ["## All of athletics (bench/athletics.py)", "",
             f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}.", ""]  # fmt: skip
    if not options.reuse:
        shutil.rmtree(location, ignore_errors=True)
        built = _child(_BUILD, str(location))
        dump = Path(tempfile.mkdtemp()) / "all.nq"
        _child(_DUMP, str(location), str(dump))
        bare = Path(tempfile.mkdtemp()) / "bare"
        baseline = _child(_BASELINE, str(dump), str(bare))
        shutil.rmtree(bare.parent, ignore_errors=True)
        shutil.rmtree(dump.parent, ignore_errors=True)
        ratio = built["seconds"] / baseline["seconds"]
        lines += ["| what | seconds | peak memory | notes |", "|---|---|---|---|",
                  f"| `rivalgraph build` (import, validation, load, publish) | {built['seconds']:.0f} | "
                  f"{built['peak']:.1f} GB | {built['triples']:,} triples in {built['graphs']} named graphs; "
                  f"{built['athletes']:,} athletes, {built['results']:,} results |",
                  "| pyoxigraph bulk load of the same quads (named + default graph, one N-Quads file) | "
                  f"{baseline['seconds']:.0f} | {baseline['peak']:.1f} GB | {baseline['quads']:,} quads |",
                  f"| ratio | {ratio:.2f}x | | goal 1.5x; memory goal 8 GB |", ""]  # fmt: skip
        replace_section("athletics", "\n".join(lines))  # the builds' figures, whatever follows
    scoring = _child(_SCORING, str(location))
    lines += [f"All-pairs scoring of every discipline: {scoring['seconds']:.1f} s "
              f"({scoring['read_s']:.1f} s reading), {scoring['pairs']:,} pairs among "
              f"{scoring['athletes']:,} athletes, peak {scoring['peak']:.1f} GB (goal 30 s).",
              ""]  # fmt: skip
    replace_section("athletics", "\n".join(lines))
    inside, whole = _in_process(location), _commands(location)
    lines += ["| command | in process | whole command |", "|---|---|---|"]
    lines += [f"| `{name}` | {inside[name]:.2f} s | {whole[name]:.2f} s |" for name in inside]
    lines += [
        "",
        "Goal: under 1 s each. The whole command includes starting Python and importing "
        "rivalgraph's CLI (about 0.9 s here).",
        "",
    ]
    timed = _queries(location)
    lines += ["| named query | embedded p50 | through `rivalgraph serve` p50 |", "|---|---|---|"]
    lines += [f"| {name} | {a * 1000:.0f} ms | {b * 1000:.0f} ms |" for name, (a, b) in sorted(timed.items())]
    replace_section("athletics", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
