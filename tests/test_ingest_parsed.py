"""ingest.parsed: statements from spaCy's dependency parse, with the real small English model."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from rivalgraph.ingest.parsed import MODEL, ParsedStatement, find_parsed  # noqa: E402

try:
    import importlib

    importlib.import_module(MODEL)
except ImportError:  # pragma: no cover - the model wheel is installed by `make install`
    pytest.skip(f"the spaCy model package {MODEL} is not installed", allow_module_level=True)


def said(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(statement, mode, speaker, cue) of each statement found, with the offsets checked."""
    rows = []
    for s in find_parsed(text):
        assert isinstance(s, ParsedStatement)
        if s.speaker is not None:
            assert s.speaker_start is not None and s.speaker_end is not None
            assert text[s.speaker_start : s.speaker_end] == s.speaker
        rows.append((text[s.start : s.end], s.mode, s.speaker, s.cue))
    return rows


def test_quote_split_by_the_cue() -> None:
    text = "“I knew I had one more gear left,” Hocker told reporters, “and I used it on the last bend.”"
    assert said(text) == [
        ("I knew I had one more gear left,", "direct", "Hocker", "tell"),
        ("and I used it on the last bend.", "direct", "Hocker", "tell"),
    ]


def test_quote_after_the_cue_sentence_and_before_it() -> None:
    text = (
        'Ingebrigtsen was gracious. "He had a good day and I did not," the Norwegian told NRK. '
        '"I will be back next year."\n\nNuguse replied a day later: “I have raced him.”'
    )
    assert said(text) == [
        ("He had a good day and I did not,", "direct", "the Norwegian", "tell"),
        ("I will be back next year.", "direct", "the Norwegian", "tell"),
        ("I have raced him.", "direct", "Nuguse", "reply"),
    ]


def test_quote_continued_over_paragraphs() -> None:
    text = (
        "“It has been a hard winter,” said Jakob Ingebrigtsen. “The Achilles has not let me train "
        "the way I want.\n\n“So I will skip Glasgow and start the season in Eugene.”"
    )
    rows = said(text)
    assert [row[0] for row in rows] == [
        "It has been a hard winter,",
        "The Achilles has not let me train the way I want.",
        "So I will skip Glasgow and start the season in Eugene.",
    ]
    assert {row[2] for row in rows} == {"Jakob Ingebrigtsen"}


def test_single_curly_quotes_as_primary_quotes() -> None:
    text = "‘It is good for the sport,’ Wightman told Athletics Weekly. ‘We need more of this.’ He’s right."
    assert said(text) == [
        ("It is good for the sport,", "direct", "Wightman", "tell"),
        ("We need more of this.", "direct", "Wightman", "tell"),
    ]


def test_reported_speech_without_that_and_with_it() -> None:
    text = (
        "Josh Kerr said Jakob Ingebrigtsen was beatable over 1500m. "
        "The Portuguese insisted that Hocker had been the favourite all along."
    )
    assert said(text) == [
        ("Jakob Ingebrigtsen was beatable over 1500m", "reported", "Josh Kerr", "say"),
        ("Hocker had been the favourite all along", "reported", "The Portuguese", "insist"),
    ]


def test_pronoun_speaker_and_mixed_quote() -> None:
    text = 'Kerr was asked about the final. He admitted he was "gutted" to miss out on gold.'
    assert said(text) == [('he was "gutted" to miss out on gold', "reported", "He", "admit")]


def test_phrasal_cue_hit_back() -> None:
    text = "The Scot hit back on social media: “Fourth is fourth. I will see him again in Lausanne.”"
    assert said(text) == [
        ("Fourth is fourth. I will see him again in Lausanne.", "direct", "The Scot", "hit back"),
    ]


def test_long_quote_without_cue_is_kept_without_speaker_short_one_dropped() -> None:
    text = 'The crowd chanted "one more lap for the champion" all evening. It was "fine".'
    assert said(text) == [("one more lap for the champion", "direct", None, None)]


def test_speech_verbs_inside_quotes_are_not_cues() -> None:
    text = "“When he said I could be beaten, I wrote that word on my wall,” Hocker said."
    assert said(text) == [
        ("When he said I could be beaten, I wrote that word on my wall,", "direct", "Hocker", "say"),
    ]


def test_no_speech() -> None:
    assert find_parsed("Kerr won the race in 3:27.79. Ingebrigtsen was fourth.") == []
