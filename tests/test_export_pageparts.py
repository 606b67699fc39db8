"""A large page in parts: the curated graph cut by discipline and sex (with the limits of a
whole page lowered, so that its 117 athletes count as large), read back from the page itself."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rivalgraph.export import pageparts
from rivalgraph.export.exporter import ExportReport, export
from rivalgraph.export.pageparts import OPENING_RIVALRIES, read_block, read_part
from rivalgraph.store import Store

#: The limits the tests use: the curated network (117 athletes, about 1,200 rivalries) is split,
#: and its 1500 m part (about 500 rivalries) opens with its 100 strongest.
LIMITS = {"WHOLE_NODES": 50, "WHOLE_EDGES": 500, "OPENING_RIVALRIES": 100}


@pytest.fixture(scope="module")
def small_limits() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name, limit in LIMITS.items():
            patch.setattr(pageparts, name, limit)
        yield


def page_blocks(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The index (the data block) and the compressed blocks of a page, by element id."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="rivalgraph-data">(.*?)</script>', text, re.DOTALL)
    assert found, "no data block"
    blocks = dict(re.findall(r'<script type="application/gzip" id="([^"]+)">([^<]*)</script>', text))
    index: dict[str, Any] = json.loads(found.group(1))
    return index, blocks


@pytest.fixture(scope="module")
def parted(store: Store, small_limits: None, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[Path, ExportReport, Path, ExportReport]:  # fmt: skip
    """The page in parts, and the same network as one page (limits as shipped)."""
    folder = tmp_path_factory.mktemp("parts")
    report = export(store, "html", folder / "parts.html")
    with pytest.MonkeyPatch.context() as patch:
        for name in LIMITS:
            patch.setattr(pageparts, name, getattr(pageparts, name) * 10**6)
        whole = export(store, "html", folder / "whole.html")
    return folder / "parts.html", report, folder / "whole.html", whole


def _parts(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    index, blocks = page_blocks(path)
    return index, [read_part(blocks[f"rivalgraph-part-{n}"], n) for n in range(len(index["parts"]))]


def _whole(path: Path) -> dict[str, Any]:
    found = re.search(r'id="rivalgraph-data">(.*?)</script>', path.read_text(encoding="utf-8"), re.DOTALL)
    assert found
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def _pair(edge: dict[str, Any]) -> frozenset[str]:
    return frozenset((edge["source"], edge["target"]))


def test_every_rivalry_is_in_exactly_one_part(parted: tuple[Path, ExportReport, Path, ExportReport]) -> None:
    path, report, whole_path, _ = parted
    index, parts = _parts(path)
    whole = _whole(whole_path)
    assert "parts" not in whole and len(index["parts"]) >= 3
    pairs = [_pair(edge) for n, part in enumerate(parts) for edge in part["edges"]]
    assert len(pairs) == len(set(pairs)) == report.edges == len(whole["edges"])
    assert [part["edges"] for part in index["parts"]] == [len(part["edges"]) for part in parts]
    # Each rivalry is in the part of its pool, the pool the whole page gives it, with its score.
    ids = {_pair(edge): edge for edge in whole["edges"]}
    for listed, part in zip(index["parts"], parts, strict=True):
        assert part["pool"] == listed["key"] == f"{listed['discipline']} {listed['sex']}"
        for edge in part["edges"]:
            before = ids[_pair(edge)]
            assert whole["evidence"][before["id"]]["pool"] == part["pool"]
            assert abs(edge["score"] - before["score"]) <= 0.0005


def test_a_parts_tables_hold_the_same_evidence(parted: tuple[Path, ExportReport, Path, ExportReport]) -> None:
    """Every rivalry of a part cites the same statements and titles, and its races (those of the
    part in which both athletes have a result, as the page finds them) are the same races."""
    path, _, whole_path, _ = parted
    _, parts = _parts(path)
    whole = _whole(whole_path)
    ids = {_pair(edge): edge["id"] for edge in whole["edges"]}
    cited = 0
    for part in parts:
        nodes = [node["id"] for node in part["nodes"]]
        races = part["races"]
        ran = {athlete: {n for n, race in enumerate(races) if athlete in race["results"]}
               for athlete in nodes}  # fmt: skip
        for edge in part["edges"]:
            before = whole["evidence"][ids[_pair(edge)]]
            shared = ran[edge["source"]] & ran[edge["target"]]
            assert sorted((races[n]["date"], races[n]["label"]) for n in shared) == \
                sorted((whole["races"][n]["date"], whole["races"][n]["label"])
                       for n in before["races"])  # fmt: skip
            assert [part["statements"][n]["statement"] for n in edge["statements"] or []] == \
                [whole["statements"][n]["statement"] for n in before["statements"]]  # fmt: skip
            assert (edge["titles"] or []) == before["titles"]
            cited += len(shared)
        assert len(races) == len({(race["date"], race["label"]) for race in races}), "each race once"
    assert cited > 1000


def test_each_part_has_its_own_drawing_and_ratings_of_its_pool(
    parted: tuple[Path, ExportReport, Path, ExportReport],
) -> None:
    path, *_ = parted
    _, parts = _parts(path)
    for part in parts:
        nodes = part["nodes"]
        edges = part["edges"]
        ends = {end for edge in edges for end in (edge["source"], edge["target"])}
        assert {node["id"] for node in nodes} == ends
        assert all({"x", "y", "size", "color"} <= set(node) for node in nodes)
        assert all(0 <= athlete < len(nodes) and points for athlete, points in part["ratings"])
        assert set(part["setbacks"]) <= ends


def test_a_part_opens_with_its_strongest_rivalries(
    parted: tuple[Path, ExportReport, Path, ExportReport],
) -> None:
    path, *_ = parted
    index, parts = _parts(path)
    for listed, part in zip(index["parts"], parts, strict=True):
        scores = sorted((edge["score"] for edge in part["edges"]), reverse=True)
        opening = listed["opening_score"]
        if len(scores) <= LIMITS["OPENING_RIVALRIES"]:
            assert opening == 0
            continue
        drawn = sum(score >= opening for score in scores)
        assert LIMITS["OPENING_RIVALRIES"] <= drawn < LIMITS["OPENING_RIVALRIES"] + 20
    assert OPENING_RIVALRIES == 1500, "the limit as shipped (the tests lower it)"


def test_the_athlete_index_points_to_each_athletes_strongest_part(
    parted: tuple[Path, ExportReport, Path, ExportReport],
) -> None:
    path, report, *_ = parted
    index, parts = _parts(path)
    athletes = read_block(page_blocks(path)[1]["rivalgraph-athletes"])
    assert len(athletes) == report.nodes == index["meta"]["nodes"]
    strongest: dict[str, tuple[float, int]] = {}
    for number, part in enumerate(parts):
        for edge in part["edges"]:
            for athlete in (edge["source"], edge["target"]):
                if edge["score"] > strongest.get(athlete, (-1.0, 0))[0]:
                    strongest[athlete] = (edge["score"], number)
    for athlete, label, _nation, _centrality, part in athletes:
        assert part == strongest[athlete][1], label
    assert index["open"] == max(athletes, key=lambda row: row[3])[4]


def test_the_parts_page_is_smaller(parted: tuple[Path, ExportReport, Path, ExportReport]) -> None:
    """Columns, rounding and gzip: the page in parts is a fraction of the one-part page."""
    _, report, _, whole = parted
    assert report.bytes < whole.bytes / 2
