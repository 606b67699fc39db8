"""Named queries with parameters: through the endpoint against the CLI's call, same run (issue 18, #4).

The goal: p50 through ``rivalgraph serve`` within 2x of the CLI for every named
query at 10^6 triples.  For each size and each named query of ``queries/``,
with the parameters of the scale benchmark (:func:`bench.scale._parameters`:
the busiest athlete and his most frequent rival):

- ``cli``: :func:`rivalgraph.query.run`'s form, the query text with its
  parameters as engine substitutions, on the embedded store, in a process of
  its own (:func:`bench.queries_speed.measure`);
- ``endpoint``: the standalone text the query page sends
  (:func:`rivalgraph.serve.examples.example_text`: a one-row ``VALUES`` block
  opening the ``WHERE`` group), POSTed to ``rivalgraph serve`` on the same
  store by one keep-alive client; the server turns the block back into
  substitutions (:mod:`rivalgraph.serve.bindings`).

Both give the same number of rows (checked).  Figures go to the
``endpoint_params`` block of bench/RESULTS.md.

Usage: ``python -m bench.endpoint_params [--sizes 1e5 1e6] [--seconds 2]``
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import sys
import time
import urllib.parse
from datetime import date
from typing import Any

from bench.queries_speed import HERE, measure
from bench.sections import replace_section, start_server


def _post(connection: http.client.HTTPConnection, path: str, text: str) -> int:
    body = urllib.parse.urlencode({"query": text}).encode()
    connection.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded",
                                            "Accept": "application/sparql-results+json"})  # fmt: skip
    response = connection.getresponse()
    answer = response.read()
    if response.status != 200:
        raise RuntimeError(f"{response.status}: {answer[:200]!r}")
    return len(json.loads(answer)["results"]["bindings"])


def _endpoint(url: str, text: str, seconds: float) -> dict[str, Any]:
    from bench.scale import _percentiles

    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=120)
    samples: list[float] = []
    rows = 0
    stop = time.perf_counter() + seconds
    try:
        while True:
            started = time.perf_counter()
            rows = _post(connection, parts.path, text)
            samples.append(time.perf_counter() - started)
            if len(samples) >= 3 and time.perf_counter() > stop or samples[-1] > seconds:
                break
    except (RuntimeError, OSError) as error:
        return {"stopped": f"failed: {error}"[:120]}
    finally:
        connection.close()
    return {**_percentiles(samples), "rows": rows}


def _cell(figure: dict[str, Any]) -> str:
    return figure["stopped"] if "stopped" in figure else f"{figure['p50_ms']:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e5, 1e6])
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    from bench.scale import _bindings, _parameters, prepare
    from rivalgraph.query import load_registry
    from rivalgraph.serve.examples import example_text
    from rivalgraph.store import open_store

    folder = HERE.parent / "queries"
    registry = load_registry(folder)
    lines = ["## Named queries with parameters: endpoint against the CLI (bench/endpoint_params.py)", "",
             f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python "
             f"{platform.python_version()}; load average before {os.getloadavg()[0]:.1f}. p50 ms over "
             f"about {args.seconds:g} s of calls (one call when longer); cli = engine substitutions "
             "in a process of its own, endpoint = the query page's text (one-row VALUES) POSTed to "
             "`rivalgraph serve` (2 workers, 120 s limit) by one keep-alive client; same data and "
             "parameters (the busiest athlete and his most frequent rival).", ""]  # fmt: skip
    worst: dict[int, float] = {}
    for size in args.sizes:
        store_path = prepare(int(size), nt_too=False)["store"]
        values = _parameters(open_store(store_path))
        process, url = start_server(store_path, "--workers", "2", "--timeout", "120")
        lines += [f"{int(size):,} triples", "",
                  "| query | cli p50 | endpoint p50 | ratio | difference ms | rows |",
                  "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        try:
            for name, query in sorted(registry.items()):
                chosen = _bindings(query, values)
                text = example_text(query, {key: f"<{iri}>" for key, iri in chosen.items()})
                cli = measure(store_path, folder, "subst", name, args.seconds, args.timeout)
                served = _endpoint(url, text, args.seconds)
                ratio = (served["p50_ms"] / cli["p50_ms"]) if "p50_ms" in cli and "p50_ms" in served \
                    else float("nan")  # fmt: skip
                worst[int(size)] = max(worst.get(int(size), 0.0), ratio)
                same = cli.get("rows") == served.get("rows")
                rows = f"{cli.get('rows', '?')}" + ("" if same else f" / {served.get('rows')} **differ**")
                extra = served["p50_ms"] - cli["p50_ms"] if ratio == ratio else float("nan")
                line = f"| {name} | {_cell(cli)} | {_cell(served)} | {ratio:.2f} | {extra:+.1f} | {rows} |"
                lines.append(line)
                print(line, flush=True)
        finally:
            process.terminate()
            process.wait(timeout=30)
        lines.append("")
    lines.append("Worst ratio per size: " + ", ".join(f"{size:,} triples {ratio:.2f}x"
                                                      for size, ratio in worst.items()) + ". "
                 "A ratio over 2 on a query of under a millisecond is the endpoint's fixed cost per "
                 "request (HTTP, the pipe to the worker, JSON), see the difference column; the "
                 "planner's cost would show as a ratio on the slow queries.")  # fmt: skip
    replace_section("endpoint_params", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
