from __future__ import annotations

from pyoxigraph import NamedNode

from rivalgraph.namespaces import ATHLETE, PREFIXES, RG, Namespace


def test_namespace_terms_are_named_nodes() -> None:
    assert RG.Athlete == NamedNode("https://w3id.org/rivalgraph/ontology#Athlete")
    assert ATHLETE["josh-kerr"].value.endswith("/athlete/josh-kerr")


def test_prefixes_are_unique_and_end_with_a_separator() -> None:
    assert len(set(PREFIXES.values())) == len(PREFIXES)
    assert all(iri[-1] in "#/" for iri in PREFIXES.values())


def test_dunder_lookups_are_not_terms() -> None:
    assert not hasattr(Namespace("urn:x:"), "__wrapped__")
