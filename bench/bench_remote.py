"""Load throughput and named-query latency: Virtuoso (through SPARQLWrapper) vs the embedded store.

Loads, on synthetic data (``bench/synthetic_remote.py``) pushed as rivalgraph
pushes a build: one named graph per source plus their merge, so the server
stores about twice the source triples.

- embedded: what ``rivalgraph build`` does to load: the merged default graph
  computed in Python, then pyoxigraph's bulk loader into an on-disk store;
- Virtuoso, Graph Store Protocol: rivalgraph's push (:func:`push_quads`: plan,
  journal, 50,000 triples a ``POST``, size checks, catalog, counts);
- Virtuoso, SPARQL Update: the same push with ``INSERT DATA`` of 4,000 triples,
  at the small size only (it runs at about 5,000 triples/s);
- Virtuoso's own bulk loader, for reference (not used by rivalgraph: it needs
  the ``dba`` account and the server's file system): an N-Quads file in a folder
  of ``DirsAllowed``, ``ld_dir`` + ``rdf_loader_run`` + ``checkpoint`` over isql.

Then the latency of named queries (median of 5 runs after a warm-up; the first
run alone when it took over 5 s) on both stores, whose answers must agree.  Every Virtuoso is a fresh
private instance from ``scripts/virtuoso.sh``, stopped at the end.  Writes its
section of bench/RESULTS.md (``--no-write`` to skip).

Usage: python bench/bench_remote.py [--triples 1000000] [--small 50000] [--loader] [--no-write]
About 6 minutes at a million triples on 2 shared cores; ``--loader`` adds Virtuoso's own
bulk loader (about a minute more).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from sections import RESULTS, replace_section  # noqa: E402
from synthetic_remote import generate  # noqa: E402

from rivalgraph.analysis.reader import analysis_queries  # noqa: E402
from rivalgraph.query import NamedQuery, load_registry, run  # noqa: E402
from rivalgraph.remote.push import push_quads, writer_for  # noqa: E402
from rivalgraph.remote.spec import RemoteSpec, parse_store_spec  # noqa: E402
from rivalgraph.store import OxigraphStore, Store, with_merged_default_graph  # noqa: E402
from rivalgraph.store.sparql import SparqlStore  # noqa: E402

REPO = HERE.parent
SCRIPT = REPO / "scripts" / "virtuoso.sh"
#: Every database, store and journal of a run goes here; removed at the end (set in main).
SCRATCH: str | None = None
ATHLETE = "https://w3id.org/rivalgraph/id/athlete/synthetic-00000"
OPPONENT = "https://w3id.org/rivalgraph/id/athlete/synthetic-00001"
WINS = ("SELECT ?a (COUNT(?r) AS ?n) WHERE { ?r a rg:Result ; rg:athlete ?a ; rg:place 1 } "
        "GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 10")  # fmt: skip


def _queries() -> list[tuple[str, NamedQuery, dict[str, str]]]:
    named, analysis = load_registry(), analysis_queries()
    pair = {"athlete": ATHLETE, "opponent": OPPONENT}
    return [
        ("`head-to-head` (one pair)", named["head-to-head"], pair),
        ("`timeline` (one pair)", named["timeline"], pair),
        ("`opponents` (one athlete)", named["opponents"], {"athlete": ATHLETE}),
        ("`analysis/race-evidence` (one athlete)", analysis["race-evidence"], {"athlete": ATHLETE}),
        ("`analysis/athletes` (all, grouped)", analysis["athletes"], {}),
    ]


# --- Virtuoso instances ---------------------------------------------------------------------------


@contextmanager
def virtuoso() -> Iterator[tuple[Path, dict[str, str]]]:
    """A fresh private Virtuoso: its folder and its ``RIVALGRAPH_*``/``VIRTUOSO_*`` settings."""
    folder = Path(tempfile.mkdtemp(prefix="bench-virtuoso-", dir=SCRATCH))
    started = subprocess.run([str(SCRIPT), "start", str(folder)], capture_output=True, text=True, check=True)
    try:
        yield folder, dict(line.split("=", 1) for line in started.stdout.splitlines() if "=" in line)
    finally:
        subprocess.run([str(SCRIPT), "stop", str(folder)], capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _spec(env: dict[str, str]) -> RemoteSpec:
    spec = parse_store_spec("sparql+" + env["RIVALGRAPH_QUERY_URL"], env=env)
    assert isinstance(spec, RemoteSpec)
    return spec


def _isql(env: dict[str, str], sql: str) -> None:
    done = subprocess.run(["isql-vt", f"127.0.0.1:{env['VIRTUOSO_ISQL_PORT']}", "dba",
                           env["VIRTUOSO_DBA_PASSWORD"], f"exec={sql}"],
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql {sql!r}: {done.stdout[-500:]} {done.stderr[-500:]}")


# --- Loads ----------------------------------------------------------------------------------------


def load_embedded(quads: Sequence[ox.Quad]) -> tuple[OxigraphStore, float]:
    start = time.perf_counter()
    inner = ox.Store(tempfile.mkdtemp(prefix="bench-oxigraph-", dir=SCRATCH))
    inner.bulk_extend(with_merged_default_graph(quads))
    inner.flush()
    return OxigraphStore(inner), time.perf_counter() - start


def load_pushed(env: dict[str, str], quads: Sequence[ox.Quad], method: str, stored: int) -> float:
    """Push with ``method``; check the server then holds ``stored`` triples (sources and merge)."""
    spec = _spec(env)
    journal = Path(tempfile.mkdtemp(prefix="bench-journal-", dir=SCRATCH)) / "journal.json"
    start = time.perf_counter()
    push_quads(spec, quads, journal=journal, writer=writer_for(spec, method))
    seconds = time.perf_counter() - start
    assert len(SparqlStore.open(spec)) == stored
    return seconds


def load_bulk_loader(folder: Path, env: dict[str, str], quads: Sequence[ox.Quad]) -> float:
    """Virtuoso's own loader: the same quads and their merge (as a named graph) from an N-Quads file."""
    merged = ox.NamedNode("https://w3id.org/rivalgraph/id/graph/merged")
    start = time.perf_counter()
    every = [q if isinstance(q.graph_name, ox.NamedNode) else ox.Quad(q.subject, q.predicate, q.object,
                                                                      merged)
             for q in with_merged_default_graph(quads)]  # fmt: skip
    path = folder / "load" / "bench.nq"
    with path.open("wb") as out:
        ox.serialize(every, out, format=ox.RdfFormat.N_QUADS)
    steps = [time.perf_counter()]
    for sql in (f"ld_dir('{path.parent}', '{path.name}', 'urn:rivalgraph:unused');", "rdf_loader_run();",
                "checkpoint;"):  # fmt: skip
        _isql(env, sql)
        steps.append(time.perf_counter())
    spent = ", ".join(f"{b - a:.1f} s" for a, b in zip(steps, steps[1:], strict=False))
    print(f"  file {steps[0] - start:.1f} s; ld_dir, rdf_loader_run, checkpoint {spent}", file=sys.stderr)
    return time.perf_counter() - start


# --- Queries --------------------------------------------------------------------------------------


def _normal(row: tuple[object, ...]) -> tuple[str, ...]:
    # Virtuoso gives numbers in canonical form (see tests/test_remote.py): compare their values.
    return tuple(repr(float(t.value)) if isinstance(t, ox.Literal) and t.datatype.value.endswith(
        ("#integer", "#decimal", "#positiveInteger", "#double")) else str(t) for t in row)  # fmt: skip


def timed(action: Callable[[], object]) -> str:
    """Median milliseconds of 5 runs after a warm-up run, or the first run alone when it took over 5 s."""
    start = time.perf_counter()
    action()
    first = time.perf_counter() - start
    if first > 5:
        return f"{first * 1000:,.0f} ms (1 run)"
    times: list[float] = []
    for _ in range(5):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return f"{statistics.median(times) * 1000:,.1f} ms"


def latencies(embedded: Store, remote: Store) -> list[tuple[str, str, str, str]]:
    rows = []
    for label, query, values in _queries():
        here, there = run(embedded, query, values), run(remote, query, values)
        assert sorted(map(_normal, here.rows)) == sorted(map(_normal, there.rows)), label
        rows.append((label, f"{len(here)} rows", timed(lambda: run(embedded, query, values)),  # noqa: B023
                     timed(lambda: run(remote, query, values))))  # noqa: B023  # fmt: skip
    here, there = embedded.select(WINS), remote.select(WINS)
    assert list(map(_normal, here.rows)) == list(map(_normal, there.rows))
    rows.append(("wins per athlete (GROUP BY over every result)", f"{len(here.rows)} rows",
                 timed(lambda: embedded.select(WINS)), timed(lambda: remote.select(WINS))))  # fmt: skip
    return rows


# --- Report ---------------------------------------------------------------------------------------


def _machine() -> str:
    cpu, memory = platform.machine(), 0
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))  # fmt: skip
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    except (OSError, StopIteration):
        pass
    version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "virtuoso-opensource-7"],
                             capture_output=True, text=True, check=False).stdout.strip() or "?"  # fmt: skip
    return (f"{cpu}, {os.cpu_count()} cores, {memory} GiB; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, pyoxigraph {ox.__version__}, Virtuoso {version} (Debian "
            "`virtuoso-opensource`, a private instance from `scripts/virtuoso.sh`)")  # fmt: skip


def _rate(triples: int, seconds: float) -> str:
    return f"{triples / seconds:,.0f} triples/s ({seconds:.1f} s)"


def _load(value: tuple[float, float, float]) -> str:
    return ", ".join(f"{v:.1f}" for v in value)


EMBEDDED = "embedded: merge + pyoxigraph bulk loader"
UPDATE = "Virtuoso: push, SPARQL Update (4,000 a request)"
GSP = "Virtuoso: push, Graph Store Protocol (50,000 a request)"
LOADER = "Virtuoso's own bulk loader (`ld_dir`, reference)"


def _section(loads: Sequence[tuple[str, ...]], queries: Sequence[tuple[str, ...]], header: str) -> str:
    return "\n".join([
        f"## Remote store: Virtuoso vs the embedded store (`bench/bench_remote.py`), {time.strftime('%F')}",
        "",
        header,
        "Data: `bench/synthetic_remote.py` (athletes racing in groups of 36, 1500 m finals of 12, results; "
        "one named graph per 200 races); both stores hold the source graphs and their merge, so about "
        "twice the source triples. Throughput counts the triples stored.",
        "",
        "| source triples | stored | load path | throughput |",
        "|---:|---:|---|---:|",
        *("| " + " | ".join(row) + " |" for row in loads),
        "",
        f"Named-query latency at {loads[-1][0]} source triples ({loads[-1][1]} stored), median of 5 runs "
        "after a warm-up (the first run alone when it took over 5 s); Virtuoso through `SparqlStore` "
        "(SPARQLWrapper, JSON, the merged graph as `default-graph-uri` and every source graph as "
        "`named-graph-uri`); answers checked equal on both stores.",
        "",
        "| query | answer | embedded (pyoxigraph) | Virtuoso via SPARQLWrapper |",
        "|---|---|---:|---:|",
        *("| " + " | ".join(row) + " |" for row in queries),
    ])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="Source triples of the large run.")
    parser.add_argument("--small", type=int, default=50_000, help="Source triples of the 3-way comparison.")
    parser.add_argument("--loader", action="store_true", help="Also time Virtuoso's own bulk loader.")
    parser.add_argument("--no-write", action="store_true", help="Do not update bench/RESULTS.md.")
    args = parser.parse_args()
    global SCRATCH
    SCRATCH = tempfile.mkdtemp(prefix="bench-remote-")
    try:
        _run(args)
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)


def _run(args: argparse.Namespace) -> None:
    began, load_before = time.perf_counter(), os.getloadavg()
    loads: list[tuple[str, ...]] = []

    def note(quads: Sequence[ox.Quad], stored: int, label: str, seconds: float) -> None:
        loads.append((f"{len(quads):,}", f"{stored:,}", label, _rate(stored, seconds)))
        print(f"[{time.perf_counter() - began:6.1f} s] {label}: {seconds:.1f} s", file=sys.stderr, flush=True)

    small = generate(args.small, seed=7)
    embedded, seconds = load_embedded(small)
    note(small, len(embedded), EMBEDDED, seconds)
    for method, label in (("update", UPDATE), ("gsp", GSP)):
        with virtuoso() as (_, env):
            note(small, len(embedded), label, load_pushed(env, small, method, len(embedded)))
    quads = generate(args.triples, seed=42)
    embedded, seconds = load_embedded(quads)
    stored = len(embedded)
    note(quads, stored, EMBEDDED, seconds)
    with virtuoso() as (_, env):
        note(quads, stored, GSP, load_pushed(env, quads, "gsp", stored))
        queries = latencies(embedded, SparqlStore.open(_spec(env)))
    if args.loader:
        with virtuoso() as (folder, env):
            note(quads, stored, LOADER, load_bulk_loader(folder, env, quads))
    header = (f"Machine: {_machine()}. Load average {_load(load_before)} before the run, "
              f"{_load(os.getloadavg())} after (the machine is shared with other jobs). Whole run "
              f"{time.perf_counter() - began:.0f} s{' (with --loader)' if args.loader else ''}.")  # fmt: skip
    section = _section(loads, queries, header)
    print(section)
    if not args.no_write:
        replace_section("bench_remote", section)
        print(f"wrote {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
