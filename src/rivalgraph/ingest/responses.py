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

Anything else is flagged for review rather than guessed.  A quotation that
merely continues another ("..., he added. ...") is not itself a response.

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

import re

from rivalgraph.ingest.references import References
from rivalgraph.ingest.statements import Found
from rivalgraph.slugs import fold_name

__all__ = ["RESPONSE_CUE", "link_responses"]

RESPONSE_CUE = re.compile(
    r"\b(?:responded|responds|responding|in\s+response|fired\s+back|fires\s+back|shot\s+back|"
    r"shoots\s+back|hit\s+back|hits\s+back|replied|replies|retorted|in\s+reply|answered)\b"
    r"|\bsaid\s+of\s+(?:[\w’'-]+\s+){1,3}?(?:remarks?|comments?|claims?|boast|words|jibe|"
    r"criticism|statements?|suggestion|taunts?)\b",
    re.IGNORECASE,
)
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


def _pick(pool: list[Found], fragments: list[str]) -> Found | None:
    holding = [s for s in pool if any(f in fold_name(s.text) for f in fragments)]
    if holding:
        return holding[-1]
    return pool[-1] if pool else None


def link_responses(refs: References, statements: list[Found]) -> None:
    """Set ``responds_to`` (or ``responds_to_iri``, or a flag) on every response."""
    for number, statement in enumerate(statements):
        span = _cue_span(statement)
        if span is None or statement.continues is not None or statement.speaker is None:
            continue
        cue_text = refs.text[span[0] : span[1]]
        if statement.mode == "direct":
            cue_text = cue_text.replace(statement.text, " " * len(statement.text))
        cue = RESPONSE_CUE.search(cue_text)
        if cue is None:
            continue
        target = _named_target(refs, statement, span[0] + cue.start())
        fragments = _fragments(refs, statement)
        earlier = [s for s in statements[:number] if s.speaker and s.speaker != statement.speaker]
        if target:
            earlier = [s for s in earlier if s.speaker == target]
        chosen = _pick(earlier, fragments)
        if chosen is not None:
            statement.responds_to = statements.index(chosen)
            continue
        _link_to_graph(refs, statement, target, fragments, cue.group())


def _link_to_graph(
    refs: References, statement: Found, target: str | None, fragments: list[str], cue: str
) -> None:
    known = [s for s in refs.known.statements if target and s.speaker == target]
    holding = {s.iri for s in known if any(f in fold_name(s.text) for f in fragments)}
    if len(holding) == 1:
        statement.responds_to_iri = next(iter(holding))
        statement.comments.append("responds to a statement already in the graph")
        return
    who = refs.known.athletes[target].label if target in refs.known.athletes else "someone"
    listed = (
        "; candidates in the graph: " + ", ".join(sorted({s.iri for s in known})) if known else ""
    )
    statement.flags.append(
        f"response: the cue {cue!r} answers {who}, but no earlier statement of theirs is in this "
        f"article{listed}; add rg:respondsTo and make it an rg:Response, or leave it a statement"
    )
