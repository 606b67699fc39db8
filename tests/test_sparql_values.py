"""The one VALUES writer: byte for byte what the remote store sends and the endpoint's examples show."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from rivalgraph.query import NamedQuery, registry
from rivalgraph.remote.terms import values_text
from rivalgraph.serve.bindings import leading_values
from rivalgraph.serve.examples import example_text
from rivalgraph.sparql_values import values_block, where_brace, with_values

HEAD_TO_HEAD = registry()["head-to-head"]


def _split(text: str) -> tuple[str, str]:
    brace = where_brace(text) + 1
    return text[:brace], text[brace:]


def test_the_remote_store_gets_one_block_per_variable_opening_the_where_group() -> None:
    before, after = _split(HEAD_TO_HEAD.text)
    bound = values_text(HEAD_TO_HEAD.text, {"athlete": ox.NamedNode("urn:a"), "opponent": ox.Literal('x" }')})
    assert bound == before + '\nVALUES ?athlete { <urn:a> }\nVALUES ?opponent { "x\\" }" }\n' + after


def test_an_example_gets_one_row_of_prefixed_names() -> None:
    before, after = _split(HEAD_TO_HEAD.text)
    text = example_text(HEAD_TO_HEAD)
    row = "\n  VALUES (?athlete ?opponent) { (athlete:josh-kerr athlete:jakob-ingebrigtsen) }"
    assert text.endswith(before + row + after)
    assert text.startswith("PREFIX ")


@pytest.mark.parametrize("query", list(registry().values()), ids=lambda q: q.name)
def test_every_example_is_read_back_as_engine_substitutions(query: NamedQuery) -> None:
    """What the writer writes as one row, the endpoint turns into substitutions, whole."""
    text = example_text(query)
    written = "\n  VALUES ("  # the row the writer opens the WHERE group with
    names = text.split(written, 1)[1].split(")", 1)[0].split() if written in text else []
    stripped, terms = leading_values(text, {})
    assert set(terms) == {name.lstrip("?") for name in names}
    assert stripped.count("VALUES") == text.count("VALUES") - bool(names)


def test_no_terms_leave_the_query_as_it_is() -> None:
    assert with_values(HEAD_TO_HEAD.text, {}) == HEAD_TO_HEAD.text
    assert values_block({}, one_row=True) == ""


def test_a_bad_variable_name_is_refused_by_both_forms() -> None:
    for one_row in (False, True):
        with pytest.raises(ValueError, match="not a SPARQL variable name"):
            with_values("SELECT * { ?s ?p ?o }", {"s }": "<urn:x>"}, one_row=one_row)
