"""What a shared endpoint refuses: operations that reach other hosts.

``SERVICE`` (in a query or an update) and ``LOAD`` (in an update) make
Oxigraph send HTTP requests to any host named in the query.  The endpoint
refuses both unless the operator allows them, by looking at the code tokens of
the text (see :mod:`rivalgraph.sparql_lexer` for why that cannot be bypassed by
comments, strings or escapes).  The worker processes also run without network
access where the system allows it (:mod:`rivalgraph.serve.sandbox`), so a
parser disagreement would still reach no other host.

Examples
--------
>>> check_remote('SELECT * { ?s ?p "SERVICE" }', update=False)
>>> check_remote('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }', update=False)
Traceback (most recent call last):
...
rivalgraph.serve.errors.Refused: SERVICE is disabled on this endpoint (line 1, column 12): ...
"""

from __future__ import annotations

from rivalgraph.serve.errors import ProtocolError, Refused
from rivalgraph.sparql_lexer import code_tokens, keyword_hits, unescape

__all__ = ["check_remote", "check_depth", "MAX_DEPTH", "MAX_OPERATORS"]

#: Brackets a query may nest.  Oxigraph's parser recurses once per level and
#: overflows its stack (killing the worker) at a few thousand; real queries
#: stay under twenty.
MAX_DEPTH = 256
_OPEN, _CLOSE = set("({["), set(")}]")
#: Operators a query may hold.  A flat chain recurses in the parser as nesting does
#: (10,000 ``!`` or 3,000 ``&&``, ``+``, ``UNION`` or ``MINUS`` killed a worker); real
#: queries hold a few dozen.
MAX_OPERATORS = 1000
_OPERATORS = frozenset({"!", "&", "|", "+", "-", "*", "/", "UNION", "MINUS", "OPTIONAL"})

_WHY = (
    "it would make the server fetch data from another host. Run your own "
    "`rivalgraph serve --allow-remote` to use it. (A prefix whose name contains "
    "the word is refused too: rename it.)"
)


def check_remote(text: str, *, update: bool) -> None:
    """Refuse ``SERVICE`` (and ``LOAD`` in an update) wherever the parser could see it.

    Raises
    ------
    Refused
        Naming the keyword and where it was found.
    """
    keywords = ("SERVICE", "LOAD") if update else ("SERVICE",)
    for reading in dict.fromkeys((text, unescape(text))):
        for keyword in keywords:
            hits = keyword_hits(reading, keyword)
            if hits:
                line, column = hits[0]
                raise Refused(
                    f"{keyword} is disabled on this endpoint (line {line}, column {column}): {_WHY}"
                )


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Refuse a query or update whose brackets nest deeper than ``limit``, or too long a chain.

    Over :data:`MAX_OPERATORS` operators (``!``, ``&&``, ``+``, ``UNION``, ...) is refused too.

    Examples
    --------
    >>> check_depth("ASK { FILTER((1)) }")
    >>> check_depth("ASK " + "{" * 300 + "}" * 300)
    Traceback (most recent call last):
    ...
    rivalgraph.serve.errors.ProtocolError: the query nests brackets more than 256 levels deep ...

    Raises
    ------
    ProtocolError
        Status 400, saying where the limit was passed.
    """
    for reading in dict.fromkeys((text, unescape(text))):
        depth = 0
        for token in code_tokens(reading):
            if token.text in _OPEN:
                depth += 1
                if depth > limit:
                    raise ProtocolError(
                        400,
                        f"the query nests brackets more than {limit} levels deep (at offset "
                        f"{token.start}); this endpoint refuses it because the SPARQL parser "
                        "would run out of stack. Flatten the query.",
                    )
            elif token.text in _CLOSE:
                depth -= 1
    for reading in dict.fromkeys((text, unescape(text))):
        _check_operators(reading)


def _check_operators(text: str, limit: int = MAX_OPERATORS) -> None:
    count = 0
    for token in code_tokens(text):
        if token.text in _OPERATORS or token.text.upper() in _OPERATORS:
            count += 1
            if count > limit:
                raise ProtocolError(
                    400,
                    f"the query holds more than {limit} operators (at offset {token.start}); this "
                    "endpoint refuses it because the SPARQL parser would run out of stack on so long "
                    "a chain. Split the query, or use VALUES for many alternatives.",
                )
