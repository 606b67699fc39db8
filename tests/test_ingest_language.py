"""ingest.language: lingua over the press's languages, on short real-looking texts."""

from __future__ import annotations

import pytest

pytest.importorskip("lingua")

from rivalgraph.ingest.language import UNDETERMINED, detect_language  # noqa: E402

NORWEGIAN = (
    "Jakob Ingebrigtsen står over innendørs-VM i Glasgow. Sandnes-løperen sier til NRK at "
    "han har hatt problemer med akillesen siden januar, og at han heller vil være klar til "
    "sommeren og OL i Paris."
)
ENGLISH = (
    "Josh Kerr has ruled himself out of the Diamond League meeting in Oslo. The Scot told "
    "reporters that he would rather be fresh for the world championships in August."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (ENGLISH, "en"),
        (NORWEGIAN, "nb"),
        ("Der Norweger gewann das Rennen über 1500 Meter in Oslo deutlich.", "de"),
        ("Le Norvégien a remporté la course du 1500 mètres à Paris.", "fr"),
    ],
)
def test_detects_the_language(text: str, code: str) -> None:
    found, confidence = detect_language(text)
    assert found == code
    assert 0.5 < confidence <= 1.0


def test_nothing_to_judge() -> None:
    assert detect_language("") == (UNDETERMINED, 0.0)
    assert detect_language("3:26.73 – 3:27.79") == (UNDETERMINED, 0.0)
