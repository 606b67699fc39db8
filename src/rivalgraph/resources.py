"""Where the ontology, the curated graph and the named queries live.

In a wheel they ship inside the package (``rivalgraph/_data``); in a source
checkout (or an editable install) they are the top-level folders of the
repository.

Examples
--------
>>> (ontology_dir() / "rivalry.ttl").name
'rivalry.ttl'
>>> graph_dir().name
'graph'
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_root", "ontology_dir", "graph_dir", "queries_dir", "ontology_file", "shapes_file"]

_PACKAGED = Path(__file__).resolve().parent / "_data"
_CHECKOUT = Path(__file__).resolve().parents[2]


def data_root() -> Path:
    """Return the folder that holds ``ontology/``, ``graph/`` and ``queries/``."""
    return _PACKAGED if (_PACKAGED / "ontology").is_dir() else _CHECKOUT


def ontology_dir() -> Path:
    """Return the folder of the OWL ontology and the SHACL shapes."""
    return data_root() / "ontology"


def graph_dir() -> Path:
    """Return the folder of curated graph data."""
    return data_root() / "graph"


def queries_dir() -> Path:
    """Return the folder of named SPARQL queries."""
    return data_root() / "queries"


def ontology_file() -> Path:
    """Return the path of the OWL ontology in Turtle."""
    return ontology_dir() / "rivalry.ttl"


def shapes_file() -> Path:
    """Return the path of the SHACL shapes in Turtle."""
    return ontology_dir() / "shapes.ttl"
