"""Cut a worker process off the network (Linux network namespaces), where allowed.

A second line of defence behind :mod:`rivalgraph.serve.guard`: a worker that
runs queries has no use for the network (it talks to the server through a
pipe it already holds), so it moves itself into a new, empty network
namespace.  Then even a query the guard misread could not reach another host.
This needs root or unprivileged user namespaces; where neither is available
the worker runs as before and the guard alone refuses SERVICE and LOAD.

Examples
--------
>>> isinstance(isolate_network.__doc__, str)
True
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

__all__ = ["isolate_network"]

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000


def isolate_network() -> bool:
    """Move this process into an empty network namespace; tell whether it worked.

    Call it before any thread starts (user namespaces need a single thread).
    """
    if not sys.platform.startswith("linux"):
        return False
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    flags = [_CLONE_NEWNET] if os.geteuid() == 0 else []
    flags.append(_CLONE_NEWUSER | _CLONE_NEWNET)
    return any(libc.unshare(flag) == 0 for flag in flags)
