"""The code stays typed (mypy --strict), lint-clean and formatted (ruff)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import REPO

BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False,
                          timeout=600)  # fmt: skip


def test_mypy_strict() -> None:
    completed = _run(str(BIN / "mypy"))
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_ruff() -> None:
    completed = _run(str(BIN / "ruff"), "check", "src", "tests", "bench")
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_ruff_format() -> None:
    completed = _run(str(BIN / "ruff"), "format", "--check", "src", "tests", "bench")
    assert completed.returncode == 0, completed.stdout + completed.stderr
