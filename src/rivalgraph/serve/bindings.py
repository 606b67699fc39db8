"""A leading one-row ``VALUES`` block, run as engine substitutions so the planner sees the bound terms.

Named queries come to the endpoint with their parameters in a ``VALUES`` block
that opens the first group (the query page and
:func:`rivalgraph.serve.examples.example_text` write them so).  Oxigraph 0.5
does not push such a block into sub-selects, ``UNION`` or ``OPTIONAL``, so the
query runs as if unbound (``timeline``: 37 s instead of 0.1 s at 10^6
triples).  A single row of a ``VALUES`` block that opens the group is the
same as binding its variables before the group is evaluated, which is what
pyoxigraph's ``substitutions`` do; so the worker removes the block and passes
its terms as substitutions.  Anything else (several rows, ``UNDEF``, a
literal, a prefix it cannot resolve, a block elsewhere) is left as it is.

Examples
--------
>>> text, terms = leading_values('SELECT ?a ?n WHERE { VALUES (?a) { (<urn:x>) } ?a <urn:p> ?n }', {})
>>> text, terms
('SELECT ?a ?n WHERE {  ?a <urn:p> ?n }', {'a': 'urn:x'})
>>> leading_values('SELECT * { VALUES ?a { <urn:x> <urn:y> } ?a ?p ?o }', {})[1]
{}
>>> leading_values('PREFIX ex: <urn:ex:> SELECT * { VALUES ?a { ex:b } }', {})[1]
{'a': 'urn:ex:b'}
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rivalgraph.sparql_lexer import Token, tokenize

__all__ = ["leading_values"]

_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>", re.IGNORECASE)


def _iri(token: Token, prefixes: Mapping[str, str]) -> str | None:
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        base = prefixes.get(prefix)
        if base is not None and re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
            return base + local
    return None


def leading_values(text: str, known: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """``text`` without its leading one-row ``VALUES`` block, and the block's IRIs by variable name.

    ``known`` are the prefixes the server declares; the query's own ``PREFIX``
    lines override them. Returns ``(text, {})`` when there is nothing to take.
    """
    tokens = [token for token in tokenize(text) if token.kind not in ("ws", "comment")]
    opening = next((i for i, t in enumerate(tokens) if t.text == "{"), None)
    if opening is None or opening + 1 >= len(tokens) or tokens[opening + 1].text.upper() != "VALUES":
        return text, {}
    prefixes = dict(known)
    prefixes.update({m.group(1) or "": m.group(2) for m in _PREFIX.finditer(text[: tokens[opening].start])})
    at = opening + 2
    names: list[str] = []
    if at < len(tokens) and tokens[at].text == "(":
        at += 1
        while at < len(tokens) and tokens[at].kind == "var":
            names.append(tokens[at].text[1:])
            at += 1
        if at >= len(tokens) or tokens[at].text != ")":
            return text, {}
        at += 1
        wrapped = True
    elif at < len(tokens) and tokens[at].kind == "var":
        names.append(tokens[at].text[1:])
        at += 1
        wrapped = False
    else:
        return text, {}
    if not names or at >= len(tokens) or tokens[at].text != "{":
        return text, {}
    at += 1
    if wrapped:
        if tokens[at].text != "(":
            return text, {}
        at += 1
    values: list[str] = []
    while at < len(tokens) and len(values) < len(names):
        iri = _iri(tokens[at], prefixes)
        if iri is None:
            return text, {}
        values.append(iri)
        at += 1
    if wrapped:
        if at >= len(tokens) or tokens[at].text != ")":
            return text, {}
        at += 1
    if at >= len(tokens) or tokens[at].text != "}" or len(values) != len(names):
        return text, {}
    start, end = tokens[opening + 1].start, tokens[at].start + 1
    return text[:start] + text[end:], dict(zip(names, values, strict=True))
