"""Linear time on adversarial input: ms per KB at 10 KB, 100 KB, 1 MB and 5 MB of each input, side by side
with real fact-sheet text, and the ratio of the slowest to the fastest size per input.

Target: every input flat within 2x (a quadratic path grows 500-fold from 10 KB to 5 MB). Each run is
read -> structure -> extract -> normalise in a fresh process (no deadline), best of several runs at the
small sizes. Times are CPU seconds of that process (on a shared machine, wall time varies twofold with
the load), less the fixed cost of a run (the same path on a document of two words), so that ms per KB is the
cost of the input itself.
Run: .venv/bin/python benchmarks/bench_adversarial.py [--sizes 10K,100K] [--inputs real,table]
[--gc default|freeze|off] [--timeout SECONDS]; PYTHONPATH=<other checkout>/src measures another version.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import adversarial  # noqa: E402

SIZES = (10 * 1024, 100 * 1024, 1024 * 1024, 5 * 1024 * 1024)
TARGET = 2.0
MIN_SECONDS = 1.0  # small sizes repeat until this much time is measured (at most 5 runs)
FIXED = "Hong Kong\n"  # a run's fixed cost: a document with no figure, empty frames


def size_of(text: str) -> int:
    """'10K' -> 10240, '5M' -> 5242880."""
    units = {"K": 1024, "M": 1024 * 1024}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1:].upper() in units else int(text)


def label(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def measure(name: str, size: int, gc_mode: str) -> float:
    """Best seconds of the whole text path on `size` bytes of input `name` (in this process)."""
    import gc

    from factsheet.extract import extract
    from factsheet.normalise import events_frame, figures_frame
    from factsheet.read import document_of, structure

    def run(text: str) -> float:
        start = time.process_time()
        document = document_of(text.encode(), f"{name}.txt")
        parsed = structure(document)
        if gc_mode == "freeze":  # what reading made lives on: keep it out of every later collection
            gc.collect()
            gc.freeze()
        elif gc_mode == "off":
            gc.disable()
        figures, events = extract(parsed)
        figures_frame(figures, document, "bench")
        events_frame(events, document, "bench")
        seconds = time.process_time() - start
        gc.unfreeze()
        gc.enable()
        return seconds

    def best(text: str) -> float:
        fastest, spent, runs = float("inf"), 0.0, 0
        while runs < 5 and (runs == 0 or spent < MIN_SECONDS):
            seconds = run(text)
            fastest, spent, runs = min(fastest, seconds), spent + seconds, runs + 1
        return fastest

    run(adversarial.real(5_000))  # grammar tables and regex caches, as in a running process
    fixed = best(FIXED)
    return max(best(adversarial.INPUTS[name](size)) - fixed, 1e-6)


def child(name: str, size: int, gc_mode: str, timeout: float) -> float | None:
    """measure() in a fresh process; None when it runs past `timeout` seconds."""
    try:
        run = subprocess.run([sys.executable, __file__, "--one", name, str(size), "--gc", gc_mode],
                             capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return float(run.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(label(s).replace(" ", "").replace("B", "") for s in SIZES))
    parser.add_argument("--inputs", default=",".join(adversarial.INPUTS))
    parser.add_argument("--gc", default="default", choices=("default", "freeze", "off"))
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per run before it counts as hung")
    parser.add_argument("--one", nargs=2, metavar=("INPUT", "BYTES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(measure(args.one[0], int(args.one[1]), args.gc))
        return 0
    sizes = [size_of(s) for s in args.sizes.split(",")]
    names = args.inputs.split(",")
    print(f"CPU ms per KB (gc {args.gc}); ratio = slowest / fastest size; target: flat within {TARGET:g}x")
    print(f"{'input':14s}" + "".join(f"{label(s):>11s}" for s in sizes) + f"{'ratio':>9s}")
    worst = 0.0
    for name in names:
        cells, per_kb = [], []
        for size in sizes:
            seconds = child(name, size, args.gc, args.timeout)
            if seconds is None:
                cells.append(f"{'>' + format(args.timeout, 'g') + ' s':>11s}")
                per_kb.append(float("inf"))
                break  # a larger size would only take longer
            per_kb.append(seconds * 1000 / (size / 1024))
            cells.append(f"{per_kb[-1]:11.2f}")
        ratio = max(per_kb) / min(per_kb)
        worst = max(worst, ratio)
        print(f"{name:14s}" + "".join(cells) + "".join(" " * 11 for _ in range(len(sizes) - len(cells)))
              + f"{ratio:8.2f}x", flush=True)
    print(f"worst ratio {worst:.2f}x: {'flat' if worst <= TARGET else 'NOT flat'} (target {TARGET:g}x)")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
