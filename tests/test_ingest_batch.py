"""ingest.batch and the language check: a folder of articles, a non-English one, empty drafts."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from rivalgraph.build import check, collect
from rivalgraph.cli import main
from rivalgraph.errors import InputError
from rivalgraph.ingest.accept import AcceptRefused, accept
from rivalgraph.ingest.batch import article_dates, ingest_folder, summary_table
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.language import NotEnglish
from rivalgraph.ingest.pipeline import ingest
from rivalgraph.resources import graph_dir

pytest.importorskip("lingua")

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
PARIS = ARTICLES / "2024-08-08-hocker-paris-gold.txt"
BUDAPEST = ARTICLES / "2023-08-24-kerr-budapest-title.txt"
RECAP = ARTICLES / "2024-06-13-european-1500m-recap.txt"
NORWEGIAN = ARTICLES / "gold" / "2023-08-29-no-henrik-ingebrigtsen-kerr.txt"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """Two English articles and a Norwegian one, named as the gold set names them."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for source in (PARIS, BUDAPEST, NORWEGIAN):
        shutil.copy(source, articles / source.name)
    (articles / "notes.md").write_text("not an article", encoding="utf-8")
    return articles


def test_a_norwegian_article_is_refused_naming_its_language(tmp_path: Path, known: Knowledge) -> None:
    with pytest.raises(
        NotEnglish, match=r"Norwegian \(Bokmål\), confidence 1\.00.*declare the language 'en'"
    ) as refused:
        ingest(NORWEGIAN, dt.date(2023, 8, 29), known, drafts=tmp_path)
    assert refused.value.options == ("language",)
    assert not list(tmp_path.iterdir()), "nothing is written"


def test_language_en_overrides_and_is_recorded(tmp_path: Path, known: Knowledge) -> None:
    result = ingest(NORWEGIAN, dt.date(2023, 8, 29), known, drafts=tmp_path, language="en")
    assert result.language == "en"
    assert 'schema:inLanguage "en"' in result.draft.read_text(encoding="utf-8")


def test_an_english_draft_records_its_language_and_passes_the_shapes(
    tmp_path: Path, known: Knowledge
) -> None:
    result = ingest(PARIS, dt.date(2024, 8, 8), known, drafts=tmp_path)
    assert result.language == "en" and (result.statements, result.replies) == (8, 2)
    assert 'schema:inLanguage "en"' in result.draft.read_text(encoding="utf-8")
    assert check(collect(None, [result.draft])) == []


def test_a_folder_gives_one_draft_per_english_article(tmp_path: Path, folder: Path, known: Knowledge) -> None:
    rows = ingest_folder(folder, known, drafts=tmp_path / "drafts")
    assert [row.article.name for row in rows] == sorted(p.name for p in (PARIS, BUDAPEST, NORWEGIAN))
    assert [row.written for row in rows] == [True, False, True]
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == [
        "2023-08-24-kerr-budapest-title.trig", "2024-08-08-hocker-paris-gold.trig"]  # fmt: skip
    budapest = rows[0].result
    assert budapest is not None and (budapest.unresolved, len(budapest.flags)) == (1, 1)
    table = summary_table(rows).splitlines()
    assert table[0].split("  ")[0] == "article" and len(table) == 4
    assert "skipped:" in table[2] and "Norwegian (Bokmål)" in table[2]
    assert rows[1].language == "nb" and " nb " in table[2]


def test_an_existing_draft_skips_its_article_not_the_others(
    tmp_path: Path, folder: Path, known: Knowledge
) -> None:
    drafts = tmp_path / "drafts"
    ingest(PARIS, dt.date(2024, 8, 8), known, drafts=drafts)
    rows = ingest_folder(folder, known, drafts=drafts)
    assert [row.written for row in rows] == [True, False, False]
    assert (
        "already exists" in rows[2].status
        and rows[2].error is not None
        and rows[2].error.options == ("force",)
    )
    assert "skipped: --force: " in summary_table(
        rows, lambda error: f"--{error.options[0]}: {error.detail()}"
    )
    assert [row.written for row in ingest_folder(folder, known, drafts=drafts, force=True)] == [
        True, False, True]  # fmt: skip


def test_dates_come_from_file_names_else_the_default() -> None:
    files = [Path("2024-08-08-paris.txt"), Path("recap.txt")]
    assert article_dates(files, dt.date(2024, 6, 13)) == [dt.date(2024, 8, 8), dt.date(2024, 6, 13)]
    with pytest.raises(InputError, match="recap.txt"):
        article_dates(files, None)
    with pytest.raises(InputError, match="2024-13-01"):
        article_dates([Path("2024-13-01-bad.txt")], None)


# -- the command line ---------------------------------------------------------------------------


def test_cli_folder_writes_drafts_skips_norwegian_and_exits_non_zero(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["ingest", str(folder), "--store", "none"])
    assert out.exit_code == 1, out.output
    assert "drafts/2024-08-08-hocker-paris-gold.trig" in out.output
    assert "drafts/2023-08-24-kerr-budapest-title.trig" in out.output
    assert "skipped:" in out.output and "Norwegian (Bokmål)" in out.output
    assert "1 of 3 articles skipped" in out.output
    assert "Traceback" not in out.output
    assert len(list(Path("drafts").glob("*.trig"))) == 2


def test_cli_folder_with_language_en_writes_every_draft(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["ingest", str(folder), "--store", "none", "--language", "en"])
    assert out.exit_code == 0, out.output
    assert "skipped" not in out.output
    assert Path("drafts/2023-08-29-no-henrik-ingebrigtsen-kerr.trig").is_file()


def test_cli_folder_dates_undated_files_with_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    articles = tmp_path / "in"
    articles.mkdir()
    shutil.copy(PARIS, articles / "2024-08-08-paris.txt")
    shutil.copy(RECAP, articles / "recap.txt")
    refused = CliRunner().invoke(main, ["ingest", str(articles), "--store", "none"])
    assert refused.exit_code != 0 and "recap.txt" in refused.output and "--date" in refused.output
    assert not Path("drafts").exists(), "nothing is ingested when a file cannot be dated"
    out = CliRunner().invoke(main, ["ingest", str(articles), "--store", "none", "--date", "2024-06-13"])
    assert out.exit_code == 0, out.output
    assert sorted(p.name for p in Path("drafts").iterdir()) == ["2024-06-13-recap.trig",
                                                                 "2024-08-08-paris.trig"]  # fmt: skip


@pytest.mark.parametrize(
    "option", [["--url", "https://example.org/a"], ["--outlet", "NRK"], ["--output", "one.trig"]]
)
def test_cli_folder_refuses_single_article_options(folder: Path, option: list[str]) -> None:
    out = CliRunner().invoke(main, ["ingest", str(folder), "--store", "none", *option])
    assert out.exit_code == 2 and option[0] in out.output and "single article" in out.output


def test_cli_single_norwegian_article_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["ingest", str(NORWEGIAN), "--date", "2023-08-29",
                                    "--store", "none"])  # fmt: skip
    assert out.exit_code == 1 and "Norwegian (Bokmål)" in out.output and "English-only" in out.output
    assert "--language: " in out.output
    assert "Traceback" not in out.output


# -- accepting an empty draft -------------------------------------------------------------------


def test_empty_draft_is_refused_unless_allowed(
    tmp_path: Path, known: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    curated = tmp_path / "graph"
    shutil.copytree(graph_dir(), curated)
    draft = ingest(RECAP, dt.date(2024, 6, 13), known, drafts=tmp_path / "drafts").draft
    with pytest.raises(AcceptRefused, match="no statements and no events.*give this option to accept"):
        accept(draft, curated, keep_draft=True)
    runner = CliRunner()
    refused = runner.invoke(main, ["ingest", "--accept", str(draft), "--graph", str(curated)])
    assert refused.exit_code == 1 and "--allow-empty" in refused.output
    accepted = runner.invoke(
        main, ["ingest", "--accept", str(draft), "--graph", str(curated), "--allow-empty"]
    )
    assert accepted.exit_code == 0, accepted.output
    assert (curated / "articles" / draft.name).is_file()
    assert "run `rivalgraph build`" in accepted.output
