"""Shared fixtures: the real graph built once per session, and paths to shared data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from rivalgraph.build import BuildReport, build
from rivalgraph.store import OxigraphStore, open_store

from .serve_support import RunningServer, start_server

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = Path(__file__).resolve().parent / "data"
#: ../shared beside the repository (or $RIVALGRAPH_SHARED): real data the tests read, never copy.
SHARED = Path(os.environ.get("RIVALGRAPH_SHARED", REPO.parent / "shared"))
SEED_ARTICLE = SHARED / "data" / "articles" / "2024-03-05_ingebrigtsen_skips_world_indoors.txt"
FINALS_CSV = REPO / "graph" / "results" / "championship_finals_1500_5000_2019_2025.csv"


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
