"""One exception tree rooted in :class:`rivalgraph.errors.RivalgraphError`, whose messages name no CLI flag.

Every module of rivalgraph is imported (none is skipped) and every exception class it defines must be
a :class:`RivalgraphError`.  The library says which argument is at fault in ``options``, in its own
terms; only the CLI turns them into flags (:func:`rivalgraph.cli.error_message`).
"""

from __future__ import annotations

import ast
import datetime as dt
import errno
import functools
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import rivalgraph
from rivalgraph.analysis.filters import RaceFilter, parse_day
from rivalgraph.build import StoreWriteError
from rivalgraph.build import _cannot_write as cannot_write_store
from rivalgraph.cli import error_message, flag
from rivalgraph.errors import ArgumentError, InputError, RivalgraphError
from rivalgraph.export.files import _cannot_write as cannot_write_export
from rivalgraph.export.files import check_target
from rivalgraph.ingest import ingest_article, parse_date
from rivalgraph.ingest.batch import article_dates
from rivalgraph.ingest.knowledge import Knowledge
from rivalgraph.ingest.pipeline import _cannot_write as cannot_write_draft
from rivalgraph.query import MissingParameters, QueryError, bind, load_registry
from rivalgraph.remote.spec import RemoteSpec
from rivalgraph.remote.writers import writer_for
from rivalgraph.resources import graph_dir
from rivalgraph.store import OxigraphStore, StoreError, StoreLocation, StoreUnwritable

SRC = Path(rivalgraph.__file__).parent

#: Exception classes of rivalgraph that are not RivalgraphErrors, each with why it never reaches a user.
#: None today: the server's ``TooLarge`` became a ServeError.
INTERNAL: dict[str, str] = {}

#: Library messages that still name a CLI flag: (file under src/rivalgraph, the flag) and why.
FLAG_ALLOWED = {
    # ServeConfig checks the options of `rivalgraph serve` and nothing else: it is that command's glue.
    ("serve/config.py", "--"): "ServeConfig validates the serve command's own flags",
    # An HTTP answer that tells the endpoint's operator how to start the server with updates enabled.
    ("serve/app.py", "--update-token"): "the advice is for the operator who starts `rivalgraph serve`",
    # A command hint, not an argument at fault: a draft goes into graph/ only through the command that
    # accepts it.  Letting the library name an action for the CLI to spell is left for later.
    ("ingest/pipeline.py", "--accept"): "names `rivalgraph ingest DRAFT --accept`, which accepts a draft",
}

_FLAG = re.compile(r"(?<![\w-])--[a-z]")


def _modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(rivalgraph.__path__, "rivalgraph."))


@functools.cache
def _exception_classes() -> dict[str, type[BaseException]]:
    """Every exception class defined at the top level of a module of rivalgraph, by qualified name.

    Every module is imported, the server's and the charts' too: their optional dependencies are
    development dependencies, so one that is missing is a failure that names it, not a skip.
    """
    found: dict[str, type[BaseException]] = {}
    for name in _modules():
        try:
            module = importlib.import_module(name)
        except ImportError as error:
            pytest.fail(f"{name} cannot be imported ({error}): install the development dependencies")
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == name:
                found[f"{name}.{value.__qualname__}"] = value
    return found


def test_every_module_is_walked() -> None:
    modules = _modules()
    assert len(modules) > 100 and "rivalgraph.store.contract" in modules and "rivalgraph.serve.app" in modules


def test_every_exception_of_rivalgraph_is_a_rivalgraph_error() -> None:
    classes = _exception_classes()
    assert len(classes) >= 30, sorted(classes)
    outside = sorted(name for name, cls in classes.items()
                     if not issubclass(cls, RivalgraphError) and name not in INTERNAL)  # fmt: skip
    assert not outside, "exceptions outside the tree rooted in RivalgraphError: " + ", ".join(outside)


@pytest.mark.parametrize(("error", "bases"), [
    (StoreError, (RivalgraphError, RuntimeError)),  # query.run and the server's worker catch RuntimeError
    (StoreUnwritable, (StoreError,)),
    (ArgumentError, (InputError,)),
    (MissingParameters, (QueryError,)),
])  # fmt: skip
def test_builtin_and_old_bases_are_kept(error: type[Exception], bases: tuple[type[Exception], ...]) -> None:
    assert all(issubclass(error, base) for base in bases)


def test_store_write_error_is_the_store_unwritable_error() -> None:
    assert StoreWriteError is StoreUnwritable


def _raising(tmp_path: Path) -> list[Callable[[], object]]:
    """Calls that raise each error whose message used to name a CLI flag."""
    (tmp_path / "a-file").write_text("not a folder\n")
    head_to_head = load_registry()["head-to-head"]
    no_space = OSError(errno.ENOSPC, "No space left on device")
    knowledge = Knowledge.from_quads([])

    def raise_(error: Exception) -> None:
        raise error

    return [
        lambda: parse_day("last year"),
        lambda: parse_day("soon", end=True),
        lambda: RaceFilter(since=dt.date(2024, 1, 1), until=dt.date(2020, 1, 1)),
        lambda: parse_date("2024-13-01"),
        lambda: ingest_article(tmp_path / "x.txt", "2024-01-01", knowledge, url="example.org"),
        lambda: article_dates([Path("recap.txt")], None),
        lambda: bind(OxigraphStore.in_memory(), head_to_head, {}),
        lambda: writer_for(RemoteSpec("http://127.0.0.1:9/sparql"), "gsp"),
        lambda: writer_for(RemoteSpec("http://127.0.0.1:9/sparql")),
        lambda: check_target(graph_dir() / "x.graphml"),
        lambda: check_target(tmp_path),
        lambda: raise_(cannot_write_export(tmp_path / "x.graphml", no_space)),
        lambda: raise_(cannot_write_store(tmp_path, no_space)),
        lambda: raise_(cannot_write_store(tmp_path, OSError(errno.EACCES, "Permission denied"))),
        lambda: raise_(cannot_write_draft(tmp_path / "d.trig", no_space)),
        lambda: StoreLocation(tmp_path / "a-file" / "store").writing().__enter__(),
    ]


def test_library_messages_name_no_cli_flag_and_the_cli_adds_it(tmp_path: Path) -> None:
    for call in _raising(tmp_path):
        with pytest.raises(RivalgraphError) as caught:
            call()
        error = caught.value
        assert not _FLAG.search(str(error)), f"the library names a flag: {error}"
        cli = error_message(error)
        assert all(flag(option) in cli for option in error.options), f"the CLI names no flag: {cli}"
        assert error.options or isinstance(error, MissingParameters), f"no argument at fault: {error}"


@pytest.mark.parametrize(("call", "expected"), [
    (lambda: parse_day("last year"), "--since: must be a date YYYY-MM-DD or a year YYYY, not 'last year'"),
    (lambda: RaceFilter(since=dt.date(2024, 1, 1), until=dt.date(2020, 1, 1)),
     "--since, --until: the period starts on 2024-01-01, after it ends on 2020-01-01"),
    (lambda: parse_date("2024-13-01"), "--date: '2024-13-01' is not a date written YYYY-MM-DD"),
    (lambda: writer_for(RemoteSpec("http://127.0.0.1:9/sparql"), "gsp"),
     "--gsp-url: method 'gsp' needs the Graph Store Protocol URL (or RIVALGRAPH_GSP_URL)"),
    (lambda: check_target(graph_dir()), "-o: "),
])  # fmt: skip
def test_the_cli_puts_its_flags_in_front(call: Callable[[], object], expected: str) -> None:
    with pytest.raises(RivalgraphError) as caught:
        call()
    assert error_message(caught.value).startswith(expected)


def test_the_missing_parameters_of_a_query_become_param_flags() -> None:
    with pytest.raises(MissingParameters) as caught:
        bind(OxigraphStore.in_memory(), load_registry()["head-to-head"], {})
    assert str(caught.value) == "query 'head-to-head' needs a value for athlete, opponent"
    cli = error_message(caught.value)
    assert cli == "query 'head-to-head' needs --param athlete=... --param opponent=..."


def _flagged_messages(path: Path) -> list[str]:
    """The string constants naming a flag (not an allowed one) in what a module raises as an error."""
    allowed = [flag for (name, flag) in FLAG_ALLOWED if name == str(path.relative_to(SRC))]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        target = node.exc if isinstance(node, ast.Raise) else node if isinstance(node, ast.Call) else None
        if target is None or (isinstance(node, ast.Call) and not _builds_an_error(node)):
            continue
        found += [f"{path.relative_to(SRC)}:{inner.lineno}: {inner.value!r}" for inner in ast.walk(target)
                  if isinstance(inner, ast.Constant) and isinstance(inner.value, str)
                  and _FLAG.search(inner.value)
                  and not any(flag in inner.value for flag in allowed)]  # fmt: skip
    return found


def _builds_an_error(call: ast.Call) -> bool:
    name = ast.unparse(call.func).rpartition(".")[2]
    return name in {cls.__name__ for cls in _exception_classes().values()}


def test_no_library_module_raises_a_message_naming_a_flag() -> None:
    paths = [path for path in sorted(SRC.rglob("*.py")) if path.name != "cli.py"]
    flagged = sorted({line for path in paths for line in _flagged_messages(path)})
    assert not flagged, "library error messages that name a CLI flag:\n" + "\n".join(flagged)


@pytest.mark.parametrize(("name", "flag"), sorted(FLAG_ALLOWED))
def test_each_allowed_flag_is_still_there(name: str, flag: str) -> None:
    assert flag in (SRC / name).read_text(encoding="utf-8"), f"remove ({name!r}, {flag!r}) from FLAG_ALLOWED"
