"""Faults on a real SPARQL server: Virtuoso killed (SIGKILL) in the middle of a push, then restarted.

A private Virtuoso of this module's own (:class:`CrashableVirtuoso`, so the
session's shared server is never touched) is killed while a push is sending
its batches, restarted on the same database folder (Virtuoso rolls its
transaction log forward), and the same push run again.  It must:

- fail with an error that names the server and the journal and says how to
  resume, without a traceback at the command line;
- resume: skip what the journal says is stored, so it sends fewer batches
  than a full push;
- leave exactly the source's triples in every graph (Virtuoso keeps a triple
  once per graph, so a batch sent twice would show only as blank nodes
  doubled; counts of all and of distinct triples are compared), and answer
  every named query as the embedded store does.

Where the kill lands inside a request is up to the scheduler: the assertions
hold wherever it lands, which is the point.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from bench.generate import generate, write

from rivalgraph.build import build
from rivalgraph.query import load_registry
from rivalgraph.remote.client import Call, request
from rivalgraph.remote.push import PushInterrupted, push_quads, writer_for
from rivalgraph.remote.spec import RemoteSpec, parse_store_spec
from rivalgraph.store import Store, open_store
from rivalgraph.store.sparql import MERGED_GRAPH, SparqlStore

from .conftest import VIRTUOSO_SCRIPT, require_virtuoso
from .test_remote import answers, same_answers, typical_values

CLI = [sys.executable, "-m", "rivalgraph.cli"]
REGISTRY = load_registry()
pytestmark = pytest.mark.slow


class CrashableVirtuoso:
    """A private Virtuoso that a test may kill with SIGKILL and start again on the same database."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = self._run("start")

    def _run(self, command: str) -> dict[str, str]:
        ran = subprocess.run([str(VIRTUOSO_SCRIPT), command, str(self.folder)], capture_output=True,
                             text=True, timeout=180)  # fmt: skip
        if ran.returncode != 0:
            raise RuntimeError(f"scripts/virtuoso.sh {command} failed:\n{ran.stderr}")
        return dict(line.split("=", 1) for line in ran.stdout.splitlines() if "=" in line)

    @property
    def pid(self) -> int:
        return int((self.folder / "pid").read_text())

    @property
    def spec(self) -> RemoteSpec:
        spec = parse_store_spec("sparql+" + self.env["RIVALGRAPH_QUERY_URL"], env=self.env)
        assert isinstance(spec, RemoteSpec)
        return spec

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except (ProcessLookupError, FileNotFoundError):
            return False
        return True

    def kill(self) -> None:
        """SIGKILL the server (no shutdown, no checkpoint) and wait until it is gone."""
        pid = self.pid
        os.kill(pid, signal.SIGKILL)
        for _ in range(100):
            if not self.alive():
                return
            time.sleep(0.05)

    def restart(self) -> None:
        self.env = self._run("restart")

    def stop(self) -> None:
        subprocess.run([str(VIRTUOSO_SCRIPT), "stop", str(self.folder)], capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def crashable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CrashableVirtuoso]:
    require_virtuoso()
    server = CrashableVirtuoso(tmp_path_factory.mktemp("virtuoso-crash"))
    try:
        yield server
    finally:
        server.stop()


def _server_counts(spec: RemoteSpec, graphs: set[str]) -> dict[str, tuple[int, int]]:
    """Per graph, the triples Virtuoso holds: (all, distinct), asked without a dataset."""
    text = ("SELECT ?g (COUNT(*) AS ?n) (COUNT(DISTINCT *) AS ?d) "
            "WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")  # fmt: skip
    rows = json.loads(request(Call(spec.query_url, text)).body)["results"]["bindings"]
    found = {row["g"]["value"]: (int(row["n"]["value"]), int(row["d"]["value"])) for row in rows}
    return {graph: count for graph, count in found.items() if graph in graphs}


def _source_counts(quads: list[ox.Quad]) -> dict[str, int]:
    """Per named graph, and for their merge, the distinct triples of ``quads``."""
    graphs: dict[str, set[tuple[object, ...]]] = {MERGED_GRAPH.value: set()}
    for quad in quads:
        triple = (quad.subject, quad.predicate, quad.object)
        graphs.setdefault(quad.graph_name.value, set()).add(triple)  # type: ignore[union-attr]
        graphs[MERGED_GRAPH.value].add(triple)
    return {graph: len(triples) for graph, triples in graphs.items()}


def _assert_exactly(spec: RemoteSpec, expected: dict[str, int]) -> None:
    found = _server_counts(spec, set(expected))
    wrong = {g: (found.get(g), n) for g, n in expected.items() if found.get(g) != (n, n)}
    assert not wrong, f"graphs whose (all, distinct) triples differ from the source's count: {wrong}"


def _kill_when_noted(server: CrashableVirtuoso, journal: Path, batches: int) -> threading.Thread:
    """Watch the journal from a thread; SIGKILL the server once it notes ``batches`` batches."""

    def watch() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                graphs = json.loads(journal.read_text())["graphs"]
            except (OSError, ValueError, KeyError):
                graphs = {}
            if sum(entry["sent"] for entry in graphs.values()) >= batches:
                server.kill()
                return
            time.sleep(0.005)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    return watcher


def test_a_push_killed_by_the_server_dying_resumes_at_the_cli(
    crashable: CrashableVirtuoso, tmp_path: Path
) -> None:
    """The whole story at the command line: real graph/ plus 20,000 synthetic triples, GSP bulk path."""
    synthetic = write(20_000, 7, "trig", tmp_path / "data")
    journal = tmp_path / "journal.json"
    store = "sparql+" + crashable.env["RIVALGRAPH_QUERY_URL"]
    command = [*CLI, "build", "--store", store, "--journal", str(journal), str(synthetic)]
    env = {**os.environ, **{k: v for k, v in crashable.env.items() if k.startswith("RIVALGRAPH_")}}

    watcher = _kill_when_noted(crashable, journal, 25)
    failed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    watcher.join(timeout=5)
    assert not crashable.alive(), "the push finished before the server was killed"
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Traceback" not in failed.stderr
    message = failed.stderr[failed.stderr.index("error: ") :]
    assert crashable.env["RIVALGRAPH_GSP_URL"] in message or crashable.env["RIVALGRAPH_QUERY_URL"] in message
    assert f"the push to {crashable.env['RIVALGRAPH_QUERY_URL']} stopped after" in message
    assert str(journal) in message and "run the same command again to resume" in message
    noted = json.loads(journal.read_text())["graphs"]
    complete = [g for g, entry in noted.items() if entry["sent"] == entry["batches"]]
    assert len(complete) >= 20, noted

    crashable.restart()
    resumed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    counted = re.search(r"\((\d+) batches sent, (\d+) already there\)", resumed.stdout)
    assert counted is not None, resumed.stdout
    sent, skipped = int(counted[1]), int(counted[2])
    assert skipped >= len(complete) and sent > 0, resumed.stdout
    assert sent + skipped >= sum(entry["batches"] for entry in noted.values())

    location = tmp_path / "embedded"
    build(location, extra=[synthetic], validate=False)
    embedded = open_store(location)
    quads = [*embedded.quads()]  # type: ignore[attr-defined]
    named = [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
    _assert_exactly(crashable.spec, _source_counts(named))
    remote = SparqlStore.open(crashable.spec)
    assert len(remote) == len(embedded)
    _assert_same_answers(remote, embedded)


def _assert_same_answers(remote: Store, embedded: Store) -> None:
    differ = [name for name, query in sorted(REGISTRY.items())
              if not same_answers(answers(remote, query, values := typical_values(query)),
                                  answers(embedded, query, values))]  # fmt: skip
    assert not differ, f"named queries that answer differently after the resumed push: {differ}"


def test_a_push_by_sparql_update_killed_mid_batch_resumes_without_duplicates(
    crashable: CrashableVirtuoso, tmp_path: Path
) -> None:
    if not crashable.alive():
        crashable.restart()
    spec = crashable.spec
    quads = generate(8_000, seed=11)
    journal = tmp_path / "journal.json"
    options = {"journal": journal, "writer": writer_for(spec, "update"), "batch_size": 200}
    stored: list[tuple[str, int]] = []
    killer = threading.Timer(0.02, crashable.kill)

    def kill_soon(graph: str, number: int) -> None:
        stored.append((graph, number))
        if len(stored) == 15:  # a moment later, so the kill usually lands inside the next request
            killer.start()

    with pytest.raises(PushInterrupted) as interrupted:
        push_quads(spec, quads, on_batch=kill_soon, **options)  # type: ignore[arg-type]
    killer.join(timeout=10)
    assert not crashable.alive()
    assert spec.query_url in str(interrupted.value) and str(journal) in str(interrupted.value)
    first_total = interrupted.value.total
    assert 15 <= interrupted.value.done < first_total

    crashable.restart()
    resumed = push_quads(spec, quads, **options)  # type: ignore[arg-type]
    assert resumed.batches_skipped >= 15
    assert resumed.batches_sent < first_total
    assert resumed.batches_sent + resumed.batches_skipped >= first_total
    _assert_exactly(spec, _source_counts(quads))
