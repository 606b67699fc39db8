"""Tell the language of an article's text (lingua), before it is parsed as English.

The detector knows a fixed set of languages, those of the athletics press the
graph reads: English, Norwegian (Bokmål ``"nb"`` and Nynorsk ``"nn"``),
German, French, Spanish, Italian, Dutch, Swedish, Danish, Portuguese, Finnish
and Polish.  It is built once, on first use, in lingua's high-accuracy mode.

The extraction rules read English only, so :func:`article_language` refuses
any other language before an article is parsed (:class:`NotEnglish`), unless
the caller says the article is English.

Examples
--------
>>> detect_language("Josh Kerr said he was ready for the final in Paris.")[0]
'en'
>>> detect_language("Jakob Ingebrigtsen sier at han er klar for finalen.")[0]
'nb'
>>> language_name("nb")
'Norwegian (Bokmål)'
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from rivalgraph.errors import RivalgraphError
from rivalgraph.sources import display_path

__all__ = [
    "LANGUAGES",
    "UNDETERMINED",
    "NotEnglish",
    "article_language",
    "detect_language",
    "detector",
    "language_name",
]

LANGUAGES = (
    Language.ENGLISH, Language.BOKMAL, Language.NYNORSK, Language.GERMAN, Language.FRENCH,
    Language.SPANISH, Language.ITALIAN, Language.DUTCH, Language.SWEDISH, Language.DANISH,
    Language.PORTUGUESE, Language.FINNISH, Language.POLISH,
)  # fmt: skip

#: ISO 639-2 code returned for text with no letters to judge by.
UNDETERMINED = "und"

_NAMES = {"nb": "Norwegian (Bokmål)", "nn": "Norwegian (Nynorsk)", UNDETERMINED: "undetermined"}


class NotEnglish(RivalgraphError):
    """The article is not in English (or its language cannot be told), so it is not extracted."""

    def __init__(self, message: str, language: str, *, options: tuple[str, ...] = ()) -> None:
        super().__init__(message, options=options)
        #: The detected language's ISO 639-1 code (``"und"`` when none could be told).
        self.language = language


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


def language_name(code: str) -> str:
    """Name a language code of :func:`detect_language` in English words.

    Examples
    --------
    >>> language_name("nl"), language_name("nn"), language_name("und")
    ('Dutch', 'Norwegian (Nynorsk)', 'undetermined')
    """
    if code in _NAMES:
        return _NAMES[code]
    known = {language.iso_code_639_1.name.lower(): language for language in LANGUAGES}
    return known[code].name.capitalize() if code in known else code


def article_language(text: str, path: Path, declared: str | None = None) -> str:
    """Return the language code to record for an article; refuse one the rules cannot read.

    Parameters
    ----------
    text : str
        The article's text.
    path : Path
        Its file, named in the error.
    declared : str, optional
        The language the caller vouches for (``--language en``): not detected, taken as is.

    Raises
    ------
    NotEnglish
        The detector finds another language, or cannot tell the language of a
        text that has letters.

    Examples
    --------
    >>> article_language("Kerr said he was ready for the final in Paris.", Path("a.txt"))
    'en'
    >>> article_language("3:26.73", Path("a.txt"))
    'und'
    >>> article_language("Kerr sier at han er klar.", Path("a.txt"), declared="en")
    'en'
    """
    if declared is not None:
        return declared
    code, confidence = detect_language(text)
    if code == "en" or (code == UNDETERMINED and not re.search(r"[^\W\d_]", text)):
        return code
    raise NotEnglish(
        f"{display_path(path)} reads as {language_name(code)}, confidence {confidence:.2f}: "
        "the extraction rules are English-only, so nothing was extracted "
        "(declare the language 'en' if the article is in English)",
        code,
        options=("language",),
    )
