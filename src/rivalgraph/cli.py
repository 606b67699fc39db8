"""The ``rivalgraph`` command: a thin layer over the library.

Every command has a one-line summary and an example in its help, and in the
README (a test checks both).  Errors a user can fix are printed as one clear
message and a non-zero exit code, never as a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from rivalgraph import __version__
from rivalgraph.build import BuildReport, check, collect
from rivalgraph.build import build as build_graph
from rivalgraph.enrich.cached import CachedSparql
from rivalgraph.enrich.wikidata import WIKIDATA_ENDPOINT, athletes, review_text, write_trig
from rivalgraph.enrich.wikidata import enrich as enrich_athletes
from rivalgraph.errors import RivalgraphError
from rivalgraph.formats import FORMATS, write
from rivalgraph.query import load_query, load_registry, run
from rivalgraph.remote.push import PushReport, push, writer_for
from rivalgraph.remote.spec import RemoteSpec, parse_store_spec
from rivalgraph.report import format_report, rivalry_report
from rivalgraph.store import StoreError, open_store

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_STORE = ".rivalgraph/store"


def store_option(command: F) -> F:
    """The shared ``--store`` option (also read from ``RIVALGRAPH_STORE``)."""
    return click.option(
        "--store",
        "store",
        default=lambda: os.environ.get("RIVALGRAPH_STORE", DEFAULT_STORE),
        show_default=DEFAULT_STORE,
        help="Store folder, or a SPARQL server as sparql+http://host/sparql (env RIVALGRAPH_STORE).",
    )(command)


def format_option(command: F) -> F:
    """The shared ``--format`` option for tabular answers."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(command)


def reports_errors(command: F) -> F:
    """Turn rivalgraph's own errors into a message and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (RivalgraphError, StoreError) as error:
            click.secho(f"error: {error}", fg="red", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


class _Progress:
    """Draws one progress bar per phase of a long job on stderr."""

    def __init__(self) -> None:
        self.phase = ""
        self.bar: Any = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            self.phase = phase
            self.bar = click.progressbar(length=total, label=f"{phase:<9}", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.group()
@click.version_option(__version__, prog_name="rivalgraph")
def main() -> None:
    """rivalgraph: athletes and their rivalries, on the track and in the press."""


@main.command()
@store_option
@click.argument("extra", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--graph", "graph_folder", type=click.Path(exists=True, file_okay=False,
              path_type=Path), help="Curated graph folder (default: the packaged graph/).")  # fmt: skip
@click.option("--update-url", help="SPARQL Update endpoint of a remote store (env RIVALGRAPH_UPDATE_URL).")
@click.option("--gsp-url", help="Graph Store Protocol endpoint of a remote store (env RIVALGRAPH_GSP_URL).")
@click.option("--method", type=click.Choice(["auto", "update", "gsp"]), default="auto", show_default=True,
              help="How to write to a remote store.")  # fmt: skip
@click.option("--journal", type=click.Path(dir_okay=False, path_type=Path),
              help="Resume journal of a remote push (default .rivalgraph/remote/).")  # fmt: skip
@reports_errors
def build(
    store: str,
    extra: tuple[Path, ...],
    graph_folder: Path | None,
    update_url: str | None,
    gsp_url: str | None,
    method: str,
    journal: Path | None,
) -> None:
    """Parse, validate and load the graph into the store (a folder, atomically, or a SPARQL server).

    Example: rivalgraph build --store .rivalgraph/store my-article.trig
    """
    progress = _Progress()
    spec = parse_store_spec(store)
    try:
        if isinstance(spec, RemoteSpec):
            spec = spec.with_urls(update_url, gsp_url)
            report: BuildReport | PushReport = push(
                spec, folder=graph_folder, extra=extra, progress=progress, journal=journal,
                writer=writer_for(spec, method),
            )  # fmt: skip
        else:
            report = build_graph(spec, folder=graph_folder, extra=extra, progress=progress)
    finally:
        progress.close()
    if isinstance(report, PushReport):
        click.echo(
            f"pushed to {report.endpoint} in {report.seconds:.1f} s from {len(report.files)} files "
            f"({report.batches_sent} batches sent, {report.batches_skipped} already there)"
        )
    else:
        click.echo(f"built {report.store} in {report.seconds:.1f} s from {len(report.files)} files")
    for name in ("triples", "graphs", "athletes", "results", "statements"):
        click.echo(f"  {name:<11}{getattr(report, name):>8}")


@main.command()
@click.argument("extra", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--graph", "graph_folder", type=click.Path(exists=True, file_okay=False,
              path_type=Path), help="Curated graph folder (default: the packaged graph/).")  # fmt: skip
@reports_errors
def validate(extra: tuple[Path, ...], graph_folder: Path | None) -> None:
    """Check the graph (syntax, SHACL shapes, declared terms, provenance) without loading it.

    Example: rivalgraph validate draft.trig
    """
    sources = collect(graph_folder, extra)
    problems = check(sources)
    for problem in problems:
        click.echo(problem)
    if problems:
        click.secho(f"{len(problems)} problems", fg="red", err=True)
        sys.exit(1)
    click.echo(f"valid: {len(sources.data)} files, {len(sources.data_quads())} quads")


@main.command()
@store_option
@click.argument("athlete")
@click.argument("opponent")
@reports_errors
def rivalry(store: str, athlete: str, opponent: str) -> None:
    """Show two athletes' head-to-head, the titles at stake and their exchanges in the press.

    Example: rivalgraph rivalry "Josh Kerr" "Jakob Ingebrigtsen"
    """
    click.echo(format_report(rivalry_report(open_store(store), athlete, opponent)))


@main.command()
@store_option
@format_option
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter; repeat for several.")  # fmt: skip
@click.option("--list", "list_queries", is_flag=True, help="List the named queries.")
@reports_errors
def query(
    store: str, output_format: str, name: str | None, params: tuple[str, ...], list_queries: bool
) -> None:
    """Run a named query (or any .rq file) with typed parameters.

    Example: rivalgraph query head-to-head -p athlete="Josh Kerr" -p opponent=Ingebrigtsen
    """
    registry = load_registry()
    if list_queries or name is None:
        for entry in registry.values():
            names = " ".join(f"{p.name}=" for p in entry.parameters)
            click.echo(f"{entry.name:<28} {entry.summary}" + (f"  [{names}]" if names else ""))
        return
    if name in registry:
        named = registry[name]
    elif Path(name).is_file():
        named = load_query(Path(name))
    else:
        known = ", ".join(registry)
        raise click.UsageError(f"no query named {name!r}; known: {known}")
    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--param {item!r} should read NAME=VALUE")
        values[key.strip()] = value
    click.echo(write(run(open_store(store), named, values), output_format), nl=False)


@main.group()
def enrich() -> None:
    """Add facts from outside sources, each as its own named graph in a file for `build`.

    Example: rivalgraph enrich wikidata --cache .rivalgraph/cache/wikidata
    """


@enrich.command("wikidata")
@store_option
@click.option("--endpoint", default=WIKIDATA_ENDPOINT, show_default=True, help="Wikidata SPARQL endpoint.")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path),
              default=Path(".rivalgraph/cache/wikidata"), show_default=True,
              help="Folder of cached answers: a second run sends no request.")  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("enrichment/wikidata.trig"), show_default=True,
              help="TriG file to write (pass it to `rivalgraph build`).")  # fmt: skip
@click.option("--review", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("enrichment/wikidata-review.txt"), show_default=True,
              help="Where ambiguous names are listed for a person to decide.")  # fmt: skip
@reports_errors
def enrich_wikidata(store: str, endpoint: str, cache: Path, out: Path, review: Path) -> None:
    """Match athletes to Wikidata items: exactMatch links, birth dates, World Athletics IDs.

    Example: rivalgraph enrich wikidata --out enrichment/wikidata.trig
    """
    people = athletes(open_store(store))
    client = CachedSparql(endpoint, cache)
    found = enrich_athletes(people, client)
    write_trig(out, found, endpoint)
    text = review_text(found, people)
    review.parent.mkdir(parents=True, exist_ok=True)
    review.write_text(text, encoding="utf-8")
    click.echo(f"{len(found.matched)} matched, {len(found.ambiguous)} ambiguous, "
               f"{len(found.missing)} not found; {client.requests} requests to {endpoint}")  # fmt: skip
    click.echo(f"wrote {out}; add it with: rivalgraph build {out}")
    if text:
        click.echo(f"to decide by hand ({review}):\n{text}", nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
