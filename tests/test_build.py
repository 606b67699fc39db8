"""The build: counts, atomic publication, and errors that name file and line or node and property."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rivalgraph.build import BuildReport, build, check, collect
from rivalgraph.errors import InputError, ValidationFailed
from rivalgraph.resources import graph_dir
from rivalgraph.store import StoreLocation, open_store

SEED = "articles/2024-03-05-ingebrigtsen-skips-world-indoors.trig"


@pytest.fixture
def graph_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "graph"
    shutil.copytree(graph_dir(), folder)
    return folder


def test_build_reports_counts(built: tuple[Path, BuildReport]) -> None:
    _, report = built
    assert report.athletes == 117
    assert report.results == 253
    assert report.statements >= 9
    assert report.graphs >= 15
    assert report.triples > 5000


def test_build_reports_progress(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    build(tmp_path / "store", progress=lambda *step: seen.append(step))
    phases = [phase for phase, _, _ in seen]
    order = list(dict.fromkeys(phases))
    assert order == ["parse", "load", "validate", "publish"]  # each phase once, in this order
    assert all(done == total for phase, done, total in seen if phase == "publish")
    assert seen[-1][1] == seen[-1][2]


def _break_turtle(folder: Path) -> int:
    path = folder / SEED
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if "rg:bodyPart" in line)
    lines[number] = lines[number].replace("rg:bodyPart", "rg:bodyPart rg:bodyPart")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


def test_bad_turtle_names_file_and_line(graph_copy: Path) -> None:
    line = _break_turtle(graph_copy)
    with pytest.raises(InputError) as caught:
        build(graph_copy.parent / "store", folder=graph_copy)
    assert caught.value.line == line
    assert str(caught.value).startswith(str(graph_copy / SEED) + f":{line}:") or (
        f"{SEED}:{line}:" in str(caught.value)
    )


def test_failed_build_leaves_previous_store_intact(tmp_path: Path, graph_copy: Path) -> None:
    location = tmp_path / "store"
    first = build(location, folder=graph_copy)
    published = StoreLocation(location).current()
    _break_turtle(graph_copy)
    with pytest.raises(InputError):
        build(location, folder=graph_copy)
    assert StoreLocation(location).current() == published
    assert len(open_store(location)) > 0
    rows = open_store(location).select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows.rows[0][0].value) == first.triples  # type: ignore[union-attr]
    assert [p.name for p in (location / "builds").iterdir()] == [published.name]  # type: ignore[union-attr]


def test_shape_violation_names_node_property_and_file(tmp_path: Path, graph_copy: Path) -> None:
    path = graph_copy / SEED
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("rg:plannedDate", "rg:plannedDate", 1).replace(
        '"2024-05-25"^^xsd:date', '"25 May 2024"', 1), encoding="utf-8")  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        build(tmp_path / "store", folder=graph_copy)
    problem = next(p for p in caught.value.problems if "plannedDate" in p)
    assert SEED in problem
    assert "appearance/jakob-ingebrigtsen-prefontaine-classic-2024" in problem
    assert not (tmp_path / "store" / "current").exists()


def test_undeclared_term_is_refused(tmp_path: Path, graph_copy: Path) -> None:
    path = graph_copy / SEED
    path.write_text(path.read_text(encoding="utf-8").replace("rg:bodyPart", "rg:bodyPartt", 1),
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(ValidationFailed, match=r"rg:bodyPartt is used but not declared"):
        build(tmp_path / "store", folder=graph_copy)


def test_facts_outside_a_named_graph_are_refused(tmp_path: Path, graph_copy: Path) -> None:
    (graph_copy / "loose.trig").write_text(
        '<https://w3id.org/rivalgraph/id/athlete/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed, match="outside any named graph"):
        build(tmp_path / "store", folder=graph_copy)


def test_an_empty_graph_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no graph files"):
        build(tmp_path / "store", folder=tmp_path / "empty")


def test_extra_files_are_added(tmp_path: Path) -> None:
    extra = tmp_path / "note.trig"
    extra.write_text(
        """@prefix rg: <https://w3id.org/rivalgraph/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/rivalgraph/id/graph/extra> {
  <https://w3id.org/rivalgraph/id/graph/extra> a rg:SourceGraph ;
      prov:wasDerivedFrom <https://w3id.org/rivalgraph/id/source/extra> .
  <https://w3id.org/rivalgraph/id/source/extra> a rg:Source ;
      schema:url "https://example.org/extra"^^xsd:anyURI .
}
""",
        encoding="utf-8",
    )
    report = build(tmp_path / "store", extra=[extra])
    assert str(extra) in report.files[-1] or report.files[-1].endswith("note.trig")
    assert open_store(tmp_path / "store").ask("ASK { GRAPH graph:extra { ?s ?p ?o } }")


def test_default_graph_is_the_merge_of_the_named_graphs(built: tuple[Path, BuildReport]) -> None:
    """The default graph is loaded from N-Triples text: same triples, same blank nodes."""
    store = open_store(built[0])
    missing = store.ask("ASK { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }")
    extra = store.ask("ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
    assert not missing and not extra
    blank = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER isBlank(?s) }")
    assert int(blank.rows[0][0].value) > 0  # type: ignore[union-attr]


FORGED = """@prefix graph: <https://w3id.org/rivalgraph/id/graph/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix athlete: <https://w3id.org/rivalgraph/id/athlete/> .
@prefix source: <https://w3id.org/rivalgraph/id/source/> .
GRAPH {graph} {{
    {graph} prov:wasDerivedFrom source:worldathletics-toplist-1500-metres .
    athlete:josh-kerr rdfs:comment "Disqualified from every race" .
}}
"""


@pytest.mark.parametrize(
    ("graph", "refusal"),
    [
        ("graph:results-worldathletics-toplist-1500-metres", "only a results table"),
        ("graph:article-2024-03-05-ingebrigtsen-skips-world-indoors", f"which {SEED} writes"),
        ("<https://w3id.org/rivalgraph/ontology>", "only a results table"),
        ("graph:analysis-rivalries", "only a results table"),
    ],
)
def test_a_file_cannot_write_into_another_sources_graph(
    tmp_path: Path, graph_copy: Path, monkeypatch: pytest.MonkeyPatch, graph: str, refusal: str
) -> None:
    monkeypatch.chdir(graph_copy)
    (graph_copy / "articles" / "forged.trig").write_text(FORGED.format(graph=graph), encoding="utf-8")
    refused = rf"articles/forged\.trig: writes into named graph .*{refusal}"
    with pytest.raises(ValidationFailed, match=refused):
        build(tmp_path / "store", folder=graph_copy)
    assert StoreLocation(tmp_path / "store").current() is None
    whole = check(collect(graph_copy))
    assert any(p.startswith("articles/forged.trig: writes into named graph") and refusal in p for p in whole)


def test_a_source_may_be_cited_by_two_tables(tmp_path: Path, graph_copy: Path) -> None:
    table = graph_copy / "results" / "championship_finals_1500_5000_2019_2025.csv"
    header, *rows = table.read_text(encoding="utf-8").splitlines(keepends=True)
    half = len(rows) // 2
    table.write_text(header + "".join(rows[:half]), encoding="utf-8")
    (table.parent / "second_half.csv").write_text(header + "".join(rows[half:]), encoding="utf-8")
    report = build(tmp_path / "store", folder=graph_copy)
    assert report.results == len(rows)


def test_two_files_that_describe_one_source_differently_are_both_named(
    tmp_path: Path, graph_copy: Path
) -> None:
    results = graph_copy / "results"
    table = results / "championship_finals_1500_5000_2019_2025.csv"
    header, *rows = table.read_text(encoding="utf-8").splitlines(keepends=True)
    (results / "more").mkdir()
    (results / "more" / "t.csv").write_text(header + rows[0], encoding="utf-8")
    sources = (results / "sources.csv").read_text(encoding="utf-8")
    renamed = sources.replace("World Athletics all-time toplist, men's 1500 m", "WA 1500 list", 1)
    (results / "more" / "sources.csv").write_text(renamed, encoding="utf-8")
    expected = re.compile(r"source <\S+worldathletics-toplist-1500-metres> is described differently by "
                          r"\S+championship_finals_1500_5000_2019_2025.csv and \S+more/t.csv: \S+#label> "
                          r'"World Athletics all-time toplist.*in \S+, "WA 1500 list')  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        build(tmp_path / "store", folder=graph_copy, imports=False)
    assert [problem for problem in caught.value.problems if expected.search(problem)], caught.value.problems
    assert [problem for problem in check(collect(graph_copy, imports=False)) if expected.search(problem)]
    # The same description in both folders is one source cited twice, as before.
    (results / "more" / "sources.csv").write_text(sources, encoding="utf-8")
    assert build(tmp_path / "store", folder=graph_copy, imports=False).results == len(rows)


def _dump(location: Path) -> list[str]:
    store = open_store(location)
    rows = store.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    # Blank nodes get fresh labels in every store: compared as "a blank node".
    return sorted(re.sub(r"_:\w+", "_:", " ".join(str(term) for term in row)) for row in rows.rows)


def test_the_same_files_built_from_two_folders_give_the_same_graph(
    tmp_path: Path, graph_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "somewhere" / "else" / "graph"
    shutil.copytree(graph_copy, elsewhere)
    monkeypatch.chdir(graph_copy)
    build(tmp_path / "first", folder=graph_copy)
    monkeypatch.chdir(tmp_path / "somewhere")
    build(tmp_path / "second", folder=elsewhere)
    first, second = _dump(tmp_path / "first"), _dump(tmp_path / "second")
    assert first == second
    assert any("results/championship_finals_1500_5000_2019_2025.csv" in line for line in first)


@pytest.mark.parametrize("special", ["fifo", "/dev/null"])
def test_a_special_file_given_to_build_is_refused_without_opening_it(tmp_path: Path, special: str) -> None:
    extra = tmp_path / "extra.trig"
    if special == "fifo":
        os.mkfifo(extra)
    else:
        extra = Path(special)
    # A subprocess with a time limit: opening a FIFO would wait for a writer for ever.
    done = subprocess.run([sys.executable, "-c", "from rivalgraph.cli import main; main()", "build",
                           "--store", str(tmp_path / "store"), "--no-imports", str(extra)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1 and "not a regular file" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("kind", "message"),
    [("fifo", "is a FIFO (named pipe), not a regular file"), ("device", "is a character device"),
     ("broken link", "is a symbolic link to /no/such/file, which does not exist")],
)  # fmt: skip
def test_a_special_file_inside_the_graph_folder_is_refused_not_skipped(
    tmp_path: Path, graph_copy: Path, kind: str, message: str
) -> None:
    odd = graph_copy / "articles" / "odd.trig"
    if kind == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/null" if kind == "device" else "/no/such/file")
    done = subprocess.run([sys.executable, "-m", "rivalgraph.cli", "build", "--store", str(tmp_path / "s"),
                           "--graph", str(graph_copy), "--no-imports"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "odd.trig" in done.stderr and message in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("written", "refusal"),
    [
        ("Kerr Josh", "athlete 'josh kerr' is 2 nodes"),
        ("Josh K\u0435rr", "mixes the letters of two scripts (CYRILLIC, LATIN)"),
    ],
)
def test_a_name_written_another_way_is_caught_not_made_a_second_athlete(
    tmp_path: Path, graph_copy: Path, written: str, refusal: str
) -> None:
    table = graph_copy / "results" / "championship_finals_1500_5000_2019_2025.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if ",Josh Kerr," in line)
    lines[number] = lines[number].replace(",Josh Kerr,", f",{written},", 1)
    table.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ValidationFailed) as error:
        build(tmp_path / "store", folder=graph_copy)
    assert any(refusal in problem for problem in error.value.problems), error.value.problems


def test_a_second_build_while_one_runs_is_refused_and_leaves_the_first_alone(tmp_path: Path) -> None:
    location = tmp_path / "store"
    first = build(location)
    place = StoreLocation(location)
    with place.writing():  # what a build in progress holds
        in_progress = place.new_build()
        # Another process: the lock is reentrant within this one.
        refused = subprocess.run([sys.executable, "-m", "rivalgraph.cli", "build", "--store",
                                  str(location)], capture_output=True, text=True, timeout=300)  # fmt: skip
        assert refused.returncode == 1
        assert f"process {os.getpid()}) is writing the store" in refused.stderr, refused.stderr
        assert in_progress.is_dir() and place.current() is not None
    assert not in_progress.exists(), "the writer's leftovers are pruned when it lets go"
    abandoned = place.new_build()  # a build killed before it published: no one holds the lock
    second = build(location)
    assert not abandoned.exists()
    assert [p.name for p in (location / "builds").iterdir()] == [place.current().name]  # type: ignore[union-attr]
    assert second.triples == first.triples


def test_a_literal_over_the_parsers_limit_is_a_message_naming_the_file(tmp_path: Path) -> None:
    huge = tmp_path / "huge.trig"
    with huge.open("w", encoding="utf-8") as stream:
        stream.write('<urn:g> { <urn:x> <http://www.w3.org/2000/01/rdf-schema#comment> "')
        stream.write("a" * (17 * 2**20))
        stream.write('" . }\n')
    with pytest.raises(InputError, match="larger than the parser takes") as error:
        build(tmp_path / "store", extra=[huge])
    assert error.value.file.endswith("huge.trig")
    assert StoreLocation(tmp_path / "store").current() is None


@pytest.mark.parametrize("year", ["12024", "-2024"])
def test_a_date_past_year_9999_is_refused_on_both_build_paths(
    tmp_path: Path, graph_copy: Path, year: str
) -> None:
    path = graph_copy / SEED
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('rg:reportedOn "2024-03-05"', f'rg:reportedOn "{year}-03-05"', 1),
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        build(tmp_path / "store", folder=graph_copy, imports=False)
    expected = f'rg:reportedOn "{year}-03-05": a date\'s year has four digits'
    assert [problem for problem in caught.value.problems if expected in problem and SEED in problem]
    assert any(expected in problem for problem in check(collect(graph_copy, imports=False)))
