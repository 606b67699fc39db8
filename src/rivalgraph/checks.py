"""Quality checks: SPARQL queries in ``queries/checks/`` that must return no rows.

Each check is a named query (same header as any other, without parameters)
whose rows are the offending nodes: a place taken twice in one race, a
response that answers itself, a statement with no source ...  :func:`run_checks`
runs them all on a store; ``rivalgraph check`` and the test suite call it on
the built graph.

Examples
--------
>>> from pyoxigraph import Quad
>>> from rivalgraph.namespaces import GRAPH, RG, STATEMENT
>>> from rivalgraph.store import OxigraphStore
>>> said = STATEMENT["loop"]
>>> store = OxigraphStore.in_memory([Quad(said, RG.respondsTo, said, GRAPH.demo)])
>>> failed = [r for r in run_checks(store) if not r.passed]
>>> [r.check.name for r in failed]
['self-response']
>>> print(format_results(failed).splitlines()[0])
FAIL self-response: A response answers itself, directly or through a cycle of responses. (1 row)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rivalgraph.query import NamedQuery, load_registry, registry
from rivalgraph.store import SelectResult, Store

__all__ = ["CheckResult", "load_checks", "run_checks", "format_results"]


@dataclass(frozen=True)
class CheckResult:
    """One check and the rows it found (none when the graph passes)."""

    check: NamedQuery
    rows: SelectResult

    @property
    def passed(self) -> bool:
        return len(self.rows) == 0


def load_checks(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Load every check of ``folder`` (default ``queries/checks``), by name."""
    return load_registry(folder) if folder is not None else dict(registry("checks"))


def run_checks(store: Store, folder: Path | None = None) -> list[CheckResult]:
    """Run every check on ``store``, in name order."""
    return [CheckResult(check, store.select(check.text)) for check in load_checks(folder).values()]


def _cell(value: object) -> str:
    return "" if value is None else str(getattr(value, "value", value))


def format_results(results: Sequence[CheckResult], rows_shown: int = 10) -> str:
    """Lay results out as text: one line per check, then the first offending rows."""
    lines = []
    for result in results:
        if result.passed:
            lines.append(f"ok   {result.check.name}")
            continue
        count = len(result.rows)
        lines.append(f"FAIL {result.check.name}: {result.check.summary} ({count} row{'s' * (count != 1)})")
        for row in result.rows.rows[:rows_shown]:
            pairs = zip(result.rows.variables, row, strict=True)
            cells = ", ".join(f"{name}={_cell(value)}" for name, value in pairs)
            lines.append(f"       {cells}")
        if count > rows_shown:
            lines.append(f"       ... and {count - rows_shown} more")
    return "\n".join(lines)
