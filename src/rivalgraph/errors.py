"""Exceptions a user can act on: each names the file, line, node or argument at fault.

Every error rivalgraph raises for a user derives from :class:`RivalgraphError`.
Messages speak in library terms: an argument at fault is named in ``options``
as the library calls it (``since``, ``date``), never as a command-line flag;
the CLI puts its own flag names in front of :meth:`RivalgraphError.detail`.

Examples
--------
>>> str(RivalgraphError("must be a date YYYY-MM-DD or a year YYYY, not 'soon'", options=("since",)))
"since: must be a date YYYY-MM-DD or a year YYYY, not 'soon'"
>>> error = ArgumentError("date", "'2024-13-01' is not a date written YYYY-MM-DD")
>>> error.options, error.detail()
(('date',), "'2024-13-01' is not a date written YYYY-MM-DD")
>>> str(InputError("graph/a.trig", "not a valid RDF object", line=3, column=9))
'graph/a.trig:3:9: not a valid RDF object'
>>> str(InputError("graph/results/x.csv", "place must be a positive integer", line=7, field="place"))
"graph/results/x.csv:7: field 'place': place must be a positive integer"
"""

from __future__ import annotations

__all__ = ["RivalgraphError", "InputError", "ArgumentError", "ValidationFailed"]


class RivalgraphError(Exception):
    """Base class of every error rivalgraph reports to a user.

    ``options`` names the arguments at fault, in library terms (the names of the
    function's parameters or fields: ``since``, ``until``, ``date``, ``store``),
    when the error is about them; ``str()`` puts them in front of the message.
    """

    #: The arguments at fault, as the library names them (empty when none is).
    options: tuple[str, ...] = ()

    def __init__(self, *args: object, options: tuple[str, ...] = ()) -> None:
        super().__init__(*args)
        if options:
            self.options = tuple(options)

    def detail(self) -> str:
        """The message without the names of the arguments at fault (the CLI adds its own names)."""
        return super().__str__()

    def __str__(self) -> str:
        detail = self.detail()
        return f"{', '.join(self.options)}: {detail}" if self.options else detail


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


class ArgumentError(InputError):
    """An argument a caller gave cannot be used: names it (``date``, ``url``), then says why."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(option, message)
        self.options = (option,)

    def detail(self) -> str:
        """The message without the argument's name."""
        return self.message


class ValidationFailed(RivalgraphError):
    """The graph breaks the shapes or uses undeclared terms; lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"  - {problem}" for problem in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"the graph is not valid ({len(problems)} problems):\n{shown}{more}")
