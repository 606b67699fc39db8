"""Settle a draft's review notes from the terminal, without editing TriG by hand.

:meth:`Draft.decisions` lists what needs a person: every ``rg:reviewNote``
(a speaker to choose, a reply to link, a withdrawal's reason) and every
reply the extractor linked by itself (to confirm or drop).  Each
:class:`Decision` offers :class:`Option` s; :meth:`Draft.apply` carries one
out on the draft's quads and rewrites only the blocks it touched, so the
comments and layout that ``rivalgraph ingest`` wrote stay as they were.
:meth:`Draft.save` parses the result back and replaces the file in one step.

Examples
--------
>>> import pyoxigraph as ox
>>> from rivalgraph.ingest.trig import Node, to_trig
>>> from rivalgraph.namespaces import ATHLETE, GRAPH, RDFS, STATEMENT
>>> node = Node(STATEMENT["s"], [(RDFS.label, [ox.Literal("unattributed: We are ready")]),
...     (RG.reviewNote, [ox.Literal("speaker: the cue names nobody; add rg:speaker")]),
...     (RG.text, [ox.Literal("We are ready")])], types=[RG.Statement])
>>> draft = Draft(Path("d.trig"), to_trig(GRAPH["g"], [("Statements", [node])]))
>>> [decision] = draft.decisions()
>>> decision.kind, [option.key for option in decision.options]
('speaker', ['a', 'd', 's'])
>>> draft.apply(decision, speaker_option(KnownAthlete(ATHLETE["josh-kerr"].value, "Josh Kerr")))
>>> print(draft.text.split("{")[1].strip())  # doctest: +NORMALIZE_WHITESPACE
# Statements
statement:s
    a rg:Statement ;
    rdfs:label "Josh Kerr: We are ready" ;
    rg:speaker athlete:josh-kerr ;
    rg:text "We are ready" .
}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.errors import InputError
from rivalgraph.ingest.knowledge import Knowledge, KnownAthlete
from rivalgraph.ingest.pipeline import write_atomically
from rivalgraph.ingest.text import stored_text
from rivalgraph.ingest.trig import Node, node_lines, term
from rivalgraph.namespaces import ATHLETE, PERSON, PREFIXES, RDF, RDFS, RG
from rivalgraph.slugs import fold_name
from rivalgraph.sources import display_path

__all__ = ["Decision", "Draft", "Edit", "Option", "find_athletes", "speaker_option"]

Object = ox.NamedNode | ox.Literal
_IRI_LIST = re.compile(r"candidates in the graph: ([^;]+);")
_SPEAKER_CANDIDATES = re.compile(r"speaker candidates: (\S+(?:, \S+)*)\.")
_MOST_CANDIDATES = 6


@dataclass(frozen=True)
class Edit:
    """What choosing an option changes on one node."""

    #: Predicates whose values are replaced (an empty tuple removes them).
    values: tuple[tuple[ox.NamedNode, tuple[Object, ...]], ...] = ()
    #: The node's new rdf:type, when it changes (a statement becomes a response).
    types: tuple[ox.NamedNode, ...] | None = None
    #: Remove the node and every link to it.
    drop: bool = False
    #: Delete the decision's review note (False: leave it for later).
    settles: bool = True
    #: The speaker's name for the node's label ("<name>: <first words>").
    speaker_name: str | None = None


@dataclass(frozen=True)
class Option:
    """One answer to a decision: the key typed, what it means, what it changes."""

    key: str
    label: str
    edit: Edit
    #: The option needs a typed athlete (name, ``athlete:slug`` or IRI) to be complete.
    asks_athlete: bool = False


SKIP = Option("s", "skip: decide later (the note stays, --accept refuses the draft)", Edit(settles=False))


@dataclass(frozen=True)
class Decision:
    """Something a person must decide about one node of the draft."""

    subject: ox.NamedNode
    kind: str
    note: str | None
    summary: str
    context: str
    options: tuple[Option, ...]
    default: str | None = None


def speaker_option(athlete: KnownAthlete, key: str = "a", detail: str = "") -> Option:
    """The option that makes ``athlete`` the speaker (``detail``: how the menu shows them)."""
    iri = ox.NamedNode(athlete.iri)
    return Option(key, f"the speaker is {detail or athlete.label} ({term(iri)})",
                  Edit(values=((RG.speaker, (iri,)),), speaker_name=athlete.label))  # fmt: skip


def find_athletes(text: str, known: Knowledge) -> list[KnownAthlete]:
    """Find the athletes a reviewer means: an IRI, ``athlete:slug`` or a full name.

    Examples
    --------
    >>> known = Knowledge(athletes={ATHLETE["josh-kerr"].value: KnownAthlete(
    ...     ATHLETE["josh-kerr"].value, "Josh Kerr")})
    >>> [a.label for a in find_athletes("josh kerr", known)]
    ['Josh Kerr']
    >>> [a.label for a in find_athletes("athlete:josh-kerr", known)]
    ['Josh Kerr']
    >>> find_athletes("Kerr Josh", known)
    []
    """
    text = text.strip().strip("<>")
    prefix, _, local = text.partition(":")
    iri = PREFIXES[prefix] + local if prefix in PREFIXES and "//" not in text else text
    if iri in known.athletes:
        return [known.athletes[iri]]
    folded = fold_name(text)
    return sorted((a for a in known.athletes.values() if fold_name(a.label) == folded),
                  key=lambda a: a.iri)  # fmt: skip


@dataclass
class Draft:
    """A draft written by ``rivalgraph ingest``: its text and its quads, kept in step."""

    path: Path
    text: str
    quads: list[ox.Quad] = field(init=False)

    def __post_init__(self) -> None:
        try:
            self.quads = list(ox.parse(self.text.encode("utf-8"), format=ox.RdfFormat.TRIG))
        except SyntaxError as error:
            raise InputError(display_path(self.path), f"not valid TriG: {error}") from None
        self._suggestions: dict[str, list[str]] = {}

    @classmethod
    def read(cls, path: Path) -> Draft:
        """Read a draft file.

        Raises
        ------
        InputError
            The file is missing, not UTF-8 or not valid TriG (names the file).
        """
        try:
            return cls(path, path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(display_path(path), "no such draft file") from None
        except (UnicodeDecodeError, IsADirectoryError) as error:
            raise InputError(display_path(path), f"not a UTF-8 text file ({error})") from None

    # -- reading -----------------------------------------------------------------------------

    def holds(self, subject: ox.NamedNode) -> bool:
        """Whether the draft still says anything about ``subject`` (it may have been dropped)."""
        return any(q.subject == subject for q in self.quads)

    def values(self, subject: ox.NamedNode, predicate: ox.NamedNode) -> list[Object]:
        return [q.object for q in self.quads  # type: ignore[misc]
                if q.subject == subject and q.predicate == predicate]  # fmt: skip

    def first(self, subject: ox.NamedNode, predicate: ox.NamedNode) -> str:
        found = self.values(subject, predicate)
        return found[0].value if found else ""

    def _subjects(self, type_: ox.NamedNode) -> list[ox.NamedNode]:
        return [q.subject for q in self.quads  # type: ignore[misc]
                if q.predicate == RDF.type and q.object == type_]  # fmt: skip

    def _article_text(self) -> str | None:
        for copy in {_v(q.object) for q in self.quads if q.predicate == RG.localCopy}:
            for place in (Path(copy), self.path.parent / Path(copy).name):
                if place.is_file():
                    return stored_text(place)
        return None

    def _context(self, subject: ox.NamedNode, article: str | None) -> str:
        text = self.first(subject, RG.text)
        start, end = self.first(subject, RG.offsetStart), self.first(subject, RG.offsetEnd)
        if article is None or not start.isdigit() or not end.isdigit():
            return f"“{text}”" if text else ""
        lower, upper = int(start), int(end)
        before = article[max(0, lower - 160) : lower].split("\n")[-1]
        after = article[upper : upper + 120].split("\n")[0]
        return f"…{before}[[{article[lower:upper]}]]{after}…"

    def _named_athletes(self) -> list[ox.NamedNode]:
        seen: dict[str, ox.NamedNode] = {}
        for quad in self.quads:
            if quad.predicate in (RG.speaker, RG.about) and isinstance(quad.object, ox.NamedNode) \
                    and ATHLETE.is_in(quad.object.value):  # fmt: skip
                seen.setdefault(quad.object.value, quad.object)
        return list(seen.values())

    def decisions(self, known: Knowledge | None = None) -> list[Decision]:
        """List what needs a person, in the draft's order (see the module docstring)."""
        article = self._article_text()
        found = []
        for quad in self.quads:
            if quad.predicate == RG.reviewNote and isinstance(quad.subject, ox.NamedNode):
                found.append(self._decision(quad.subject, _v(quad.object), known, article))
        for response in self._subjects(RG.Response):
            if not self.values(response, RG.reviewNote):
                found.append(self._reply(response, article))
        order = {_v(q.subject): n for n, q in reversed(list(enumerate(self.quads)))}
        return sorted(found, key=lambda d: order[d.subject.value])

    def _athlete(self, iri: str, known: Knowledge | None) -> KnownAthlete:
        athlete = known.athletes.get(iri) if known else None
        return athlete or KnownAthlete(iri, iri.rsplit("/", 1)[-1].replace("-", " ").title())

    def _label(self, iri: str, known: Knowledge | None) -> str:
        athlete = known.athletes.get(iri) if known else None
        if athlete is None:
            return term(ox.NamedNode(iri))
        born = f", born {athlete.birth.isoformat()}" if athlete.birth else ""
        nations = "/".join(sorted(athlete.nations))
        return f"{athlete.label} ({nations}{born})" if nations or born else athlete.label

    def _decision(
        self, subject: ox.NamedNode, note: str, known: Knowledge | None, article: str | None
    ) -> Decision:
        summary = self.first(subject, RDFS.label) or term(subject)
        context = self._context(subject, article)
        drop = Option("d", "drop it: not a statement worth keeping", Edit(drop=True))
        if note.startswith("speaker:"):
            return Decision(subject, "speaker", note, summary, context,
                            self._speaker_options(subject, note, known, article) + (drop, SKIP))  # fmt: skip
        if note.startswith("response:"):
            options = [
                Option(str(n), f"it answers {self._label(iri, known)} <{iri}>", Edit(
                    values=((RG.respondsTo, (ox.NamedNode(iri),)),), types=(RG.Response,)))
                for n, iri in enumerate(_listed_iris(note), 1)
            ]  # fmt: skip
            options += [
                Option(str(n), f"it answers {self.first(earlier, RDFS.label)!r} (this article)", Edit(
                    values=((RG.respondsTo, (earlier,)),), types=(RG.Response,)))
                for n, earlier in enumerate(self._earlier_statements(subject), len(options) + 1)
            ]  # fmt: skip
            options.append(Option("n", "no reply link: leave it a statement", Edit()))
            return Decision(subject, "response", note, summary, context, (*options, drop, SKIP))
        if note.startswith("reason:"):
            athlete = self.first(subject, RG.athlete)
            own = [s for s in self._statements() if self.first(s, RG.speaker) == athlete]
            options = [Option(str(n), f"the reason is {term(s)}: {self.first(s, RG.text)[:70]!r}",
                              Edit(values=((RG.reason, (s,)),))) for n, s in enumerate(own, 1)]  # fmt: skip
            withdraw = Option("d", "drop the withdrawal: the article does not support it", Edit(drop=True))
            return Decision(subject, "reason", note, summary, context, (*options, withdraw, SKIP))
        checked = Option("k", "checked: delete the note, keep the node as it is", Edit())
        return Decision(subject, "note", note, summary, context, (checked, drop, SKIP))

    def _named_near(self, subject: ox.NamedNode, known: Knowledge, article: str) -> list[str]:
        """Athletes the article names in full, nearest to the statement first (before it wins a tie)."""
        start = self.first(subject, RG.offsetStart)
        at = int(start) if start.isdigit() else 0
        distance: dict[str, int] = {}
        for athlete in known.athletes.values():
            if " " not in athlete.label or athlete.label not in article:
                continue
            places = [m.start() for m in re.finditer(re.escape(athlete.label), article)]
            distance[athlete.iri] = min(at - p if p <= at else 2 * (p - at) for p in places)
        return sorted(distance, key=distance.__getitem__)

    def _speaker_options(
        self, subject: ox.NamedNode, note: str, known: Knowledge | None, article: str | None
    ) -> tuple[Option, ...]:
        listed = [c.strip() for comment in self.values(subject, RDFS.comment)
                  for c in _candidates(comment.value)]  # fmt: skip
        nearby = self._named_near(subject, known, article) if known and article else []
        candidates = list(dict.fromkeys(listed + nearby + [a.value for a in self._named_athletes()]))
        options = [speaker_option(self._athlete(iri, known), str(n), self._label(iri, known))
                   for n, iri in enumerate(candidates[:_MOST_CANDIDATES], 1)]  # fmt: skip
        if "schema:Person" in note:
            options.append(Option("p", "keep the speaker as the schema:Person the draft names", Edit()))
        options.append(Option("a", "another athlete: type a name, athlete:slug or IRI",
                              Edit(values=((RG.speaker, ()),)), asks_athlete=True))  # fmt: skip
        return tuple(options)

    def _earlier_statements(self, subject: ox.NamedNode) -> list[ox.NamedNode]:
        """The draft's statements before ``subject`` by someone else (or nobody yet), latest first."""
        statements = list(dict.fromkeys(self._statements()))
        speaker = self.first(subject, RG.speaker)
        earlier = statements[: statements.index(subject)] if subject in statements else []
        return [s for s in reversed(earlier) if not speaker or self.first(s, RG.speaker) != speaker][
            :_MOST_CANDIDATES
        ]

    def _statements(self) -> list[ox.NamedNode]:
        kinds = (RG.Statement, RG.Response)
        return [q.subject for q in self.quads  # type: ignore[misc]
                if q.predicate == RDF.type and q.object in kinds]  # fmt: skip

    def _reply(self, subject: ox.NamedNode, article: str | None) -> Decision:
        target = self.first(subject, RG.respondsTo)
        answered = next((self.first(q.subject, RDFS.label) for q in self.quads  # type: ignore[arg-type]
                         if _v(q.subject) == target and q.predicate == RDFS.label), target)  # fmt: skip
        keep = Option("k", f"keep: it answers {answered!r}", Edit(settles=False))
        unlink = Option("x", "not a reply: drop the link, leave it a statement",
                        Edit(values=((RG.respondsTo, ()),), types=(RG.Statement,)))  # fmt: skip
        summary = self.first(subject, RDFS.label) or term(subject)
        return Decision(subject, "reply", None, summary, self._context(subject, article),
                        (keep, unlink), default="k")  # fmt: skip

    # -- changing ----------------------------------------------------------------------------

    def apply(self, decision: Decision, option: Option) -> None:
        """Carry out ``option`` on the decision's node and rewrite the blocks it touched."""
        subject, edit = decision.subject, option.edit
        if edit.drop:
            self._drop(subject)
            return
        touched = {subject.value}
        if edit.settles and decision.note is not None:
            self.quads = [q for q in self.quads if not (
                q.subject == subject and q.predicate == RG.reviewNote and _v(q.object) == decision.note)]  # fmt: skip
            self._suggestions[subject.value] = []
        before = set(self.values(subject, RG.speaker))
        for predicate, objects in edit.values:
            self._replace(subject, predicate, objects)
        if edit.speaker_name:
            self._relabel(subject, edit.speaker_name)
        if edit.types is not None:
            self._replace(subject, RDF.type, edit.types)
        self._rewrite(touched)
        for person in before - set(self.values(subject, RG.speaker)):
            if isinstance(person, ox.NamedNode) and PERSON.is_in(person.value) \
                    and not any(q.object == person for q in self.quads):  # fmt: skip
                self._drop(person)  # a person the draft named only as this speaker

    def _replace(self, subject: ox.NamedNode, predicate: ox.NamedNode, objects: tuple[Object, ...]) -> None:
        graph = next(q.graph_name for q in self.quads if q.subject == subject)
        places = [n for n, q in enumerate(self.quads) if q.subject == subject and q.predicate == predicate]
        if places:
            at = places[0]
        else:  # a new property goes before the statement's text, where ingest writes it
            mine = [n for n, q in enumerate(self.quads) if q.subject == subject]
            at = next((n for n in mine if self.quads[n].predicate == RG.text), mine[-1] + 1)
        kept = [q for n, q in enumerate(self.quads) if n not in set(places)]
        at -= sum(1 for n in places if n < at)
        kept[at:at] = [ox.Quad(subject, predicate, o, graph) for o in objects]
        self.quads = kept

    def _relabel(self, subject: ox.NamedNode, name: str) -> None:
        label = self.first(subject, RDFS.label)
        if ": " in label:
            self._replace(subject, RDFS.label, (ox.Literal(f"{name}: {label.split(': ', 1)[1]}"),))

    def _drop(self, subject: ox.NamedNode) -> None:
        referring = {_v(q.subject) for q in self.quads if q.object == subject}
        self.quads = [q for q in self.quads if q.subject != subject and q.object != subject]
        for iri in referring:  # a reply to a dropped statement is no longer a reply
            node = ox.NamedNode(iri)
            if not self.values(node, RG.respondsTo) and RG.Response in self.values(node, RDF.type):
                self._replace(node, RDF.type, (RG.Statement,))
        lines = self.text.split("\n")
        start, end = self._block(lines, subject)
        while start > 0 and lines[start - 1].startswith("    # "):
            start -= 1
        if start > 0 and end < len(lines) and not lines[start - 1].strip() and not lines[end].strip():
            end += 1
        self.text = "\n".join(lines[:start] + lines[end:])
        self._rewrite(referring)

    def _block(self, lines: list[str], subject: ox.NamedNode) -> tuple[int, int]:
        head = f"    {term(subject)}"
        try:
            start = lines.index(head)
        except ValueError:
            raise InputError(display_path(self.path), f"{head.strip()} is not laid out as "
                             "`rivalgraph ingest` writes it (edited by hand?): settle its note "
                             "in a text editor") from None  # fmt: skip
        end = start + 1
        while end < len(lines) and not lines[end].rstrip().endswith(" ."):
            end += 1
        end += 1
        suggestions = []
        while end < len(lines) and lines[end].startswith("        # "):
            suggestions.append(lines[end][10:])
            end += 1
        self._suggestions.setdefault(subject.value, suggestions)
        return start, end

    def _rewrite(self, subjects: set[str]) -> None:
        lines = self.text.split("\n")
        for iri in subjects:
            subject = ox.NamedNode(iri)
            start, end = self._block(lines, subject)
            properties: dict[str, tuple[ox.NamedNode, list[Object]]] = {}
            types: list[ox.NamedNode] = []
            for quad in self.quads:
                if quad.subject != subject:
                    continue
                if quad.predicate == RDF.type and isinstance(quad.object, ox.NamedNode):
                    types.append(quad.object)
                else:
                    properties.setdefault(quad.predicate.value, (quad.predicate, []))[1].append(quad.object)  # type: ignore[arg-type]
            node = Node(subject, list(properties.values()), types=types,
                        suggestions=self._suggestions.get(iri, []))  # fmt: skip
            lines[start:end] = node_lines(node)
        self.text = "\n".join(lines)

    def notes_left(self) -> list[str]:
        """The review notes still in the draft, as ``node: note``."""
        return [f"{term(q.subject)}: {_v(q.object)}" for q in self.quads  # type: ignore[arg-type]
                if q.predicate == RG.reviewNote]  # fmt: skip

    def save(self) -> None:
        """Check the text parses to the quads kept, then replace the file in one step."""
        parsed = set(ox.parse(self.text.encode("utf-8"), format=ox.RdfFormat.TRIG))
        if parsed != set(self.quads):  # pragma: no cover - a rewriting bug, never bad input
            raise ValueError(f"rewriting {display_path(self.path)} lost or added triples; not saved")
        write_atomically(self.path, self.text, replace=True)


def _v(term: object) -> str:
    return str(getattr(term, "value", term))


def _candidates(comment: str) -> list[str]:
    found = _SPEAKER_CANDIDATES.search(comment)
    return found.group(1).split(", ") if found else []


def _listed_iris(note: str) -> list[str]:
    found = _IRI_LIST.search(note)
    return [iri.strip() for iri in found.group(1).split(", ")] if found else []
