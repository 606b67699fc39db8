"""Read an article as text: plain UTF-8, or the visible text of an HTML page.

Offsets of statements are Python ``str`` indices into :attr:`Article.text`.
For a plain-text file that is the file exactly as stored: its bytes decoded as
UTF-8, line ends as they are (a Windows CR LF counts as two characters; Python's
universal newlines would make it one and shift every later offset).  Ingestion,
review and acceptance all read it so, with :func:`stored_text`.  For HTML it is
the extracted text, which the draft stores beside itself so that the offsets
stay checkable.

HTML is reduced to its readable text: one paragraph per block element
(``p``, ``h1``-``h6``, ``li``, ``blockquote`` ...), separated by a blank line,
with runs of white space collapsed and character references decoded;
``head``, ``script``, ``style`` and similar elements are dropped.

Examples
--------
>>> html_to_text("<p>Kerr said: &ldquo;Fine.&rdquo;</p><script>x()</script><p>Next <em>one</em></p>")
'Kerr said: “Fine.”\\n\\nNext one\\n'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from rivalgraph.errors import InputError
from rivalgraph.sources import display_path

__all__ = [
    "MAX_ARTICLE_BYTES",
    "Article",
    "ArticleError",
    "read_article",
    "stored_text",
    "html_to_text",
    "is_html",
]

_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th",
    "figure", "figcaption", "pre", "br", "hr", "dd", "dt", "dl",
}  # fmt: skip
_HIDDEN = {"head", "script", "style", "noscript", "template", "svg", "iframe", "nav"}
_SPACES = re.compile(r"\s+")
_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<p[\s>])", re.I)


#: The largest article file read (bench/ingest_scale.py measures time and memory per MiB).
MAX_ARTICLE_BYTES = 8 * 2**20


class ArticleError(InputError):
    """The article file cannot be used: missing, empty, binary or not UTF-8."""


@dataclass(frozen=True)
class Article:
    """An article's text as the offsets count it.

    Attributes
    ----------
    path : Path
        The file it was read from.
    text : str
        Plain text (for HTML: the extracted text).
    html : bool
        Whether the file was HTML.
    """

    path: Path
    text: str
    html: bool


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.hidden = 0

    def _flush(self) -> None:
        block = _SPACES.sub(" ", "".join(self.current)).strip()
        if block:
            self.blocks.append(block)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.current.append(data)

    def text(self) -> str:
        self._flush()
        return "\n\n".join(self.blocks) + ("\n" if self.blocks else "")


def html_to_text(html: str) -> str:
    """Return the readable text of an HTML document, one paragraph per block."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return parser.text()


def is_html(path: Path, text: str) -> bool:
    """Tell whether a file is HTML, by its suffix or its first tag.

    Examples
    --------
    >>> is_html(Path("a.txt"), "<!DOCTYPE html><html></html>"), is_html(Path("a.txt"), "Kerr said")
    (True, False)
    """
    return path.suffix.lower() in {".html", ".htm", ".xhtml"} or bool(_HTML_START.match(text))


def stored_text(path: Path) -> str:
    """The text of a stored article as its offsets count it: UTF-8, line ends untouched.

    >>> import tempfile
    >>> copy = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = copy.write_bytes(b"One.\\r\\nTwo.")
    >>> stored_text(copy).index("Two")
    6
    """
    return path.read_bytes().decode("utf-8")


def read_article(path: Path) -> Article:
    """Read an article file (plain text or HTML) as UTF-8 text.

    Raises
    ------
    ArticleError
        When the file is missing, empty, binary or not UTF-8, or has no text.
    """
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(
                shown,
                f"is {size / 2**20:.1f} MiB, over the {MAX_ARTICLE_BYTES // 2**20} MiB an article may be "
                "(ingestion holds about 150 MiB of memory per MiB of text); split it into one file "
                "per article and ingest the folder",
            )
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(shown, f"cannot read the article: {error.strerror or error}") from error
    if not data.strip():
        raise ArticleError(shown, "the article is empty: there is no text to ingest")
    if b"\x00" in data[:8192]:
        raise ArticleError(shown, "looks like a binary file (it holds NUL bytes), not an article's text")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ArticleError(
            shown,
            f"is not UTF-8 text (bad byte at offset {error.start}); save it as UTF-8",
            line=line,
        ) from error
    html = is_html(path, raw)
    text = html_to_text(raw) if html else raw
    if not text.strip():
        raise ArticleError(shown, "holds no readable text" + (" (HTML without text)" if html else ""))
    return Article(path=path, text=text, html=html)
