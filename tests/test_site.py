"""`factsheet site`: the dataset page of a package, built from its files at every publish.

Two real packages: the one `factsheet extract` writes from a real PDF (provenance pictures of its pages) and
one with two editions of Innovative Hong Kong published as the refresh publishes them (a chart per indicator
stated in both, the changes of the latest edition).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import editions as ed
import pytest

from factsheet.errors import InputError
from factsheet.runs import ROOT
from factsheet.site import GENERATOR, MAX_PICTURE_BYTES, check_site_out, highlighted, write_site

PDF = ROOT.parent / "shared" / "data" / "real" / "pdf" / "fdh_wage_and_employment_records.pdf"
needs_pdf = pytest.mark.skipif(not PDF.exists(), reason=f"{PDF} is not beside the repo")
pytestmark = pytest.mark.slow  # the packages are extracted and validated for real (about 30 s on 2 cores)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def pdf_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The standalone package `factsheet extract` writes from a real PDF, its page built at the same time."""
    from factsheet.pipeline import extract_package

    if not PDF.exists():
        pytest.skip(f"{PDF} is not beside the repo")
    out = tmp_path_factory.mktemp("pdf") / "records-datapackage"
    extract_package(PDF, out)
    return out


@pytest.fixture(scope="module")
def series_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """June 2022 and January 2023 of Innovative Hong Kong, linked, paired and published as the refresh does."""
    from factsheet.pipeline import changes_between, frames_for, link_editions, publish_frames, standalone_edition

    folder = tmp_path_factory.mktemp("series")
    nxt = folder / "next.txt"
    nxt.write_text(ed.next_edition_text(), encoding="utf-8")
    linked = link_editions([standalone_edition(ed.PUBLISHED), standalone_edition(nxt)])
    frames = frames_for(linked, changes_between(linked))
    frames["editions"]["retrieved_at"] = "2023-01-31T09:00:00+08:00"
    summary = publish_frames(frames, linked, folder / "datapackage")
    assert summary.outcome == "published", summary.lines()
    return folder / "datapackage"


@needs_pdf
def test_extract_writes_the_page_with_pictures_of_the_pdf(pdf_package: Path) -> None:
    site = pdf_package / "site"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="generator" content="{GENERATOR}">' in page
    pictures = sorted((site / "img").glob("*.png"))
    assert pictures and all(p.read_bytes().startswith(b"\x89PNG") for p in pictures)
    assert sum(p.stat().st_size for p in pictures) <= MAX_PICTURE_BYTES
    assert all(f'src="img/{p.name}"' in page for p in pictures)  # every picture is shown, none is left over
    for name in ("figures.csv", "editions.csv", "datapackage.json"):  # downloads link to the package's files
        assert f'href="../{name}"' in page
    assert re.search(r"[0-9a-f]{64}", page)  # with their sha256


@needs_pdf
def test_rebuilding_the_same_package_writes_nothing(pdf_package: Path) -> None:
    from factsheet.site import load_package

    before = files(pdf_package / "site")
    [edition] = [e["edition_id"] for e in load_package(pdf_package).tables["editions"]]
    assert write_site(pdf_package, documents={edition: PDF}) is False
    assert files(pdf_package / "site") == before


def test_a_series_gets_a_chart_and_the_latest_changes(series_package: Path) -> None:
    page = (series_package / "site" / "index.html").read_text(encoding="utf-8")
    assert '<svg class="chart"' in page and "<polyline" in page
    assert "2022-06" in page and "2023-01" in page
    assert 'id="changes"' in page and '<span class="tag">changed</span>' in page
    assert "No changes:" not in page


def test_page_requests_nothing_outside_its_folder(series_package: Path) -> None:
    page = (series_package / "site" / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'(?:src|href)="([^"#]+)"', page)
    fetched = re.findall(r'src="([^"]+)"', page) + re.findall(r'<link[^>]+href="([^"]+)"', page)
    assert not [s for s in fetched if re.match(r"^[a-z]+:", s) or s.startswith("//")], fetched
    assert "@import" not in page and "url(" not in page
    assert sources  # downloads and links exist; only a click follows them


def test_statement_is_escaped_and_its_value_marked() -> None:
    assert highlighted("<b>over 130</b> initiatives", "over 130") == \
        "&lt;b&gt;<mark>over 130</mark>&lt;/b&gt; initiatives"
    assert highlighted("no figure here", "42") == "no figure here"


def test_the_folder_must_be_new_empty_or_a_page(tmp_path: Path, series_package: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="not empty and not a page"):
        check_site_out(mine)
    with pytest.raises(InputError, match="a data package folder"):
        check_site_out(series_package)
    with pytest.raises(InputError, match="only its site/"):
        check_site_out(series_package / "pages")
    with pytest.raises(InputError, match="inside"):
        check_site_out(tmp_path / "raw" / "x", protected=(tmp_path / "raw",))
    assert check_site_out(series_package / "site") == series_package / "site"
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_cli_writes_a_page_where_asked_and_refuses_in_one_line(tmp_path: Path, series_package: Path) -> None:
    cmd = [sys.executable, "-m", "factsheet.cli", "site", "--package", str(series_package)]
    ok = subprocess.run([*cmd, "--out", str(tmp_path / "page")], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == f"site: {tmp_path / 'page' / 'index.html'} (written)"
    page = (tmp_path / "page" / "index.html").read_text(encoding="utf-8")
    link = Path(os.path.relpath(series_package / "figures.csv", tmp_path / "page")).as_posix()
    assert f'href="{link}"' in page  # the downloads are the package's files, wherever the page goes
    again = subprocess.run([*cmd, "--out", str(tmp_path / "page")], capture_output=True, text=True, timeout=120)
    assert again.stdout.strip().endswith("(unchanged)")
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    refused = subprocess.run([*cmd, "--out", str(tmp_path / "theirs")], capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert (tmp_path / "theirs" / "index.html").read_text(encoding="utf-8") == "<p>my own page</p>"
    missing = subprocess.run([sys.executable, "-m", "factsheet.cli", "site", "--package", str(tmp_path / "nope")],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "not a data package" in missing.stderr


def test_published_package_has_its_page(tmp_path: Path) -> None:
    """`make run` leaves the page in datapackage/site/, current for the committed package."""
    site = ROOT / "datapackage" / "site"
    assert (site / "index.html").is_file()
    copy = tmp_path / "datapackage"
    copy.mkdir()
    for f in (ROOT / "datapackage").iterdir():
        if f.is_file():
            shutil.copyfile(f, copy / f.name)
    assert write_site(copy, root=ROOT) is True
    assert files(copy / "site") == files(site)  # what make run would write is what is committed


# --- in a real browser ---------------------------------------------------------------------------------------

SHOTS_ENV = "FACTSHEET_SCREENSHOTS"  # keep the screenshots in this folder (default: a temporary one)
SHOWN = "[...document.querySelectorAll('tbody.fig')].filter(b => !b.hidden).length"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    from browser import CHROMIUM, MISSING, Browser

    if not Path(CHROMIUM).exists():
        pytest.skip(MISSING)
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ[SHOTS_ENV]) if os.environ.get(SHOTS_ENV) else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _set(tab, element: str, value: str) -> int:
    """Set a control's value as a user would (an input and a change event); the figures then shown."""
    return tab.evaluate(f"(() => {{ const e = document.getElementById({element!r}); e.value = {value!r}; "
                        f"e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change')); "
                        f"return {SHOWN}; }})()")


def _opens_offline(browser, package: Path, width: int = 1280, mobile: bool = False):
    site = package / "site"
    tab = browser.tab((site / "index.html").as_uri(), width=width, height=844 if mobile else 900, mobile=mobile)
    urls = tab.urls()
    assert urls[0] == (site / "index.html").as_uri()
    assert all(u.startswith(site.as_uri() + "/") for u in urls), urls  # nothing outside the site's folder
    return tab


def test_search_filter_and_sort_in_chromium(browser, series_package: Path, shots: Path, capsys) -> None:
    tab = _opens_offline(browser, series_package)
    total = tab.evaluate(SHOWN)
    assert total > 10 and tab.evaluate("document.getElementById('count').textContent") == f"{total} of {total} figures"
    some = _set(tab, "search", "smart city")
    assert 0 < some < total
    assert tab.evaluate("document.getElementById('count').textContent") == f"{some} of {total} figures"
    assert _set(tab, "search", "no such words anywhere") == 0
    assert tab.evaluate("!document.getElementById('no-match').hidden")
    assert _set(tab, "search", "") == total
    section = tab.evaluate("document.querySelector('#section option:nth-child(2)').value")
    in_section = tab.evaluate(f"document.querySelectorAll('tbody.fig[data-section={json.dumps(section)}]').length")
    assert _set(tab, "section", section) == in_section < total
    assert _set(tab, "kind", "percent") == tab.evaluate(
        f"document.querySelectorAll('tbody.fig[data-section={json.dumps(section)}][data-kind=percent]').length")
    _set(tab, "section", "")
    assert 0 < _set(tab, "kind", "money") < total
    _set(tab, "kind", "")
    tab.evaluate("document.querySelector('th[data-sort=value]').click()")
    values = tab.evaluate("[...document.querySelectorAll('tbody.fig')].map(b => parseFloat(b.dataset.value))"
                          ".filter(v => !isNaN(v))")
    assert values == sorted(values) and len(values) > 10
    chart = tab.evaluate("(() => { const r = document.querySelector('#charts svg.chart').getBoundingClientRect(); "
                         "return [r.width, r.height, document.querySelectorAll('#charts svg.chart').length]; })()")
    assert chart[0] > 200 and chart[1] > 50 and chart[2] >= 1
    tab.evaluate("document.querySelector('tbody.fig tr.main').click()")
    saved = [tab.screenshot(shots / "series-desktop.png")]
    phone = _opens_offline(browser, series_package, width=390, mobile=True)
    phone.evaluate("document.querySelector('tbody.fig tr.main').click()")
    saved.append(phone.screenshot(shots / "series-phone.png"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    with capsys.disabled():
        print(f"\nscreenshots: {shots}")
    assert all(p.stat().st_size > 10_000 for p in saved)


@needs_pdf
def test_provenance_pictures_render_in_chromium(browser, pdf_package: Path, shots: Path) -> None:
    tab = _opens_offline(browser, pdf_package)
    widths = tab.evaluate("Promise.all([...document.querySelectorAll('img.provenance')].map("
                          "i => i.decode().then(() => i.naturalWidth, () => 0)))")
    assert widths and all(w > 0 for w in widths), widths
    tab.evaluate("document.querySelector('tbody.fig tr.main').click()")
    shown = tab.evaluate("document.querySelector('tbody.fig.open img.provenance').getBoundingClientRect().width")
    assert shown > 100
    tab.screenshot(shots / "pdf-desktop.png")
    phone = _opens_offline(browser, pdf_package, width=390, mobile=True)
    phone.evaluate("document.querySelector('tbody.fig tr.main').click()")
    phone.screenshot(shots / "pdf-phone.png")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_hundred_page_pdf_makes_a_small_page(tmp_path: Path) -> None:
    """Pictures are capped in count and bytes: 300 figures on 100 pages stay well under a few MB."""
    import pdfgen

    from factsheet.site import MAX_PICTURES, render_pictures

    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(pdfgen.placed([[(72, 100 + 40 * i, f"On page {n} the fund spent HK${n}.{i} billion.")
                                    for i in range(3)] for n in range(1, 101)]))
    figures = [{"figure_id": f"x-{n}-{i}", "edition_id": "x", "page": str(n),
                "bbox": f"200,{100 + 40 * i},260,{110 + 40 * i}"} for n in range(1, 101) for i in range(3)]
    names = render_pictures(figures, {"x": pdf}, tmp_path / "img")
    pngs = sorted((tmp_path / "img").glob("*.png"))
    assert len(names) == len(pngs) <= MAX_PICTURES
    assert sum(p.stat().st_size for p in pngs) < 1_500_000
    assert names["x-1-0"] and (tmp_path / "img" / names["x-1-0"]).stat().st_size > 500  # a real picture


def test_text_from_a_document_cannot_inject_markup_or_links(tmp_path: Path) -> None:
    """A statement, label or section is data: it is shown as text, and only http(s) addresses become links."""
    from factsheet.site import Loaded, page_context, render_page

    evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    row = {"figure_id": "f1", "figure_key": "k", "edition_id": "e1", "section": evil, "label": evil,
           "statement": f"{evil} spent HK$5 million", "value_text": "HK$5 million", "kind": "money",
           "value": "5000000", "currency": "HKD", "qualifier": "exact"}
    edition = {"edition_id": "e1", "source_id": "s", "title": evil, "published": "2024",
               "source_url": "javascript:alert(3)"}
    loaded = Loaded(tmp_path, {"title": evil, "licenses": [{"title": evil, "path": "javascript:alert(4)"}]},
                    {"figures-latest": [row], "figures": [row], "editions": [edition], "changes": []})
    page = render_page(page_context(loaded, tmp_path / "site", {}))
    assert "<script>alert" not in page and "<img src=x" not in page and "javascript:" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<mark>HK$5 million</mark>" in page
    assert page.count("<script>") == 1  # the page's own
