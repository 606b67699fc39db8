"""Screenshots of an exported HTML view for docs/images, taken in headless Chromium.

Usage: ``python scripts/screenshots.py PAGE PREFIX [--athlete IRI]``

Writes ``PREFIX-opening.png`` (the page as it opens), ``PREFIX-athlete.png`` (an athlete
selected: his strongest rivalries highlighted, his rivals listed) and
``PREFIX-rivalry.png`` (a rivalry selected: its timeline and evidence), each 1280 x 800.
Without ``--athlete`` the most central athlete drawn is chosen; the rivalry is his strongest.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import Browser  # noqa: E402  (the tests' Chromium client)

READY = "document.body.dataset.ready === 'true' && !document.body.dataset.loading"
CENTRAL = ("window.rivalgraph.cy.nodes().sort(function (a, b) {"
           " return b.data('centrality') - a.data('centrality'); })[0].id()")  # fmt: skip
STRONGEST = ("(function (id) { var v = window.rivalgraph.view(); return (v.edgesOf[id] || [])[0].id; })"
             "(%s)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("prefix", type=Path)
    parser.add_argument("--athlete")
    args = parser.parse_args(argv)
    args.prefix.parent.mkdir(parents=True, exist_ok=True)
    with Browser() as browser:
        browser.open(args.page.resolve().as_uri())
        browser.wait_for(READY, timeout=120)
        browser.screenshot(Path(f"{args.prefix}-opening.png"))
        athlete = args.athlete or browser.evaluate(CENTRAL)
        browser.evaluate(f"void window.rivalgraph.select({json.dumps(athlete)})")
        browser.screenshot(Path(f"{args.prefix}-athlete.png"))
        edge = browser.evaluate(STRONGEST % json.dumps(athlete))
        browser.evaluate(f"void window.rivalgraph.select({json.dumps(edge)})")
        browser.screenshot(Path(f"{args.prefix}-rivalry.png"))
        if browser.errors:
            raise SystemExit(f"page errors: {browser.errors}")
    print(f"wrote {args.prefix}-opening.png, -athlete.png, -rivalry.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
