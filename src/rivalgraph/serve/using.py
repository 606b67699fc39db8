"""Apply the protocol's ``using-graph-uri`` parameters to an update.

pyoxigraph's ``Store.update`` takes no dataset, so the parameters are written
into the text: ``USING <g>`` and ``USING NAMED <g>`` before the ``WHERE`` of
every ``DELETE``/``INSERT ... WHERE`` operation, which is what the SPARQL 1.1
Protocol says they mean.  The protocol makes it an error to combine them with
an update that has its own ``USING`` or ``WITH``.

Examples
--------
>>> print(apply_using('INSERT { ?s a <urn:T> } WHERE { ?s ?p ?o }', ('urn:g',), ()))
INSERT { ?s a <urn:T> } USING <urn:g> WHERE { ?s ?p ?o }
>>> apply_using('INSERT DATA { <urn:s> <urn:p> 1 }', ('urn:g',), ())
'INSERT DATA { <urn:s> <urn:p> 1 }'
"""

from __future__ import annotations

import pyoxigraph as ox

from rivalgraph.serve.errors import ProtocolError
from rivalgraph.sparql_lexer import Token, code_tokens

__all__ = ["apply_using"]


def _operations(text: str) -> list[list[Token]]:
    """Split an update into its operations (``;`` outside braces)."""
    operations: list[list[Token]] = [[]]
    depth = 0
    for token in code_tokens(text):
        if token.text in ("{", "["):
            depth += 1
        elif token.text in ("}", "]"):
            depth -= 1
        if depth == 0 and token.text == ";":
            operations.append([])
        else:
            operations[-1].append(token)
    return operations


def _where_offset(operation: list[Token]) -> int | None:
    """Offset of the top-level WHERE of a DELETE/INSERT ... WHERE operation."""
    words = [t for t in operation if t.kind == "word"]
    keywords = [t.text.upper() for t in words if t.text.upper() not in ("PREFIX", "BASE")]
    if not keywords or keywords[0] not in ("DELETE", "INSERT"):
        return None
    if len(keywords) > 1 and keywords[1] in ("DATA", "WHERE"):
        return None  # INSERT DATA, DELETE DATA, DELETE WHERE: no dataset clause
    depth = 0
    for token in operation:
        depth += token.text in ("{", "[")
        depth -= token.text in ("}", "]")
        if depth == 0 and token.kind == "word" and token.text.upper() == "WHERE":
            return token.start
    return None


def apply_using(text: str, using: tuple[str, ...], using_named: tuple[str, ...]) -> str:
    """Return ``text`` with the protocol's dataset written as ``USING`` clauses.

    Raises
    ------
    ProtocolError
        400 if the update has its own USING or WITH, or a graph IRI is invalid.
    """
    if not using and not using_named:
        return text
    for graph in (*using, *using_named):
        try:
            ox.NamedNode(graph)
        except ValueError as error:
            raise ProtocolError(400, f"invalid graph IRI {graph!r}: {error}") from error
    operations = _operations(text)
    depth = 0
    for token in (t for operation in operations for t in operation):
        depth += token.text in ("{", "[")
        depth -= token.text in ("}", "]")
        if depth == 0 and token.kind == "word" and token.text.upper() in ("USING", "WITH"):
            raise ProtocolError(
                400,
                f"the update has its own {token.text.upper()} clause: it cannot be combined "
                "with using-graph-uri or using-named-graph-uri",
            )
    clause = "".join(f"USING <{g}> " for g in using) + "".join(
        f"USING NAMED <{g}> " for g in using_named)  # fmt: skip
    offsets = [o for o in map(_where_offset, operations) if o is not None]
    for offset in sorted(offsets, reverse=True):
        text = text[:offset] + clause + text[offset:]
    return text
