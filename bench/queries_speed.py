"""Named queries with their parameters bound, in every binding form, before and after a change.

For each size, each named query of ``queries/`` and each binding form, one
child process opens the store built by :func:`bench.scale.prepare` and times
the query (about ``--seconds`` of calls, at least 3, or one call if it takes
longer), under ``--timeout``.  The parameters are those of the scale
benchmark (:func:`bench.scale._parameters`: the busiest athlete and his most
frequent rival).  The binding forms, all run on the embedded store:

- ``subst``: :func:`rivalgraph.query.run`, parameters as engine substitutions;
- ``values``: the endpoint's standalone text (:func:`rivalgraph.serve.examples.example_text`,
  one ``VALUES`` block of tuples opening the ``WHERE`` group), as ``bench/scale.py``
  posts it to ``rivalgraph serve``;
- ``values1``: the remote store's text (:func:`rivalgraph.remote.terms.values_text`, one
  ``VALUES`` block per variable opening the ``WHERE`` group), as sent to Virtuoso.

``--baseline REV`` also times the query files of a git revision (``main``) in
the same run, and checks that both versions give the same rows.

Usage::

    python -m bench.queries_speed --sizes 1e5 1e6 --baseline main
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FORMS = ("subst", "values", "values1")


def _texts(folder: Path, form: str, values: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    import pyoxigraph as ox

    from bench.scale import _bindings
    from rivalgraph.query import load_registry
    from rivalgraph.remote.terms import values_text
    from rivalgraph.serve.examples import example_text

    texts = {}
    for name, query in load_registry(folder).items():
        chosen = _bindings(query, values)
        terms = {key: ox.NamedNode(iri) for key, iri in chosen.items()}
        if form == "subst":
            texts[name] = (query.text, terms)
        elif form == "values":
            texts[name] = (example_text(query, {k: f"<{iri}>" for k, iri in chosen.items()}), {})
        else:
            texts[name] = (values_text(query.text, terms), {})
    return texts


def child(store_path: str, folder: str, form: str, name: str, seconds: str) -> None:
    """Time one query in one form; print its figures and a digest of its rows as JSON."""
    import hashlib

    from bench.scale import _parameters, _percentiles, _samples
    from rivalgraph.store import open_store

    store = open_store(store_path)
    values = _parameters(store)
    text, bindings = _texts(Path(folder), form, values)[name]
    samples, result = _samples(lambda: store.select(text, bindings), float(seconds))
    rows = sorted(repr(row) for row in result.rows)
    digest = hashlib.sha1("\n".join(rows).encode()).hexdigest()[:12]
    print("RESULT " + json.dumps({**_percentiles(samples), "rows": len(rows), "digest": digest}))


def measure(store: Path, folder: Path, form: str, name: str, seconds: float,
            timeout: float) -> dict[str, Any]:  # fmt: skip
    command = [sys.executable, "-m", "bench.queries_speed", "--child", str(store), str(folder), form,
               name, str(seconds)]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              cwd=HERE.parent)  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"stopped": f"> {timeout:.0f} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        return {"stopped": "failed: " + " ".join(done.stderr.strip().splitlines()[-1:])[:200]}
    return dict(json.loads(lines[-1][len("RESULT ") :]))


def _cell(figure: dict[str, Any]) -> str:
    if "stopped" in figure:
        return figure["stopped"]
    return f"{figure['p50_ms']:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e5, 1e6])
    parser.add_argument("--forms", nargs="+", choices=FORMS, default=list(FORMS))
    parser.add_argument("--queries", nargs="*", default=None, help="names (default: all)")
    parser.add_argument("--baseline", default=None, help="git revision whose queries/ to time too")
    parser.add_argument(
        "--folder",
        type=Path,
        default=HERE.parent / "queries",
        help="the query files to time (default: queries/)",
    )
    parser.add_argument("--seconds", type=float, default=2.0, help="calls per query for about this long")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per query and form")
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    from bench.scale import prepare

    versions = {"now": args.folder}
    if args.baseline:
        folder = Path(tempfile.mkdtemp(prefix="queries-baseline-"))
        archive = subprocess.run(["git", "archive", args.baseline, "queries"], capture_output=True,
                                 check=True, cwd=HERE.parent).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        versions = {args.baseline: folder / "queries", **versions}
    print("load average before: {:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg()), flush=True)
    names = args.queries or sorted(path.stem for path in versions["now"].glob("*.rq"))
    header = " | ".join(f"{version} {form}" for version in versions for form in args.forms)
    for size in args.sizes:
        store = prepare(int(size), nt_too=False)["store"]
        rule = "|---|" + "---:|" * (len(versions) * len(args.forms) + 1)
        print(f"\n{int(size):,} triples, p50 ms\n\n| query | {header} | rows |\n{rule}", flush=True)
        for name in names:
            figures = {(version, form): measure(store, folder, form, name, args.seconds, args.timeout)
                       for version, folder in versions.items() for form in args.forms}  # fmt: skip
            digests = {f.get("digest") for f in figures.values() if "digest" in f}
            rows = {f.get("rows") for f in figures.values() if "rows" in f}
            same = "" if len(digests) <= 1 else " **answers differ**"
            cells = " | ".join(_cell(figure) for figure in figures.values())
            print(f"| {name} | {cells} | {'/'.join(map(str, sorted(rows)))}{same} |", flush=True)
    print("\nload average after: {:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
