"""Drafts and their acceptance: TriG on disk, SHACL, flags, no overwrite, duplicates, CLI."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from rivalgraph.build import check, collect
from rivalgraph.cli import main
from rivalgraph.errors import InputError, ValidationFailed
from rivalgraph.ingest.accept import AcceptRefused, accept
from rivalgraph.ingest.evaluate import load_annotation
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.pipeline import DraftExists, ingest
from rivalgraph.namespaces import RG

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
SEED = load_annotation(ARTICLES / "seed-2024-03-05-ingebrigtsen-skips-world-indoors.json").article
PARIS = ARTICLES / "2024-08-08-hocker-paris-gold.txt"
BUDAPEST = ARTICLES / "2023-08-24-kerr-budapest-title.txt"
NANJING = ARTICLES / "2025-03-23-ingebrigtsen-nanjing-double.html"
RECAP = ARTICLES / "2024-06-13-european-1500m-recap.txt"
ECHO = ARTICLES / "duplicates" / "2024-03-07-ingebrigtsen-achilles-echo.txt"
SEED_FILE = "2024-03-05-ingebrigtsen-skips-world-indoors.trig"


def quads_of(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TRIG))


def objects(quads: list[ox.Quad], predicate: ox.NamedNode) -> list[str]:
    return [q.object.value for q in quads if q.predicate == predicate]


def resolve_flags(path: Path, speaker: str = "athlete:josh-kerr") -> None:
    """Do what a reviewer does: set the speaker of flagged statements and delete the notes."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(\n        a rg:Statement ;\n)((?:.*\n)*?)        rg:reviewNote [^\n]*\n",
                  rf"\1\2        rg:speaker {speaker} ;\n", text)  # fmt: skip
    path.write_text(text, encoding="utf-8")


# -- drafts ----------------------------------------------------------------------------


def test_seed_draft_is_grounded_trig(tmp_path: Path, known: Knowledge) -> None:
    result = ingest(SEED, dt.date(2024, 3, 5), known, drafts=tmp_path / "drafts")
    assert result.draft == tmp_path / "drafts" / SEED_FILE
    quads = quads_of(result.draft)
    graphs = {q.graph_name for q in quads}
    assert graphs == {
        ox.NamedNode(
            "https://w3id.org/rivalgraph/id/graph/article-2024-03-05-ingebrigtsen-skips-world-indoors"
        )
    }
    article = SEED.read_text(encoding="utf-8")
    texts = {q.subject: q.object.value for q in quads if q.predicate == RG.text}
    starts = {q.subject: int(q.object.value) for q in quads if q.predicate == RG.offsetStart}
    ends = {q.subject: int(q.object.value) for q in quads if q.predicate == RG.offsetEnd}
    assert len(texts) == 9
    for node, text in texts.items():
        assert article[starts[node] : ends[node]] == text
    assert len(objects(quads, RG.respondsTo)) == 2
    assert result.flags == []


def test_draft_passes_the_shapes_with_the_curated_graph(tmp_path: Path, known: Knowledge) -> None:
    result = ingest(PARIS, dt.date(2024, 8, 8), known, drafts=tmp_path)
    assert check(collect(None, [result.draft])) == []


def test_flagged_draft_fails_until_resolved(tmp_path: Path, known: Knowledge) -> None:
    result = ingest(BUDAPEST, dt.date(2023, 8, 24), known, drafts=tmp_path)
    assert len(result.flags) == 1, "the unattributed Scot; Ingebrigtsen's father is a schema:Person"
    assert (
        'person:gjert\n        a schema:Person , prov:Agent ;\n        rdfs:label "Gjert" ;\n'
        '        schema:jobTitle "family" .' in result.draft.read_text(encoding="utf-8")
    )
    problems = check(collect(None, [result.draft]))
    assert any("Unresolved rg:reviewNote" in p for p in problems)
    assert any("rg:speaker" in p for p in problems)
    assert "# rg:speaker athlete:josh-kerr ;  (candidate)" in result.draft.read_text(encoding="utf-8")
    resolve_flags(result.draft)
    assert check(collect(None, [result.draft])) == []


def test_article_without_quotes_gives_an_empty_draft(tmp_path: Path, known: Knowledge) -> None:
    result = ingest(RECAP, dt.date(2024, 6, 13), known, drafts=tmp_path)
    quads = quads_of(result.draft)
    assert result.statements == 0 and objects(quads, RG.text) == []
    assert RG.Article.value in objects(quads, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))
    assert check(collect(None, [result.draft])) == []


def test_html_draft_stores_the_extracted_text(tmp_path: Path, known: Knowledge) -> None:
    result = ingest(NANJING, dt.date(2025, 3, 23), known, drafts=tmp_path)
    assert result.text_copy == result.draft.with_suffix(".txt")
    text = result.text_copy.read_text(encoding="utf-8")
    quads = quads_of(result.draft)
    assert objects(quads, RG.localCopy) and objects(quads, RG.localCopy)[0].endswith(result.text_copy.name)
    starts = {q.subject: int(q.object.value) for q in quads if q.predicate == RG.offsetStart}
    ends = {q.subject: int(q.object.value) for q in quads if q.predicate == RG.offsetEnd}
    for q in quads:
        if q.predicate == RG.text:
            assert text[starts[q.subject] : ends[q.subject]] == q.object.value
    assert "bislett-games-2025" in result.draft.read_text(encoding="utf-8"), "a new edition is declared"


def test_an_existing_draft_is_not_overwritten_without_force(tmp_path: Path, known: Knowledge) -> None:
    first = ingest(PARIS, dt.date(2024, 8, 8), known, drafts=tmp_path)
    first.draft.write_text("# reviewed by hand\n", encoding="utf-8")
    with pytest.raises(
        DraftExists, match="already exists: review or remove it, or give this option"
    ) as exists:
        ingest(PARIS, dt.date(2024, 8, 8), known, drafts=tmp_path)
    assert exists.value.options == ("force",)
    assert first.draft.read_text(encoding="utf-8") == "# reviewed by hand\n"
    ingest(PARIS, dt.date(2024, 8, 8), known, drafts=tmp_path, force=True)
    assert "rg:Statement" in first.draft.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.draft.name], "no temporary file left"


def test_duplicate_is_linked_in_the_draft(tmp_path: Path, known: Knowledge) -> None:
    result = ingest(ECHO, dt.date(2024, 3, 7), known, drafts=tmp_path)
    quads = quads_of(result.draft)
    assert objects(quads, RG.sameStatementAs) == [
        "https://w3id.org/rivalgraph/id/statement/2024-03-05-ingebrigtsen-achilles"
    ]
    assert len(objects(quads, RG.text)) == 1, "linked, not merged: the new report keeps its own node"


# -- acceptance ------------------------------------------------------------------------------


def test_accept_moves_a_valid_draft_into_the_graph(tmp_path: Path, known: Knowledge, curated: Path) -> None:
    draft = ingest(PARIS, dt.date(2024, 8, 8), known, drafts=tmp_path / "drafts").draft
    content = draft.read_text(encoding="utf-8")
    result = accept(draft, curated)
    assert result.target == curated / "articles" / draft.name
    assert result.target.read_text(encoding="utf-8") == content
    assert not draft.exists()
    assert check(collect(curated)) == []


def test_an_article_with_windows_line_ends_is_grounded_the_same_in_ingest_and_accept(
    tmp_path: Path, known: Knowledge, curated: Path
) -> None:
    article = tmp_path / "2024-08-08-paris-crlf.txt"
    article.write_bytes(PARIS.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    draft = ingest(article, dt.date(2024, 8, 8), known, drafts=tmp_path / "drafts").draft
    quads = quads_of(draft)
    text = article.read_bytes().decode("utf-8")
    starts, ends = objects(quads, RG.offsetStart), objects(quads, RG.offsetEnd)
    assert starts and "\r\n" in text[: int(max(starts, key=int))]  # offsets after a CR LF
    result = accept(draft, curated)
    assert result.target.exists() and len(starts) == len(ends)


def test_accept_refuses_unresolved_flags(tmp_path: Path, known: Knowledge, curated: Path) -> None:
    draft = ingest(BUDAPEST, dt.date(2023, 8, 24), known, drafts=tmp_path).draft
    with pytest.raises(AcceptRefused, match="1 review note to resolve"):
        accept(draft, curated)
    assert draft.exists() and not (curated / "articles" / draft.name).exists()


def test_accept_refuses_an_invalid_draft(tmp_path: Path, known: Knowledge, curated: Path) -> None:
    draft = ingest(PARIS, dt.date(2024, 8, 8), known, drafts=tmp_path).draft
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("rg:speechMode rg:DirectSpeech ;", "rg:speechMode rg:Shouting ;", 1))
    with pytest.raises(ValidationFailed, match="rg:Shouting|speechMode"):
        accept(draft, curated)
    draft.write_text(text.replace('rg:text "', 'rg:text "(edited) ', 1))
    with pytest.raises(AcceptRefused, match="not grounded"):
        accept(draft, curated)
    draft.write_text("graph:x { broken")
    with pytest.raises(InputError):
        accept(draft, curated)
    assert not (curated / "articles" / draft.name).exists()


def test_accept_never_overwrites_a_curated_file(tmp_path: Path, known: Knowledge, curated: Path) -> None:
    draft = ingest(PARIS, dt.date(2024, 8, 8), known, drafts=tmp_path).draft
    target = curated / "articles" / draft.name
    target.write_text("# curated by hand\n", encoding="utf-8")
    with pytest.raises(AcceptRefused, match="never overwritten"):
        accept(draft, curated)
    assert target.read_text(encoding="utf-8") == "# curated by hand\n"


def test_accept_refuses_an_article_already_curated(tmp_path: Path, known: Knowledge, curated: Path) -> None:
    draft = ingest(SEED, dt.date(2024, 3, 5), known, output=tmp_path / "seed-again.trig").draft
    with pytest.raises(AcceptRefused, match="already curated"):
        accept(draft, curated)


def draft_written_before_the_seed(tmp_path: Path, curated: Path) -> Path:
    without_seed = tmp_path / "without-seed"
    shutil.copytree(curated, without_seed)
    (without_seed / "articles" / SEED_FILE).unlink()
    known = Knowledge.from_quads(collect(without_seed).data_quads())
    return ingest(ECHO, dt.date(2024, 3, 7), known, drafts=tmp_path / "drafts").draft


def test_accept_refuses_events_the_graph_gained_meanwhile(tmp_path: Path, curated: Path) -> None:
    draft = draft_written_before_the_seed(tmp_path, curated)
    with pytest.raises(AcceptRefused, match="injury:jakob-ingebrigtsen-achilles-2024"):
        accept(draft, curated)


def test_accept_links_a_duplicate_the_draft_did_not_know(tmp_path: Path, curated: Path) -> None:
    draft = draft_written_before_the_seed(tmp_path, curated)
    text = draft.read_text(encoding="utf-8")
    assert "rg:sameStatementAs" not in text
    # The reviewer keeps only the statement (the injury is the seed's own, already curated).
    draft.write_text(text.split("    # Injuries")[0].rstrip() + "\n}\n", encoding="utf-8")
    result = accept(draft, curated)
    assert [old.rsplit("/", 1)[-1] for _, old in result.links] == ["2024-03-05-ingebrigtsen-achilles"]
    accepted = quads_of(result.target)
    assert objects(accepted, RG.sameStatementAs) == [result.links[0][1]]


def test_accept_moves_the_text_of_an_html_article(tmp_path: Path, known: Knowledge, curated: Path) -> None:
    result = ingest(NANJING, dt.date(2025, 3, 23), known, drafts=tmp_path / "drafts")
    resolve_flags(result.draft, "athlete:jakob-ingebrigtsen")
    accepted = accept(result.draft, curated)
    assert accepted.text_copy == accepted.target.with_suffix(".txt") and accepted.text_copy.is_file()
    assert objects(quads_of(accepted.target), RG.localCopy)[0].endswith(accepted.text_copy.name)
    assert not result.text_copy.exists()  # type: ignore[union-attr]


# -- the command line ---------------------------------------------------------------------------


def test_cli_ingest_then_accept(tmp_path: Path, curated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    out = runner.invoke(main, ["ingest", str(BUDAPEST), "--date", "2023-08-24", "--store", "none",
                               "--url", "https://example.org/kerr", "--outlet", "Example News",
                               "--graph", str(curated)])  # fmt: skip
    assert out.exit_code == 0, out.output
    draft = Path("drafts/2023-08-24-kerr-budapest-title.trig")
    assert f"wrote {draft}" in out.output and "1 item to review" in out.output
    assert "the Scot' is ambiguous" in out.output
    text = draft.read_text(encoding="utf-8")
    assert 'schema:url "https://example.org/kerr"^^xsd:anyURI' in text
    assert "rg:publisher outlet:example-news" in text
    again = runner.invoke(main, ["ingest", str(BUDAPEST), "--date", "2023-08-24", "--store", "none"])
    assert again.exit_code == 1 and "--force" in again.output
    refused = runner.invoke(main, ["ingest", "--accept", str(draft), "--graph", str(curated)])
    assert refused.exit_code == 1 and "review note" in refused.output
    resolve_flags(draft)
    accepted = runner.invoke(main, ["ingest", "--accept", str(draft), "--graph", str(curated)])
    assert accepted.exit_code == 0, accepted.output
    assert (curated / "articles" / draft.name).is_file()


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"", ["--date", "2024-01-01"], "the article is empty"),
        (b"\x00\x01\x02binary", ["--date", "2024-01-01"], "binary"),
        (b"Kerr said hello.", ["--date", "2024-13-01"], "YYYY-MM-DD"),
        (b"Kerr said hello.", [], "--date"),
        (b"Kerr said hello.", ["--date", "2024-01-01", "--url", "example.org"], "absolute URL"),
    ],
)
def test_cli_bad_input_is_a_clear_error(
    tmp_path: Path, content: bytes, args: list[str], message: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    out = CliRunner().invoke(main, ["ingest", str(article), "--store", str(tmp_path / "no-store"), *args])
    assert out.exit_code != 0 and message in out.output
    assert "Traceback" not in out.output


def test_a_draft_is_never_written_into_the_curated_folder(tmp_path: Path, curated: Path) -> None:
    target = curated / "articles" / "unreviewed.trig"
    before = sorted(p.name for p in (curated / "articles").iterdir())
    out = CliRunner().invoke(main, ["ingest", str(SEED), "--date", "2024-03-05", "--store",
                                    str(tmp_path / "no-store"), "--graph", str(curated), "-o", str(target)])  # fmt: skip
    assert out.exit_code == 1 and "is inside the curated graph folder" in out.output, out.output
    assert "--accept" in out.output and "Traceback" not in out.output
    assert sorted(p.name for p in (curated / "articles").iterdir()) == before
