"""Find who said a quotation: the cue clause around it and the speaker it names.

The cue of a quotation is, in this order of preference:

- *after* it in the same sentence: ``“...,” he added.`` / ``,” said Kerr.``;
- *before* it in the same sentence, ending with a colon or comma:
  ``Kerr replied: “...”``;
- an *intro*: the last sentence of the paragraph before, ending with a colon,
  when the quotation opens its paragraph (``Speaking to NRK, he stated:``).

In a cue, the speaker is the person named right before a speech verb (only
adverbs, auxiliaries or one parenthetical ", who ...," between) or right
after it (``said Kerr``).  A capitalised name the graph does not know is kept
as an unknown speaker, to be flagged.

Examples
--------
>>> SPEECH_VERB.search("the Scot shot back on social media").group()
'shot back'
>>> bool(SUBJECT_GAP.match(", fourth on the night, "))
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rivalgraph.ingest.quotes import Quote
from rivalgraph.ingest.references import Mention, References

__all__ = [
    "Cue",
    "SPEECH_VERB",
    "SUBJECT_GAP",
    "find_cue",
    "is_fragment",
    "speaker_in",
    "speaker_before",
    "Speaker",
]

SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|saying|told|tells|telling|added|adds|adding|explained|explains|insisted|"
    r"insists|continued|admitted|admits|replied|replies|responded|responds|stated|states|claimed|"
    r"claims|boasted|boasts|declared|remarked|noted|warned|joked|conceded|confirmed|revealed|wrote|"
    r"posted|commented|argued|suggested|announced|fired\s+back|fires\s+back|shot\s+back|"
    r"shoots\s+back|hit\s+back|hits\s+back|retorted|answered|speaking|went\s+on)\b",
    re.IGNORECASE,
)
SUBJECT_GAP = re.compile(
    r"(?:\s*,(?:[^,;:“”\"]|(?<=\d):(?=\d)){1,80},|\s*,\s*(?:who|whose)\b[^,;:“”\"]{1,80}?(?=\s*$))?"
    r"(?:\s+(?:in\s+an\s+interview\s+(?:on|with)|speaking\s+(?:to|on|with)|on|at|during|after|in)"
    r"\s+[^,;:“”\".!?]{1,50}?(?=\s+(?:said|says|told|tells|explained|added|revealed|admitted)\b))?"
    r"\s*(?:(?:later|then|also|again|previously|once|finally|afterwards|"
    r"simply|only|just|has|had|have|was|is|would|will|promptly|quickly|immediately|swiftly|"
    r"a\s+day\s+later|the\s+next\s+day|\w+ly)\s+)*\s*$"
)
#: Verbs whose name after them is the one spoken to, not the speaker ("told Kerr").
_ADDRESSING = {"told", "tells", "telling"}
_UNKNOWN_NAME = re.compile(r"(?P<name>\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)$")
_NOT_SPEAKERS = {"the", "a", "an", "in", "on", "at", "after", "before", "asked", "speaking", "but",
                 "and", "however", "when", "while", "then", "this", "that", "it", "they", "we",
                 "i", "plan", "he", "she"}  # fmt: skip


#: Words before a name that say what a person who is not an athlete is (the role kept).
ROLES = {
    "coach": "coach", "trainer": "coach", "agent": "agent", "manager": "agent",
    "father": "family", "mother": "family", "dad": "family", "mum": "family", "mom": "family",
    "brother": "family", "sister": "family", "wife": "family", "husband": "family",
    "president": "official", "director": "official", "official": "official",
    "spokesperson": "official", "spokesman": "official", "spokeswoman": "official",
    "chief": "official", "chairman": "official", "organiser": "official", "organizer": "official",
    "reporter": "journalist", "journalist": "journalist", "commentator": "journalist",
    "presenter": "journalist", "host": "journalist", "pundit": "journalist",
    "physio": "other", "doctor": "other", "physiotherapist": "other",
}  # fmt: skip
_ROLE_BEFORE = re.compile(r"\b(?P<role>" + "|".join(ROLES) + r")s?\b[^.;:“”\"]{0,40}$", re.IGNORECASE)
_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|de|van|der|von|da|dos|el|al))*")


@dataclass(frozen=True)
class Speaker:
    """Who a cue names: a resolved or unresolved mention, or an unknown name.

    ``role`` is what the words before an unknown name say the person is ("coach",
    "family", "official", ...; :data:`ROLES`), when they say it.
    """

    mention: Mention | None
    unknown: str | None = None
    role: str | None = None

    @property
    def athlete(self) -> str | None:
        """The athlete's IRI, if resolved."""
        return self.mention.athlete if self.mention else None


@dataclass(frozen=True)
class Cue:
    """The clause that attributes a quotation: its span, verb and speaker."""

    kind: str
    start: int
    end: int
    verb: str
    speaker: Speaker | None

    def text(self, article: str) -> str:
        """The cue's words."""
        return article[self.start : self.end]


def speaker_in(refs: References, start: int, end: int, inversion: bool) -> tuple[str, Speaker | None] | None:
    """Find the first speech verb in ``[start, end)`` and the speaker it names.

    Returns ``None`` when the span holds no speech verb (outside quotations);
    otherwise the verb and its speaker (``None`` when nobody is named).
    """
    text = refs.text
    first_verb: str | None = None
    for match in SPEECH_VERB.finditer(text, start, end):
        if refs.segments.in_quote(match.start()):
            continue
        verb = re.sub(r"\s+", " ", match.group().lower())
        first_verb = first_verb or verb
        speaker = speaker_before(refs, start, match.start())
        if speaker is None and inversion and verb not in _ADDRESSING:
            speaker = _after(refs, match.end(), end)
        if speaker is not None:
            return verb, speaker
    return (first_verb, None) if first_verb else None


def speaker_before(refs: References, start: int, verb_at: int) -> Speaker | None:
    """Return the speaker named right before a verb at ``verb_at`` (from ``start`` on)."""
    mentions = [m for m in refs.between(start, verb_at) if not m.in_quote and not m.possessive]
    for mention in reversed(mentions):
        if mention.kind == "pronoun" and mention.surface.lower() not in ("he", "she"):
            continue
        if SUBJECT_GAP.fullmatch(refs.text, mention.end, verb_at):
            return Speaker(mention)
    window = refs.text[start:verb_at]
    for cut in range(len(window), -1, -1):
        if not SUBJECT_GAP.fullmatch(window, cut):
            continue
        found = _UNKNOWN_NAME.search(window[:cut])
        if found and found.group("name").split()[0].lower() not in _NOT_SPEAKERS:
            return Speaker(None, found.group("name"), role_before(window[: found.start()]))
    return None


def role_before(words: str) -> str | None:
    """The role the words right before a name give a person (``"team coach"`` -> coach).

    Examples
    --------
    >>> role_before("said Ethiopia’s Olympic team coach "), role_before("said ")
    ('coach', None)
    """
    found = _ROLE_BEFORE.search(words)
    return ROLES[found.group("role").lower()] if found else None


def _after(refs: References, verb_end: int, end: int) -> Speaker | None:
    for mention in refs.between(verb_end, end):
        if not refs.text[verb_end : mention.start].strip() and not mention.in_quote:
            return Speaker(mention)
        break
    found = re.match(r"\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)", refs.text[verb_end:end])
    if found and found.group("name").split()[0].lower() not in _NOT_SPEAKERS:
        clause = re.match(r"[^,;:.“”\"]{0,60}", refs.text[verb_end + found.start("name") : end])
        described = clause.group() if clause else ""
        runs = list(_NAME_RUN.finditer(described))
        if len(runs) > 1 and role_before(described[: runs[-1].start()]):
            # "said Ethiopia’s Olympic team coach Hussein Shibo": the name is the last run
            name = runs[-1].group()
            return Speaker(None, name, role_before(described[: runs[-1].start()]))
        return Speaker(None, found.group("name"), role_before(refs.text[max(0, verb_end - 60) : verb_end]))
    return None


def _clause_after(refs: References, quote: Quote, upper: int) -> tuple[int, int]:
    text = refs.text
    following = refs.segments.quotes_opening(quote.after, upper)
    stop = following[0].open_at if following else upper
    if ends := re.search(r"[.!?:](?=\s|$)", text[quote.after : stop]):
        stop = quote.after + ends.start()
    return quote.after, stop


def is_fragment(refs: References, quote: Quote) -> bool:
    """A few quoted words inside the narrator's sentence ("had 'a good day', he replied")."""
    if quote.words() >= 5 or quote.text.rstrip(",").endswith((".", "!", "?")):
        return False
    lower = refs.segments.sentences[refs.segments.sentence_at(quote.open_at)][0]
    before = refs.text[lower : quote.open_at].rstrip()
    return bool(before) and not before.endswith((":", ",", "—", "–", "-"))


def _clause_before(refs: References, quote: Quote) -> tuple[int, int]:
    lower = refs.segments.sentences[refs.segments.sentence_at(quote.open_at)][0]
    # Quotations do not overlap, so the ones before this one end in order: the
    # clause starts after the last of them that ends inside the sentence.
    for other in refs.segments.quotes_before(quote.open_at):
        if other.after < lower:
            break
        if other.after <= quote.open_at and not is_fragment(refs, other):
            return other.after, quote.open_at
    return lower, quote.open_at


def _new_sentence_after(text: str, quote: Quote) -> bool:
    """A quote that ends its sentence (``... easy.” He added: ``) has no cue after it."""
    after = text[quote.after : quote.after + 40].lstrip()
    return quote.text.endswith((".", "!", "?")) and after[:1].isupper()


def find_cue(refs: References, quote: Quote) -> Cue | None:
    """Find the cue that attributes ``quote`` (see the module docstring)."""
    segments = refs.segments
    text = refs.text
    lower, upper = segments.paragraphs[quote.paragraph]
    if not quote.continued and not _new_sentence_after(text, quote):
        start, end = _clause_after(refs, quote, upper)
        if text[start:end].strip() and (found := speaker_in(refs, start, end, inversion=True)):
            return Cue("after", start, end, found[0], found[1])
    start, end = _clause_before(refs, quote)
    if text[start:end].rstrip().endswith((":", ",")) and (
        found := speaker_in(refs, start, end, inversion=False)
    ):
        return Cue("before", start, end, found[0], found[1])
    if not text[lower : quote.open_at].strip() and quote.paragraph > 0:
        p_lower, p_upper = segments.paragraphs[quote.paragraph - 1]
        intro_start = max(p_lower, segments.sentences[segments.sentence_at(p_upper - 1)][0])
        if text[intro_start:p_upper].rstrip().endswith(":") and (
            found := speaker_in(refs, intro_start, p_upper, inversion=False)
        ):
            return Cue("intro", intro_start, p_upper, found[0], found[1])
    return None
