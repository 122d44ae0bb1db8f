"""Extraction throughput of the text path: KB/s and figures/s over the seed and our own fact sheets.

Prints one line per document and a total; read + structure + extract + normalise, no validation. With
`--baseline DIR` (a checkout of an earlier commit, e.g. `git worktree add /tmp/base <commit>`), both trees are
measured in alternating subprocesses, so a busy machine slows both alike, and printed side by side.

Run: .venv/bin/python benchmarks/bench_extract.py [--baseline DIR]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "data" / "innovative-hong-kong-2022-06.txt"
DOCS = [SEED, *sorted((ROOT / "tests" / "docs").glob("*.txt"))]
REPEAT = 20
ROUNDS = 3  # alternating rounds per tree when comparing with a baseline


def run(path: Path) -> tuple[int, int, float]:
    """Bytes, figures and best-of-REPEAT seconds for one document, with the `factsheet` on sys.path."""
    from factsheet.extract import extract
    from factsheet.normalise import events_frame, figures_frame
    from factsheet.read import load, structure

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


def measure() -> dict[str, list[float]]:
    """{document name: [bytes, figures, seconds]} for the documents that exist."""
    run(DOCS[-1])  # warm the grammar caches once, as a long-running process would
    return {path.name: list(run(path)) for path in DOCS if path.exists()}


def measure_tree(src: Path) -> dict[str, list[float]]:
    """measure() in a fresh interpreter that imports `factsheet` from `src`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, __file__, "--json"], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def line(name: str, size: float, figures: float, seconds: float) -> str:
    return (f"{size / 1024:6.1f} KB {int(figures):4d} fig {seconds * 1000:7.1f} ms "
            f"{figures / seconds:7.1f} fig/s")


def main(argv: list[str]) -> int:
    if "--json" in argv:
        print(json.dumps(measure()))
        return 0
    if "--baseline" not in argv:
        results = {"this tree": measure()}
    else:
        base = Path(argv[argv.index("--baseline") + 1]).resolve()
        trees = {"baseline": base / "src", "this tree": ROOT / "src"}
        results: dict[str, dict[str, list[float]]] = {}
        for _ in range(ROUNDS):
            for name, src in trees.items():
                got = measure_tree(src)
                kept = results.setdefault(name, got)
                for doc, row in got.items():
                    kept[doc][2] = min(kept[doc][2], row[2])
    names = list(results)
    print(f"{'':40s} " + " ".join(f"{n:>40s}" for n in names))
    totals = {n: [0.0, 0.0, 0.0] for n in names}
    for doc in results[names[-1]]:
        cells = []
        for n in names:
            row = results[n].get(doc, [0, 0, float("nan")])
            totals[n] = [a + b for a, b in zip(totals[n], row)]
            cells.append(f"{line(doc, *row):>40s}")
        print(f"{doc:40s} " + " ".join(cells))
    print(f"{'total':40s} " + " ".join(f"{line('total', *totals[n]):>40s}" for n in names))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
