"""Coverage-guided fuzzing with atheris (libFuzzer) of the readers hypothesis also fuzzes (issue 9).

Not part of ``make test``: a run is open-ended.  Each target feeds the fuzzer's
bytes to one reader and fails on any exception that is not a
:class:`~rivalgraph.errors.RivalgraphError`:

- ``rdf``: :func:`rivalgraph.sources.parse_rdf` on a ``.trig`` file;
- ``csv``: :func:`rivalgraph.results.table_quads` on a results table;
- ``param``: :func:`rivalgraph.query.to_term` for every parameter type;
- ``guard``: the endpoint's checks (:mod:`rivalgraph.serve.guard`) on query text.

Needs ``pip install -e '.[fuzz]'`` (atheris).  Run:
``.venv/bin/python bench/fuzz_atheris.py rdf -max_total_time=60`` (any libFuzzer flag after the target).
Only the Python code is instrumented; pyoxigraph's Rust parser is a black box to it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris  # type: ignore[import-not-found]

with atheris.instrument_imports():
    from rivalgraph.errors import RivalgraphError
    from rivalgraph.query import Parameter, to_term
    from rivalgraph.results import read_sources, table_quads
    from rivalgraph.serve.guard import check_depth, check_remote
    from rivalgraph.sources import parse_rdf

FOLDER = Path(tempfile.mkdtemp(prefix="rivalgraph-atheris-"))
REPO = Path(__file__).resolve().parents[1]
SOURCES = read_sources(REPO / "graph" / "results" / "sources.csv")
KINDS = ["iri", "rg:Athlete", "xsd:string", "xsd:integer", "xsd:decimal", "xsd:date", "xsd:boolean"]


def rdf(data: bytes) -> None:
    path = FOLDER / "fuzz.trig"
    path.write_bytes(data)
    parse_rdf(path)


def csv(data: bytes) -> None:
    path = FOLDER / "fuzz.csv"
    head = b"event,year,competition,city,date,round,place,athlete,nation,time,source_url,"
    path.write_bytes(head + b"corroborated_by,athlete_as_shown,indoor,note\n" + data)
    table_quads(path, SOURCES)


def param(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    kind = KINDS[provider.ConsumeIntInRange(0, len(KINDS) - 1)]
    to_term(Parameter("p", kind, True, None, ""), provider.ConsumeUnicodeNoSurrogates(200))


def guard(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(2000)
    check_depth(text)
    check_remote(text, update=True)


TARGETS = {"rdf": rdf, "csv": csv, "param": param, "guard": guard}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        raise SystemExit(f"usage: fuzz_atheris.py {{{','.join(TARGETS)}}} [libFuzzer flags]")
    target = TARGETS[sys.argv[1]]

    def one(data: bytes) -> None:
        try:
            target(data)
        except RivalgraphError as error:
            assert str(error).strip()

    atheris.Setup([sys.argv[0], *sys.argv[2:]], one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
