"""The streamed build (rivalgraph.scan) finds exactly the problems the whole-graph checks find.

The build scans each file once, bulk-loads named graphs from the files and
hands SHACL each triple once; the oracle (:mod:`tests.wholegraph`) parses
everything into quads and validates the full merged text, repeats included.  The
build, :func:`rivalgraph.build.check` (what ``validate``, push and accept run) and the
oracle must give the same verdict, line for line, on the real graph and on a
synthetic graph with a violation of each kind injected.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from bench.generate import write

from rivalgraph.build import build, check, collect
from rivalgraph.errors import InputError, ValidationFailed
from rivalgraph.resources import graph_dir
from rivalgraph.scan import scan
from rivalgraph.sources import discover
from rivalgraph.store import open_store

from .wholegraph import read_whole, whole_problems

RG = "https://w3id.org/rivalgraph/ontology#"
ID = "https://w3id.org/rivalgraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

#: One violation of each kind the build reports, in N-Quads.
INJECTED = f"""\
<{ID}result/x-finished> <{TYPE}> <{RG}Result> <{ID}graph/injected> .
<{ID}result/x-finished> <{RG}status> <{RG}Finished> <{ID}graph/injected> .
<{ID}result/x-finished> <{RG}athlete> <{ID}athlete/x-nobody> <{ID}graph/injected> .
<{ID}result/x-finished> <{RG}timeSeconds> "-1"^^<{XSD}decimal> <{ID}graph/injected> .
<{ID}athlete/x-twin-a> <{TYPE}> <{RG}Athlete> <{ID}graph/injected> .
<{ID}athlete/x-twin-a> <{LABEL}> "Twin Name" <{ID}graph/injected> .
<{ID}athlete/x-twin-b> <{TYPE}> <{RG}Athlete> <{ID}graph/injected> .
<{ID}athlete/x-twin-b> <{LABEL}> "TWIN name" <{ID}graph/injected> .
<{ID}athlete/x-twin-b> <{RG}nickname> "Twinny" <{ID}graph/injected> .
<{ID}athlete/x-loose> <{LABEL}> "Loose" .
"""


def _problems_of_build(folder: Path, location: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        build(location, folder=folder)
    return caught.value.problems


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    write(3000, 1, "nq", folder)
    return folder


def test_synthetic_graph_passes_both_ways(synthetic: Path, tmp_path: Path) -> None:
    assert check(collect(synthetic)) == []
    assert whole_problems(read_whole(synthetic)) == []
    report = build(tmp_path / "store", folder=synthetic)
    assert report.triples > 3000


def test_injected_violations_are_the_same_both_ways(synthetic: Path, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(synthetic, tmp_path / "data"))
    (folder / "injected.nq").write_text(INJECTED, encoding="utf-8")
    expected = sorted(whole_problems(read_whole(folder)))
    found = sorted(_problems_of_build(folder, tmp_path / "store"))
    assert found == expected
    assert sorted(check(collect(folder))) == expected
    reasons = "\n".join(found)
    for reason in ("exactly one rg:place", "rg:timeSeconds", "rg:athlete", "2 nodes",
                   "rg:nickname is used but not declared", "outside any named graph",
                   "graph/injected> does not say prov:wasDerivedFrom"):  # fmt: skip
        assert reason in reasons, reasons


def test_real_graph_with_a_broken_article_is_the_same_both_ways(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(graph_dir(), tmp_path / "graph"))
    article = next(folder.glob("articles/*.trig"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("xsd:date", "xsd:string", 1), encoding="utf-8")
    expected = sorted(whole_problems(read_whole(folder)))
    assert expected, "the broken article should fail"
    assert sorted(_problems_of_build(folder, tmp_path / "store")) == expected
    assert sorted(check(collect(folder))) == expected


def test_real_graph_text_holds_each_triple_once_and_all_of_them() -> None:
    """Each triple once: the scanned text is the set of the merged triples, no more, no less."""
    sources = read_whole()
    merged = {q.triple for q in [*sources.ontology, *sources.data_quads()]}
    found = scan(discover(graph_dir()), [("ontology", sources.ontology)])
    lines = bytes(found.text()).splitlines()
    assert len(lines) == len(set(lines))
    parsed = {q.triple for q in ox.parse(bytes(found.text()), format=ox.RdfFormat.N_TRIPLES)}
    without_blank = {t for t in merged if not any(isinstance(x, ox.BlankNode) for x in t)}
    assert {t for t in parsed if not any(isinstance(x, ox.BlankNode) for x in t)} == without_blank
    assert len(parsed) == len(merged)


def test_a_file_with_blank_nodes_keeps_them_one_node(tmp_path: Path) -> None:
    """Blank nodes are loaded from kept quads, so the named and default graphs share them."""
    folder = Path(shutil.copytree(graph_dir(), tmp_path / "graph"))
    build(tmp_path / "store", folder=folder)
    store = open_store(tmp_path / "store")
    assert store.ask("ASK { GRAPH ?g { ?s ?p ?o } FILTER(isBlank(?s)) }")
    assert not store.ask("ASK { ?s ?p ?o FILTER(isBlank(?s)) FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")


def test_a_bad_byte_in_a_comment_names_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "graph"
    folder.mkdir()
    (folder / "a.nq").write_bytes(b"# fine\n# caf\xff\n")
    with pytest.raises(InputError, match=r"a\.nq:2: not UTF-8 text"):
        build(tmp_path / "store", folder=folder)


def test_a_syntax_error_in_a_large_file_names_its_line(synthetic: Path, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(synthetic, tmp_path / "data"))
    path = next(folder.glob("*.nq"))
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1000] = lines[1000].replace(" .", " ;", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build(tmp_path / "store", folder=folder)
    assert caught.value.line == 1001 and caught.value.file.endswith(path.name)


def test_a_file_changed_after_its_scan_is_refused_not_read_again(tmp_path: Path) -> None:
    """What is loaded or pushed after the checks must be what they checked."""
    path = tmp_path / "a.nq"
    path.write_text('<urn:x> <http://www.w3.org/2000/01/rdf-schema#label> "X" <urn:g> .\n', encoding="utf-8")
    found = scan([path])
    path.write_text('<urn:x> <http://www.w3.org/2000/01/rdf-schema#label> "Changed" <urn:g> .\n',
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(InputError, match="a.nq: changed while the graph was being read"):
        list(found.data_quads())
