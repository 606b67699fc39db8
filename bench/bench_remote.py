"""Load throughput and named-query latency: Virtuoso (through SPARQLWrapper) vs the embedded store.

Run: .venv/bin/python bench/bench_remote.py [n_triples]   (default 1,000,000; a few minutes)
Starts a private Virtuoso with scripts/virtuoso.sh, stops it at the end, prints a Markdown table.
"""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_remote import generate  # noqa: E402

from rivalgraph.query import load_registry, run  # noqa: E402
from rivalgraph.remote.push import BATCH, UpdateWriter, _catalog, _graphs_to_push, batches  # noqa: E402
from rivalgraph.remote.sparql_store import CATALOG_GRAPH, MERGED_GRAPH, SparqlStore  # noqa: E402
from rivalgraph.remote.spec import RemoteSpec, parse_store_spec  # noqa: E402
from rivalgraph.store import OxigraphStore, with_merged_default_graph  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
QUERIES = {
    "head-to-head": {"athlete": "https://w3id.org/rivalgraph/id/athlete/synthetic-00001",
                     "opponent": "https://w3id.org/rivalgraph/id/athlete/synthetic-00002"},  # fmt: skip
}
COUNT = "SELECT ?a (COUNT(?r) AS ?n) WHERE { ?r rg:athlete ?a ; rg:place 1 } GROUP BY ?a ORDER BY DESC(?n) LIMIT 10"


def timed(action, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(n: int) -> None:
    started = time.perf_counter()
    quads = generate(n, seed=42)
    print(f"generated {len(quads):,} quads in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    rows = []
    folder = tempfile.mkdtemp()
    start = time.perf_counter()
    inner = ox.Store(folder)
    inner.bulk_extend(with_merged_default_graph(quads))
    inner.flush()
    load_embedded = time.perf_counter() - start
    embedded = OxigraphStore(inner)
    virt = tempfile.mkdtemp()
    out = subprocess.run([str(REPO / "scripts/virtuoso.sh"), "start", virt], check=True, capture_output=True,
                         text=True).stdout  # fmt: skip
    env = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    try:
        spec = parse_store_spec("sparql+" + env["RIVALGRAPH_QUERY_URL"], env=env)
        assert isinstance(spec, RemoteSpec)
        writer = UpdateWriter(spec, virtuoso=True)
        start = time.perf_counter()
        graphs = _graphs_to_push(quads)
        pushed = 0
        for name, triples in graphs.items():
            for batch in batches(triples, BATCH):
                writer.insert(name, batch)
                pushed += len(batch)
        for batch in batches(_catalog(sorted(g for g in graphs if g != MERGED_GRAPH.value))):
            writer.insert(CATALOG_GRAPH.value, batch)
        load_remote = time.perf_counter() - start
        remote = SparqlStore.open(spec)
        assert len(remote) == len(embedded), (len(remote), len(embedded))
        rows.append(("load (named graphs + merged graph)", f"{pushed:,} triples",
                     f"{pushed / load_embedded:,.0f} triples/s ({load_embedded:.1f} s)",
                     f"{pushed / load_remote:,.0f} triples/s ({load_remote:.1f} s)"))  # fmt: skip
        registry = load_registry()
        for name, values in QUERIES.items():
            query = registry[name]
            a = timed(lambda: run(embedded, query, values))
            b = timed(lambda: run(remote, query, values))
            rows.append((f"named query `{name}`", f"{len(run(embedded, query, values))} rows",
                         f"{a:.1f} ms", f"{b:.1f} ms"))  # fmt: skip
        a = timed(lambda: embedded.select(COUNT))
        b = timed(lambda: remote.select(COUNT))
        rows.append(("wins per athlete (GROUP BY over all results)", "10 rows", f"{a:.1f} ms", f"{b:.1f} ms"))
    finally:
        subprocess.run([str(REPO / "scripts/virtuoso.sh"), "stop", virt], capture_output=True)
    print(f"Machine: {platform.processor() or platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, pyoxigraph {ox.__version__}, Virtuoso 7.2.5 (Debian), "
          f"{n:,} triples requested, median of 5 runs per query\n")  # fmt: skip
    print("| measure | size | embedded (pyoxigraph) | Virtuoso via SPARQLWrapper |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
