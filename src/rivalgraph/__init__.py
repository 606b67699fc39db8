"""rivalgraph: a knowledge graph of athletes and their rivalries.

The package is layered; imports flow one way::

    version, namespaces -> slugs/resources -> store -> sources/results -> validate
    -> query -> build -> report/analysis -> cli

Examples
--------
>>> import rivalgraph
>>> rivalgraph.__version__
'0.1.0'
"""

from rivalgraph.version import __version__

__all__ = ["__version__"]
