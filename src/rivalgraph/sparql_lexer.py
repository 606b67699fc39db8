"""A SPARQL tokenizer that tells code from strings, IRIs and comments.

The one SPARQL lexer of rivalgraph: :func:`tokenize` (and :func:`code_tokens`)
is the way to cut query text; the endpoint (``serve/``) and the remote store's
bindings (:mod:`rivalgraph.remote.terms`) both use it.  It imports nothing of
rivalgraph, so any layer may.

The endpoint must refuse ``SERVICE`` and ``LOAD`` (they make the server fetch
from other hosts) and must find the form of a query (``SELECT``, ``ASK`` ...)
before it runs.  pyoxigraph exposes no parsed algebra, so this module splits
the text into tokens the way the SPARQL grammar does, and the callers look at
the *code* tokens only: a keyword inside a string, an IRI or a comment is not
a keyword.

The check must not be fooled where Oxigraph's parser reads the text
differently, so the tokens are cut conservatively:

* Oxigraph matches keywords without a word boundary (``SERVICEex:g {}`` is a
  ``SERVICE`` call to ``ex:g``, and so is ``1SERVICE<...>{}``), so
  :func:`keyword_hits` looks for the keyword *inside* every bare word and
  every prefix name, not only for whole words.
* The local part of a prefixed name (``schema:serviceType``) can never be a
  keyword and is exempt.
* The spec lets ``\\uXXXX`` escapes stand for any character before parsing;
  callers check the text both as written and with escapes decoded
  (:func:`unescape`), and refuse if either reading finds the keyword.

Examples
--------
>>> [t.kind for t in tokenize('SELECT ?s { ?s <urn:x> "SERVICE" } # SERVICE')]
['word', 'ws', 'var', 'ws', 'other', 'ws', 'var', 'ws', 'iri', 'ws', 'string', 'ws', 'other', 'ws', 'comment']
>>> keyword_hits('SELECT * { SERVICEex:g {} }', 'service')
[(1, 12)]
>>> keyword_hits('SELECT * { ?s schema:serviceType "SERVICE" } # SERVICE', 'service')
[]
>>> query_form('PREFIX ex: <urn:x#> construct { ?s ?p ?o } WHERE { ?s ?p ?o }')
'CONSTRUCT'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Token", "tokenize", "code_tokens", "keyword_hits", "unescape", "query_form"]

# Name characters of the SPARQL grammar (PN_CHARS), kept broad on purpose:
# a wider name swallows more text into one token, which only makes the
# keyword search (that looks inside names) stricter.
_NAME = r"[\w\u00B7\u00C0-\U000EFFFF-]"
_LOCAL_ESCAPE = r"\\[_~.\-!$&'()*+,;=/?#@%]"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>
        \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\r\n]|\\.)*"
      | '(?:[^'\\\r\n]|\\.)*'
    )
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*>)
  | (?P<var>[?$]{_NAME}+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?)
  | (?P<bnode>_:(?:{_NAME}|\.)+)
  | (?P<pname>(?:{_NAME}|\.)*:(?:{_NAME}|[.:%]|{_LOCAL_ESCAPE})*)
  | (?P<word>{_NAME}+)
  | (?P<other>\\?.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Token:
    """A piece of query text: its kind, its text and where it starts."""

    kind: str
    text: str
    start: int


def tokenize(text: str) -> Iterator[Token]:
    """Split SPARQL text into tokens; every character belongs to exactly one."""
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:  # pragma: no cover - `other` matches any character
            raise AssertionError(f"cannot tokenize at {position}")
        kind = match.lastgroup or "other"
        yield Token(kind, match.group(), position)
        position = match.end()


def code_tokens(text: str) -> Iterator[Token]:
    """The tokens that are neither whitespace, comments, strings nor IRIs."""
    return (token for token in tokenize(text) if token.kind not in ("ws", "comment", "string", "iri"))


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def keyword_hits(text: str, keyword: str) -> list[tuple[int, int]]:
    """Where ``keyword`` could be read as a keyword: (line, column) pairs.

    Looks inside bare words and prefix names (Oxigraph needs no word boundary
    after a keyword), never inside strings, IRIs, comments, variables,
    language tags, blank-node labels, or the local part of a prefixed name.

    Examples
    --------
    >>> keyword_hits('ASK { ?s ?p 1SERVICE<http://x/>{} }', 'service')
    [(1, 14)]
    >>> keyword_hits('PREFIX : <urn:> ASK { service:x {} }', 'service')
    [(1, 23)]
    >>> keyword_hits('ASK { ?service ?p _:service }', 'service')
    []
    """
    wanted = keyword.lower()
    hits = []
    for token in code_tokens(text):
        if token.kind == "word":
            searched = token.text
        elif token.kind == "pname":
            searched = token.text.split(":", 1)[0]
        else:
            continue
        found = searched.lower().find(wanted)
        if found >= 0:
            hits.append(_line_column(text, token.start + found))
    return hits


def unescape(text: str) -> str:
    """Decode ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes, as SPARQL allows before parsing.

    Examples
    --------
    >>> unescape(r'\\u0053ERVICE')
    'SERVICE'
    """

    def decode(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _ESCAPE.sub(decode, text)


def query_form(text: str) -> str | None:
    """The form of a query (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``), if recognisable.

    Examples
    --------
    >>> query_form('# a comment\\nBASE <http://x/> ask {}')
    'ASK'
    >>> query_form('INSERT DATA {}') is None
    True
    """
    for token in code_tokens(text):
        if token.kind == "word" and token.text.upper() in _FORMS:
            return token.text.upper()
        if token.kind == "word" and token.text.upper() not in ("BASE", "PREFIX"):
            return None
    return None
