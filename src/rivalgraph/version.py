"""The version of rivalgraph, in a module of its own at the bottom of the import graph.

The modules that stamp their output with the version import it from here, not
from ``rivalgraph``: the package's ``__init__`` re-exports the Python API
(:mod:`rivalgraph.api`, which sits above nearly every module), so a module
importing ``rivalgraph`` would depend on a module that depends on it.

Examples
--------
>>> __version__
'0.1.0'
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
