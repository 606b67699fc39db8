"""The wheel ships the ontology, the curated graph and the queries, and finds them when installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (found,) = out.glob("rivalgraph-*.whl")
    return found


def test_wheel_contains_data_folders(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "rivalgraph/_data/ontology/rivalry.ttl",
        "rivalgraph/_data/ontology/shapes.ttl",
        "rivalgraph/_data/graph/results/championship_finals_1500_5000_2019_2025.csv",
        "rivalgraph/_data/graph/articles/2024-03-05-ingebrigtsen-skips-world-indoors.trig",
        "rivalgraph/_data/queries/head-to-head.rq",
        "rivalgraph/py.typed",
        "rivalgraph/serve/static/yasgui/yasgui.min.js",
        "rivalgraph/serve/static/yasgui/yasgui.min.css",
        "rivalgraph/serve/static/yasgui/NOTICE",
        "rivalgraph/serve/static/rivalgraph.js",
    ):
        assert expected in names, expected


def test_installed_wheel_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    code = "from rivalgraph.resources import data_root, graph_dir; print(data_root()); " \
           "print(len(list(graph_dir().rglob('*.trig'))))"  # fmt: skip
    completed = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); "
         + code],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    root, trig_files = completed.stdout.split()
    assert root == str(tmp_path / "site" / "rivalgraph" / "_data")
    assert int(trig_files) >= 2
