"""Bind a query's variables with a ``VALUES`` block that opens its ``WHERE`` group: the one writer.

Two callers write such blocks: the remote store (:func:`rivalgraph.remote.terms.values_text`, for a
server without SEP-0007 substitutions) and the endpoint's standalone examples
(:func:`rivalgraph.serve.examples.example_text`).  Both put the block first inside the
outermost ``WHERE`` group (:func:`where_brace`), never after the query: a trailing ``VALUES``
is joined after grouping and ``BIND`` (SPARQL 1.1, section 18.2.4), so the engine would
evaluate every pair of athletes first.  They differ in one choice, made here by ``one_row``:

- one block per variable (the default): Virtuoso 7.2 drops rows when a block of several
  variables is joined with a sub-select;
- one row for all of them: what the endpoint turns back into engine substitutions
  (:func:`rivalgraph.serve.bindings.leading_values`), and the form a reader of the examples
  sees bound together.

The terms are SPARQL term text (``<urn:x>``, ``athlete:josh-kerr``, ``"7"^^xsd:integer``),
which the callers write from typed values, never from user text; variable names are checked
against the SPARQL ``VARNAME`` production.

Examples
--------
>>> print(with_values("SELECT ?a WHERE { ?a ?p ?b }", {"a": "<urn:x>", "b": "<urn:y>"}))
SELECT ?a WHERE {
VALUES ?a { <urn:x> }
VALUES ?b { <urn:y> }
 ?a ?p ?b }
>>> print(with_values("SELECT ?a WHERE { ?a ?p ?b }", {"a": "<urn:x>", "b": "<urn:y>"}, one_row=True))
SELECT ?a WHERE {
  VALUES (?a ?b) { (<urn:x> <urn:y>) } ?a ?p ?b }
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rivalgraph.sparql_lexer import code_tokens

__all__ = ["values_block", "where_brace", "with_values"]

_VARNAME = re.compile(r"^[A-Za-z_0-9][A-Za-z_0-9\u00B7\u00C0-\uFFFF]*$")
_FORMS = ("CONSTRUCT", "SELECT", "ASK", "DESCRIBE")


def values_block(terms: Mapping[str, str], *, one_row: bool = False) -> str:
    """Write ``terms`` (variable name -> term text) as ``VALUES``; empty text when there are none.

    Raises
    ------
    ValueError
        For a variable name that is not a SPARQL VARNAME.

    Examples
    --------
    >>> values_block({"who": "<urn:x>"})
    '\\nVALUES ?who { <urn:x> }\\n'
    >>> values_block({"bad name": "<urn:x>"})
    Traceback (most recent call last):
    ValueError: 'bad name' is not a SPARQL variable name
    """
    for name in terms:
        if not _VARNAME.match(name):
            raise ValueError(f"{name!r} is not a SPARQL variable name")
    if not terms:
        return ""
    if one_row:
        names = " ".join(f"?{name}" for name in terms)
        return f"\n  VALUES ({names}) {{ ({' '.join(terms.values())}) }}"
    return "\n" + "".join(f"VALUES ?{name} {{ {term} }}\n" for name, term in terms.items())


def where_brace(sparql: str) -> int:
    """Return the index of the ``{`` that opens the query's outermost ``WHERE`` group.

    Comments, IRIs and strings are skipped; in ``CONSTRUCT { template } WHERE {``
    the second group at depth zero is the one.

    Raises
    ------
    ValueError
        If the text has no such group.

    Examples
    --------
    >>> text = 'CONSTRUCT { ?s <urn:p> "{" } WHERE { ?s ?p ?o }'
    >>> text[where_brace(text):]
    '{ ?s ?p ?o }'
    """
    depth = 0
    seen_form = False
    skip_template = False
    tokens = list(code_tokens(sparql))
    for index, token in enumerate(tokens):
        if not seen_form and token.kind == "word" and token.text.upper() in _FORMS:
            seen_form = True
            following = tokens[index + 1].text.upper() if index + 1 < len(tokens) else ""
            skip_template = token.text.upper() == "CONSTRUCT" and following != "WHERE"
        elif token.text == "{":
            if depth == 0 and not skip_template:
                return token.start
            depth += 1
        elif token.text == "}":
            depth -= 1
            if depth == 0:
                skip_template = False
    raise ValueError("the query has no WHERE group to bind parameters in")


def with_values(sparql: str, terms: Mapping[str, str], *, one_row: bool = False) -> str:
    """Return ``sparql`` with ``terms`` bound by a ``VALUES`` block opening its ``WHERE`` group.

    Raises
    ------
    ValueError
        For a bad variable name, or a query without a ``WHERE`` group.
    """
    block = values_block(terms, one_row=one_row)
    if not block:
        return sparql
    brace = where_brace(sparql)
    return sparql[: brace + 1] + block + sparql[brace + 1 :]
