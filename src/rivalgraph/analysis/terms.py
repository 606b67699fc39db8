"""Plain values of RDF terms, as the analysis reads them from query rows.

Examples
--------
>>> from pyoxigraph import Literal, NamedNode
>>> value(Literal("3")), value(3), value(None)
('3', 3, None)
>>> local_name(NamedNode("https://w3id.org/rivalgraph/ontology#Final"))
'Final'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["value", "local_name"]


def value(term: Any) -> Any:
    """The plain value of an RDF term (its ``.value``), or the value itself."""
    return getattr(term, "value", term)


def local_name(iri: Any) -> str | None:
    """The part of an IRI after ``#`` or the last ``/``: ``rg:Final`` -> ``"Final"``."""
    text = value(iri)
    if text is None:
        return None
    return _local(str(text))


@lru_cache(maxsize=256)
def _local(text: str) -> str:
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
