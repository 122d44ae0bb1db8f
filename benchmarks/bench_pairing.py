"""Pairing figures across editions: quality on the hand-made change keys of real HKMA chapters (real changes
found, pairings of different indicators) and the time to link and compare a long series (the 21 fiscal
releases as one source), beside a baseline revision of the code (default: 8bda1f7, the greedy key
inheritance before issue 11), measured the same way in a child process on that revision's src/.

Run: .venv/bin/python benchmarks/bench_pairing.py [--baseline REV]
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FISCAL = ROOT.parent / "shared" / "data" / "real" / "fiscal"
BASELINE = "8bda1f7"


def measure() -> dict[str, object]:
    """This process's code: key scores and the series timing, as JSON-ready numbers."""
    import pandas as pd

    sys.path.insert(0, str(ROOT / "tests"))
    from changekeys import DEVELOPMENT, HELD_OUT, HKMA, KEYS, load_key, score

    from factsheet.diff import compare_editions
    from factsheet.history import pairs
    from factsheet.model import Edition
    from factsheet.normalise import inherit_keys
    from factsheet.pipeline import EditionData, changes_between, link_editions, standalone_edition

    keys = {}
    for name, a, b in DEVELOPMENT + HELD_OUT:
        old = standalone_edition(HKMA / f"hkma-reserves-management-{a}.en.md", published=str(a)).figures
        new = inherit_keys(standalone_edition(HKMA / f"hkma-reserves-management-{b}.en.md",
                                              published=str(b)).figures, old)
        changes = compare_editions(old, new, f"reserves-management-{a}", f"reserves-management-{b}")
        if "old_figure_id" not in changes:  # a revision before change rows named their figures: pair by key
            changes = pd.DataFrame([{"old_figure_id": o["figure_id"], "new_figure_id": n["figure_id"],
                                     "change": "changed" if o["value"] != n["value"] else "unchanged"}
                                    for o, n in pairs(old, new)[0]])
        s = score(load_key(KEYS / name), old, new, changes)
        keys[name] = [s.found, s.required, len(s.wrong) + len(s.unkeyed)]
    editions = []
    with open(FISCAL / "answers.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            data = standalone_edition(FISCAL / row["file_name"])
            edition = Edition(**{**data.edition.__dict__, "source_id": "fiscal", "published": row["month_ended"],
                                 "edition_id": f"fiscal-{row['month_ended']}"})
            editions.append(EditionData(edition, data.document, data.structure,
                                        data.figures.assign(edition_id=edition.edition_id), data.events))
    start = time.perf_counter()
    changes_between(link_editions(editions))
    return {"keys": keys, "series_s": time.perf_counter() - start, "editions": len(editions)}


def baseline(rev: str) -> dict[str, object] | None:
    """measure() run on another revision's src/ (git archive), or None when git cannot give it."""
    with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as tmp:
        archive = Path(tmp) / "src.tar"
        got = subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), rev, "src"],
                             capture_output=True, text=True)
        if got.returncode != 0:
            print(f"baseline {rev}: {got.stderr.strip()}", file=sys.stderr)
            return None
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        env = {**os.environ, "PYTHONPATH": str(Path(tmp) / "src"), "DO_NOT_TRACK": "1"}
        child = subprocess.run([sys.executable, __file__, "--child"], env=env, capture_output=True, text=True,
                               cwd=tmp, timeout=900)
        if child.returncode != 0:
            print(f"baseline {rev}: {child.stderr.strip()[-500:]}", file=sys.stderr)
            return None
        return json.loads(child.stdout.splitlines()[-1])


def main() -> int:
    if "--child" in sys.argv:
        print(json.dumps(measure()))
        return 0
    if not FISCAL.exists():
        print("shared/data/real is not beside the repo", file=sys.stderr)
        return 1
    rev = sys.argv[sys.argv.index("--baseline") + 1] if "--baseline" in sys.argv else BASELINE
    now, then = measure(), baseline(rev)
    print(f"pairing: this tree beside {rev}")
    for name, (found, required, wrong) in now["keys"].items():
        line = f"  {name:<26} {found}/{required} changes found, {wrong} wrong pairings"
        if then:
            f0, r0, w0 = then["keys"][name]
            line += f"   (baseline {f0}/{r0}, {w0} wrong)"
        print(line)
    line = f"  link and compare {now['editions']} fiscal releases: {now['series_s']:.2f} s"
    print(line + (f"   (baseline {then['series_s']:.2f} s)" if then else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
