"""Imports flow one way: no cycle inside rivalgraph, and ``import rivalgraph`` loads no server or plotting.

The graph is read from the source with :mod:`ast`: ``import rivalgraph.x``,
``from rivalgraph.x import y`` (an edge to ``rivalgraph.x.y`` when that is a
module) and relative imports, at any depth (an import inside a function is
still a dependency).  Imports under ``if TYPE_CHECKING:`` are left out: they
never run.  Importing ``rivalgraph.x.y`` also runs ``rivalgraph/x/__init__.py``;
that is not counted as an edge, or every package whose
``__init__`` imports one of its modules would be a cycle.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

#: The web server's and the charts' libraries: ``import rivalgraph`` and the store, which every
#: command loads, must not load them (``serve`` and ``plots`` do, when used).
HEAVY = ("uvicorn", "starlette", "fastapi", "httpx", "h11", "anyio", "matplotlib", "altair")


def _modules() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for path in sorted((SRC / "rivalgraph").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of the nodes under ``if TYPE_CHECKING:``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            skipped.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    return skipped


def _imported(node: ast.Import | ast.ImportFrom, package: str, modules: dict[str, Path]) -> list[str]:
    """The modules ``node`` names: ``from x import y`` names module ``x.y`` if there is one, else ``x``."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parent = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*parent, *([node.module] if node.module else [])])
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]


def _module_of(target: str, modules: dict[str, Path]) -> str | None:
    """The module of rivalgraph that ``target`` is or lies in (``None`` outside rivalgraph)."""
    while target and target not in modules:
        target = target.rpartition(".")[0]
    return target or None


def import_graph() -> dict[str, set[str]]:
    """Each module of rivalgraph, and the modules of rivalgraph it imports."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        skipped = _type_checking_only(tree)
        targets = {_module_of(target, modules) for node in ast.walk(tree)
                   if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in skipped
                   for target in _imported(node, package, modules)}  # fmt: skip
        graph[name] = {target for target in targets if target is not None and target != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each group of modules that import each other, e.g. ``[a, b, a]``."""
    found: list[list[str]] = []
    for group in _strongly_connected(graph):
        start = min(group)
        paths = {start: [start]}
        queue = [start]
        while queue:  # the shortest way from start back to itself, inside the group
            here = queue.pop(0)
            for there in sorted(graph[here] & group):
                if there == start:
                    found.append([*paths[here], start])
                    queue = []
                    break
                if there not in paths:
                    paths[there] = [*paths[here], there]
                    queue.append(there)
    return sorted(found)


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """The groups of two or more modules that reach each other (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group: set[str] = {stack.pop()}
            while module not in group:
                group.add(stack.pop())
            if len(group) > 1:
                groups.append(group)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return groups


def test_the_graph_holds_every_module_and_its_imports() -> None:
    graph = import_graph()
    assert len(graph) > 100
    assert "rivalgraph.store.contract" in graph["rivalgraph.store.embedded"]
    assert "rivalgraph.store.sparql" in graph["rivalgraph.store"]  # imported inside open_store
    assert "rivalgraph.remote.client" in graph["rivalgraph.store.sparql"]


def test_a_cycle_is_found_and_named() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert cycles(graph) == [["a", "b", "c", "a"]]


def test_no_module_of_rivalgraph_imports_one_that_imports_it_back() -> None:
    graph = import_graph()
    groups = [", ".join(sorted(group)) for group in _strongly_connected(graph)]
    assert not groups, (
        "modules that import each other: "
        + "; ".join(groups)
        + "\n"
        + "\n".join(" -> ".join(cycle) for cycle in cycles(graph))
    )


@pytest.mark.parametrize("module", ["rivalgraph", "rivalgraph.store", "rivalgraph.cli"])
def test_importing_loads_no_web_server_or_plotting_library(module: str) -> None:
    code = f"import sys, {module}; print(' '.join({{name.partition('.')[0] for name in sys.modules}}))"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                            check=True, timeout=120).stdout.split()  # fmt: skip
    assert sorted(set(HEAVY) & set(loaded)) == []
