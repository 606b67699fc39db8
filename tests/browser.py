"""Drive headless Chromium from the tests over the Chrome DevTools Protocol (CDP).

A small client, shared by every test that opens a web page (the HTML export,
the SPARQL endpoint's pages): :class:`Browser` starts Debian's ``chromium``
(installed by ``scripts/install-chromium.sh``) headless, with a fresh profile
in a temporary folder and the DevTools port chosen by Chromium itself (port 0,
read back from ``DevToolsActivePort``), and talks to one page target over a
websocket (``websocket-client``).  Nothing is downloaded: no playwright
browser, no driver.

Usage::

    with Browser(tmp_path) as browser:
        browser.open(page.as_uri())
        browser.wait_for("document.body.dataset.ready === 'true'")
        nodes = browser.evaluate("document.body.dataset.nodes")
        browser.screenshot(tmp_path / "page.png")
        assert not browser.errors          # uncaught exceptions and console errors

``browser.requests`` lists every URL the page asked for (``Network`` domain), so
a test can check that a page made no request beyond the machine.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any

import websocket

__all__ = ["BrowserError", "Browser", "chromium_path", "FLAGS"]

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
)


class BrowserError(RuntimeError):
    """Chromium could not be started, or a page did not do what was asked in time."""


def chromium_path() -> str | None:
    """The Chromium executable (``$RIVALGRAPH_CHROMIUM`` or ``chromium`` on the path)."""
    return os.environ.get("RIVALGRAPH_CHROMIUM") or shutil.which("chromium")


class Browser:
    """One headless Chromium with one page, driven over CDP.

    Parameters
    ----------
    workdir : path, optional
        Where the fresh profile lives (a new temporary folder if not given).
    width, height : int
        Size of the window (and of screenshots).
    timeout : float
        Seconds to wait for Chromium to start and for each command.
    """

    def __init__(self, workdir: Path | None = None, *, width: int = 1280, height: int = 800,
                 timeout: float = 60.0) -> None:  # fmt: skip
        executable = chromium_path()
        if executable is None:
            raise BrowserError("chromium is not installed: run scripts/install-chromium.sh")
        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="chromium-profile-", dir=workdir))
        self.errors: list[str] = []
        self.requests: list[str] = []
        self._events: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
             "--remote-debugging-address=127.0.0.1", f"--window-size={width},{height}",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            self.socket = websocket.create_connection(self._page_socket(), timeout=timeout,
                                                      suppress_origin=True)  # fmt: skip
            for domain in ("Page", "Runtime", "Network", "Log"):
                self.send(f"{domain}.enable")
        except BaseException:
            self.close()
            raise

    # -- start-up ---------------------------------------------------------------------------

    def _port(self) -> int:
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BrowserError(f"chromium exited at start with code {self.process.returncode}")
            if marker.is_file():
                lines = marker.read_text(encoding="utf-8").split()
                if lines:
                    return int(lines[0])
            time.sleep(0.05)
        raise BrowserError(f"chromium did not open its DevTools port in {self.timeout} s")

    def _page_socket(self) -> str:
        port = self._port()
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as reply:
                targets = json.load(reply)
            pages = [target for target in targets if target.get("type") == "page"]
            if pages:
                return str(pages[0]["webSocketDebuggerUrl"])
            time.sleep(0.05)
        raise BrowserError("chromium has no page target")

    # -- protocol ---------------------------------------------------------------------------

    def _record(self, message: dict[str, Any]) -> None:
        method, params = message.get("method", ""), message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            exception = details.get("exception", {})
            self.errors.append(str(exception.get("description") or details.get("text")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.errors.append(" ".join(str(arg.get("value", arg.get("description", "")))
                                        for arg in params.get("args", [])))  # fmt: skip
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            self.errors.append(str(params["entry"].get("text")))
        elif method == "Network.requestWillBeSent":
            self.requests.append(str(params.get("request", {}).get("url")))
        self._events.append(message)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one CDP command and return its result (raises on a protocol error)."""
        number = next(self._ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._record(message)
        raise BrowserError(f"{method}: no answer in {self.timeout} s")

    def _wait_event(self, method: str, timeout: float) -> dict[str, Any]:
        for index, message in enumerate(self._events):
            if message.get("method") == method:
                return self._events.pop(index)
        deadline = time.monotonic() + timeout
        self.socket.settimeout(timeout)
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv())
            self._record(message)
            if message.get("method") == method:
                self._events.remove(message)
                return message
        raise BrowserError(f"no {method} in {timeout} s")

    # -- what tests use ---------------------------------------------------------------------

    def open(self, url: str) -> None:
        """Load ``url`` and wait for its ``load`` event."""
        self._events = [m for m in self._events if m.get("method") != "Page.loadEventFired"]
        answer = self.send("Page.navigate", url=url)
        if answer.get("errorText"):
            raise BrowserError(f"cannot open {url}: {answer['errorText']}")
        self._wait_event("Page.loadEventFired", self.timeout)

    def evaluate(self, expression: str, *, await_promise: bool = False) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable values)."""
        answer = self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=await_promise)  # fmt: skip
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"{expression!r} raised: {text}")
        return answer.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float | None = None) -> Any:
        """Poll ``expression`` until it is truthy; return its value."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise BrowserError(f"{expression!r} still false after {timeout or self.timeout} s; "
                           f"page errors: {self.errors}")  # fmt: skip

    def screenshot(self, path: Path) -> Path:
        """Save a PNG of the page as it is drawn now."""
        answer = self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(answer["data"]))
        return path

    def close(self) -> None:
        """Stop this Chromium (only the process this object started) and remove its profile."""
        socket = getattr(self, "socket", None)
        if socket is not None:
            with contextlib.suppress(OSError):
                socket.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        # Chromium's helpers (renderer, GPU, zygote) are in the session this object started.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:  # fmt: skip
        self.close()
