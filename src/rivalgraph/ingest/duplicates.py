"""Recognise a statement the graph already holds from another source.

Two statements are the same when the same speaker is credited with the same
words: compared after folding case, accents, quotation marks, apostrophes,
dashes and spaces, and ignoring punctuation at either end (one outlet ends a
quote with a comma where another ends it with a full stop).  The new one is
then linked with ``rg:sameStatementAs``, not merged: each report keeps its
own source, date and offsets.

Examples
--------
>>> normalise("I don’t want to take any risks,") == normalise('i don\\'t want to take any  risks.')
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rivalgraph.ingest.knowledge import KnownStatement
from rivalgraph.slugs import fold_name

__all__ = ["normalise", "same_statements"]

_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"})


def normalise(text: str) -> str:
    """Fold a statement's words for comparison."""
    folded = fold_name(text.translate(_MARKS))
    return re.sub(r"^[\W_]+|[\W_]+$", "", folded)


def same_statements(
    speaker: str, text: str, known: Iterable[KnownStatement], exclude_graph: str | None = None
) -> list[str]:
    """Return the IRIs of known statements by ``speaker`` with the same words."""
    key = normalise(text)
    return sorted(
        {
            statement.iri
            for statement in known
            if statement.speaker == speaker
            and statement.graph != exclude_graph
            and normalise(statement.text) == key
        }
    )
