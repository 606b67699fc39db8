"""The HTML view of the whole all-of-athletics graph, in headless Chromium (issue 17, scale).

On a store of the full graph (``make bench-large`` builds one; ``rivalgraph strength``
adds the ratings its timelines draw), this benchmark

1. exports the page as shipped (:mod:`rivalgraph.export.pageparts`: one compressed part
   per discipline and sex, opening with the strongest rivalries of one part) and, in the
   same run, the baseline: the same network as one part (the page as it was, every
   rivalry drawn at once);
2. opens each in headless Chromium (``tests/browser.py``, a fresh profile per page) and
   measures, from the page's own clock (``performance.now()`` at its first drawn frame):
   the first render; then, for the page in parts, selecting each of the ten most central
   athletes of the part it opens (until the next frame is drawn), switching to the largest
   part, and the first search (which reads the index of every athlete);
3. records sizes, times and the JS heap in the ``page_scale`` block of bench/RESULTS.md.

The goals of issue 17: page at most 20 MB, first render at most 2 s, selecting an
athlete at most 200 ms.  The baseline is given ``--baseline-timeout`` seconds to draw.

Usage: ``python -m bench.page_scale [--store DIR] [--baseline-timeout S]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from tests.browser import Browser, BrowserError

from bench.sections import replace_section
from rivalgraph.export import pageparts
from rivalgraph.export.exporter import ExportReport, export
from rivalgraph.store import open_store

READY = "document.body.dataset.ready === 'true'"
SELECT = """new Promise(function (done) {
  var started = performance.now();
  window.rivalgraph.select(%s);
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    done(performance.now() - started); }); });
})"""
SETTLED = "!document.body.dataset.loading && document.body.dataset.part === '%d'"
GOALS = {"bytes": 20e6, "first_render_ms": 2000, "select_ms": 200}


def _export(store_path: Path, target: Path, whole: bool) -> ExportReport:
    saved = pageparts.WHOLE_NODES, pageparts.WHOLE_EDGES
    if whole:
        pageparts.WHOLE_NODES = pageparts.WHOLE_EDGES = 10**9
    try:
        return export(open_store(store_path), "html", target)
    finally:
        pageparts.WHOLE_NODES, pageparts.WHOLE_EDGES = saved


def _open(browser: Browser, page: Path, timeout: float) -> dict[str, Any]:
    started = time.perf_counter()
    browser.open(page.as_uri())
    browser.wait_for(READY, timeout=timeout)
    figures: dict[str, Any] = browser.evaluate(
        "({ready: Number(document.body.dataset.readyMs), nodes: Number(document.body.dataset.nodes),"
        " edges: Number(document.body.dataset.edges),"
        " heap: performance.memory ? performance.memory.usedJSHeapSize : 0})")  # fmt: skip
    figures["wall"] = (time.perf_counter() - started) * 1000
    return figures


def _parted_figures(browser: Browser, page: Path) -> dict[str, Any]:
    opens = [_open(browser, page, 120) for _ in range(3)]
    figures: dict[str, Any] = {"opens": opens}
    central = browser.evaluate(
        "window.rivalgraph.view().nodes.slice().sort(function (a, b) { return b.centrality - a.centrality; })"
        ".slice(0, 10).map(function (n) { return [n.id, n.label]; })")  # fmt: skip
    figures["select"] = [(label, browser.evaluate(SELECT % json.dumps(node), await_promise=True))
                         for node, label in central]  # fmt: skip
    parts = browser.evaluate("window.rivalgraph.data.parts")
    largest = max(range(len(parts)), key=lambda n: parts[n]["edges"])
    started = time.perf_counter()
    browser.evaluate(f"void window.rivalgraph.open({largest})")
    browser.wait_for(SETTLED % largest, timeout=120)
    figures["switch"] = {"label": parts[largest]["label"], "edges": parts[largest]["edges"],
                         "drawn": browser.evaluate("window.rivalgraph.cy.edges().length"),
                         "ms": (time.perf_counter() - started) * 1000}  # fmt: skip
    started = time.perf_counter()
    browser.evaluate("(function () { var s = document.getElementById('search'); s.value = 'kipyegon';"
                     " s.dispatchEvent(new Event('input')); })()")  # fmt: skip
    browser.wait_for("Number(document.body.dataset.matches) >= 1", timeout=60)
    figures["search_ms"] = (time.perf_counter() - started) * 1000
    figures["heap"] = browser.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
    figures["errors"] = list(browser.errors)
    return figures


def _section(store_path: Path, parted: ExportReport, whole: ExportReport, figures: dict[str, Any],
             baseline: dict[str, Any] | str, meta: dict[str, Any]) -> str:  # fmt: skip
    first = statistics.median(open_["ready"] for open_ in figures["opens"])
    selects = [ms for _, ms in figures["select"]]
    met = {"bytes": parted.bytes <= GOALS["bytes"], "first": first <= GOALS["first_render_ms"],
           "select": max(selects) <= GOALS["select_ms"]}  # fmt: skip
    opened = figures["opens"][0]
    lines = [
        "## The HTML view of the whole graph in headless Chromium (bench/page_scale.py)", "",
        f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"store {store_path}: {parted.nodes:,} athletes, {parted.edges:,} rivalries, "
        f"{meta['parts']} parts (discipline and sex).", "",
        "| | page in parts (as shipped) | one part (baseline) | goal |", "|---|---:|---:|---:|",
        f"| page size | {parted.bytes / 1e6:.1f} MB | {whole.bytes / 1e6:.1f} MB | ≤ 20 MB "
        f"({'met' if met['bytes'] else 'missed'}) |",
        f"| export | {parted.seconds:.0f} s | {whole.seconds:.0f} s | |",
        f"| first render (page clock, median of 3) | {first:,.0f} ms | "
        + (f"{baseline['ready']:,.0f} ms" if isinstance(baseline, dict) else baseline)
        + f" | ≤ 2,000 ms ({'met' if met['first'] else 'missed'}) |",
        f"| drawn at first render | {opened['nodes']:,} nodes, {opened['edges']:,} edges | "
        + (f"{baseline['nodes']:,} nodes, {baseline['edges']:,} edges" if isinstance(baseline, dict) else "")
        + " | |",
        f"| JS heap after first render | {opened['heap'] / 1e6:.0f} MB | "
        + (f"{baseline['heap'] / 1e6:.0f} MB" if isinstance(baseline, dict) else "") + " | |",
        f"| select an athlete (10 most central of the opening part), median / max | "
        f"{statistics.median(selects):.0f} / {max(selects):.0f} ms | | ≤ 200 ms "
        f"({'met' if met['select'] else 'missed'}) |",
        f"| switch to the largest part ({figures['switch']['label']}, {figures['switch']['edges']:,} "
        f"rivalries, {figures['switch']['drawn']:,} drawn) | {figures['switch']['ms']:,.0f} ms | | |",
        f"| first search (reads the index of every athlete) | {figures['search_ms']:,.0f} ms | | |",
        f"| JS heap at the end | {figures['heap'] / 1e6:.0f} MB | | |", "",
        "Selections: " + ", ".join(f"{label} {ms:.0f} ms" for label, ms in figures["select"]) + ".",
        f"Page errors: {len(figures['errors'])}.",
    ]  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path,
                        default=Path(tempfile.gettempdir()) / "rivalgraph-athletics")  # fmt: skip
    parser.add_argument("--baseline-timeout", type=float, default=180.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        parted = _export(args.store, work / "parts.html", whole=False)
        print(parted, flush=True)
        whole = _export(args.store, work / "whole.html", whole=True)
        print(whole, flush=True)
        with Browser(work) as browser:
            figures = _parted_figures(browser, work / "parts.html")
            meta = browser.evaluate("window.rivalgraph.data.meta")
        baseline: dict[str, Any] | str
        try:
            with Browser(work) as browser:
                baseline = _open(browser, work / "whole.html", args.baseline_timeout)
        except (BrowserError, OSError, RuntimeError) as error:
            print(f"baseline: {error}", flush=True)
            baseline = f"not drawn in {args.baseline_timeout:.0f} s"
        section = _section(args.store, parted, whole, figures, baseline, meta)
    replace_section("page_scale", section)
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
