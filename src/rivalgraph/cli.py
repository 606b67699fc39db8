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
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from rivalgraph import __version__
from rivalgraph.analysis.filters import RaceFilter
from rivalgraph.analysis.reader import read_race_filter
from rivalgraph.analysis.render import (
    REPORT_FORMATS,
    format_analyse,
    format_network,
    format_rivals,
    format_timeline,
)
from rivalgraph.analysis.reports import (
    analyse as analyse_store,
)
from rivalgraph.analysis.reports import (
    network_report,
    rivals_report,
    timeline_report,
)
from rivalgraph.analysis.scoring import FACTORS, ScoreParameters
from rivalgraph.build import BuildReport, check, collect
from rivalgraph.build import build as build_graph
from rivalgraph.checks import format_results, run_checks
from rivalgraph.enrich.cached import CachedSparql
from rivalgraph.enrich.wikidata import WIKIDATA_ENDPOINT, athletes, review_text, write_trig
from rivalgraph.enrich.wikidata import enrich as enrich_athletes
from rivalgraph.errors import RivalgraphError
from rivalgraph.export.exporter import FORMATS as EXPORT_FORMATS
from rivalgraph.export.exporter import RDF_FORMATS, ExportOptions
from rivalgraph.export.exporter import export as export_graph
from rivalgraph.formats import FORMATS, write
from rivalgraph.imports.pipeline import summary_line
from rivalgraph.imports.reports import write_import_reports
from rivalgraph.ingest import (
    accept_draft,
    ingest_article,
    ingest_folder,
    load_knowledge,
    parse_date,
    summary_table,
)
from rivalgraph.ingest.batch import article_dates, article_files
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.review import Decision, Draft, Option, find_athletes, speaker_option
from rivalgraph.query import MissingParameters, find_query, registry, run
from rivalgraph.remote.push import PushReport, push, writer_for
from rivalgraph.remote.spec import RemoteSpec, parse_store_spec
from rivalgraph.report import format_report, rivalry_report
from rivalgraph.sources import display_path
from rivalgraph.store import open_store

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


def report_format_option(command: F) -> F:
    """The ``--format`` option of the analysis reports (text table or JSON)."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(REPORT_FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(command)


def _pairs(items: tuple[str, ...], option: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"{option} {item!r} should read NAME=VALUE")
        values[key.strip()] = value
    return values


def score_options(command: F) -> F:
    """The rivalry-score parameters: common ones by name, any one with ``--param``."""
    defaults = ScoreParameters()
    options = [
        click.option("--half-life", type=float, default=None, metavar="YEARS",
                     help=f"Half-life of evidence in years [{defaults.half_life:g}]."),
        click.option("--as-of", default=None, metavar="YYYY-MM-DD",
                     help="Reference date [the latest event in the graph]."),
        *(
            click.option(f"--w-{factor}", f"w_{factor}", type=float, default=None,
                         metavar="W", help=f"Weight of {factor} [1].")
            for factor in FACTORS
        ),
        click.option("--param", "score_params", multiple=True, metavar="NAME=VALUE",
                     help="Any score parameter (see docs); repeat for several."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def _score_parameters(kwargs: dict[str, Any]) -> ScoreParameters:
    """Collect the values of :func:`score_options` (removing them from ``kwargs``)."""
    named = {name: kwargs.pop(name) for name in
             ("half_life", "as_of", *(f"w_{f}" for f in FACTORS))}  # fmt: skip
    given = {name: value for name, value in named.items() if value is not None}
    generic = _pairs(kwargs.pop("score_params"), "--param")
    for raw in generic:
        name = raw.replace("-", "_")
        if name in given:
            raise click.UsageError(f"--{name.replace('_', '-')} and --param {raw}= both set {name}; give one")
    return ScoreParameters().with_values({**generic, **given})


_FILTERS = ("discipline", "sex", "since", "until")


def filter_options(command: F) -> F:
    """The race filters: ``--discipline``, ``--sex``, ``--since``, ``--until``."""
    options = [
        click.option("--discipline", default=None, metavar="NAME",
                     help="Only races of this discipline: a label ('1500 metres', '1500 m', "
                          "'pole vault') or a slug ('pole-vault').")
        ,
        click.option("--sex", default=None, metavar="women|men",
                     help="Only races of this sex category (women, men, female, male)."),
        click.option("--since", default=None, metavar="YYYY[-MM-DD]",
                     help="Only races and statements on or after this date (a year: its 1 January)."),
        click.option("--until", default=None, metavar="YYYY[-MM-DD]",
                     help="Only races and statements up to this date (a year: its 31 December); "
                          "it also caps the default --as-of."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def _race_filter(store: Any, kwargs: dict[str, Any]) -> RaceFilter:
    """Collect the values of :func:`filter_options` (removing them from ``kwargs``)."""
    values = {name: kwargs.pop(name) for name in _FILTERS}
    if all(value is None for value in values.values()):
        return RaceFilter()
    return read_race_filter(store, **values)


#: The flag of each argument the library names in an error (``RivalgraphError.options``) whose flag is
#: not the argument's name with ``--`` in front and hyphens for underscores.
_FLAGS = {"output": "-o", "trusted_proxies": "--trusted-proxy"}


def flag(option: str) -> str:
    """The command-line flag for an argument as the library names it.

    Examples
    --------
    >>> flag("gsp_url"), flag("output")
    ('--gsp-url', '-o')
    """
    return _FLAGS.get(option, "--" + option.replace("_", "-"))


def error_message(error: RivalgraphError) -> str:
    """An error as the CLI says it: the library's message, with the flags of the arguments at fault.

    Examples
    --------
    >>> from rivalgraph.analysis.filters import parse_day
    >>> try:
    ...     parse_day("soon", end=True)
    ... except RivalgraphError as error:
    ...     print(error)
    ...     print(error_message(error))
    until: must be a date YYYY-MM-DD or a year YYYY, not 'soon'
    --until: must be a date YYYY-MM-DD or a year YYYY, not 'soon'
    >>> error_message(MissingParameters("opponents", ["athlete"]))
    "query 'opponents' needs --param athlete=..."
    """
    if isinstance(error, MissingParameters):
        return f"query {error.query!r} needs " + " ".join(f"--param {name}=..." for name in error.missing)
    if error.options:
        return f"{', '.join(flag(option) for option in error.options)}: {error.detail()}"
    return str(error)


def reports_errors(command: F) -> F:
    """Turn rivalgraph's own errors into a message (see :func:`error_message`) and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RivalgraphError as error:
            click.secho(f"error: {error_message(error)}", fg="red", err=True)
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
              help="How to write to a remote store: auto takes the Graph Store Protocol (bulk, "
                   "50,000 triples a request) when its URL is known, else SPARQL Update.")  # fmt: skip
@click.option("--journal", type=click.Path(dir_okay=False, path_type=Path),
              help="Resume journal of a remote push (default .rivalgraph/remote/).")  # fmt: skip
@click.option("--imports/--no-imports", "imports", default=None,
              help="Read graph/imports/imports.toml (all of athletics; default, unless "
                   "RIVALGRAPH_IMPORTS=0) or build the curated files alone.")  # fmt: skip
@reports_errors
def build(
    store: str,
    extra: tuple[Path, ...],
    graph_folder: Path | None,
    update_url: str | None,
    gsp_url: str | None,
    method: str,
    journal: Path | None,
    imports: bool | None,
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
            report = build_graph(spec, folder=graph_folder, extra=extra, progress=progress,
                                 imports=imports)  # fmt: skip
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
    if isinstance(report, BuildReport) and report.imports:
        folder = write_import_reports(report.imports, Path(spec) / "reports")  # type: ignore[arg-type]
        for imported in report.imports:
            click.echo(f"  {summary_line(imported.summary)}")
        click.echo(f"  reports (bad rows, identities to review): {folder}")


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
    click.echo(f"valid: {len(sources.files)} files, {sources.quad_count()} quads")


@main.command()
@store_option
@click.argument("athlete")
@click.argument("opponent")
@score_options
@filter_options
@reports_errors
def rivalry(store: str, athlete: str, opponent: str, **kwargs: Any) -> None:
    """Show two athletes' rivalry score, head-to-head, titles at stake and exchanges in the press.

    Example: rivalgraph rivalry "Josh Kerr" "Jakob Ingebrigtsen" --since 2022
    """
    params = _score_parameters(kwargs)
    opened = open_store(store)
    report = rivalry_report(opened, athlete, opponent, _race_filter(opened, kwargs), params)
    click.echo(format_report(report))


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
    queries = registry()
    if list_queries or name is None:
        for entry in queries.values():
            names = " ".join(f"{p.name}=" if p.required else f"[{p.name}=]" for p in entry.parameters)
            click.echo(f"{entry.name:<28} {entry.summary}" + (f"  [{names}]" if names else ""))
        return
    named = find_query(queries, name)
    values = _pairs(params, "--param")
    click.echo(write(run(open_store(store), named, values), output_format), nl=False)


@main.command()
@store_option
@click.option(
    "--beta",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Plackett-Luce spread of one race's performances [12.5].",
)
@click.option(
    "--tau",
    type=click.FloatRange(min=0),
    default=None,
    help="Plackett-Luce drift of a rating between races [25/300].",
)
@reports_errors
def strength(store: str, beta: float | None, tau: float | None) -> None:
    """Rate every athlete in every discipline from the races and write the ratings into the store.

    Example: rivalgraph strength --store .rivalgraph/store
    """
    from rivalgraph.strength.compute import rate_store

    chosen = {name: value for name, value in (("beta", beta), ("tau", tau)) if value is not None}
    click.echo(rate_store(store, chosen).summary())


@main.command()
@store_option
@click.option(
    "--cutoff",
    type=click.DateTime(["%Y-%m-%d"]),
    default="2023-01-01",
    show_default=True,
    help="Fit on the races before this day, predict the races from it on.",
)
@click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Predict the races up to this day, inclusive (default: all).",
)
@click.option(
    "--model",
    "models",
    multiple=True,
    type=click.Choice(["openskill", "whr", "choix", "combined"]),
    help="The rating models to compare (default: all four; combined is openskill's "
    "rating with the season's best mark).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the tables as Markdown to this file.",
)
@reports_errors
def evaluate(store: str, cutoff: datetime, until: datetime | None, models: tuple[str, ...],
             output: Path | None) -> None:  # fmt: skip
    """Validate the strength ratings out of sample against marks, lists, records and a coin.

    Example: rivalgraph evaluate --cutoff 2023-01-01 -o evaluation.md
    """
    from rivalgraph.analysis.reader import read_disciplines
    from rivalgraph.strength.contests import read_contests
    from rivalgraph.strength.evaluation import MODELS, markdown
    from rivalgraph.strength.evaluation import evaluate as evaluate_strength

    opened = open_store(store)
    names = {iri: min(found, key=len) for iri, found in read_disciplines(opened).items() if found}
    evaluation = evaluate_strength(read_contests(opened), cutoff.date(),
                                   until.date() if until else None,
                                   models or MODELS, names)  # fmt: skip
    text = markdown(evaluation)
    click.echo(text)
    if output is not None:
        output.write_text(text + "\n", encoding="utf-8")


@main.command("check")
@store_option
@click.option("--all", "show_all", is_flag=True, help="Also list the checks that pass.")
@reports_errors
def check_command(store: str, show_all: bool) -> None:
    """Run the quality checks (queries/checks/*.rq) on the built graph; fail if any finds rows.

    Example: rivalgraph check --store .rivalgraph/store
    """
    results = run_checks(open_store(store))
    failed = [result for result in results if not result.passed]
    shown = results if show_all or not failed else failed
    click.echo(format_results(shown))
    if failed:
        click.secho(f"{len(failed)} of {len(results)} checks failed", fg="red", err=True)
        sys.exit(1)
    click.echo(f"all {len(results)} checks passed")


@main.command()
@store_option
@report_format_option
@click.argument("athlete")
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1),
              help="How many rivals.")  # fmt: skip
@click.option("--evidence", "items", default=3, show_default=True, type=click.IntRange(min=0),
              help="Races and titles of evidence shown per rival (and two more statements), "
                   "in the table and in JSON.")  # fmt: skip
@score_options
@filter_options
@reports_errors
def rivals(store: str, output_format: str, athlete: str, top: int, items: int,
           **kwargs: Any) -> None:  # fmt: skip
    """Rank an athlete's rivals by a directed rivalry score, with the evidence behind each.

    Example: rivalgraph rivals "Jakob Ingebrigtsen" --top 5 --half-life 3 --discipline "1500 m"
    """
    params = _score_parameters(kwargs)
    opened = open_store(store)
    report = rivals_report(opened, athlete, params, top, _race_filter(opened, kwargs))
    click.echo(format_rivals(report, output_format, items=items), nl=output_format != "json")


@main.command()
@store_option
@report_format_option
@click.option("--threshold", default=0.25, show_default=True, type=float,
              help="Mutual score a rivalry needs to count in triangles.")  # fmt: skip
@click.option("--seed", default=7, show_default=True, type=int, help="Seed of Louvain.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1),
              help="How many central rivals.")  # fmt: skip
@click.option("--backend", default=None, metavar="NAME",
              help="networkx backend to dispatch to (e.g. cugraph), if installed.")  # fmt: skip
@score_options
@filter_options
@reports_errors
def network(store: str, output_format: str, threshold: float, seed: int, top: int,
            backend: str | None, **kwargs: Any) -> None:  # fmt: skip
    """Show rivalry communities (Louvain), central rivals and rivalry triangles.

    Example: rivalgraph network --threshold 0.35 --format json --sex women --since 2019
    """
    params = _score_parameters(kwargs)
    opened = open_store(store)
    report = network_report(opened, params, threshold=threshold, seed=seed, top=top,
                            backend=backend, race_filter=_race_filter(opened, kwargs))  # fmt: skip
    click.echo(format_network(report, output_format), nl=False)


@main.command()
@store_option
@report_format_option
@click.argument("athlete")
@click.argument("opponent")
@reports_errors
def timeline(store: str, output_format: str, athlete: str, opponent: str) -> None:
    """List the events of a rivalry in date order: races, statements, injuries, withdrawals.

    Example: rivalgraph timeline "Jakob Ingebrigtsen" "Josh Kerr"
    """
    report = timeline_report(open_store(store), athlete, opponent)
    click.echo(format_timeline(report, output_format), nl=output_format != "json")


@main.command()
@store_option
@click.option("--min-score", default=0.0, show_default=True, type=float,
              help="Write only rivalries scoring above this.")  # fmt: skip
@score_options
@reports_errors
def analyse(store: str, min_score: float, **kwargs: Any) -> None:
    """Score every rivalry and write them into the store's graph:analysis-rivalries.

    Example: rivalgraph analyse --store .rivalgraph/store --half-life 3
    """
    params = _score_parameters(kwargs)
    click.echo(format_analyse(analyse_store(store, params, min_score=min_score)))


@main.command()
@store_option
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--url", help="The article's address (schema:url); a single article only.")
@click.option("--date", "date", metavar="YYYY-MM-DD",
              help="The article's date (required to ingest); for a folder, the date of the files "
                   "whose name does not start with YYYY-MM-DD.")  # fmt: skip
@click.option("--outlet", help="The outlet that published it (rg:publisher); a single article only.")
@click.option("--language", "language", type=click.Choice(["detect", "en"]), default="detect",
              show_default=True,
              help="The article's language: detect it and refuse all but English (the rules are "
                   "English-only), or take it as English without asking.")  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Draft file (default: drafts/<date>-<slug>.trig); a single article only.")  # fmt: skip
@click.option("--force", is_flag=True, help="Replace an existing draft.")
@click.option("--accept", "accept", is_flag=True,
              help="ARTICLE is a reviewed draft: validate it and move it into graph/articles/.")  # fmt: skip
@click.option("--allow-empty", is_flag=True,
              help="With --accept: accept a draft with no statements and no events.")  # fmt: skip
@click.option("--graph", "graph_folder", type=click.Path(exists=True, file_okay=False,
              path_type=Path), help="Curated graph folder (default: the packaged graph/).")  # fmt: skip
@reports_errors
def ingest(
    store: str, article: Path, url: str | None, date: str | None, outlet: str | None,
    language: str, output: Path | None, force: bool, accept: bool, allow_empty: bool,
    graph_folder: Path | None,
) -> None:  # fmt: skip
    """Extract an article's statements, speakers, outlets and responses into a draft for review.

    ARTICLE may be a folder: every *.txt, *.html and *.htm in it is ingested, one draft each,
    and a table sums them up.

    Example: rivalgraph ingest article.txt --url https://nrk.no/x --date 2024-03-05 --outlet NRK
    """
    if accept:
        result = accept_draft(article, graph_folder, allow_empty=allow_empty)
        click.echo(f"accepted: {result.target}")
        for new, old in result.links:
            click.echo(f"  linked {new} rg:sameStatementAs {old}")
        click.echo("run `rivalgraph build` so the store sees it (accepting does not rebuild it)")
        return
    declared = None if language == "detect" else language
    if article.is_dir():
        _ingest_folder(store, article, date, declared, force, graph_folder,
                       {"--url": url, "--outlet": outlet, "--output": output})  # fmt: skip
        return
    if not date:
        raise click.UsageError("--date YYYY-MM-DD is required to ingest an article")
    parse_date(date)
    known, origin = load_knowledge(store, graph_folder)
    click.echo(f"resolving names against {origin}", err=True)
    outcome = ingest_article(article, date, known, url=url, outlet=outlet, output=output,
                             force=force, language=declared, curated=graph_folder)  # fmt: skip
    click.echo(f"wrote {outcome.draft} ({outcome.statements} statements)")
    if outcome.text_copy:
        click.echo(f"wrote {outcome.text_copy} (the article's text: offsets count in it)")
    for note in outcome.notes:
        click.echo(f"  note: {note}")
    if outcome.flags:
        count = f"{len(outcome.flags)} item" + ("s" if len(outcome.flags) > 1 else "")
        click.secho(f"{count} to review before --accept:", fg="yellow")
        for flag in outcome.flags:
            click.echo(f"  - {flag}")


def _ingest_folder(store: str, folder: Path, date: str | None, language: str | None, force: bool,
                   graph_folder: Path | None, single: dict[str, object]) -> None:  # fmt: skip
    """The folder form of ``ingest``: one draft per article, a table, exit 1 if any was skipped."""
    if given := [name for name, value in single.items() if value is not None]:
        raise click.UsageError(f"{', '.join(given)} apply to a single article, not to a folder "
                               "of articles; ingest that article on its own")  # fmt: skip
    files = article_files(folder)
    article_dates(files, parse_date(date) if date else None)  # every file dated before any is read
    known, origin = load_knowledge(store, graph_folder)
    click.echo(f"resolving names against {origin}", err=True)
    rows = ingest_folder(folder, known, date=parse_date(date) if date else None,
                         language=language, force=force)  # fmt: skip
    click.echo(summary_table(rows, error_message))
    if skipped := [row for row in rows if not row.written]:
        click.secho(f"{len(skipped)} of {len(rows)} articles skipped", fg="red", err=True)
        sys.exit(1)


@main.command()
@store_option
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--list", "list_only", is_flag=True, help="Only list what needs deciding; change nothing.")
@click.option("--graph", "graph_folder", type=click.Path(exists=True, file_okay=False,
              path_type=Path), help="Curated graph folder (default: the packaged graph/).")  # fmt: skip
@reports_errors
def review(store: str, draft: Path, list_only: bool, graph_folder: Path | None) -> None:
    """Settle a draft's review notes from the terminal: choose a speaker, confirm or drop a reply.

    Each decision shows the statement in its sentence and numbered choices; the
    draft is rewritten in one step at the end ('q' stops early and keeps what
    was decided).

    Example: rivalgraph review drafts/2024-02-23-wightman-banging-your-chest.trig
    """
    document = Draft.read(draft)
    if not document.decisions():
        shown = display_path(draft)
        click.echo(f"{shown}: nothing to review; next: rivalgraph ingest --accept {shown}")
        return
    known, origin = load_knowledge(store, graph_folder)
    click.echo(f"resolving names against {origin}", err=True)
    decisions = document.decisions(known)
    settled = 0
    for number, decision in enumerate(decisions, 1):
        click.secho(f"\n[{number}/{len(decisions)}] {decision.kind}: {decision.summary}", bold=True)
        if decision.note:
            click.echo(f"  note: {decision.note}")
        if decision.context:
            click.echo(f"  in the article: {decision.context}")
        if list_only:
            continue
        option = _choose(decision, known)
        if option is None:
            break
        if document.holds(decision.subject):
            document.apply(decision, option)
            settled += option.edit.settles and decision.note is not None
    if list_only:
        return
    document.save()
    left = document.notes_left()
    click.echo(f"\nsettled {settled} note(s); {len(left)} left in {display_path(draft)}")
    click.echo("next: " + (f"rivalgraph review {display_path(draft)}" if left
                           else f"rivalgraph ingest --accept {display_path(draft)}"))  # fmt: skip


def _choose(decision: Decision, known: Knowledge) -> Option | None:
    """Ask for one of the decision's options (None: the reviewer stops here)."""
    keys = {option.key: option for option in decision.options}
    for option in decision.options:
        click.echo(f"  {option.key}) {option.label}")
    click.echo("  q) stop here and save what was decided")
    while True:
        key = click.prompt("  choice", type=click.Choice([*keys, "q"]), show_choices=False,
                           default=decision.default or "s")  # fmt: skip
        if key == "q":
            return None
        if not keys[key].asks_athlete:
            return keys[key]
        name = click.prompt("  athlete (name, athlete:slug or IRI; empty to go back)", default="",
                            show_default=False)  # fmt: skip
        if not name:
            continue
        found = find_athletes(name, known)
        if len(found) == 1:
            return speaker_option(found[0])
        click.echo(
            f"  {len(found)} athletes are called {name!r}"
            + (
                ": " + ", ".join(f"{a.label} <{a.iri}>" for a in found[:5]) + "; give the IRI"
                if found
                else ""
            )
        )


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port (0 picks a free one).")  # fmt: skip
@click.option("--timeout", default=10.0, show_default=True, type=float,
              help="Seconds a query may run before it is stopped.")  # fmt: skip
@click.option("--max-rows", default=100_000, show_default=True, type=int,
              help="Most rows (or triples) one answer may have.")  # fmt: skip
@click.option("--workers", default=None, type=int,
              help="Queries run at once, one process each (default: cores, at most 4).")  # fmt: skip
@click.option("--queue", default=16, show_default=True, type=int,
              help="Requests that may wait for a worker before 503.")  # fmt: skip
@click.option("--cors", multiple=True, metavar="ORIGIN",
              help="Let pages from ORIGIN read answers ('*' for any); repeat for several.")  # fmt: skip
@click.option("--update-token", envvar="RIVALGRAPH_UPDATE_TOKEN", default=None, metavar="TOKEN",
              help="Enable SPARQL Update and Graph Store writes for 'Authorization: Bearer TOKEN' "
              "(env RIVALGRAPH_UPDATE_TOKEN).")  # fmt: skip
@click.option("--allow-remote", is_flag=True,
              help="Allow SERVICE and LOAD (the server then fetches from other hosts).")  # fmt: skip
@click.option("--access-log", default="-", show_default=True, metavar="FILE",
              help="Access log in common log format ('-' is stderr).")  # fmt: skip
@click.option("--view", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An exported HTML rivalry view to serve at /view.")  # fmt: skip
@click.option("--per-client", default=None, type=click.IntRange(min=1),
              help="Requests one client may have running or waiting while all workers are busy "
                   "(default: half of workers + queue).")  # fmt: skip
@click.option("--max-connections", default=None, type=click.IntRange(min=1),
              help="Open connections in all, then 503 with Retry-After "
                   "(default: 4 x (workers + queue), at least 64).")  # fmt: skip
@click.option("--connections-per-client", default=None, type=click.IntRange(min=1),
              help="Open connections from one address, then 503 with Retry-After "
                   "(default: a quarter of --max-connections).")  # fmt: skip
@click.option("--worker-memory", default=4096, show_default=True, type=int, metavar="MIB",
              help="Memory (heap, MiB) one query may add to its worker; a query needing more is "
                   "stopped (500) and its worker replaced.")  # fmt: skip
@click.option("--trusted-proxy", "trusted_proxies", multiple=True, metavar="ADDRESS",
              help="A reverse proxy (address or network) whose X-Forwarded-For names the client; "
                   "repeat for several. From any other peer the header is ignored.")  # fmt: skip
@click.option(
    "--header-timeout",
    default=10.0,
    show_default=True,
    type=float,
    help="Seconds a client has to send a request's line and headers (then 408, closed).",
)
@click.option(
    "--send-timeout",
    default=60.0,
    show_default=True,
    type=float,
    help="Seconds a client may go without reading its answer (then it is dropped).",
)
@click.option(
    "--body-timeout",
    default=30.0,
    show_default=True,
    type=float,
    help="Seconds a client has to send a request's body after its headers (then 408, closed).",
)
@reports_errors
def serve(store: str, **options: Any) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint with a query editor.

    Example: rivalgraph serve --port 7878 --timeout 10 --cors '*'
    """
    # The web stack is imported by this command only, so the others start fast.
    from rivalgraph.serve import ServerConfig
    from rivalgraph.serve import serve as run_server

    for name in ("workers", "per_client", "max_connections", "connections_per_client"):
        if options[name] is None:
            del options[name]
    options["cors"] = tuple(options["cors"])
    options["trusted_proxies"] = tuple(options["trusted_proxies"])
    run_server(ServerConfig(store=store, **options))


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


@main.command("export")
@store_option
@click.option("--format", "export_format", type=click.Choice(EXPORT_FORMATS), required=True,
              help="graphml, gexf, cytoscape, d3, dot, html (the network); "
                   "turtle, trig, nquads, jsonld (the RDF).")  # fmt: skip
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write (replaced atomically; never inside graph/), or - for standard output.",
)
@click.option(
    "--athlete", default=None, metavar="NAME", help="Only the network within --depth edges of this athlete."
)
@click.option(
    "--depth",
    default=1,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many edges away from --athlete.",
)
@click.option(
    "--top",
    default=None,
    type=click.IntRange(min=1),
    metavar="K",
    help="With --athlete: follow only each athlete's K strongest rivalries "
    "(depth 1: his top K rivals and the rivalries among them).",
)
@click.option(
    "--min-score",
    default=0.0,
    show_default=True,
    type=float,
    help="Keep only rivalries whose mutual score is above this.",
)
@click.option(
    "--full", is_flag=True, help="The whole knowledge graph: races, statements, responses, titles as nodes."
)
@click.option(
    "--seed", default=7, show_default=True, type=int, help="Seed of the communities and of the HTML layout."
)
@score_options
@filter_options
@reports_errors
def export_command(store: str, export_format: str, output: Path, athlete: str | None, depth: int,
                   top: int | None, min_score: float, full: bool, seed: int,
                   **kwargs: Any) -> None:  # fmt: skip
    """Export the rivalry network (GraphML, GEXF, Cytoscape, D3, DOT, HTML) or the RDF graph.

    Example: rivalgraph export --format html -o rivalries.html --min-score 0.2
    """
    params = _score_parameters(kwargs)
    filtered = any(kwargs[name] is not None for name in _FILTERS)
    if export_format in RDF_FORMATS and (athlete or full or min_score or depth != 1 or top or filtered):
        raise click.UsageError(
            "--athlete, --depth, --min-score, --full and the race filters apply "
            "to the network formats only; the RDF formats export the whole "
            "store"
        )
    for given, name in ((depth != 1, "--depth"), (top is not None, "--top")):
        if given and not athlete:
            raise click.UsageError(f"{name} needs --athlete NAME")
    opened = open_store(store)
    options = ExportOptions(
        params=params,
        athlete=athlete,
        depth=depth,
        top=top,
        min_score=min_score,
        full=full,
        seed=seed,
        race_filter=_race_filter(opened, kwargs),
    )
    report = export_graph(opened, export_format, output, options)
    what = (
        f"{report.quads} statements"
        if export_format in RDF_FORMATS
        else f"{report.nodes} nodes, {report.edges} edges"
    )
    if report.path == "-":  # the export is standard output: the summary goes to stderr
        click.echo(f"wrote {report.format} to standard output ({what}, {report.seconds:.1f} s)", err=True)
    else:
        click.echo(
            f"wrote {report.path} ({report.format}: {what}, {report.bytes} bytes, {report.seconds:.1f} s)"
        )


def picture_option(command: F) -> F:
    """The ``-o FILE.svg|png`` option of the charts."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        required=True,
        help="Picture to write: FILE.svg or FILE.png.",
    )(command)


@main.group()
def plot() -> None:
    """Draw a rivalry over time, or an athlete's rivals, as an SVG or PNG picture.

    Example: rivalgraph plot rivalry "Josh Kerr" "Jakob Ingebrigtsen" -o kerr-ingebrigtsen.svg
    """


@plot.command("rivalry")
@store_option
@click.argument("athlete")
@click.argument("opponent")
@picture_option
@filter_options
@reports_errors
def plot_rivalry(store: str, athlete: str, opponent: str, output: Path, **kwargs: Any) -> None:
    """Draw two athletes' ratings, shared races and statements on one time axis.

    Example: rivalgraph plot rivalry "Josh Kerr" "Jakob Ingebrigtsen" -o rivalry.png
    """
    # matplotlib is imported by the plot commands only, so the others start fast.
    from rivalgraph.plots.data import rivalry_chart
    from rivalgraph.plots.figure import picture_format, save
    from rivalgraph.plots.rivalry import draw_rivalry

    picture_format(output)
    opened = open_store(store)
    chart = rivalry_chart(opened, athlete, opponent, _race_filter(opened, kwargs))
    saved = save(draw_rivalry(chart), output)
    click.echo(
        f"wrote {saved.path} ({saved.format}: {len(chart.races)} races, "
        f"{len(chart.statements)} statements, {saved.bytes} bytes)"
    )
    if chart.ratings_note:
        click.echo(f"  {chart.ratings_note}")


@plot.command("rivals")
@store_option
@click.argument("athlete")
@picture_option
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 30),
              help="How many rivals.")  # fmt: skip
@score_options
@filter_options
@reports_errors
def plot_rivals(store: str, athlete: str, output: Path, top: int, **kwargs: Any) -> None:
    """Draw an athlete's ranked rivals as stacked bars: each factor's part of the score.

    Example: rivalgraph plot rivals "Jakob Ingebrigtsen" --top 8 -o rivals.svg
    """
    from rivalgraph.plots.data import rivals_chart
    from rivalgraph.plots.figure import picture_format, save
    from rivalgraph.plots.rivals import draw_rivalry_bars

    picture_format(output)
    params = _score_parameters(kwargs)
    opened = open_store(store)
    chart = rivals_chart(opened, athlete, params, top, _race_filter(opened, kwargs))
    saved = save(draw_rivalry_bars(chart), output)
    click.echo(f"wrote {saved.path} ({saved.format}: {len(chart.bars)} rivals, {saved.bytes} bytes)")


if __name__ == "__main__":  # pragma: no cover
    main()
