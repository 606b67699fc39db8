"""Exceptions a user can act on: each names the file, line or node at fault.

Examples
--------
>>> str(InputError("graph/a.trig", "not a valid RDF object", line=3, column=9))
'graph/a.trig:3:9: not a valid RDF object'
>>> str(InputError("graph/results/x.csv", "place must be a positive integer", line=7, field="place"))
"graph/results/x.csv:7: field 'place': place must be a positive integer"
"""

from __future__ import annotations

__all__ = ["RivalgraphError", "InputError", "ValidationFailed"]


class RivalgraphError(Exception):
    """Base class of every error rivalgraph reports to a user."""


class InputError(RivalgraphError):
    """A source file cannot be read: names the file, and the line where known."""

    def __init__(
        self,
        file: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.message = message
        self.line = line
        self.column = column
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" field '{self.field}':" if self.field else ""
        return f"{where}:{field} {self.message}"


class ValidationFailed(RivalgraphError):
    """The graph breaks the shapes or uses undeclared terms; lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"  - {problem}" for problem in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"the graph is not valid ({len(problems)} problems):\n{shown}{more}")
