"""Describe what was extracted from an article as a draft named graph (TriG).

The draft follows the curated seed article
(``graph/articles/2024-03-05-ingebrigtsen-skips-world-indoors.trig``): one
named graph per article that says where it comes from; the article, new
outlets and editions; one ``rg:Statement`` (or ``rg:Response``) per
quotation or reported statement with its verbatim text and offsets; then
injuries, withdrawals, planned appearances and titles.

What a person must decide is written as ``rg:reviewNote`` on the node (and
listed by :func:`review_flags`); candidates are given as commented-out lines
to enable.  A draft with review notes does not pass the shapes, so it cannot
be accepted until each is resolved and its note deleted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from rivalgraph import __version__
from rivalgraph.ingest.about import set_about
from rivalgraph.ingest.editions import EditionMention
from rivalgraph.ingest.events import Events
from rivalgraph.ingest.medium import OutletRef
from rivalgraph.ingest.references import References
from rivalgraph.ingest.statements import Found
from rivalgraph.ingest.text import Article
from rivalgraph.ingest.trig import Node, term, to_trig
from rivalgraph.namespaces import (
    APPEARANCE,
    ATHLETE,
    COMPETITION,
    EDITION,
    GRAPH,
    INJURY,
    OUTLET,
    PERSON,
    PROV,
    RDFS,
    RG,
    SCHEMA,
    SOURCE,
    STATEMENT,
    TITLE,
    WITHDRAWAL,
    XSD,
    Namespace,
)  # fmt: skip
from rivalgraph.slugs import slug

__all__ = ["Extraction", "draft_text", "review_flags", "assign_keys"]

_STOP = {"that", "this", "with", "have", "from", "they", "them", "what", "when", "will", "been",
         "were", "said", "about", "there", "their", "would", "could", "just", "then", "than",
         "into", "over", "because", "after", "before", "which", "while", "your", "mine"}  # fmt: skip
Literal = ox.Literal


@dataclass
class Extraction:
    """Everything found in one article, ready to be written as a draft."""

    article: Article
    date: dt.date
    slug: str
    url: str | None
    publisher: OutletRef | None
    local_copy: str
    refs: References
    statements: list[Found]
    editions: list[EditionMention]
    events: Events
    language: str = "en"

    @property
    def graph(self) -> ox.NamedNode:
        return GRAPH["article-" + self.slug]

    @property
    def source(self) -> ox.NamedNode:
        return SOURCE["article-" + self.slug]

    def label(self, iri: str | None, person: str | None = None) -> str:
        athlete = self.refs.known.athletes.get(iri or "")
        return athlete.label if athlete else person or "unattributed"


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def assign_keys(extraction: Extraction) -> None:
    """Give every statement a stable, readable slug: ``{date}-{surname}-{words}``."""
    taken = set(extraction.refs.known.subjects)
    next_number: dict[str, int] = {}  # a repeated key's count goes on from where it was
    for statement in extraction.statements:
        who = slug(extraction.label(statement.speaker, statement.speaker_name).split()[-1])
        words = [w for w in re.findall(r"[A-Za-z]{4,}", statement.text) if w.lower() not in _STOP]
        base = "-".join([extraction.date.isoformat(), who, *(slug(w) for w in words[:3])])
        number = next_number.get(base, 1)  # 1: the base itself, then -2, -3, ...
        while STATEMENT[key := base if number == 1 else f"{base}-{number}"].value in taken:
            number += 1
        next_number[base] = number
        taken.add(STATEMENT[key].value)
        statement.key = key


def _date(day: dt.date) -> ox.Literal:
    return Literal(day.isoformat(), datatype=XSD.date)


def _reported(extraction: Extraction) -> list[tuple[ox.NamedNode, list[ox.NamedNode | ox.Literal]]]:
    return [(RG.reportedIn, [extraction.source]), (RG.reportedOn, [_date(extraction.date)])]


def _statement(extraction: Extraction, number: int, statement: Found) -> Node:
    statements = extraction.statements
    target = (
        STATEMENT[statements[statement.responds_to].key]
        if statement.responds_to is not None
        else ox.NamedNode(statement.responds_to_iri)
        if statement.responds_to_iri
        else None
    )
    speaker = (
        [ATHLETE[statement.speaker.rsplit("/", 1)[-1]]] if statement.speaker
        else [PERSON[slug(statement.speaker_name)]] if statement.speaker_name and slug(statement.speaker_name)
        else []
    )  # fmt: skip
    node = Node(
        STATEMENT[statement.key],
        [
            (
                RDFS.label,
                [
                    Literal(
                        f"{extraction.label(statement.speaker, statement.speaker_name)}: "
                        f"{_short(statement.text)}"
                    )
                ],
            ),
            (
                RDFS.comment,
                [Literal(" ".join(f"{c}." for c in statement.comments))] if statement.comments else [],
            ),
            (RG.reviewNote, [Literal(flag) for flag in statement.flags]),
            (RG.respondsTo, [target] if target else []),
            (RG.speaker, speaker),
            (RG.text, [Literal(statement.text)]),
            (RG.speechMode, [RG.DirectSpeech if statement.mode == "direct" else RG.ReportedSpeech]),
            (RG.givenTo, [OUTLET[o.slug] for o in statement.given]),
            (RG.relayedBy, [OUTLET[o.slug] for o in statement.relayed]),
            (RG.mediumNote, [Literal(statement.note)] if statement.note else []),
            (RG.statedOn, [_date(statement.stated_on)] if statement.stated_on else []),
            *_reported(extraction),
            (RG.about, [ox.NamedNode(iri) for iri in statement.about]),
            (RG.sameStatementAs, [ox.NamedNode(iri) for iri in statement.same_as]),
            (RG.offsetStart, [Literal(str(statement.start), datatype=XSD.nonNegativeInteger)]),
            (RG.offsetEnd, [Literal(str(statement.end), datatype=XSD.nonNegativeInteger)]),
        ],  # fmt: skip
        types=[RG.Response if target else RG.Statement],
    )
    cue = statement.cue.text(extraction.article.text).strip() if statement.cue else ""
    node.comments.append(f"statement {number + 1}" + (f", cue: {cue[:90]!r}" if cue else ""))
    if statement.flags and not statement.speaker:
        node.suggestions += [f"rg:speaker {term(ox.NamedNode(c))} ;  (candidate)"
                             for c in _candidates(statement)]  # fmt: skip
    return node


def _candidates(statement: Found) -> list[str]:
    for comment in statement.comments:
        if comment.startswith("speaker candidates: "):
            return [c for c in comment.split(": ", 1)[1].split(", ") if c]
    return []


def _outlets(extraction: Extraction) -> list[Node]:
    new: dict[str, OutletRef] = {}
    refs = [o for s in extraction.statements for o in (*s.given, *s.relayed)]
    for outlet in [*refs, *([extraction.publisher] if extraction.publisher else [])]:
        if outlet.new:
            new.setdefault(outlet.slug, outlet)
    return [
        Node(
            OUTLET[o.slug],
            [(RDFS.label, [Literal(o.label)])],
            types=[RG.Outlet],
            comments=["an outlet the graph did not know yet"],
        )  # fmt: skip
        for o in new.values()
    ]


def _people(extraction: Extraction) -> list[Node]:
    """The speakers who are not athletes, as schema:Person nodes with the role the text gives."""
    people: dict[str, Node] = {}
    for statement in extraction.statements:
        name = statement.speaker_name
        if statement.speaker or not name or not slug(name) or slug(name) in people:
            continue
        people[slug(name)] = Node(PERSON[slug(name)], [
            (RDFS.label, [Literal(name)]),
            (SCHEMA.jobTitle, [Literal(statement.speaker_role)] if statement.speaker_role else []),
        ], types=[SCHEMA.Person, PROV.Agent],
           comments=["a speaker who is not an athlete of the graph, as the article names them"])  # fmt: skip
    return list(people.values())


def _editions(extraction: Extraction) -> tuple[list[Node], set[str]]:
    known = extraction.refs.known
    declared = set(known.editions)
    nodes = []
    for mention in extraction.editions:
        iri = EDITION[mention.slug]
        if iri.value in declared or mention.competition not in known.competitions:
            continue
        declared.add(iri.value)
        label = f"{known.competitions[mention.competition]} {mention.year}"
        city = next((m.city for m in extraction.editions if m.slug == mention.slug and m.city), None)
        nodes.append(Node(iri, [
            (RDFS.label, [Literal(label)]),
            (RG.editionOf, [COMPETITION[mention.competition]]),
            (RG.year, [Literal(str(mention.year), datatype=XSD.gYear)]),
            (RG.city, [Literal(city)] if city else []),
        ], types=[RG.Edition], comments=[f"an edition the graph did not know yet, named as {mention.surface!r}"]))  # fmt: skip
    return nodes, declared


def _event_iri(
    extraction: Extraction, namespace: Namespace, key: str
) -> tuple[ox.NamedNode, ox.NamedNode | None]:
    """Mint an event's IRI; one the graph already has from another source gets a suffix."""
    base = namespace[key]
    if base.value in extraction.refs.known.subjects:
        return namespace[f"{key}-{extraction.slug}"], base
    return base, None


def _events(extraction: Extraction, declared: set[str]) -> list[tuple[str, list[Node]]]:
    events = extraction.events
    keys = {n: STATEMENT[s.key] for n, s in enumerate(extraction.statements)}
    injuries: dict[str, ox.NamedNode] = {}
    injury_nodes, withdrawal_nodes, appearance_nodes, title_nodes = [], [], [], []
    for key, injury in events.injuries.items():
        iri, existing = _event_iri(extraction, INJURY, key)
        injuries[key] = iri
        injury_nodes.append(Node(iri, [
            (RDFS.label, [Literal(f"{extraction.label(injury.athlete)}'s {injury.body_part} injury ({injury.year})")]),
            (RG.athlete, [ox.NamedNode(injury.athlete)]),
            (RG.bodyPart, [Literal(injury.body_part)]),
            *_reported(extraction),
            (PROV.alternateOf, [existing] if existing else []),
        ], types=[RG.Injury]))  # fmt: skip
    for key, withdrawal in events.withdrawals.items():
        edition = EDITION[withdrawal.edition.slug]
        if edition.value not in declared:
            continue
        iri, existing = _event_iri(extraction, WITHDRAWAL, key)
        reasons = [injuries[k] for k in withdrawal.injuries] or [keys[n] for n in withdrawal.stated_in]
        node = Node(iri, [
            (RDFS.label, [Literal(f"{extraction.label(withdrawal.athlete)} withdraws from {withdrawal.edition.surface} {withdrawal.edition.year}")]),
            (RG.reviewNote, [] if reasons else [Literal("reason: the article gives none the extractor could read; add rg:reason (an rg:Injury or the rg:Statement that explains it)")]),
            (RG.athlete, [ox.NamedNode(withdrawal.athlete)]),
            (RG.edition, [edition]),
            (RG.reason, reasons),
            (RG.reasonText, [Literal(t) for t in withdrawal.reason_texts]),
            (RG.statedIn, [keys[n] for n in withdrawal.stated_in]),
            *_reported(extraction),
            (PROV.alternateOf, [existing] if existing else []),
        ], types=[RG.Withdrawal])  # fmt: skip
        withdrawal_nodes.append(node)
    for key, plan in events.appearances.items():
        edition = EDITION[plan.edition.slug]
        if edition.value not in declared:
            continue
        iri, existing = _event_iri(extraction, APPEARANCE, key)
        appearance_nodes.append(Node(iri, [
            (RDFS.label, [Literal(f"{extraction.label(plan.athlete)} plans to run {plan.edition.surface} {plan.edition.year}")]),
            (RDFS.comment, [Literal(f"Planned date: {plan.date_note}.")] if plan.date_note else []),
            (RG.athlete, [ox.NamedNode(plan.athlete)]),
            (RG.edition, [edition]),
            (RG.plannedDate, [_date(plan.first)]),
            (RG.plannedEndDate, [_date(plan.last)] if plan.last else []),
            (RG.tentative, [Literal("true" if plan.tentative else "false", datatype=XSD.boolean)]),
            (RG.statedIn, [keys[n] for n in plan.stated_in]),
            *_reported(extraction),
            (PROV.alternateOf, [existing] if existing else []),
        ], types=[RG.PlannedAppearance]))  # fmt: skip
    known_titles = {t.iri: t for t in extraction.refs.known.titles}
    for title_iri, held in events.titles.items():
        title = known_titles[title_iri]
        title_nodes.append(Node(TITLE[title_iri.rsplit("/", 1)[-1]], [
            (RDFS.label, [Literal(title.label)]),
            (RDFS.comment, [Literal(f"Named in the article as {held.phrase!r}.")]),
            (RG.athlete, [ox.NamedNode(title.athlete)]),
            (RG.edition, [ox.NamedNode(title.edition)]),
            (RG.discipline, [ox.NamedNode(title.discipline)]),
            (RG.reportedIn, [extraction.source]),
        ], types=[RG.Title]))  # fmt: skip
    return [("Injuries", injury_nodes), ("Withdrawals", withdrawal_nodes),
            ("Planned appearances", appearance_nodes), ("Titles the article names", title_nodes)]  # fmt: skip


def _source(extraction: Extraction) -> list[Node]:
    title = extraction.slug[11:].replace("-", " ").capitalize() or extraction.slug
    notes = "; ".join(extraction.events.notes)
    article = Node(extraction.source, [
        (RDFS.label, [Literal(title)]),
        (RDFS.comment, [Literal(
            f"Draft made by `rivalgraph ingest` (rivalgraph {__version__}) from "
            f"{extraction.article.path.name}" + (" (HTML; offsets count in the extracted text, rg:localCopy)" if extraction.article.html else "")
            + (f". Not extracted: {notes}" if notes else "") + "."
        )]),
        (SCHEMA.datePublished, [_date(extraction.date)]),
        (SCHEMA.inLanguage, [Literal(extraction.language)]),
        (SCHEMA.url, [Literal(extraction.url, datatype=XSD.anyURI)] if extraction.url else []),
        (RG.publisher, [OUTLET[extraction.publisher.slug]] if extraction.publisher else []),
        (RG.localCopy, [Literal(extraction.local_copy)]),
    ], types=[RG.Article])  # fmt: skip
    graph = Node(extraction.graph, [
        (RDFS.label, [Literal(f"Facts and statements from the article of {extraction.date.isoformat()}: {title}")]),
        (PROV.wasDerivedFrom, [extraction.source]),
    ], types=[RG.SourceGraph])  # fmt: skip
    return [graph, article]


def draft_text(extraction: Extraction) -> str:
    """Write the extraction as a TriG draft (see the module docstring)."""
    edition_nodes, declared = _editions(extraction)
    set_about(extraction.refs, extraction.statements, extraction.editions, extraction.events, declared)
    sections: list[tuple[str, Sequence[Node]]] = [
        ("The named graph and its source", _source(extraction)),
        ("Outlets new to the graph", _outlets(extraction)),
        ("People who are not athletes", _people(extraction)),
        ("Editions new to the graph", edition_nodes),
        ("Statements, in article order", [
            _statement(extraction, n, s) for n, s in enumerate(extraction.statements)]),
        *_events(extraction, declared),
    ]  # fmt: skip
    header = (
        f"DRAFT for review, written by `rivalgraph ingest` from {extraction.article.path.name}.\n"
        "Check every statement against the article; resolve each rg:reviewNote (set what it asks,\n"
        "then delete the note; rivalgraph review THIS-FILE does it from the terminal),\n"
        "then: rivalgraph ingest --accept THIS-FILE"
    )
    return to_trig(extraction.graph, sections, header)


def review_flags(extraction: Extraction) -> list[str]:
    """List what a person must decide, one line per flag: ``node: what``."""
    lines = []
    for statement in extraction.statements:
        lines += [f"statement:{statement.key}: {flag}" for flag in statement.flags]
    for key, withdrawal in extraction.events.withdrawals.items():
        if not withdrawal.injuries and not withdrawal.stated_in:
            lines.append(f"withdrawal:{key}: reason: none found; add rg:reason")
    return lines
