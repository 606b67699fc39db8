"""Pause Python's cyclic garbage collector while a large acyclic structure is built.

Building the projection and the scored graph of a big store makes 10^5 to 10^6
small objects (edge dictionaries, assessments).  Every 700 new objects the
collector runs, and now and then it walks every object alive: that took half
the time of scoring at 10^6 triples.  These objects hold no reference cycles,
so nothing is lost by collecting once afterwards instead.

Examples
--------
>>> import gc
>>> with paused_gc():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block (if it was on), and turn it back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
