"""The network files read back by the tools they are for: GEXF against the official schema, by
networkx and by graphology-gexf in node, GraphML by networkx and igraph, Cytoscape JSON by
cytoscape.js in Chromium, DOT by Graphviz."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx
import pytest
from lxml import etree

from rivalgraph.export.exporter import NETWORK_FORMATS, ExportOptions, build_network, export
from rivalgraph.export.gexf import spells, write_gexf
from rivalgraph.export.html import page_data
from rivalgraph.export.schema import EDGE_FIELDS, FULL_EDGE_FIELDS, FULL_NODE_FIELDS, NODE_FIELDS
from rivalgraph.store import Store

from .browser import Browser, chromium_path
from .conftest import REPO, SHARED

GEXF_XSD = SHARED / "data" / "schemas" / "gexf" / "1.3" / "gexf.xsd"
GEXF = "{http://gexf.net/1.3}"
GRAPHML_XSD = SHARED / "data" / "schemas" / "graphml" / "graphml-1.1.xsd"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
JS_TOOLS = REPO / "tests" / "js"
CYTOSCAPE_JS = REPO / "src" / "rivalgraph" / "export" / "static" / "cytoscape.min.js"
MODES = {"rivalries": ExportOptions(), "full": ExportOptions(full=True)}


@pytest.fixture(scope="module")
def exported(store: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every network format of the real graph, for the rivalry network and --full."""
    folder = tmp_path_factory.mktemp("exports")
    files = {}
    for mode, options in MODES.items():
        for format in NETWORK_FORMATS:
            if format == "html":
                continue
            files[(mode, format)] = Path(export(store, format, folder / f"{mode}.{format}",
                                                options).path)  # fmt: skip
    return files


@pytest.fixture(scope="module")
def networks(store: Store) -> dict[str, nx.DiGraph]:
    return {mode: build_network(store, options) for mode, options in MODES.items()}


def _schema(mode: str) -> tuple[set[str], set[str]]:
    if mode == "full":
        return set(FULL_NODE_FIELDS), set(FULL_EDGE_FIELDS)
    return set(NODE_FIELDS), set(EDGE_FIELDS)


# -- GEXF ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    assert GEXF_XSD.is_file(), f"the official GEXF schema is missing: {GEXF_XSD}"
    return etree.XMLSchema(etree.parse(str(GEXF_XSD)))


@pytest.mark.parametrize("mode", MODES)
def test_gexf_validates_against_the_official_schema(
    mode: str, exported: dict[tuple[str, str], Path], gexf_schema: etree.XMLSchema
) -> None:
    document = etree.parse(str(exported[(mode, "gexf")]))
    assert gexf_schema.validate(document), gexf_schema.error_log.filter_from_errors()[:5]


def test_gexf_schema_rejects_a_broken_file(
    exported: dict[tuple[str, str], Path], gexf_schema: etree.XMLSchema
) -> None:
    document = etree.parse(str(exported[("rivalries", "gexf")]))
    edge = document.find(f".//{GEXF}edge")
    spell = document.find(f".//{GEXF}edge/{GEXF}spells/{GEXF}spell")
    assert edge is not None and spell is not None
    assert gexf_schema.validate(document)
    edge.set("weight", "strong")
    assert not gexf_schema.validate(document)
    edge.set("weight", "1.0")
    spell.set("start", "6 October 2019")  # not a date: the schema reads spells too
    assert not gexf_schema.validate(document)


@pytest.mark.parametrize("mode", MODES)
def test_gexf_reads_back_with_its_weights_and_attributes(
    mode: str, exported: dict[tuple[str, str], Path], networks: dict[str, nx.DiGraph]
) -> None:
    back = nx.read_gexf(exported[(mode, "gexf")])
    network = networks[mode]
    assert (back.number_of_nodes(), back.number_of_edges()) == \
        (network.number_of_nodes(), network.number_of_edges())  # fmt: skip
    source, target, data = next(iter(network.edges(data=True)))
    assert back.edges[source, target]["weight"] == pytest.approx(data["score"])
    assert back.edges[source, target]["score"] == pytest.approx(data["score"])


KERR = "https://w3id.org/rivalgraph/id/athlete/josh-kerr"
INGEBRIGTSEN = "https://w3id.org/rivalgraph/id/athlete/jakob-ingebrigtsen"


@pytest.mark.parametrize("mode", MODES)
def test_gexf_is_dynamic_with_the_spells_of_the_rivalries(
    mode: str, exported: dict[tuple[str, str], Path], networks: dict[str, nx.DiGraph]
) -> None:
    """Kerr and Ingebrigtsen live on Gephi's timeline from their first race together to their
    last; each athlete from his first meeting with a rival to his last dated appearance."""
    back = nx.read_gexf(exported[(mode, "gexf")])
    network = networks[mode]
    assert back.graph["mode"] == "dynamic"
    graph = etree.parse(str(exported[(mode, "gexf")])).find(f"{GEXF}graph")
    assert graph is not None and graph.get("timeformat") == "date"
    pair = (INGEBRIGTSEN, KERR) if network.has_edge(INGEBRIGTSEN, KERR) else (KERR, INGEBRIGTSEN)
    rivalry = network.edges[pair]
    assert (rivalry["first_met"], rivalry["last_met"]) == ("2019-10-06", "2024-08-06")
    assert back.edges[pair]["spells"] == [(rivalry["first_met"], rivalry["last_met"])]
    for source, target, data in network.edges(data=True):
        if data["kind"] == "rivalry":
            assert back.edges[source, target]["spells"] == [(data["first_met"], data["last_met"])]
        else:
            assert "spells" not in back.edges[source, target]
    dates = [date for *_, data in network.edges(KERR, data=True) if data["kind"] == "rivalry"
             for date in (data["first_met"], data["last_met"])]  # fmt: skip
    dates += [date for *_, data in network.in_edges(KERR, data=True) if data["kind"] == "rivalry"
              for date in (data["first_met"], data["last_met"])]  # fmt: skip
    dates += [network.nodes[other].get("date", "") for other in nx.all_neighbors(network, KERR)]
    dates = sorted(date for date in dates if date)
    assert back.nodes[KERR]["spells"] == [(dates[0], dates[-1])]
    for node, data in network.nodes(data=True):
        if data.get("date"):
            assert back.nodes[node]["spells"] == [(data["date"], data["date"])], data["kind"]


def test_gexf_leaves_what_has_no_date_without_a_spell(gexf_schema: etree.XMLSchema) -> None:
    network = nx.DiGraph(as_of="2025-09-21")
    network.add_node("urn:a", label="A", kind="athlete")
    network.add_node("urn:b", label="B", kind="athlete")
    network.add_node("urn:race", label="Race", kind="race", date="")
    network.add_edge("urn:a", "urn:b", kind="rivalry", score=0.4, first_met="", last_met="")
    network.add_edge("urn:a", "urn:race", kind="result", weight=1.0)
    out = io.BytesIO()
    write_gexf(network, out)
    document = etree.fromstring(out.getvalue())
    assert gexf_schema.validate(document), gexf_schema.error_log.filter_from_errors()[:5]
    assert document.find(f"{GEXF}graph").attrib == \
        {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"}  # fmt: skip
    assert document.find(f".//{GEXF}spells") is None
    back = nx.read_gexf(io.BytesIO(out.getvalue()))
    assert (back.number_of_nodes(), back.number_of_edges()) == (3, 2)
    assert back.edges["urn:a", "urn:b"]["weight"] == 0.4


def _node_js() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is missing and scripts/install-js-tools.sh could not install it")
    return found


@pytest.mark.parametrize("mode", MODES)
def test_gexf_reads_in_graphology_gexf_in_node(
    mode: str, exported: dict[tuple[str, str], Path], networks: dict[str, nx.DiGraph]
) -> None:
    """graphology-gexf (what a sigma.js page loads GEXF with) reads every node and edge, each
    edge with a weight above 0, and the drawing as attributes; the spells are in the file."""
    node = _node_js()
    assert (JS_TOOLS / "node_modules" / "graphology-gexf").is_dir(), \
        "graphology-gexf is not installed: run make test-tools (scripts/install-js-tools.sh)"  # fmt: skip
    completed = subprocess.run([node, str(JS_TOOLS / "read-gexf.js"), str(exported[(mode, "gexf")])],
                               capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    read = json.loads(completed.stdout)
    network = networks[mode]
    assert (read["type"], read["nodes"], read["edges"]) == \
        ("directed", network.number_of_nodes(), network.number_of_edges())  # fmt: skip
    assert read["undefinedWeights"] == 0 and read["minWeight"] > 0
    assert read["kinds"] == Counter(kind for *_, kind in network.edges(data="kind"))
    node_spells, edge_spells = spells(network)
    assert read["spells"] == len(node_spells) + len(edge_spells) > 0
    kerr = network.nodes[KERR]
    assert {name: read["kerr"][name] for name in ("label", "nation", "community", "color")} == \
        {name: kerr[name] for name in ("label", "nation", "community", "color")}  # fmt: skip
    assert (read["kerr"]["x"], read["kerr"]["y"], read["kerr"]["size"]) == \
        pytest.approx((kerr["x"], kerr["y"], kerr["size"]))  # fmt: skip


# -- GraphML ---------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_graphml_reads_back_in_networkx_with_every_attribute(
    mode: str, exported: dict[tuple[str, str], Path], networks: dict[str, nx.DiGraph]
) -> None:
    back = nx.read_graphml(exported[(mode, "graphml")])
    network = networks[mode]
    assert back.is_directed()
    assert dict(back.nodes(data=True)) == dict(network.nodes(data=True))
    assert {(s, t): d for s, t, d in back.edges(data=True)} == \
        {(s, t): d for s, t, d in network.edges(data=True)}  # fmt: skip
    assert back.graph["as_of"] == network.graph["as_of"]


@pytest.mark.parametrize("mode", MODES)
def test_graphml_reads_back_in_igraph_with_the_same_counts_and_attributes(
    mode: str, exported: dict[tuple[str, str], Path], networks: dict[str, nx.DiGraph]
) -> None:
    back = ig.Graph.Read_GraphML(str(exported[(mode, "graphml")]))
    network = networks[mode]
    nodes, edges = _schema(mode)
    assert (back.vcount(), back.ecount()) == (network.number_of_nodes(), network.number_of_edges())
    assert set(back.vs.attributes()) == nodes | {"id"}
    assert set(back.es.attributes()) == edges
    by_id = {vertex["id"]: vertex for vertex in back.vs}
    for node, data in network.nodes(data=True):
        vertex = by_id[node]
        assert vertex["label"] == data["label"] and vertex["community"] == data["community"]
        assert vertex["centrality"] == pytest.approx(data["centrality"])
    for edge in back.es:
        source, target = back.vs[edge.source]["id"], back.vs[edge.target]["id"]
        assert edge["score"] == pytest.approx(network.edges[source, target]["score"])
        assert edge["kind"] == network.edges[source, target]["kind"]


def test_graphml_keys_and_data_follow_the_schema_we_can_read(
    exported: dict[tuple[str, str], Path],
) -> None:
    """The shared graphml-1.1.xsd redefines graphml-structure.xsd, which it loads from
    graphdrawing.org: offline, lxml cannot build that schema.  What it defines itself -- the
    attr.type values of a <key> -- is checked here, with the references a validator would
    check: every <data> names a declared key for its element, every edge end is a node."""
    allowed = set(etree.parse(str(GRAPHML_XSD)).xpath(
        "//xs:simpleType[@name='key.type.type']//xs:enumeration/@value",
        namespaces={"xs": "http://www.w3.org/2001/XMLSchema"}))  # fmt: skip
    assert allowed == {"boolean", "int", "long", "float", "double", "string"}
    document = etree.parse(str(exported[("full", "graphml")]))
    keys = {key.get("id"): key for key in document.iter(f"{GRAPHML}key")}
    assert keys and all(key.get("attr.type") in allowed for key in keys.values())
    assert all(re.fullmatch(r"[\w.:-]+", key.get("attr.name", "")) for key in keys.values())
    nodes = {node.get("id") for node in document.iter(f"{GRAPHML}node")}
    for element in ("node", "edge", "graph"):
        for item in document.iter(f"{GRAPHML}{element}"):
            for data in item.findall(f"{GRAPHML}data"):
                assert keys[data.get("key")].get("for") == element
    for edge in document.iter(f"{GRAPHML}edge"):
        assert edge.get("source") in nodes and edge.get("target") in nodes


# -- D3 and Cytoscape JSON -------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_d3_json_is_node_link_data(
    mode: str, exported: dict[tuple[str, str], Path], networks: dict[str, nx.DiGraph]
) -> None:
    document = json.loads(exported[(mode, "d3")].read_text(encoding="utf-8"))
    back = nx.node_link_graph(document, edges="links")
    assert back.is_directed()
    assert dict(back.nodes(data=True)) == dict(networks[mode].nodes(data=True))
    assert back.number_of_edges() == networks[mode].number_of_edges()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if chromium_path() is None:
        pytest.skip("chromium is missing and scripts/install-chromium.sh could not install it")
    with Browser(tmp_path_factory.mktemp("chromium")) as started:
        yield started


@pytest.mark.parametrize("mode", MODES)
def test_cytoscape_json_loads_in_cytoscape_js_in_chromium(
    mode: str, exported: dict[tuple[str, str], Path], networks: dict[str, nx.DiGraph],
    browser: Browser, tmp_path: Path,
) -> None:  # fmt: skip
    page = tmp_path / "load.html"
    page.write_text(f'<!DOCTYPE html><meta charset="utf-8"><script src="{CYTOSCAPE_JS.as_uri()}">'
                    "</script><body></body>", encoding="utf-8")  # fmt: skip
    browser.open(page.as_uri())
    text = exported[(mode, "cytoscape")].read_text(encoding="utf-8")
    loaded = browser.evaluate(
        "(function (doc) { var cy = cytoscape({headless: true, elements: doc.elements,"
        " layout: {name: 'preset'}});"
        " var kerr = cy.getElementById('https://w3id.org/rivalgraph/id/athlete/josh-kerr');"
        " return {nodes: cy.nodes().length, edges: cy.edges().length, label: kerr.data('label'),"
        " nation: kerr.data('nation'), rivalries: kerr.connectedEdges('[kind = \"rivalry\"]').length,"
        " keys: Object.keys(cy.edges()[0].data()).sort(), name: kerr.data('name'),"
        " position: kerr.position()}; })(" + text + ")"
    )  # fmt: skip
    assert loaded.pop("name") == "Josh Kerr"  # Cytoscape desktop's label column, not the IRI
    drawn = networks[mode].nodes["https://w3id.org/rivalgraph/id/athlete/josh-kerr"]
    assert loaded.pop("position") == {"x": drawn["x"], "y": drawn["y"]}
    network = networks[mode]
    kerr = "https://w3id.org/rivalgraph/id/athlete/josh-kerr"
    rivalries = sum(1 for edge in network.in_edges(kerr, data="kind") if edge[2] == "rivalry") + \
        sum(1 for edge in network.out_edges(kerr, data="kind") if edge[2] == "rivalry")  # fmt: skip
    assert loaded == {
        "nodes": network.number_of_nodes(), "edges": network.number_of_edges(),
        "label": "Josh Kerr", "nation": "GBR", "rivalries": rivalries,
        "keys": sorted(_schema(mode)[1] | {"id", "source", "target"}),
    }  # fmt: skip
    assert not browser.errors


# -- DOT -------------------------------------------------------------------------------------


def _graphviz(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        pytest.skip(f"{program} is missing and scripts/install-graphviz.sh could not install it")
    return found


def test_dot_of_an_ego_network_renders_with_dot(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "kerr.dot"
    report = export(store, "dot", target, ExportOptions(athlete="Josh Kerr", min_score=0.2))
    completed = subprocess.run([_graphviz("dot"), "-Tsvg", str(target)], capture_output=True,
                               text=True, timeout=120, check=False)  # fmt: skip
    assert completed.returncode == 0 and not completed.stderr, completed.stderr
    svg = etree.fromstring(completed.stdout.encode("utf-8"))
    titles = svg.findall(".//{http://www.w3.org/2000/svg}g[@class='node']")
    assert len(titles) == report.nodes > 2
    assert "Josh Kerr" in completed.stdout


def test_plain_dot_draws_the_whole_network_as_the_page_lays_it_out(
    exported: dict[tuple[str, str], Path], networks: dict[str, nx.DiGraph]
) -> None:
    """``dot -Tsvg`` keeps the drawing's pinned positions (layout=neato): the picture is the
    extent of the layout, not the 23,000-point strip dot's own ranking drew."""
    completed = subprocess.run([_graphviz("dot"), "-Tsvg", str(exported[("rivalries", "dot")])],
                               capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert completed.returncode == 0 and not completed.stderr, completed.stderr
    network = networks["rivalries"]
    xs = [data["x"] for _, data in network.nodes(data=True)]
    ys = [data["y"] for _, data in network.nodes(data=True)]
    found = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', completed.stdout)
    assert found, completed.stdout[:300]
    width, height = float(found.group(1)), float(found.group(2))
    # The extent of the positions, plus at most the largest node and its label on each side.
    assert max(xs) - min(xs) <= width <= max(xs) - min(xs) + 400
    assert max(ys) - min(ys) <= height <= max(ys) - min(ys) + 400
    assert completed.stdout.count('class="node"') == network.number_of_nodes()


@pytest.mark.parametrize("mode", MODES)
def test_dot_of_the_whole_network_renders_with_sfdp(
    mode: str, exported: dict[tuple[str, str], Path], networks: dict[str, nx.DiGraph]
) -> None:
    completed = subprocess.run([_graphviz("sfdp"), "-Tsvg", str(exported[(mode, "dot")])],
                               capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.count('class="node"') == networks[mode].number_of_nodes()
    assert completed.stdout.count('class="edge"') == networks[mode].number_of_edges()


def test_graphviz_reads_every_attribute_back(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "kerr.dot"
    options = ExportOptions(athlete="Josh Kerr", min_score=0.3, full=True)
    network = build_network(store, options)
    export(store, "dot", target, options)
    completed = subprocess.run([_graphviz("dot"), "-Tjson0", str(target)], capture_output=True,
                               text=True, timeout=120, check=True)  # fmt: skip
    graph = json.loads(completed.stdout)
    nodes, edges = _schema("full")
    seen_nodes: set[str] = set()
    for node in graph["objects"]:
        seen_nodes |= set(node)
        for name in nodes:  # Graphviz leaves out attributes whose value is its default ""
            assert node.get(name, "") == _dot_text(network.nodes[node["name"]][name]), name
    seen_edges: set[str] = set()
    for edge in graph["edges"]:
        seen_edges |= set(edge)
        assert edge["kind"] in ("rivalry", "result", "spoke", "responds_to", "about", "won",
                                "decided_in")  # fmt: skip
    assert nodes <= seen_nodes and edges - {"status", "medal"} <= seen_edges


def _dot_text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


# -- the same names everywhere ---------------------------------------------------------------


def _first(items: Any) -> set[str]:
    return set(next(iter(items)))


def _names_per_format(mode: str, exported: dict[tuple[str, str], Path],
                      network: nx.DiGraph) -> dict[str, tuple[set[str], set[str]]]:  # fmt: skip
    graphml = nx.read_graphml(exported[(mode, "graphml")])
    gexf = nx.read_gexf(exported[(mode, "gexf")])
    cyto = json.loads(exported[(mode, "cytoscape")].read_text(encoding="utf-8"))["elements"]
    d3 = json.loads(exported[(mode, "d3")].read_text(encoding="utf-8"))
    page = page_data(network)
    return {
        "graphml": (_first(graphml.nodes.values()), _first(graphml.edges.values())),
        # GEXF's own: an edge's id, and the spells of what is dated (the timeline, not attributes).
        "gexf": (_first(gexf.nodes.values()) - {"spells"}, _first(gexf.edges.values()) - {"id", "spells"}),
        # Cytoscape's own: name (its desktop's label column, the athlete's label).
        "cytoscape": (set(cyto["nodes"][0]["data"]) - {"id", "name"},
                      set(cyto["edges"][0]["data"]) - {"id", "source", "target"}),
        "d3": (set(d3["nodes"][0]) - {"id"}, set(d3["links"][0]) - {"source", "target"}),
        "html": (set(page["nodes"][0]) - {"id"},
                 set(page["edges"][0]) - {"id", "source", "target"}),
    }  # fmt: skip


@pytest.mark.parametrize("mode", MODES)
def test_every_format_uses_the_same_attribute_names(
    mode: str, exported: dict[tuple[str, str], Path], networks: dict[str, nx.DiGraph]
) -> None:
    expected = _schema(mode)
    for format, names in _names_per_format(mode, exported, networks[mode]).items():
        assert names == expected, format
    dot = exported[(mode, "dot")].read_text(encoding="utf-8")
    first_edge = next(line for line in dot.splitlines() if " -> " in line)
    assert {name for name in re.findall(r'(\w+)="', first_edge)} == expected[1] | {"penwidth"}


# -- the drawing, in every file ----------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_every_file_carries_the_drawing_of_the_html_view(
    mode: str, exported: dict[tuple[str, str], Path], networks: dict[str, nx.DiGraph]
) -> None:
    """Positions, sizes and colours read back by networkx (GraphML, GEXF) and from the JSON
    are those of the page; no edge weighs 0, so Gephi's importer keeps every edge."""
    network = networks[mode]
    page = {node["id"]: node for node in page_data(network)["nodes"]}
    graphml = nx.read_graphml(exported[(mode, "graphml")])
    gexf = nx.read_gexf(exported[(mode, "gexf")])
    d3 = {node["id"]: node for node in json.loads(exported[(mode, "d3")].read_text())["nodes"]}
    places = set()
    for node, data in network.nodes(data=True):
        drawing = (data["x"], data["y"], data["size"], data["color"])
        assert (page[node]["x"], page[node]["y"], page[node]["size"], page[node]["color"]) == drawing
        for back in (graphml.nodes[node], gexf.nodes[node], d3[node]):
            assert (back["x"], back["y"], back["size"], back["color"]) == pytest.approx(drawing)
        assert 10 <= data["size"] <= 56 and re.fullmatch(r"#[0-9a-f]{6}", data["color"])
        places.add((data["x"], data["y"]))
    assert len(places) > 0.9 * network.number_of_nodes(), "nodes drawn on top of each other"
    largest = max(network.nodes, key=lambda node: network.nodes[node]["centrality"])
    assert network.nodes[largest]["size"] == 56
    weights = [data["weight"] for *_, data in gexf.edges(data=True)]
    assert len(weights) == network.number_of_edges() and min(weights) > 0
    kinds = {data["kind"]: data["weight"] for *_, data in gexf.edges(data=True)}
    if mode == "full":
        assert {kind: weight for kind, weight in kinds.items() if kind != "rivalry"} == \
            dict.fromkeys(set(kinds) - {"rivalry"}, 1.0)  # fmt: skip
    same = [(data["weight"], data["score"]) for *_, data in gexf.edges(data=True)
            if data["kind"] == "rivalry"]  # fmt: skip
    assert all(weight == pytest.approx(score) for weight, score in same)
