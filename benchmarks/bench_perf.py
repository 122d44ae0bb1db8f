"""Cost of start-up, of nothing new, of a corpus and of history, side by side (issue 12).

Prints, in one run, each figure for this tree and (with --baseline DIR, a checkout of an earlier commit such as
`git worktree add /tmp/base main` or `git archive main | tar -x -C /tmp/base`) for that tree:

- `python -c "import pandas"` beside a no-op refresh (a fresh clone: no .cache/ nor .state/; then again), and
  `factsheet --help`;
- a full refresh (first publication);
- `factsheet extract` per document: a cold process each, and the same documents in one corpus run;
- a corpus of 100 and 1,000 documents (tests/docs, tests/heldout*, the small real documents of
  ../shared/data/real/, repeated with a number added to each copy's title so every edition id differs) at 1
  and 2 workers: wall time and peak memory (the largest process: ru_maxrss through wait4);
- a refresh over 250 archived editions (tiny monthly editions of one series): the first, then one new edition;
- the garbage collector on a large text (1 MB and 4 MB of the seed repeated), in-process: left as it is,
  then tuned (gc.freeze and a first threshold of 70,000). Extraction leaves it as it is: with today's
  linear reader and extractor the tuned collector measured about 10% slower, not faster. Validation freezes
  what Great Expectations' import and context made (400,000 objects that live as long as the process):
  a corpus's validation then costs less CPU (a fifth less when it ran once per 100 documents);
- extraction against quantulum3 on the same text, if it is installed.

Every command runs as a child process, in a temp folder; the repo is not touched.
Run: .venv/bin/python benchmarks/bench_perf.py [--baseline DIR] [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = ROOT / ".venv" / "bin" / "python"
SHARED = ROOT.parent / "shared" / "data"
SMALL = 25_000  # real documents below this size join the corpus (the long speeches and PDFs would dominate it)


def env_for(tree: Path, home: Path) -> dict[str, str]:
    """Telemetry off, a Prefect home of its own, and `tree`'s factsheet package first on the path."""
    env = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "GX_ANALYTICS_ENABLED": "false", "PREFECT_HOME": str(home), "PREFECT_LOGGING_LEVEL": "WARNING",
           "PYTHONPATH": str(tree / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PREFECT_API_URL", None)
    return env


def measure(args: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB of the largest process, exit code, first output line)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(args, env=env, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        first = out.read().decode("utf-8", "replace").splitlines()[:1]
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), first[0] if first else ""


def cli(tree: Path) -> list[str]:
    return [str(PY), "-m", "factsheet.cli"]


def workspace(tree: Path, where: Path, package: bool = True) -> Path:
    """A fresh clone's data: sources.toml, raw/ and (if asked) the published package."""
    where.mkdir(parents=True)
    shutil.copytree(tree / "raw", where / "raw")
    shutil.copy2(tree / "sources.toml", where / "sources.toml")
    if package:
        shutil.copytree(tree / "datapackage", where / "datapackage")
    return where / "sources.toml"


class Table:
    """Rows printed as they come: what, baseline, this tree."""

    def __init__(self, baseline: bool) -> None:
        self.baseline = baseline
        print(f"{'':58} {'baseline' if baseline else '':>24} {'this tree':>24}")

    def row(self, what: str, base: str | None, ours: str) -> None:
        print(f"{what:58} {(base or ('-' if self.baseline else '')):>24} {ours:>24}", flush=True)


def fmt(wall: float, peak: float | None = None, code: int = 0) -> str:
    text = f"{wall:6.2f} s" + (f" {peak:5.0f} MB" if peak is not None else "")
    return text + ("" if code == 0 else f" exit {code}")


def bench_start_and_noop(trees: dict[str, Path], table: Table, tmp: Path) -> None:
    env0 = env_for(ROOT, tmp / "home-ref")
    wall, peak, code, _ = measure([str(PY), "-c", "import pandas"], env0)
    table.row('python -c "import pandas" (reference)', fmt(wall, peak) if "baseline" in trees else None,
              fmt(wall, peak))
    results: dict[str, dict[str, str]] = {}
    for name, tree in trees.items():
        env = env_for(tree, tmp / f"home-{name}")
        r = results.setdefault(name, {})
        wall, peak, code, _ = measure([*cli(tree), "--help"], env)
        r["help"] = fmt(wall, peak, code)
        sources = workspace(tree, tmp / f"noop-{name}")
        for label in ("no-op refresh, fresh clone", "no-op refresh, again"):
            wall, peak, code, first = measure([*cli(tree), "refresh", "--sources", str(sources)], env)
            r[label] = fmt(wall, peak, code) + ("" if first.startswith("unchanged") else " (!)")
        sources = workspace(tree, tmp / f"full-{name}", package=False)
        wall, peak, code, _ = measure([*cli(tree), "refresh", "--sources", str(sources)], env)
        r["full refresh (first publication)"] = fmt(wall, peak, code)
    for label in ("help", "no-op refresh, fresh clone", "no-op refresh, again", "full refresh (first publication)"):
        shown = "factsheet --help" if label == "help" else label
        table.row(shown, results.get("baseline", {}).get(label), results["this"][label])


def corpus_base() -> list[Path]:
    """The documents a corpus is made of: our test sheets and the small real documents."""
    docs = [*sorted((ROOT / "tests" / "docs").glob("*.txt")), *sorted(ROOT.glob("tests/heldout*/*.txt"))]
    real = SHARED / "real"
    if real.is_dir():
        docs += [p for p in sorted(real.rglob("*")) if p.is_file() and p.stat().st_size < SMALL
                 and p.suffix in (".txt", ".md", ".htm", ".html") and p.name != "SOURCES.md"
                 and ".zh." not in p.name]
    return docs


def titles(docs: list[Path], tmp: Path) -> dict[Path, bytes]:
    """Each usable base document and its title as it stands in its bytes. Left out: a document whose rows fail
    validation on their own (an extraction fault, measured elsewhere) and one whose numbered copy keeps its
    edition id (the title is not where its first occurrence stands) or shares it with another base document,
    which would only measure the error list."""
    from factsheet.pipeline import frames_for, standalone_edition
    from factsheet.validate import validate_frames

    usable, seen = {}, set()
    for doc in docs:
        data = standalone_edition(doc)
        title = data.edition.title.encode("utf-8")
        if data.edition.edition_id in seen:  # undated documents of one title share an id: one of them
            continue
        seen.add(data.edition.edition_id)
        copy = tmp / "probe" / doc.name
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(doc.read_bytes().replace(title, title + b" (copy 1)", 1))
        if standalone_edition(copy).edition.edition_id == data.edition.edition_id:
            continue
        if validate_frames(frames_for([data])).success:
            usable[doc] = title
    return usable


def make_corpus(folder: Path, n: int, base: list[Path], named: dict[Path, bytes]) -> Path:
    """n documents: the base documents repeated, each copy's title numbered so its edition id differs (a document
    without a title is named by its file, which differs anyway)."""
    folder.mkdir(parents=True)
    for i in range(n):
        doc = base[i % len(base)]
        copy = i // len(base)
        data = doc.read_bytes()
        if copy:
            data = data.replace(named[doc], named[doc] + f" (copy {copy})".encode(), 1)
        (folder / f"{i:04d}-{doc.name}").write_bytes(data)
    return folder


def bench_extract(trees: dict[str, Path], table: Table, tmp: Path, docs: list[Path]) -> float:
    """Cold extract per document (a process each), and corpus mode per document; the cold mean of this tree."""
    cold: dict[str, str] = {}
    ours = 0.0
    for name, tree in trees.items():
        env = env_for(tree, tmp / f"home-{name}")
        walls = []
        for i, doc in enumerate(docs):
            wall, _, _, _ = measure([*cli(tree), "extract", str(doc), "--out", str(tmp / f"cold-{name}-{i}")], env)
            walls.append(wall)
        cold[name] = fmt(sum(walls) / len(walls))
        ours = sum(walls) / len(walls)
    table.row(f"extract, cold process per document (mean of {len(docs)})", cold.get("baseline"), cold["this"])
    folder = tmp / "few"
    folder.mkdir()
    for doc in docs:
        shutil.copy(doc, folder / doc.name)
    env = env_for(ROOT, tmp / "home-this")
    wall, _, code, _ = measure([*cli(ROOT), "extract", str(folder), "--out", str(tmp / "few-pkg")], env)
    table.row(f"extract, corpus mode per document ({len(docs)} in one run)", None, fmt(wall / len(docs), None, code))
    return ours


MAKE_CORPUS = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bench_perf import corpus_base, make_corpus, titles
tmp = Path(sys.argv[2])
named = titles(corpus_base(), tmp)
for n in sys.argv[3:]:
    make_corpus(tmp / f"corpus-{n}", int(n), list(named), named)
print(len(named), ", ".join(sorted({p.parent.name for p in named})))
"""


def bench_corpus(table: Table, tmp: Path, sizes: tuple[int, ...], cold: float) -> None:
    env = env_for(ROOT, tmp / "home-this")
    # made in a child: this process stays small, so no child inherits a large peak through fork (ru_maxrss)
    made = subprocess.run([str(PY), "-c", MAKE_CORPUS, str(ROOT / "benchmarks"), str(tmp), *map(str, sizes)],
                          env=env, capture_output=True, text=True, check=True).stdout.split(" ", 1)
    print(f"  (corpus made of {made[0]} documents: {made[1].strip()})")
    peaks: dict[tuple[int, int], float] = {}
    for n in sizes:
        folder = tmp / f"corpus-{n}"
        walls = {}
        for workers in (1, 2):
            out = tmp / f"corpus-{n}-w{workers}"
            wall, peak, code, first = measure([*cli(ROOT), "extract", str(folder), "--out", str(out),
                                               "--workers", str(workers)], env)
            if code:  # documents that failed are listed; say how many made it
                with open(out / "editions.csv", encoding="utf-8") as handle:
                    first = f"{sum(1 for _ in handle) - 1} of {n} documents written"
            walls[workers], peaks[n, workers] = wall, peak
            estimate = f"≈{cold * n:6.0f} s cold" if cold else None
            table.row(f"corpus of {n} documents, {workers} worker(s)", estimate if workers == 1 else None,
                      fmt(wall, peak, code))
            if code:
                print(f"  ({first})")
        table.row(f"corpus of {n}: speed-up of 2 workers over 1", None, f"{walls[1] / walls[2]:.2f}x")
        shutil.rmtree(folder)
    for workers in (1, 2):  # the aim: within 1.2x from the smallest corpus to the largest
        table.row(f"peak memory, {sizes[-1]} over {sizes[0]} documents, {workers} worker(s)", "(aim: 1.20x)",
                  f"{peaks[sizes[-1], workers] / peaks[sizes[0], workers]:.2f}x")


def monthly(month: int) -> str:
    year, m = 2001 + month // 12, month % 12
    name = ("January February March April May June July August September October November December").split()[m]
    return (f"Innovative Hong Kong\n({name} {year})\n\nResearch\n\n- Over {100 + month} start-ups were set up.\n"
            f"- About HK${1 + month / 100:.2f} billion was spent on research.\n")


def bench_history(table: Table, tmp: Path, editions: int) -> None:
    """A series of `editions` archived monthly editions refreshed, then one new edition refreshed."""
    ws = tmp / "history"
    ws.mkdir()
    script = (
        "import sys; from pathlib import Path\n"
        "from factsheet.archive import archive_edition\nfrom factsheet.model import Source\n"
        "from factsheet.read import document_of\n"
        f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); from bench_perf import monthly\n"
        "raw = Path(sys.argv[1]); source = Source(id='series', title='Innovative Hong Kong', path='new.txt')\n"
        f"for month in range({editions}):\n"
        "    data = monthly(month).encode()\n"
        "    published = f'{2001 + month // 12}-{month % 12 + 1:02d}'\n"
        "    archive_edition(raw, source, data, document_of(data, 'x.txt'), published, '2024-01-01T00:00:00Z', None)\n"
    )
    env = env_for(ROOT, tmp / "home-this")
    subprocess.run([str(PY), "-c", script, str(ws / "raw")], env=env, check=True)
    (ws / "new.txt").write_text(monthly(editions - 1), encoding="utf-8")
    (ws / "sources.toml").write_text('[[source]]\nid = "series"\ntitle = "Innovative Hong Kong"\npath = "new.txt"\n',
                                     encoding="utf-8")
    args = [*cli(ROOT), "refresh", "--sources", str(ws / "sources.toml")]
    wall, peak, code, first = measure(args, env)
    table.row(f"refresh over {editions} archived editions (first)", None, fmt(wall, peak, code))
    wall, peak, code, first = measure(args, env)
    table.row(f"refresh over {editions} archived editions, nothing new", None, fmt(wall, peak, code))
    (ws / "new.txt").write_text(monthly(editions), encoding="utf-8")
    wall, peak, code, first = measure(args, env)
    table.row(f"refresh over {editions} archived editions + 1 new", "(issue: 37.8 s for 50)", fmt(wall, peak, code))


GC_SCRIPT = """
import gc, sys, time
from pathlib import Path
import pandas  # noqa: F401 - the objects a real run has alive
from factsheet.pipeline import standalone_edition
mode, size, seed = sys.argv[1], float(sys.argv[2]), Path(sys.argv[3])
text = seed.read_text(encoding="utf-8")
body = text.split("\\n", 3)[3]
path = Path(sys.argv[4])
path.write_text(text + "\\n".join(body for _ in range(int(size * 1e6 / len(body)) + 1)), encoding="utf-8")
if mode == "tuned":  # what is alive frozen out of the collector's passes, young collections 100x rarer
    gc.freeze()
    gc.set_threshold(70_000, 50, 100)
start = time.perf_counter()
standalone_edition(path)
print(f"{time.perf_counter() - start:.2f}")
"""


def bench_gc(table: Table, tmp: Path, sizes: tuple[float, ...]) -> None:
    seed = ROOT / "raw" / "innovative-hong-kong" / "2022-06" / "source.txt"
    env = env_for(ROOT, tmp / "home-this")
    for size in sizes:
        times = {}
        for mode in ("default", "tuned"):
            run = subprocess.run([str(PY), "-c", GC_SCRIPT, mode, str(size), str(seed), str(tmp / f"big-{size}.txt")],
                                 env=env, capture_output=True, text=True)
            times[mode] = run.stdout.strip() or "error"
        table.row(f"extract {size:g} MB of text in-process: gc default / tuned", None,
                  f"{times['default']} s / {times['tuned']} s")


QUANTULUM = """
import sys, time
from pathlib import Path
from quantulum3 import parser
from factsheet.pipeline import standalone_edition
path = Path(sys.argv[1]); text = path.read_text(encoding="utf-8")
standalone_edition(path); parser.parse(text)  # warm both
start = time.perf_counter(); standalone_edition(path); ours = time.perf_counter() - start
start = time.perf_counter(); parser.parse(text); theirs = time.perf_counter() - start
print(f"{ours * 1000:.0f} ms / {theirs * 1000:.0f} ms")
"""


def bench_quantulum(table: Table, tmp: Path) -> None:
    env = env_for(ROOT, tmp / "home-this")
    seed = ROOT / "raw" / "innovative-hong-kong" / "2022-06" / "source.txt"
    run = subprocess.run([str(PY), "-c", QUANTULUM, str(seed)], env=env, capture_output=True, text=True)
    shown = run.stdout.strip() if run.returncode == 0 else "quantulum3 not installed"
    table.row("seed in-process: factsheet / quantulum3", None, shown)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--baseline", type=Path, help="a checkout of an earlier commit to compare with")
    options.add_argument("--quick", action="store_true", help="smaller corpus and history (100/300 documents, "
                                                               "50 editions)")
    options.add_argument("--only", help="comma-separated sections: start, extract, corpus, history, gc, quantulum")
    args = options.parse_args()
    trees = {"this": ROOT}
    if args.baseline:
        trees = {"baseline": args.baseline.resolve(), **trees}
    table = Table(bool(args.baseline))
    docs = [*sorted((ROOT / "tests" / "docs").glob("*.txt")), ROOT / "raw" / "innovative-hong-kong" / "2022-06" /
            "source.txt"]
    with tempfile.TemporaryDirectory(prefix="factsheet-perf-") as tmp_name:
        tmp = Path(tmp_name)
        only = set(args.only.split(",")) if args.only else {"start", "extract", "corpus", "history", "gc", "quantulum"}
        cold = 0.0
        if "start" in only:
            bench_start_and_noop(trees, table, tmp)
        if "extract" in only:
            cold = bench_extract(trees, table, tmp, docs)
        if "corpus" in only:
            bench_corpus(table, tmp, (100, 300) if args.quick else (100, 1000), cold)
        if "history" in only:
            bench_history(table, tmp, 50 if args.quick else 250)
        if "gc" in only:
            bench_gc(table, tmp, (1.0,) if args.quick else (1.0, 4.0))
        if "quantulum" in only:
            bench_quantulum(table, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
