"""HTML and JavaScript in the data, shown by the endpoint's web page in headless Chromium: escaped.

A store holds a label made of ``<script>`` and ``<img onerror>`` markup; the
page runs a query that returns it.  The markup must show as text in the
result table and none of it may run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest

from .serve_support import RunningServer, make_store, start_server
from .sparql_server import serve
from .test_serve_page import CHROMIUM, FLAGS

PAYLOAD = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SHOWN = "() => [...document.querySelectorAll('.yasr td')].some(td => td.innerText.includes('<script>'))"
QUERY = "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    folder = tmp_path_factory.mktemp("xss")
    quad = ox.Quad(ox.NamedNode("urn:x:athlete"), LABEL, ox.Literal(PAYLOAD), ox.NamedNode("urn:x:graph"))
    store = make_store(folder / "store", [quad])
    server = start_server(store, folder, "--workers", "1")
    yield server
    server.stop()


def test_markup_in_the_data_shows_as_text_and_never_runs(hostile: RunningServer, tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/install-chromium.sh could not install it)")
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        try:
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(hostile.url)
            page.wait_for_selector(".yasqe .CodeMirror:visible")
            page.evaluate(f"window.rivalgraphYasgui.getTab().getYasqe().setValue({QUERY!r})")
            page.locator(".yasqe_queryButton:visible").first.click()
            page.wait_for_function(SHOWN, timeout=30_000)
            cells = page.locator(".yasr td").all_inner_texts()
            ran = page.evaluate("window.__xss")
            injected = page.evaluate("document.querySelectorAll('.yasr td img, .yasr td script').length")
        finally:
            context.close()
    assert any(PAYLOAD in cell for cell in cells), cells
    assert ran is None and injected == 0 and dialogs == []


def test_a_link_naming_another_endpoint_sends_nothing_there(hostile: RunningServer, tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/install-chromium.sh could not install it)")
    from playwright.sync_api import sync_playwright

    with serve([]) as attacker, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        try:
            page = context.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            link = f"{hostile.url}?{urlencode({'query': QUERY, 'endpoint': attacker.url})}"
            page.goto(link)
            page.wait_for_selector(".yasqe .CodeMirror:visible")
            page.locator(".yasqe_queryButton:visible").first.click()
            page.wait_for_function(SHOWN, timeout=30_000)
            shown_endpoint = page.evaluate("window.rivalgraphYasgui.getTab().getEndpoint()")
        finally:
            context.close()
    assert attacker.requests == 0
    origin = hostile.url.rstrip("/")  # the server's root: http://127.0.0.1:PORT
    assert all(url.startswith(origin) or url.startswith("data:") for url in requested), requested
    assert shown_endpoint.startswith(origin)


def test_completion_asks_no_other_host(hostile: RunningServer, tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/install-chromium.sh could not install it)")
    from playwright.sync_api import sync_playwright

    origin = hostile.url.rstrip("/")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        try:
            page = context.new_page()
            outside: list[str] = []
            page.on("request", lambda request: None if request.url.startswith((origin, "data:"))
                    else outside.append(request.url))  # fmt: skip
            page.goto(hostile.url)
            page.wait_for_selector(".yasqe .CodeMirror:visible")
            typed = "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\\nSELECT * WHERE { ?s a foaf:Pers"
            page.evaluate(f"window.rivalgraphYasgui.getTab().getYasqe().setValue('{typed}')")
            page.locator(".yasqe .CodeMirror:visible").first.click()
            page.keyboard.press("End")
            page.keyboard.press("Control+Space")
            page.keyboard.type("o")
            page.keyboard.press("Control+Space")
            page.wait_for_timeout(1500)
            left = page.evaluate("Object.keys(Yasgui.Yasqe.Autocompleters)")
        finally:
            context.close()
    assert outside == [] and "class" not in left and "property" not in left, (outside, left)
