"""The endpoint's web page in headless Chromium: a query typed into the editor, run, results shown.

Chromium is Debian's package (installed by scripts/install-chromium.sh from
``make test``), driven by Playwright's client without its own browser download.
The page must load nothing from any host but the endpoint's own.
"""

from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from .serve_support import RunningServer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
QUERY = (
    "PREFIX rg: <https://w3id.org/rivalgraph/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT ?name WHERE { ?athlete a rg:Athlete ; rdfs:label ?name . "
    'FILTER(STRSTARTS(?name, "Josh")) } ORDER BY ?name'
)


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/install-chromium.sh could not install it)")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )  # fmt: skip
        try:
            yield context.new_page()
        finally:
            context.close()


def test_query_typed_in_the_editor_runs_and_shows_a_table(
    browser_page: object, endpoint: RunningServer, tmp_path: Path
) -> None:
    from playwright.sync_api import Page

    page = browser_page
    assert isinstance(page, Page)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(endpoint.url)
    page.wait_for_selector(".yasqe .CodeMirror:visible")
    tabs = page.locator(".tabPanel, .tab").all_inner_texts()
    assert any("head-to-head" in tab for tab in tabs), tabs
    assert any("response-threads" in tab for tab in tabs), tabs

    page.locator(".yasqe .CodeMirror:visible").first.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(QUERY)
    typed = page.evaluate("window.rivalgraphYasgui.getTab().getYasqe().getValue()")
    assert typed == QUERY
    page.locator(".yasqe_queryButton:visible").first.click()

    table = page.locator(".yasr table:visible").first
    table.wait_for(timeout=30_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.yasr td')].some(td => td.innerText.includes('Josh Kerr'))",
        timeout=30_000,
    )
    cells = page.locator(".yasr td").all_inner_texts()
    headers = page.locator(".yasr th").all_inner_texts()
    page.screenshot(path=str(tmp_path / "editor.png"), full_page=True)
    assert any("Josh Kerr" in cell for cell in cells), cells
    assert any("name" in header for header in headers), headers
    hosts = {urllib.parse.urlsplit(url).hostname for url in requested if url.startswith("http")}
    assert hosts == {"127.0.0.1"}, f"the page reached other hosts: {sorted(requested)}"
    assert (tmp_path / "editor.png").stat().st_size > 10_000


def test_page_links_to_the_rivalry_view(browser_page: object, endpoint: RunningServer) -> None:
    from playwright.sync_api import Page

    page = browser_page
    assert isinstance(page, Page)
    page.goto(endpoint.url)
    page.click("text=Interactive rivalry view")
    page.wait_for_url("**/view")
    assert "rivalgraph serve --view" in page.inner_text("main")
