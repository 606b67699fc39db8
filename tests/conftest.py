"""Shared fixtures: the real graph and the small test graph, each built once per session.

``built``/``store`` (alias ``real_location``/``real_store``) are the whole
curated ``graph/`` built into an on-disk store; ``fixture_store`` is
``tests/data/fixture-graph`` (four invented athletes, five championship races,
one meeting, an exchange of statements).  Tests that write into a store copy
one first (:func:`copy_store`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from rivalgraph.build import BuildReport, build
from rivalgraph.store import OxigraphStore, Store, open_store

from .serve_support import RunningServer, start_server

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = Path(__file__).resolve().parent / "data"
DATA = TEST_DATA
FIXTURE_GRAPH = DATA / "fixture-graph"
#: ../shared beside the repository (or $RIVALGRAPH_SHARED): real data the tests read, never copy.
SHARED = Path(os.environ.get("RIVALGRAPH_SHARED", REPO.parent / "shared"))
SEED_ARTICLE = SHARED / "data" / "articles" / "2024-03-05_ingebrigtsen_skips_world_indoors.txt"
FINALS_CSV = REPO / "graph" / "results" / "championship_finals_1500_5000_2019_2025.csv"


def copy_store(location: Path, target: Path) -> Path:
    """Copy a store folder (builds and the ``current`` link) so a test may change it."""
    shutil.copytree(location, target, symlinks=True)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """The real graph/ built into a fresh store: its location and the build report."""
    location = tmp_path_factory.mktemp("store")
    return location, build(location)


@pytest.fixture(scope="session")
def store(built: tuple[Path, BuildReport]) -> OxigraphStore:
    """The real graph, opened read-only."""
    opened = open_store(built[0])
    assert isinstance(opened, OxigraphStore)
    return opened


@pytest.fixture(scope="session")
def real_location(built: tuple[Path, BuildReport]) -> Path:
    return built[0]


@pytest.fixture(scope="session")
def real_store(store: OxigraphStore) -> Store:
    return store


@pytest.fixture(scope="session")
def fixture_location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("fixture-store")
    build(location, folder=FIXTURE_GRAPH)
    return location


@pytest.fixture(scope="session")
def fixture_store(fixture_location: Path) -> Store:
    return open_store(fixture_location)


@pytest.fixture(scope="session")
def endpoint(
    built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """``rivalgraph serve`` on the real graph: 2 workers, a 3 s time limit, CORS for one origin."""
    folder = tmp_path_factory.mktemp("endpoint")
    log = str(folder / "access.log")
    server = start_server(built[0], folder, "--workers", "2", "--timeout", "3",
                          "--cors", "https://research.example", "--access-log", log)  # fmt: skip
    yield server
    server.stop()
