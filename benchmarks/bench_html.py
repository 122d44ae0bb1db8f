"""HTML reading speed: pages/s of the HTML path over the 21 real press releases, beside the text path.

The text path reads each page's extracted text (Document.text as raw/ stores it) as a .txt source, so the
two columns differ by what HTML costs: decoding, lxml's parse (printed as the floor) and the rendering.
Also the whole read stage (with read.structure) both ways, and MB/s on one large synthetic page.
Run: .venv/bin/python benchmarks/bench_html.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from factsheet.html import decode_html
from factsheet.read import document_of, structure

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((d / "shared" for d in (ROOT.parent, ROOT.parent.parent) if (d / "shared").is_dir()), ROOT / "shared")
FISCAL = SHARED / "data" / "real" / "fiscal"
RUNS = 5


def best_cpu(fn: Callable[[], object]) -> float:
    """Best of RUNS in CPU seconds of this process: other work on a shared machine does not count."""
    times = []
    for _ in range(RUNS):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def each(pages: list[bytes], read: Callable[[bytes], object]) -> Callable[[], None]:
    def run() -> None:
        for data in pages:
            read(data)
    return run


def parse_only(data: bytes) -> object:
    text, _ = decode_html(data, "page")
    return etree.fromstring(text.encode("utf-8"), etree.HTMLParser(encoding="utf-8", huge_tree=True))


def large_page(megabytes: int) -> bytes:
    unit = ("<p>Revenue rose to $1.5 billion &amp; more in 2023, the spokesman said.</p>"
            "Revenue&nbsp;&nbsp;&nbsp;&nbsp;14,838.3&nbsp;&nbsp;&nbsp;316,541.1<br/>"
            "<pre>Total      1.0      2.0\n</pre><table><tr><td>Revenue</td><td colspan=2>1.0</td></tr></table>\n")
    return ("<html><body>" + unit * (megabytes * 1_000_000 // len(unit)) + "</body></html>").encode()


def main() -> int:
    paths = sorted(FISCAL.glob("*.htm*"))
    if not paths:
        print(f"bench_html: no real pages in {FISCAL}; nothing measured")
        return 0
    pages = [p.read_bytes() for p in paths]
    texts = [document_of(data, "page").text.encode("utf-8") for data in pages]
    n = len(pages)
    rows = [
        ("lxml parse only (floor)", best_cpu(each(pages, parse_only)), None),
        ("read: HTML path", best_cpu(each(pages, lambda d: document_of(d, "page.htm"))),
         best_cpu(each(texts, lambda d: document_of(d, "page.txt")))),
        ("read + structure", best_cpu(each(pages, lambda d: structure(document_of(d, "page.htm")))),
         best_cpu(each(texts, lambda d: structure(document_of(d, "page.txt"))))),
    ]
    size = sum(map(len, pages)) // 1024
    print(f"{n} real press releases ({size} KiB of HTML, {sum(map(len, texts)) // 1024} KiB of extracted text)")
    print(f"{'':26} {'HTML pages/s':>13} {'text pages/s':>13} {'HTML/text':>10}")
    for name, html_s, text_s in rows:
        text_col = f"{n / text_s:13.0f} {html_s / text_s:9.1f}x" if text_s else f"{'':13} {'':10}"
        print(f"{name:26} {n / html_s:13.0f} {text_col}")
    big = large_page(5)
    t = best_cpu(lambda: document_of(big, "big.htm"))
    print(f"large page: {len(big) / 1e6:.1f} MB in {t:.2f} s CPU ({len(big) / 1e6 / t:.1f} MB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
