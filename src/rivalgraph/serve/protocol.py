"""Read a SPARQL 1.1 Protocol request: which operation, with which dataset.

Three ways to send a query (GET ``?query=``, POST form-encoded, POST
``application/sparql-query``) and two to send an update (POST form-encoded
``update=``, POST ``application/sparql-update``).  Anything else is answered
with the status code the protocol asks for: 400 for a malformed request, 405
for a wrong method, 415 for a wrong media type or charset.

Examples
--------
>>> op = parse_request("GET", "query=ASK%20%7B%7D&default-graph-uri=urn%3Ag", None, b"")
>>> op.kind, op.text, op.default_graphs, op.named_graphs
('query', 'ASK {}', ('urn:g',), ())
>>> parse_request("GET", "", None, b"") is None
True
>>> parse_request("POST", "", "text/plain", b"ASK {}")
Traceback (most recent call last):
...
rivalgraph.serve.errors.ProtocolError: POST a query as application/sparql-query ...
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from rivalgraph.serve.errors import ProtocolError

__all__ = ["Operation", "parse_request", "ALLOWED_METHODS"]

ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
_QUERY_TYPE = "application/sparql-query"
_UPDATE_TYPE = "application/sparql-update"
_FORM_TYPE = "application/x-www-form-urlencoded"
_DATASET = {"default-graph-uri", "named-graph-uri"}
_USING = {"using-graph-uri", "using-named-graph-uri"}


@dataclass(frozen=True)
class Operation:
    """A query or an update, with the dataset the protocol parameters name."""

    kind: str  # "query" or "update"
    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def has_dataset(self) -> bool:
        """Whether the request names its own dataset (overriding the store's)."""
        return bool(self.default_graphs or self.named_graphs)


def _media_type(header: str | None) -> tuple[str, dict[str, str]]:
    if not header:
        return "", {}
    kind, *parameters = (part.strip() for part in header.split(";"))
    values = {}
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        values[name.strip().lower()] = value.strip().strip('"')
    return kind.lower(), values


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the {what} is not valid UTF-8: {error}") from error


def _pairs(text: str, what: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, strict_parsing=False,
                         encoding="utf-8", errors="strict")  # fmt: skip
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the {what} is not valid UTF-8 once percent-decoded") from error


def _one(pairs: list[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in pairs if key == name]
    if len(values) > 1:
        raise ProtocolError(400, f"the request has {len(values)} '{name}' parameters; send one")
    return values[0] if values else None


def _operation(kind: str, text: str, pairs: list[tuple[str, str]]) -> Operation:
    names = ("default-graph-uri", "named-graph-uri") if kind == "query" else (
        "using-graph-uri", "using-named-graph-uri")  # fmt: skip
    wrong = (_USING if kind == "query" else _DATASET) & {key for key, _ in pairs}
    if wrong:
        shown = ", ".join(sorted(wrong))
        raise ProtocolError(400, f"a {kind} does not take {shown}; use {' or '.join(names)}")
    return Operation(
        kind=kind,
        text=text,
        default_graphs=tuple(value for key, value in pairs if key == names[0]),
        named_graphs=tuple(value for key, value in pairs if key == names[1]),
    )


def parse_request(method: str, query_string: str, content_type: str | None, body: bytes) -> Operation | None:
    """Read the operation a request carries; ``None`` for a plain GET (service description).

    Raises
    ------
    ProtocolError
        With status 400, 405 or 415 and a message that says what to send instead.
    """
    url_pairs = _pairs(query_string, "URL")
    method = method.upper()
    if method in ("GET", "HEAD"):
        if _one(url_pairs, "update") is not None:
            raise ProtocolError(400, "send an update with POST, not GET")
        query = _one(url_pairs, "query")
        if query is None:
            if any(key in _DATASET for key, _ in url_pairs):
                raise ProtocolError(400, "the request names a dataset but has no 'query' parameter")
            return None
        return _operation("query", query, url_pairs)
    if method != "POST":
        raise ProtocolError(405, f"{method} is not allowed here; use GET or POST",
                            {"Allow": ALLOWED_METHODS})  # fmt: skip
    kind, parameters = _media_type(content_type)
    charset = parameters.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"the charset must be UTF-8, not {charset}")
    if kind == _FORM_TYPE:
        pairs = url_pairs + _pairs(_decode(body, "form body"), "form body")
        query, update = _one(pairs, "query"), _one(pairs, "update")
        if query is not None and update is not None:
            raise ProtocolError(400, "the request has both 'query' and 'update'; send one")
        if query is None and update is None:
            raise ProtocolError(400, "the form has neither a 'query' nor an 'update' parameter")
        return _operation("query", query, pairs) if query is not None else _operation(
            "update", update or "", pairs)  # fmt: skip
    if kind in (_QUERY_TYPE, _UPDATE_TYPE):
        operation = "query" if kind == _QUERY_TYPE else "update"
        if _one(url_pairs, "query") is not None or _one(url_pairs, "update") is not None:
            raise ProtocolError(400, f"a direct POST carries the {operation} in its body, not in the URL")
        return _operation(operation, _decode(body, f"{operation} body"), url_pairs)
    shown = f"not {kind}" if kind else "the request has no Content-Type"
    raise ProtocolError(
        415,
        f"POST a query as {_QUERY_TYPE} or {_FORM_TYPE} (an update as {_UPDATE_TYPE}); {shown}",
    )
