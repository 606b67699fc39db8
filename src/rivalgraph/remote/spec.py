"""Say which store a ``--store`` value means: a folder, or a SPARQL server given by URLs.

``--store`` takes a folder (the embedded store, the default) or a SPARQL 1.1
query endpoint written ``sparql+http://...`` (or ``sparql+https://...``).  The
update and Graph Store Protocol endpoints come from options or from the
environment; credentials come from the environment only, so they never appear
in a command line, a shell history or a process list.

=============================  ==========================================
variable                       meaning
=============================  ==========================================
``RIVALGRAPH_QUERY_URL``       query endpoint (when ``--store`` is ``sparql+``)
``RIVALGRAPH_UPDATE_URL``      SPARQL 1.1 Update endpoint
``RIVALGRAPH_GSP_URL``         SPARQL 1.1 Graph Store Protocol endpoint
``RIVALGRAPH_SPARQL_USER``     user name for updates (HTTP Digest or Basic)
``RIVALGRAPH_SPARQL_PASSWORD`` its password
``RIVALGRAPH_SPARQL_AUTH``     ``digest`` (default) or ``basic``
=============================  ==========================================

Examples
--------
>>> spec = parse_store_spec("sparql+http://127.0.0.1:8890/sparql",
...                         env={"RIVALGRAPH_SPARQL_PASSWORD": "secret"})
>>> spec.query_url
'http://127.0.0.1:8890/sparql'
>>> "secret" in repr(spec)
False
>>> parse_store_spec(".rivalgraph/store")
PosixPath('.rivalgraph/store')
>>> is_remote("sparql+https://example.org/sparql"), is_remote("/tmp/store")
(True, False)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from rivalgraph.errors import RivalgraphError

__all__ = ["RemoteSpec", "RemoteSpecError", "SCHEME_PREFIX", "is_remote", "parse_store_spec"]

SCHEME_PREFIX = "sparql+"


class RemoteSpecError(RivalgraphError):
    """A store location or an endpoint URL cannot be understood, or one a push needs is missing."""


@dataclass(frozen=True)
class RemoteSpec:
    """Where a SPARQL server answers, and how to authenticate to it for writing."""

    query_url: str
    update_url: str | None = None
    gsp_url: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str = "digest"

    def with_urls(self, update_url: str | None = None, gsp_url: str | None = None) -> RemoteSpec:
        """Return a copy with the update and GSP URLs given (those not ``None``)."""
        return replace(
            self,
            update_url=_checked(update_url) if update_url else self.update_url,
            gsp_url=_checked(gsp_url) if gsp_url else self.gsp_url,
        )


def is_remote(spec: str | Path) -> bool:
    """Tell whether a ``--store`` value names a SPARQL server rather than a folder."""
    return isinstance(spec, str) and spec.startswith(SCHEME_PREFIX)


def _checked(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteSpecError(f"{url!r} is not an http(s) URL of a SPARQL endpoint")
    if parts.username or parts.password:
        raise RemoteSpecError(
            f"do not put credentials in the URL {parts.scheme}://{parts.hostname}...: "
            "set RIVALGRAPH_SPARQL_USER and RIVALGRAPH_SPARQL_PASSWORD instead"
        )
    return url


def parse_store_spec(spec: str | Path, env: Mapping[str, str] | None = None) -> Path | RemoteSpec:
    """Turn a ``--store`` value into a folder or a :class:`RemoteSpec`.

    Raises
    ------
    RemoteSpecError
        For a malformed URL, or credentials written into the URL.
    """
    if not is_remote(spec):
        return Path(spec)
    env = os.environ if env is None else env
    query_url = str(spec)[len(SCHEME_PREFIX) :] or env.get("RIVALGRAPH_QUERY_URL", "")
    auth = env.get("RIVALGRAPH_SPARQL_AUTH", "digest").lower()
    if auth not in ("digest", "basic"):
        raise RemoteSpecError(f"RIVALGRAPH_SPARQL_AUTH must be digest or basic, not {auth!r}")
    update_url = env.get("RIVALGRAPH_UPDATE_URL") or None
    gsp_url = env.get("RIVALGRAPH_GSP_URL") or None
    return RemoteSpec(
        query_url=_checked(query_url),
        update_url=_checked(update_url) if update_url else None,
        gsp_url=_checked(gsp_url) if gsp_url else None,
        user=env.get("RIVALGRAPH_SPARQL_USER") or None,
        password=env.get("RIVALGRAPH_SPARQL_PASSWORD") or None,
        auth=auth,
    )
