"""`factsheet status`: staleness from the fetch state and the schedule, plus the run lock and run report."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from factsheet import cli
from factsheet.errors import InputError
from factsheet.fetch import FetchState, save_state
from factsheet.model import Source
from factsheet.pipeline import ROOT, RunSummary, SourceCheck
from factsheet.status import (
    combine,
    cron_period,
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
    assert lines[0].startswith(f"{ID}: last checked ")
    assert "(15 d ago); published version 1.2.0; latest edition innovative-hong-kong-2022-06; STALE (limit 14 d)" \
        in lines[0]
    assert lines[1].endswith("(30 min ago); published version 1.2.0; latest edition none archived; ok (limit 60 min)")
    assert captured.err == f"factsheet: 1 stale source(s): {ID}\n"

    checked(paths.state, ID, timedelta(days=13))
    assert cli.main(["status", "--sources", str(sources)]) == 0
    assert "STALE" not in capsys.readouterr().out


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


def test_refresh_lock_admits_one_run_at_a_time(tmp_path):
    with refresh_lock(tmp_path / "state"):
        with pytest.raises(InputError, match="another refresh has held the lock"):
            with refresh_lock(tmp_path / "state", timeout=0.3):
                pass
    with refresh_lock(tmp_path / "state", timeout=0.3):  # released on exit
        pass


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
