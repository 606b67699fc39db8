"""Stable, readable identifiers for athletes, competitions, races and sources.

The same person is written many ways ("Samuel Pihlström", "Samuel PIHLSTROM").
:func:`fold_name` reduces a name to the key that decides identity and
:func:`slug` turns any label into the last segment of an IRI.

Examples
--------
>>> slug("Samuel Pihlström")
'samuel-pihlstrom'
>>> slug("Jakob INGEBRIGTSEN") == slug("Jakob Ingebrigtsen")
True
>>> fold_name("  Elzan  Bibić ")
'elzan bibic'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from anyascii import anyascii

__all__ = ["fold_name", "slug"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def fold_name(name: str) -> str:
    """Fold a name to lower-case ASCII with single spaces: the identity key.

    Parameters
    ----------
    name : str
        A person's or a thing's name as written in a source.

    Returns
    -------
    str
        The name without accents, case or repeated spaces.

    Examples
    --------
    >>> fold_name("Adrián BEN")
    'adrian ben'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_only = ascii_only.replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l")
    return _SPACES.sub(" ", ascii_only).strip().lower()


def slug(text: str) -> str:
    """Turn a label into an IRI segment: folded, with ``-`` between words.

    Examples
    --------
    >>> slug("World Athletics Indoor Championships")
    'world-athletics-indoor-championships'
    >>> slug("Narve Gilje Nordås")
    'narve-gilje-nordas'

    Text in another script is transliterated, and text with no letter or digit at
    all gets a stable hash, so that no two different labels share the empty slug:

    >>> slug("Сергей Бубка"), slug("—")
    ('sergey-bubka', 'x-1b93795b9768')
    """
    made = _NON_ALNUM.sub("-", fold_name(text)).strip("-")
    if made or not text.strip():
        return made
    # Only where folding leaves nothing, so that every slug made before stays as it was.
    spelled = _NON_ALNUM.sub("-", anyascii(unicodedata.normalize("NFKC", text)).lower()).strip("-")
    return spelled or "x-" + hashlib.sha1(text.strip().encode()).hexdigest()[:12]
