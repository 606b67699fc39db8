"""The HTML view, opened in headless Chromium: it draws every node, offline, explains a rivalry
in its side panel, finds athletes, keeps hostile data as text, and stays usable at 2,000 nodes."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rivalgraph.export import pageparts
from rivalgraph.export.exporter import ExportOptions, ExportReport, export
from rivalgraph.export.html import script_json, write_html
from rivalgraph.export.pageparts import read_block, read_part
from rivalgraph.export.schema import conform
from rivalgraph.namespaces import ATHLETE
from rivalgraph.store import Store, open_store

from .browser import Browser, chromium_path
from .test_export_pageparts import page_blocks

KERR, JAKOB = ATHLETE["josh-kerr"].value, ATHLETE["jakob-ingebrigtsen"].value
READY = "document.body.dataset.ready === 'true'"
#: Bytes of a screenshot above which the network was drawn (the bare page is ~18 kB, a drawn
#: network 400 kB and more).
BLANK = 100_000


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if chromium_path() is None:
        pytest.skip("chromium is missing and scripts/install-chromium.sh could not install it")
    with Browser(tmp_path_factory.mktemp("chromium")) as started:
        yield started


@pytest.fixture(scope="module")
def page(store: Store, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ExportReport]:
    target = tmp_path_factory.mktemp("html") / "rivalries.html"
    return target, export(store, "html", target)


def _data(path: Path) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="rivalgraph-data">(.*?)</script>',
                      path.read_text(encoding="utf-8"), re.DOTALL)  # fmt: skip
    assert found, "no data block"
    data: dict[str, object] = json.loads(found.group(1))
    return data


def _open(browser: Browser, path: Path) -> None:
    browser.errors.clear()
    browser.requests.clear()
    browser.open(path.as_uri())
    browser.wait_for(READY, timeout=120)


def _edge_id(browser: Browser, a: str, b: str) -> str:
    found = browser.evaluate(
        "window.rivalgraph.cy.edges().filter(function (e) { var ends = [e.data('source'),"
        f" e.data('target')].sort().join(' '); return ends === {json.dumps(' '.join(sorted((a, b))))};"
        " }).map(function (e) { return e.id(); })"
    )  # fmt: skip
    assert isinstance(found, list) and len(found) == 1
    return str(found[0])


def test_page_draws_every_exported_node_offline(
    page: tuple[Path, ExportReport], browser: Browser, tmp_path: Path
) -> None:
    path, report = page
    _open(browser, path)
    drawn = browser.evaluate("[document.body.dataset.nodes, document.body.dataset.edges,"
                             " window.rivalgraph.cy.nodes(':visible').length]")  # fmt: skip
    assert drawn == [str(report.nodes), str(report.edges), report.nodes]
    assert report.nodes > 100 and report.edges > 1000
    shot = browser.screenshot(tmp_path / "rivalries.png")
    assert shot.stat().st_size > BLANK, "a page without its network compresses to ~18 kB"
    assert browser.errors == []
    assert [url for url in browser.requests if not url.startswith("file:")] == []
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=|https?://[^\"']*\.js", text)


def test_side_panel_shows_a_rivalrys_evidence(page: tuple[Path, ExportReport], browser: Browser) -> None:
    path, _ = page
    _open(browser, path)
    edge = _edge_id(browser, KERR, JAKOB)
    browser.evaluate(f"void window.rivalgraph.cy.getElementById('{edge}').emit('tap')")
    panel = browser.evaluate("document.getElementById('panel').innerText")
    assert "Jakob Ingebrigtsen vs Josh Kerr" in panel or "Josh Kerr vs Jakob Ingebrigtsen" in panel
    for expected in ("Races, by date (5)", "2023-08-23", "1500 m final, World Athletics Championships 2023",
                     "Titles (2)", "Statements (3)", "blindfolded", "NRK", "2024-03-05",
                     "meetings", "title deciders"):  # fmt: skip
        assert expected in panel, expected
    links = browser.evaluate("Array.from(document.querySelectorAll('#panel a')).map(a => a.href)")
    assert links and all(link.startswith("https://") for link in links)
    assert browser.errors == []


def _resolved(data: dict[str, Any], edge_id: str) -> dict[str, Any]:
    """An edge's evidence with its race and statement numbers looked up in the page's tables."""
    evidence = dict(data["evidence"][edge_id])
    evidence["races"] = [data["races"][n] for n in evidence["races"]]
    evidence["statements"] = [data["statements"][n] for n in evidence["statements"]]
    return evidence


def test_page_data_carries_the_evidence_of_each_rivalry(page: tuple[Path, ExportReport]) -> None:
    data = _data(page[0])
    edges = {frozenset((e["source"], e["target"])): e for e in data["edges"]}  # type: ignore[attr-defined]
    edge = edges[frozenset((KERR, JAKOB))]
    evidence = _resolved(data, edge["id"])
    assert (len(evidence["races"]), len(evidence["titles"]), len(evidence["statements"])) == (5, 2, 3)
    wc2023 = next(race for race in evidence["races"] if race["date"] == "2023-08-23")
    assert wc2023["results"][KERR][0] == 1 and wc2023["results"][JAKOB][0] == 2
    assert wc2023["url"].startswith("https://")
    assert {said["speaker"] for said in evidence["statements"]} == {"Josh Kerr", "Jakob Ingebrigtsen"}


def test_each_race_and_statement_is_stored_once_in_the_page(page: tuple[Path, ExportReport]) -> None:
    """Rivalries refer to races by number: no race is repeated for every pair that ran it."""
    data = _data(page[0])
    races = data["races"]  # type: ignore[index]
    cited = [n for evidence in data["evidence"].values() for n in evidence["races"]]  # type: ignore[attr-defined]
    assert len({race["race"] for race in races}) == len(races) == len(set(cited)) < len(cited) / 10


def test_search_finds_athletes_by_name_without_accents(
    page: tuple[Path, ExportReport], browser: Browser
) -> None:
    path, _ = page
    _open(browser, path)
    labels = [node["label"] for node in _data(path)["nodes"]]  # type: ignore[attr-defined]
    expected = sum("ingebrigtsen" in label.lower() for label in labels)
    browser.evaluate(
        "(function () { var box = document.getElementById('search');"
        " box.value = 'INGEBRIGTSEN'; box.dispatchEvent(new Event('input')); })()"
    )
    assert browser.evaluate("document.body.dataset.matches") == str(expected) != "0"
    browser.evaluate("document.getElementById('search').dispatchEvent("
                     "new KeyboardEvent('keydown', {key: 'Enter'}))")  # fmt: skip
    assert "Ingebrigtsen" in browser.evaluate("document.querySelector('#panel h2').textContent")
    browser.evaluate(
        "(function () { var box = document.getElementById('search');"
        " box.value = 'garcia'; box.dispatchEvent(new Event('input')); })()"
    )
    assert int(browser.evaluate("document.body.dataset.matches")) >= 1, "García found as garcia"
    assert browser.errors == []


HOSTILE = [
    "</script><script>window.pwned = 1</script>",
    '<img src=x onerror="window.pwned = 2">',
    "<!-- <script> &amp; \u2028 \u2029 ' \"",
]


def _hostile_network() -> nx.DiGraph:
    network = nx.DiGraph()
    for number, label in enumerate(HOSTILE):
        network.add_node(f"urn:x:{number}", label=label, kind="athlete", community=number)
    network.add_edge("urn:x:0", "urn:x:1", kind="rivalry", score=0.5)
    network.add_edge("urn:x:1", "urn:x:2", kind="rivalry", score=0.2)
    conform(network, full=False)
    return network


def test_hostile_labels_stay_text(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    with path.open("wb") as handle:
        write_html(_hostile_network(), handle,
                   evidence={"e0": {"races": [], "titles": [], "statements": [0]}},
                   statements=[{"speaker": HOSTILE[1], "text": HOSTILE[0], "direct": True,
                                "url": "javascript:window.pwned=3", "source": "x", "date": "",
                                "outlet": "", "response": False}])  # fmt: skip
    _open(browser, path)
    assert browser.evaluate("document.body.dataset.nodes") == "3"
    labels = browser.evaluate("window.rivalgraph.cy.nodes().map(function (n) { return n.data('label'); })")
    assert sorted(labels) == sorted(HOSTILE)
    for element in ("urn:x:1", "e0"):
        browser.evaluate(f"window.rivalgraph.select('{element}')")
        assert browser.evaluate("document.querySelectorAll('#panel img, #panel script').length") == 0
    panel = browser.evaluate("document.getElementById('panel').textContent")
    assert HOSTILE[0] in panel and HOSTILE[1] in panel
    assert browser.evaluate("document.querySelectorAll('#panel a').length") == 0, "no javascript: link"
    assert browser.evaluate("typeof window.pwned") == "undefined"
    assert browser.errors == []


def _planted(nodes: int, communities: int, seed: int) -> nx.DiGraph:
    """A rivalry-like network: dense inside communities, sparse between them."""
    size = nodes // communities
    plain = nx.planted_partition_graph(communities, size, 8 / size, 0.4 / nodes, seed=seed)
    chance = random.Random(seed)
    network = nx.DiGraph()
    for node in plain:
        network.add_node(f"urn:athlete:{node}", label=f"Athlete {node}", kind="athlete",
                         community=node // size, centrality=chance.random() ** 3)  # fmt: skip
    for a, b in plain.edges:
        network.add_edge(f"urn:athlete:{a}", f"urn:athlete:{b}", kind="rivalry",
                         score=chance.random())  # fmt: skip
    conform(network, full=False)
    return network


def test_two_thousand_nodes_render(browser: Browser, tmp_path: Path) -> None:
    network = _planted(2000, 16, seed=5)
    path = tmp_path / "large.html"
    with path.open("wb") as handle:
        write_html(network, handle)
    _open(browser, path)
    assert browser.evaluate("document.body.dataset.nodes") == "2000"
    assert browser.evaluate("document.body.dataset.edges") == str(network.number_of_edges())
    assert browser.screenshot(tmp_path / "large.png").stat().st_size > BLANK
    browser.evaluate("void window.rivalgraph.cy.zoom({level: 3, renderedPosition: {x: 400, y: 300}})")
    assert (
        browser.evaluate(
            "new Promise(function (done) { requestAnimationFrame(function () {"
            " done(window.rivalgraph.cy.zoom()); }); })",
            await_promise=True,
        )
        == 3
    )
    assert browser.screenshot(tmp_path / "large-zoomed.png").stat().st_size > BLANK
    assert browser.errors == []


def test_full_knowledge_graph_page_draws_typed_nodes(store: Store, browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "full.html"
    report = export(store, "html", path, ExportOptions(full=True))
    _open(browser, path)
    assert browser.evaluate("document.body.dataset.nodes") == str(report.nodes)
    kinds = browser.evaluate("Array.from(new Set(window.rivalgraph.cy.nodes().map("
                             "function (n) { return n.data('kind'); }))).sort()")  # fmt: skip
    assert kinds == ["athlete", "race", "response", "statement", "title"]
    assert browser.errors == []


@given(st.text())
def test_script_json_never_contains_markup_and_reads_back(text: str) -> None:
    encoded = script_json({"label": text})
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(encoded) == {"label": text}


@pytest.fixture(scope="module")
def rated_page(rated_location: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("html-rated") / "rivalries.html"
    export(open_store(rated_location), "html", target)
    return target


_TIMELINE = ("(function () { var svg = document.querySelector('#panel svg.timeline');"
             " if (!svg) { return null; } function count(kind) {"
             " return svg.querySelectorAll('[data-kind=\"' + kind + '\"]').length; }"
             " return {races: count('race'), finals: svg.querySelectorAll('[data-final=\"true\"]').length,"
             " statements: count('statement'), ratings: count('rating'), bands: count('band'),"
             " injuries: svg.querySelectorAll('[data-setback=\"injury\"]').length,"
             " withdrawals: svg.querySelectorAll('[data-setback=\"withdrawal\"]').length,"
             " years: count('year'), ylabel: svg.querySelector('[data-kind=\"y-label\"]').textContent,"
             " xlabel: svg.querySelector('[data-kind=\"x-label\"]').textContent}; })()")  # fmt: skip


def _timeline_of(browser: Browser, path: Path, a: str, b: str) -> tuple[dict[str, object], dict[str, object]]:
    _open(browser, path)
    edge = _edge_id(browser, a, b)
    browser.evaluate(f"void window.rivalgraph.cy.getElementById('{edge}').emit('tap')")
    drawn = browser.evaluate(_TIMELINE)
    assert isinstance(drawn, dict), "no timeline in the panel"
    return drawn, _resolved(_data(path), edge)


def test_selecting_a_rivalry_draws_its_timeline(rated_page: Path, browser: Browser,
                                                 tmp_path: Path) -> None:  # fmt: skip
    """One marker per shared race and per dated statement; both ratings with their bands."""
    drawn, evidence = _timeline_of(browser, rated_page, KERR, JAKOB)
    races = evidence["races"]  # type: ignore[index]
    dated = [said for said in evidence["statements"] if said["date"]]  # type: ignore[index]
    assert drawn["races"] == len(races) == 5
    assert drawn["finals"] == sum(race["final"] for race in races) > 0
    assert drawn["statements"] == len(dated) == 3
    assert drawn["ratings"] == drawn["bands"] == 2
    assert int(drawn["years"]) >= 2  # type: ignore[call-overload]
    assert "strength rating (mean ± 1 sd), 1500m, men" in str(drawn["ylabel"])
    assert drawn["xlabel"] == "date (year)"
    assert "parity" in browser.evaluate("document.getElementById('panel').innerText")
    assert browser.screenshot(tmp_path / "timeline.png").stat().st_size > BLANK
    assert browser.errors == []
    assert [url for url in browser.requests if not url.startswith("file:")] == []


def test_without_ratings_the_timeline_says_how_to_get_them(page: tuple[Path, ExportReport],
                                                           browser: Browser) -> None:  # fmt: skip
    drawn, evidence = _timeline_of(browser, page[0], KERR, JAKOB)
    assert drawn["races"] == len(evidence["races"]) and drawn["ratings"] == 0  # type: ignore[arg-type]
    # Ingebrigtsen's two injuries and two withdrawals reported on 2024-03-05, as `timeline` lists.
    setbacks = _data(page[0])["setbacks"][JAKOB]  # type: ignore[index]
    assert [kind for _, kind, *_ in setbacks].count("injury") == drawn["injuries"] == 2
    assert [kind for _, kind, *_ in setbacks].count("withdrawal") == drawn["withdrawals"] == 2
    assert "run rivalgraph strength" in str(drawn["ylabel"])
    panel = browser.evaluate("document.getElementById('panel').innerText")
    assert "parity" not in panel, "parity is not counted without ratings"


def test_the_panel_speaks_plainly(page: tuple[Path, ExportReport], browser: Browser) -> None:
    """Races by date with places and "finished ahead"; only direct speech in quotation marks;
    each factor explained in a line."""
    path, _ = page
    _open(browser, path)
    edge = _edge_id(browser, KERR, JAKOB)
    browser.evaluate(f"void window.rivalgraph.cy.getElementById('{edge}').emit('tap')")
    dates = browser.evaluate("Array.from(document.querySelectorAll('#panel li.race > div:first-child'))"
                             ".map(function (d) { return d.textContent.slice(0, 10); })")  # fmt: skip
    assert dates == sorted(dates) and len(dates) == 5
    panel = str(browser.evaluate("document.getElementById('panel').innerText"))
    assert "Josh Kerr 1st" in panel and "Josh Kerr finished ahead" in panel and "wins" not in panel
    assert "finished ahead" in panel and "championship final" in panel
    reported = browser.evaluate("Array.from(document.querySelectorAll('#panel li.reported'))"
                                ".map(function (li) { return li.innerText; })")  # fmt: skip
    direct = browser.evaluate("Array.from(document.querySelectorAll('#panel li.direct blockquote'))"
                              ".map(function (q) { return q.textContent; })")  # fmt: skip
    assert reported and all("reported speech, not a quotation" in text for text in reported)
    assert all("\u201c" not in text and '"' not in text.split(":", 1)[1][:1] for text in reported)
    assert not browser.evaluate("document.querySelectorAll('#panel li.reported blockquote').length")
    assert direct and all(text.startswith("\u201c") and text.endswith("\u201d") for text in direct)
    for factor in ("repetition: how often they raced each other", "discourse: what they said"):
        assert factor in str(browser.evaluate("document.querySelector('#panel ul.factors').textContent"))


def test_legend_labels_permalink_and_tools(page: tuple[Path, ExportReport], browser: Browser) -> None:
    path, _ = page
    _open(browser, path)
    legend = str(browser.evaluate("document.getElementById('legend').innerText"))
    assert "community 0" in legend and "circle size: centrality" in legend and "line width" in legend
    assert browser.evaluate("window.rivalgraph.cy.nodes('.labelled').length") == 15
    browser.evaluate("void window.rivalgraph.select('" + JAKOB + "')")
    permalink = "#athlete=" + JAKOB.replace(":", "%3A").replace("/", "%2F")
    assert browser.evaluate("window.location.hash") == permalink
    # The permalink restores the selection in a fresh page.
    browser.open("about:blank")
    browser.open(path.as_uri() + permalink)
    browser.wait_for(READY, timeout=120)
    selected = browser.evaluate("window.rivalgraph.cy.$(':selected').map(function (e) { return e.id(); })")
    assert selected == [JAKOB]
    assert "Jakob Ingebrigtsen" in str(browser.evaluate("document.querySelector('#panel h2').textContent"))
    edge = _edge_id(browser, KERR, JAKOB)
    browser.evaluate(f"void window.rivalgraph.cy.getElementById('{edge}').emit('tap')")
    hash_ = str(browser.evaluate("window.location.hash"))
    assert hash_.startswith("#rivalry=")
    browser.open("about:blank")
    browser.open(path.as_uri() + hash_)
    browser.wait_for(READY, timeout=120)
    assert browser.evaluate("window.rivalgraph.cy.$(':selected').length") == 1
    assert "Races, by date (5)" in str(browser.evaluate("document.getElementById('panel').innerText"))
    browser.evaluate("void document.getElementById('reset').click()")
    assert browser.evaluate("window.rivalgraph.cy.$(':selected').length") == 0
    assert browser.evaluate("window.location.hash") == ""
    browser.evaluate("void document.getElementById('save-png').click()")
    assert browser.evaluate("document.body.dataset.saved") == "png"
    assert browser.errors == []
    assert [url for url in browser.requests if not url.startswith(("file:", "blob:", "data:"))] == []


def _expected_visible(data: dict[str, Any], keep: Any) -> tuple[int, int]:
    edges = [edge for edge in data["edges"] if keep(edge, data["evidence"].get(edge["id"], {}))]
    return len({end for edge in edges for end in (edge["source"], edge["target"])}), len(edges)


def _visible(browser: Browser) -> tuple[int, int]:
    found = browser.evaluate("[document.body.dataset.visibleNodes, document.body.dataset.visibleEdges,"
                             " window.rivalgraph.cy.nodes(':visible').length]")  # fmt: skip
    assert isinstance(found, list) and found[0] == str(found[2])
    return int(found[0]), int(found[1])


def test_filters_reduce_the_drawing_to_what_they_select(page: tuple[Path, ExportReport],
                                                        browser: Browser) -> None:  # fmt: skip
    path, _ = page
    data = _data(path)
    _open(browser, path)
    pools = {str(evidence.get("pool", "")).split(" ")[0] for evidence in data["evidence"].values()}  # type: ignore[attr-defined]
    five = next(pool for pool in pools if pool.endswith("Discipline5000m"))

    def choose(control: str, value: str) -> None:
        browser.evaluate(
            f"(function () {{ var c = document.getElementById('filter-{control}');"
            f" c.value = {json.dumps(value)}; c.dispatchEvent(new Event('change')); }})()"
        )

    choose("score", "0.3")
    expected = _expected_visible(data, lambda edge, _: edge["score"] >= 0.3)
    assert _visible(browser) == expected and 0 < expected[0] < len(data["nodes"])  # type: ignore[arg-type]
    choose("score", "0")
    choose("discipline", five)
    expected = _expected_visible(data, lambda _, ev: str(ev.get("pool", "")).startswith(five + " "))
    assert _visible(browser) == expected and expected[1] > 0
    choose("discipline", "")
    choose("since", "2024")
    expected = _expected_visible(data, lambda edge, _: edge["last_met"][:4] >= "2024")
    assert _visible(browser) == expected and expected[1] > 0
    # The filters travel in the permalink.
    state = str(browser.evaluate("window.location.hash"))
    assert "since=2024" in state
    browser.open("about:blank")
    browser.open(path.as_uri() + state)
    browser.wait_for(READY, timeout=120)
    assert _visible(browser) == expected
    assert browser.evaluate("document.getElementById('filter-since').value") == "2024"
    assert browser.errors == []


def test_selecting_an_athlete_highlights_his_strongest_rivalries(page: tuple[Path, ExportReport],
                                                                 browser: Browser) -> None:  # fmt: skip
    """Ingebrigtsen has over a hundred rivals: his ten strongest stay, the rest of the network fades."""
    path, _ = page
    _open(browser, path)
    browser.evaluate("void window.rivalgraph.select('" + JAKOB + "')")
    shown = browser.evaluate("window.rivalgraph.cy.nodes().not('.faded').length")
    rivals = browser.evaluate(f"window.rivalgraph.cy.getElementById('{JAKOB}')"
                              ".connectedEdges('[kind = \"rivalry\"]').length")  # fmt: skip
    assert isinstance(rivals, int) and rivals > 100
    assert shown == 11
    panel = str(browser.evaluate("document.getElementById('panel').innerText"))
    assert "the 10 strongest highlighted" in panel


def test_marks_are_written_as_their_measure_says(browser: Browser, tmp_path: Path) -> None:
    """A 1500 m time as minutes and seconds, a javelin throw in metres, a decathlon in points."""
    network = nx.DiGraph()
    for node in ("urn:a", "urn:b"):
        network.add_node(node, label=node[-1].upper(), kind="athlete", community=0, centrality=0.5)
    network.add_edge("urn:a", "urn:b", kind="rivalry", score=0.5)
    conform(network, full=False)
    races = [{"race": f"urn:r{n}", "label": label, "date": f"2024-0{n + 1}-01", "url": "",
              "final": False, "measure": measure, "results": {"urn:a": [1, a, ""], "urn:b": [2, b, ""]}}
             for n, (label, measure, a, b) in enumerate([("1500 m", "Time", 209.38, 211.0),
                                                         ("javelin", "Distance", 85.1, 84.0),
                                                         ("decathlon", "Points", 8700, 8650)])]  # fmt: skip
    path = tmp_path / "marks.html"
    with path.open("wb") as handle:
        write_html(network, handle, evidence={"e0": {"races": [0, 1, 2], "titles": [], "statements": []}},
                   races=races)  # fmt: skip
    _open(browser, path)
    browser.evaluate("void window.rivalgraph.select('e0')")
    panel = str(browser.evaluate("document.getElementById('panel').innerText"))
    assert "A 1st in 3:29.38" in panel and "B 2nd in 3:31.00" in panel
    assert "A 1st, 85.10 m" in panel and "A 1st, 8700 points" in panel
    assert browser.errors == []


# ---------- a large page, in parts (the curated graph with the limits of one page lowered) ----------


@pytest.fixture(scope="module")
def parted_page(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .test_export_pageparts import LIMITS

    target = tmp_path_factory.mktemp("html-parts") / "parts.html"
    with pytest.MonkeyPatch.context() as patch:
        for name, limit in LIMITS.items():
            patch.setattr(pageparts, name, limit)
        export(store, "html", target)
    return target


_SELECTED = "window.rivalgraph.cy.$(':selected').map(function (e) { return e.id(); })"


def _part_records(path: Path, number: int) -> list[dict[str, Any]]:
    block = page_blocks(path)[1][f"rivalgraph-part-{number}"]
    edges: list[dict[str, Any]] = read_part(block, number)["edges"]
    return edges


def _choose(browser: Browser, control: str, value: str) -> None:
    browser.evaluate(
        f"(function () {{ var c = document.getElementById('filter-{control}');"
        f" c.value = {json.dumps(value)}; c.dispatchEvent(new Event('change')); }})()"
    )


def _settled(browser: Browser, part: int) -> None:
    browser.wait_for(f"document.body.dataset.part === '{part}' && !document.body.dataset.loading", timeout=60)


def test_a_large_page_opens_one_part_with_its_strongest_rivalries(parted_page: Path, browser: Browser,
                                                                  tmp_path: Path) -> None:  # fmt: skip
    index, _ = page_blocks(parted_page)
    _open(browser, parted_page)
    opened = index["open"]
    assert browser.evaluate("document.body.dataset.part") == str(opened)
    listed = index["parts"][opened]
    strongest = [edge for edge in _part_records(parted_page, opened)
                 if edge["score"] >= listed["opening_score"]]  # fmt: skip
    assert listed["opening_score"] > 0 and 0 < len(strongest) < listed["edges"]
    assert _visible(browser) == (len({end for e in strongest for end in (e["source"], e["target"])}),
                                 len(strongest))  # fmt: skip
    assert browser.evaluate("document.getElementById('filter-score').value") == str(listed["opening_score"])
    options = browser.evaluate("Array.from(document.getElementById('filter-discipline').options)"
                               ".map(function (o) { return o.value; })")  # fmt: skip
    assert "" not in options and set(options) == {part["discipline"] for part in index["parts"]}
    summary = str(browser.evaluate("document.getElementById('summary').textContent"))
    assert f"drawn of {listed['nodes']} and {listed['edges']}" in summary and "117 athletes in all" in summary
    # Lowering the minimum score draws the whole part.
    _choose(browser, "score", "0")
    assert _visible(browser)[1] == listed["edges"]
    assert browser.screenshot(tmp_path / "part.png").stat().st_size > BLANK
    assert browser.errors == []
    assert [url for url in browser.requests if not url.startswith("file:")] == []


def test_choosing_a_discipline_reads_its_part(parted_page: Path, browser: Browser) -> None:
    index, _ = page_blocks(parted_page)
    _open(browser, parted_page)
    other = next(n for n, part in enumerate(index["parts"]) if n != index["open"])
    _choose(browser, "discipline", index["parts"][other]["discipline"])
    _settled(browser, other)
    listed = index["parts"][other]
    strongest = [edge for edge in _part_records(parted_page, other)
                 if edge["score"] >= listed["opening_score"]]  # fmt: skip
    assert _visible(browser)[1] == len(strongest) > 0
    assert f"discipline={listed['discipline']}".replace(":", "%3A").replace("/", "%2F").replace("#", "%23") \
        in str(browser.evaluate("window.location.hash"))  # fmt: skip
    assert browser.errors == []


def test_search_finds_an_athlete_of_another_part_and_opens_it(parted_page: Path, browser: Browser) -> None:
    index, blocks = page_blocks(parted_page)
    athletes = read_block(blocks["rivalgraph-athletes"])
    athlete, label, _, _, part = next(row for row in sorted(athletes, key=lambda row: -row[3])
                                      if row[4] != index["open"])  # fmt: skip
    _open(browser, parted_page)
    browser.evaluate("(function () { var s = document.getElementById('search');"
                     f" s.value = {json.dumps(label)};"
                     " s.dispatchEvent(new Event('input')); })()")  # fmt: skip
    browser.wait_for("Number(document.body.dataset.matches) >= 1", timeout=30)
    browser.evaluate("void document.getElementById('search')"
                     ".dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}))")  # fmt: skip
    _settled(browser, part)
    browser.wait_for(f"{_SELECTED}[0] === {json.dumps(athlete)}", timeout=30)
    assert label in str(browser.evaluate("document.querySelector('#panel h2').textContent"))
    # His strongest rivalries are drawn, even those under the opening score.
    his = [edge for edge in _part_records(parted_page, part) if athlete in (edge["source"], edge["target"])]
    strongest = sorted(his, key=lambda edge: -edge["score"])[:10]
    drawn = browser.evaluate("window.rivalgraph.cy.edges().map(function (e) { return e.id(); })")
    assert {edge["id"] for edge in strongest} <= set(drawn)
    assert browser.errors == []


def test_a_permalink_restores_the_part_and_the_selection(parted_page: Path, browser: Browser) -> None:
    index, _ = page_blocks(parted_page)
    other = next(n for n, part in enumerate(index["parts"]) if n != index["open"])
    edges = _part_records(parted_page, other)
    weakest = min(edges, key=lambda edge: edge["score"])
    _open(browser, parted_page)
    _choose(browser, "discipline", index["parts"][other]["discipline"])
    _settled(browser, other)
    browser.evaluate(f"void window.rivalgraph.select({json.dumps(weakest['id'])})")
    state = str(browser.evaluate("window.location.hash"))
    assert state.startswith("#rivalry=")
    browser.open("about:blank")
    browser.open(parted_page.as_uri() + state)
    browser.wait_for(READY, timeout=120)
    assert browser.evaluate("document.body.dataset.part") == str(other)
    assert browser.evaluate(_SELECTED) == [weakest["id"]]
    assert " vs " in str(browser.evaluate("document.querySelector('#panel h2').textContent"))
    assert browser.errors == []


def test_a_parts_rivalry_draws_the_same_timeline_and_evidence(rated_location: Path, browser: Browser,
                                                              tmp_path: Path) -> None:  # fmt: skip
    """Taken back from a part (races found from the results, dates from day numbers, ratings by
    athlete number), Kerr–Ingebrigtsen shows what the one-part page shows."""
    from .test_export_pageparts import LIMITS

    path = tmp_path / "rated-parts.html"
    with pytest.MonkeyPatch.context() as patch:
        for name, limit in LIMITS.items():
            patch.setattr(pageparts, name, limit)
        export(open_store(rated_location), "html", path)
    index, _ = page_blocks(path)
    part, edge = next((number, edge) for number in range(len(index["parts"]))
                      for edge in _part_records(path, number)
                      if {edge["source"], edge["target"]} == {KERR, JAKOB})  # fmt: skip
    _open(browser, path)
    browser.evaluate(f"void window.rivalgraph.open({part})")
    _settled(browser, part)
    browser.evaluate(f"void window.rivalgraph.select({json.dumps(edge['id'])})")
    drawn = browser.evaluate(_TIMELINE)
    assert isinstance(drawn, dict)
    assert (drawn["races"], drawn["statements"], drawn["ratings"], drawn["bands"]) == (5, 3, 2, 2)
    assert drawn["finals"] > 0 and drawn["injuries"] == 2 and drawn["withdrawals"] == 2
    panel = str(browser.evaluate("document.getElementById('panel').innerText"))
    for expected in ("Races, by date (5)", "2023-08-23", "Titles (2)", "Statements (3)", "blindfolded",
                     "Josh Kerr 1st in 3:29.38", "finished ahead"):  # fmt: skip
        assert expected in panel, expected
    assert browser.errors == []


def test_a_parts_athlete_panel_and_legend_say_what_the_one_part_page_says(
    parted_page: Path, browser: Browser
) -> None:
    _open(browser, parted_page)
    legend = str(browser.evaluate("document.getElementById('legend').innerText"))
    assert "community" in legend and "athletes)" in legend
    assert browser.evaluate("window.rivalgraph.cy.nodes().filter(function (n) {"
                            " return n.data('kind') !== 'athlete'; }).length") == 0  # fmt: skip
    node = browser.evaluate("window.rivalgraph.cy.nodes()[0].id()")
    browser.evaluate(f"void window.rivalgraph.select({json.dumps(node)})")
    panel = str(browser.evaluate("document.getElementById('panel').innerText"))
    assert "centrality" in panel and "in-strength" in panel and "Rivalries (" in panel
    assert browser.errors == []
