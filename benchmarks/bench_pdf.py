"""PDF reading speed: pages/s of read_pdf and its time relative to pdfplumber's own extract_words.

Target: read_pdf <= 1.3x the bare word pass, i.e. the layout work after the one extract_words pass
per page stays small. Run: .venv/bin/python benchmarks/bench_pdf.py [PAGES]
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import pdfgen  # noqa: E402
import pdfplumber  # noqa: E402

from factsheet.pdf import read_pdf  # noqa: E402

TARGET = 1.3


def document(pages: int) -> bytes:
    """A fact-sheet-like two-column PDF (banner, side panel, headings, bullets, footer) of >= `pages` pages."""
    vocab = "harbour ferry tower market bridge garden school clinic museum library station".split()

    def build(n: int) -> bytes:
        blocks = []
        for i in range(1, n + 1):
            body = " ".join(vocab[(i * 3 + j * j) % len(vocab)] for j in range(40))
            blocks.append(pdfgen.Block("heading", f"Section {i}") if i % 6 == 1 else
                          pdfgen.Block("bullet" if i % 2 else "para", f"Point {i}: over {i * 37:,} {body}."))
        return pdfgen.build_pdf("Benchmark Fact Sheet", blocks, pdfgen.Layout(columns=2, panel_width=130.0),
                                panel=[pdfgen.Block("bullet", "Ranked 1st in Asia and 2nd in the world.")])

    n = 40
    while True:
        data = build(n)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            got = len(pdf.pages)
        if got >= pages:
            return data
        n = int(n * pages / got * 1.05) + 1


def bare_words(data: bytes) -> int:
    """pdfplumber alone: open once, one extract_words per page (the floor read_pdf builds on)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False, keep_blank_chars=False,
                               x_tolerance_ratio=0.15)
            page.close()
        return len(pdf.pages)


def timed(fn) -> float:
    """CPU seconds of this process: other work on a shared machine does not count against us."""
    t = time.process_time()
    fn()
    return time.process_time() - t


def main() -> int:
    want = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    data = document(want)
    pages = bare_words(data)
    words_runs, read_runs = [], []
    for _ in range(5):  # interleaved, best of 5 each
        words_runs.append(timed(lambda: bare_words(data)))
        read_runs.append(timed(lambda: read_pdf(data, "bench.pdf")))
    t_words, t_read = min(words_runs), min(read_runs)
    ratio = t_read / t_words
    print(f"pdf pages: {pages} ({len(data) // 1024} KiB)")
    print(f"pdfplumber extract_words: {t_words:.3f} s CPU ({pages / t_words:.1f} pages/s)")
    print(f"read_pdf:                 {t_read:.3f} s CPU ({pages / t_read:.1f} pages/s)")
    print(f"ratio read_pdf / extract_words: {ratio:.2f}x (target <= {TARGET}x) {'OK' if ratio <= TARGET else 'SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
