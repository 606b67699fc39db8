"""Accept a reviewed draft: check it, link duplicates, and move it into ``graph/articles/``.

A draft is refused when it still carries a review note, when it holds no
statement and no event (unless ``allow_empty``: an article with nothing to
extract, or one the rules misread), when a file of that name is already
curated (a curated file is never overwritten), when its
article is already in the graph, when a statement's offsets do not give its
text in the stored article, or when the whole graph with the draft added
fails validation (:func:`rivalgraph.build.check` over the same scan a build
reads: syntax, SHACL, declared terms, provenance).  A statement that repeats
one already in the graph (same speaker, same words, another source) is linked
with ``rg:sameStatementAs`` in a block appended to the file, not duplicated.  For an HTML article, the
extracted text beside the draft moves along and ``rg:localCopy`` follows it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from rivalgraph.build import check, collect
from rivalgraph.errors import RivalgraphError, ValidationFailed
from rivalgraph.ingest.duplicates import same_statements
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.pipeline import write_atomically
from rivalgraph.ingest.text import stored_text
from rivalgraph.ingest.trig import term
from rivalgraph.namespaces import RDF, RG
from rivalgraph.resources import graph_dir
from rivalgraph.sources import display_path, parse_rdf

__all__ = ["AcceptRefused", "AcceptResult", "accept"]


class AcceptRefused(RivalgraphError):
    """The draft cannot go into the curated graph yet; the message says why."""


@dataclass(frozen=True)
class AcceptResult:
    """Where the draft went and which duplicates it was linked to."""

    target: Path
    text_copy: Path | None
    links: list[tuple[str, str]]


def _v(node: object) -> str:
    return str(getattr(node, "value", node))


def _values(quads: list[ox.Quad], predicate: ox.NamedNode) -> dict[str, str]:
    return {_v(q.subject): _v(q.object) for q in quads if q.predicate == predicate}


def _review_notes(quads: list[ox.Quad]) -> list[str]:
    return [f"{term(q.subject)}: {_v(q.object)}" for q in quads  # type: ignore[arg-type]
            if q.predicate == RG.reviewNote]  # fmt: skip


def _grounding(quads: list[ox.Quad], draft: Path) -> list[str]:
    texts, starts, ends = (_values(quads, p) for p in (RG.text, RG.offsetStart, RG.offsetEnd))
    copies = list(_values(quads, RG.localCopy).values())
    if not copies:
        return []
    candidates = [Path(copies[0]), draft.parent / copies[0], draft.parent / Path(copies[0]).name]
    stored = next((path for path in candidates if path.is_file()), None)
    if stored is None:
        return [f"rg:localCopy {copies[0]!r} cannot be found, so the offsets cannot be checked"]
    article = stored_text(stored)
    return [
        f"<{iri}>: article[{starts[iri]}:{ends[iri]}] is not its rg:text"
        for iri, text in texts.items()
        if iri in starts and iri in ends and article[int(starts[iri]) : int(ends[iri])] != text
    ]


_EVENTS = {RG.Injury, RG.Withdrawal, RG.PlannedAppearance}


def _clashes(quads: list[ox.Quad], curated: Iterable[ox.Quad]) -> list[str]:
    events = {q.subject for q in quads if q.predicate == RDF.type and q.object in _EVENTS}
    taken = {q.subject for q in curated if q.predicate == RDF.type and q.object in _EVENTS}
    return sorted(term(node) for node in events & taken)  # type: ignore[arg-type]


def _links(quads: list[ox.Quad], known: Knowledge) -> list[tuple[str, str]]:
    texts, speakers = _values(quads, RG.text), _values(quads, RG.speaker)
    linked = {(_v(q.subject), _v(q.object)) for q in quads if q.predicate == RG.sameStatementAs}
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    links = []
    for iri, text in texts.items():
        if iri not in speakers:
            continue
        for other in same_statements(speakers[iri], text, known.statements):
            if (iri, other) not in linked and other not in texts and not graphs & {other}:
                links.append((iri, other))
    return links


def _is_empty(quads: list[ox.Quad]) -> bool:
    kinds = {RG.Statement, RG.Response, *_EVENTS}
    return not any(q.predicate == RDF.type and q.object in kinds for q in quads)


def _with_links(text: str, graph: str, links: list[tuple[str, str]]) -> str:
    if not links:
        return text
    lines = ["", "# Linked by `rivalgraph ingest --accept`: the same words of the same speaker,",
             "# already in the graph from another source.", f"{term(ox.NamedNode(graph))} {{"]  # fmt: skip
    lines += [f"    {term(ox.NamedNode(a))} rg:sameStatementAs {term(ox.NamedNode(b))} ." for a, b in links]
    return text.rstrip("\n") + "\n" + "\n".join(lines) + "\n}\n"


def accept(
    draft: Path,
    graph_folder: Path | None = None,
    *,
    keep_draft: bool = False,
    allow_empty: bool = False,
) -> AcceptResult:
    """Validate ``draft`` and move it into ``<graph folder>/articles/`` (see the module docstring).

    Raises
    ------
    InputError
        The draft is not valid TriG (names file and line).
    AcceptRefused
        It has review notes, it is empty and ``allow_empty`` is false, a
        curated file of that name exists, its article is already in the
        graph, or its offsets do not match the article.
    ValidationFailed
        The graph with the draft added breaks a shape or another rule.
    """
    folder = graph_folder or graph_dir()
    quads = parse_rdf(draft)
    if notes := _review_notes(quads):
        count = f"{len(notes)} review note" + ("s" if len(notes) > 1 else "")
        raise AcceptRefused(f"{display_path(draft)} still has {count} to resolve "
                            f"(settle them with: rivalgraph review {display_path(draft)}):\n"
                            + "\n".join(f"  - {note}" for note in notes))  # fmt: skip
    if not allow_empty and _is_empty(quads):
        raise AcceptRefused(
            f"{display_path(draft)} has no statements and no events, so accepting it would add only "
            "the article itself; check the article was read right (its language, its quotation "
            "marks), or give this option to accept it as it is",
            options=("allow_empty",),
        )
    target = folder / "articles" / (draft.stem + ".trig")
    copy_from = draft.with_suffix(".txt")
    copy_to = target.with_suffix(".txt") if copy_from.is_file() else None
    for existing in filter(None, (target, copy_to)):
        if existing.exists():
            raise AcceptRefused(
                f"{display_path(existing)} already exists; a curated file is never overwritten"
            )
    graphs = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)})
    if len(graphs) != 1:
        raise AcceptRefused(f"{display_path(draft)} should hold exactly one named graph, not {len(graphs)}")
    # The curated files: the imports hold neither articles nor their events, and reading all of
    # athletics as quads here would take gigabytes (the check below reads them as a build does).
    curated = collect(folder, imports=False)
    graph = ox.NamedNode(graphs[0])
    already = sorted(file.name for file in curated.scan.files if graph in file.graphs)
    if already:
        raise AcceptRefused(f"the article's graph <{graphs[0]}> is already curated in {', '.join(already)}")
    if clashes := _clashes(quads, curated.data_quads()):
        raise AcceptRefused(
            "these events are already in the graph from another source (the graph changed since the "
            "draft was written): run `rivalgraph ingest` again to give them new IRIs linked with "
            "prov:alternateOf, or merge them by hand:\n" + "\n".join(f"  - {c}" for c in clashes)
        )
    if problems := _grounding(quads, draft):
        raise AcceptRefused("the statements are not grounded in the article:\n"
                            + "\n".join(f"  - {p}" for p in problems))  # fmt: skip
    text = draft.read_text(encoding="utf-8")
    if copy_to is not None:
        text = text.replace(f'"{display_path(copy_from)}"', f'"{display_path(copy_to)}"')
    links = _links(quads, Knowledge.from_quads(curated.data_quads()))
    text = _with_links(text, graphs[0], links)
    _validate(folder, target.name, text)
    if copy_to is not None:
        write_atomically(copy_to, stored_text(copy_from), replace=False)
    write_atomically(target, text, replace=False)
    if not keep_draft:
        draft.unlink()
        if copy_to is not None:
            copy_from.unlink()
    return AcceptResult(target, copy_to, links)


def _validate(folder: Path, name: str, text: str) -> None:
    with tempfile.TemporaryDirectory(prefix="rivalgraph-accept-") as scratch:
        candidate = Path(scratch) / name
        candidate.write_text(text, encoding="utf-8")
        problems = check(collect(folder, [candidate]))
    if problems:
        raise ValidationFailed([p.replace(str(candidate), name) for p in problems])
