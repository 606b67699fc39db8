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
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from rivalgraph.errors import RivalgraphError
from rivalgraph.resources import graph_dir

__all__ = ["ExportError", "check_target", "atomic_output"]


class ExportError(RivalgraphError):
    """An export cannot be written (bad target, unknown format, missing data)."""


def check_target(path: Path | str) -> Path:
    """Refuse a target inside ``graph/`` (curated files) or whose folder does not exist.

    Returns
    -------
    pathlib.Path
        The target as an absolute path.
    """
    target = Path(path).expanduser().resolve()
    curated = graph_dir().resolve()
    if target == curated or curated in target.parents:
        raise ExportError(
            f"{path} is inside the curated graph folder {curated}: "
            "exports are never written there; choose another -o FILE"
        )
    if target.is_dir():
        raise ExportError(f"{path} is a folder; give a file name with -o FILE")
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
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=target.parent)  # fmt: skip
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
