"""The curated graph: valid, sourced, and holding every fact of the seed article."""

from __future__ import annotations

import pytest

from rivalgraph.build import check, collect
from rivalgraph.resources import graph_dir
from rivalgraph.sources import discover
from rivalgraph.store import OxigraphStore

from .conftest import SEED_ARTICLE

ARTICLE = "source:article-2024-03-05-ingebrigtsen-skips-world-indoors"


def _count(store: OxigraphStore, where: str) -> int:
    rows = store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")
    return int(rows.rows[0][0].value)  # type: ignore[union-attr]


def _values(store: OxigraphStore, query: str) -> list[str]:
    return [row[0].value for row in store.select(query).rows]  # type: ignore[union-attr]


def test_graph_folder_is_not_empty_and_validates() -> None:
    files = discover(graph_dir())
    assert len(files) >= 3
    assert check(collect()) == []


def test_every_named_graph_names_a_source_with_an_address(store: OxigraphStore) -> None:
    unsourced = _values(
        store,
        """SELECT ?g WHERE {
             GRAPH ?g { ?s ?p ?o }
             FILTER (STRSTARTS(STR(?g), "https://w3id.org/rivalgraph/id/graph/"))
             FILTER NOT EXISTS {
               GRAPH ?g { ?g prov:wasDerivedFrom ?source }
               { ?source schema:url ?where } UNION { ?source rg:localCopy ?where }
             }
           } GROUP BY ?g""",
    )
    assert unsourced == []


def test_every_statement_has_speaker_text_outlet_or_article_and_date(store: OxigraphStore) -> None:
    incomplete = _values(
        store,
        """SELECT ?s WHERE {
             ?s a/rdfs:subClassOf* rg:Statement .
             FILTER NOT EXISTS { ?s rg:speaker ?who ; rg:text ?text ; rg:reportedOn ?date ;
                                    rg:reportedIn/schema:datePublished ?published }
           }""",
    )
    assert incomplete == []


def test_seed_statements_and_quotes(store: OxigraphStore) -> None:
    graph = "GRAPH graph:article-2024-03-05-ingebrigtsen-skips-world-indoors"
    assert _count(store, f"{graph} {{ ?x a/rdfs:subClassOf* rg:Statement }}") >= 6
    quotes = _values(
        store,
        f"SELECT ?text WHERE {{ ?s rg:reportedIn {ARTICLE} ; rg:text ?text ; "
        "rg:speechMode rg:DirectSpeech }",
    )
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    assert all(text in article for text in quotes)
    for fragment in (
        "I suffered a bit with my Achilles tendon",
        "I love competition but sometimes you have to make tactical and boring choices",
        "I just don’t have respect for how he treats other athletes after races",
        "I haven’t spent that many calories on that",
        "Plan A is to begin the season in Eugene",
    ):
        assert any(fragment in text for text in quotes), fragment


def test_statement_offsets_point_at_the_text_in_the_article(store: OxigraphStore) -> None:
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    rows = store.select(
        f"SELECT ?text ?start ?end WHERE {{ ?s rg:reportedIn {ARTICLE} ; rg:text ?text ; "
        "rg:offsetStart ?start ; rg:offsetEnd ?end }"
    ).rows
    assert len(rows) >= 6
    for text, start, end in rows:
        assert article[int(start.value) : int(end.value)] == text.value  # type: ignore[union-attr]


def test_response_chain_blindfolded_kerr_nrk(store: OxigraphStore) -> None:
    rows = store.select(
        """SELECT ?first ?second ?third ?outlet WHERE {
             ?third rg:respondsTo ?second . ?second rg:respondsTo ?first .
             ?first rg:speaker athlete:jakob-ingebrigtsen ; rg:text ?boast .
             ?second rg:speaker athlete:josh-kerr ; rg:relayedBy/rdfs:label ?via .
             ?third rg:speaker athlete:jakob-ingebrigtsen ; rg:givenTo/rdfs:label ?outlet .
             FILTER CONTAINS(?boast, "blindfolded")
           }"""
    ).dicts()
    assert len(rows) == 1
    assert rows[0]["outlet"].value == "NRK"  # type: ignore[union-attr]
    longest = store.select(
        "SELECT (MAX(?n) AS ?depth) WHERE { { SELECT ?s (COUNT(?up) AS ?n) WHERE { "
        "?s rg:respondsTo+ ?up } GROUP BY ?s } }"
    )
    assert int(longest.rows[0][0].value) == 2  # type: ignore[union-attr]


def test_six_planned_appearances(store: OxigraphStore) -> None:
    editions = _values(
        store,
        "SELECT ?edition WHERE { ?p a rg:PlannedAppearance ; rg:athlete athlete:jakob-ingebrigtsen"
        " ; rg:edition ?edition ; rg:plannedDate ?date } ORDER BY ?date",
    )
    assert [iri.rsplit("/", 1)[1] for iri in editions] == [
        "prefontaine-classic-2024",
        "bislett-games-2024",
        "european-championships-2024",
        "norwegian-championships-2024",
        "herculis-2024",
        "olympic-games-2024",
    ]


def test_injury_and_both_withdrawals(store: OxigraphStore) -> None:
    parts = _values(store, "SELECT ?part WHERE { ?i a rg:Injury ; rg:bodyPart ?part }")
    assert any("Achilles" in part for part in parts)
    skipped = _values(
        store, "SELECT ?edition WHERE { ?w a rg:Withdrawal ; rg:edition ?edition } ORDER BY ?edition"
    )
    assert [iri.rsplit("/", 1)[1] for iri in skipped] == [
        "european-cross-country-championships-2023",
        "world-indoor-championships-2024",
    ]


@pytest.mark.parametrize(
    ("title", "holder"),
    [
        ("olympic-games-2021-1500m", "jakob-ingebrigtsen"),
        ("world-championships-2022-5000m", "jakob-ingebrigtsen"),
        ("world-championships-2023-5000m", "jakob-ingebrigtsen"),
        ("world-championships-2023-1500m", "josh-kerr"),
    ],
)
def test_titles_named_by_the_article_agree_with_the_results(
    store: OxigraphStore, title: str, holder: str
) -> None:
    graphs = _values(
        store,
        f"SELECT ?g WHERE {{ GRAPH ?g {{ title:{title} rg:athlete athlete:{holder} }} }} ORDER BY ?g",
    )
    assert len(graphs) == 2, "the article and a results table both state this title"
    assert any("article-2024-03-05" in g for g in graphs)


def test_no_athlete_is_two_nodes(store: OxigraphStore) -> None:
    assert _count(store, "?x a rg:Athlete ; rdfs:label ?l . FILTER CONTAINS(?l, 'Pihlstr')") == 1
    labels = _values(store, "SELECT ?l WHERE { athlete:samuel-pihlstrom rdfs:label ?l }")
    assert labels == ["Samuel Pihlström"]
