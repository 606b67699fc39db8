"""JSON-LD: the named graphs of the store, compacted with rivalgraph's published context.

The context (``ontology/context.jsonld``) is generated from the ontology by
:func:`build_context`, and a test keeps the file and the ontology in step:

- every prefix of :data:`rivalgraph.namespaces.PREFIXES` (``rg:``, ``schema:``,
  ``prov:``, the data prefixes ``athlete:``, ``race:`` ...);
- one term per ``rg:`` property, keyed by its compact IRI (``"rg:place"``),
  with the value type the ontology declares: ``"@id"`` for an object property,
  the ``xsd:`` range of a datatype property (none for ``xsd:string``);
- the reused terms (``schema:url``, ``schema:startDate``,
  ``prov:wasDerivedFrom`` ...) with their value types.

Keys stay compact IRIs (``rg:athlete``, not ``athlete``) because the data
prefixes (``athlete:``, ``race:``, ``nation:``, ``edition:``) share their
names with properties: a bare term would clash with a prefix.

:func:`write_jsonld` writes ``{"@context": ..., "@graph": [{"@id": graph,
"@graph": [nodes]}, ...]}`` with one entry per named graph (like TriG: the
provenance of each graph stays with it), the context embedded so the file
reads offline.  A value takes the short form (a plain string) only where the
context's type coercion gives back exactly its RDF term; otherwise it is a
full value object.  Linear in the number of quads.

Examples
--------
>>> context = build_context()["@context"]
>>> context["rg:athlete"], context["rg:place"], context["athlete"]
({'@id': 'rg:athlete', '@type': '@id'}, {'@id': 'rg:place', '@type': 'xsd:positiveInteger'}, 'https://w3id.org/rivalgraph/id/athlete/')
>>> import io, json
>>> from pyoxigraph import Literal, Quad
>>> from rivalgraph.namespaces import ATHLETE, GRAPH, RACE, RG, XSD
>>> from rivalgraph.store import OxigraphStore
>>> store = OxigraphStore.in_memory([
...     Quad(ATHLETE["josh-kerr"], RG.competedIn, RACE["x"], GRAPH["g"]),
...     Quad(ATHLETE["josh-kerr"], RG.timeSeconds, Literal("212.4", datatype=XSD.decimal), GRAPH["g"]),
...     Quad(ATHLETE["josh-kerr"], RG.place, Literal("1", datatype=XSD.integer), GRAPH["g"])])
>>> out = io.BytesIO()
>>> write_jsonld(store, out, context)
3
>>> node = json.loads(out.getvalue())["@graph"][0]["@graph"][0]
>>> node["@id"], node["rg:competedIn"], node["rg:timeSeconds"], node["rg:place"]
('athlete:josh-kerr', 'race:x', '212.4', {'@value': '1', '@type': 'xsd:integer'})
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from rivalgraph.export.rdf import named_graph_quads
from rivalgraph.namespaces import OWL, PREFIXES, RDF, RDFS, RG, XSD
from rivalgraph.resources import ontology_dir, ontology_file
from rivalgraph.store import Store

__all__ = [
    "CONTEXT_FILE",
    "REUSED_TERMS",
    "build_context",
    "load_context",
    "context_text",
    "Compactor",
    "write_jsonld",
]

CONTEXT_FILE = "context.jsonld"

#: Terms reused from other vocabularies (TERMS.md), with their value type.
REUSED_TERMS: dict[str, str | None] = {
    "rdfs:label": None,
    "rdfs:comment": None,
    "schema:url": "xsd:anyURI",
    "schema:datePublished": "xsd:date",
    "schema:inLanguage": None,
    "schema:startDate": "xsd:date",
    "schema:endDate": "xsd:date",
    "prov:wasDerivedFrom": "@id",
    "skos:exactMatch": "@id",
    "skos:prefLabel": None,
}

_STRING = XSD.string.value
_LANG_STRING = RDF.langString.value


def _curie(iri: str) -> str:
    for name, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            rest = iri[len(namespace) :]
            if not rest.startswith("//"):
                return f"{name}:{rest}"
    return iri


def _rg_properties(ontology: Path) -> dict[str, str | None]:
    kinds = {OWL.ObjectProperty.value: "object", OWL.DatatypeProperty.value: "data"}
    found: dict[str, str | None] = {}
    ranges: dict[str, str] = {}
    for quad in ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE):
        subject = quad.subject
        if not isinstance(subject, ox.NamedNode) or not RG.is_in(subject.value):
            continue
        if quad.predicate == RDF.type and quad.object.value in kinds:
            found[subject.value] = "@id" if kinds[quad.object.value] == "object" else None
        elif quad.predicate == RDFS.range and isinstance(quad.object, ox.NamedNode):
            ranges[subject.value] = quad.object.value
    for iri, kind in found.items():
        datatype = ranges.get(iri, "")
        if kind is None and XSD.is_in(datatype) and datatype != _STRING:
            found[iri] = _curie(datatype)
    return found


def _term(curie: str, coercion: str | None) -> dict[str, str]:
    return {"@id": curie} if coercion is None else {"@id": curie, "@type": coercion}


def build_context(ontology: Path | None = None) -> dict[str, Any]:
    """The JSON-LD context document generated from the ontology (``{"@context": {...}}``)."""
    context: dict[str, Any] = dict(PREFIXES)
    properties = _rg_properties(ontology or ontology_file())
    for iri in sorted(properties):
        curie = _curie(iri)
        context[curie] = _term(curie, properties[iri])
    for curie, coercion in REUSED_TERMS.items():
        context[curie] = _term(curie, coercion)
    return {"@context": context}


def context_text(ontology: Path | None = None) -> str:
    """The context document as the text of ``ontology/context.jsonld``."""
    return json.dumps(build_context(ontology), indent=2, ensure_ascii=False) + "\n"


def load_context(path: Path | None = None) -> dict[str, Any]:
    """The ``@context`` object of the published context file."""
    document = json.loads((path or ontology_dir() / CONTEXT_FILE).read_text(encoding="utf-8"))
    context: dict[str, Any] = document["@context"]
    return context


class Compactor:
    """Turns RDF terms into the compact JSON-LD of a context (prefixes and coercions)."""

    def __init__(self, context: Mapping[str, Any]) -> None:
        self.prefixes = {name: iri for name, iri in context.items() if isinstance(iri, str)}
        self.coercions: dict[str, str | None] = {}
        self.keys: dict[str, str] = {}
        for key, term in context.items():
            if isinstance(term, dict) and not key.startswith("@"):
                iri = self.expand(str(term.get("@id", key)))
                self.coercions[iri] = term.get("@type")
                self.keys[iri] = key

    def expand(self, curie: str) -> str:
        prefix, sep, rest = curie.partition(":")
        return self.prefixes[prefix] + rest if sep and prefix in self.prefixes else curie

    def iri(self, iri: str) -> str:
        for name, namespace in self.prefixes.items():
            if iri.startswith(namespace) and not iri[len(namespace) :].startswith("//"):
                return f"{name}:{iri[len(namespace) :]}"
        return iri

    def node(self, term: ox.NamedNode | ox.BlankNode) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else self.iri(term.value)

    def key(self, predicate: ox.NamedNode) -> str:
        return self.keys.get(predicate.value) or self.iri(predicate.value)

    def value(self, predicate: ox.NamedNode, term: Any) -> Any:
        coercion = self.coercions.get(predicate.value)
        if isinstance(term, (ox.NamedNode, ox.BlankNode)):
            return self.node(term) if coercion == "@id" else {"@id": self.node(term)}
        if not isinstance(term, ox.Literal):
            raise ValueError(f"JSON-LD 1.1 cannot hold the RDF-star term {term}")
        datatype = term.datatype.value
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if coercion is not None and coercion != "@id":
            if self.expand(coercion) == datatype:
                return term.value
        elif datatype == _STRING and coercion is None:
            return term.value
        if datatype == _STRING:
            return {"@value": term.value}
        return {"@value": term.value, "@type": self.iri(datatype)}


def _nodes(quads: Iterable[ox.Quad], compact: Compactor) -> list[dict[str, Any]]:
    nodes: dict[Any, dict[str, Any]] = {}
    for quad in quads:
        node = nodes.get(quad.subject)
        if node is None:
            if isinstance(quad.subject, ox.Triple):
                raise ValueError(f"JSON-LD 1.1 cannot hold the RDF-star subject {quad.subject}")
            node = nodes[quad.subject] = {"@id": compact.node(quad.subject)}
        if quad.predicate == RDF.type and not isinstance(quad.object, ox.Literal):
            node.setdefault("@type", []).append(compact.node(quad.object))  # type: ignore[arg-type]
            continue
        key = compact.key(quad.predicate)
        item = compact.value(quad.predicate, quad.object)
        if key in node:
            if not isinstance(node[key], list):
                node[key] = [node[key]]
            node[key].append(item)
        else:
            node[key] = item
    return list(nodes.values())


def _graph_chunks(store: Store) -> Iterable[tuple[ox.NamedNode | ox.BlankNode, list[ox.Quad]]]:
    current: list[ox.Quad] = []
    name: Any = None
    for quad in named_graph_quads(store):
        if quad.graph_name != name and current:
            yield name, current
            current = []
        name = quad.graph_name
        current.append(quad)
    if current:
        yield name, current


def write_jsonld(store: Store, handle: BinaryIO, context: Mapping[str, Any] | None = None) -> int:
    """Write the store's named graphs as compacted JSON-LD with the context embedded.

    Returns the number of quads written.
    """
    context = dict(context or load_context())
    compact = Compactor(context)
    handle.write(b'{"@context":')
    handle.write(json.dumps(context, ensure_ascii=False, indent=1).encode("utf-8"))
    handle.write(b',\n"@graph":[')
    written = 0
    for number, (graph, quads) in enumerate(_graph_chunks(store)):
        written += len(quads)
        handle.write(b",\n" if number else b"\n")
        handle.write(b'{"@id":' + json.dumps(compact.node(graph)).encode() + b',"@graph":[')
        for index, node in enumerate(_nodes(quads, compact)):
            handle.write(b",\n " if index else b"\n ")
            handle.write(json.dumps(node, ensure_ascii=False).encode("utf-8"))
        handle.write(b"\n]}")
    handle.write(b"\n]}\n")
    return written


if __name__ == "__main__":  # pragma: no cover - regenerates ontology/context.jsonld
    print(context_text(), end="")
