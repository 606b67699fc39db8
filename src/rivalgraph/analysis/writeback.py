"""Rivalries as RDF: the quads of the analysis graph ``graph:analysis-rivalries``.

:func:`rivalry_quads` turns a scored graph (:func:`.ranking.score_graph`) and
the evidence links of each pair into quads, all in one named graph that, like
every graph of the store, describes itself and its source::

    graph:analysis-rivalries a rg:SourceGraph ; prov:wasDerivedFrom source:rivalgraph-analysis .
    source:rivalgraph-analysis a rg:Source ; rdfs:label ... ; rdfs:comment "... parameters ..." .

For each pair with a positive score, one ``rg:Rivalry`` (``rivalry:{a}--{b}``,
slugs in alphabetical order) with both ``rg:rival``, ``rg:score`` and the five
``rg:factor*`` (means of the two directions), ``rg:meetings``, ``rg:evidence``
(races, titles and statements) and ``rg:computedOn``/``rg:computedBy``; and one
``rg:RivalryAssessment`` per direction (``rivalry:{holder}--towards--{target}``)
with ``rg:holder``, ``rg:target``, ``rg:assessmentOf``, its own score and
factors.  Numbers are ``xsd:decimal`` with six decimals, as the shapes require.

The function is pure; :func:`rivalgraph.store.replace_graph` writes the quads.

Examples
--------
>>> import networkx as nx
>>> from datetime import datetime, timezone
>>> from rivalgraph.analysis.scoring import Assessment, ScoreParameters
>>> from rivalgraph.namespaces import ATHLETE
>>> scored = nx.DiGraph()
>>> a, b = ATHLETE["ola-nordmann"].value, ATHLETE["joe-bloggs"].value
>>> scored.add_nodes_from([(a, {"label": "Ola Nordmann"}), (b, {"label": "Joe Bloggs"})])
>>> scored.add_edge(a, b, weight=0.5, assessment=Assessment(0.5, 0.4, 1, 0.7, 0.6, 0.2, 2))
>>> quads = rivalry_quads(scored, {}, ScoreParameters(), datetime(2024, 6, 2, tzinfo=timezone.utc))
>>> sorted({q.subject.value.rsplit("/", 1)[-1] for q in quads if q.predicate == RG.score})
['joe-bloggs--ola-nordmann', 'ola-nordmann--towards--joe-bloggs']
>>> {q.graph_name for q in quads} == {ANALYSIS_GRAPH}
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from decimal import Decimal

import networkx as nx
import pyoxigraph as ox

from rivalgraph.analysis.projection import local_name
from rivalgraph.analysis.scoring import (
    FACTORS,
    Assessment,
    ScoreParameters,
    counted_factors,
    mutual_values,
)
from rivalgraph.namespaces import GRAPH, PROV, RDF, RDFS, RG, RIVALRY, SOURCE, XSD
from rivalgraph.version import __version__

__all__ = [
    "ANALYSIS_GRAPH",
    "ANALYSIS_SOURCE",
    "SOFTWARE",
    "rivalry_iri",
    "assessment_iri",
    "rivalry_quads",
    "evidence_by_pair",
]

ANALYSIS_GRAPH = GRAPH["analysis-rivalries"]
ANALYSIS_SOURCE = SOURCE["rivalgraph-analysis"]
SOFTWARE = f"rivalgraph {__version__}"
_FACTOR_PROPERTIES = {name: RG["factor" + name.capitalize()] for name in FACTORS}
_SIX = Decimal("0.000001")

Pair = tuple[str, str]


def _slug(iri: str) -> str:
    return local_name(iri) or iri


def rivalry_iri(a: str, b: str) -> ox.NamedNode:
    """The IRI of the rivalry between two athletes (order does not matter).

    >>> from rivalgraph.namespaces import ATHLETE
    >>> rivalry_iri(ATHLETE["josh-kerr"].value, ATHLETE["jakob-ingebrigtsen"].value).value
    'https://w3id.org/rivalgraph/id/rivalry/jakob-ingebrigtsen--josh-kerr'
    """
    first, second = sorted((_slug(a), _slug(b)))
    return RIVALRY[f"{first}--{second}"]


def assessment_iri(holder: str, target: str) -> ox.NamedNode:
    """The IRI of the holder's assessment of the target."""
    return RIVALRY[f"{_slug(holder)}--towards--{_slug(target)}"]


def _decimal(number: float) -> ox.Literal:
    return ox.Literal(str(Decimal(repr(float(number))).quantize(_SIX)), datatype=XSD.decimal)


def _count(number: int) -> ox.Literal:
    return ox.Literal(str(int(number)), datatype=XSD.nonNegativeInteger)


def evidence_by_pair(rows: Iterable[Mapping[str, object]]) -> dict[Pair, list[str]]:
    """Group rows of ``evidence-links`` (``a``, ``b``, ``item``) by unordered pair."""
    links: dict[Pair, list[str]] = {}
    for row in rows:
        a, b, item = (str(getattr(row[key], "value", row[key])) for key in ("a", "b", "item"))
        links.setdefault(tuple(sorted((a, b))), []).append(item)  # type: ignore[arg-type]
    return links


def _header(params: ScoreParameters, stamp: ox.Literal) -> list[ox.Triple]:
    return [
        ox.Triple(ANALYSIS_GRAPH, RDF.type, RG.SourceGraph),
        ox.Triple(ANALYSIS_GRAPH, RDFS.label, ox.Literal("Rivalries computed from the graph")),
        ox.Triple(ANALYSIS_GRAPH, PROV.wasDerivedFrom, ANALYSIS_SOURCE),
        ox.Triple(ANALYSIS_SOURCE, RDF.type, RG.Source),
        ox.Triple(ANALYSIS_SOURCE, RDFS.label, ox.Literal(f"Rivalry analysis by {SOFTWARE}")),
        ox.Triple(
            ANALYSIS_SOURCE,
            RDFS.comment,
            ox.Literal(
                f"Directed rivalry scores computed by {SOFTWARE} (rivalgraph.analysis.scoring) on "
                f"{stamp.value} from the races, titles and statements of the other graphs. "
                f"Parameters: {params.describe()}."
            ),
        ),  # fmt: skip
    ]


def _scores(subject: ox.NamedNode, values: Mapping[str, float],
            params: ScoreParameters) -> list[ox.Triple]:  # fmt: skip
    triples = [ox.Triple(subject, RG.score, _decimal(values["score"]))]
    triples += [ox.Triple(subject, _FACTOR_PROPERTIES[n], _decimal(values[n]))
                for n in counted_factors(params)]  # fmt: skip
    return triples


def rivalry_quads(
    scored: nx.DiGraph,
    links: Mapping[Pair, Iterable[str]],
    params: ScoreParameters,
    computed_on: datetime,
    min_score: float = 0.0,
) -> list[ox.Quad]:
    """The quads of the analysis graph for every pair whose rivalry score exceeds ``min_score``.

    Parameters
    ----------
    scored : networkx.DiGraph
        Output of :func:`.ranking.score_graph` (``assessment`` on each edge).
    links : mapping
        Evidence IRIs per unordered pair (sorted IRIs), from :func:`evidence_by_pair`.
    params : ScoreParameters
        Recorded in the description of the analysis source.
    computed_on : datetime
        A time zone aware time of computation.
    min_score : float
        Leave out rivalries whose (mean) score is not above this.
    """
    if computed_on.tzinfo is None:
        raise ValueError("computed_on needs a time zone (e.g. datetime.now(timezone.utc))")
    utc = computed_on.astimezone(timezone.utc)
    stamp = ox.Literal(utc.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)
    triples = _header(params, stamp)
    software = ox.Literal(SOFTWARE)
    done: set[Pair] = set()
    for holder, target in scored.edges:
        first_, second_ = sorted((holder, target))
        pair: Pair = (first_, second_)
        if pair in done:
            continue
        done.add(pair)
        forward = scored.edges[pair[0], pair[1]]["assessment"] if scored.has_edge(*pair) else None
        back = scored.edges[pair[1], pair[0]]["assessment"] if scored.has_edge(pair[1], pair[0]) \
            else None  # fmt: skip
        first = forward or back
        assert first is not None
        values = mutual_values(first, back if forward else None)
        if values["score"] <= min_score:
            continue
        rivalry = rivalry_iri(*pair)
        labels = [scored.nodes[node].get("label", node) for node in pair]
        triples += [
            ox.Triple(rivalry, RDF.type, RG.Rivalry),
            ox.Triple(rivalry, RDFS.label, ox.Literal(f"Rivalry of {labels[0]} and {labels[1]}")),
            ox.Triple(rivalry, RG.rival, ox.NamedNode(pair[0])),
            ox.Triple(rivalry, RG.rival, ox.NamedNode(pair[1])),
            ox.Triple(rivalry, RG.meetings, _count(first.meetings)),
            ox.Triple(rivalry, RG.computedOn, stamp),
            ox.Triple(rivalry, RG.computedBy, software),
            *_scores(rivalry, values, params),
        ]
        triples += [ox.Triple(rivalry, RG.evidence, ox.NamedNode(item))
                    for item in sorted(set(links.get(pair, ())))]  # fmt: skip
        for holder_, target_, assessment in ((pair[0], pair[1], forward), (pair[1], pair[0], back)):
            if assessment is not None:
                triples += _assessment(holder_, target_, assessment, rivalry, stamp, software,
                                       params)  # fmt: skip
    return [ox.Quad(t.subject, t.predicate, t.object, ANALYSIS_GRAPH) for t in triples]


def _assessment(
    holder: str,
    target: str,
    assessment: Assessment,
    rivalry: ox.NamedNode,
    stamp: ox.Literal,
    software: ox.Literal,
    params: ScoreParameters,
) -> list[ox.Triple]:
    node = assessment_iri(holder, target)
    return [
        ox.Triple(node, RDF.type, RG.RivalryAssessment),
        ox.Triple(node, RG.holder, ox.NamedNode(holder)),
        ox.Triple(node, RG.target, ox.NamedNode(target)),
        ox.Triple(node, RG.assessmentOf, rivalry),
        ox.Triple(node, RG.meetings, _count(assessment.meetings)),
        ox.Triple(node, RG.computedOn, stamp),
        ox.Triple(node, RG.computedBy, software),
        *_scores(node, {"score": assessment.score, **assessment.factors()}, params),
    ]
