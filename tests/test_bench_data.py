"""The benchmark data: synthetic graphs (bench/generate.py) and the toplist import (bench/toplist.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest
from bench.generate import generate, write
from bench.toplist import read_list, toplist_quads

from rivalgraph.build import check, collect
from rivalgraph.namespaces import PROV, RDF, RDFS, RG, SCHEMA
from rivalgraph.results import table_quads

QUADS = generate(20_000, seed=3)


def test_the_size_is_about_what_was_asked_and_the_seed_repeats() -> None:
    assert 20_000 <= len(QUADS) < 21_000
    assert generate(2_000, seed=3) == QUADS[: len(generate(2_000, seed=3))]
    assert generate(2_000, seed=4) != generate(2_000, seed=3)


def test_every_quad_is_in_a_named_graph_that_names_its_source() -> None:
    graphs = {quad.graph_name for quad in QUADS}
    assert all(isinstance(graph, ox.NamedNode) for graph in graphs)
    sourced = {q.subject for q in QUADS if q.predicate == PROV.wasDerivedFrom and q.subject == q.graph_name}
    assert graphs == sourced and len(graphs) > 10


def test_pairs_meet_again_and_again() -> None:
    races: dict[ox.NamedNode, set[ox.NamedNode]] = {}
    for quad in QUADS:
        if quad.predicate == RG.competedIn:
            races.setdefault(quad.object, set()).add(quad.subject)  # type: ignore[arg-type]
    sizes = [len(runners) for runners in races.values()]
    assert min(sizes) >= 8 and max(sizes) <= 14
    meetings: dict[frozenset[ox.NamedNode], int] = {}
    for runners in races.values():
        for a in runners:
            for b in runners:
                if a.value < b.value:
                    meetings[frozenset((a, b))] = meetings.get(frozenset((a, b)), 0) + 1
    assert max(meetings.values()) >= 10


def test_statements_and_responses_between_rivals() -> None:
    responses = [q for q in QUADS if q.predicate == RG.respondsTo]
    assert responses
    scopes = {q.object for q in QUADS if q.predicate == RG.scope}
    assert scopes == {RG.GlobalScope, RG.ContinentalScope, RG.NationalScope}


def test_a_generated_graph_is_valid(tmp_path: Path) -> None:
    write(20_000, 3, "trig", tmp_path)
    assert check(collect(tmp_path)) == []


def _final_rows(race: ox.NamedNode) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The generated final as rows of a results table, and its source as a sources.csv row."""
    by_subject: dict[ox.NamedNode, dict[ox.NamedNode, object]] = {}
    for quad in QUADS:
        by_subject.setdefault(quad.subject, {})[quad.predicate] = quad.object  # type: ignore[index]
    edition = by_subject[race][RG.edition]
    edition_facts = by_subject[edition]  # type: ignore[index]
    graph = next(q.graph_name for q in QUADS if q.subject == race)
    source = by_subject[graph][PROV.wasDerivedFrom]  # type: ignore[index]
    source_facts = by_subject[source]  # type: ignore[index]
    url = source_facts[SCHEMA.url].value  # type: ignore[attr-defined]
    name = edition_facts[RDFS.label].value.rsplit(" ", 1)[0]  # type: ignore[attr-defined]
    rows = []
    for facts in by_subject.values():
        if facts.get(RG.race) != race or facts.get(RDF.type) != RG.Result:
            continue
        athlete = by_subject[facts[RG.athlete]]  # type: ignore[index]
        corroborated = facts.get(RG.corroboratedBy)
        rows.append({
            "event": race.value.split("-final")[0].rsplit("-", 1)[1], "year": edition_facts[RG.year].value,
            "competition": name, "city": edition_facts[RG.city].value,
            "date": by_subject[race][SCHEMA.startDate].value, "round": "final",
            "place": facts[RG.place].value, "athlete": athlete[RDFS.label].value,
            "nation": facts[RG.nation].value.rsplit("/", 1)[1], "time": facts[RG.timeAsWritten].value,
            "source_url": url, "athlete_as_shown": getattr(facts.get(RG.nameAsShown), "value", ""),
            "corroborated_by": "" if corroborated is None else
            by_subject[corroborated][SCHEMA.url].value,  # type: ignore[index]
            "indoor": "yes" if edition_facts[RG.indoor].value == "true" else "no", "note": "",
        })  # type: ignore[union-attr]  # fmt: skip
    sources = {"source_url": url, "slug": source.value.rsplit("/", 1)[1], "kind": "table",  # type: ignore[attr-defined]
               "label": source_facts[RDFS.label].value, "publisher": "World Athletics",  # type: ignore[attr-defined]
               "publisher_url": "", "date_published": source_facts[SCHEMA.datePublished].value,  # type: ignore[attr-defined]
               "note": ""}  # fmt: skip
    return rows, sources


def _synthetic(term: object) -> object:
    if isinstance(term, ox.NamedNode) and "/graph/results-" in term.value:
        return ox.NamedNode(term.value.replace("/graph/results-", "/graph/synthetic-"))
    return term


def test_result_triples_are_those_of_a_results_table(tmp_path: Path) -> None:
    finals = sorted({q.subject for q in QUADS if q.predicate == RG.round and q.object == RG.Final
                     and "world-championships" in q.subject.value}, key=str)  # fmt: skip
    race = finals[0]
    rows, source = _final_rows(race)
    for name, records in (("table.csv", rows), ("sources.csv", [source])):
        with (tmp_path / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(records[0]))
            writer.writeheader()
            writer.writerows(records)
    # The generator writes N-Quads, and an RDF file may not write a results-… graph (only a
    # table may): its graphs are named synthetic-… instead, the rest is the table's.
    expected = {ox.Quad(*map(_synthetic, (q.subject, q.predicate, q.object, q.graph_name)))  # type: ignore[arg-type]
                for q in table_quads(tmp_path / "table.csv") if q.predicate != RG.localCopy}  # fmt: skip
    generated = set(QUADS)
    assert len(rows) >= 8
    assert expected - generated == set()
    results = {q.subject for q in expected if q.object == RG.Result}
    assert {q for q in generated if q.subject in results} <= expected


HEADER = ("rank,mark,wind,competitor,dob,nationality,position,venue,date,result_score,discipline,"
          "type,sex,age_cat,normalized_discipline,track_field,mark_numeric,venue_country,"
          "age_at_event,season")  # fmt: skip
ROOM = '"Stadio Olimpico, Roma (ITA)",1998-07-14,1,,,,,,,'
ROWS = [
    f"1,3:26.00,,Hicham EL GUERROUJ,1974-09-14,MAR,1,{ROOM}206.0,ITA,23,1998",
    f"2,3:26.00,,Hicham EL GUERROUJ,1974-09-14,MAR,1,{ROOM}206.0,ITA,23,1998",
    f"3,3:28.12,,Noah NGENY,1978-11-02,KEN,2,{ROOM}208.12,ITA,19,1998",
    "4,3:31.2h,,Noah NGENY,1978-11-02,KEN,2h1,Zürich (SUI),1999-08-11,1,,,,,,,211.2,SUI,20,1999",
    "5,3:31.90,,Bernard LAGAT,1974-12-12,KEN,,Zürich (SUI),1999-08-11,1,,,,,,,211.9,SUI,24,1999",
]  # fmt: skip


@pytest.fixture
def toplists(tmp_path: Path) -> Path:
    (tmp_path / "male_1500-metres.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    for name in ("male_5000-metres.csv", "male_3000-metres.csv", "male_one-mile.csv",
                 "male_two-miles.csv"):  # fmt: skip
        (tmp_path / name).write_text(HEADER + "\n", encoding="utf-8")
    return tmp_path


def test_toplist_rows_are_deduplicated_and_placed(toplists: Path) -> None:
    rows, dropped = read_list(toplists / "male_1500-metres.csv")
    assert dropped == {"duplicates": 1, "without a place": 1}
    assert [(r.name, r.place, r.round, r.section) for r in rows] == [
        ("Hicham El Guerrouj", 1, "", ""),
        ("Noah Ngeny", 2, "", ""),
        ("Noah Ngeny", 2, "h", "1"),
    ]


def test_toplist_quads_are_valid_results_of_races(toplists: Path, tmp_path: Path) -> None:
    quads, _ = toplist_quads(toplists)
    races = {q.object for q in quads if q.predicate == RG.race}
    assert len(races) == 2 and sum(1 for q in quads if q.object == RG.Result) == 3
    out = tmp_path / "graph"
    out.mkdir()
    ox.serialize(quads, out / "toplists.trig", ox.RdfFormat.TRIG)
    assert check(collect(out)) == []
