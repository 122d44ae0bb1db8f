"""Extraction throughput of the text path: KB/s and figures/s over the seed and our own fact sheets.

Prints one line per document and a total; read + structure + extract + normalise, no validation.
"""

from __future__ import annotations

import time
from pathlib import Path

from factsheet.extract import extract
from factsheet.normalise import events_frame, figures_frame
from factsheet.read import load, structure

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "data" / "innovative-hong-kong-2022-06.txt"
DOCS = [SEED, *sorted((ROOT / "tests" / "docs").glob("*.txt"))]
REPEAT = 20


def run(path: Path) -> tuple[int, int, float]:
    """Bytes, figures and best-of-REPEAT seconds for one document."""
    best = float("inf")
    figures = 0
    for _ in range(REPEAT):
        start = time.perf_counter()
        document, data = load(path)
        mentions, events = extract(structure(document))
        frame = figures_frame(mentions, document, "bench")
        events_frame(events, document, "bench")
        best = min(best, time.perf_counter() - start)
        figures = len(frame)
    return len(data), figures, best


def main() -> None:
    run(DOCS[-1])  # warm the grammar caches once, as a long-running process would
    total_bytes = total_figures = 0
    total_seconds = 0.0
    for path in DOCS:
        if not path.exists():
            continue
        size, figures, seconds = run(path)
        total_bytes, total_figures, total_seconds = total_bytes + size, total_figures + figures, total_seconds + seconds
        print(f"{path.name:40s} {size / 1024:6.1f} KB {figures:4d} figures {seconds * 1000:7.1f} ms "
              f"{size / 1024 / seconds:8.1f} KB/s {figures / seconds:8.1f} figures/s")
    print(f"{'total':40s} {total_bytes / 1024:6.1f} KB {total_figures:4d} figures {total_seconds * 1000:7.1f} ms "
          f"{total_bytes / 1024 / total_seconds:8.1f} KB/s {total_figures / total_seconds:8.1f} figures/s")


if __name__ == "__main__":
    main()
