"""One self-contained HTML page: the rivalry network drawn with cytoscape.js, offline.

The page (``static/rivalry.html``, ``.css``, ``.js``) inlines the vendored
minified cytoscape.js (``static/cytoscape.min.js``, MIT, see ``static/NOTICE``;
refreshed by ``scripts/vendor-js.sh``), so it needs no network: its Content
Security Policy even forbids any request, and allows only its own two scripts
(by hash).

The network travels as JSON in ``<script type="application/json">``, with
``<``, ``>``, ``&`` and the line separators U+2028/U+2029 written as ``\\u``
escapes so that no ``</script>`` or ``<!--`` in the data can end the block;
the page script reads it with ``JSON.parse`` and writes it into the page only
as text (``textContent``), never as HTML.  A network too large to draw at once
(:func:`.pageparts.needs_parts`) is written in parts, one per discipline and sex:
the data block then holds their list, and each part is a gzip-compressed block
that the page decompresses when it is chosen (:mod:`.pageparts`).  Positions, sizes and colours come
from :func:`.layout.draw` (computed once in Python, no physics in the browser):
node size follows centrality, colour the community; edge width the score.  After
the first frame is drawn the page sets ``document.body.dataset.nodes`` and
``.edges`` to the numbers drawn, and ``.ready`` to ``"true"``.

Examples
--------
>>> script_json({"text": "</script><!-- & \\u2028"})
'{"text":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from typing import Any, BinaryIO

import networkx as nx

from rivalgraph import __version__
from rivalgraph.export.jsongraph import edge_id
from rivalgraph.export.layout import draw
from rivalgraph.export.pageparts import needs_parts, split_page

__all__ = ["script_json", "page_data", "page_text", "write_html"]

_STATIC = resources.files("rivalgraph.export") / "static"
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PLACEHOLDER = re.compile(r"\{\{([A-Z]+)\}\}")


def _static(name: str) -> str:
    return (_STATIC / name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">`` (no ``<``, ``>``, ``&``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda match: _ESCAPES[match.group()], text)


def page_data(
    network: nx.DiGraph,
    evidence: dict[str, dict[str, Any]] | None = None,
    meta: dict[str, Any] | None = None,
    seed: int = 7,
    ratings: dict[str, Any] | None = None,
    setbacks: dict[str, Any] | None = None,
    races: list[dict[str, Any]] | None = None,
    statements: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """What the page reads: nodes with positions, edges with ids, evidence by edge id (numbers
    into ``races`` and ``statements``, each stored once: :class:`.evidence.EvidenceIndex`),
    meta, and what the rivalry timelines draw per athlete: season ratings
    (``{athlete: {pool: [[day, mean, sd], ...]}}``) and injuries and withdrawals
    (``{athlete: [[day, kind, label, url], ...]}``)."""
    # A network the exporter drew (layout.draw) carries its drawing; one built by hand is
    # drawn here, by the same rule, so the page never computes sizes or colours itself.
    if not network.graph.get("drawing"):
        network = network.copy()
        draw(network, seed)
    nodes = [{"id": node, **data} for node, data in network.nodes(data=True)]
    edges = [{"id": edge_id(number), "source": source, "target": target, **data}
             for number, (source, target, data) in enumerate(network.edges(data=True))]  # fmt: skip
    return {
        "meta": {**network.graph, **(meta or {}), "nodes": len(nodes), "edges": len(edges)},
        "nodes": nodes,
        "edges": edges,
        "evidence": evidence or {},
        "races": races or [],
        "statements": statements or [],
        "ratings": ratings or {},
        "setbacks": setbacks or {},
    }


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _inline_script(name: str) -> str:
    script = _static(name)
    if re.search(r"</script|<!--", script, re.IGNORECASE):
        raise ValueError(f"static/{name} contains </script or <!--: it cannot be inlined")
    return script


def _block_script(name: str, text: str) -> str:
    """A compressed block (base64: no character of it can end the script element)."""
    if not re.fullmatch(r"[A-Za-z0-9+/=]*", text):
        raise ValueError(f"block {name!r} is not base64 text")
    return f'<script type="application/gzip" id="{html.escape(name, quote=True)}">{text}</script>\n'


def page_text(
    data: dict[str, Any], title: str = "Rivalry network", blocks: dict[str, str] | None = None
) -> str:
    """The HTML page for ``data`` (from :func:`page_data`, or the index of
    :func:`.pageparts.split_page` with its compressed ``blocks``: base64 text, by element id)."""
    library, app = _inline_script("cytoscape.min.js"), _inline_script("rivalry.js")
    policy = (
        "default-src 'none'; "
        f"script-src {_script_hash(library)} {_script_hash(app)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'"
    )
    values = {
        "CSP": html.escape(policy, quote=True),
        "GENERATOR": html.escape(f"rivalgraph {__version__}", quote=True),
        "TITLE": html.escape(title),
        "CSS": _static("rivalry.css"),
        "DATA": script_json(data),
        "PARTS": "".join(_block_script(name, text) for name, text in (blocks or {}).items()),
        "CYTOSCAPE": library,
        "APP": app,
    }
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], _static("rivalry.html"))


def write_html(
    network: nx.DiGraph,
    handle: BinaryIO,
    evidence: dict[str, dict[str, Any]] | None = None,
    meta: dict[str, Any] | None = None,
    title: str = "Rivalry network",
    ratings: dict[str, Any] | None = None,
    setbacks: dict[str, Any] | None = None,
    races: list[dict[str, Any]] | None = None,
    statements: list[dict[str, Any]] | None = None,
    seed: int = 7,
) -> None:
    """Write the page for ``network`` (in the export schema) to a binary file: one part, or
    for a large network (:func:`.pageparts.needs_parts`) its parts by discipline and sex."""
    if needs_parts(network):
        tables = {"races": races or [], "statements": statements or [], "ratings": ratings or {},
                  "setbacks": setbacks or {}}  # fmt: skip
        index, blocks = split_page(network, evidence or {}, tables, meta, seed)
        handle.write(page_text(index, title, blocks).encode("utf-8"))
        return
    data = page_data(network, evidence, meta, ratings=ratings, setbacks=setbacks, races=races,
                     statements=statements, seed=seed)  # fmt: skip
    handle.write(page_text(data, title).encode("utf-8"))
