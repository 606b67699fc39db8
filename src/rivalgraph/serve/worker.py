"""Worker processes that run queries, and the handle the server keeps for each.

pyoxigraph cannot cancel a running query, so every query runs in a separate
process that the server can kill: :class:`Worker` sends a job down a pipe and
waits for the reply at most ``timeout`` seconds; past that it kills the
process (SIGKILL: the store is opened read-only, nothing can be left half
written) and starts a fresh one, which opens the store again while the next
request waits.  The time limit counts from the moment the worker receives
the job, so waiting in the queue does not count against it.

Examples
--------
>>> from rivalgraph.serve.jobs import Limits
>>> WorkerSpec(location="/tmp/store", writable=False, limits=Limits(), isolate=True).writable
False
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.serve.execute import execute
from rivalgraph.serve.jobs import Job, Limits, Reply
from rivalgraph.serve.sandbox import isolate_network
from rivalgraph.store import StoreError, StoreLocation

__all__ = ["WorkerSpec", "Worker", "open_raw_store", "STARTUP_TIMEOUT"]

#: How long a new worker may take to open the store.
STARTUP_TIMEOUT = 120.0
_CONTEXT = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class WorkerSpec:
    """How to start a worker: the store location, its mode, its limits.

    ``build`` pins the build folder every worker opens (also one restarted later),
    so that all serve the same graph even if another build is published meanwhile.
    ``memory`` is the heap (bytes) a query may add to the idle worker's
    (``RLIMIT_DATA``): a query that needs more kills its worker, which is
    replaced, not the machine.
    """

    location: str
    writable: bool
    limits: Limits
    isolate: bool
    build: str | None = None
    memory: int | None = None


def open_raw_store(location: str | Path, writable: bool, build: str | Path | None = None) -> ox.Store:
    """Open the published build of a store location (or the given ``build`` folder of it) as a
    :class:`pyoxigraph.Store`.

    Raises
    ------
    StoreError
        If nothing has been built there.
    """
    path = Path(build) if build is not None else StoreLocation(Path(location)).current()
    if path is None:
        raise StoreError(f"no graph has been built at {location}: run `rivalgraph build` first")
    return ox.Store(str(path)) if writable else ox.Store.read_only(str(path))


def _data_bytes() -> int | None:
    """The process's data segment now (``VmData`` of /proc/self/status), or ``None``."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _limit_memory(per_query: int) -> None:
    """Cap the heap at what the idle worker holds (imports, the open store) plus ``per_query``.

    ``RLIMIT_DATA`` counts the heap and private anonymous maps, not the store's mapped files:
    past it an allocation fails and the process aborts; the server then replaces it and says
    why. Relative to the idle worker, because what the imports hold differs by how the
    server was started.
    """
    used = _data_bytes()
    if used is not None:
        resource.setrlimit(resource.RLIMIT_DATA, (used + per_query, used + per_query))


def _main(conn: multiprocessing.connection.Connection, spec: WorkerSpec) -> None:
    """The loop of a worker process: open the store, then answer jobs until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops workers itself
    isolated = isolate_network() if spec.isolate else False
    try:
        store = open_raw_store(spec.location, spec.writable, spec.build)
    except (StoreError, OSError) as error:
        conn.send(("failed", str(error)))
        return
    if spec.memory is not None:
        _limit_memory(spec.memory)
    conn.send(("ready", isolated))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        reply = execute(store, job, spec.limits)
        if spec.writable and job.kind != "query" and reply.status < 300:
            store.flush()
        conn.send(reply)


class Worker:
    """The server's handle on one worker process; :meth:`call` is blocking."""

    def __init__(self, spec: WorkerSpec) -> None:
        self.spec = spec
        self.isolated = False
        self.restarts = 0
        self._lock = threading.Lock()
        self._start()

    def _start(self) -> None:
        parent, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_main, args=(child, self.spec), daemon=True)
        self.process.start()
        child.close()
        self.conn = parent
        self.ready = False

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Wait until the process has opened the store.

        Raises
        ------
        StoreError
            If it could not, with the reason.
        """
        if self.ready:
            return
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError(f"a worker did not open the store within {timeout:.0f} s")
        try:
            status, detail = self.conn.recv()
        except (EOFError, OSError) as error:
            raise StoreError(f"a worker died while opening the store: {error}") from error
        if status != "ready":
            raise StoreError(detail)
        self.isolated = bool(detail)
        self.ready = True

    def call(self, job: Job, timeout: float) -> Reply:
        """Run ``job``; past ``timeout`` seconds kill the process, start another, answer 503."""
        with self._lock:
            try:
                self.wait_ready()
            except StoreError as error:
                self._restart()
                return Reply.text(500, f"no worker could open the store: {error}")
            started = time.monotonic()
            try:
                self.conn.send(job)
                if self.conn.poll(timeout):
                    return self.conn.recv()  # type: ignore[no-any-return]
            except (EOFError, OSError, BrokenPipeError):
                self.process.join(timeout=5)
                aborted = self.process.exitcode == -signal.SIGABRT
                self._restart()
                if aborted and self.spec.memory is not None:
                    return Reply.text(
                        500,
                        f"the {job.kind} needed more than this endpoint's memory limit per query "
                        f"({self.spec.memory // 2**20} MiB) and was stopped; its worker was replaced. "
                        "Narrow the query (fewer or shorter values, a LIMIT) or run your own "
                        "`rivalgraph serve --worker-memory ...`",
                        X_Rivalgraph_Limit="memory",
                    )
                return Reply.text(500, f"the worker running this {job.kind} died; try again")
            self._restart()
            elapsed = time.monotonic() - started
            return Reply.text(
                503,
                f"the {job.kind} was stopped after {elapsed:.1f} s: this endpoint's time limit "
                f"is {timeout:g} s. Narrow the query (more specific patterns, a LIMIT) "
                "or run your own `rivalgraph serve --timeout ...`",
                X_Rivalgraph_Limit="time",
                Retry_After="1",  # every 503 says when to come back, even if not with this query
            )

    def _restart(self) -> None:
        self.kill()
        self.restarts += 1
        self._start()

    def kill(self) -> None:
        """Stop the process at once and release its pipe."""
        if self.process.is_alive() and self.process.pid is not None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(timeout=10)
        self.conn.close()
