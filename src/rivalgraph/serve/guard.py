"""What a shared endpoint refuses: operations that reach other hosts.

``SERVICE`` (in a query or an update) and ``LOAD`` (in an update) make
Oxigraph send HTTP requests to any host named in the query.  The endpoint
refuses both unless the operator allows them, by looking at the code tokens of
the text (see :mod:`rivalgraph.serve.lexer` for why that cannot be bypassed by
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

from rivalgraph.serve.errors import Refused
from rivalgraph.serve.lexer import keyword_hits, unescape

__all__ = ["check_remote"]

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
