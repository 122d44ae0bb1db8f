"""The refresh flow end to end on temp copies of raw/ and sources.toml: real fetches, real publishing.

One Prefect test server (prefect_test_harness, its own PREFECT_HOME) serves the whole module; new editions
and failures come from a real HTTP server on 127.0.0.1 (tests/httpserver.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from httpserver import Reply, ScriptedServer

import factsheet  # noqa: F401 - telemetry off before Prefect is imported
from factsheet import cli
from factsheet.errors import InputError
from factsheet.pipeline import ROOT

sys.path.insert(0, str(ROOT))
from flows.refresh import ARTIFACT_KEY, run_refresh, task_runner  # noqa: E402

JUNE = (ROOT / "raw" / "innovative-hong-kong" / "2022-06" / "source.txt").read_text(encoding="utf-8")
# The next edition: its own date and one figure moved; everything else as in June.
DECEMBER = JUNE.replace("(June 2022)", "(December 2022)").replace("over 44,500", "over 46,000")
ID = "innovative-hong-kong"
pytestmark = pytest.mark.usefixtures("prefect_test_server")  # one Prefect server for the module


def source_table(source_id: str, where: str) -> str:
    key = "url" if where.startswith("http") else "path"
    return f'[[source]]\nid = "{source_id}"\ntitle = "Innovative Hong Kong"\n{key} = "{where}"\n\n'


def workspace(root: Path, *tables: str) -> Path:
    """raw/ copied, sources.toml given (default: the repo's), package to be published in root/datapackage."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "raw", root / "raw")
    if tables:
        (root / "sources.toml").write_text("".join(tables), encoding="utf-8")
    else:
        shutil.copy2(ROOT / "sources.toml", root / "sources.toml")
    return root / "sources.toml"


def snapshot(*dirs: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under the dirs: its bytes and its mtime (ns), so a rewrite of the same bytes shows too."""
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for d in dirs for p in sorted(d.rglob("*")) if p.is_file()}


def refresh(sources: Path, **kwargs: object):
    return run_refresh(sources=sources, package=sources.parent / "datapackage", **kwargs)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory):
    """The repo's sources (the archived June 2022 edition, offline) refreshed once into a fresh package."""
    sources = workspace(tmp_path_factory.mktemp("published") / "ws")
    return sources, refresh(sources)


def copy_of(published_ws: Path, tmp_path: Path) -> Path:
    """A copy of a published workspace with mtimes kept (copy2), to refresh again independently."""
    target = tmp_path / "ws"
    shutil.copytree(published_ws.parent, target, copy_function=shutil.copy2)
    return target / "sources.toml"


def latest_artifact() -> str:
    from prefect.artifacts import Artifact

    artifact = Artifact.get(ARTIFACT_KEY)
    assert artifact is not None
    return str(artifact.data)


def test_first_run_publishes_1_0_0_and_frictionless_accepts_it(published):
    sources, summary = published
    package = sources.parent / "datapackage"
    assert (summary.outcome, summary.version) == ("published", "1.0.0")
    assert summary.figures > 40 and summary.events > 0 and summary.changes == 0
    assert f"{ID}: unchanged (already archived)" in summary.notes
    assert "## 1.0.0 (2022-06)" in (package / "CHANGELOG.md").read_text(encoding="utf-8")
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "frictionless"), "validate", "datapackage.json"],
                            cwd=package, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "DO_NOT_TRACK": "1"})
    assert result.returncode == 0, result.stdout[-2000:]


def test_second_run_is_unchanged_and_rewrites_no_file(published, tmp_path):
    sources = copy_of(published[0], tmp_path)
    package, raw = sources.parent / "datapackage", sources.parent / "raw"
    before = snapshot(package, raw)
    summary = refresh(sources)
    assert (summary.outcome, summary.version) == ("unchanged", "1.0.0")
    assert summary.lines()[0] == f"unchanged: version 1.0.0 ({summary.figures} figures, {summary.events} events)"
    assert snapshot(package, raw) == before
    markdown = latest_artifact()
    assert markdown.startswith("# factsheet refresh: unchanged: version 1.0.0")
    assert f"| {ID} | unchanged |" in markdown


def test_dask_runner_is_a_setting_and_publishes_the_same_bytes(published, tmp_path, monkeypatch):
    from prefect.task_runners import ThreadPoolTaskRunner
    from prefect_dask import DaskTaskRunner

    monkeypatch.setenv("FACTSHEET_TASK_RUNNER", "dask")
    assert isinstance(task_runner(), DaskTaskRunner)
    monkeypatch.setenv("FACTSHEET_TASK_RUNNER", "thread")
    assert isinstance(task_runner(), ThreadPoolTaskRunner)
    monkeypatch.setenv("FACTSHEET_TASK_RUNNER", "spark")
    with pytest.raises(InputError, match="FACTSHEET_TASK_RUNNER=spark: unknown task runner"):
        task_runner()
    monkeypatch.setenv("FACTSHEET_TASK_RUNNER", "dask")
    sources = workspace(tmp_path / "ws")
    summary = refresh(sources)  # runner=None: the setting decides
    assert (summary.outcome, summary.version) == ("published", "1.0.0")
    thread_built = published[0].parent / "datapackage"
    dask_built = sources.parent / "datapackage"
    assert {p.relative_to(dask_built): p.read_bytes() for p in dask_built.rglob("*") if p.is_file()} == \
           {p.relative_to(thread_built): p.read_bytes() for p in thread_built.rglob("*") if p.is_file()}


def test_new_edition_over_http_publishes_a_minor_version_with_changes(tmp_path):
    with ScriptedServer() as server:
        server.script("/ihk.txt", Reply.text(JUNE, etag='"june"'))
        sources = workspace(tmp_path / "ws", source_table(ID, server.url("/ihk.txt")))
        package = sources.parent / "datapackage"
        first = refresh(sources)
        assert (first.outcome, first.version) == ("published", "1.0.0")
        server.script("/ihk.txt", Reply.text(DECEMBER, etag='"december"'))
        second = refresh(sources)
        assert server.requests_for("/ihk.txt")[-1].header("If-None-Match") == '"june"'
    assert (second.outcome, second.version) == ("published", "1.1.0")
    assert f"{ID}: new edition {ID}-2022-12" in second.notes
    assert second.changes > 0
    manifest = sources.parent / "raw" / ID / "2022-12" / "manifest.json"
    assert manifest.is_file() and server.url("/ihk.txt") in manifest.read_text(encoding="utf-8")
    changes = (package / "changes.csv").read_text(encoding="utf-8")
    assert "over 44,500" in changes and "over 46,000" in changes
    changelog = (package / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## 1.1.0 (2022-12)") < changelog.index("## 1.0.0 (2022-06)")
    assert "over 44,500 → over 46,000" in changelog
    editions = (package / "editions.csv").read_text(encoding="utf-8")
    assert f"{ID}-2022-06" in editions and f"{ID}-2022-12" in editions


def test_an_absurd_number_in_a_new_edition_is_left_out_with_a_warning(tmp_path):
    """One 400-digit number costs one figure and a warning line, not the edition: the refresh publishes."""
    absurd = DECEMBER.replace("over 46,000", "over " + "9" * 400)
    with ScriptedServer() as server:
        server.script("/ihk.txt", Reply.text(absurd, etag='"absurd"'))
        sources = workspace(tmp_path / "ws", source_table(ID, server.url("/ihk.txt")))
        summary = refresh(sources)
    assert (summary.outcome, summary.version) == ("published", "1.0.0"), summary.lines()
    [warning] = [n for n in summary.notes if n.startswith("warning: ")]
    assert warning.startswith(f"warning: {ID}-2022-12: 1 figure left out: number too large ('over 9999")
    figures = (sources.parent / "datapackage" / "figures.csv").read_text(encoding="utf-8")
    assert "over 9999" not in figures and figures.count(f"{ID}-2022-12-") == figures.count(f"{ID}-2022-06-") - 1


def test_failures_are_reported_others_publish_and_the_package_is_kept(tmp_path, capsys):
    with ScriptedServer() as server:
        server.script("/ihk.txt", Reply.text(JUNE))
        server.script("/crash.txt", Reply.text(JUNE))
        sources = workspace(tmp_path / "ws", source_table(ID, server.url("/ihk.txt")),
                            source_table("gone", server.url("/gone.txt")),  # never scripted: 404
                            source_table("crash", server.url("/crash.txt")))
        raw, package = sources.parent / "raw", sources.parent / "datapackage"
        (raw / "crash").write_text("a file where the edition folder must go\n", encoding="utf-8")

        first = refresh(sources)
        assert first.outcome == "failed" and first.version == "1.0.0"  # the healthy source still published
        assert (package / "datapackage.json").is_file()
        assert f"gone: failed: {server.url('/gone.txt')}: HTTP 404 Not Found" in first.notes
        assert any(n.startswith("crash: failed: FileExistsError") for n in first.notes), first.notes
        assert server.count("/gone.txt") == 1  # a 404 is final: neither fetch nor the task retries it
        assert server.count("/crash.txt") == 2  # a crash is retried once by the task
        assert "| gone | failed |" in latest_artifact()

        before = snapshot(package, raw)
        code = cli.main(["refresh", "--sources", str(sources), "--package", str(package)])
        out = capsys.readouterr().out
        assert code == 1
        assert out.splitlines()[0] == "failed"
        assert "package left as it was (version 1.0.0)" in out
        assert snapshot(package, raw) == before

    # An archived edition that no longer extracts (say, a grammar regression): nothing is published.
    edition_text = raw / ID / "2022-06" / "source.txt"
    os.chmod(edition_text, 0o644)
    edition_text.write_text("Nothing to see here.\n", encoding="utf-8")
    before = snapshot(package)
    broken = refresh(sources)
    assert broken.outcome == "failed"
    assert any(n.startswith(f"failed: edition {ID}-2022-06:") and "no figures" in n for n in broken.notes)
    assert snapshot(package) == before


def test_cli_refresh_exit_codes(published, tmp_path, capsys, monkeypatch):
    sources = copy_of(published[0], tmp_path)
    package = sources.parent / "datapackage"
    assert cli.main(["refresh", "--sources", str(sources), "--package", str(package)]) == 0
    assert capsys.readouterr().out.startswith("unchanged: version 1.0.0")

    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nid = "x"\ntitle = "X"\nurl = "ftp://example.org/x.txt"\n', encoding="utf-8")
    assert cli.main(["refresh", "--sources", str(bad), "--package", str(package)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"factsheet: error: {bad}: source 'x': url") and err.count("\n") == 1

    monkeypatch.setenv("FACTSHEET_TASK_RUNNER", "spark")
    assert cli.main(["refresh", "--sources", str(sources), "--package", str(package)]) == 2
    assert "unknown task runner" in capsys.readouterr().err


def test_a_first_run_with_nothing_fetched_publishes_nothing(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(source_table("gone", "http://127.0.0.1:9/gone.txt"), encoding="utf-8")
    summary = run_refresh(sources=sources, package=tmp_path / "datapackage")
    assert summary.outcome == "failed" and summary.version is None
    assert summary.notes[0].startswith("gone: failed: http://127.0.0.1:9/gone.txt: connection failed")
    assert "failed: no edition archived yet: nothing to publish" in summary.notes
    assert not (tmp_path / "datapackage").exists()


def test_failed_validation_is_one_line_per_failing_expectation():
    from factsheet.pipeline import frames_for, standalone_edition
    from factsheet.validate import ValidationFailed, validate_or_raise
    from flows.refresh import _publish_failures

    frames = frames_for([standalone_edition(ROOT / "raw" / ID / "2022-06" / "source.txt")])
    frames["figures"].loc[0, "value"] = -1.0
    with pytest.raises(ValidationFailed) as info:
        validate_or_raise(frames)
    lines = _publish_failures(info.value)
    assert lines and all(line.startswith("failed: validation: ") for line in lines)
    assert any("figures" in line and "value" in line for line in lines)
    assert _publish_failures(OSError(28, "No space left on device")) == \
        ["failed: publish: OSError: [Errno 28] No space left on device"]


def test_a_pdf_source_is_archived_read_by_content_and_located_on_its_page(tmp_path):
    """A PDF served without a .pdf name: archived as source.pdf with its text; figures carry page and bbox."""
    import csv

    import pdfplumber
    from pdfgen import render_factsheet

    pdf = render_factsheet(DECEMBER, tmp_path / "december.pdf", layout="two-column-panel").read_bytes()
    with ScriptedServer() as server:
        server.script("/ihk", Reply(body=pdf, headers={"Content-Type": "application/pdf"}))
        sources = workspace(tmp_path / "ws", source_table(ID, server.url("/ihk")))
        summary = refresh(sources)
    assert (summary.outcome, summary.version) == ("published", "1.0.0"), summary.lines()
    edition = sources.parent / "raw" / ID / "2022-12"
    assert (edition / "source.pdf").read_bytes() == pdf
    text = (edition / "text.txt").read_text(encoding="utf-8")
    with open(sources.parent / "datapackage" / "figures.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["edition_id"] == f"{ID}-2022-12"]
    assert len(rows) >= 45
    with pdfplumber.open(edition / "source.pdf") as doc:
        for row in rows:
            assert row["page"] and row["bbox"], row
            span = text[int(row["char_start"]) : int(row["char_end"])]
            assert " ".join(span.split()) == " ".join(row["value_text"].split())
            x0, top, x1, bottom = map(float, row["bbox"].split(","))
            page = doc.pages[int(row["page"]) - 1]
            inside = page.within_bbox((x0 - 0.5, top - 0.5, x1 + 0.5, bottom + 0.5)).extract_text()
            assert row["value_text"].split()[-1] in inside.split() or row["value_text"].split()[-1] in inside


# --- honest operations: the run's end, its record, its time limits ---------------------------------------


def test_a_failed_run_ends_failed_with_its_reason_and_status_says_so(published, tmp_path, capsys):
    """The case `status` called ok: a source checked successfully, then two failed runs."""
    from flows.refresh import RunFailed
    from flows.refresh import refresh as refresh_flow

    with ScriptedServer() as server:
        server.script("/ihk.txt", Reply.text(JUNE))
        sources = workspace(tmp_path / "ws", source_table(ID, server.url("/ihk.txt")))
        package = sources.parent / "datapackage"
        assert refresh(sources).outcome == "published"
        server.script("/ihk.txt", Reply(404))
        refresh(sources)
        final = refresh_flow(sources=str(sources), package=str(package), return_state=True)
    reason = f"{ID}: failed: {server.url('/ihk.txt')}: HTTP 404 Not Found"
    assert final.is_failed() and final.message == reason
    outcome = final.result(raise_on_failure=False)
    assert isinstance(outcome, RunFailed) and str(outcome) == reason and outcome.summary.outcome == "failed"

    assert cli.main(["status", "--sources", str(sources), "--package", str(package)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{ID}: last run ")
    assert f" failed: {server.url('/ihk.txt')}: HTTP 404 Not Found; last checked " in captured.out
    assert captured.out.rstrip().endswith("; FAILED (limit 14 d)")  # checked minutes ago: not stale
    assert captured.err == f"factsheet: 1 source(s) not ok: {ID} (last run failed)\n"


def test_a_run_waits_a_bounded_time_for_the_lock_and_says_why_it_failed(published, tmp_path, monkeypatch):
    from factsheet.status import load_run, refresh_lock

    sources = copy_of(published[0], tmp_path)
    state = sources.parent / ".state"
    monkeypatch.setenv("FACTSHEET_LOCK_WAIT", "1")
    with refresh_lock(state):  # another run holds it
        started = time.monotonic()
        summary = refresh(sources)
        took = time.monotonic() - started
    assert summary.outcome == "failed" and summary.version == "1.0.0"
    reasons = [n for n in summary.notes if n.startswith("failed: ")]
    assert len(reasons) == 1 and reasons[0].startswith(f"failed: {state / 'refresh.lock'}: another refresh (pid ")
    assert reasons[0].endswith(") still holds the run lock after 1 s (FACTSHEET_LOCK_WAIT sets the wait)")
    assert took < 15
    record = load_run(state, ID)
    assert record is not None and record.failed and record.detail == reasons[0].removeprefix("failed: ")


def test_a_stage_over_its_time_budget_fails_in_one_line_and_is_not_retried(published, tmp_path, monkeypatch):
    """A source served one byte every 0.2 s: the fetch deadline (60 s) is far, the check stage's budget (2 s)
    ends it."""
    monkeypatch.setenv("FACTSHEET_STAGE_TIMEOUT", "2")
    monkeypatch.setenv("FACTSHEET_FETCH_DEADLINE", "60")
    with ScriptedServer() as server:
        server.script("/ihk.txt", Reply.text(JUNE, drip=0.2))
        sources = workspace(tmp_path / "ws", source_table(ID, server.url("/ihk.txt")))
        started = time.monotonic()
        summary = refresh(sources)
        took = time.monotonic() - started
        assert server.count("/ihk.txt") == 1  # a stage over its budget would only time out again
    assert summary.outcome == "failed"
    assert f"{ID}: failed: check took longer than its 2 s time budget (FACTSHEET_STAGE_TIMEOUT)" in summary.notes
    assert took < 30


def test_a_slow_source_ends_at_the_fetch_deadline_through_the_flow(published, tmp_path, monkeypatch):
    monkeypatch.setenv("FACTSHEET_FETCH_DEADLINE", "1.5")
    with ScriptedServer() as server:
        server.script("/ihk.txt", Reply.text(JUNE, drip=0.2))
        sources = workspace(tmp_path / "ws", source_table(ID, server.url("/ihk.txt")))
        summary = refresh(sources)
    assert (f"{ID}: failed: {server.url('/ihk.txt')}: no complete answer within the 1.5 s deadline for a whole "
            "fetch (FACTSHEET_FETCH_DEADLINE)") in summary.notes


@pytest.mark.parametrize(("name", "value"), [("FACTSHEET_LOCK_WAIT", "an hour"), ("FACTSHEET_STAGE_TIMEOUT", "inf"),
                                             ("FACTSHEET_FETCH_DEADLINE", "-5")])
def test_a_bad_time_limit_setting_is_exit_2_before_any_work_and_a_failed_run_in_the_flow(
        published, tmp_path, capsys, monkeypatch, name, value):
    sources = copy_of(published[0], tmp_path)
    package = sources.parent / "datapackage"
    before = snapshot(package)
    monkeypatch.setenv(name, value)
    assert cli.main(["refresh", "--sources", str(sources), "--package", str(package)]) == 2
    assert capsys.readouterr().err == f"factsheet: error: {name}={value!r}: not a positive number of seconds\n"
    summary = refresh(sources)  # a served run reads the setting itself: a failed run, one line
    assert summary.outcome == "failed"
    assert f"failed: {name}={value!r}: not a positive number of seconds" in summary.notes
    assert snapshot(package) == before


def test_an_unknown_source_id_is_a_failed_run_not_a_traceback(published, tmp_path):
    sources = copy_of(published[0], tmp_path)
    summary = refresh(sources, only=["no-such-source"])
    assert summary.outcome == "failed"
    assert f"failed: {sources}: no source 'no-such-source'" in summary.notes


def test_prefect_log_records_keep_one_line_unless_debugging(monkeypatch):
    import logging

    from factsheet.pipeline import RunSummary
    from flows.refresh import OneLineFailures, RunFailed

    def record(exc: BaseException, msg: str, *args: object) -> logging.LogRecord:
        try:
            raise exc
        except BaseException:
            return logging.LogRecord("prefect.flow_runs", logging.ERROR, __file__, 1, msg, args, sys.exc_info())

    monkeypatch.delenv("FACTSHEET_DEBUG", raising=False)
    quiet = OneLineFailures()
    failed = record(RunFailed("a: failed: HTTP 404", RunSummary("failed")), "Engine execution exited with unexpected "
                                                                             "exception")
    assert quiet.filter(failed) and failed.getMessage() == "run failed: a: failed: HTTP 404" and not failed.exc_info
    crash = record(KeyError("x"), "Task run failed with exception: %r - Retries are exhausted", KeyError("x"))
    assert quiet.filter(crash) and not crash.exc_info
    assert crash.getMessage() == ("Task run failed with exception: KeyError('x') - Retries are exhausted: "
                                  "KeyError: 'x' (FACTSHEET_DEBUG=1 shows the traceback)")
    assert logging.Formatter().format(crash).count("\n") == 0
    notice = logging.LogRecord("prefect.task_runs", logging.WARNING, __file__, 1, "Timeout of %s seconds configured "
                               "for this task, but the task is running in a worker thread. ...", (600,), None)
    assert not quiet.filter(notice)

    monkeypatch.setenv("FACTSHEET_DEBUG", "1")
    kept = record(KeyError("x"), "boom")
    assert quiet.filter(kept) and kept.exc_info and "Traceback" in logging.Formatter().format(kept)


# --- work done once: the edition cache ------------------------------------------------------------------


def monthly(month: int) -> str:
    """A small edition of the series for month `month` (0: January 2001), with figures that move a little."""
    year, m = 2001 + month // 12, month % 12
    name = ("January February March April May June July August September October November December").split()[m]
    return (f"Innovative Hong Kong\n({name} {year})\n\nResearch\n\n- Over {100 + month} start-ups were set up.\n"
            f"- About HK${1 + month / 100:.2f} billion was spent on research.\n")


@pytest.mark.slow
def test_one_new_edition_among_250_archived_is_the_only_one_extracted(tmp_path):
    from factsheet.archive import archive_edition, list_editions
    from factsheet.cache import EditionCache, cache_dir
    from factsheet.model import Source
    from factsheet.pipeline import assemble
    from factsheet.read import document_of

    ws = tmp_path / "ws"
    raw = ws / "raw"
    source = Source(id="series", title="Innovative Hong Kong", path="new.txt")
    for month in range(250):
        data = monthly(month).encode("utf-8")
        published = f"{2001 + month // 12}-{month % 12 + 1:02d}"
        archive_edition(raw, source, data, document_of(data, "x.txt"), published, "2024-01-01T00:00:00Z", None)
    archived = list_editions(raw, "series")
    assert len(archived) == 250 and assemble(archived, {"series": "HKD"}, raw).extracted == 250  # earlier runs
    entries = EditionCache(cache_dir(raw)).folder
    before = {p.name: p.stat().st_mtime_ns for p in entries.iterdir()}
    (ws / "new.txt").write_text(monthly(250), encoding="utf-8")
    (ws / "sources.toml").write_text('[[source]]\nid = "series"\ntitle = "Innovative Hong Kong"\npath = "new.txt"\n',
                                     encoding="utf-8")

    summary = refresh(ws / "sources.toml")
    assert summary.outcome == "published", summary.lines()
    assert "series: new edition series-2021-11" in summary.notes
    assert "editions: 251 (1 extracted, 250 from the cache)" in summary.notes
    after = {p.name: p.stat().st_mtime_ns for p in entries.iterdir()}
    assert len(after) == 251 and {k: after[k] for k in before} == before  # one entry added, none rewritten
    editions = (ws / "datapackage" / "editions.csv").read_text(encoding="utf-8").splitlines()
    assert len(editions) == 252 and "series-2021-11" in editions[-1]
