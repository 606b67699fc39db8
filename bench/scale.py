"""Benchmarks at scale: build, head-to-head and rivalry scoring, named queries, exports.

Each figure is measured in the same run as its baselines, on synthetic graphs
from :mod:`bench.generate` (N-Quads, one named graph per source):

- *build* (parse + validate + load into a new on-disk store): ``rivalgraph``'s
  :func:`~rivalgraph.build.build`, the same without validation, pyoxigraph's
  bare ``Store.bulk_load`` of the same file (the practical limit) and rdflib's
  in-memory parse of it (the baseline); validation alone (parse + checks) with
  pyshacl-turbo, and with pySHACL where it finishes;
- *head-to-head and scoring*: the all-pairs head-to-head aggregation and the
  full rivalry scoring (projection + score of every pair both ways) on the
  built store, against the same SPARQL on rdflib's own engine;
- *named queries*: p50/p99 of every query of ``queries/`` on the embedded
  store and through ``rivalgraph serve``;
- *exports*: every network format of ``rivalgraph export`` on the rivalry
  network of a graph of ``--export-triples`` (2*10^6 triples: about 10^5
  rivalries), against networkx's own writers of the same network.

Every measurement runs in a child process of its own (``--child``), so peak
memory (``ru_maxrss``) is per run; the figure is the median of ``--runs``.
A child runs under an address-space limit and a time limit: what does not fit
or finish is reported as such.  Results go to stdout, to
``bench/out/scale-<section>.json`` and into this benchmark's section of
``bench/RESULTS.md``.

Usage::

    python -m bench.scale --sizes 1e5 1e6 --runs 3            # make bench
    python -m bench.scale --sizes 1e7 --runs 1 --section large  # make bench-large
"""

from __future__ import annotations

import argparse
import datetime
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from bench.sections import replace_section, start_server

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
HEADING = "## Build, analysis and queries at scale (issue 8)"
GIB = 1024**3
SEED = 1

# --------------------------------------------------------------------------- children


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = function()
    return time.perf_counter() - started, value


def child_build(data: str, validate: str, keep: str = "") -> dict[str, Any]:
    """Build into a temporary store, or into ``keep`` (kept for the analysis)."""
    from rivalgraph.build import build

    folder = Path(data)
    if keep:
        seconds, report = _timed(lambda: build(keep, folder=folder, validate=validate == "1"))
        return {"seconds": seconds, "triples": report.triples}
    with tempfile.TemporaryDirectory(dir=OUT) as place:
        seconds, report = _timed(lambda: build(place, folder=folder, validate=validate == "1"))
    return {"seconds": seconds, "triples": report.triples}


def child_bulk(data: str) -> dict[str, Any]:
    path = _data_file(Path(data))
    with tempfile.TemporaryDirectory(dir=OUT) as place:

        def load() -> int:
            store = ox.Store(place)
            store.bulk_load(path=str(path), format=FORMATS[path.suffix])
            store.flush()
            return len(store)

        seconds, quads = _timed(load)
    return {"seconds": seconds, "quads": quads}


def child_rdflib_parse(data: str) -> dict[str, Any]:
    import rdflib

    path = _data_file(Path(data))
    seconds, dataset = _timed(lambda: rdflib.Dataset().parse(path, format=RDFLIB_FORMATS[path.suffix]))
    return {"seconds": seconds, "quads": len(dataset)}


def child_validate(data: str, engine: str) -> dict[str, Any]:
    from rivalgraph.build import check, collect

    def run() -> list[str]:
        return check(collect(Path(data)), engine=engine)

    seconds, problems = _timed(run)
    return {"seconds": seconds, "problems": len(problems)}


def child_analysis(store_path: str) -> dict[str, Any]:
    from rivalgraph.analysis import reader
    from rivalgraph.analysis.ranking import score_graph
    from rivalgraph.analysis.scoring import ScoreParameters
    from rivalgraph.store import open_store

    store = open_store(store_path)
    h2h, rows = _timed(lambda: reader.read_meetings(store))
    cpu = time.process_time()  # beside the wall time: less sensitive to a busy machine
    projection, graph = _timed(lambda: reader.read_projection(store))
    scoring, scored = _timed(lambda: score_graph(graph, ScoreParameters()))
    cpu = time.process_time() - cpu
    return {"seconds": projection + scoring, "cpu": cpu, "h2h": h2h, "projection": projection,
            "scoring": scoring, "pair_rows": len(rows), "athletes": graph.number_of_nodes(),
            "pairs": graph.number_of_edges(), "scores": scored.number_of_edges()}  # fmt: skip


def child_analysis_rdflib(nt: str, mode: str) -> dict[str, Any]:
    from bench.rdflib_store import RdflibStore
    from rivalgraph.analysis import reader
    from rivalgraph.analysis.projection import project
    from rivalgraph.analysis.ranking import score_graph
    from rivalgraph.analysis.scoring import ScoreParameters

    store = RdflibStore.load(Path(nt))  # not timed: the baseline's load is measured in build
    if mode == "pair-meetings":
        h2h, rows = _timed(lambda: reader._select(store, "pair-meetings"))
    else:
        h2h, rows = _timed(lambda: reader.read_meetings(store))

    def rest() -> Any:
        graph = project(reader._select(store, "athletes"), rows,
                        reader._select(store, "pair-discourse"))  # fmt: skip
        return score_graph(graph, ScoreParameters())

    others, scored = _timed(rest)
    return {"seconds": h2h + others, "h2h": h2h, "pair_rows": len(rows),
            "scores": scored.number_of_edges()}  # fmt: skip


def _parameters(store: Any) -> dict[str, ox.NamedNode]:
    """Realistic parameter values: the busiest athlete, his most frequent opponent, ..."""
    rows = store.select("""
        SELECT ?a ?b (COUNT(*) AS ?n) WHERE {
          ?ra a rg:Result ; rg:athlete ?a ; rg:race ?race .
          ?rb a rg:Result ; rg:athlete ?b ; rg:race ?race .
          FILTER (?a != ?b)
          { SELECT ?race WHERE { ?race a rg:Race ; rg:round rg:Final ;
                                       rg:edition/rg:editionOf/rg:scope rg:GlobalScope } }
        } GROUP BY ?a ?b ORDER BY DESC(?n) ?a ?b LIMIT 1""").rows
    athlete, opponent = rows[0][0], rows[0][1]
    edition = store.select(f"SELECT ?e WHERE {{ ?t a rg:Title ; rg:athlete {athlete} ; "
                           "rg:edition ?e } ORDER BY DESC(?e) LIMIT 1").rows  # fmt: skip
    race = store.select(f"SELECT ?r WHERE {{ ?x a rg:Result ; rg:athlete {athlete} ; "
                        "rg:race ?r } ORDER BY DESC(?r) LIMIT 1").rows  # fmt: skip
    statement = store.select("SELECT ?s WHERE { ?s rg:speaker ?x } ORDER BY ?s LIMIT 1").rows
    values = {"athlete": athlete, "opponent": opponent}
    for name, found in (("edition", edition), ("race", race), ("statement", statement)):
        if found:
            values[name] = found[0][0]
    return values  # type: ignore[return-value]


def _bindings(query: Any, values: dict[str, ox.NamedNode]) -> dict[str, str]:
    chosen = {}
    for parameter in query.parameters:
        if parameter.name in values:
            chosen[parameter.name] = values[parameter.name].value
        elif parameter.type in ("rg:Athlete",) and parameter.required:
            chosen[parameter.name] = values["opponent" if "athlete" in chosen else "athlete"].value
    return chosen


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    return {"p50_ms": pick(0.5), "p99_ms": pick(0.99), "n": len(ordered)}


def _samples(call: Callable[[], Any], budget: float) -> tuple[list[float], Any]:
    """Time ``call`` for about ``budget`` seconds: at least 3 calls, or 1 if it takes longer."""
    samples: list[float] = []
    stop = time.perf_counter() + budget
    while True:
        elapsed, answer = _timed(call)
        samples.append(elapsed)
        if len(samples) >= 200 or (time.perf_counter() > stop and
                                   (len(samples) >= 3 or elapsed > budget)):  # fmt: skip
            return samples, answer


def child_queries(store_path: str, seconds_per_query: str) -> dict[str, Any]:
    from rivalgraph.query import load_registry, run
    from rivalgraph.store import open_store

    store = open_store(store_path)
    values = _parameters(store)
    budget = float(seconds_per_query)
    figures = {}
    for name, query in sorted(load_registry().items()):
        bindings = _bindings(query, values)
        samples, result = _samples(lambda: run(store, query, bindings), budget)  # noqa: B023
        figures[name] = {**_percentiles(samples), "rows": len(result)}
        print(f"embedded {name}: {figures[name]}", file=sys.stderr, flush=True)
    return {"seconds": 0.0, "queries": figures,
            "bound": {k: v.value.rsplit("/", 1)[1] for k, v in values.items()}}  # fmt: skip


def child_endpoint(store_path: str, seconds_per_query: str) -> dict[str, Any]:
    import http.client
    import urllib.parse

    from rivalgraph.query import load_registry
    from rivalgraph.serve.examples import example_text
    from rivalgraph.store import open_store

    values = _parameters(open_store(store_path))
    process, sparql = start_server(store_path, "--timeout", "600")
    try:
        url = urllib.parse.urlsplit(sparql)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=900)
        headers = {"Content-Type": "application/sparql-query",
                   "Accept": "application/sparql-results+json"}  # fmt: skip
        figures = {}
        for name, query in sorted(load_registry().items()):
            bindings = {key: f"<{iri}>" for key, iri in _bindings(query, values).items()}
            body = example_text(query, bindings).encode()

            def call() -> int:
                connection.request("POST", url.path, body=body, headers=headers)  # noqa: B023
                response = connection.getresponse()
                response.read()
                return response.status

            samples, status = _samples(call, float(seconds_per_query))
            figures[name] = {**_percentiles(samples), "status": status}
            print(f"endpoint {name}: {figures[name]}", file=sys.stderr, flush=True)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {"seconds": 0.0, "queries": figures}


def child_export(store_path: str, fmt: str) -> dict[str, Any]:
    """One export format: rivalgraph's whole ``export`` and its writer alone, vs networkx's."""
    import networkx as nx

    from rivalgraph.export.exporter import ExportOptions, build_network, export
    from rivalgraph.export.gexf import write_gexf
    from rivalgraph.export.graphml import write_graphml
    from rivalgraph.export.jsongraph import write_cytoscape, write_d3
    from rivalgraph.store import open_store

    store, options = open_store(store_path), ExportOptions()
    build_seconds, network = _timed(lambda: build_network(store, options))
    baselines: dict[str, Callable[[nx.DiGraph, Path], Any]] = {
        "graphml": lambda graph, path: nx.write_graphml(graph, path),
        "gexf": lambda graph, path: nx.write_gexf(graph, path),
        "d3": lambda graph, path: path.write_text(json.dumps(nx.node_link_data(graph, edges="links")),
                                                  encoding="utf-8"),
        "cytoscape": lambda graph, path: path.write_text(json.dumps(nx.cytoscape_data(graph)),
                                                         encoding="utf-8"),
    }  # fmt: skip
    writers = {"graphml": write_graphml, "gexf": write_gexf, "d3": write_d3, "cytoscape": write_cytoscape}
    figures: dict[str, Any] = {"format": fmt, "network_seconds": build_seconds,
                               "nodes": network.number_of_nodes(),
                               "edges": network.number_of_edges()}  # fmt: skip
    with tempfile.TemporaryDirectory(dir=OUT) as folder:
        target = Path(folder) / f"network.{fmt}"
        seconds, report = _timed(lambda: export(store, fmt, target, options))
        figures.update(seconds=seconds, mb=report.bytes / 1e6)
        if fmt in baselines:  # networkx writes DOT only through pydot, not a dependency
            mine, theirs = Path(folder) / "writer", Path(folder) / "networkx"
            writer = writers[fmt]
            figures["writer_seconds"], _ = _timed(lambda: _write_with(writer, network, mine))
            figures["networkx_seconds"], _ = _timed(lambda: baselines[fmt](network, theirs))
            figures["networkx_mb"] = theirs.stat().st_size / 1e6
    return figures


def _write_with(writer: Callable[..., Any], network: Any, path: Path) -> None:
    with path.open("wb") as handle:
        writer(network, handle)


def child_toplist_import(folder: str, output: str) -> dict[str, Any]:
    from bench.toplist import toplist_quads

    def run() -> int:
        quads, _ = toplist_quads(Path(folder))
        ox.serialize(quads, output, ox.RdfFormat.TRIG)
        return len(quads)

    seconds, quads = _timed(run)
    return {"seconds": seconds, "quads": quads}


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "toplist-import": child_toplist_import,
    "build": child_build,
    "bulk": child_bulk,
    "rdflib-parse": child_rdflib_parse,
    "validate": child_validate,
    "analysis": child_analysis,
    "analysis-rdflib": child_analysis_rdflib,
    "queries": child_queries,
    "endpoint": child_endpoint,
    "export": child_export,
}


def _child(task: str, args: list[str]) -> None:
    figures = CHILDREN[task](*args)
    figures["peak_mb"] = _peak_mb()
    print("RESULT " + json.dumps(figures))


# --------------------------------------------------------------------------- driver


FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}
RDFLIB_FORMATS = {".nq": "nquads", ".trig": "trig"}


def _data_file(folder: Path) -> Path:
    return next(path for path in sorted(folder.iterdir()) if path.suffix in FORMATS)


def _size_name(n: int) -> str:
    exponent = len(str(n)) - 1
    return f"1e{exponent}" if 10**exponent == n else str(n)


def prepare(n: int, *, store_too: bool = True, nt_too: bool = True) -> dict[str, Path]:
    """Generate the data (once), build its store and dump its default graph (not timed)."""
    from bench.generate import write
    from rivalgraph.build import build
    from rivalgraph.store import StoreLocation

    name = _size_name(n)
    folder = OUT / f"data-{name}"
    if not any(folder.glob("*.nq")):
        folder.mkdir(parents=True, exist_ok=True)
        write(n, SEED, "nq", folder)
    store = OUT / f"store-{name}"
    if store_too and StoreLocation(store).current() is None:
        build(store, folder=folder)
    nt = OUT / f"default-{name}.nt"
    if nt_too and not nt.exists():
        current = StoreLocation(store).current()
        assert current is not None
        inner = ox.Store.read_only(str(current))
        inner.dump(str(nt), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        del inner
    return {"data": folder, "store": store, "nt": nt}


def measure(task: str, args: list[str], runs: int, timeout: float, memory_gib: float,
            log: Callable[[str], None]) -> dict[str, Any]:  # fmt: skip
    """Run a child ``runs`` times; return the median figures, the peaks, or why it stopped."""
    results: list[dict[str, Any]] = []

    def limit() -> None:
        size = int(memory_gib * GIB)
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    for _ in range(runs):
        command = [sys.executable, "-m", "bench.scale", "--child", task, *args]
        try:
            completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                       preexec_fn=limit, cwd=HERE.parent)  # fmt: skip
        except subprocess.TimeoutExpired:
            log(f"  {task} {' '.join(args)}: stopped after {timeout:.0f} s")
            return {"stopped": f"did not finish in {timeout:.0f} s", "timeout": timeout,
                    "runs": len(results)}  # fmt: skip
        lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
        if completed.returncode != 0 or not lines:
            tail = (completed.stderr or completed.stdout).strip().splitlines()[-1:]
            why = "MemoryError" if "MemoryError" in completed.stderr else " ".join(tail)[:200]
            log(f"  {task} {' '.join(args)}: failed: {why}")
            return {"stopped": f"failed within {memory_gib:.0f} GiB: {why}", "runs": len(results)}
        results.append(json.loads(lines[-1][len("RESULT ") :]))
        log(f"  {task} {Path(args[0]).name}: {results[-1]['seconds']:.2f} s, "
            f"peak {results[-1]['peak_mb']:.0f} MB")  # fmt: skip
    figures = dict(results[len(results) // 2])
    for key in (
        "seconds",
        "h2h",
        "projection",
        "scoring",
        "network_seconds",
        "writer_seconds",
        "networkx_seconds",
    ):
        if key in figures:
            figures[key] = statistics.median(r[key] for r in results)
    figures["peak_mb"] = max(r["peak_mb"] for r in results)
    figures["runs"] = len(results)
    figures["samples"] = [round(r["seconds"], 3) for r in results]
    return figures


def measure_builds(
    data: str, runs: int, timeout: float, log: Callable[[str], None], *, validate_alone: bool = True
) -> dict[str, Any]:
    """The build with and without validation, the bare bulk load, validation alone."""
    figures = {
        "build": measure("build", [data, "1"], runs, timeout, 22, log),
        "build_novalidate": measure("build", [data, "0"], runs, timeout, 22, log),
        "bulk": measure("bulk", [data], runs, timeout, 22, log),
    }
    if validate_alone:
        figures["validate"] = measure("validate", [data, "turbo"], runs, timeout, 22, log)
    return figures


def run_size(n: int, runs: int, log: Callable[[str], None], *, baselines: bool, shacl_reference: bool,
             rdflib_analysis_runs: int, timeout: float, rdflib_timeout: float,
             endpoint: bool) -> dict[str, Any]:  # fmt: skip
    large = n >= 10**7
    paths = prepare(n, store_too=not large, nt_too=baselines or bool(rdflib_analysis_runs))
    data, store, nt = str(paths["data"]), str(paths["store"]), str(paths["nt"])
    one = 1 if runs == 1 else runs
    figures: dict[str, Any] = {"triples": n}
    log(f"size {n:,}")
    if large:  # once, building the store the analysis then reads; the rest left out for time
        shutil.rmtree(store, ignore_errors=True)
        figures["build"] = measure("build", [data, "1", store], 1, timeout, 22, log)
        figures["bulk"] = measure("bulk", [data], 1, timeout, 22, log)
        figures["analysis"] = measure("analysis", [store], 1, timeout, 22, log)
        figures["queries"] = {"stopped": "not measured at this size"}
        return figures
    figures.update(measure_builds(data, runs, timeout, log))
    if shacl_reference:
        figures["validate_pyshacl"] = measure("validate", [data, "pyshacl"], 1, timeout, 16, log)
    if baselines:
        figures["rdflib_parse"] = measure("rdflib-parse", [data], one, timeout, 16, log)
    figures["analysis"] = measure("analysis", [store], runs, timeout, 22, log)
    if rdflib_analysis_runs:
        figures["analysis_rdflib"] = measure("analysis-rdflib", [nt, "pair-meetings"],
                                             rdflib_analysis_runs, rdflib_timeout, 16, log)  # fmt: skip
        figures["analysis_rdflib_array"] = measure("analysis-rdflib", [nt, "race-results"],
                                                   rdflib_analysis_runs, rdflib_timeout, 16, log)  # fmt: skip
    figures["queries"] = measure("queries", [store, "2"], 1, timeout, 22, log)
    if endpoint:
        figures["endpoint"] = measure("endpoint", [store, "2"], 1, timeout, 22, log)
    return figures


def run_exports(n: int, log: Callable[[str], None], timeout: float) -> dict[str, Any]:
    """Every network format of ``rivalgraph export`` on the store of ``n`` triples, once each."""
    from rivalgraph.export.exporter import NETWORK_FORMATS

    store = str(prepare(n, nt_too=False)["store"])
    log(f"exports at {n:,} triples")
    return {"triples": n, "formats": {fmt: measure("export", [store, fmt], 1, timeout, 22, log)
                                      for fmt in NETWORK_FORMATS}}  # fmt: skip


def run_toplists(runs: int, log: Callable[[str], None], timeout: float) -> dict[str, Any]:
    """The real toplists: import, build against its baselines, analysis."""
    from bench.toplist import FOLDER
    from rivalgraph.build import build
    from rivalgraph.store import StoreLocation

    folder = OUT / "toplists"
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "toplists.trig"
    log("toplists")
    figures: dict[str, Any] = {"import": measure("toplist-import", [str(FOLDER), str(data)], runs,
                                                 timeout, 16, log)}  # fmt: skip
    store = OUT / "store-toplists"
    if StoreLocation(store).current() is None:
        build(store, folder=folder)
    figures.update(measure_builds(str(folder), runs, timeout, log, validate_alone=False))
    figures["rdflib_parse"] = measure("rdflib-parse", [str(folder)], runs, timeout, 16, log)
    figures["analysis"] = measure("analysis", [str(store)], runs, timeout, 22, log)
    return figures


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    import networkx
    import pyshacl_turbo
    import rdflib

    cpu = platform.processor() or platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / (1024 * 1024)
    return {
        "date": datetime.date.today().isoformat(),
        "cpu": cpu, "cores": str(os.cpu_count()), "ram": f"{memory:.0f} GiB",
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(), "pyoxigraph": ox.__version__,
        "rdflib": rdflib.__version__, "networkx": networkx.__version__,
        "pyshacl_turbo": pyshacl_turbo.__version__,
        "load": ", ".join(f"{value:.1f}" for value in os.getloadavg()),
    }  # fmt: skip


def _s(figure: dict[str, Any] | None, key: str = "seconds") -> str:
    if not figure:
        return "–"
    if "stopped" in figure:
        return figure["stopped"]
    value = figure[key]
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _ratio(top: dict[str, Any] | None, bottom: dict[str, Any] | None, key: str = "seconds",
           bottom_key: str = "seconds") -> str:  # fmt: skip
    if not top or not bottom:
        return "–"
    if "timeout" in top and "stopped" not in bottom:
        return f"> {top['timeout'] / bottom[bottom_key]:.0f}x"
    if "stopped" in top or "stopped" in bottom or not bottom[bottom_key]:
        return "–"
    return f"{top[key] / bottom[bottom_key]:.2f}x"


def _mb(figure: dict[str, Any] | None) -> str:
    return "–" if not figure or "stopped" in figure else f"{figure['peak_mb']:,.0f}"


def _toplist_report(top: dict[str, Any]) -> list[str]:
    imported = top["import"]
    analysis = top["analysis"]
    quads = imported.get("quads", 0)
    return [
        "", "**Real data: the World Athletics toplists** (`bench/toplist.py`: 29,877 placed, "
        "deduplicated performances of 5 disciplines from `shared/data/"
        f"worldathletics_toplists_kmuchiri`, {quads:,} quads in 5 named graphs, TriG):", "",
        "| import (CSV -> quads -> TriG) | rivalgraph build | without validation | bare `bulk_load` "
        "| rdflib parse | build / bulk_load | head-to-head + scoring | athletes / pairs | peak MB: "
        "import / build / analysis |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {_s(imported)} | {_s(top['build'])} | {_s(top['build_novalidate'])} "
        f"| {_s(top['bulk'])} | {_s(top['rdflib_parse'])} | {_ratio(top['build'], top['bulk'])} "
        f"| {_s(analysis)} | {analysis.get('athletes', '–')} / {analysis.get('pairs', '–')} "
        f"| {_mb(imported)} / {_mb(top['build'])} / {_mb(analysis)} |",
    ]  # fmt: skip


def _export_report(exports: dict[str, Any]) -> list[str]:
    formats = exports["formats"]
    shape = next((f for f in formats.values() if "edges" in f), {"nodes": 0, "edges": 0})
    lines = [f"**Exports**: `rivalgraph export --format F` of the whole rivalry network of the "
             f"{exports['triples']:,}-triple graph ({shape['nodes']:,} athletes, "
             f"{shape['edges']:,} rivalries, one edge per pair). *export* = the whole command "
             "(read the store, project, score, communities, centrality, write atomically; for "
             "html also the layout and every pair's evidence); *writer* = rivalgraph's writer "
             "alone on the network built once; *networkx* = networkx's own writer of the same "
             "network in the same run (the baseline; none for DOT without pydot, the page has "
             "no counterpart). One run of each.", "",
             "| format | export s | network s | writer s | networkx s | MB | networkx MB | peak MB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for fmt, figure in formats.items():
        if "stopped" in figure:
            lines.append(f"| {fmt} | {figure['stopped']} | – | – | – | – | – | – |")
            continue
        cells = [
            _s(figure, key) if key in figure else "–"
            for key in ("seconds", "network_seconds", "writer_seconds", "networkx_seconds")
        ]
        cells += [f"{figure['mb']:.1f}",
                 f"{figure['networkx_mb']:.1f}" if "networkx_mb" in figure else "–",
                 f"{figure['peak_mb']:,.0f}"]  # fmt: skip
        lines.append(f"| {fmt} | " + " | ".join(cells) + " |")
    return lines


def report(
    sizes: list[dict[str, Any]],
    info: dict[str, str],
    runs: int,
    title: str,
    toplists: dict[str, Any] | None = None,
    exports: dict[str, Any] | None = None,
) -> str:
    lines = [
        f"### {title}, {info['date']}",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram']}; {info['system']}; "
        f"Python {info['python']}, pyoxigraph {info['pyoxigraph']}, rdflib {info['rdflib']}, "
        f"networkx {info['networkx']}, pyshacl-turbo {info['pyshacl_turbo']}. Load average "
        f"before the run: {info['load']} (the machine is shared with other jobs, so figures "
        "vary from run to run).",
        f"Data: `bench/generate.py`, seed {SEED}, N-Quads. "
        + (
            f"Every figure is the median of {runs} runs unless the text says otherwise"
            if runs > 1
            else "One run of each measurement (at this size a run takes minutes)"
        )
        + ", each run in a process of its own; peak = that process's maximum resident memory "
        "(MB).",
        "",
        "**Build** (parse + validate + load into a new on-disk store). " + info.get("builds_note", ""),
        "",
        "| triples | rivalgraph build | without validation | bare `bulk_load` | rdflib parse "
        "(in memory) | build / bulk_load | rdflib / build | validation alone (turbo) | µs per "
        "triple | peak MB: build / bulk_load / rdflib |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        n = size["triples"]
        validate = size.get("validate")
        per = "–" if not validate or "stopped" in validate else f"{validate['seconds'] / n * 1e6:.1f}"
        lines.append(
            f"| {n:,} | {_s(size['build'])} | {_s(size.get('build_novalidate'))} | {_s(size['bulk'])} "
            f"| {_s(size.get('rdflib_parse'))} | {_ratio(size['build'], size['bulk'])} "
            f"| {_ratio(size.get('rdflib_parse'), size['build'])} | {_s(validate)} | {per} "
            f"| {_mb(size['build'])} / {_mb(size['bulk'])} / {_mb(size.get('rdflib_parse'))} |"
        )
    if toplists:
        lines += _toplist_report(toplists)
    reference = [s for s in sizes if s.get("validate_pyshacl")]
    for size in reference:
        lines += ["", f"SHACL engines at {size['triples']:,} triples (parse + all checks, one run "
                  f"for pySHACL): pyshacl-turbo {_s(size['validate'])}, pySHACL "
                  f"{_s(size['validate_pyshacl'])} "
                  f"({_ratio(size['validate_pyshacl'], size['validate'])})."]  # fmt: skip
    lines += [
        "",
        "**Head-to-head and rivalry scoring** on the built store. *h2h*: every pair's meetings "
        "(rivalgraph: `race-results` + array code; baseline: `pair-meetings.rq`, the same "
        "aggregation as one SPARQL query, on rdflib's engine); *full*: projection (h2h, athletes, "
        "discourse) + the score of every pair both ways:",
        "",
        "| triples | athletes | pairs | directed scores | rivalgraph h2h | rivalgraph full | "
        "rdflib h2h | rdflib full | full speed-up | rdflib running race-results + array | "
        "peak MB: rivalgraph / rdflib |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        ours, theirs = size["analysis"], size.get("analysis_rdflib")
        ok = "stopped" not in ours
        lines.append(
            f"| {size['triples']:,} | {ours.get('athletes', '–') if ok else '–'} "
            f"| {ours.get('pairs', '–') if ok else '–'} | {ours.get('scores', '–') if ok else '–'} "
            f"| {_s(ours, 'h2h') if ok else _s(ours)} | {_s(ours)} "
            f"| {_s(theirs, 'h2h') if theirs and 'stopped' not in theirs else _s(theirs)} "
            f"| {_s(theirs)} | {_ratio(theirs, ours)} "
            f"| {_s(size.get('analysis_rdflib_array'))} | {_mb(ours)} / {_mb(theirs)} |"
        )
    lines += ["", "**Named queries**, one client, parameters bound to the busiest athlete "
              "and his most frequent rival; embedded = `rivalgraph.query.run` (parameters as "
              "engine substitutions), endpoint = `rivalgraph serve` over HTTP (the query's "
              "standalone text, parameters in a `VALUES` block). Calls for about 2 s, at least "
              "3 (1 when a call takes longer): p99 is then close to the maximum. "
              + info.get("queries_note", ""), ""]  # fmt: skip
    names = sorted({q for s in sizes for q in s.get("queries", {}).get("queries", {})})
    if not names:
        lines[-2] = "**Named queries**: not measured at this size (see the notes)."
    header = "| query | " + " | ".join(f"{s['triples']:,}: embedded p50 / p99 ms | endpoint "
                                     "p50 / p99 ms" for s in sizes) + " |"  # fmt: skip
    if names:
        lines += [header, "|---|" + "---:|---:|" * len(sizes)]
    for name in names:
        cells = []
        for size in sizes:
            for mode in ("queries", "endpoint"):
                figure = size.get(mode, {}).get("queries", {}).get(name)
                cells.append("–" if figure is None else
                             f"{figure['p50_ms']:.1f} / {figure['p99_ms']:.1f}")  # fmt: skip
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    if exports:
        lines += ["", *_export_report(exports)]
    return "\n".join(lines)


def _under_heading(current: str, block: str) -> str:
    """Place a new block at the end of this benchmark's part of RESULTS.md (made if missing)."""
    if HEADING not in current:
        current = current.rstrip("\n") + f"\n\n{HEADING}\n\nWritten by `bench/scale.py` " \
            "(`make bench`, `make bench-large`); see bench/README.md.\n"  # fmt: skip
    at = current.index(HEADING) + len(HEADING)
    following = current.find("\n## ", at)
    insert = len(current) if following < 0 else following
    return current[:insert].rstrip("\n") + "\n\n" + block + "\n" + current[insert:]


def write_section(section: str, text: str) -> None:
    """Replace this benchmark's block for ``section`` in bench/RESULTS.md (others untouched)."""
    replace_section(f"bench_scale_{section}", text, _under_heading)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e5, 1e6])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--section", default="main", help="RESULTS.md block to replace")
    parser.add_argument("--rdflib-max", type=float, default=1e6,
                        help="largest size with rdflib baselines (parse)")  # fmt: skip
    parser.add_argument("--rdflib-analysis-max", type=float, default=1e5,
                        help="largest size with the rdflib analysis baseline")  # fmt: skip
    parser.add_argument(
        "--rdflib-analysis-runs",
        type=int,
        default=1,
        help="runs of the rdflib analysis baseline (each takes minutes)",
    )
    parser.add_argument("--rdflib-timeout", type=float, default=600,
                        help="seconds per rdflib analysis run before it is stopped")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per measurement")
    parser.add_argument("--toplists", action="store_true", help="also the real toplists")
    parser.add_argument(
        "--endpoint-max",
        type=float,
        default=1e5,
        help="largest size whose named queries also go through the endpoint",
    )
    parser.add_argument(
        "--export-triples",
        type=float,
        default=0,
        help="size of the graph whose rivalry network every export format writes "
        "(2e6 gives about 10^5 rivalries; 0: no exports)",
    )
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--builds-only",
        action="store_true",
        help="measure the builds and their baselines again into "
        "bench/out/scale-<section>.json and rewrite the section",
    )
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="measure the named queries again (embedded and endpoint) into "
        "bench/out/scale-<section>.json and rewrite the section",
    )
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite the section from bench/out/scale-<section>.json"
    )
    args = parser.parse_args(argv)
    if args.builds_only:
        record = json.loads((OUT / f"scale-{args.section}.json").read_text(encoding="utf-8"))
        for size in record["sizes"]:
            data = str(prepare(size["triples"], store_too=False, nt_too=False)["data"])
            size.update(measure_builds(data, args.runs, args.timeout, print))
        if record.get("toplists"):
            record["toplists"].update(
                measure_builds(str(OUT / "toplists"), args.runs, args.timeout, print, validate_alone=False)
            )
        again = machine()
        record["machine"]["builds_note"] = (
            f"Builds measured again on {again['date']} on a quiet machine (load average {again['load']})."
        )
        (OUT / f"scale-{args.section}.json").write_text(json.dumps(record, indent=1),
                                                        encoding="utf-8")  # fmt: skip
    if args.queries_only:
        record = json.loads((OUT / f"scale-{args.section}.json").read_text(encoding="utf-8"))
        for size in record["sizes"]:
            store = str(prepare(size["triples"], nt_too=False)["store"])
            size["queries"] = measure("queries", [store, "2"], 1, args.timeout, 22, print)
            if size["triples"] <= args.endpoint_max:
                size["endpoint"] = measure("endpoint", [store, "2"], 1, args.timeout, 22, print)
        again = machine()
        record["machine"]["queries_note"] = (
            f"Measured again on {again['date']} after the last "
            f"change to queries/ (load average {again['load']})."
        )
        (OUT / f"scale-{args.section}.json").write_text(json.dumps(record, indent=1),
                                                        encoding="utf-8")  # fmt: skip
    if args.report_only or args.queries_only or args.builds_only:
        record = json.loads((OUT / f"scale-{args.section}.json").read_text(encoding="utf-8"))
        title = "At 10^7 triples" if args.section == "large" else \
            "Build, head-to-head, scoring, queries"  # fmt: skip
        write_section(args.section, report(record["sizes"], record["machine"], record["runs"],
                                           title, record.get("toplists"),
                                           record.get("exports")))  # fmt: skip
        return 0
    if args.child:
        _child(args.child[0], args.child[1:])
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    info = machine()

    def log(message: str) -> None:
        print(message, flush=True)

    sizes = []
    for size in args.sizes:
        n = int(size)
        sizes.append(run_size(
            n, args.runs, log, baselines=n <= args.rdflib_max,
            shacl_reference=n <= 1e5, timeout=args.timeout, rdflib_timeout=args.rdflib_timeout,
            endpoint=n <= args.endpoint_max,
            rdflib_analysis_runs=args.rdflib_analysis_runs if n <= args.rdflib_analysis_max else 0,
        ))  # fmt: skip
    toplists = run_toplists(args.runs, log, args.timeout) if args.toplists else None
    exports = run_exports(int(args.export_triples), log, args.timeout) \
        if args.export_triples else None  # fmt: skip
    record = {"machine": info, "runs": args.runs, "sizes": sizes, "toplists": toplists,
              "exports": exports}  # fmt: skip
    (OUT / f"scale-{args.section}.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    title = "At 10^7 triples" if args.section == "large" else "Build, head-to-head, scoring, queries"
    text = report(sizes, info, args.runs, title, toplists, exports)
    print(text)
    if not args.no_write:
        write_section(args.section, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
