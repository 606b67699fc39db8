r"""Write SELECT results as a text table, CSV, TSV or SPARQL JSON.

CSV and TSV follow "SPARQL 1.1 Query Results CSV and TSV Formats" (CSV: plain
values; TSV: terms in Turtle syntax); JSON follows "SPARQL 1.1 Query Results
JSON Format".

Examples
--------
>>> from pyoxigraph import Literal, NamedNode
>>> result = SelectResult(("who", "n"), [(NamedNode("urn:x"), Literal("3"))])
>>> print(write(result, "csv"), end="")
who,n
urn:x,3
>>> write(result, "tsv").splitlines()
['?who\t?n', '<urn:x>\t"3"']
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from rivalgraph.store import SelectResult, Term

__all__ = ["FORMATS", "write"]

FORMATS = ("table", "csv", "tsv", "json")


def _plain(term: Term | None) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _table(result: SelectResult, width: int = 60) -> str:
    cells = [[_plain(term) for term in row] for row in result.rows]
    cells = [[value if len(value) <= width else value[: width - 1] + "…" for value in row]
             for row in cells]  # fmt: skip
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(result.variables)]
    line = "  ".join(name.ljust(w) for name, w in zip(result.variables, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(value.ljust(w) for value, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join([line, rule, *body, f"({len(cells)} rows)"]) + "\n"


def write(result: SelectResult, format: str) -> str:
    """Serialize ``result`` in ``format`` (one of :data:`FORMATS`)."""
    if format == "table":
        return _table(result)
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([_plain(term) for term in row] for row in result.rows)
        return buffer.getvalue()
    if format == "tsv":
        lines = ["\t".join(f"?{name}" for name in result.variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    if format == "json":
        bindings = [
            {
                name: _json_term(term)
                for name, term in zip(result.variables, row, strict=True)
                if term is not None
            }
            for row in result.rows
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    raise ValueError(f"unknown format {format!r}; known: {', '.join(FORMATS)}")
