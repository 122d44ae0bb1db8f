"""PUBLISH stage: real files, real frictionless validation, real SIGKILLs against the atomic swap."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from frames import E2, SRC, event_rows, figure_rows, frame, good_frames

from factsheet import schema
from factsheet.errors import InputError
from factsheet.publish import (
    PackageInvalid,
    PackageMeta,
    created_from,
    csv_bytes,
    latest_editions,
    publish_package,
    recover,
)

TESTS = Path(__file__).resolve().parent
META = PackageMeta(
    name="hk-factsheets", title="Hong Kong Government fact sheets as data",
    description="Every figure and dated event stated in the fact sheets.", version="1.0.0",
    created="2023-01-16T09:00:00+08:00",
    licenses=({"name": "ODC-PDDL-1.0", "path": "https://opendatacommons.org/licenses/pddl/",
               "title": "Open Data Commons Public Domain Dedication and License"},),
    sources=({"title": "Innovative Hong Kong", "path": "raw/innovative-hong-kong-2023-01.txt", "sha256": "2" * 64},),
    contributors=({"title": "factsheet pipeline", "role": "author"},),
    changelog_md="# Changelog\n\n## 1.0.0\n\nFirst publication.\n",
)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def mtimes(root: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in [root, *sorted(root.iterdir())]}


def siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir())


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pub") / "package"
    result = publish_package(good_frames(), out, META)
    assert not result.unchanged
    return out


def test_frictionless_cli_validates_the_package(published: Path) -> None:
    cli = Path(sys.executable).with_name("frictionless")
    done = subprocess.run([str(cli), "validate", "--json", str(published / "datapackage.json")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["valid"] is True
    assert len(report["tasks"]) == 10  # 4 CSV + 2 latest views read as tables + 4 JSON forms checked as files


def test_descriptor_names_keys_stats_and_rates(published: Path) -> None:
    pkg = json.loads((published / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in pkg["resources"]}
    assert list(by_name) == ["figures", "events", "editions", "changes", "figures-latest", "events-latest",
                             "figures-json", "events-json", "editions-json", "changes-json"]
    assert by_name["figures"]["path"] == "figures.csv" and by_name["events"]["path"] == "events.csv"
    assert by_name["figures-json"]["path"] == "figures.json"
    assert all(not os.path.isabs(r["path"]) and "/" not in r["path"] for r in pkg["resources"])
    frames = good_frames()
    for name, res in by_name.items():
        base = name.split("-")[0]
        assert [f["name"] for f in res["schema"]["fields"]] == schema.columns(base)
        assert res["schema"] == schema.table_schema(base)
        assert res["schema"]["primaryKey"] == schema.PRIMARY_KEYS[base]
        expected_rows = len(frames[base]) // 2 if name.endswith("-latest") else len(frames[base])
        assert res.get("rows", expected_rows) == expected_rows, name
        assert ("rows" in res) == (res.get("type") == "table") == name.endswith(("s", "-latest")), name
        data = (published / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert res["bytes"] == len(data)
    fk = {"fields": "edition_id", "reference": {"resource": "editions", "fields": "edition_id"}}
    assert by_name["figures"]["schema"]["foreignKeys"] == [fk] == by_name["events-latest"]["schema"]["foreignKeys"]
    assert pkg["created"] == META.created
    assert pkg["rates"] == [{"from": "USD", "to": "HKD", "rate": 7.8, "basis": "Linked Exchange Rate System (HKMA)"}]
    assert "Linked Exchange Rate of 7.8 HKD per USD" in pkg["description"]
    assert pkg["sources"][0]["sha256"] == "2" * 64
    assert (published / "CHANGELOG.md").read_text(encoding="utf-8") == META.changelog_md


def test_csv_is_lf_schema_ordered_with_empty_na(published: Path) -> None:
    for name in ("figures", "events", "editions", "changes", "figures-latest"):
        data = (published / f"{name}.csv").read_bytes()
        assert b"\r" not in data and data.endswith(b"\n")
        header = data.split(b"\n", 1)[0].decode()
        assert header.split(",") == schema.columns(name.split("-")[0])
    first = rows(published / "figures.csv")[0]
    assert first["value"] == "44500" and first["currency"] == "" and first["page"] == ""
    assert first["char_start"] == "107"


NUMBERS = [  # (value in the frame, CSV cell, JSON value)
    (44500.0, "44500", 44500),
    (277200000.0, "277200000", 277200000),
    (1670000000.0, "1670000000", 1670000000),
    (35.54, "35.54", 35.54),
    (0.1, "0.1", 0.1),
    (1e-7, "0.0000001", 1e-7),
    (1.466e21, "1466000000000000000000", 1466000000000000000000),
]


def test_numbers_are_written_exactly(tmp_path: Path) -> None:
    frames = good_frames()
    for i, (value, _, _) in enumerate(NUMBERS):
        frames["figures"].loc[i, "value"] = value
    publish_package(frames, tmp_path / "p", META)
    csv_rows = rows(tmp_path / "p" / "figures.csv")
    json_rows = json.loads((tmp_path / "p" / "figures.json").read_text(encoding="utf-8"))
    for i, (value, cell, number) in enumerate(NUMBERS):
        assert csv_rows[i]["value"] == cell
        assert json_rows[i]["value"] == number and type(json_rows[i]["value"]) is type(number)
        assert float(cell) == value


def test_json_is_rows_in_schema_order_with_nulls(tmp_path: Path) -> None:
    frames = good_frames()
    frames["figures"].loc[0, "section"] = "Hong Kong — 香港"
    publish_package(frames, tmp_path / "p", META)
    raw = (tmp_path / "p" / "figures.json").read_bytes()
    assert raw.startswith(b'[\n {\n  "figure_id": "2022-06-0001",\n') and raw.endswith(b"]\n")
    assert "Hong Kong — 香港".encode() in raw
    data = json.loads(raw)
    assert [list(r) for r in data] == [schema.columns("figures")] * len(frames["figures"])
    assert data[0]["currency"] is None and data[0]["value"] == 44500 and data[1]["page"] == 3


def test_latest_view_holds_each_sources_latest_edition(tmp_path: Path) -> None:
    frames = good_frames()
    other = "other-sheet-2021-03"
    frames["figures"] = pd.concat([frames["figures"], frame("figures", figure_rows(other))], ignore_index=True)
    frames["figures"].loc[14:, "figure_id"] = [f"x-{i}" for i in range(7)]
    frames["events"] = pd.concat([frames["events"], frame("events", event_rows(other)[:1])], ignore_index=True)
    frames["events"].loc[4, "event_id"] = "x-e"
    extra = frames["editions"].iloc[[0]].assign(edition_id=other, source_id="other-sheet", published="2021-03")
    frames["editions"] = pd.concat([frames["editions"], extra], ignore_index=True)
    assert latest_editions(frames["editions"]) == [E2, other]
    publish_package(frames, tmp_path / "p", META)
    latest = rows(tmp_path / "p" / "figures-latest.csv")
    assert {r["edition_id"] for r in latest} == {E2, other} and len(latest) == 14
    assert {r["edition_id"] for r in rows(tmp_path / "p" / "events-latest.csv")} == {E2, other}


def test_empty_tables_publish_and_validate(tmp_path: Path) -> None:
    frames = good_frames()
    frames["changes"] = frames["changes"].iloc[0:0]
    frames["events"] = frames["events"].iloc[0:0]
    result = publish_package(frames, tmp_path / "p", META)  # raises unless frictionless finds it valid
    assert "changes.json" in result.changed
    assert (tmp_path / "p" / "changes.json").read_bytes() == b"[]\n"
    assert (tmp_path / "p" / "events-latest.csv").read_text().splitlines() == [",".join(schema.columns("events"))]
    pkg = json.loads((tmp_path / "p" / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in pkg["resources"]}
    assert by_name["changes-json"]["bytes"] == 3 and "rows" not in by_name["changes-json"]
    assert by_name["changes"]["rows"] == 0 and by_name["figures"]["rows"] == 14


def test_latest_edition_falls_back_to_retrieved_at() -> None:
    editions = frame("editions", [
        {"edition_id": "a", "source_id": SRC, "published": None, "retrieved_at": "2023-05-01T00:00:00Z"},
        {"edition_id": "b", "source_id": SRC, "published": None, "retrieved_at": "2023-04-01T00:00:00Z"},
    ])
    assert latest_editions(editions) == ["a"]


def test_created_comes_from_the_latest_retrieval() -> None:
    frames = good_frames()
    assert created_from(frames) == "2023-01-16T09:00:00+08:00"
    frames["editions"].loc[0, "retrieved_at"] = "2023-01-16T01:00:01Z"  # one second after 09:00 in HK
    assert created_from(frames) == "2023-01-16T01:00:01Z"


def test_republishing_is_byte_identical_and_touches_nothing(tmp_path: Path) -> None:
    first = publish_package(good_frames(), tmp_path / "a", META)
    other = publish_package(good_frames(), tmp_path / "elsewhere" / "b", META)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "elsewhere" / "b")
    assert first.changed == other.changed and "figures.csv" in first.changed
    before = mtimes(tmp_path / "a")
    time.sleep(0.02)
    again = publish_package(good_frames(), tmp_path / "a", META)
    assert again.unchanged and again.changed == ()
    assert mtimes(tmp_path / "a") == before
    assert siblings(tmp_path / "a") == ["a", "elsewhere"]


def test_changed_files_are_reported(tmp_path: Path) -> None:
    out = tmp_path / "p"
    publish_package(good_frames(), out, META)
    frames = good_frames()
    frames["events"].loc[0, "label"] = "Digital 21 Strategy began"  # an E1 row: not in the latest view
    no_changelog = PackageMeta(**{**META.__dict__, "changelog_md": None})
    result = publish_package(frames, out, no_changelog)
    assert result.changed == ("CHANGELOG.md", "datapackage.json", "events.csv", "events.json")
    assert not (out / "CHANGELOG.md").exists()
    assert rows(out / "events.csv")[0]["label"] == "Digital 21 Strategy began"


def _unknown_edition(f: dict[str, pd.DataFrame]) -> None:
    f["figures"].loc[3, "edition_id"] = "nowhere-2020-01"


def _duplicate_id(f: dict[str, pd.DataFrame]) -> None:
    f["figures"].loc[1, "figure_id"] = f["figures"].loc[0, "figure_id"]


def _long_label(f: dict[str, pd.DataFrame]) -> None:
    f["events"].loc[0, "label"] = "L" * 81


def _bad_kind(f: dict[str, pd.DataFrame]) -> None:
    f["figures"].loc[2, "kind"] = "weight"


def _bad_sha(f: dict[str, pd.DataFrame]) -> None:
    f["editions"].loc[0, "sha256"] = "not-a-hash"


def _change_to_unknown(f: dict[str, pd.DataFrame]) -> None:
    f["changes"].loc[0, "to_edition"] = "nowhere-2020-01"


INVALID = [  # (case, mutation, text frictionless reports)
    ("figure with unknown edition_id", _unknown_edition, "foreign key"),
    ("duplicated figure_id", _duplicate_id, "primary key"),
    ("event label of 81 chars", _long_label, 'constraint "maxLength" is "80"'),
    ("unknown kind", _bad_kind, 'constraint "enum"'),
    ("sha256 not hex", _bad_sha, 'constraint "pattern"'),
    ("change to an unknown edition", _change_to_unknown, "foreign key"),
]


@pytest.mark.parametrize("case,mutate,message", INVALID, ids=[c[0] for c in INVALID])
def test_invalid_package_is_refused_and_old_one_kept(published: Path, case: str,
                                                     mutate: Callable[[dict[str, pd.DataFrame]], None],
                                                     message: str) -> None:
    before, times = snapshot(published), mtimes(published)
    frames = good_frames()
    mutate(frames)
    with pytest.raises(PackageInvalid, match=message):
        publish_package(frames, published, META)
    assert snapshot(published) == before and mtimes(published) == times
    assert siblings(published) == ["package"]


def test_first_publish_creates_missing_parents(tmp_path: Path) -> None:
    out = tmp_path / "does" / "not" / "exist"
    assert publish_package(good_frames(), out, META).changed
    assert (out / "datapackage.json").is_file() and siblings(out) == ["exist"]


def _unwritable(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        return locked / "package"
    if not Path("/sys/kernel").is_dir():
        pytest.skip("root and no sysfs: no directory to be refused from")
    return Path("/sys/factsheet-package")  # sysfs refuses mkdir even to root


def test_unwritable_out_dir_is_an_input_error(tmp_path: Path) -> None:
    out = _unwritable(tmp_path)
    with pytest.raises(InputError) as info:
        publish_package(good_frames(), out, META)
    assert str(info.value) == f"{out}: not writable"
    assert not out.exists()


def test_out_dir_that_is_a_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "p").write_text("x")
    with pytest.raises(InputError, match="not a directory"):
        publish_package(good_frames(), tmp_path / "p", META)


def test_missing_column_publishes_nothing(published: Path) -> None:
    before = snapshot(published)
    frames = good_frames()
    frames["events"] = frames["events"].drop(columns=["bbox"])
    with pytest.raises(InputError, match="events: columns missing: bbox"):
        publish_package(frames, published, META)
    assert snapshot(published) == before and siblings(published) == ["package"]


@pytest.mark.parametrize("resource, row, column, message", [
    ("figures", 2, "value", "figures.csv: row 2022-06-0003: value inf is not a finite number"),
    ("figures", 1, "value_hkd", "figures.csv: row 2022-06-0002: value_hkd -inf is not a finite number"),
    ("changes", 0, "new_value", f"changes.csv: row {E2}/wifi-hk-hotspots: new_value inf is not a finite number"),
])
def test_an_infinite_number_names_file_row_and_column(published: Path, resource: str, row: int, column: str,
                                                      message: str) -> None:
    """Whichever path meets it first (deciding the version, or writing the package), nothing is published."""
    before = snapshot(published)
    frames = good_frames()
    frames[resource].loc[row, column] = float("-inf") if column == "value_hkd" else float("inf")
    with pytest.raises(InputError, match=f"^{re.escape(message)}"):
        csv_bytes(frames[resource], resource)
    with pytest.raises(InputError, match=f"^{re.escape(message)}"):
        publish_package(frames, published, META)
    assert snapshot(published) == before and siblings(published) == ["package"]


def test_csv_bytes_match_the_published_file(published: Path) -> None:
    frames = good_frames()
    for name in schema.RESOURCES:
        assert csv_bytes(frames[name], name) == (published / f"{name}.csv").read_bytes()


@pytest.mark.parametrize("state", ["aside only", "aside and new", "half-built staging"])
def test_recover_restores_or_cleans(tmp_path: Path, state: str) -> None:
    out = tmp_path / "package"
    publish_package(good_frames(), out, META)
    whole = snapshot(out)
    aside, staging = tmp_path / ".package.old", tmp_path / ".package.staging"
    if state == "aside only":  # killed between out_dir -> aside and staging -> out_dir
        out.rename(aside)
    elif state == "aside and new":  # killed before the aside copy was deleted
        aside.mkdir()
        (aside / "figures.csv").write_text("old")
    staging.mkdir()
    (staging / "figures.csv").write_text("partial")
    recover(out)
    assert snapshot(out) == whole and siblings(out) == ["package"]


# --- kills ------------------------------------------------------------------------------------------
# A zygote process imports everything once and forks a publisher per round, so each round costs a
# publish, not an interpreter start. Round kinds: "loop" publishes B and A alternately until killed;
# "crash K" publishes B over A and dies (os._exit: no cleanup runs) at the K-th step of the swap.

ZYGOTE = r"""
import errno, os, shutil, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from frames import good_frames
from factsheet import publish
from test_publish import META, variant_b

out, mode = Path(sys.argv[2]), sys.argv[3]
A, B = good_frames(), variant_b()
if mode == "fallback":
    def no_exchange(a, b):
        raise OSError(errno.EINVAL, "no RENAME_EXCHANGE here")
    publish._rename_exchange = no_exchange

def crash_at(k):
    step = [0]
    def tick():
        step[0] += 1
        if step[0] == k:
            os._exit(9)
    def wrap(fn):
        def inner(*args, **kwargs):
            tick(); result = fn(*args, **kwargs); tick(); return result
        return inner
    real_rmtree = shutil.rmtree
    def rmtree(path, *args, **kwargs):
        tick()
        files = sorted(p for p in Path(path).rglob("*") if p.is_file())
        if files:
            files[0].unlink(); tick()
        real_rmtree(path, *args, **kwargs); tick()
    os.rename = wrap(os.rename)
    publish._rename_exchange = wrap(publish._rename_exchange)
    shutil.rmtree = rmtree

import tempfile
warm = Path(tempfile.mkdtemp())  # one publish here, so forked publishers start with warm imports and caches
publish.publish_package(A, warm / "p", META)
shutil.rmtree(warm)
print("ready", flush=True)
for line in sys.stdin:
    words = line.split()
    pid = os.fork()
    if pid == 0:
        try:
            if words[0] == "loop":
                i = 0
                while True:
                    publish.publish_package(A if i % 2 else B, out, META)
                    i += 1
            crash_at(int(words[1]))
            publish.publish_package(B, out, META)
        finally:
            os._exit(0)
    print(pid, flush=True)
    _, status = os.waitpid(pid, 0)
    print(status, flush=True)
"""


def variant_b() -> dict[str, pd.DataFrame]:
    """Package B: other values and one figure fewer, so most files differ from A."""
    frames = good_frames()
    frames["figures"] = frames["figures"].iloc[:-1].copy()
    frames["figures"]["value"] = frames["figures"]["value"] * 2
    frames["figures"]["value_hkd"] = frames["figures"]["value_hkd"] * 2
    frames["editions"].loc[1, "figures"] = 6
    return frames


class Zygote:
    def __init__(self, out: Path, mode: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", ZYGOTE, str(TESTS), str(out), mode],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONPATH": str(TESTS)})
        assert self.readline() == "ready"

    def readline(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        assert line, "zygote died"
        return line

    def start(self, command: str) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return int(self.readline())

    def wait(self) -> int:
        return int(self.readline())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes], float]:
    """Package A's and B's bytes, and how long one publish takes here (kill delays scale with it)."""
    root = tmp_path_factory.mktemp("refs")
    publish_package(good_frames(), root / "a", META)
    start = time.perf_counter()
    publish_package(variant_b(), root / "b", META)
    seconds = time.perf_counter() - start
    a, b = snapshot(root / "a"), snapshot(root / "b")
    assert a != b and set(a) == set(b)
    return a, b, seconds


def restore(out: Path, files: dict[str, bytes]) -> None:
    import shutil

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data)


def test_sigkill_at_random_points_leaves_old_or_new(tmp_path: Path, references: tuple) -> None:
    a, b, seconds = references
    out = tmp_path / "package"
    restore(out, a)
    zygote = Zygote(out, "exchange")
    rng = random.Random(20260601)
    seen = []
    try:
        for _ in range(30):
            pid = zygote.start("loop")
            time.sleep(rng.uniform(0.0, 2.0 * seconds))  # kills land anywhere in the first two publishes
            os.kill(pid, signal.SIGKILL)
            assert os.waitstatus_to_exitcode(zygote.wait()) == -signal.SIGKILL
            recover(out)  # what the next publish does first
            now = snapshot(out)
            assert now in (a, b), sorted(k for k in now if now[k] not in (a.get(k), b.get(k)))
            assert siblings(out) == ["package"]
            seen.append("a" if now == a else "b")
    finally:
        zygote.close()
    assert "a" in seen and "b" in seen  # kills came after swaps, and publishes really alternated


@pytest.mark.parametrize("mode", ["exchange", "fallback"])
def test_crash_at_every_swap_step_leaves_old_or_new(tmp_path: Path, references: tuple, mode: str) -> None:
    a, b, _ = references
    out = tmp_path / "package"
    zygote = Zygote(out, mode)
    outcomes = []
    try:
        for k in range(1, 40):
            restore(out, a)
            zygote.start(f"crash {k}")
            died = os.waitstatus_to_exitcode(zygote.wait()) == 9
            recover(out)
            now = snapshot(out)
            assert now in (a, b), (mode, k)
            assert siblings(out) == ["package"]
            outcomes.append(("a" if now == a else "b") if died else "done")
            if not died:
                assert now == b
                break
    finally:
        zygote.close()
    assert outcomes[-1] == "done" and "a" in outcomes and "b" in outcomes, outcomes


def test_json_written_row_by_row_is_what_json_dumps_gives() -> None:
    """publish streams the JSON files a row at a time: the bytes must be those of dumping the whole list."""
    from factsheet.publish import _cell, _json_rows

    frames = good_frames()
    frames["figures"].loc[0, "statement"] = "two\nlines, \"quoted\", 中文 and a tab\t"
    for name, table in [*frames.items(), ("empty", frames["events"].iloc[0:0])]:
        fields = schema.RESOURCES["events" if name == "empty" else name]
        rows = [{f["name"]: _cell(v, f["type"]) for f, v in zip(fields, row)}
                for row in zip(*[table[f["name"]].tolist() for f in fields])]
        expected = (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        rows_written = list(_json_rows(table, fields))
        written = b"[\n " + b",\n ".join(rows_written) + b"\n]\n" if rows_written else b"[]\n"
        assert written == expected, name
