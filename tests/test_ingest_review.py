"""Settling a draft's notes: choices rewrite only their node, the draft stays valid, accept follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from rivalgraph.build import build
from rivalgraph.cli import main
from rivalgraph.errors import InputError
from rivalgraph.ingest.accept import AcceptRefused, accept
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.pipeline import ingest
from rivalgraph.ingest.review import Decision, Draft, find_athletes, speaker_option
from rivalgraph.namespaces import ATHLETE, RDF, RG, STATEMENT
from rivalgraph.report import rivalry_report
from rivalgraph.store import OxigraphStore

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
BUDAPEST = ARTICLES / "2023-08-24-kerr-budapest-title.txt"
WIGHTMAN = ARTICLES / "gold" / "2024-02-23-wightman-banging-your-chest.txt"
KERR = ATHLETE["josh-kerr"]
WIGHTMAN_IRI = ATHLETE["jake-wightman"]


def quads_of(path: Path) -> set[ox.Quad]:
    return set(ox.parse(path.read_bytes(), format=ox.RdfFormat.TRIG))


def by_kind(decisions: list[Decision], kind: str) -> list[Decision]:
    return [d for d in decisions if d.kind == kind]


def test_an_ambiguous_speaker_is_settled_by_choosing_a_candidate(
    tmp_path: Path, known: Knowledge, curated: Path
) -> None:
    path = ingest(BUDAPEST, dt.date(2023, 8, 24), known, drafts=tmp_path).draft
    draft = Draft.read(path)
    [decision] = by_kind(draft.decisions(known), "speaker")
    assert "ambiguous" in (decision.note or "")
    assert "[[" in decision.context  # the quotation shown in its sentence
    kerr = next(o for o in decision.options if f"athlete:{KERR.value.rsplit('/', 1)[1]}" in o.label)
    before = quads_of(path)
    draft.apply(decision, kerr)
    draft.save()
    after = quads_of(path)
    gone, added = before - after, after - before
    assert {q.predicate for q in gone} <= {
        RG.reviewNote,
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
    }
    assert any(q.predicate == RG.speaker and q.object == KERR for q in added)
    assert all(q.subject == decision.subject for q in gone | added)
    assert Draft.read(path).notes_left() == []
    assert accept(path, curated).target.is_file()


def test_skipping_leaves_the_note_and_accept_refuses(tmp_path: Path, known: Knowledge) -> None:
    path = ingest(BUDAPEST, dt.date(2023, 8, 24), known, drafts=tmp_path).draft
    before = path.read_text(encoding="utf-8")
    draft = Draft.read(path)
    [decision] = by_kind(draft.decisions(known), "speaker")
    draft.apply(decision, next(o for o in decision.options if o.key == "s"))
    draft.save()
    assert path.read_text(encoding="utf-8") == before
    with pytest.raises(AcceptRefused, match="rivalgraph review"):
        accept(path)


def test_dropping_a_statement_removes_it_and_every_link_to_it(tmp_path: Path, known: Knowledge) -> None:
    path = ingest(WIGHTMAN, dt.date(2024, 2, 23), known, drafts=tmp_path).draft
    draft = Draft.read(path)
    [reply] = by_kind(draft.decisions(known), "reply")
    answered = ox.NamedNode(draft.first(reply.subject, RG.respondsTo))
    draft._drop(answered)
    draft.save()
    quads = quads_of(path)
    assert not any(answered in (q.subject, q.object) for q in quads)
    assert ox.Quad(reply.subject, RDF.type, RG.Statement, next(iter(quads)).graph_name) in quads
    assert "statement 4\n" not in path.read_text(encoding="utf-8")  # its comment went with it


def test_a_reply_can_be_unlinked(tmp_path: Path, known: Knowledge) -> None:
    path = ingest(WIGHTMAN, dt.date(2024, 2, 23), known, drafts=tmp_path).draft
    draft = Draft.read(path)
    [reply] = by_kind(draft.decisions(known), "reply")
    assert reply.default == "k"
    draft.apply(reply, next(o for o in reply.options if o.key == "x"))
    draft.save()
    assert not Draft.read(path).values(reply.subject, RG.respondsTo)
    assert Draft.read(path).values(reply.subject, RDF.type) == [RG.Statement]


def test_a_graph_candidate_turns_a_statement_into_a_response(tmp_path: Path) -> None:
    note = ("response: the cue 'hit back' answers Josh Kerr, but no earlier statement of theirs is in "
            "this article; candidates in the graph: https://w3id.org/rivalgraph/id/statement/a, "
            "https://w3id.org/rivalgraph/id/statement/b; add rg:respondsTo and make it an rg:Response, "
            "or leave it a statement")  # fmt: skip
    path = tmp_path / "d.trig"
    path.write_text(
        "@prefix rg: <https://w3id.org/rivalgraph/ontology#> .\n"
        "@prefix statement: <https://w3id.org/rivalgraph/id/statement/> .\n"
        "@prefix graph: <https://w3id.org/rivalgraph/id/graph/> .\n\ngraph:g {\n"
        "    statement:s\n        a rg:Statement ;\n"
        f'        rg:reviewNote "{note}" ;\n        rg:text "No." .\n}}\n', encoding="utf-8")  # fmt: skip
    draft = Draft.read(path)
    [decision] = draft.decisions()
    assert [o.key for o in decision.options] == ["1", "2", "n", "d", "s"]
    draft.apply(decision, decision.options[1])
    draft.save()
    again = Draft.read(path)
    assert again.values(STATEMENT["s"], RG.respondsTo) == [STATEMENT["b"]]
    assert again.values(STATEMENT["s"], RDF.type) == [RG.Response]
    assert again.notes_left() == []


def test_a_hand_edited_layout_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "d.trig"
    path.write_text(
        '@prefix rg: <https://w3id.org/rivalgraph/ontology#> .\n'
        '<urn:g> { <https://w3id.org/rivalgraph/id/statement/s> a rg:Statement ; '
        'rg:reviewNote "speaker: the cue names nobody; add rg:speaker" . }\n', encoding="utf-8")  # fmt: skip
    draft = Draft.read(path)
    [decision] = draft.decisions()
    with pytest.raises(InputError, match="d.trig.*text editor"):
        draft.apply(decision, decision.options[-2])


def test_a_draft_that_is_not_trig_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.trig"
    path.write_text("graph:g { oops", encoding="utf-8")
    with pytest.raises(InputError, match="broken.trig"):
        Draft.read(path)


def test_typed_names_find_athletes(known: Knowledge) -> None:
    assert [a.iri for a in find_athletes("Josh Kerr", known)] == [KERR.value]
    assert [a.iri for a in find_athletes(f"<{KERR.value}>", known)] == [KERR.value]
    assert find_athletes("Nobody Atall", known) == []


# -- the command line, and the loop end to end ----------------------------------------------------


def test_cli_review_ingest_accept_and_the_rivalry_grows(
    tmp_path: Path, curated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real article: ingest, settle its notes from the terminal, accept, rebuild, read the rivalry."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RIVALGRAPH_IMPORTS", "0")
    build(tmp_path / "before", folder=curated, imports=False)
    before = rivalry_report(OxigraphStore.open(tmp_path / "before"), "Jakob Ingebrigtsen", "Jake Wightman")
    runner = CliRunner()
    common = ["--store", "none", "--graph", str(curated)]
    out = runner.invoke(main, ["ingest", str(WIGHTMAN), "--date", "2024-02-23", *common])
    assert out.exit_code == 0, out.output
    draft = Path("drafts/2024-02-23-wightman-banging-your-chest.trig")
    listed = runner.invoke(main, ["review", str(draft), "--list", *common])
    assert listed.exit_code == 0 and listed.output.count("] speaker:") == 2, listed.output
    assert "rg:reviewNote" in draft.read_text(encoding="utf-8")  # --list changes nothing
    # the headline's words: Wightman said them (typed by name); the second is the same headline again: drop it;
    # the reply the extractor linked: keep it (Enter)
    settled = runner.invoke(main, ["review", str(draft), *common], input="a\nJake Wightman\nd\n\n")
    assert settled.exit_code == 0, settled.output
    assert "settled 2 note(s); 0 left" in settled.output and "--accept" in settled.output
    accepted = runner.invoke(main, ["ingest", "--accept", str(draft), "--graph", str(curated)])
    assert accepted.exit_code == 0, accepted.output
    build(tmp_path / "after", folder=curated, imports=False)
    after = rivalry_report(OxigraphStore.open(tmp_path / "after"), "Jakob Ingebrigtsen", "Jake Wightman")
    assert len(after.races) == len(before.races)
    grown = [thread for thread in after.threads if thread not in before.threads]
    assert grown, "the accepted thread is not in the rivalry report"
    speakers = {statement.speaker for thread in grown for statement in thread}
    assert {"Jakob Ingebrigtsen", "Jake Wightman"} <= speakers
    assert any("dragged into it" in said.text for thread in grown for said in thread)


def test_cli_review_stops_early_and_keeps_what_was_decided(
    tmp_path: Path, known: Knowledge, curated: Path
) -> None:
    path = ingest(WIGHTMAN, dt.date(2024, 2, 23), known, drafts=tmp_path).draft
    out = CliRunner().invoke(main, ["review", str(path), "--store", "none", "--graph", str(curated)],
                             input="a\nNobody Known\na\nathlete:jake-wightman\nq\n")  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "0 athletes are called 'Nobody Known'" in out.output
    assert "settled 1 note(s); 1 left" in out.output and "next: rivalgraph review" in out.output
    assert Draft.read(path).values(STATEMENT["2024-02-23-unattributed-banging-chest"], RG.speaker) == [
        WIGHTMAN_IRI
    ]


def test_a_reply_may_answer_an_earlier_statement_of_the_draft_and_speakers_are_named_nearby(
    tmp_path: Path, known: Knowledge
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Jake Wightman said little. Josh Kerr, asked about it, claimed "
                       "he was never worried. Kerr later replied: “No.”", encoding="utf-8")  # fmt: skip
    start = article.read_text(encoding="utf-8").index("he was")
    note = (
        "response: the cue 'replied' answers Josh Kerr, but no earlier statement of theirs is in this article"
    )
    path = tmp_path / "d.trig"
    path.write_text(
        "@prefix rg: <https://w3id.org/rivalgraph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix athlete: <https://w3id.org/rivalgraph/id/athlete/> .\n"
        "@prefix statement: <https://w3id.org/rivalgraph/id/statement/> .\n"
        "@prefix graph: <https://w3id.org/rivalgraph/id/graph/> .\n\ngraph:g {\n"
        f'    <urn:article>\n        rg:localCopy "{article}" .\n\n'
        "    statement:first\n        a rg:Statement ;\n"
        '        rdfs:label "unattributed: he was never worried" ;\n'
        '        rg:reviewNote "speaker: the cue names nobody; add rg:speaker" ;\n'
        '        rg:text "he was never worried" ;\n'
        f'        rg:offsetStart "{start}"^^xsd:nonNegativeInteger .\n\n'
        "    statement:second\n        a rg:Statement ;\n"
        f'        rg:reviewNote "{note}" ;\n        rg:text "No." .\n}}\n', encoding="utf-8")  # fmt: skip
    draft = Draft.read(path)
    speaker, response = draft.decisions(known)
    assert [o.edit.values[0][1] for o in speaker.options[:2]] == [(KERR,), (WIGHTMAN_IRI,)]
    assert response.options[0].label == "it answers 'unattributed: he was never worried' (this article)"
    draft.apply(response, response.options[0])
    draft.apply(speaker, speaker.options[0])
    draft.save()
    again = Draft.read(path)
    assert again.values(STATEMENT["second"], RG.respondsTo) == [STATEMENT["first"]]
    assert again.first(STATEMENT["first"], RG.speaker) == KERR.value
    assert again.first(STATEMENT["first"], ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")) \
        == "Josh Kerr: he was never worried"  # fmt: skip


def test_an_athlete_chosen_for_a_person_speaker_removes_the_person_no_one_else_quotes(
    tmp_path: Path, known: Knowledge
) -> None:
    note = ("speaker: 'Gjert' is not an athlete of the graph; written as a schema:Person: confirm, "
            "or set rg:speaker to an athlete")  # fmt: skip
    path = tmp_path / "d.trig"
    path.write_text(
        "@prefix rg: <https://w3id.org/rivalgraph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "@prefix athlete: <https://w3id.org/rivalgraph/id/athlete/> .\n"
        "@prefix person: <https://w3id.org/rivalgraph/id/person/> .\n"
        "@prefix statement: <https://w3id.org/rivalgraph/id/statement/> .\n"
        "@prefix graph: <https://w3id.org/rivalgraph/id/graph/> .\n\ngraph:g {\n"
        "    # a speaker who is not an athlete of the graph\n"
        '    person:gjert\n        a schema:Person ;\n        rdfs:label "Gjert" .\n\n'
        "    statement:s\n        a rg:Statement ;\n"
        f'        rg:reviewNote "{note}" ;\n        rg:speaker person:gjert ;\n'
        '        rg:text "We train." .\n}\n', encoding="utf-8")  # fmt: skip
    draft = Draft.read(path)
    [decision] = draft.decisions(known)
    assert "p" in [o.key for o in decision.options]
    [kerr] = find_athletes("Josh Kerr", known)
    draft.apply(decision, speaker_option(kerr))
    draft.save()
    text = path.read_text(encoding="utf-8")
    assert "person:gjert" not in text and "a speaker who is not an athlete" not in text
    assert Draft.read(path).values(STATEMENT["s"], RG.speaker) == [KERR]
