"""The HTML pages: the query editor at ``/`` and the rivalry view at ``/view``.

The editor is YASGUI, served from the package (``static/yasgui``, see its
NOTICE): the page loads nothing from another host.  It opens with one tab per
named query (:mod:`rivalgraph.serve.examples`), each already runnable.

Examples
--------
>>> html = editor_page([], update=False)
>>> '<script src="static/yasgui/yasgui.min.js"></script>' in html
True
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import asdict

from rivalgraph import __version__
from rivalgraph.serve.examples import Example

__all__ = ["editor_page", "view_placeholder"]

_EDITOR = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>rivalgraph SPARQL endpoint</title>
<link rel="stylesheet" href="static/yasgui/yasgui.min.css">
<link rel="stylesheet" href="static/rivalgraph.css">
<link rel="alternate" type="text/turtle" href="sparql" title="SPARQL service description">
</head>
<body>
<header>
  <h1>rivalgraph SPARQL endpoint</h1>
  <a href="view">Interactive rivalry view</a>
  <a href="sparql">Service description</a>
  <a href=".well-known/void">VoID description</a>
</header>
<main>
  <div id="yasgui"></div>
  <section id="rg-about">
    <p>The endpoint is <code>{endpoint}</code> (SPARQL 1.1 Protocol: GET or POST).
    {mode} Each tab above is one of the named queries:</p>
    <ul id="rg-example-list"></ul>
    <p>rivalgraph {version}</p>
  </section>
</main>
<script id="rg-examples" type="application/json">{examples}</script>
<script src="static/yasgui/yasgui.min.js"></script>
<script src="static/rivalgraph.js"></script>
</body>
</html>
"""

_VIEW = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>rivalgraph: rivalry view</title>
<link rel="stylesheet" href="static/rivalgraph.css"></head>
<body>
<header><h1>Interactive rivalry view</h1><a href="./">Query editor</a></header>
<main>
<p>This server has no rivalry view to show yet. Export one with
<code>rivalgraph export --format html -o view.html</code> (when your version has it)
and start the server with <code>rivalgraph serve --view view.html</code>.</p>
</main>
</body>
</html>
"""


def editor_page(examples: Sequence[Example], *, update: bool, endpoint: str = "/sparql") -> str:
    """The query editor page, with ``examples`` embedded as JSON."""
    data = json.dumps([asdict(example) for example in examples])
    # JSON inside <script>: keep "</" from closing the element.
    data = data.replace("</", "<\\/")
    mode = "Updates are enabled for holders of the operator's token." if update else "It is read-only."
    return _EDITOR.format(endpoint=html.escape(endpoint), mode=mode, version=__version__, examples=data)


def view_placeholder() -> str:
    """What ``/view`` shows when the server was given no exported view."""
    return _VIEW
