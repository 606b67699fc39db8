"""Find reported speech: "X stated on Saturday that he will skip ...".

A reporting verb (said, stated, claimed, boasted, insisted ...) outside any
quotation, with its speaker right before it, followed by ``that`` (after at
most a few words such as "on Saturday" or "to NRK") or directly by a clause
that starts with a pronoun, a determiner or a name and holds a finite verb.
The statement's text is the clause, up to the end of the sentence, without
the closing full stop and without a trailing medium such as
"(via Running Magazine)" or ", according to NRK".

Examples
--------
>>> import re
>>> bool(_THAT.match(" on Saturday that he will skip"))
True
>>> _trim("he could win (via Running Magazine).")
'he could win'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rivalgraph.ingest.attribution import Speaker, speaker_before
from rivalgraph.ingest.references import References

__all__ = ["Reported", "find_reported"]

_VERB = re.compile(
    r"\b(?:said|says|stated|states|claimed|claims|boasted|boasts|insisted|insists|admitted|admits|"
    r"revealed|reveals|confirmed|confirms|announced|announces|explained|warned|argued|suggested|"
    r"conceded|maintained|noted|added|adding|acknowledged|acknowledges|believes|believed|"
    r"reckons|reckoned|figured|figures|saying|insisting|claiming|admitting|vowed|vows|predicted|"
    r"predicts|stressed|stresses|hinted|hints|declared|declares|thinks|thought|"
    r"told\s+(?:[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*)*|reporters|journalists|the\s+(?:media|press)))\b"
)
_THAT = re.compile(r"(?P<mid>(?:\s+[\w’'-]+){0,6}?)\s+that\s+(?=\S)")
_PRONOUN_START = re.compile(r"\s+(?=(?:he|she|they|it|I|we)\b)")
_NOUN_START = re.compile(r"\s+(?=(?:the|a|an|his|her|their|[A-Z][\w’'-]+)\b)")
_FINITE = re.compile(
    r"^(?:\S+\s+){0,8}?(?:was|is|are|were|had|has|have|will|would|could|can|should|might|may|must|"
    r"did|does|do)\b"
)
_TRAILING_MEDIUM = re.compile(
    r"\s*(?:\((?:via|as quoted by|quoted by|according to|as reported by)\b[^)]*\)|"
    r",\s*(?:according to|via|as quoted by)\b.*)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reported:
    """One reported statement: the clause's span, its sentence and its speaker."""

    start: int
    end: int
    sentence: tuple[int, int]
    verb: str
    speaker: Speaker | None


def _trim(clause: str) -> str:
    clause = clause.rstrip()
    while True:
        before = clause
        clause = clause.rstrip(" .!?;:,")
        clause = _TRAILING_MEDIUM.sub("", clause)
        if clause == before:
            return clause


def _clause_start(text: str, verb_end: int, limit: int) -> int | None:
    if match := _THAT.match(text, verb_end, limit):
        return match.end()
    if match := _PRONOUN_START.match(text, verb_end, limit):
        return match.end()
    if match := _NOUN_START.match(text, verb_end, limit):
        if _FINITE.match(text[match.end() : limit]):
            return match.end()
    return None


def find_reported(refs: References) -> list[Reported]:
    """Return the reported statements of the article, in order."""
    found: list[Reported] = []
    text = refs.text
    for lower, upper in refs.segments.sentences:
        for verb in _VERB.finditer(text, lower, upper):
            if refs.segments.in_quote(verb.start()):
                continue
            if found and found[-1].start <= verb.start() < found[-1].end:
                continue
            start = _clause_start(text, verb.end(), upper)
            if start is None:
                continue
            stop = start + len(_trim(text[start:upper]))
            colon = re.search(r":\s*[“\"«]", text[start:stop])
            stop = start + colon.start() if colon else stop
            if stop - start < 3 or refs.segments.in_quote(start):
                continue
            speaker = speaker_before(refs, lower, verb.start())
            found.append(Reported(start, stop, (lower, upper), verb.group(), speaker))
    return found
