"""Tell the language of an article's text (lingua), before it is parsed as English.

The detector knows a fixed set of languages, those of the athletics press the
graph reads: English, Norwegian (Bokmål ``"nb"`` and Nynorsk ``"nn"``),
German, French, Spanish, Italian, Dutch, Swedish, Danish, Portuguese, Finnish
and Polish.  It is built once, on first use, in lingua's high-accuracy mode.

Examples
--------
>>> detect_language("Josh Kerr said he was ready for the final in Paris.")[0]
'en'
>>> detect_language("Jakob Ingebrigtsen sier at han er klar for finalen.")[0]
'nb'
"""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

__all__ = ["LANGUAGES", "UNDETERMINED", "detect_language", "detector"]

LANGUAGES = (
    Language.ENGLISH, Language.BOKMAL, Language.NYNORSK, Language.GERMAN, Language.FRENCH,
    Language.SPANISH, Language.ITALIAN, Language.DUTCH, Language.SWEDISH, Language.DANISH,
    Language.PORTUGUESE, Language.FINNISH, Language.POLISH,
)  # fmt: skip

#: ISO 639-2 code returned for text with no letters to judge by.
UNDETERMINED = "und"


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """Build the detector once (its language models load lazily, per language, on first need).

    Examples
    --------
    >>> detector() is detector()
    True
    """
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def detect_language(text: str) -> tuple[str, float]:
    """Return the most likely language of ``text`` and lingua's confidence in it.

    Parameters
    ----------
    text : str
        Any text; a sentence or more gives a reliable answer.

    Returns
    -------
    tuple of (str, float)
        The ISO 639-1 code in lower case (``"en"``, ``"nb"``, ``"nn"``, ...) and a
        confidence between 0 and 1 (the detector's confidences over all its
        languages add up to 1).  ``("und", 0.0)`` when there is nothing to judge.

    Examples
    --------
    >>> code, confidence = detect_language("Der Norweger gewann das Rennen in Oslo.")
    >>> code, confidence > 0.5
    ('de', True)
    >>> detect_language("3:26.73 - 3:27.79")
    ('und', 0.0)
    """
    values = detector().compute_language_confidence_values(text)
    if not values or values[0].value == 0.0:
        return UNDETERMINED, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), best.value
