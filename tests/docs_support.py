"""The hand-written documentation: README.md and the pages of docs/ (not the generated cli.md)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
DOCS = REPO / "docs"
#: Written by ``python -m rivalgraph.clidoc`` from the commands' help, so it proves nothing about
#: what a person wrote.
GENERATED = DOCS / "cli.md"


def hand_written() -> list[Path]:
    """README.md, then every Markdown page under docs/ except the generated reference, by name."""
    pages = sorted(path for path in DOCS.rglob("*.md") if path != GENERATED)
    return [README, *pages]


def page(name: str) -> str:
    """The text of one page of docs/ (``"export.md"``)."""
    return (DOCS / name).read_text(encoding="utf-8")


def hand_written_text() -> str:
    """All hand-written pages as one text."""
    return "\n".join(path.read_text(encoding="utf-8") for path in hand_written())
