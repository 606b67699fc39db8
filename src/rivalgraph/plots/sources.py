"""The sources behind a chart, named for its caption: datasets, articles, outlets.

Every named graph of the store says which source it was derived from
(``prov:wasDerivedFrom``, with ``rdfs:label`` and ``schema:url``);
``queries/analysis/sources.rq`` lists them.  A race's evidence cites its
source by address, a statement's by node, label and address, and names the
outlets that carried it.  :func:`race_sources` and :func:`statement_sources`
turn those into one short line per source; :func:`caption_lines` wraps them
for the foot of a chart, with a cap so a long list cannot swallow the chart.

Examples
--------
>>> known = {"https://x.org/list.csv": Source("urn:s", "Toplist, 1500 m", "https://x.org/list.csv")}
>>> race_sources(["https://x.org/list.csv", "https://y.org/r"], known)
['Toplist, 1500 m <https://x.org/list.csv>', '<https://y.org/r>']
>>> caption_lines(["Races: A", "Statements: B"], width=30, most=1)
['Races: A', '... and 1 more (see rivalgraph rivals --evidence)']
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rivalgraph.analysis.evidence import StatementEvidence
from rivalgraph.query import NamedQuery, registry
from rivalgraph.store import Store, select_columns

__all__ = ["Source", "read_sources", "race_sources", "statement_sources", "caption_lines"]


@dataclass(frozen=True)
class Source:
    """One source of a named graph: its node, label and address (either may be empty)."""

    iri: str
    label: str
    url: str

    def describe(self) -> str:
        """The label and the address, as far as they are known."""
        address = f"<{self.url}>" if self.url else ""
        return " ".join(part for part in (self.label, address) if part) or self.iri


def _sources_query() -> NamedQuery:
    return registry("analysis")["sources"]


def read_sources(store: Store) -> dict[str, Source]:
    """Every source of the store, keyed by its node and (where it has one) by its address."""
    columns = select_columns(store, _sources_query().text)
    found: dict[str, Source] = {}
    for iri, label, url in zip(columns["source"], columns["label"], columns["url"], strict=True):
        source = Source(str(iri), label or "", url or "")
        found[source.iri] = source
        if source.url:
            found.setdefault(source.url, source)
    return found


def race_sources(addresses: Iterable[str], known: Mapping[str, Source]) -> list[str]:
    """One line per distinct source of the races (given by address), in first-seen order."""
    lines = []
    for address in dict.fromkeys(a for a in addresses if a):
        source = known.get(address)
        lines.append(source.describe() if source else f"<{address}>")
    return list(dict.fromkeys(lines))


def statement_sources(statements: Iterable[StatementEvidence]) -> list[str]:
    """One line per distinct article of the statements, with the outlets that carried them."""
    outlets: dict[str, list[str]] = {}
    for said in statements:
        source = Source(said.source, said.source_label, said.source_url)
        carried = outlets.setdefault(source.describe(), [])
        carried += [name.strip() for name in said.outlet.split(",") if name.strip()]
    return [f"{line} (outlets: {', '.join(dict.fromkeys(names))})" if names else line
            for line, names in outlets.items()]  # fmt: skip


def caption_lines(entries: Sequence[str], *, width: int = 150, most: int = 8) -> list[str]:
    """Wrap the caption's entries to ``width`` characters; at most ``most`` lines, then a count."""
    lines: list[str] = []
    for number, entry in enumerate(entries):
        wrapped = textwrap.wrap(entry, width=width, subsequent_indent="    ",
                                break_on_hyphens=False) or [""]  # fmt: skip
        if len(lines) + len(wrapped) > most:
            left = len(entries) - number
            lines.append(f"... and {left} more (see rivalgraph rivals --evidence)")
            break
        lines += wrapped
    return lines
