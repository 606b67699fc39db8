r"""Move RDF terms across the SPARQL protocol: results in, bindings out.

:func:`from_json` turns a term of the SPARQL 1.1 JSON results format into the
:mod:`pyoxigraph` term the embedded store would return, so callers cannot tell
the two stores apart.  :func:`values_text` binds query variables for a server that has
no SEP-0007 substitution, with a ``VALUES`` block written from the terms'
N-Triples serialization (:func:`values_clause`), placed first inside the
query's outermost ``WHERE`` group by the one ``VALUES`` writer,
:func:`rivalgraph.sparql_values.with_values`.  Not appended at the end of the query: a
trailing ``VALUES`` is joined after grouping and ``BIND`` (SPARQL 1.1, section
18.2.4), and Virtuoso 7.2 mis-joins it with a sub-select, returning rows of
other athletes (so does a ``FILTER(sameTerm(...))``, which it ignores there).

The query text is cut with the one SPARQL lexer, :func:`rivalgraph.sparql_lexer.tokenize`;
:func:`values_text` is the one way to bind parameters on a remote store.

Why the ``VALUES`` block is safe: every value in it is a pyoxigraph term, never
user text.  ``str(term)`` is the term's N-Triples form: an IRI is ``<...>`` and
pyoxigraph refuses to build an IRI that holds ``<``, ``>``, ``"``, ``{``, ``}``,
spaces or other characters IRIs forbid; a literal is ``"..."`` with every
``"``, ``\``, newline and carriage return escaped, followed only by a
datatype IRI (checked as above) or a language tag (letters, digits and ``-``).
So a serialized term cannot end the quoted string or the IRI early, and
nothing in it can close the ``VALUES`` block or start a new clause.  Variable
names are checked against the SPARQL ``VARNAME`` production.

Examples
--------
>>> from pyoxigraph import Literal, NamedNode
>>> print(values_clause({"who": NamedNode("urn:x"), "text": Literal('a" } DROP ALL #')}))
<BLANKLINE>
VALUES ?who { <urn:x> }
VALUES ?text { "a\" } DROP ALL #" }
<BLANKLINE>
>>> values_text("SELECT ?who WHERE { ?who ?p ?o }", {"who": NamedNode("urn:x")})
'SELECT ?who WHERE {\nVALUES ?who { <urn:x> }\n ?who ?p ?o }'
>>> from_json({"type": "typed-literal", "value": "1",
...            "datatype": "http://www.w3.org/2001/XMLSchema#boolean"})
<Literal value=true datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#boolean>>
>>> from_json({"type": "bnode", "value": "nodeID://b10001"})
<BlankNode value=nodeID_b10001>
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

import pyoxigraph as ox

from rivalgraph.sparql_lexer import tokenize
from rivalgraph.sparql_values import values_block, with_values
from rivalgraph.store.contract import Term

__all__ = ["from_json", "values_clause", "values_text", "blank_node"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_BOOLEAN = {"1": "true", "0": "false", "true": "true", "false": "false"}
_BNODE_SAFE = re.compile(r"[^A-Za-z0-9_-]")


def blank_node(label: str) -> ox.BlankNode:
    """Make a blank node from a server's label, which may hold characters N-Triples forbids.

    Virtuoso labels blank nodes ``nodeID://b10001``: the label keeps its letters
    and digits (``nodeID_b10001``), so distinct labels stay distinct.
    """
    try:
        return ox.BlankNode(label)
    except ValueError:
        pass
    try:
        return ox.BlankNode(_BNODE_SAFE.sub("_", label.replace("://", "_")))
    except ValueError:
        return ox.BlankNode("b" + hashlib.sha1(label.encode()).hexdigest()[:16])


def from_json(value: Mapping[str, str]) -> Term:
    """Turn one term of SPARQL JSON results into a pyoxigraph term.

    Virtuoso writes xsd:boolean as ``1``/``0``; it is given back in the
    canonical form ``true``/``false`` that the embedded store returns.
    """
    kind = value["type"]
    text = value["value"]
    if kind == "uri":
        return ox.NamedNode(text)
    if kind == "bnode":
        return blank_node(text)
    if kind in ("literal", "typed-literal"):
        language = value.get("xml:lang")
        if language:
            return ox.Literal(text, language=language)
        datatype = value.get("datatype")
        if datatype is None:
            return ox.Literal(text)
        if datatype == _XSD + "boolean":
            text = _BOOLEAN.get(text, text)
        return ox.Literal(text, datatype=ox.NamedNode(datatype))
    if kind == "triple":
        inner = value["value"]
        assert isinstance(inner, Mapping)
        return ox.Triple(
            from_json(inner["subject"]),  # type: ignore[arg-type]
            from_json(inner["predicate"]),  # type: ignore[arg-type]
            from_json(inner["object"]),
        )
    raise ValueError(f"unknown term type {kind!r} in SPARQL JSON results")


def values_clause(bindings: Mapping[str, Term]) -> str:
    """Write ``bindings`` as ``VALUES`` blocks, one per variable (empty text when there are none).

    One block per variable, not one block of tuples: Virtuoso 7.2 drops rows
    when a many-variable ``VALUES`` block is joined with a sub-select.

    Raises
    ------
    ValueError
        For a variable name that is not a SPARQL VARNAME, or a value that is
        not an IRI or a literal.
    """
    return values_block(_term_texts(bindings))


def _term_texts(bindings: Mapping[str, Term]) -> dict[str, str]:
    for name, term in bindings.items():
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise ValueError(f"cannot bind ?{name} to {term!r}: only IRIs and literals name the same thing "
                             "on a remote store")  # fmt: skip
    return {name: str(term) for name, term in bindings.items()}


def without_lateral(sparql: str) -> str:
    """``LATERAL { OPTIONAL { P } }`` written as ``OPTIONAL { P }``, for servers without LATERAL.

    The named queries wrap an ``OPTIONAL`` that reads one more property of an
    already bound node in ``LATERAL`` because Oxigraph 0.5 then looks the
    property up per row instead of joining with every such triple of the
    graph (0.1 s instead of 6 s for one athlete's races in all of athletics).
    The two forms have the same answers when the inner pattern only correlates
    on variables bound before it, which is how the queries use it.

    >>> without_lateral("SELECT * { ?r <urn:a> ?x . LATERAL { OPTIONAL { ?r <urn:b> ?y } } }")
    'SELECT * { ?r <urn:a> ?x .  OPTIONAL { ?r <urn:b> ?y }  }'
    """
    tokens = list(tokenize(sparql))
    out: list[str] = []
    closing: list[int] = []  # depths at which a LATERAL group's closing brace is dropped
    depth = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "word" and token.text.upper() == "LATERAL":
            after = index + 1
            while after < len(tokens) and tokens[after].kind == "ws":
                after += 1
            if after < len(tokens) and tokens[after].text == "{":
                depth += 1
                closing.append(depth)
                index = after + 1
                continue
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            if closing and closing[-1] == depth:
                closing.pop()
                depth -= 1
                index += 1
                continue
            depth -= 1
        out.append(token.text)
        index += 1
    return "".join(out)


def values_text(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Return ``sparql`` with ``bindings`` as a ``VALUES`` block opening its ``WHERE`` group."""
    return with_values(sparql, _term_texts(bindings))
