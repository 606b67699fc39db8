"""A build published while the endpoint serves: every worker keeps answering from the build it
started on (also one restarted after a runaway), never a mix, and that build is not deleted
under it; after the server stops, the next build removes it."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from rivalgraph.build import build
from rivalgraph.store import StoreLocation

from .conftest import FIXTURE_GRAPH, copy_store
from .serve_support import start_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _count(url: str, query: str = COUNT) -> tuple[int, int | None]:
    request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None
    return 200, int(answer["results"]["bindings"][0]["n"]["value"])


def test_a_build_while_serving_never_mixes_old_and_new(real_location: Path, tmp_path: Path) -> None:
    location = copy_store(real_location, tmp_path / "store")
    served = StoreLocation(location).current()
    assert served is not None
    server = start_server(location, tmp_path, "--workers", "2", "--timeout", "1")
    try:
        status, before = _count(server.sparql)
        assert status == 200 and before
        build(location, folder=FIXTURE_GRAPH)  # a smaller graph, published now
        assert StoreLocation(location).current() != served
        # Both workers are killed by runaways and restarted: they open the served build again.
        assert [_count(server.sparql, RUNAWAY)[0] for _ in range(2)] == [503, 503]
        answers = {_count(server.sparql) for _ in range(12)}
        assert answers == {(200, before)}, "every worker answers from the build it started on"
        assert served.is_dir(), "the served build was not deleted under the workers"
        assert "serving the build " + served.name in server.log()
    finally:
        server.stop()
    build(location, folder=FIXTURE_GRAPH)  # the next build may now remove it
    assert not served.exists()
