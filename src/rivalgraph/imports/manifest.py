"""The import manifest: which folders of results a build reads, where they come from, under what licence.

``graph/imports/imports.toml`` holds one ``[[source]]`` table per folder::

    [[source]]
    key = "camminady"                 # short name; graph IRIs start with it
    layout = "camminady"              # which reader: camminady, kmuchiri, kmuchiri-senior, rio2016, rome2024
    path = "camminady_MIT"            # relative to the manifest, or ${shared}/... (read in place)
    required = true                   # false: skipped with a message when the folder is absent
    repository = "thomascamminady/world-athletics-database"
    commit = "9f0870f1fbf2bfc0792a1cccbb612df73809e4c0"
    folder = "data"                   # the folder in the repository the files come from
    licence = "MIT"
    licence_url = "https://opensource.org/licenses/MIT"
    publisher = "World Athletics"
    publisher_url = "https://worldathletics.org"
    date = "2023-07-07"               # the snapshot's date
    label = "World Athletics all-time toplists (scraped by thomascamminady/world-athletics-database)"
    priority = 2                      # the same performance in two sources: the lower wins

``${shared}`` is the shared data folder: ``$RIVALGRAPH_SHARED`` if set, else
``../shared`` beside the project.  Data without a licence that allows
copying stays there and is read in place.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "imports.toml").write_text('''
... [[source]]
... key = "x"
... layout = "camminady"
... path = "x"
... required = false
... repository = "a/b"
... commit = "0123456789012345678901234567890123456789"
... folder = "data"
... licence = "MIT"
... licence_url = "https://opensource.org/licenses/MIT"
... publisher = "World Athletics"
... publisher_url = "https://worldathletics.org"
... date = "2023-07-07"
... label = "X"
... priority = 1
... ''')
>>> [(s.key, s.available) for s in read_manifest(folder / "imports.toml")]
[('x', False)]
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import tomllib

from rivalgraph.errors import InputError
from rivalgraph.resources import data_root
from rivalgraph.sources import display_path

__all__ = ["ImportSource", "read_manifest", "shared_folder", "LAYOUTS"]

LAYOUTS = ("camminady", "kmuchiri", "kmuchiri-senior", "rio2016", "rome2024")
_FIELDS = ("key", "layout", "path", "required", "repository", "commit", "folder", "licence",
           "licence_url", "publisher", "publisher_url", "date", "label", "priority")  # fmt: skip
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def shared_folder() -> Path:
    """The shared data folder: ``$RIVALGRAPH_SHARED``, else ``../shared`` beside the project."""
    configured = os.environ.get("RIVALGRAPH_SHARED")
    return Path(configured) if configured else data_root().resolve().parent / "shared"


@dataclass(frozen=True)
class ImportSource:
    """One ``[[source]]`` of the manifest, its path resolved."""

    key: str
    layout: str
    path: Path
    written_path: str
    required: bool
    repository: str
    commit: str
    folder: str
    licence: str
    licence_url: str
    publisher: str
    publisher_url: str
    date: str
    label: str
    priority: int
    manifest: str

    @property
    def available(self) -> bool:
        return self.path.is_dir()

    def web_url(self, relative: str) -> str:
        """The address of one of the source's files at its commit."""
        inside = f"{self.folder}/{relative}" if self.folder else relative
        return f"https://github.com/{self.repository}/blob/{self.commit}/{inside}"

    def written(self, relative: str) -> str:
        """The file as the manifest names it (``${shared}/...`` or relative to the manifest)."""
        return f"{self.written_path.rstrip('/')}/{relative}"


def read_manifest(path: Path) -> list[ImportSource]:
    """Read and check a manifest.

    Raises
    ------
    InputError
        For bad TOML, a missing or unknown field, a bad value, a duplicate key,
        or a required folder that is absent (naming the file and the source).
    """
    shown = display_path(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise InputError(shown, f"not valid TOML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(shown, f"cannot read: {error}") from error
    tables = document.get("source")
    if not isinstance(tables, list) or not tables:
        raise InputError(shown, "holds no [[source]] tables")
    sources: list[ImportSource] = []
    for index, table in enumerate(tables, start=1):
        sources.append(_source(shown, path, index, table))
    keys = [source.key for source in sources]
    for key in keys:
        if keys.count(key) > 1:
            raise InputError(shown, f"source key {key!r} is used twice", field="key")
    return sources


def _source(shown: str, path: Path, index: int, table: object) -> ImportSource:
    where = f"[[source]] number {index}"
    if not isinstance(table, dict):
        raise InputError(shown, f"{where} is not a table")
    unknown = sorted(set(table) - set(_FIELDS))
    missing = [name for name in _FIELDS if name not in table]
    if unknown:
        raise InputError(shown, f"{where}: unknown fields {', '.join(unknown)}")
    if missing:
        raise InputError(shown, f"{where}: missing fields {', '.join(missing)}")

    def text(name: str, pattern: re.Pattern[str] | None = None) -> str:
        value = table[name]
        if not isinstance(value, str) or not value.strip():
            raise InputError(shown, f"{where}: must be a non-empty string", field=name)
        if pattern is not None and not pattern.match(value):
            raise InputError(shown, f"{where}: {value!r} is not valid here", field=name)
        return value

    if text("layout") not in LAYOUTS:
        raise InputError(shown, f"{where}: unknown layout {table['layout']!r}; known: "
                                f"{', '.join(LAYOUTS)}", field="layout")  # fmt: skip
    if not isinstance(table["required"], bool):
        raise InputError(shown, f"{where}: must be true or false", field="required")
    if not isinstance(table["priority"], int) or isinstance(table["priority"], bool):
        raise InputError(shown, f"{where}: must be an integer", field="priority")
    written = text("path")
    if written.startswith("${shared}"):
        folder = shared_folder() / written.removeprefix("${shared}").lstrip("/")
    else:
        folder = path.parent / written
    source = ImportSource(
        key=text("key", _KEY), layout=table["layout"], path=folder, written_path=written,
        required=table["required"], repository=text("repository"), commit=text("commit", _COMMIT),
        folder=table["folder"] if isinstance(table["folder"], str) else "",
        licence=text("licence"), licence_url=table["licence_url"] or "",
        publisher=text("publisher"), publisher_url=text("publisher_url"), date=text("date", _DATE),
        label=text("label"), priority=table["priority"], manifest=shown,
    )  # fmt: skip
    if source.required and not source.available:
        raise InputError(shown, f"{where} ({source.key}): the folder {folder} does not exist",
                         field="path")  # fmt: skip
    return source
