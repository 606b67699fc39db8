"""The store: one interface, two backends, and :func:`open_store` to choose between them.

Callers talk to a :class:`Store` (``select``, ``select_columns``, ``ask``,
``construct``, ``quads``, ``named_graphs``) and open one with :func:`open_store`;
which backend answers is the ``--store`` value's business.  The package is
layered, each module importing only those listed above it::

    contract  the Store protocol, its term types, StoreError (imports only namespaces)
    layout    a store folder on disk: builds, the published link, write lock, read leases
    embedded  OxigraphStore, an on-disk or in-memory Oxigraph; replace_graph
    sparql    SparqlStore, a graph pushed to a SPARQL 1.1 server
    (this)    open_store and republishing, which read a --store value

The SPARQL backend lives here, beside the embedded one, rather than in
:mod:`rivalgraph.remote`: both are stores, and :func:`open_store` chooses
between them without leaving the package.  It builds on remote's transport
(:mod:`~rivalgraph.remote.spec`, :mod:`~rivalgraph.remote.client`,
:mod:`~rivalgraph.remote.terms`), which imports nothing from here but
:mod:`rivalgraph.store.contract`; pushing a build (:mod:`rivalgraph.remote.push`)
sits above the store.  So no module imports one that imports it back.
:func:`open_store` imports :mod:`rivalgraph.store.sparql` only when a server
is named, so that opening a folder does not load SPARQLWrapper.

Examples
--------
>>> from pyoxigraph import Literal, Quad
>>> from rivalgraph.namespaces import ATHLETE, GRAPH, RDFS
>>> store = OxigraphStore.in_memory([
...     Quad(ATHLETE["josh-kerr"], RDFS.label, Literal("Josh Kerr"), GRAPH.demo)])
>>> isinstance(store, Store), len(store)
(True, 2)
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from rivalgraph.remote.spec import parse_store_spec
from rivalgraph.store.contract import (
    Columns,
    GraphName,
    SelectResult,
    Store,
    StoreError,
    Term,
    select_columns,
    with_merged_default_graph,
)
from rivalgraph.store.embedded import OxigraphStore, replace_graph
from rivalgraph.store.layout import StoreBusy, StoreLocation, StoreUnwritable, Terminated

__all__ = [
    "Term",
    "GraphName",
    "Columns",
    "SelectResult",
    "Store",
    "StoreError",
    "StoreBusy",
    "StoreUnwritable",
    "StoreLocation",
    "OxigraphStore",
    "open_store",
    "replace_graph",
    "republishing",
    "Terminated",
    "select_columns",
    "with_merged_default_graph",
]


def republishing(location: Path | str) -> contextlib.AbstractContextManager[None]:
    """Hold the write lock of the embedded store at ``location`` (see :meth:`StoreLocation.writing`).

    For a command that reads the published graph and then republishes it with
    :func:`replace_graph`: a build published in between would otherwise be
    overwritten by a graph computed from the one before.  A SPARQL server has no
    lock here: the block runs unchanged.
    """
    spec = parse_store_spec(location)
    if isinstance(spec, Path) and StoreLocation(spec).current() is not None:
        return StoreLocation(spec).writing()
    return contextlib.nullcontext()  # a server, or nothing built: opening the store will say so


def open_store(location: Path | str) -> Store:
    """Open the store a ``--store`` value names: a folder made by ``rivalgraph build``,
    or a SPARQL server written ``sparql+http(s)://host/query-endpoint`` (see
    :mod:`rivalgraph.remote`), that ``rivalgraph build --store sparql+...`` filled.
    """
    spec = parse_store_spec(location)
    if isinstance(spec, Path):
        return OxigraphStore.open(spec)
    from rivalgraph.store.sparql import SparqlStore  # a server: only then load SPARQLWrapper

    return SparqlStore.open(spec)
