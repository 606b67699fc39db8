"""Reading a rendered SVG: the ids of its elements and all its text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path


def svg_ids(path: Path) -> list[str]:
    """The ``id`` of every element of the SVG, in document order."""
    return [element.attrib["id"] for element in ElementTree.parse(path).iter() if "id" in element.attrib]


def count_ids(path: Path, pattern: str) -> int:
    """How many ids match ``pattern`` entirely (e.g. ``race-\\d+``)."""
    return sum(1 for found in svg_ids(path) if re.fullmatch(pattern, found))


def svg_text(path: Path) -> str:
    """All the text of the SVG's ``<text>`` elements, joined by spaces."""
    return " ".join(" ".join(element.itertext()) for element in ElementTree.parse(path).iter()
                    if element.tag.endswith("}text"))  # fmt: skip
