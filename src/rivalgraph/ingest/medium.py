"""Read how a statement reached the article: the outlet it was given to or relayed by.

"told NRK" and "speaking to NRK" name the outlet the speaker addressed
(``rg:givenTo``); "via Barrons.com", "as quoted by European Athletics" and
"according to BBC Sport" the outlet it was passed on by (``rg:relayedBy``).
Settings such as "in the mixed zone", "told reporters" or "on social media"
name no outlet and only go into the note (``rg:mediumNote``).

Examples
--------
>>> media = find_media("Ingebrigsten told Norwegian media (via Barrons.com):", {})
>>> [o.slug for o in media.given], [o.slug for o in media.relayed], media.note
(['norwegian-media'], ['barrons'], 'told Norwegian media (via Barrons.com)')
>>> find_media("he told reporters in the mixed zone.", {}).note
'told reporters in the mixed zone'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from rivalgraph.slugs import fold_name, slug

__all__ = ["OutletRef", "Media", "find_media", "find_wire", "outlet_for", "ALIASES"]

# "the", and a description before the name ("Norwegian broadcaster NRK", "media company TV2"):
# the outlet is the name after the description.
_DESCRIBED = (
    r"(?:the\s+)?(?:(?:[A-Z][\w-]*\s+)?(?:media\s+company|broadcaster|newspaper|paper|daily|"
    r"tabloid|outlet|channel|station|magazine|website|network|radio|TV|podcast|show)\s+(?=[A-Z]))?"
)
_NAME = (
    _DESCRIBED + r"(?P<o>[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|the|de))*"
    r"(?:\s+(?:media|press|television|TV|radio))?)"
    # a show on a channel ("JKL on Citizen TV"): the channel
    r"(?:\s+on\s+(?P<channel>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*))?"
)
_GIVEN = re.compile(
    r"\b(?i:told|tells|telling|said\s+to|says\s+to|speaking\s+(?:to|with|on)|talking\s+to|"
    r"(?:said|says|speaking|appearing)\s+on|"
    r"in\s+an\s+interview\s+(?:with|to|on)|interviewed\s+by|(?:when\s+)?asked\s+by|"
    r"wrote\s+(?:for|in)|writing\s+(?:for|in))\s+" + _NAME
)
_RELAYED = re.compile(r"\b(?i:via|(?:as\s+)?quoted\s+by|according\s+to|(?:as\s+)?reported\s+by)\s+" + _NAME)
#: How an article says it comes from a news agency: a "Source: PTI" line, a dateline
#: "Doha (AFP) –", "Reporting by The Associated Press".
_WIRE = re.compile(
    r"^[ \t]*(?:Source|Agency|Credit):[ \t]*(?P<a>[A-Z][\w.&-]*(?:[ \t]+[A-Z][\w.&-]*){0,3})[ \t]*$"
    r"|^[A-Z][\w .,-]{0,40}\((?P<b>AFP|AP|Reuters|PTI|ANI|IANS|dpa|EFE|ANSA|Xinhua|NTB|PA)\)\s*[–—-]"
    r"|\b(?:Reporting|Additional reporting)\s+by\s+(?P<c>(?:the\s+)?[A-Z][\w.&-]*(?:[ \t]+[A-Z][\w.&-]*){0,3})",
    re.MULTILINE,
)
_SETTING = re.compile(
    r"\b(?:in\s+the\s+mixed\s+zone|told\s+reporters|to\s+reporters|on\s+social\s+media|"
    r"on\s+(?:a|his|her|their)\s+podcast|in\s+a\s+(?:post-race\s+)?press\s+conference|"
    r"at\s+a\s+press\s+conference|via\s+(?:his|her|their)\s+(?:management|agent|team)|"
    r"on\s+(?:Instagram|Twitter|X|Facebook|TikTok))\b"
)

#: Ways outlets are written -> outlet slug (docs/TERMS.md).
ALIASES = {
    "barrons.com": "barrons", "barrons": "barrons", "barron's": "barrons", "barron’s": "barrons",
    "nrk": "nrk", "nrk sport": "nrk", "norwegian media": "norwegian-media",
    "european athletics": "european-athletics", "running magazine": "running-magazine",
    "bbc": "bbc-sport", "bbc sport": "bbc-sport", "letsrun": "letsrun-com", "letsrun.com": "letsrun-com",
    "world athletics": "world-athletics", "capital sport": "capital-fm", "capital fm": "capital-fm",
    "the associated press": "associated-press", "associated press": "associated-press",
    "ap": "associated-press",
}  # fmt: skip


@dataclass(frozen=True)
class OutletRef:
    """An outlet named in the text: its slug and its label (new or as the graph has it)."""

    slug: str
    label: str
    new: bool


@dataclass
class Media:
    """What a cue says about the medium of a statement."""

    given: list[OutletRef] = field(default_factory=list)
    relayed: list[OutletRef] = field(default_factory=list)
    note: str | None = None

    def __bool__(self) -> bool:
        return bool(self.given or self.relayed or self.note)


def outlet_for(name: str, outlets: Mapping[str, str]) -> OutletRef:
    """Map an outlet's name as written to an outlet of the graph, or a new one.

    Examples
    --------
    >>> outlet_for("Barrons.com", {"barrons": "Barron's"})
    OutletRef(slug='barrons', label="Barron's", new=False)
    >>> outlet_for("Citius Mag", {})
    OutletRef(slug='citius-mag', label='Citius Mag', new=True)
    """
    folded = fold_name(name)
    by_label = {fold_name(label): known for known, label in outlets.items()}
    for key in (ALIASES.get(folded), slug(name), by_label.get(folded),
                slug(re.sub(r"\.(com|no|co\.uk|org|net)$", "", folded))):  # fmt: skip
        if key and key in outlets:
            return OutletRef(key, outlets[key], False)
    if folded in ALIASES:
        key = ALIASES[folded]
        return OutletRef(key, name, True)
    return OutletRef(slug(name), name.rstrip("."), True)


def find_media(
    clause: str,
    outlets: Mapping[str, str],
    is_person: Callable[[str], bool] = lambda name: False,
) -> Media:
    """Read the outlets and the setting a cue clause names.

    Parameters
    ----------
    clause : str
        The words around a quotation that say who said it and where.
    outlets : mapping
        Outlet slug -> label, as the graph knows them.
    is_person : callable
        Tells whether a name is a person (then "told Kerr" names no outlet).
    """
    media = Media()
    spans: list[tuple[int, int]] = []
    for pattern, target in ((_GIVEN, media.given), (_RELAYED, media.relayed)):
        for match in pattern.finditer(clause):
            name = (match.group("channel") or match.group("o")).rstrip(".")
            if is_person(name) or fold_name(name) in {"reporters", "journalists"}:
                continue
            ref = outlet_for(name, outlets)
            if ref.slug not in {o.slug for o in target}:
                target.append(ref)
            spans.append(_with_parentheses(clause, match.start(), match.start("o") + len(name)))
    spans += [(m.start(), m.end()) for m in _SETTING.finditer(clause)]
    if spans:
        media.note = clause[min(a for a, _ in spans) : max(b for _, b in spans)].strip()
    return media


def _with_parentheses(clause: str, start: int, end: int) -> tuple[int, int]:
    before = clause[:start].rstrip()
    if before.endswith("(") and clause[end : end + 1] == ")":
        return len(before) - 1, end + 1
    return start, end


def find_wire(text: str, outlets: Mapping[str, str]) -> OutletRef | None:
    """The news agency an article says it comes from, if it says so.

    Examples
    --------
    >>> find_wire("Title\\nSource: PTI\\nBody.", {}).slug
    'pti'
    >>> find_wire("Doha (AFP) – Rai Benjamin said...", {}).label
    'AFP'
    >>> find_wire("No agency here.", {}) is None
    True
    """
    found = _WIRE.search(text)
    if found is None:
        return None
    name = next(group for group in found.groups() if group)
    return outlet_for(re.sub(r"^the\s+", "", name).strip(), outlets)
