"""The HTML report opens offline: headless Chromium loads it and the page requests nothing but itself.

The page's requests are read from Chromium's DevTools protocol (Network.requestWillBeSent for the tab),
not from a proxy: Chromium makes background requests of its own (network time, component updates) that a
proxy cannot tell apart from the page's. A control page with a CDN stylesheet and a remote logo proves
the listener does see such requests; without it, "no requests" could mean "not looking". All traffic
goes to a closed local port, so nothing reaches a network even if a page tried.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import editions as ed
import pytest
from browser import CHROMIUM, MISSING, Browser

from factsheet.report import write_report
from factsheet.validate_edition import validate_edition

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=MISSING)


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
