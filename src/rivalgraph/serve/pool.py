"""A fixed set of worker processes with a bounded waiting line, for asyncio code.

At most ``size`` jobs run at once (one per worker process) and at most
``queue`` more wait for a free worker; the next request is refused at once
with :class:`~rivalgraph.serve.errors.Overloaded` (the server answers 503 with
``Retry-After``) instead of piling up.  While no worker is free, one client
(by address; behind a local proxy, the address it forwards) may hold at most
``per_client`` of the places (running or waiting), by default half of them:
a client flooding the endpoint with expensive queries is refused before it
fills the line, so others can still get in.  A worker that runs over the time limit
is killed and replaced (see :mod:`rivalgraph.serve.worker`); meanwhile the
other workers go on serving.

Examples
--------
>>> WorkerPool.__doc__.split("\\n")[0]
'Run jobs on worker processes: bounded concurrency, bounded queue, time limit.'
"""

from __future__ import annotations

import asyncio
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from rivalgraph.serve.errors import Overloaded
from rivalgraph.serve.jobs import Job, Reply
from rivalgraph.serve.worker import Worker, WorkerSpec

__all__ = ["WorkerPool", "default_share"]


def default_share(size: int, queue: int) -> int:
    """Places (running or waiting) one client may hold while others wait: half, rounded up.

    >>> default_share(2, 16), default_share(1, 0)
    (9, 1)
    """
    return max(1, -(-(size + queue) // 2))


class WorkerPool:
    """Run jobs on worker processes: bounded concurrency, bounded queue, time limit."""

    def __init__(self, spec: WorkerSpec, size: int, queue: int, timeout: float,
                 per_client: int | None = None) -> None:  # fmt: skip
        self.spec = spec
        self.size = size
        self.queue_limit = queue
        self.timeout = timeout
        self.per_client = per_client or default_share(size, queue)
        self._holding: Counter[str] = Counter()
        self.workers: list[Worker] = []
        self._idle: asyncio.Queue[Worker] | None = None
        self._waiting = 0
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="rivalgraph-job")

    def start(self) -> None:
        """Start the processes and wait until each has opened the store."""
        self.workers = [Worker(self.spec) for _ in range(self.size)]
        for worker in self.workers:
            worker.wait_ready()

    @property
    def isolated(self) -> bool:
        """Whether every worker runs without network access."""
        return bool(self.workers) and all(worker.isolated for worker in self.workers)

    def _queue(self) -> asyncio.Queue[Worker]:
        if self._idle is None:  # created in the running loop
            self._idle = asyncio.Queue()
            for worker in self.workers:
                self._idle.put_nowait(worker)
        return self._idle

    @property
    def busy(self) -> int:
        """How many jobs are running now."""
        return self.size - self._queue().qsize()

    async def run(self, job: Job, timeout: float | None = None, client: str | None = None) -> Reply:
        """Run ``job`` on the next free worker.

        Raises
        ------
        Overloaded
            If every worker is busy and ``queue`` requests already wait, or
            ``client`` already holds its share of the places.
        """
        idle = self._queue()
        if idle.empty() and self._waiting >= self.queue_limit:
            raise Overloaded(
                f"all {self.size} workers are busy and {self._waiting} requests are waiting; "
                "try again in a moment"
            )
        holding = self._holding[client] if client is not None else 0
        if idle.empty() and holding >= self.per_client:
            raise Overloaded(
                f"all {self.size} workers are busy and {holding} of the requests running or waiting "
                f"are yours (at most {self.per_client} per client while others wait); "
                "try again when one has finished"
            )
        key = client if client is not None else ""
        self._holding[key] += 1
        try:
            self._waiting += 1
            try:
                worker = await idle.get()
            finally:
                self._waiting -= 1
        except BaseException:
            self._release(key)
            raise
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(
            self._executor, worker.call, job, self.timeout if timeout is None else timeout
        )

        # The worker goes back to the line when its job ends, even if the
        # client has gone away and this coroutine was cancelled meanwhile.
        def done(_: object) -> None:
            self._release(key)
            idle.put_nowait(worker)

        future.add_done_callback(done)
        return await asyncio.shield(future)

    def _release(self, client: str) -> None:
        self._holding[client] -= 1
        if self._holding[client] <= 0:
            del self._holding[client]

    def close(self) -> None:
        """Kill every worker process."""
        for worker in self.workers:
            worker.kill()
        self._executor.shutdown(wait=False, cancel_futures=True)
