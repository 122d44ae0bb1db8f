"""`factsheet status`: staleness from the fetch state and the schedule, plus the run lock and run report."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from factsheet import cli
from factsheet.errors import InputError
from factsheet.fetch import FetchState, save_state
from factsheet.model import Source
from factsheet.pipeline import ROOT, RunSummary, SourceCheck
from factsheet.status import (
    RunRecord,
    combine,
    cron_period,
    load_run,
    record_run,
    refresh_lock,
    refresh_paths,
    run_markdown,
    source_statuses,
    stale_after,
    why,
)

HK = datetime(2024, 1, 10, 12, 0, tzinfo=UTC)  # a Wednesday
ID = "innovative-hong-kong"


@pytest.mark.parametrize(("cron", "period"), [
    ("0 9 * * 1", timedelta(days=7)),
    ("*/15 * * * *", timedelta(minutes=15)),
    ("0 9 1 * *", timedelta(days=29)),  # next fires 1 Feb and 1 Mar 2024: a leap February
    ("30 8 * * 1-5", timedelta(days=1)),
])
def test_cron_period_is_the_gap_between_two_consecutive_fire_times(cron, period):
    assert cron_period(cron, "Asia/Hong_Kong", HK) == period


def test_stale_after_is_the_setting_or_twice_the_schedule():
    weekly = Source(id="a", title="A", path="/x", cron="0 9 * * 1")
    assert stale_after(weekly, HK) == timedelta(days=14)
    assert stale_after(Source(id="b", title="B", path="/x", stale_after_hours=6), HK) == timedelta(hours=6)


def stamp(when: datetime) -> str:
    return when.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def workspace(tmp_path: Path) -> Path:
    """Two sources: weekly (default) and hourly with stale_after_hours = 1; raw/ holds the June edition."""
    shutil.copytree(ROOT / "raw", tmp_path / "raw")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nid = "{ID}"\ntitle = "Innovative Hong Kong"\n'
        f'path = "raw/{ID}/2022-06/source.txt"\n\n'
        '[[source]]\nid = "hourly"\ntitle = "Hourly"\nurl = "http://127.0.0.1:9/h.txt"\n'
        'cron = "0 * * * *"\nstale_after_hours = 1\n',
        encoding="utf-8",
    )
    return sources


def checked(state_dir: Path, source_id: str, ago: timedelta) -> None:
    when = stamp(datetime.now(UTC) - ago)
    save_state(state_dir, source_id, FetchState(sha256="0" * 64, checked_at=when, last_success_at=when))


def test_status_reports_each_source_and_fails_when_one_is_stale(tmp_path, capsys):
    sources = workspace(tmp_path)
    paths = refresh_paths(sources)
    package = paths.package
    package.mkdir()
    (package / "datapackage.json").write_text(json.dumps({"version": "1.2.0"}), encoding="utf-8")
    (package / "editions.csv").write_text(f"edition_id,source_id\n{ID}-2022-06,{ID}\n", encoding="utf-8")
    checked(paths.state, ID, timedelta(days=15))  # weekly: limit 14 d
    checked(paths.state, "hourly", timedelta(minutes=30))  # limit 1 h

    assert cli.main(["status", "--sources", str(sources)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith(f"{ID}: no run recorded; last checked ")
    assert "(15 d ago); published version 1.2.0; latest edition innovative-hong-kong-2022-06; STALE (limit 14 d)" \
        in lines[0]
    assert lines[1].endswith("(30 min ago); published version 1.2.0; latest edition none archived; ok (limit 60 min)")
    assert captured.err == f"factsheet: 1 source(s) not ok: {ID} (stale)\n"

    checked(paths.state, ID, timedelta(days=13))
    assert cli.main(["status", "--sources", str(sources)]) == 0
    assert "STALE" not in capsys.readouterr().out


def test_a_failed_last_run_fails_status_even_when_the_source_is_fresh(tmp_path, capsys):
    """The case status used to call ok: checked an hour ago, then two runs failed."""
    sources = workspace(tmp_path)
    paths = refresh_paths(sources)
    checked(paths.state, ID, timedelta(hours=1))
    checked(paths.state, "hourly", timedelta(minutes=5))
    record_run(paths.state, "hourly", False, "unchanged")
    first = stamp(datetime.now(UTC) - timedelta(minutes=40))
    record_run(paths.state, ID, True, "http://x/ihk.txt: HTTP 404 Not Found", at=first)
    second = stamp(datetime.now(UTC) - timedelta(minutes=10))
    record_run(paths.state, ID, True, "http://x/ihk.txt: HTTP 503 Service Unavailable (3 attempts)", at=second)

    assert cli.main(["status", "--sources", str(sources)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith(f"{ID}: last run {second} (10 min ago) failed: http://x/ihk.txt: HTTP 503 Service "
                               "Unavailable (3 attempts); last checked ")
    assert lines[0].endswith("; FAILED (limit 14 d)")
    assert lines[1].startswith("hourly: last run ") and " ok: unchanged; no failure recorded; last checked " in lines[1]
    assert lines[1].endswith("; ok (limit 60 min)")
    assert captured.err == f"factsheet: 1 source(s) not ok: {ID} (last run failed)\n"

    record_run(paths.state, ID, False, "new edition innovative-hong-kong-2022-12")  # the next run works
    assert cli.main(["status", "--sources", str(sources)]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert " ok: new edition innovative-hong-kong-2022-12; last failure " in line
    assert f"last failure {second} (10 min ago): http://x/ihk.txt: HTTP 503 Service Unavailable (3 attempts);" in line


def test_run_record_keeps_the_last_failure_and_survives_damage(tmp_path):
    state = tmp_path / "state"
    assert load_run(state, ID) is None
    failed = record_run(state, ID, True, "boom:\n  second line", at="2024-01-10T12:00:00Z")
    assert failed == RunRecord("2024-01-10T12:00:00Z", "failed", "boom: second line", "2024-01-10T12:00:00Z",
                               "boom: second line")
    ok = record_run(state, ID, False, "unchanged", at="2024-01-11T12:00:00Z")
    assert ok == RunRecord("2024-01-11T12:00:00Z", "ok", "unchanged", "2024-01-10T12:00:00Z", "boom: second line")
    assert load_run(state, ID) == ok
    assert sorted(p.name for p in state.iterdir()) == [".gitignore", f"{ID}.run.json"]

    (state / f"{ID}.run.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"innovative-hong-kong.run.json: unreadable run record .*; delete it$"):
        load_run(state, ID)
    assert record_run(state, ID, False, "unchanged", at="2024-01-12T12:00:00Z").failure is None  # replaced


def test_status_with_a_damaged_run_record_or_infinite_hours_is_exit_2(tmp_path, capsys):
    sources = workspace(tmp_path)
    paths = refresh_paths(sources)
    paths.state.mkdir()
    (paths.state / f"{ID}.run.json").write_text('["a list"]', encoding="utf-8")
    assert cli.main(["status", "--sources", str(sources)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("factsheet: error: ") and "unreadable run record" in err and err.count("\n") == 1

    for hours, shown in (("inf", "inf"), ("nan", "nan"), ("-1", "-1")):
        sources.write_text(sources.read_text(encoding="utf-8").replace("stale_after_hours = 1",
                                                                      f"stale_after_hours = {hours}"))
        assert cli.main(["status", "--sources", str(sources)]) == 2
        err = capsys.readouterr().err
        assert f"source 'hourly': stale_after_hours must be a finite positive number of hours, not {shown}\n" in err
        sources.write_text(sources.read_text(encoding="utf-8").replace(f"stale_after_hours = {hours}",
                                                                      "stale_after_hours = 1"))


def test_never_checked_is_stale_and_an_unpublished_edition_says_so(tmp_path):
    sources = workspace(tmp_path)
    paths = refresh_paths(sources)
    first, second = source_statuses(
        [Source(id=ID, title="I", path="/x"), Source(id="hourly", title="H", path="/x", stale_after_hours=1)],
        paths, now=datetime.now(UTC))
    assert first.stale and first.last_success is None and first.version is None
    assert "never checked successfully; published version none" in first.line()
    assert "latest edition innovative-hong-kong-2022-06 (not yet published); STALE" in first.line()
    assert second.stale


def test_status_rejects_a_bad_sources_file_with_exit_2(tmp_path, capsys):
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nid = "x"\ntitle = "X"\npath = "a.txt"\ncron = "61 * * * *"\n', encoding="utf-8")
    assert cli.main(["status", "--sources", str(bad)]) == 2
    assert "bad cron '61 * * * *'" in capsys.readouterr().err


def test_refresh_lock_admits_one_run_at_a_time_and_waits_a_bounded_time(tmp_path):
    said: list[str] = []
    with refresh_lock(tmp_path / "state"):
        started = time.monotonic()
        with pytest.raises(InputError) as info:
            with refresh_lock(tmp_path / "state", timeout=0.5, on_wait=said.append):
                pass
        assert 0.5 <= time.monotonic() - started < 2
    holder = f"pid {os.getpid()}, since "
    assert str(info.value).startswith(f"{tmp_path / 'state' / 'refresh.lock'}: another refresh ({holder}")
    assert str(info.value).endswith(") still holds the run lock after 0.5 s (FACTSHEET_LOCK_WAIT sets the wait)")
    assert len(said) == 1 and said[0].startswith(f"waiting up to 0.5 s for the run lock, held by {holder}")
    with refresh_lock(tmp_path / "state", timeout=0.3, on_wait=said.append):  # released on exit
        pass
    assert len(said) == 1  # no wait, nothing said


def test_any_failed_source_fails_the_run_and_says_what_still_published():
    published = RunSummary("published", "1.1.0", Path("pkg"), figures=50, events=8, changes=55)
    checks = [SourceCheck("a", "new-edition", "a-2022-12", "new edition a-2022-12"),
              SourceCheck("b", "failed", None, "http://x/b.txt: HTTP 404 Not Found")]
    summary = combine(published, checks)
    assert summary.outcome == "failed" and summary.version == "1.1.0"
    assert summary.notes == ["a: new edition a-2022-12", "b: failed: http://x/b.txt: HTTP 404 Not Found",
                             "published version 1.1.0 from what did not fail (50 figures, 8 events, 55 changes)"]
    assert why(summary) == "b: failed: http://x/b.txt: HTTP 404 Not Found"
    markdown = run_markdown(summary, checks)
    assert markdown.startswith("# factsheet refresh: failed\n")
    assert "| b | failed |  | http://x/b.txt: HTTP 404 Not Found |" in markdown

    fine = combine(RunSummary("unchanged", "1.1.0", Path("pkg")), checks[:1])
    assert fine.outcome == "unchanged" and fine.notes == ["a: new edition a-2022-12"]
    kept = combine(RunSummary("failed", "1.1.0", Path("pkg")), [], ["failed: validation: figures: x"])
    assert kept.notes[-1] == "package left as it was (version 1.1.0)"


def test_the_artifact_shows_hostile_text_as_text():
    """A statement quoted in a failure can hold HTML, table pipes, code ticks and line breaks."""
    statement = 'Over <script>alert("x")</script> 5 | 6 `rm -rf` [link](http://e.vil)\n# heading'
    checks = [SourceCheck("a", "failed", None, f"raw/a.txt: {statement}")]
    summary = combine(RunSummary("failed", "1.1.0", Path("pkg")), checks, [f"failed: validation: figures: {statement}"])
    markdown = run_markdown(summary, checks)
    assert "<script>" not in markdown and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in markdown
    table_row = next(line for line in markdown.splitlines() if line.startswith("| a |"))
    assert table_row.count("|") - table_row.count("\\|") == 5  # four cells: no pipe of the text splits one
    assert "\\`rm -rf\\`" in markdown and "\\[link\\](http://e.vil)" in markdown
    assert "\n# heading" not in markdown and ") # heading" in markdown  # the line break is gone: no heading
    assert len(markdown.splitlines()) == 2 + 2 + 1 + 1 + len(summary.lines()) - 1  # one line per note
