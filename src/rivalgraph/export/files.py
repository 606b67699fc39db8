"""Write an export file atomically, and never into the curated ``graph/`` folder.

A writer gets a temporary file beside the target; only when it has written
everything is the file moved over the target with :func:`os.replace`, so a
reader sees the old file or the new one, and a failed export leaves nothing
half written.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> target = Path(tempfile.mkdtemp()) / "net.txt"
>>> with atomic_output(target) as handle:
...     _ = handle.write(b"hello")
>>> target.read_bytes()
b'hello'
>>> from rivalgraph.resources import graph_dir
>>> check_target(graph_dir() / "x.graphml")
Traceback (most recent call last):
...
rivalgraph.export.files.ExportError: ... is inside the curated graph folder ...
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from rivalgraph.errors import RivalgraphError
from rivalgraph.resources import graph_dir
from rivalgraph.sources import special_kind

__all__ = ["STDOUT", "ExportError", "check_target", "atomic_output"]


#: The output name that means standard output, streamed.
STDOUT = "-"


class ExportError(RivalgraphError):
    """An export cannot be written (bad target, unknown format, missing data)."""


def check_target(path: Path | str) -> Path:
    """Refuse a target inside ``graph/`` (curated files), not a regular file, or whose folder does not exist.

    ``-`` is standard output.

    Returns
    -------
    pathlib.Path
        The target as an absolute path.
    """
    if str(path) == STDOUT:
        return Path(STDOUT)
    target = Path(path).expanduser().resolve()
    curated = graph_dir().resolve()
    if target == curated or curated in target.parents:
        raise ExportError(
            f"{path} is inside the curated graph folder {curated}: "
            "exports are never written there; choose another file",
            options=("output",),
        )
    kind = special_kind(target)
    if kind == "a folder":
        raise ExportError(f"{path} is a folder; give a file name", options=("output",))
    if kind is not None:
        # Replacing it would turn a device, FIFO or socket into a plain file (as root: /dev/null).
        raise ExportError(f"{path} is {kind}, not a regular file: an export is written only to a file")
    if not target.parent.is_dir():
        raise ExportError(f"the folder of {path} does not exist: create {target.parent} first")
    return target


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


@contextlib.contextmanager
def atomic_output(path: Path | str) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path``; replace ``path`` with it when the block ends.

    If the block raises, the temporary file is removed and ``path`` is left as it was.
    """
    target = check_target(path)
    if str(target) == STDOUT:
        yield from _streamed_to_stdout()
        return
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                                 dir=target.parent)  # fmt: skip
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise _cannot_write(path, error) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _streamed_to_stdout() -> Iterator[BinaryIO]:
    stream = sys.stdout.buffer
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        # The reader stopped (``| head``): nothing more to say, and Python must not
        # report the failed flush at exit either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        raise SystemExit(1) from None


def _cannot_write(path: Path | str, error: OSError) -> ExportError:
    return ExportError(f"cannot write {path}: {error.strerror or error} (nothing was written; "
                       "check the folder and its free space, or choose another file)",
                       options=("output",))  # fmt: skip
