"""Planning a push: batches hold every triple of a graph once, blank nodes together, in a stable order."""

from __future__ import annotations

import random
from collections import Counter

import pyoxigraph as ox
import pytest

from rivalgraph.build import collect
from rivalgraph.remote.plan import GraphPlan, plan_graphs
from rivalgraph.store import with_merged_default_graph
from rivalgraph.store.sparql import MERGED_GRAPH


@pytest.fixture(scope="module")
def quads() -> list[ox.Quad]:
    sources = collect()
    return [*sources.ontology, *sources.shapes, *sources.data_quads()]


Term = ox.NamedNode | ox.BlankNode | ox.Literal


def _scoped(term: Term, number: int) -> Term:
    return ox.BlankNode(f"b{number}x{term.value}") if isinstance(term, ox.BlankNode) else term


def _parsed(plan: GraphPlan) -> list[ox.Triple]:
    """Every batch parsed on its own, as a server does (blank nodes are scoped to one request)."""
    triples: list[ox.Triple] = []
    for number, batch in enumerate(plan.batches):
        parsed = [q.triple for q in ox.parse(batch.text.encode(), format=ox.RdfFormat.N_TRIPLES)]
        assert len(parsed) == batch.triples
        assert batch.blank == any(map(_has_blank, parsed))
        triples += [ox.Triple(_scoped(t.subject, number), t.predicate, _scoped(t.object, number))  # type: ignore[arg-type]
                    for t in parsed]  # fmt: skip
    return triples


def _has_blank(quad: ox.Quad | ox.Triple) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def _shape(triples: list[ox.Triple]) -> Counter[tuple[str, ...]]:
    """Triples with blank nodes written as "_" (enough to compare graphs whose bnodes differ)."""
    return Counter(tuple("_" if isinstance(t, ox.BlankNode) else str(t) for t in triple)
                   for triple in triples)  # fmt: skip


def test_each_graph_and_the_merge_hold_what_the_embedded_store_holds(quads: list[ox.Quad]) -> None:
    plans = plan_graphs(quads, 500, 50)
    expected: dict[str, list[ox.Triple]] = {}
    for quad in with_merged_default_graph(quads):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else MERGED_GRAPH.value
        expected.setdefault(name, []).append(quad.triple)
    assert set(plans) == set(expected) and len(plans) > 10
    for name, plan in plans.items():
        found = _parsed(plan)
        assert plan.triples == len(found) == len(expected[name]), name
        assert _shape(found) == _shape(expected[name]), name
        assert all(batch.triples <= 500 for batch in plan.batches)


def test_a_blank_node_never_spans_two_batches(quads: list[ox.Quad]) -> None:
    plans = plan_graphs(quads, 500, 50)
    ontology = plans["https://w3id.org/rivalgraph/ontology"]
    assert sum(batch.blank for batch in ontology.batches) > 1
    for plan in plans.values():
        seen: dict[str, int] = {}
        for number, batch in enumerate(plan.batches):
            for quad in ox.parse(batch.text.encode(), format=ox.RdfFormat.N_TRIPLES):
                for term in (quad.subject, quad.object):
                    if isinstance(term, ox.BlankNode):
                        assert seen.setdefault(term.value, number) == number, plan.name


def test_the_same_content_in_another_order_gives_the_same_batches(quads: list[ox.Quad]) -> None:
    plain = [q for q in quads if not _has_blank(q)]
    blank = [q for q in quads if _has_blank(q)]
    shuffled = plain[:]
    random.Random(1).shuffle(shuffled)

    def relabel(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        return ox.BlankNode("x" + term.value) if isinstance(term, ox.BlankNode) else term

    # Blank nodes get fresh labels from every parse; their triples keep the order of their file.
    relabelled = [ox.Quad(relabel(q.subject), q.predicate, relabel(q.object), q.graph_name)  # type: ignore[arg-type]
                  for q in blank]  # fmt: skip
    first = {name: plan.digest for name, plan in plan_graphs(plain + blank, 500, 50).items()}
    assert {name: plan.digest for name, plan in plan_graphs(shuffled + relabelled, 500, 50).items()} == first
    changed = plan_graphs(plain[1:] + blank, 500, 50)
    assert changed[MERGED_GRAPH.value].digest != first[MERGED_GRAPH.value]
