"""The remote store: the same queries give the same answers on the embedded store and on Virtuoso.

Answers are compared as multisets of rows after one normalisation, needed
because Virtuoso stores typed numbers by value: an ``xsd:positiveInteger``
comes back as the same number (possibly typed ``xsd:integer``) and a decimal
in canonical form (``207.60`` as ``207.6``), so numeric literals are compared
by value.  Blank nodes are compared as "a blank node" (their labels are local
to each store).  Everything else (IRIs, strings, language tags, dates,
booleans) must be identical.

The analysis queries and reports are compared with one more allowance:
Virtuoso divides ``xsd:decimal`` numbers to 15 decimal places where the
embedded store keeps 18 (XPath leaves the precision to the engine), so a
relative time gap, and the scores computed from it, differ in the 15th digit;
those numbers are compared to 9 significant digits (:func:`close`).
"""

from __future__ import annotations

import dataclasses
import json
import math
import socket
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from rivalgraph.analysis.reader import analysis_queries
from rivalgraph.analysis.reports import rivals_report
from rivalgraph.analysis.scoring import ScoreParameters
from rivalgraph.build import BuildReport
from rivalgraph.cli import main
from rivalgraph.namespaces import ATHLETE, RDFS
from rivalgraph.query import NamedQuery, Parameter, load_registry, run
from rivalgraph.remote.client import Call, EndpointUnreachable, request
from rivalgraph.remote.push import GspWriter, PushReport, UpdateWriter, push, writer_for
from rivalgraph.remote.spec import RemoteSpec, RemoteSpecError, parse_store_spec
from rivalgraph.report import rivalry_report
from rivalgraph.store import GraphName, Store, StoreError, Term, open_store
from rivalgraph.store.sparql import SparqlStore

from .conftest import VIRTUOSO_SCRIPT

REGISTRY = load_registry()
ANALYSIS = analysis_queries()
_NUMBERS = {
    "integer", "positiveInteger", "nonNegativeInteger", "negativeInteger", "nonPositiveInteger",
    "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "decimal",
}  # fmt: skip
_XSD = "http://www.w3.org/2001/XMLSchema#"

#: Typical values by parameter type (the first rg:Athlete parameter gets Kerr, the next Ingebrigtsen).
TYPICAL = {
    "rg:Edition": "https://w3id.org/rivalgraph/id/edition/world-championships-2023",
    "rg:Race": "https://w3id.org/rivalgraph/id/race/world-championships-2023-1500m-final",
    "rg:Statement": "https://w3id.org/rivalgraph/id/statement/2024-03-05-kerr-respect",
    "iri": "https://w3id.org/rivalgraph/id/athlete/josh-kerr",
    "xsd:string": "Kerr",
    "xsd:integer": "10",
    "xsd:decimal": "210.5",
    "xsd:date": "2024-03-05",
    "xsd:boolean": "true",
}


def normal(term: Term | None) -> tuple[str, ...] | None:
    """A term in the form both stores must agree on (see the module docstring)."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    if isinstance(term, ox.Literal):
        kind = term.datatype.value.removeprefix(_XSD)
        if term.datatype.value.startswith(_XSD) and kind in _NUMBERS:
            return ("number", str(Decimal(term.value).normalize()))
        return ("literal", term.value, term.language or term.datatype.value)
    return ("iri", str(term))


def answers(store: Store, query: NamedQuery, values: dict[str, str]) -> Counter[tuple[object, ...]]:
    result = run(store, query, values)
    assert result.variables == query.columns
    return Counter(tuple(normal(term) for term in row) for row in result.rows)


def close(found: object, expected: object) -> bool:
    """Equal, except that numbers need only agree to 9 significant digits (see the module docstring).

    >>> close((1, "a", [0.1 + 0.2]), (1, "a", [0.3])), close(("number", "0.30001"), ("number", "0.3"))
    (True, False)
    """
    if dataclasses.is_dataclass(found) and dataclasses.is_dataclass(expected):
        pair = dataclasses.astuple(found), dataclasses.astuple(expected)  # type: ignore[arg-type]
        return type(found) is type(expected) and close(*pair)
    if isinstance(found, float | int) and isinstance(expected, float | int):
        return math.isclose(found, expected, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(found, tuple | list) and isinstance(expected, tuple | list):
        if len(found) == 2 and found[0] == "number" and expected[0] == "number":
            return close(float(found[1]), float(expected[1]))
        return len(found) == len(expected) and all(map(close, found, expected))
    return found == expected


def same_answers(found: Counter[tuple[object, ...]], expected: Counter[tuple[object, ...]]) -> bool:
    """The same rows, numbers compared by :func:`close` (rows sorted by their text to pair them)."""
    if found == expected:
        return True

    def order(row: tuple[object, ...]) -> str:
        return repr([f"{float(c[1]):.6e}" if c and c[0] == "number" else c for c in row])  # type: ignore[index]

    return close(sorted(found.elements(), key=order), sorted(expected.elements(), key=order))


#: Queries about one athlete's own news (injuries, plans) need the athlete the article is about.
FIRST_ATHLETE = {
    "injuries-and-withdrawals": "Jakob Ingebrigtsen",
    "planned-appearances": "Jakob Ingebrigtsen",
}


def typical_values(query: NamedQuery) -> dict[str, str]:
    first = FIRST_ATHLETE.get(query.name, "Josh Kerr")
    athletes = iter([first, *(n for n in ("Josh Kerr", "Jakob Ingebrigtsen", "Cole Hocker") if n != first)])
    values: dict[str, str] = {}
    for parameter in query.parameters:
        if parameter.type == "rg:Athlete":
            values[parameter.name] = next(athletes)
        elif parameter.default is None:
            values[parameter.name] = TYPICAL[parameter.type]
    return values


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_named_query_answers_the_same_on_virtuoso(
    name: str, store: Store, virtuoso_store: Store
) -> None:
    query = REGISTRY[name]
    values = typical_values(query)
    embedded = answers(store, query, values)
    assert embedded, f"{name} finds nothing on the embedded store with {values}: pick better values"
    assert answers(virtuoso_store, query, values) == embedded


#: Queries of graphs that commands compute in an embedded store (``rivalgraph strength``), which
#: ``push`` does not send: graph/ has no file of them.
COMPUTED_ONLY = {"athlete-ratings", "season-ratings", "has-ratings"}


@pytest.mark.parametrize("name", sorted(set(ANALYSIS) - COMPUTED_ONLY))
def test_every_analysis_query_answers_the_same_on_virtuoso(
    name: str, store: Store, virtuoso_store: Store
) -> None:
    query = ANALYSIS[name]
    values = typical_values(query)
    embedded = answers(store, query, values)
    assert embedded, f"analysis/{name} finds nothing on the embedded store with {values}"
    found = answers(virtuoso_store, query, values)
    assert same_answers(found, embedded), (sorted(found - embedded)[:3], sorted(embedded - found)[:3])


@pytest.mark.parametrize("pair", [("Josh Kerr", "Jakob Ingebrigtsen"), ("Jakob Ingebrigtsen", "Josh Kerr")])
def test_rivalry_races_are_the_same_on_both(pair: tuple[str, str], any_store: Store, store: Store) -> None:
    report = rivalry_report(any_store, *pair)
    expected = rivalry_report(store, *pair)
    assert (report.athlete, report.opponent) == (expected.athlete, expected.opponent)
    assert report.races == expected.races
    assert report.wins == expected.wins == ((2, 3) if pair[0] == "Josh Kerr" else (3, 2))


def test_rivalry_threads_are_the_same_on_virtuoso(virtuoso_store: Store, store: Store) -> None:
    threads = rivalry_report(store, "Kerr", "Ingebrigtsen").threads
    assert [len(thread) for thread in threads] == [3]
    assert rivalry_report(virtuoso_store, "Kerr", "Ingebrigtsen").threads == threads


# Analysis checks to run on both backends: (name, function of a store returning comparable values).
# Adding one is one line here.
ANALYSES = [
    pytest.param(lambda s: rivalry_report(s, "Kerr", "Ingebrigtsen").wins, id="head-to-head-wins"),
    pytest.param(lambda s: len(rivalry_report(s, "Hocker", "Kerr").races), id="hocker-kerr-races"),
    # The whole ranking: every rival in order, its scores, wins, gaps and evidence.
    pytest.param(
        lambda s: rivals_report(s, "Jakob Ingebrigtsen", ScoreParameters(), top=None),
        id="rivals-of-ingebrigtsen",
    ),
]


@pytest.mark.parametrize("analysis", ANALYSES)
def test_analysis_is_the_same_on_both(analysis: object, any_store: Store, store: Store) -> None:
    assert callable(analysis)
    expected = analysis(store)
    assert close(analysis(any_store), expected)


def test_the_ranking_compared_is_a_real_one(store: Store) -> None:
    report = rivals_report(store, "Jakob Ingebrigtsen", ScoreParameters(), top=None)
    assert len(report.rivals) > 50 and report.rivals[0].rival.label == "Josh Kerr"
    assert report.rivals[0].evidence.statements and report.rivals[0].evidence.titles


def test_push_reports_the_same_counts_as_the_embedded_build(
    pushed: PushReport, built: tuple[Path, BuildReport]
) -> None:
    report = built[1]
    for name in ("triples", "graphs", "athletes", "results", "statements"):
        assert getattr(pushed, name) == getattr(report, name), name
    assert pushed.batches_sent > 0 and pushed.triples > 5000


def test_a_fact_stated_by_several_sources_counts_once_but_keeps_its_graphs(
    any_store: Store, store: Store
) -> None:
    labels = "SELECT ?a ?label WHERE { ?a rdfs:label ?label }"
    kerr = {"a": ATHLETE["josh-kerr"]}
    assert [r[1] for r in any_store.select(labels, kerr).rows] == [ox.Literal("Josh Kerr")]
    graphs = "SELECT ?a ?g WHERE { GRAPH ?g { ?a rdfs:label ?label } } ORDER BY ?g"
    found = [row[1] for row in any_store.select(graphs, kerr).rows]
    assert len(found) > 1
    assert found == [row[1] for row in store.select(graphs, kerr).rows]


def test_virtuoso_alone_would_count_such_a_fact_once_per_graph(
    virtuoso_spec: RemoteSpec, virtuoso_store: Store
) -> None:
    """Why the merged graph is pushed: a query without a dataset sees the union of graphs."""
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ {ATHLETE['josh-kerr']} {RDFS.label} ?label }}"
    raw = json.loads(request(Call(virtuoso_spec.query_url, text)).body)
    assert int(raw["results"]["bindings"][0]["n"]["value"]) > 2  # every source graph, and the merge
    assert virtuoso_store.select(text).rows[0][0] == ox.Literal("1", datatype=ox.NamedNode(_XSD + "integer"))


def test_construct_and_ask_agree(any_store: Store, store: Store) -> None:
    text = "CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o }"
    kerr = {"a": ATHLETE["josh-kerr"]}
    assert set(any_store.construct(text, kerr)) == set(store.construct(text, kerr))
    assert any_store.ask("ASK { ?a a rg:Athlete }", kerr)
    with pytest.raises(TypeError):
        any_store.select("ASK {}")


def test_a_hostile_literal_is_a_value_not_sparql(any_store: Store) -> None:
    hostile = ox.Literal('Josh Kerr" } UNION { ?a ?p ?label } #')
    result = any_store.select("SELECT ?a ?label WHERE { ?a rdfs:label ?label }", {"label": hostile})
    assert result.rows == []
    assert any_store.select(
        "SELECT ?a ?label WHERE { ?a rdfs:label ?label }", {"label": ox.Literal("Josh Kerr")}
    ).rows == [(ATHLETE["josh-kerr"], ox.Literal("Josh Kerr"))]


def _quads(store: Store, graph: GraphName | None = None) -> Counter[tuple[object, ...]]:
    return Counter((str(q.graph_name), normal(q.subject), normal(q.predicate), normal(q.object))
                   for q in store.quads(graph))  # fmt: skip


def test_quads_and_length_match(virtuoso_store: Store, store: Store) -> None:
    assert len(virtuoso_store) == len(store)
    assert _quads(virtuoso_store) == _quads(store)


def test_both_stores_name_their_graphs_and_read_one_graph_alike(virtuoso_store: Store, store: Store) -> None:
    graphs = store.named_graphs()
    assert virtuoso_store.named_graphs() == graphs  # the same terms, in the same order
    for graph in (graphs[0], ox.DefaultGraph()):
        assert _quads(virtuoso_store, graph) == _quads(store, graph)
    text = "SELECT ?a ?label WHERE { ?a rdfs:label ?label } ORDER BY ?a ?label"
    assert virtuoso_store.select_columns(text) == store.select_columns(text)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_endpoint_is_named_in_the_error() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/sparql"
    with pytest.raises(EndpointUnreachable, match=f"cannot reach the SPARQL endpoint {url}"):
        open_store("sparql+" + url)


def test_an_empty_server_says_to_build_first(second_virtuoso: dict[str, str]) -> None:
    with pytest.raises(StoreError, match="no graph has been pushed to .*: build the graph there first"):
        SparqlStore.open(RemoteSpec(second_virtuoso["RIVALGRAPH_QUERY_URL"]))


def test_credentials_never_come_from_the_url() -> None:
    with pytest.raises(RemoteSpecError, match="RIVALGRAPH_SPARQL_PASSWORD"):
        parse_store_spec("sparql+http://kg:secret@127.0.0.1:1/sparql", env={})
    env = {"RIVALGRAPH_SPARQL_USER": "kg", "RIVALGRAPH_SPARQL_PASSWORD": "pw",
           "RIVALGRAPH_UPDATE_URL": "http://127.0.0.1:1/u"}  # fmt: skip
    spec = parse_store_spec("sparql+http://127.0.0.1:1/sparql", env=env)
    assert isinstance(spec, RemoteSpec) and spec.user == "kg" and spec.update_url == "http://127.0.0.1:1/u"
    assert "pw" not in repr(spec)


def test_a_push_without_update_rights_is_refused_clearly(virtuoso_spec: RemoteSpec, tmp_path: Path) -> None:
    anonymous = RemoteSpec(virtuoso_spec.query_url, update_url=virtuoso_spec.update_url)
    with pytest.raises(Exception, match="401|refused"):
        push(anonymous, journal=tmp_path / "j.json", validate=False)


# --- Writing: a second, empty server so the shared pushed graph stays as it is ------------------------


@pytest.fixture(scope="module")
def second_virtuoso(tmp_path_factory: pytest.TempPathFactory) -> object:
    import subprocess

    folder = tmp_path_factory.mktemp("virtuoso-writes")
    started = subprocess.run([str(VIRTUOSO_SCRIPT), "start", str(folder)], capture_output=True, text=True)
    try:
        if started.returncode != 0:
            pytest.skip(f"no second Virtuoso: {started.stderr[-300:]}")
        yield dict(line.split("=", 1) for line in started.stdout.splitlines() if "=" in line)
    finally:
        subprocess.run([str(VIRTUOSO_SCRIPT), "stop", str(folder)], capture_output=True, text=True)


class Interrupted(Exception):
    pass


def _writer_spec(env: dict[str, str]) -> RemoteSpec:
    spec = parse_store_spec("sparql+" + env["RIVALGRAPH_QUERY_URL"], env=env)
    assert isinstance(spec, RemoteSpec)
    return spec


def test_the_bulk_path_is_the_default_where_the_server_offers_it(second_virtuoso: dict[str, str]) -> None:
    spec = _writer_spec(second_virtuoso)
    assert isinstance(writer_for(spec), GspWriter)
    assert isinstance(writer_for(spec, "update"), UpdateWriter)
    assert isinstance(writer_for(RemoteSpec(spec.query_url, update_url=spec.update_url)), UpdateWriter)


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_an_interrupted_push_resumes_without_sending_twice(
    method: str, second_virtuoso: dict[str, str], built: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    spec = _writer_spec(second_virtuoso)
    journal = tmp_path / "journal.json"
    sent: list[tuple[str, int]] = []

    def stop_after_five(graph: str, number: int) -> None:
        sent.append((graph, number))
        if len(sent) == 5:
            raise Interrupted

    # Batches small enough that the interruption falls inside a graph (the first, the article's).
    options = {"journal": journal, "validate": False, "batch_size": 60}
    with pytest.raises(Interrupted):
        push(spec, writer=writer_for(spec, method), on_batch=stop_after_five, **options)  # type: ignore[arg-type]
    noted = json.loads(journal.read_text())["graphs"]
    assert sum(entry["sent"] for entry in noted.values()) == 5
    assert any(0 < entry["sent"] < entry["batches"] for entry in noted.values()), noted
    resumed = push(spec, writer=writer_for(spec, method), **options)  # type: ignore[arg-type]
    assert resumed.batches_skipped == 5
    assert resumed.triples == built[1].triples
    again = push(spec, writer=writer_for(spec, method), **options)  # type: ignore[arg-type]
    assert (again.batches_sent, again.triples) == (0, built[1].triples)


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_each_writer_leaves_the_same_graph_as_the_embedded_store(
    method: str, second_virtuoso: dict[str, str], built: tuple[Path, BuildReport], store: Store,
    tmp_path: Path,
) -> None:  # fmt: skip
    spec = _writer_spec(second_virtuoso)
    report = push(spec, journal=tmp_path / "j.json", validate=False, writer=writer_for(spec, method))
    assert (report.triples, report.graphs, report.athletes) == (
        built[1].triples, built[1].graphs, built[1].athletes)  # fmt: skip
    assert _quads(SparqlStore.open(spec)) == _quads(store)


def test_cli_builds_and_queries_a_remote_store(second_virtuoso: dict[str, str], tmp_path: Path) -> None:
    runner = CliRunner()
    store = "sparql+" + second_virtuoso["RIVALGRAPH_QUERY_URL"]
    env = {key: value for key, value in second_virtuoso.items() if key.startswith("RIVALGRAPH_")}
    built = runner.invoke(main, ["build", "--store", store, "--journal", str(tmp_path / "j.json")], env=env)
    assert built.exit_code == 0, built.output
    assert "pushed to" in built.output and "athletes" in built.output
    answer = runner.invoke(main, ["query", "--store", store, "head-to-head", "-p", "athlete=Kerr",
                                  "-p", "opponent=Ingebrigtsen", "--format", "csv"])  # fmt: skip
    assert answer.exit_code == 0, answer.output
    assert "2023-08-23" in answer.output
    closed = f"sparql+http://127.0.0.1:{_closed_port()}/sparql"
    failed = runner.invoke(main, ["rivalry", "--store", closed, "Kerr", "Ingebrigtsen"])
    assert failed.exit_code == 1 and "cannot reach the SPARQL endpoint" in failed.output


def test_typical_values_cover_every_parameter_type() -> None:
    for kind in ("rg:Edition", "rg:Race", "rg:Statement", "iri", "xsd:string", "xsd:integer",
                 "xsd:decimal", "xsd:date", "xsd:boolean"):  # fmt: skip
        assert kind in TYPICAL
    assert typical_values(NamedQuery("x", Path("x.rq"), "", "", (
        Parameter("a", "rg:Athlete", True, None, ""), Parameter("b", "rg:Athlete", True, None, "")), ())) == {
        "a": "Josh Kerr", "b": "Jakob Ingebrigtsen"}  # fmt: skip
