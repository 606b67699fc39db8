"""Faults: a build killed or stopped mid-way, a read-only or full disk, a file where a folder should be.

The published store must stay usable and unchanged, the error must say what
is wrong (no traceback), and nothing partial may be left to read.

Why not ``chmod``: the tests run as root, and root writes through permission
bits.  A read-only file system refuses root too, so the read-only and
disk-full cases run the command in a private mount namespace
(``unshare --mount``) with a read-only bind mount or a tiny ``tmpfs``; the
mounts vanish with the namespace, so nothing needs cleaning up on the host.
They are skipped where the namespace cannot be made (not root, or no
``unshare``): that is a privilege, which no project script can install.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rivalgraph.build import BuildReport, build, graph_counts
from rivalgraph.store import StoreLocation, open_store

from .conftest import FIXTURE_GRAPH, REPO, SEED_ARTICLE, copy_store

CLI = [sys.executable, "-m", "rivalgraph.cli"]


def _counts(location: Path) -> dict[str, int]:
    return graph_counts(open_store(location))


def _builds(location: Path) -> set[str]:
    return {path.name for path in (location / "builds").iterdir()}


def _kill_build_at(location: Path, graph: Path, phase: str, delay: float) -> bool:
    """Start ``rivalgraph build`` and SIGKILL it ``delay`` s after its ``phase`` progress line appears.

    Returns whether the kill landed: the load phase is short, and the build may finish first.
    """
    process = subprocess.Popen([*CLI, "build", "--store", str(location), "--graph", str(graph)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    assert process.stderr is not None
    seen = b""
    try:
        while phase.encode() not in seen:
            line = process.stderr.readline()
            assert line, f"the build ended before {phase!r}: {seen.decode(errors='replace')}"
            seen += line
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        code = process.wait(timeout=60)
        assert code in (-signal.SIGKILL, 0), f"the build failed on its own: {code}"
        return code == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=60)
        process.stderr.close()


@pytest.mark.slow
def test_killed_build_leaves_the_published_store_and_the_next_build_prunes(
    built: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    location = copy_store(built[0], tmp_path / "store")
    graph = Path(shutil.copytree(REPO / "graph", tmp_path / "graph"))
    published = StoreLocation(location).current()
    before = _counts(location)
    # Validation runs beside the load and both are short: a build killed in them may already have
    # switched to its complete new store, so only a kill while parsing must leave the old one.
    for phase, delay in (("load", 0.02), ("load", 0.0), ("parse", 0.0), ("validate", 0.0)):
        killed = _kill_build_at(location, graph, phase, delay)
        assert killed or phase != "parse", f"the build got past {phase} before the kill"
        current = StoreLocation(location).current()
        # Killed before the switch: the old build; after it: the complete new one (counts below).
        assert current is not None and (current == published or phase != "parse"), f"{phase}+{delay}s"
        assert _counts(location) == before, f"killed at {phase}+{delay}s"
        published = current
    abandoned = _builds(location) - {published.name}
    assert abandoned, "the killed builds should have left folders for the next build to prune"
    report = build(location, folder=graph)
    assert report.triples == before["triples"]
    assert _builds(location) == {StoreLocation(location).current().name}  # type: ignore[union-attr]


def test_store_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder\n")
    ran = subprocess.run([*CLI, "build", "--store", str(tmp_path / "a-file" / "store"),
                          "--graph", str(FIXTURE_GRAPH)], capture_output=True, text=True)  # fmt: skip
    assert ran.returncode == 1
    assert "cannot write the store at" in ran.stderr and "Not a directory" in ran.stderr
    assert "Traceback" not in ran.stderr


def test_draft_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder\n")
    ran = subprocess.run([*CLI, "ingest", str(SEED_ARTICLE), "--date", "2024-03-05", "--graph",
                          str(FIXTURE_GRAPH), "--store", str(tmp_path / "none"),
                          "--output", str(tmp_path / "a-file" / "draft.trig")],
                         capture_output=True, text=True)  # fmt: skip
    assert ran.returncode == 1, ran.stderr
    assert "is a file, not a folder" in ran.stderr and "Traceback" not in ran.stderr


# --- read-only and full file systems, in a private mount namespace -----------------------------

_CHECK = """
import json, sys
from pathlib import Path
from rivalgraph.build import build, graph_counts
from rivalgraph.errors import RivalgraphError
from rivalgraph.store import open_store
location, graph = Path(sys.argv[1]), Path(sys.argv[2])
out = {"builds_before": sorted(p.name for p in (location / "builds").iterdir())
       if (location / "builds").is_dir() else []}
try:
    build(location, folder=graph)
    out["error"] = None
except RivalgraphError as error:
    out["error"] = str(error)
out["builds_after"] = sorted(p.name for p in (location / "builds").iterdir())
out["counts"] = graph_counts(open_store(location)) if (location / "current").exists() else None
print(json.dumps(out))
"""


def _in_namespace(script: str) -> str:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare to mount a read-only or tiny file system privately")
    probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a mount namespace here: {probe.stderr.decode().strip()}")
    ran = subprocess.run(["unshare", "--mount", "sh", "-ec", script], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    return ran.stdout


def test_read_only_store_folder_is_a_clear_error(fixture_location: Path, tmp_path: Path) -> None:
    location = copy_store(fixture_location, tmp_path / "store")
    before = _counts(location), _builds(location), os.readlink(location / "current")
    out = _in_namespace(
        f"mount --bind -o ro {location} {location}\n{sys.executable} -c '{_CHECK}' {location} {FIXTURE_GRAPH}"
    )
    result = json.loads(out)
    assert "Read-only file system" in result["error"] and "unchanged" in result["error"]
    assert result["counts"] == before[0]
    assert (_counts(location), _builds(location), os.readlink(location / "current")) == before


def test_full_disk_keeps_the_published_store(tmp_path: Path) -> None:
    """A 3 MiB tmpfs holds the fixture store (0.9 MiB), not a build of the real graph (over 4 MiB)."""
    mount = tmp_path / "small"
    mount.mkdir()
    location = mount / "store"
    out = _in_namespace(
        f"mount -t tmpfs -o size=3m tmpfs {mount}\n"
        f"{sys.executable} -m rivalgraph.cli build --store {location} --graph {FIXTURE_GRAPH} >/dev/null\n"
        f"{sys.executable} -c '{_CHECK}' {location} {REPO / 'graph'}"
    )
    result = json.loads(out)
    assert "disk is full" in result["error"], result
    assert result["builds_after"] == result["builds_before"], "the failed build must be removed"
    assert result["counts"]["graphs"] == 6  # the fixture graph, still published and readable


# --- builds stopped in the middle: SIGKILL leaves a folder the next build removes; SIGTERM none ----


def _bulk_file(folder: Path, triples: int = 150_000) -> Path:
    """A valid TriG file big enough that a build spends seconds on it (then fails its provenance check)."""
    path = folder / "bulk.trig"
    rows = (f'  <urn:x:{i}> <http://www.w3.org/2000/01/rdf-schema#comment> "row {i}" .\n'
            for i in range(triples))  # fmt: skip
    path.write_text("<https://w3id.org/rivalgraph/id/graph/bulk> {\n" + "".join(rows) + "}\n")
    return path


def _start_build_and_signal(location: Path, extra: Path, number: int) -> subprocess.CompletedProcess[str]:
    """Start a build, send it ``number`` once its unpublished folder exists, and wait for it."""
    old = _builds(location)
    command = [*CLI, "build", "--store", str(location), "--graph", str(FIXTURE_GRAPH), str(extra)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _builds(location) - old:
            assert process.poll() is None and time.monotonic() < deadline, "the build ended first"
            time.sleep(0.01)
        time.sleep(0.5)  # into the parse of the big file
        process.send_signal(number)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_killed_build_leaves_a_folder_that_the_next_build_removes(
    fixture_location: Path, tmp_path: Path
) -> None:
    location = copy_store(fixture_location, tmp_path / "store")
    published = StoreLocation(location).current()
    assert published is not None
    before = _counts(location)
    bulk = _bulk_file(tmp_path)
    killed = _start_build_and_signal(location, bulk, signal.SIGKILL)
    assert killed.returncode == -signal.SIGKILL
    assert len(_builds(location)) == 2, "SIGKILL runs no clean-up: the folder stays until the next build"
    assert StoreLocation(location).current() == published and _counts(location) == before
    # The dead build's lock went with its process: the next build is not refused, and removes the
    # folder even when it fails itself.
    broken = tmp_path / "broken.trig"
    broken.write_text("<urn:a> <urn:b> .\n")
    ran = subprocess.run([*CLI, "build", "--store", str(location), "--graph", str(FIXTURE_GRAPH),
                          str(broken)], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert ran.returncode == 1 and "broken.trig:1:" in ran.stderr, ran.stderr
    assert _builds(location) == {published.name}


def test_terminated_build_removes_its_folder(fixture_location: Path, tmp_path: Path) -> None:
    location = copy_store(fixture_location, tmp_path / "store")
    published = StoreLocation(location).current()
    assert published is not None
    stopped = _start_build_and_signal(location, _bulk_file(tmp_path), signal.SIGTERM)
    assert stopped.returncode == 1, stopped.stderr
    assert "error: stopped by SIGTERM" in stopped.stderr and "Traceback" not in stopped.stderr
    assert _builds(location) == {published.name}
    assert StoreLocation(location).current() == published


# --- analyse on a read-only store; an access log in a missing folder -----------------------------


def test_analyse_on_a_read_only_store_folder_is_a_clear_error(fixture_location: Path, tmp_path: Path) -> None:
    location = copy_store(fixture_location, tmp_path / "store")
    before = _counts(location), _builds(location)
    out = _in_namespace(
        f"mount --bind -o ro {location} {location}\n"
        f'{sys.executable} -m rivalgraph.cli analyse --store {location} 2>&1 || echo "exit $?"'
    )
    assert "cannot write the store at" in out and "Read-only file system" in out, out
    assert out.rstrip().endswith("exit 1") and "Traceback" not in out
    assert (_counts(location), _builds(location)) == before


def test_analyse_on_a_store_folder_without_write_permission_is_a_clear_error(
    fixture_location: Path, tmp_path: Path
) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes through permission bits (the read-only mount case covers root)")
    location = copy_store(fixture_location, tmp_path / "store")
    location.chmod(0o555)
    try:
        ran = subprocess.run([*CLI, "analyse", "--store", str(location)], capture_output=True, text=True)
    finally:
        location.chmod(0o755)
    assert ran.returncode == 1
    assert "cannot write the store at" in ran.stderr and "Permission denied" in ran.stderr
    assert "Traceback" not in ran.stderr
