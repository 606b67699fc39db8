"""rivalgraph: a knowledge graph of athletes and their rivalries.

The package is layered; imports flow one way::

    version, namespaces -> slugs/resources -> store -> sources/results -> validate
    -> query/records -> build -> report/analysis -> api -> cli

This module re-exports the Python API (:mod:`rivalgraph.api`) for notebooks:
:func:`open` a built graph, then ask it for an athlete's rivals, a rivalry, a
timeline or a named query; the answers are typed records (:class:`Rival`,
:class:`Rivalry`, :class:`SharedRace`, :class:`Statement`, :class:`Event`,
:class:`Athlete`) in :class:`Records`, or a :class:`QueryResult`, each with
``to_pandas()`` (the ``rivalgraph[pandas]`` extra).  The API is imported on first
use, so ``import rivalgraph`` stays cheap: it loads neither networkx nor numpy.

Examples
--------
>>> import rivalgraph as rg
>>> rg.__version__
'0.1.0'
>>> import tempfile
>>> from rivalgraph.build import build
>>> location = tempfile.mkdtemp()
>>> _ = build(location, imports=False)
>>> kg = rg.open(location)
>>> rivalry = kg.rivalry("Josh Kerr", "Jakob Ingebrigtsen", params=rg.ScoreParameters(half_life=3))
>>> isinstance(rivalry, rg.Rivalry), isinstance(rivalry.races[0], rg.SharedRace), len(rivalry.threads)
(True, True, 1)
>>> isinstance(rivalry.statements[0], rg.Statement)
True
>>> isinstance(kg.timeline("Kerr", "Ingebrigtsen")[0], rg.Event)
True
>>> isinstance(kg.rivals("Kerr"), rg.Records), isinstance(kg.athlete("Kerr"), rg.Athlete)
(True, True)
>>> isinstance(kg.query("podiums"), rg.QueryResult)
True
>>> kg.query("head-to-haed")
Traceback (most recent call last):
...
rivalgraph.query.QueryError: no query named 'head-to-haed'; did you mean 'head-to-head'? ...
>>> issubclass(rg.UnknownAthlete, rg.QueryError), issubclass(rg.QueryError, rg.RivalgraphError)
(True, True)
>>> issubclass(rg.MissingExtra, ImportError)
True
>>> rg.open(tempfile.mkdtemp())
Traceback (most recent call last):
...
rivalgraph.store.contract.StoreError: ...
"""

from rivalgraph.version import __version__

#: As :data:`typing.TYPE_CHECKING` (which type checkers read by its name), without importing typing:
#: that alone would make ``import rivalgraph`` several times slower.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from rivalgraph.api import (
        Athlete,
        Event,
        KnowledgeGraph,
        MissingExtra,
        QueryError,
        QueryResult,
        Records,
        Rival,
        RivalgraphError,
        Rivalry,
        ScoreParameters,
        SharedRace,
        Statement,
        StoreError,
        UnknownAthlete,
        open,
    )

__all__ = [
    "__version__",
    "open",
    "KnowledgeGraph",
    "Athlete",
    "Rival",
    "Rivalry",
    "SharedRace",
    "Statement",
    "Event",
    "Records",
    "QueryResult",
    "ScoreParameters",
    "RivalgraphError",
    "QueryError",
    "UnknownAthlete",
    "StoreError",
    "MissingExtra",
]

#: The names taken from :mod:`rivalgraph.api` on first use (PEP 562): importing it loads the
#: analysis (networkx, numpy), which ``import rivalgraph`` alone should not pay for.
_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> object:
    if name not in _API:
        raise AttributeError(f"module 'rivalgraph' has no attribute {name!r}")
    from rivalgraph import api

    value = getattr(api, name)
    globals()[name] = value  # looked up once: later uses do not come back here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
