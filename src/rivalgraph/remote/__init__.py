"""rivalgraph on a SPARQL 1.1 server: talking to it, and pushing a build to it.

The store that reads a server, :class:`rivalgraph.store.sparql.SparqlStore`, lives beside the
embedded one in :mod:`rivalgraph.store`; it builds on the first three modules here.

- :mod:`rivalgraph.remote.spec`: what ``--store sparql+http://...`` means, credentials from the environment.
- :mod:`rivalgraph.remote.client`: requests through SPARQLWrapper, errors that name the endpoint.
- :mod:`rivalgraph.remote.terms`: results to pyoxigraph terms; bindings as a ``VALUES`` block.
- :mod:`rivalgraph.remote.plan`: the graphs to push cut into batches of N-Triples, stable for a journal.
- :mod:`rivalgraph.remote.writers`: writing batches: Graph Store Protocol (bulk) or SPARQL Update.
- :mod:`rivalgraph.remote.push`: ``rivalgraph build --store sparql+...``, in resumable batches.
"""

from rivalgraph.remote.spec import RemoteSpec, is_remote, parse_store_spec

__all__ = ["RemoteSpec", "is_remote", "parse_store_spec"]
