"""What ``rivalgraph export`` does: read the store, build the network, write one file atomically.

Two families of formats:

- the **network** (:data:`NETWORK_FORMATS`): the rivalry network of
  :mod:`.network` -- or with ``full`` the knowledge graph of :mod:`.knowledge`
  -- optionally cut to the athletes within ``depth`` rivalries of one athlete
  and to rivalries scoring above ``min_score``; written by :mod:`.graphml`,
  :mod:`.gexf`, :mod:`.jsongraph`, :mod:`.dot` or :mod:`.html`;
- the **RDF** (:data:`RDF_FORMATS`): the store itself, by :mod:`.rdf` and
  :mod:`.jsonld`.

Every file is written through :func:`.files.atomic_output` (a temporary file
beside the target, then :func:`os.replace`) and never inside ``graph/``.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from rivalgraph.build import build
>>> from rivalgraph.store import open_store
>>> location = tempfile.mkdtemp()
>>> _ = build(location, imports=False)
>>> report = export(open_store(location), "d3", Path(location) / "kerr.json",
...                 ExportOptions(athlete="Josh Kerr", depth=1, min_score=0.4))
>>> report.nodes > 1, report.format
(True, 'd3')
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from rivalgraph import __version__
from rivalgraph.analysis.filters import RaceFilter
from rivalgraph.analysis.ranking import score_graph
from rivalgraph.analysis.reader import read_projection, read_ratings_table
from rivalgraph.analysis.scoring import ScoreParameters, counted_factors
from rivalgraph.export.dot import write_dot
from rivalgraph.export.evidence import (
    EvidenceIndex,
    evidence_records,
    pair_evidence,
    pair_pools,
    race_measures,
    timeline_ratings,
)
from rivalgraph.export.files import STDOUT, ExportError, atomic_output, check_target
from rivalgraph.export.gexf import write_gexf
from rivalgraph.export.graphml import write_graphml
from rivalgraph.export.html import write_html
from rivalgraph.export.jsongraph import edge_id, write_cytoscape, write_d3
from rivalgraph.export.jsonld import write_jsonld
from rivalgraph.export.knowledge import knowledge_network
from rivalgraph.export.layout import draw
from rivalgraph.export.network import ego_network, graph_attributes, rivalry_network
from rivalgraph.export.pageparts import needs_parts
from rivalgraph.export.rdf import write_rdf
from rivalgraph.export.reader import (
    read_knowledge,
    read_pair_evidence,
    read_setbacks,
)
from rivalgraph.query import resolve_athlete
from rivalgraph.store import Store
from rivalgraph.strength.standing import pool_label

__all__ = [
    "NETWORK_FORMATS",
    "RDF_FORMATS",
    "FORMATS",
    "ExportOptions",
    "ExportReport",
    "build_network",
    "export",
]

NETWORK_FORMATS = ("graphml", "gexf", "cytoscape", "d3", "dot", "html")
RDF_FORMATS = ("turtle", "trig", "nquads", "jsonld")
FORMATS = NETWORK_FORMATS + RDF_FORMATS
_WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "cytoscape": write_cytoscape,
            "d3": write_d3, "dot": write_dot}  # fmt: skip


@dataclass(frozen=True)
class ExportOptions:
    """What part of the network to export, and how to score it."""

    params: ScoreParameters = field(default_factory=ScoreParameters)
    athlete: str | None = None
    depth: int = 1
    top: int | None = None
    min_score: float = 0.0
    full: bool = False
    seed: int = 7
    race_filter: RaceFilter = field(default_factory=RaceFilter)


@dataclass(frozen=True)
class ExportReport:
    """What was written: the file, its format and size, and what it holds."""

    path: str
    format: str
    nodes: int
    edges: int
    quads: int
    bytes: int
    seconds: float


def build_network(store: Store, options: ExportOptions) -> nx.DiGraph:
    """The network to export: rivalries (or the whole knowledge graph), cut as asked.

    Raises
    ------
    rivalgraph.query.UnknownAthlete
        If ``options.athlete`` names no athlete, or several.
    ExportError
        If ``depth`` is negative.
    """
    network = _build(store, options)[0]
    draw(network, options.seed)
    return network


def _build(store: Store, options: ExportOptions) -> tuple[nx.DiGraph, float, ScoreParameters]:
    """The network (not yet drawn), the reference time of its scores as a fractional year, and
    the parameters the scores counted."""
    if options.depth < 0:
        raise ExportError(f"the depth must be 0 or more, not {options.depth}")
    if options.top is not None and (options.top < 1 or not options.athlete):
        raise ExportError("top (each athlete's strongest rivalries) needs an athlete to start "
                          f"from and must be 1 or more, not {options.top}")  # fmt: skip
    center = resolve_athlete(store, options.athlete).value if options.athlete else None
    projection = read_projection(store, options.race_filter)
    scored = score_graph(projection, options.params)
    params = scored.graph["parameters"]
    keep = frozenset([center]) if center else frozenset()
    network = rivalry_network(projection, scored, min_score=options.min_score, seed=options.seed,
                              keep=keep)  # fmt: skip
    if options.full:
        network = knowledge_network(network, read_knowledge(store))
    if center:
        network = ego_network(network, center, options.depth, options.top)
    network.graph.update(graph_attributes(
        generated_by=f"rivalgraph {__version__}",
        mode="full" if options.full else "rivalries",
        as_of=options.params.as_of or str(projection.graph.get("latest") or ""),
        # Only when filtered: an unfiltered export reads as it always did.
        **({"filter": options.race_filter.describe()} if not options.race_filter.everything
           else {}),
        athlete=center, depth=options.depth if center else 0, min_score=options.min_score,
        **({"top": options.top} if options.top else {}),
        parameters=params.describe(),
    ))  # fmt: skip
    return network, float(scored.graph["as_of"]), params


def _evidence(store: Store, network: nx.DiGraph, options: ExportOptions,
              as_of: float) -> tuple[dict[str, Any], dict[str, Any]]:  # fmt: skip
    """Each rivalry edge's evidence (with the pool its timeline draws), and the page's tables it
    refers to: ``{"races": ..., "statements": ..., "ratings": ..., "setbacks": ...}``."""
    races, statements = read_pair_evidence(store, options.race_filter)
    found = pair_evidence(races, statements, options.params, as_of)
    pools = pair_pools(races)
    labels = {node: data["label"] for node, data in network.nodes(data=True)}
    evidence: dict[str, Any] = {}
    index = EvidenceIndex(race_measures(races))
    wanted: set[tuple[str, str]] = set()
    for number, (source, target, kind) in enumerate(network.edges(data="kind")):
        if kind != "rivalry":
            continue
        records: dict[str, Any] = dict(evidence_records(found, source, target, labels, index))
        pool = pools.get((source, target)) or pools.get((target, source))
        if pool:
            records["pool"], records["pool_label"] = pool, pool_label(*pool.split(" "))
            wanted |= {(source, pool), (target, pool)}
        evidence[edge_id(number)] = records
    ratings = timeline_ratings(read_ratings_table(store), wanted) if wanted else {}
    return evidence, {
        "races": index.races,
        "statements": index.statements,
        "ratings": ratings,
        "setbacks": read_setbacks(store, set(network)),
    }


def _title(network: nx.DiGraph, options: ExportOptions) -> tuple[str, dict[str, Any]]:
    what = "Knowledge graph" if options.full else "Rivalry network"
    center = network.graph.get("athlete")
    if center and center in network:
        label = network.nodes[center]["label"]
        return f"{what} around {label}", {"athlete_label": label}
    return what, {}


def _write_network(store: Store, format: str, handle: BinaryIO, options: ExportOptions) -> nx.DiGraph:
    network, as_of_year, params = _build(store, options)
    # A page in parts draws each part on its own (pageparts): the whole network's layout would
    # be laid out for nothing (37,645 athletes on all of athletics).
    if not (format == "html" and needs_parts(network)):
        draw(network, options.seed)
    if format == "html":
        title, meta = _title(network, options)
        meta["factors"] = list(counted_factors(params))
        evidence, tables = _evidence(store, network, options, as_of_year)
        write_html(network, handle, evidence, meta, title, seed=options.seed, **tables)
    else:
        _WRITERS[format](network, handle)
    return network


def export(store: Store, format: str, path: Path | str, options: ExportOptions | None = None) -> ExportReport:
    """Export the store as ``format`` into ``path``, atomically.

    Parameters
    ----------
    store : Store
        The built graph.
    format : str
        One of :data:`FORMATS`.
    path : path-like
        The file to write (replaced if it exists; never inside ``graph/``).
    options : ExportOptions, optional
        For the network formats: athlete, depth, minimum score, ``full``, score parameters.

    Raises
    ------
    ExportError
        For an unknown format or a target that cannot be written.
    """
    options = options or ExportOptions()
    if format not in FORMATS:
        raise ExportError(f"unknown export format {format!r}; known: {', '.join(FORMATS)}")
    target = check_target(path)
    started = time.perf_counter()
    nodes = edges = quads = 0
    with atomic_output(target) as handle:
        if format == "jsonld":
            quads = write_jsonld(store, handle)
        elif format in RDF_FORMATS:
            quads = write_rdf(store, format, handle)
        else:
            network = _write_network(store, format, handle, options)
            nodes, edges = network.number_of_nodes(), network.number_of_edges()
    size = 0 if str(target) == STDOUT else target.stat().st_size  # a stream has no size to read back
    return ExportReport(str(target), format, nodes, edges, quads, size,
                        time.perf_counter() - started)  # fmt: skip
