"""Extraction from articles: quotes, speakers, media, responses and events (rivalgraph.ingest)."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from rivalgraph.ingest.draft import Extraction
from rivalgraph.ingest.evaluate import evaluate, load_annotation, score
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.pipeline import extract
from rivalgraph.ingest.text import MAX_ARTICLE_BYTES, ArticleError, read_article

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
SEED_ANNOTATION = ARTICLES / "seed-2024-03-05-ingebrigtsen-skips-world-indoors.json"
ANNOTATIONS = sorted(ARTICLES.glob("*.json"))
GOLD = sorted((ARTICLES / "gold").glob("*.json"))


def extracted(name: str, known: Knowledge) -> tuple[Extraction, dict[str, dict[str, object]]]:
    annotation = load_annotation(ARTICLES / name)
    extraction = extract(read_article(annotation.article), annotation.date, known)
    return extraction, {str(g["key"]): g for g in annotation.statements}


def found_at(extraction: Extraction, gold: dict[str, object]):  # type: ignore[no-untyped-def]
    matches = [s for s in extraction.statements if (s.start, s.end) == (gold["start"], gold["end"])]
    assert matches, f"no statement found at {gold['start']}:{gold['end']} ({gold['text']!r})"
    return matches[0]


def test_annotations_exist() -> None:
    assert len(ANNOTATIONS) >= 7, "the seed and at least six synthetic articles are annotated"


@pytest.mark.parametrize("path", ANNOTATIONS + GOLD, ids=lambda p: p.stem)
def test_every_annotation_is_verbatim_at_its_offsets(path: Path) -> None:
    annotation = load_annotation(path)
    text = read_article(annotation.article).text
    raw = html.unescape(annotation.article.read_text(encoding="utf-8"))
    for gold in annotation.statements:
        start, end = int(gold["start"]), int(gold["end"])  # type: ignore[call-overload]
        assert text[start:end] == gold["text"], f"{path.name} {gold['key']}"
        assert str(gold["text"]) in raw, f"{path.name} {gold['key']} is not in the file itself"


def test_synthetic_articles_say_they_are_synthetic() -> None:
    invented = [*ARTICLES.glob("*.txt"), *ARTICLES.glob("*.html"), *ARTICLES.glob("duplicates/*.txt")]
    for path in invented:
        assert "SYNTHETIC TEST ARTICLE" in path.read_text(encoding="utf-8")[:400], path.name


# -- the seed article -----------------------------------------------------------


def test_seed_article_all_statements_with_speakers_modes_and_outlets(known: Knowledge) -> None:
    extraction, gold = extracted(SEED_ANNOTATION.name, known)
    assert len(extraction.statements) == len(gold) == 9
    for key, expected in gold.items():
        statement = found_at(extraction, expected)
        assert statement.text == expected["text"], key
        assert statement.speaker and statement.speaker.endswith("/" + str(expected["speaker"])), key
        assert statement.mode == expected["mode"], key
        assert sorted(o.slug for o in statement.given) == expected["given_to"], key
        assert sorted(o.slug for o in statement.relayed) == expected["relayed_by"], key
        assert not statement.flags, key


@pytest.mark.parametrize(
    ("fragment", "speaker", "given", "relayed"),
    [
        ("I suffered a bit with my Achilles tendon", "jakob-ingebrigtsen", ["norwegian-media"], ["barrons"]),
        ("I love competition but sometimes", "jakob-ingebrigtsen", ["norwegian-media"], ["barrons"]),
        ("For me, it's the European and Olympic medals", "jakob-ingebrigtsen", ["norwegian-media"], ["barrons"]),
        ('beaten Kerr in the two-mile "blindfolded"', "jakob-ingebrigtsen", [], ["running-magazine"]),
        ("I have a lot of respect for him", "josh-kerr", [], ["european-athletics"]),
        ("I haven’t spent that many calories", "jakob-ingebrigtsen", ["nrk"], []),
        ("Plan A is to begin the season in Eugene", "jakob-ingebrigtsen", ["nrk"], []),
    ],
)  # fmt: skip
def test_seed_article_the_six_quotes_of_the_issue(
    known: Knowledge, fragment: str, speaker: str, given: list[str], relayed: list[str]
) -> None:
    extraction, _ = extracted(SEED_ANNOTATION.name, known)
    statement = next(s for s in extraction.statements if fragment in s.text)
    assert statement.speaker == f"https://w3id.org/rivalgraph/id/athlete/{speaker}"
    assert [o.slug for o in statement.given] == given
    assert [o.slug for o in statement.relayed] == relayed


def test_seed_article_response_chain(known: Knowledge) -> None:
    extraction, gold = extracted(SEED_ANNOTATION.name, known)
    statements = extraction.statements
    blindfolded = found_at(extraction, gold["2024-03-05-ingebrigtsen-blindfolded"])
    respect = found_at(extraction, gold["2024-03-05-kerr-respect"])
    calories = found_at(extraction, gold["2024-03-05-ingebrigtsen-calories"])
    assert statements[respect.responds_to] is blindfolded
    assert statements[calories.responds_to] is respect
    responses = [s for s in statements if s.responds_to is not None]
    assert responses == [respect, calories], "exactly the two responses of the article"


def test_seed_article_misspelling_and_description(known: Knowledge) -> None:
    extraction, _ = extracted(SEED_ANNOTATION.name, known)
    achilles = next(s for s in extraction.statements if "Achilles tendon" in s.text)
    assert any("Ingebrigsten" in c for c in achilles.comments), "the misspelling is noted, not flagged"
    described = [m for m in extraction.refs.mentions if m.surface == "The 23-year-old gold medalist"]
    assert described and described[0].athlete.endswith("/jakob-ingebrigtsen")  # type: ignore[union-attr]


def test_seed_article_stated_on_saturday(known: Knowledge) -> None:
    extraction, _ = extracted(SEED_ANNOTATION.name, known)
    assert str(extraction.statements[0].stated_on) == "2024-03-02"


def test_seed_article_events_match_the_curated_graph(known: Knowledge) -> None:
    extraction, _ = extracted(SEED_ANNOTATION.name, known)
    events = extraction.events
    assert set(events.injuries) == {
        "jakob-ingebrigtsen-achilles-2024",
        "jakob-ingebrigtsen-foot-2024",
    }
    assert events.injuries["jakob-ingebrigtsen-achilles-2024"].body_part == "Achilles tendon"
    assert set(events.withdrawals) == {
        "jakob-ingebrigtsen-world-indoor-championships-2024",
        "jakob-ingebrigtsen-european-cross-country-championships-2023",
    }
    wic = events.withdrawals["jakob-ingebrigtsen-world-indoor-championships-2024"]
    assert "due to an Achilles ligament issue that disturbed his training plan" in wic.reason_texts
    plans = {key: (str(a.first), str(a.last) if a.last else None, a.tentative)
             for key, a in events.appearances.items()}  # fmt: skip
    assert plans == {
        "jakob-ingebrigtsen-prefontaine-classic-2024": ("2024-05-25", None, False),
        "jakob-ingebrigtsen-bislett-games-2024": ("2024-05-30", None, False),
        "jakob-ingebrigtsen-european-championships-2024": ("2024-06-07", "2024-06-12", False),
        "jakob-ingebrigtsen-norwegian-championships-2024": ("2024-06-28", None, False),
        "jakob-ingebrigtsen-herculis-2024": ("2024-07-12", None, True),
        "jakob-ingebrigtsen-olympic-games-2024": ("2024-08-01", "2024-08-31", False),
    }
    assert {iri.rsplit("/", 1)[-1] for iri in events.titles} == {
        "olympic-games-2021-1500m", "world-championships-2022-5000m",
        "world-championships-2023-5000m", "world-championships-2023-1500m",
    }  # fmt: skip


# -- quotation styles ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key", "why"),
    [
        ("2024-08-08-hocker-paris-gold.json", "q2", "curly quotes, first half of a split quote"),
        ("2024-08-08-hocker-paris-gold.json", "q3", "second half of a split quote"),
        ("2024-08-08-hocker-paris-gold.json", "q5", "nested curly single quotes"),
        ("2023-08-24-kerr-budapest-title.json", "q1", "straight quotes"),
        ("2023-08-24-kerr-budapest-title.json", "q2", "straight split quote"),
        ("2023-08-24-kerr-budapest-title.json", "q8", "nested straight single quotes"),
        ("2023-08-24-kerr-budapest-title.json", "q6", "reported speech holding short quotes"),
        ("2025-03-23-ingebrigtsen-nanjing-double.json", "q1", "HTML entities for quotes"),
        ("2025-03-23-ingebrigtsen-nanjing-double.json", "q5", "quote inside <em>"),
    ],
)  # fmt: skip
def test_quotation_styles(known: Knowledge, name: str, key: str, why: str) -> None:
    extraction, gold = extracted(name, known)
    statement = found_at(extraction, gold[key])
    assert statement.text == gold[key]["text"], why
    assert statement.speaker and statement.speaker.endswith("/" + str(gold[key]["speaker"])), why


def test_short_quotes_inside_a_sentence_are_not_statements(known: Knowledge) -> None:
    extraction, _ = extracted("2023-08-24-kerr-budapest-title.json", known)
    assert not [s for s in extraction.statements if s.text in ("gutted", "proud", "a good day")]


@pytest.mark.parametrize(
    ("name", "key", "surface"),
    [
        ("2024-08-08-hocker-paris-gold.json", "q4", "he"),
        ("2024-08-08-hocker-paris-gold.json", "q7", "The Scot"),
        ("2024-08-08-hocker-paris-gold.json", "q8", "the American"),
        ("2023-08-24-kerr-budapest-title.json", "q6", "The Briton"),
        ("2025-09-21-hocker-tokyo-5000m.json", "q2", "The Portuguese"),
    ],
)  # fmt: skip
def test_pronoun_and_descriptive_speakers(known: Knowledge, name: str, key: str, surface: str) -> None:
    extraction, gold = extracted(name, known)
    statement = found_at(extraction, gold[key])
    assert statement.cue is not None and statement.cue.speaker is not None
    assert statement.cue.speaker.mention is not None
    assert statement.cue.speaker.mention.surface == surface
    assert statement.speaker and statement.speaker.endswith("/" + str(gold[key]["speaker"]))


@pytest.mark.parametrize(
    ("name", "key", "reason"),
    [
        ("2023-08-24-kerr-budapest-title.json", "q9", "ambiguous"),
        ("2024-02-05-nuguse-outdoor-plans.json", "q7", "not an athlete of the graph"),
        ("2024-02-05-nuguse-outdoor-plans.json", "q8", "may be any of"),
        ("2025-03-23-ingebrigtsen-nanjing-double.json", "q3", "ambiguous"),
    ],
)  # fmt: skip
def test_unresolved_or_ambiguous_speakers_are_flagged_not_guessed(
    known: Knowledge, name: str, key: str, reason: str
) -> None:
    extraction, gold = extracted(name, known)
    statement = found_at(extraction, gold[key])
    assert statement.speaker is None
    assert any(reason in flag for flag in statement.flags), statement.flags


def test_a_person_who_is_not_an_athlete_is_a_person_with_a_role(known: Knowledge) -> None:
    extraction, gold = extracted("2023-08-24-kerr-budapest-title.json", known)
    statement = found_at(extraction, gold["q10"])  # "Ingebrigtsen's father Gjert said of the result:"
    assert (statement.speaker, statement.speaker_name, statement.speaker_role) == (None, "Gjert", "family")
    assert not statement.flags, "a role word says it is not an athlete: nothing to decide"


def test_ambiguous_surname_lists_its_candidates(known: Knowledge) -> None:
    extraction, gold = extracted("2024-02-05-nuguse-outdoor-plans.json", known)
    statement = found_at(extraction, gold["q8"])
    candidates = " ".join(statement.comments)
    assert "timothy-cheruiyot" in candidates and "reynold-cheruiyot" in candidates


def test_media_settings_without_outlets(known: Knowledge) -> None:
    extraction, gold = extracted("2024-08-08-hocker-paris-gold.json", known)
    mixed_zone = found_at(extraction, gold["q2"])
    assert mixed_zone.note == "told reporters in the mixed zone"
    assert not mixed_zone.given and not mixed_zone.relayed


@pytest.mark.parametrize(
    ("name", "cue"),
    [
        ("2024-08-08-hocker-paris-gold.json", "fired back / shot back"),
        ("2023-08-24-kerr-budapest-title.json", "replied, with a quoted fragment"),
        ("2024-02-05-nuguse-outdoor-plans.json", "replied"),
        ("2025-03-23-ingebrigtsen-nanjing-double.json", "responded to Kerr's claim"),
        ("2025-09-21-hocker-tokyo-5000m.json", "hit back / said of Kerr's comments"),
    ],
)  # fmt: skip
def test_response_links(known: Knowledge, name: str, cue: str) -> None:
    extraction, gold = extracted(name, known)
    scores = score(extraction, gold.values(), name).counts["responses"]
    assert (scores.fp, scores.fn) == (0, 0), cue


def test_article_without_quotes_has_no_statements(known: Knowledge) -> None:
    extraction, _ = extracted("2024-06-13-european-1500m-recap.json", known)
    assert extraction.statements == []


# -- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n \t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Kerr said “fine”.".encode("latin-1", "replace") + b"\xe9\xff", "not UTF-8"),
        (b"<html><body><script>x()</script></body></html>", "no readable text"),
    ],
)
def test_unreadable_articles_give_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message) as error:
        read_article(path)
    assert "article.txt" in str(error.value)


def test_the_gold_set_is_real_news_with_a_held_out_part() -> None:
    gold = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD]
    english = [g for g in gold if g["language"] == "en"]
    assert len(english) >= 25 and all(g["real"] and g["url"].startswith("https://") for g in gold)
    assert 0.3 <= sum(g["frozen"] for g in english) / len(english) <= 0.6
    assert {s for g in english for s in g["sexes"]} >= {"men", "women"}
    assert any(g["language"] != "en" for g in gold), "a non-English article tests the language check"


def test_an_article_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:  # sparse: the size is there, the bytes are not written
        stream.truncate(MAX_ARTICLE_BYTES + 1)
    with pytest.raises(ArticleError, match=r"huge\.txt.*over the 8 MiB.*split it") as error:
        read_article(path)
    assert error.value.file.endswith("huge.txt")
    path.write_bytes(b'Kerr said: "Fine."\n' * 1000)
    assert read_article(path).text.startswith("Kerr said")


def test_missing_article(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="cannot read"):
        read_article(tmp_path / "nowhere.txt")


# -- measurement ---------------------------------------------------------------------------


def test_quality_on_the_seed_article_is_perfect(known: Knowledge) -> None:
    seed = evaluate([SEED_ANNOTATION], known)[0].counts
    for category in ("quotes", "speakers", "responses", "outlets"):
        assert (seed[category].precision, seed[category].recall) == (1.0, 1.0), category


def test_quality_table_covers_every_annotated_article(known: Knowledge) -> None:
    rows = evaluate(ANNOTATIONS, known)
    assert len(rows) == len(ANNOTATIONS) + 1 and rows[-1].name == "all"
    total = rows[-1].counts
    gold_statements = sum(len(json.loads(p.read_text())["statements"]) for p in ANNOTATIONS)
    assert total["quotes"].tp + total["quotes"].fn == gold_statements
    assert total["speakers"].precision == 1.0, "a speaker is flagged rather than guessed wrong"
