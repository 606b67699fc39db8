"""The named queries as standalone examples anyone can paste into any SPARQL client.

A named query in ``queries/`` relies on the prefixes rivalgraph predeclares and
takes its parameters as engine substitutions.  An example for the endpoint's
page, its VoID description and the benchmark must run anywhere, so
:func:`example_text` adds the ``PREFIX`` lines the query uses and binds the
parameters with a ``VALUES`` block at the start of the outermost group
(placed there, not after the query, so the engine joins it first: after the
query it would be evaluated for every pair of athletes, then filtered).

Examples
--------
>>> from rivalgraph.query import registry
>>> text = example_text(registry()["head-to-head"])
>>> text.startswith("PREFIX rg: <https://w3id.org/rivalgraph/ontology#>")
True
>>> "VALUES (?athlete ?opponent) { (athlete:josh-kerr athlete:jakob-ingebrigtsen) }" in text
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rivalgraph.namespaces import PREFIXES
from rivalgraph.query import NamedQuery, registry, to_term
from rivalgraph.sparql_lexer import code_tokens, query_form
from rivalgraph.sparql_values import with_values

__all__ = ["Example", "EXAMPLE_ATHLETES", "example_text", "examples"]

#: Who the examples are about: the rivalry the project started from.
EXAMPLE_ATHLETES = ("josh-kerr", "jakob-ingebrigtsen")


@dataclass(frozen=True)
class Example:
    """A named query made runnable on its own."""

    name: str
    summary: str
    text: str
    form: str


def _bindings(query: NamedQuery) -> dict[str, str]:
    wanted = sum(1 for parameter in query.parameters if parameter.type == "rg:Athlete")
    # One athlete: the one the seed article is about (his injuries, withdrawals and plans);
    # two: Kerr against him, as the rivalry is usually told.
    athletes = iter(EXAMPLE_ATHLETES if wanted > 1 else EXAMPLE_ATHLETES[::-1])
    values: dict[str, str] = {}
    for parameter in query.parameters:
        if parameter.type == "rg:Athlete":
            slug = next(athletes, None)
            if slug is not None:
                values[parameter.name] = f"athlete:{slug}"
        elif parameter.default is not None:
            values[parameter.name] = str(to_term(parameter, parameter.default))
    return values


def _prologue(text: str) -> str:
    used = {token.text.split(":", 1)[0] for token in code_tokens(text) if token.kind == "pname"}
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items() if name in used)


def example_text(query: NamedQuery, values: Mapping[str, str] | None = None) -> str:
    """The query with its PREFIX lines and its parameters bound by a VALUES block.

    ``values`` maps parameter names to SPARQL terms as text (``athlete:josh-kerr``,
    ``"7"^^xsd:integer``); by default the example athletes and the declared defaults.
    """
    values = dict(_bindings(query) if values is None else values)
    # One row: the form the endpoint turns into engine substitutions (serve.bindings).
    text = with_values(query.text, values, one_row=True)
    prologue = _prologue(text)
    return prologue + text if prologue else text


def _form(text: str) -> str:
    return query_form(text) or "SELECT"


def examples() -> list[Example]:
    """Every named query of the registry as an :class:`Example`."""
    result = []
    for query in registry().values():
        text = example_text(query)
        result.append(Example(query.name, query.summary, text, _form(text)))
    return result
