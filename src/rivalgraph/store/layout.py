"""A store folder on disk: its builds, the ``current`` link to the published one, its locks.

A store *location* is a folder that holds every build under ``builds/`` and a
``current`` symbolic link to the published one.  A new build is written beside
the old one and published by replacing the link in one ``rename``: readers see
the old graph or the new one, never half of either, and a build that fails or
is killed leaves the published store as it was.  One writer at a time holds the
folder's write lock (:meth:`StoreLocation.writing`); a reader holds a lease on
the build it reads (:meth:`StoreLocation.reading`), so that pruning spares it.

Nothing here knows what a build holds (see :mod:`rivalgraph.store.embedded`).

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> place = StoreLocation(Path(tempfile.mkdtemp()))
>>> place.current() is None
True
>>> with place.writing():
...     build = place.new_build()
...     place.publish(build)
>>> place.current() == build.resolve()
True
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from rivalgraph.errors import RivalgraphError
from rivalgraph.store.contract import StoreError

__all__ = ["StoreLocation", "StoreBusy", "StoreUnwritable", "Terminated"]


class StoreBusy(StoreError):
    """Another build (or analysis) is writing the store: one writer at a time."""


class StoreUnwritable(StoreError):
    """The store folder cannot be written (read-only, not a folder, disk full)."""


class Terminated(RivalgraphError):
    """The process was sent SIGTERM while writing the store; its unfinished work was removed."""


#: ``(store folder, thread)`` pairs that hold a write lock, and how many ``writing()`` blocks hold it:
#: reentrant in one thread only; another thread of the process is refused like another process.
_HELD: dict[tuple[Path, int], int] = {}


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` for the block, so that its clean-up runs.

    Only the main thread receives signals; elsewhere the block runs unchanged.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: object) -> None:
        raise Terminated("stopped by SIGTERM: the unfinished build was removed; the published "
                         "graph is the one published last")  # fmt: skip

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class StoreLocation:
    """A folder of builds with a ``current`` link to the published one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.builds = root / "builds"
        self.link = root / "current"

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's write lock while a new build is made and published.

        One writer at a time: a second one is refused at once (naming the first's
        process), rather than each deleting the other's folder in progress.  Under
        the lock no other build can be running, so the folders that killed or failed
        writers left behind are removed on the way in and on the way out.  The lock
        is the operating system's (``flock``): a killed writer releases it.  It is
        reentrant within a thread (``analyse`` holds it from its first read to the
        :func:`replace_graph` that republishes), and SIGTERM while it is held
        becomes :class:`Terminated`, so that the writer cleans up before it exits.

        Raises
        ------
        StoreBusy
            Another process holds the lock.
        StoreUnwritable
            The folder cannot be created or the lock file written.
        """
        key = (self.root.absolute(), threading.get_ident())
        if key in _HELD:
            _HELD[key] += 1
            try:
                yield
            finally:
                _HELD[key] -= 1
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise StoreUnwritable(
                f"cannot write the store at {self.root}: {error.strerror or error}; choose a folder "
                "that can be written (the published graph, if any, is unchanged)",
                options=("store",),
            ) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode(errors="replace").strip() or "unknown"
            os.close(descriptor)
            raise StoreBusy(
                f"another build or analysis (process {holder}) is writing the store at {self.root}; "
                "wait for it to finish, then run again"
            ) from None
        _HELD[key] = 1
        try:
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
            self.prune()
            with _sigterm_raises():
                yield
        finally:
            del _HELD[key]
            self.prune()
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)

    def current(self) -> Path | None:
        """Return the folder of the published build, or ``None``."""
        if not self.link.is_symlink():
            return None
        target = self.link.resolve()
        return target if target.is_dir() else None

    def new_build(self) -> Path:
        """Create and return an empty folder for a build not yet published."""
        self.builds.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S")
        path = self.builds / f"{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**9}"
        path.mkdir()
        return path

    def publish(self, build: Path) -> None:
        """Make ``build`` the current one in a single atomic rename."""
        staging = self.root / f".current-{os.getpid()}"
        if staging.is_symlink() or staging.exists():
            staging.unlink()
        staging.symlink_to(Path("builds") / build.name)
        os.replace(staging, self.link)

    def discard(self, build: Path) -> None:
        """Remove an unpublished build."""
        shutil.rmtree(build, ignore_errors=True)

    @contextlib.contextmanager
    def reading(self, build: Path) -> Iterator[None]:
        """Hold a reader's lease on ``build``: :meth:`prune` leaves it alone until released.

        ``rivalgraph serve`` holds one on the build it serves, so that a build published
        meanwhile does not delete the files under its workers (every worker, also one
        restarted later, keeps serving that build until the server restarts).  The lease
        is a shared ``flock`` on ``leases/<build>.lease``: a killed reader releases it.
        """
        leases = self.root / "leases"
        try:
            leases.mkdir(exist_ok=True)
            descriptor = os.open(leases / f"{build.name}.lease", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            # A read-only store folder: no writer can prune it either.
            yield
            return
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH)
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)

    def _leased(self, build: Path) -> bool:
        """Whether a reader holds a lease on ``build`` (see :meth:`reading`)."""
        lease = self.root / "leases" / f"{build.name}.lease"
        try:
            descriptor = os.open(lease, os.O_RDWR)
        except OSError:
            return False
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(descriptor)
        with contextlib.suppress(OSError):
            lease.unlink()
        return False

    def prune(self) -> None:
        """Remove every build but the published one (older or abandoned) and those a reader
        holds (:meth:`reading`), and stale staging links.

        Called only under the write lock, when no other writer can be at work.
        """
        current = self.current()
        for staging in self.root.glob(".current-*"):
            with contextlib.suppress(OSError):
                staging.unlink()
        if not self.builds.is_dir():
            return
        for build in self.builds.iterdir():
            if (current is None or build.resolve() != current) and not self._leased(build):
                shutil.rmtree(build, ignore_errors=True)
