"""Headless Chromium driven over its DevTools protocol (the websockets client Prefect already needs), for the
tests that open the offline pages (the validation report, the dataset page) in a real browser.

The page's requests are read from Chromium's DevTools protocol (Network.requestWillBeSent for the tab),
not from a proxy: Chromium makes background requests of its own (network time, component updates) that a
proxy cannot tell apart from the page's. All traffic goes to a closed local port, so nothing reaches a
network even if a page tried.
"""

from __future__ import annotations

import base64
import itertools
import json
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
MISSING = f"{CHROMIUM} absent (apt-get install -y chromium)"
QUIET = 1.0  # seconds without a request after the load event before the page counts as settled


def _closed_port() -> int:
    """A local port nothing listens on: the proxy every request would have to pass."""
    with socket.create_server(("127.0.0.1", 0)) as s:
        return s.getsockname()[1]


class Browser:
    """Headless Chromium driven over the DevTools protocol (the websockets client Prefect already needs)."""

    def __init__(self, profile: Path) -> None:
        profile.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", f"--proxy-server=http://127.0.0.1:{_closed_port()}",
             "--proxy-bypass-list=<-loopback>", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().split()) == 2):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.05)
        port, path = port_file.read_text().split()
        from websockets.sync.client import connect

        self.ws = connect(f"ws://127.0.0.1:{port}{path}", max_size=None)
        self.ids = itertools.count(1)

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        msg: dict[str, Any] = {"id": next(self.ids), "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        return msg["id"]

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Send and wait for the reply; events arriving meanwhile are kept in `events`."""
        wanted = self.send(method, params, session)
        while True:
            msg = json.loads(self.ws.recv(timeout=30))
            if msg.get("id") == wanted:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if events is not None:
                events.append(msg)

    def open(self, url: str) -> tuple[list[str], str]:
        """Load url in a new tab; (every URL the tab requested, the verdict element's text or the body's)."""
        tab = self.tab(url)
        return tab.urls(), tab.evaluate("(document.getElementById('verdict') || document.body).textContent")

    def tab(self, url: str, width: int = 1280, height: int = 900, mobile: bool = False) -> Tab:
        """Load url in a new tab of the given viewport and wait until it has been quiet for QUIET seconds."""
        events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Network.enable", "Page.enable"):
            self.call(method, session=session, events=events)
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                         "mobile": mobile}, session=session, events=events)
        self.call("Page.navigate", {"url": url}, session=session, events=events)
        loaded, last = False, time.monotonic()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if loaded and time.monotonic() - last > QUIET:
                break
            try:
                msg = json.loads(self.ws.recv(timeout=0.2))
            except TimeoutError:
                continue
            events.append(msg)
            if msg.get("method") == "Page.loadEventFired":
                loaded, last = True, time.monotonic()
            elif msg.get("method") == "Network.requestWillBeSent":
                last = time.monotonic()
        assert loaded, "the page never finished loading"
        return Tab(self, session, events)

    def close(self) -> None:
        if getattr(self, "ws", None) is not None:
            try:
                self.send("Browser.close")
            except Exception:  # noqa: BLE001 - already closing
                pass
            self.ws.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()




class Tab:
    """One loaded page: the requests it made, JavaScript evaluated in it, screenshots of it."""

    def __init__(self, browser: Browser, session: str, events: list[dict[str, Any]]) -> None:
        self.browser, self.session, self.events = browser, session, events

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (awaited when it is a promise)."""
        reply = self.browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                       "awaitPromise": True}, session=self.session, events=self.events)
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def urls(self) -> list[str]:
        """Every URL the tab requested so far (events that arrived while evaluating included)."""
        return [m["params"]["request"]["url"] for m in self.events
                if m.get("method") == "Network.requestWillBeSent" and m.get("sessionId") == self.session]

    def screenshot(self, path: Path) -> Path:
        """The whole page (not just the viewport) as a PNG at path."""
        shot = self.browser.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                                 session=self.session, events=self.events)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path
