"""Shared fixtures: the real graph and the small test graph, each built once per session.

``built``/``store`` (alias ``real_location``/``real_store``) are the whole
curated ``graph/`` built into an on-disk store; ``fixture_store`` is
``tests/data/fixture-graph`` (four invented athletes, five championship races,
one meeting, a response thread).  Tests that write into a store copy
one first (:func:`copy_store`).

The unit tests build the curated files alone (``RIVALGRAPH_IMPORTS=0``, set
here for the session and every command it starts): all of athletics takes
minutes to build, so it is built once, by ``athletics`` (``full_location``,
``full_store``), for the end-to-end tests on the real data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("RIVALGRAPH_IMPORTS", "0")

from rivalgraph.build import BuildReport, build, collect  # noqa: E402
from rivalgraph.ingest.knowledge import Knowledge  # noqa: E402
from rivalgraph.remote.push import PushReport, push  # noqa: E402
from rivalgraph.remote.spec import RemoteSpec, parse_store_spec  # noqa: E402
from rivalgraph.resources import graph_dir  # noqa: E402
from rivalgraph.store import OxigraphStore, Store, open_store  # noqa: E402

from .serve_support import RunningServer, start_server  # noqa: E402

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
def athletics(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """All of athletics (the imports of ``graph/imports/imports.toml`` and the curated files), built once."""
    if not (SHARED / "data" / "worldathletics_toplists_all").is_dir():
        pytest.skip("needs ../shared/data/worldathletics_toplists_all (or $RIVALGRAPH_SHARED)")
    location = tmp_path_factory.mktemp("athletics")
    return location, build(location, imports=True)


@pytest.fixture(scope="session")
def full_location(athletics: tuple[Path, BuildReport]) -> Path:
    return athletics[0]


@pytest.fixture(scope="session")
def full_store(athletics: tuple[Path, BuildReport]) -> OxigraphStore:
    opened = open_store(athletics[0])
    assert isinstance(opened, OxigraphStore)
    return opened


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
def rated_location(real_location: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real store with strength ratings written (``rivalgraph strength``)."""
    from datetime import datetime, timezone

    from rivalgraph.strength.compute import rate_store

    location = copy_store(real_location, tmp_path_factory.mktemp("rated") / "store")
    rate_store(location, now=datetime(2026, 12, 3, tzinfo=timezone.utc))
    return location


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


# --- A real SPARQL server: a private OpenLink Virtuoso started by scripts/virtuoso.sh ---------------

VIRTUOSO_SCRIPT = REPO / "scripts" / "virtuoso.sh"


def require_virtuoso() -> None:
    """Install Virtuoso with the project's script if missing; skip only if that fails."""
    if shutil.which("virtuoso-t") is None:
        installed = subprocess.run([str(VIRTUOSO_SCRIPT), "install"], capture_output=True, text=True)
        if installed.returncode != 0 or shutil.which("virtuoso-t") is None:
            pytest.skip(f"Virtuoso could not be installed: {installed.stderr.strip()[-300:]}")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A fresh Virtuoso on 127.0.0.1 (free ports, random passwords), stopped at the end of the session.

    Yields the connection as the ``RIVALGRAPH_*`` environment variables the
    script prints.  Skips only when the project's script could not install
    Virtuoso (``make test`` installs it first).
    """
    require_virtuoso()
    folder = tmp_path_factory.mktemp("virtuoso")
    started = subprocess.run([str(VIRTUOSO_SCRIPT), "start", str(folder)], capture_output=True, text=True)
    try:
        if started.returncode != 0:
            raise RuntimeError(f"scripts/virtuoso.sh start failed:\n{started.stderr}")
        env = dict(line.split("=", 1) for line in started.stdout.splitlines() if "=" in line)
        yield env
    finally:
        subprocess.run([str(VIRTUOSO_SCRIPT), "stop", str(folder)], capture_output=True, text=True)


@pytest.fixture(scope="session")
def virtuoso_spec(virtuoso: dict[str, str]) -> RemoteSpec:
    """The Virtuoso endpoints with the writer account, as a :class:`RemoteSpec`."""
    spec = parse_store_spec("sparql+" + virtuoso["RIVALGRAPH_QUERY_URL"], env=virtuoso)
    assert isinstance(spec, RemoteSpec)
    return spec


@pytest.fixture(scope="session")
def pushed(virtuoso_spec: RemoteSpec, tmp_path_factory: pytest.TempPathFactory) -> PushReport:
    """The real graph/ pushed to Virtuoso, once per session."""
    journal = tmp_path_factory.mktemp("journal") / "journal.json"
    return push(virtuoso_spec, journal=journal)


@pytest.fixture(scope="session")
def virtuoso_store(pushed: PushReport, virtuoso_spec: RemoteSpec) -> Store:
    """The pushed graph, read through SPARQLWrapper."""
    return open_store("sparql+" + virtuoso_spec.query_url)


BACKENDS = ("oxigraph", "virtuoso")


@pytest.fixture(scope="session", params=BACKENDS)
def any_store(request: pytest.FixtureRequest) -> Store:
    """The same graph on each backend: the embedded store and Virtuoso."""
    if request.param == "oxigraph":
        return request.getfixturevalue("store")  # type: ignore[no-any-return]
    return request.getfixturevalue("virtuoso_store")  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def known() -> Knowledge:
    """What the curated graph knows (athletes, outlets, editions, titles, statements): ingestion's lookups."""
    return Knowledge.from_quads(collect(imports=False).data_quads())


@pytest.fixture()
def curated(tmp_path: Path) -> Path:
    """A private copy of graph/ that acceptance may write into."""
    folder = tmp_path / "graph"
    shutil.copytree(graph_dir(), folder)
    return folder
