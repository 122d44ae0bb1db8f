"""A refresh that finds nothing new decides so in plain Python: no Prefect server, no Great Expectations, no file
rewritten; and each archived edition is extracted once, then served from the edition cache beside raw/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet.archive import list_editions
from factsheet.cache import EditionCache, cache_dir, fingerprint
from factsheet.runs import ROOT
from factsheet.settings import RefreshLimits
from factsheet.sources import load_sources
from factsheet.status import load_run, refresh_paths
from factsheet.unchanged import quick_refresh

ID = "innovative-hong-kong"
# Runs the CLI as `make run` does, then says which heavy modules the process imported.
SCRIPT = ("import sys; from factsheet import cli; code = cli.main(sys.argv[1:]); "
          "print('imported:', *[m for m in ('prefect', 'great_expectations', 'frictionless', 'pandas') "
          "if m in sys.modules]); sys.exit(code)")


def clone(tmp_path: Path) -> Path:
    """What a fresh clone holds of the data: sources.toml, raw/ and the published package (no .cache, no .state)."""
    ws = tmp_path / "clone"
    ws.mkdir(parents=True)
    shutil.copytree(ROOT / "raw", ws / "raw")
    shutil.copytree(ROOT / "datapackage", ws / "datapackage")
    shutil.copy2(ROOT / "sources.toml", ws / "sources.toml")
    return ws


def snapshot(*dirs: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for d in dirs for p in sorted(d.rglob("*")) if p.is_file()}


def refresh(ws: Path, prefect_home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "GX_ANALYTICS_ENABLED": "false", "PREFECT_HOME": str(prefect_home)}
    env.pop("PREFECT_API_URL", None)  # as on a fresh machine: a flow run would start a temporary server
    return subprocess.run([sys.executable, "-c", SCRIPT, "refresh", "--sources", str(ws / "sources.toml")],
                          capture_output=True, text=True, env=env, cwd=ws, timeout=120)


def test_a_noop_refresh_starts_no_prefect_server_and_rewrites_nothing(tmp_path):
    ws = clone(tmp_path)
    home = tmp_path / "prefect-home"
    meta = json.loads((ws / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    rows = {r["name"]: r["rows"] for r in meta["resources"] if r.get("type") == "table"}
    before = snapshot(ws / "datapackage", ws / "raw")

    first = refresh(ws, home)  # a fresh clone: rows rebuilt in this process and compared with the package
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0] == f"unchanged: version {meta['version']} ({rows['figures']} figures, {rows['events']} events)"
    assert lines[1:4] == ["validation: not rerun (nothing changed)", f"package: {ws / 'datapackage'}",
                          f"{ID}: unchanged (already archived)"]
    assert lines[-1] == "imported: pandas"  # neither Prefect nor Great Expectations nor frictionless
    assert not home.exists()  # Prefect never started: not even its home folder was made
    assert snapshot(ws / "datapackage", ws / "raw") == before

    second = refresh(ws, home)  # the proof left by the first: a hash check, not even pandas
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines()[:3] == lines[:3]
    assert second.stdout.splitlines()[-1] == "imported:"
    assert not home.exists()
    assert snapshot(ws / "datapackage", ws / "raw") == before
    record = load_run(ws / ".state", ID)
    assert record is not None and not record.failed and record.detail == "unchanged"


def quick(ws: Path):
    paths = refresh_paths(ws / "sources.toml")
    return quick_refresh(paths, load_sources(paths.sources), RefreshLimits())


def test_a_package_that_is_not_current_is_left_to_the_flow(tmp_path):
    ws = clone(tmp_path)
    assert quick(ws).outcome == "unchanged"  # and the proof is now on file
    figures = ws / "datapackage" / "figures.csv"
    figures.write_text("".join(figures.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    assert quick(ws) is None  # a hand-edited package: the flow must republish it

    ws2 = clone(tmp_path / "second")
    assert quick(ws2).outcome == "unchanged"
    archived = ws2 / "raw" / ID / "2022-06" / "source.txt"
    os.chmod(archived, 0o644)
    archived.write_text(archived.read_text(encoding="utf-8").replace("over 44,500", "over 45,000"), encoding="utf-8")
    assert quick(ws2) is None  # an archived file that no longer gives the published rows


def test_each_edition_is_extracted_once_and_an_edited_file_again(tmp_path):
    from factsheet.pipeline import assemble

    ws = clone(tmp_path)
    raw = ws / "raw"
    editions = list_editions(raw, ID)
    first = assemble(editions, {ID: "HKD"}, raw)
    again = assemble(editions, {ID: "HKD"}, raw)
    assert (first.extracted, again.extracted) == (1, 0)
    assert {n: f.to_csv() for n, f in first.frames.items()} == {n: f.to_csv() for n, f in again.frames.items()}
    assert assemble(editions, {ID: "USD"}, raw).extracted == 1  # another setting, another entry
    archived = raw / ID / "2022-06" / "source.txt"
    os.chmod(archived, 0o644)
    archived.write_text(archived.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert assemble(editions, {ID: "HKD"}, raw).extracted == 1  # keyed by the file's bytes, hashed each time
    shutil.rmtree(cache_dir(raw))  # safe to delete: the work is only done again
    assert assemble(editions, {ID: "HKD"}, raw).extracted == 1


def test_a_changed_grammar_is_another_extractor(tmp_path):
    package = tmp_path / "factsheet"
    shutil.copytree(ROOT / "src" / "factsheet", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint(package)
    assert fingerprint(ROOT / "src" / "factsheet") == before == fingerprint()
    words = package / "grammar" / "words.toml"
    words.write_text(words.read_text(encoding="utf-8") + "\n# one more comment\n", encoding="utf-8")
    fingerprint.cache_clear()
    assert fingerprint(package) != before


def test_a_damaged_cache_entry_is_a_miss(tmp_path):
    from factsheet.pipeline import light, standalone_edition

    cache = EditionCache(tmp_path)
    data = light(standalone_edition(ROOT / "raw" / ID / "2022-06" / "source.txt"))
    cache.store("k", data)
    loaded = cache.load("k")
    assert loaded.figures.equals(data.figures) and loaded.document.text == data.document.text
    cache.path("k").write_bytes(b"not a pickle")
    assert cache.load("k") is None and cache.load("absent") is None


@pytest.mark.parametrize("runner", ["spark"])
def test_a_bad_runner_setting_is_exit_2_even_when_nothing_changed(tmp_path, runner):
    ws = clone(tmp_path)
    env = {**os.environ, "FACTSHEET_TASK_RUNNER": runner, "PREFECT_HOME": str(tmp_path / "home")}
    run = subprocess.run([sys.executable, "-m", "factsheet.cli", "refresh", "--sources", str(ws / "sources.toml")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 2
    assert run.stderr == f"factsheet: error: FACTSHEET_TASK_RUNNER={runner}: unknown task runner (thread or dask)\n"
