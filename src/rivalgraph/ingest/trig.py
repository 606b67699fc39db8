"""Write node descriptions as readable TriG, one named graph, prefixed names.

A :class:`Node` is one subject with its properties in order, free comment
lines (``# ...``) and commented-out suggestions a reviewer may enable.  The
text written is parsed back with pyoxigraph before it is returned, so a
draft on disk is always valid TriG.

Examples
--------
>>> from pyoxigraph import Literal
>>> from rivalgraph.namespaces import GRAPH, RDFS, RG, STATEMENT
>>> node = Node(STATEMENT["x"], [(RDFS.label, [Literal("A \\"quote\\"")])], types=[RG.Statement])
>>> print(to_trig(GRAPH["g"], [("Statements", [node])]))  # doctest: +ELLIPSIS
@prefix rg: <https://w3id.org/rivalgraph/ontology#> .
...
graph:g {
<BLANKLINE>
    # Statements
<BLANKLINE>
    statement:x
        a rg:Statement ;
        rdfs:label "A \\"quote\\"" .
}
<BLANKLINE>
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from rivalgraph.namespaces import PREFIXES, XSD

__all__ = ["Node", "node_lines", "to_trig", "term"]

_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)


@dataclass
class Node:
    """One subject of the draft and what is said about it."""

    subject: ox.NamedNode
    properties: list[tuple[ox.NamedNode, Sequence[ox.NamedNode | ox.Literal]]]
    types: list[ox.NamedNode] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


def term(value: ox.NamedNode | ox.Literal) -> str:
    """Write one term in Turtle, with a prefixed name where one fits.

    Examples
    --------
    >>> term(ox.Literal("2024-03-05", datatype=XSD.date))
    '"2024-03-05"^^xsd:date'
    >>> term(ox.NamedNode("https://w3id.org/rivalgraph/id/athlete/josh-kerr"))
    'athlete:josh-kerr'
    """
    if isinstance(value, ox.NamedNode):
        for prefix, namespace in _BY_LENGTH:
            if value.value.startswith(namespace) and _LOCAL.match(value.value[len(namespace) :]):
                return f"{prefix}:{value.value[len(namespace) :]}"
        return f"<{value.value}>"
    text = json.dumps(value.value, ensure_ascii=False)
    if value.language:
        return f"{text}@{value.language}"
    if value.datatype == XSD.string:
        return text
    return f"{text}^^{term(value.datatype)}"


def node_lines(node: Node) -> list[str]:
    """Write one node: its comment lines, subject, properties and commented-out suggestions."""
    lines = [f"    # {line}" for line in node.comments]
    lines.append(f"    {term(node.subject)}")
    parts: list[str] = []
    if node.types:
        parts.append("a " + " , ".join(term(t) for t in node.types))
    for predicate, objects in node.properties:
        if objects:
            parts.append(f"{term(predicate)} " + " ,\n            ".join(term(o) for o in objects))
    for number, part in enumerate(parts):
        end = " ." if number == len(parts) - 1 else " ;"
        lines.append(f"        {part}{end}")
    lines += [f"        # {suggestion}" for suggestion in node.suggestions]
    return lines


def to_trig(graph: ox.NamedNode, sections: Sequence[tuple[str, Sequence[Node]]], header: str = "") -> str:
    """Write ``sections`` (title, nodes) into the named graph ``graph``.

    Raises
    ------
    ValueError
        If the text does not parse back (a bug, never bad input).
    """
    lines = [f"# {line}".rstrip() for line in header.splitlines()] + ([""] if header else [])
    lines += [f"@prefix {name}: <{iri}> ." for name, iri in PREFIXES.items()]
    lines += ["", f"{term(graph)} {{"]
    for title, nodes in sections:
        if not nodes:
            continue
        lines += ["", f"    # {title}", ""]
        for node in nodes:
            lines += [*node_lines(node), ""]
    while lines[-1] == "":
        lines.pop()
    lines.append("}")
    lines = [line for n, line in enumerate(lines) if line or n == 0 or lines[n - 1]]
    text = "\n".join(lines) + "\n"
    try:
        list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TRIG))
    except SyntaxError as error:  # pragma: no cover - a writer bug
        raise ValueError(f"the draft writer produced invalid TriG: {error}") from error
    return text
