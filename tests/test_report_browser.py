"""The HTML report opens offline: headless Chromium loads it and the page requests nothing but itself.

The page's requests are read from Chromium's DevTools protocol (Network.requestWillBeSent for the tab),
not from a proxy: Chromium makes background requests of its own (network time, component updates) that a
proxy cannot tell apart from the page's. A control page with a CDN stylesheet and a remote logo proves
the listener does see such requests; without it, "no requests" could mean "not looking". All traffic
goes to a closed local port, so nothing reaches a network even if a page tried.
"""

from __future__ import annotations

import itertools
import json
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import editions as ed
import pytest

from factsheet.report import write_report
from factsheet.validate_edition import validate_edition

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} absent (apt-get install -y chromium)")
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
        events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Network.enable", "Page.enable"):
            self.call(method, session=session, events=events)
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
        text = self.call("Runtime.evaluate", {
            "expression": "(document.getElementById('verdict') || document.body).textContent",
            "returnByValue": True}, session=session)["result"]["value"]
        urls = [m["params"]["request"]["url"] for m in events
                if m.get("method") == "Network.requestWillBeSent" and m.get("sessionId") == session]
        return urls, text

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


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Any:
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the broken edition: the fullest page (failed rows, every kind of change)."""
    folder = tmp_path_factory.mktemp("report")
    package = ed.build_package(folder / "datapackage")
    broken = folder / "broken.txt"
    broken.write_text(ed.broken_edition_text(), encoding="utf-8")
    return write_report(validate_edition(broken, package), folder / "report.html")


def test_report_opens_offline_without_any_request(browser: Browser, report: Path) -> None:
    urls, verdict = browser.open(report.as_uri())
    assert verdict == "FAILED"  # the page rendered
    assert urls == [report.as_uri()], urls  # the file itself, nothing else


def test_listener_sees_what_a_cdn_page_would_fetch(browser: Browser, tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text('<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example.com/docs.css">'
                       '</head><body><img src="http://example.com/logo.png" alt="logo"><p>control</p></body></html>',
                       encoding="utf-8")
    urls, text = browser.open(control.as_uri())
    assert text == "control"
    assert "https://cdn.example.com/docs.css" in urls and "http://example.com/logo.png" in urls, urls


def test_chromium_is_the_one_the_ci_installs() -> None:
    assert shutil.which("chromium") == CHROMIUM
