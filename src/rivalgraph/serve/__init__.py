"""``rivalgraph serve``: a SPARQL 1.1 endpoint on the store, safe to share.

The modules, in the order a request meets them:

- :mod:`~rivalgraph.serve.server` binds the socket, starts the workers and uvicorn;
- :mod:`~rivalgraph.serve.app` routes requests (Starlette) and applies the policy;
- :mod:`~rivalgraph.serve.protocol` reads a SPARQL 1.1 Protocol request;
- :mod:`~rivalgraph.serve.guard` and :mod:`~rivalgraph.sparql_lexer` refuse SERVICE and LOAD;
- :mod:`~rivalgraph.serve.using` writes ``using-graph-uri`` into an update;
- :mod:`~rivalgraph.serve.negotiate` picks the answer's format;
- :mod:`~rivalgraph.serve.pool` and :mod:`~rivalgraph.serve.worker` run each job in a
  worker process that is killed past the time limit (:mod:`~rivalgraph.serve.sandbox`
  takes its network away);
- :mod:`~rivalgraph.serve.execute` runs the job and serializes the answer with pyoxigraph;
- :mod:`~rivalgraph.serve.describe`, :mod:`~rivalgraph.serve.examples` and
  :mod:`~rivalgraph.serve.page` make the service description, the VoID and the web page.

Examples
--------
>>> ServerConfig(store=".rivalgraph/store").read_only
True
"""

from __future__ import annotations

from rivalgraph.serve.config import ServerConfig
from rivalgraph.serve.errors import ConfigError, ServeError
from rivalgraph.serve.server import serve

__all__ = ["ServerConfig", "ServeError", "ConfigError", "serve"]
