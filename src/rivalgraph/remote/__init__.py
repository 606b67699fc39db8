"""rivalgraph on a SPARQL 1.1 server: the remote store, and pushing a build to it.

- :mod:`rivalgraph.remote.spec`: what ``--store sparql+http://...`` means, credentials from the environment.
- :mod:`rivalgraph.remote.client`: requests through SPARQLWrapper, errors that name the endpoint.
- :mod:`rivalgraph.remote.terms`: results to pyoxigraph terms; bindings as a ``VALUES`` block.
- :mod:`rivalgraph.remote.sparql_store`: :class:`SparqlStore`, the :class:`~rivalgraph.store.Store` protocol.
- :mod:`rivalgraph.remote.push`: ``rivalgraph build --store sparql+...``, in resumable batches.
"""

from rivalgraph.remote.spec import RemoteSpec, is_remote, parse_store_spec

__all__ = ["RemoteSpec", "is_remote", "parse_store_spec"]
