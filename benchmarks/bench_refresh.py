"""Refresh cost: wall time and peak memory of `factsheet refresh`, full (first publication) and no-op (unchanged).

Each refresh runs as a child process exactly as `make run` does, on a temp copy of raw/ and sources.toml, so
the repo is not touched. The full refresh starts Prefect's temporary server (a fixed few seconds); the no-op
one decides "unchanged" in plain Python and starts none.
Peak memory is the child's ru_maxrss (os.wait4): the largest resident set of the refresh process.
Run: .venv/bin/python benchmarks/bench_refresh.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FACTSHEET = ROOT / ".venv" / "bin" / "factsheet"


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit code, first output line) of one child process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        first = out.read().decode("utf-8", "replace").splitlines()[:1]
    return wall, usage.ru_maxrss / 1024, child.returncode, first[0] if first else ""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "raw", work / "raw")
        shutil.copy2(ROOT / "sources.toml", work / "sources.toml")
        env = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "GX_ANALYTICS_ENABLED": "false", "PREFECT_HOME": str(work / "prefect"),
               "PREFECT_LOGGING_LEVEL": "WARNING"}
        env.pop("PREFECT_API_URL", None)  # a temporary server, as on a fresh machine
        args = [str(FACTSHEET), "refresh", "--sources", str(work / "sources.toml"),
                "--package", str(work / "datapackage")]
        print("factsheet refresh (child process, temporary Prefect server included)")
        failed = False
        for name in ("full refresh", "no-op refresh"):
            wall, peak, code, first = measure(args, env)
            failed |= code != 0
            print(f"  {name:<14} wall {wall:6.1f} s   peak RSS {peak:6.0f} MB   exit {code}   {first}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
