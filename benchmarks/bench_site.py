"""The dataset page: time to build it and its size, side by side with the package it shows.

Three packages: the published one (text, one edition), the standalone package of a real PDF (a picture per
figure) and a 100-page PDF with three figures a page (where the caps on pictures must hold). For each: the
package's bytes, the page's bytes (index.html, the PNGs and their count), the best of three builds into a new
folder, and a rebuild of an unchanged page (what every `make run` pays: build, compare, write nothing).
Target: a rebuild well under a second for the published package; pictures under a few MB whatever the PDF.
Run: .venv/bin/python benchmarks/bench_site.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

REAL_PDF = ROOT.parent / "shared" / "data" / "real" / "pdf" / "fdh_wage_and_employment_records.pdf"


def size(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.glob(pattern) if p.is_file())


def best(run, times: int = 3) -> float:
    results = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        results.append(time.perf_counter() - start)
    return min(results)


def packages(work: Path) -> list[tuple[str, Path, dict[str, Path] | None]]:
    """(name, package folder, documents for its pictures) for each package measured."""
    import pdfgen

    from factsheet.pipeline import extract_package
    from factsheet.site import load_package

    def of(package: Path, document: Path) -> dict[str, Path]:
        return {e["edition_id"]: document for e in load_package(package).tables["editions"]}

    out: list[tuple[str, Path, dict[str, Path] | None]] = [("published (text)", ROOT / "datapackage", None)]
    if REAL_PDF.exists():
        extract_package(REAL_PDF, work / "real-pdf")
        out.append(("real PDF, 1 page", work / "real-pdf", of(work / "real-pdf", REAL_PDF)))
    long_pdf = work / "long.pdf"
    long_pdf.write_bytes(pdfgen.placed([[(72, 100 + 40 * i, f"On page {n} the fund spent HK${n}.{i} billion.")
                                         for i in range(3)] for n in range(1, 101)]))
    extract_package(long_pdf, work / "long-pdf", published="2024")
    out.append(("100-page PDF", work / "long-pdf", of(work / "long-pdf", long_pdf)))
    return out


def measure(name: str, package: Path, documents: dict[str, Path] | None, target: Path) -> str:
    """One line: the package's and the page's bytes, the pictures, a first build and an unchanged rebuild."""
    from factsheet.site import load_package, write_site

    def build() -> None:
        shutil.rmtree(target, ignore_errors=True)
        write_site(package, target, documents, root=ROOT)

    built = best(build)
    rebuilt = best(lambda: write_site(package, target, documents, root=ROOT))
    pngs = list((target / "img").glob("*.png")) if (target / "img").exists() else []
    figures = len(load_package(package).tables["figures-latest"])
    return (f"{name:<20} {size(package) / 1e3:>8.0f}kB {size(target, 'index.html') / 1e3:>8.0f}kB "
            f"{sum(p.stat().st_size for p in pngs) / 1e3:>8.0f}kB ({len(pngs):>3}) {built:>7.2f}s "
            f"{rebuilt:>7.2f}s {figures:>8}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"{'package':<20} {'package':>10} {'page':>10} {'pictures':>16} {'build':>8} {'rebuild':>8} "
              f"{'figures':>8}")
        for name, package, documents in packages(work):
            print(measure(name, package, documents, work / "sites" / name.replace(" ", "-")))


if __name__ == "__main__":
    main()
