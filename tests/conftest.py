"""Shared fixtures: the real graph and the small test graph, each built once per session.

``real_store`` is the whole curated ``graph/`` built into an on-disk store;
``fixture_store`` is ``tests/data/fixture-graph`` (four invented athletes, five
championship races, one meeting, an exchange of statements).  Tests that write
into a store copy one first (:func:`copy_store`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rivalgraph.build import build
from rivalgraph.store import Store, open_store

DATA = Path(__file__).parent / "data"
FIXTURE_GRAPH = DATA / "fixture-graph"


def copy_store(location: Path, target: Path) -> Path:
    """Copy a store folder (builds and the ``current`` link) so a test may change it."""
    shutil.copytree(location, target, symlinks=True)
    return target


@pytest.fixture(scope="session")
def real_location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("real-store")
    build(location)
    return location


@pytest.fixture(scope="session")
def real_store(real_location: Path) -> Store:
    return open_store(real_location)


@pytest.fixture(scope="session")
def fixture_location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("fixture-store")
    build(location, folder=FIXTURE_GRAPH)
    return location


@pytest.fixture(scope="session")
def fixture_store(fixture_location: Path) -> Store:
    return open_store(fixture_location)
