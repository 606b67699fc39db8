"""Link a statement to the earlier statement it answers.

A statement is a response when its cue says so: "responded", "in response",
"fired back", "shot back", "hit back", "replied", "retorted", or "said of
X's comments".  The statement answered is, in order of preference:

1. one by the person the cue names ("fired back at Kerr", "responded to
   Kerr's claim") that holds a fragment the cue quotes ('a good day');
2. the latest earlier statement of that person in the article;
3. with nobody named, the latest earlier statement by someone else;
4. otherwise a statement of that person already in the graph, when the
   quoted fragment picks exactly one.

The cue may also stand in the narrator's sentences rather than in the
statement's own cue: "Wightman has hit back at Ingebrigtsen" (in the lead or
the sentence before a quotation) makes the responder's statements of the
article answers to the one named (when told of X's comments, reacting to X).
With no earlier statement of the person answered, a later one in the article
is taken (the lead tells of the reply before quoting the words it answers).
A statement of theirs already in the graph is linked when the cue's fragment
picks one, or when exactly one was reported in the 180 days before.

Anything else is flagged for review rather than guessed, naming the
candidates.  A quotation that merely continues another ("..., he added. ...")
is not itself a response.

Examples
--------
>>> bool(RESPONSE_CUE.search("In response, Ingebrigtsen said to NRK:"))
True
>>> bool(RESPONSE_CUE.search("his father Gjert said of the result:"))
False
>>> bool(RESPONSE_CUE.search("Ingebrigtsen said of Kerr's comments:"))
True
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable

from rivalgraph.ingest.references import References
from rivalgraph.ingest.statements import Found
from rivalgraph.slugs import fold_name

__all__ = ["RESPONSE_CUE", "link_responses"]

RESPONSE_CUE = re.compile(
    r"\b(?:responded|responds|responding|in\s+response|fired\s+back|fires\s+back|shot\s+back|"
    r"shoots\s+back|hit\s+back|hits\s+back|hitting\s+back|replied|replies|retorted|in\s+reply|"
    r"answered|reacted\s+to|reacting\s+to|when\s+told\s+of|told\s+of\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:remarks?|comments?|claims?|words))\b"
    r"|\bsaid\s+of\s+(?:[\w’'-]+\s+){1,3}?(?:remarks?|comments?|claims?|boast|words|jibe|"
    r"criticism|statements?|suggestion|taunts?)\b",
    re.IGNORECASE,
)
_WINDOW = dt.timedelta(days=180)
_FRAGMENT = re.compile(r"(?:^|[\s(])['‘\"“]([^'’\"”]{2,80})['’\"”]")


def _cue_span(statement: Found) -> tuple[int, int] | None:
    return None if statement.cue is None else (statement.cue.start, statement.cue.end)


def _named_target(refs: References, statement: Found, cue_at: int) -> str | None:
    span = _cue_span(statement)
    assert span is not None
    mentions = [
        m for m in refs.between(*span)
        if m.athlete and m.athlete != statement.speaker and not m.in_quote
        and not statement.start <= m.start < statement.end
    ]  # fmt: skip
    after = [m for m in mentions if m.start >= cue_at]
    chosen = after or mentions
    return chosen[0].athlete if chosen else None


def _fragments(refs: References, statement: Found) -> list[str]:
    span = _cue_span(statement)
    assert span is not None
    clause = refs.text[span[0] : span[1]]
    if statement.mode == "direct":
        clause = clause.replace(statement.text, " ")
    return [fold_name(match.group(1)) for match in _FRAGMENT.finditer(clause)]


class _Answerable:
    """The statements a response may answer, looked up by speaker and position.

    The statements come in text order. Each lookup walks back from the response
    and stops at the first fit, so linking every response of a long article stays
    close to linear (a filter over every statement per response was quadratic).
    """

    def __init__(self, statements: list[Found]) -> None:
        self.statements = statements
        self.starts = [s.start for s in statements]
        self.folded: dict[int, str] = {}
        self.by_speaker: dict[str, list[int]] = {}
        for number, statement in enumerate(statements):
            if statement.speaker:
                self.by_speaker.setdefault(statement.speaker, []).append(number)

    def _holds(self, number: int, fragments: list[str]) -> bool:
        if number not in self.folded:
            self.folded[number] = fold_name(self.statements[number].text)
        return any(f in self.folded[number] for f in fragments)

    def _pick(self, pool: Iterable[int], fragments: list[str]) -> int | None:
        """The last of ``pool`` (given last first) holding a fragment, else the last of all."""
        last = None
        for number in pool:
            if last is None:
                last = number
                if not fragments:
                    break
            if self._holds(number, fragments):
                return number
        return last

    def latest(self, response: Found, target: str | None, fragments: list[str]) -> int | None:
        """The statement ``response`` answers: the latest earlier one of ``target`` (of anyone
        else without a target) holding one of ``fragments``; else ``target``'s first one."""
        before = bisect.bisect_left(self.starts, response.start)
        if target:
            numbers = self.by_speaker.get(target, []) if target != response.speaker else []
            earlier = bisect.bisect_left(numbers, before)  # numbers and starts are both in text order
            chosen = self._pick((numbers[n] for n in range(earlier - 1, -1, -1)), fragments)
            return chosen if chosen is not None or not numbers else numbers[0]
        others = (n for n in range(before - 1, -1, -1)
                  if self.statements[n].speaker and self.statements[n].speaker != response.speaker)  # fmt: skip
        return self._pick(others, fragments)


def _narrated(refs: References) -> list[tuple[int, str, str]]:
    """Response cues of the narrator: (sentence start, responder, person answered).

    Only sentences that quote nobody: a sentence holding a quotation is that quotation's cue.
    A sentence of the article's first three paragraphs (its lead) counts from the start.
    """
    found = []
    lead_end = (
        refs.segments.paragraphs[min(2, len(refs.segments.paragraphs) - 1)][1]
        if refs.segments.paragraphs
        else 0
    )
    for start, end in refs.segments.sentences:
        if refs.segments.in_quote(start) or any(
            q.words() >= 4 for q in refs.segments.quotes_opening(start, end)
        ):
            continue
        for cue in RESPONSE_CUE.finditer(refs.text, start, end):
            if refs.segments.in_quote(cue.start()):
                continue
            named = [m for m in refs.between(start, end) if m.athlete and not m.in_quote]
            before = [m.athlete for m in named if m.end <= cue.start()]
            after = [m.athlete for m in named if m.start >= cue.end()]
            responder = before[0] if before else None
            answered = next((a for a in [*after, *before[1:]] if a != responder), None)
            if responder and answered:
                found.append((0 if end <= lead_end else start, responder, answered))
    return found


def link_responses(refs: References, statements: list[Found], on: dt.date | None = None) -> None:
    """Set ``responds_to`` (or ``responds_to_iri``, or a flag) on every response."""
    narrated = _narrated(refs)
    answered = _Answerable(statements)
    for statement in statements:
        span = _cue_span(statement)
        if statement.continues is not None or statement.speaker is None:
            continue
        cue = None
        if span is not None:
            cue_text = refs.text[span[0] : span[1]]
            if statement.mode == "direct":
                cue_text = cue_text.replace(statement.text, " " * len(statement.text))
            cue = RESPONSE_CUE.search(cue_text)
        if cue is not None and span is not None:
            target = _named_target(refs, statement, span[0] + cue.start())
            fragments = _fragments(refs, statement)
            phrase = cue.group()
        else:
            framing = [n for n in narrated if n[1] == statement.speaker and n[0] < statement.start]
            if not framing:
                continue
            target, fragments, phrase = framing[-1][2], [], "(the article's account of a reply)"
        chosen = answered.latest(statement, target, fragments)
        if chosen is not None:
            statement.responds_to = chosen
            continue
        if cue is None and not target:
            continue
        _link_to_graph(refs, statement, target, fragments, phrase, on)


def _link_to_graph(
    refs: References,
    statement: Found,
    target: str | None,
    fragments: list[str],
    cue: str,
    on: dt.date | None = None,
) -> None:
    known = [s for s in refs.known.statements if target and s.speaker == target]
    holding = {s.iri for s in known if any(f in fold_name(s.text) for f in fragments)}
    recent = {s.iri for s in known if on and s.reported_on and on - _WINDOW <= s.reported_on <= on}
    if len(holding) == 1 or (not fragments and len(recent) == 1):
        statement.responds_to_iri = next(iter(holding or recent))
        statement.comments.append(
            "responds to a statement already in the graph"
            + ("" if holding else " (the only one of that speaker reported in the 180 days before)")
        )
        return
    who = refs.known.athletes[target].label if target in refs.known.athletes else "someone"
    listed = "; candidates in the graph: " + ", ".join(sorted({s.iri for s in known})) if known else ""
    statement.flags.append(
        f"response: the cue {cue!r} answers {who}, but no earlier statement of theirs is in this "
        f"article{listed}; add rg:respondsTo and make it an rg:Response, or leave it a statement"
    )
