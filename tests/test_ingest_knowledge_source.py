"""Where ingestion reads what the graph knows when no store is built: the curated files alone,
even when the build would import the all-of-athletics toplists (that read took 12.8 GB)."""

from __future__ import annotations

import pytest

from rivalgraph.build import collect
from rivalgraph.ingest import load_knowledge
from rivalgraph.ingest.knowledge import Knowledge


def test_without_a_store_only_the_curated_files_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIVALGRAPH_IMPORTS", "1")
    known, where = load_knowledge(None)
    curated = Knowledge.from_quads(collect(imports=False).data_quads())
    assert where.startswith("the curated files in")
    assert set(known.athletes) == set(curated.athletes)
    assert 100 < len(known.athletes) < 1000
