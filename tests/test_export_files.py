"""Export files are written atomically and never into graph/; the command line; the vendored
JavaScript matches its notice."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rivalgraph.cli import main
from rivalgraph.export.exporter import FORMATS, NETWORK_FORMATS, export
from rivalgraph.export.files import ExportError, atomic_output, check_target
from rivalgraph.export.html import page_text
from rivalgraph.resources import graph_dir
from rivalgraph.store import Store

from .conftest import REPO

STATIC = REPO / "src" / "rivalgraph" / "export" / "static"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "net.graphml"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"half a file")
        raise RuntimeError("killed mid-way")
    assert target.read_text(encoding="utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["net.graphml"]


def test_a_finished_write_replaces_the_file_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "net.graphml"
    target.write_text("old", encoding="utf-8")
    with atomic_output(target) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("where", [".", "articles", "results/x"])
def test_targets_inside_graph_are_refused(where: str) -> None:
    with pytest.raises(ExportError, match="curated graph folder"):
        check_target(graph_dir() / where / "net.gexf")


def test_missing_folder_and_folder_targets_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        check_target(tmp_path / "nowhere" / "net.gexf")
    with pytest.raises(ExportError, match="is a folder"):
        check_target(tmp_path)


def test_unknown_format_is_refused_before_anything_is_written(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'pajek'"):
        export(store, "pajek", tmp_path / "x.net")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_exports_every_format(fmt: str, real_location: Path, tmp_path: Path) -> None:
    target = tmp_path / f"out.{fmt}"
    extra = ["--athlete", "Josh Kerr", "--min-score", "0.2"] if fmt in NETWORK_FORMATS else []
    result = CliRunner().invoke(main, ["export", "--store", str(real_location), "--format", fmt,
                                       "-o", str(target), *extra])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert re.match(rf"wrote {re.escape(str(target))} \({fmt}: \d+ ", result.output)
    assert target.stat().st_size > 1000


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["--format", "turtle", "--athlete", "Kerr"], 2, "apply to the network formats only"),
        (["--format", "gexf", "--depth", "2"], 2, "--depth needs --athlete"),
        (["--format", "gexf", "--top", "3"], 2, "--top needs --athlete"),
        (["--format", "gexf", "--athlete", "Kerr", "--top", "0"], 2, "Invalid value for '--top'"),
        (["--format", "gexf", "--athlete", "Kerrr"], 1, "did you mean 'Josh Kerr'"),
        (["--format", "gexf", "--half-lief", "3"], 2, "No such option"),
        (["--format", "pajek"], 2, "Invalid value for '--format'"),
    ],
)
def test_cli_errors_are_one_clear_message(
    arguments: list[str], code: int, message: str, real_location: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(main, ["export", "--store", str(real_location), *arguments,
                                       "-o", str(tmp_path / "x")])  # fmt: skip
    assert result.exit_code == code and message in result.output, result.output
    assert "Traceback" not in result.output and not (tmp_path / "x").exists()


def test_cli_never_writes_into_graph(real_location: Path) -> None:
    before = sorted(path.name for path in graph_dir().rglob("*"))
    result = CliRunner().invoke(main, ["export", "--store", str(real_location), "--format", "dot",
                                       "-o", str(graph_dir() / "rivalries.dot")])  # fmt: skip
    assert result.exit_code == 1 and "curated graph folder" in result.output
    assert sorted(path.name for path in graph_dir().rglob("*")) == before


def test_vendored_cytoscape_matches_its_notice_and_is_inlined() -> None:
    library = (STATIC / "cytoscape.min.js").read_bytes()
    notice = (STATIC / "NOTICE").read_text(encoding="utf-8")
    version = re.search(r"cytoscape (\d+\.\d+\.\d+)", notice)
    assert version, "the NOTICE names the vendored version"
    assert f'.version="{version.group(1)}"'.encode() in library, "NOTICE and file disagree"
    assert f":-{version.group(1)}}}" in (REPO / "scripts" / "vendor-js.sh").read_text(encoding="utf-8")
    assert hashlib.sha256(library).hexdigest() in notice
    assert "Permission is hereby granted" in (STATIC / "cytoscape.LICENSE").read_text(encoding="utf-8")
    page = page_text({"nodes": [], "edges": []})
    assert library.decode("utf-8") in page
    assert "scripts/vendor-js.sh" in notice and (REPO / "scripts" / "vendor-js.sh").is_file()


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_special_files_are_never_replaced(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        target = tmp_path / "pipe.graphml"
        os.mkfifo(target)
    else:
        target = Path("/dev/null")
    before = os.stat(target)
    with pytest.raises(ExportError, match="not a regular file"), atomic_output(target) as handle:
        handle.write(b"x")
    after = os.stat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)
    assert list(tmp_path.iterdir()) == ([target] if kind == "fifo" else [])


def test_dash_streams_to_stdout_and_a_closed_pipe_is_no_traceback(real_location: Path) -> None:
    command = [sys.executable, "-c", "from rivalgraph.cli import main; main()", "export",
               "--store", str(real_location), "--format", "graphml", "-o", "-"]  # fmt: skip
    whole = subprocess.run(command, capture_output=True, check=True)
    assert whole.stdout.startswith(b"<?xml") and b"</graphml>" in whole.stdout
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()  # the reader goes away, as `| head -c 10` does
    assert reader.wait(timeout=120) == 1
    assert b"Traceback" not in reader.stderr.read()


def test_cli_top_cuts_the_ego_network_to_the_strongest_rivals(real_location: Path,
                                                               tmp_path: Path) -> None:  # fmt: skip
    target = tmp_path / "jakob.json"
    result = CliRunner().invoke(main, ["export", "--store", str(real_location), "--format", "d3",
                                       "-o", str(target), "--athlete", "Jakob Ingebrigtsen",
                                       "--top", "4"])  # fmt: skip
    assert result.exit_code == 0, result.output
    document = json.loads(target.read_text(encoding="utf-8"))
    assert len(document["nodes"]) == 5 and document["graph"]["top"] == 4
    assert "5 nodes" in result.output
