"""A data tool never destroys a user's files: where `factsheet extract` may write, and what it reads.

Every case runs the real CLI in a subprocess, as a user would, and checks the exit code, the one-line
message and that every file that was there before is still there, byte for byte.
"""

import json
import os
import resource
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet.outputs import check_out_dir, default_out_dir, package_role
from factsheet.publish import _csv_text

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "tests" / "docs" / "transport-2023-09.txt"


def factsheet(*args: object, cwd: Path | None = None, **popen: object) -> subprocess.CompletedProcess:
    popen = {"env": {**os.environ, "DO_NOT_TRACK": "1", "GX_ANALYTICS_ENABLED": "false"}, "timeout": 120, **popen}
    return subprocess.run([sys.executable, "-m", "factsheet.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, **popen)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def one_line_exit_2(run: subprocess.CompletedProcess, *words: str) -> None:
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
    assert all(w in lines[0] for w in words), lines[0]


# --- output folders ----------------------------------------------------------------------------------


def test_a_non_empty_folder_of_the_users_is_refused_and_left_intact(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "notes.txt").write_text("my notes\n")
    (notes / "figures.csv").write_text("my own table\n")
    before = snapshot(notes)
    one_line_exit_2(factsheet("extract", DOC, "--out", notes), "not empty", "--force")
    assert snapshot(notes) == before


def test_force_writes_the_package_beside_the_users_files_and_keeps_them(tmp_path):
    notes = tmp_path / "notes"
    (notes / "drafts").mkdir(parents=True)
    (notes / "notes.txt").write_text("my notes\n")
    (notes / "drafts" / "a.md").write_text("draft\n")
    run = factsheet("extract", DOC, "--out", notes, "--force")
    assert run.returncode == 0, run.stderr
    assert (notes / "notes.txt").read_text() == "my notes\n"
    assert (notes / "drafts" / "a.md").read_text() == "draft\n"
    assert package_role(notes) == "standalone"
    # the folder now holds a package this tool wrote: a second extract needs no --force and keeps the notes
    again = factsheet("extract", ROOT / "tests" / "docs" / "financial-services-2023-05.txt", "--out", notes)
    assert again.returncode == 0, again.stderr
    assert (notes / "notes.txt").read_text() == "my notes\n" and (notes / "drafts" / "a.md").exists()


def test_the_published_package_and_raw_are_never_an_out(tmp_path):
    published = ROOT / "datapackage"
    before = snapshot(published)
    for out in (published, published / "sub", ROOT / "raw", ROOT / "raw" / "x"):
        one_line_exit_2(factsheet("extract", DOC, "--out", out), "only `factsheet refresh` writes")
        assert not (published / "sub").exists() and not (ROOT / "raw" / "x").exists()
    assert snapshot(published) == before
    # also when reached by a relative path, and with --force
    one_line_exit_2(factsheet("extract", DOC, "--out", "datapackage", "--force", cwd=ROOT), "refresh")
    assert snapshot(published) == before


def test_a_folder_inside_any_package_is_refused(tmp_path):
    pkg = tmp_path / "pkg"
    assert factsheet("extract", DOC, "--out", pkg).returncode == 0
    before = snapshot(pkg)
    one_line_exit_2(factsheet("extract", DOC, "--out", pkg / "nested"), "inside the data package")
    assert snapshot(pkg) == before


def test_a_published_package_elsewhere_is_refused_by_its_descriptor(tmp_path):
    other = tmp_path / "published"
    other.mkdir()
    (other / "datapackage.json").write_text(json.dumps({"name": "x", "factsheet": {"role": "published"}}))
    one_line_exit_2(factsheet("extract", DOC, "--out", other, "--force"), "published package")


def test_no_out_writes_a_named_default_folder_and_says_so(tmp_path):
    run = factsheet("extract", DOC, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    expected = tmp_path / "transport-2023-09-datapackage"
    assert (expected / "datapackage.json").exists()
    assert "transport-2023-09-datapackage" in run.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["transport-2023-09-datapackage"]


@pytest.mark.parametrize("name, expected", [
    ("sheet.txt", "sheet-datapackage"), ("dir/report.pdf", "report-datapackage"), ("README", "README-datapackage"),
])
def test_default_out_dir_is_named_after_the_file(name, expected):
    assert default_out_dir(Path(name)) == Path(expected)


def test_check_out_dir_accepts_new_and_empty_folders(tmp_path):
    assert check_out_dir(tmp_path / "new") == tmp_path / "new"
    (tmp_path / "empty").mkdir()
    assert check_out_dir(tmp_path / "empty") == tmp_path / "empty"


# --- inputs ------------------------------------------------------------------------------------------


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "sheet.txt"
    os.mkfifo(fifo)
    one_line_exit_2(factsheet("extract", fifo, "--out", tmp_path / "out", timeout=10), "not a regular file")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_at_once(tmp_path, device):
    if not Path(device).exists():
        pytest.skip(f"{device} absent")
    one_line_exit_2(factsheet("extract", device, "--out", tmp_path / "out", timeout=10), "not a regular file")


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        one_line_exit_2(factsheet("extract", path, "--out", tmp_path / "out"), "not a regular file")
    finally:
        server.close()


def test_an_oversized_file_is_refused_in_one_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(DOC.read_bytes() * 200)
    env = {**os.environ, "FACTSHEET_MAX_BYTES": "100000"}
    one_line_exit_2(factsheet("extract", big, "--out", tmp_path / "out", env=env), "over the limit", "100 kB",
                    "FACTSHEET_MAX_BYTES")
    assert not (tmp_path / "out").exists()


def test_a_bad_size_setting_is_one_line():
    env = {**os.environ, "FACTSHEET_MAX_BYTES": "lots"}
    one_line_exit_2(factsheet("extract", DOC, "--out", "/tmp/never-written", env=env), "FACTSHEET_MAX_BYTES")


def test_file_names_too_long_are_one_line(tmp_path):
    one_line_exit_2(factsheet("extract", tmp_path / ("a" * 300 + ".txt"), "--out", tmp_path / "o"),
                    "File name too long")
    one_line_exit_2(factsheet("extract", DOC, "--out", tmp_path / ("o" * 300)), "File name too long")


def _small_file_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as a full disk does
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_a_failed_write_is_one_line_and_leaves_the_old_package_whole(tmp_path):
    out = tmp_path / "pkg"
    assert factsheet("extract", DOC, "--out", out).returncode == 0
    before = snapshot(out)
    bigger = ROOT / "tests" / "heldout3" / "did-you-know-2024-10.txt"
    run = factsheet("extract", bigger, "--out", out, preexec_fn=_small_file_limit)
    one_line_exit_2(run, "File too large")
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]  # no staging folder left behind


# --- options -----------------------------------------------------------------------------------------


def test_currency_is_checked_before_any_work_and_case_does_not_matter(tmp_path):
    one_line_exit_2(factsheet("extract", DOC, "--out", tmp_path / "a", "--currency", "dollars"), "--currency",
                    "ISO 4217")
    assert not (tmp_path / "a").exists()
    run = factsheet("extract", DOC, "--out", tmp_path / "b", "--currency", "usd")
    assert run.returncode == 0, run.stderr
    figures = json.loads((tmp_path / "b" / "figures.json").read_text())
    assert {f["currency"] for f in figures if f["kind"] == "money" and "$" in f["value_text"]
            and "HK$" not in f["value_text"]} <= {"USD"}


# --- spreadsheet safety ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, csv_text", [
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("-2+3+cmd|x", "'-2+3+cmd|x"),
    ("\tindent", "'\tindent"),
    ("-6.1%", "-6.1%"),  # a signed figure: a spreadsheet reads it as a number, never as a formula
    ("+852", "+852"),
    ("over $1.466 billion", "over $1.466 billion"),
])
def test_text_cells_a_spreadsheet_would_run_are_defused_in_csv_only(text, csv_text):
    assert _csv_text(text, "string") == csv_text


def test_formula_statements_are_defused_in_the_csv_and_kept_in_the_json(tmp_path):
    sheet = tmp_path / "sheet.txt"
    sheet.write_text("Formula Test\n(June 2022)\n\nOverview\n\n"
                     "=HYPERLINK(\"http://evil\") reached 120 schools in 2021.\n\n"
                     "@SUM(A1) funded 35 projects in 2020.\n")
    out = tmp_path / "out"
    run = factsheet("extract", sheet, "--out", out)
    assert run.returncode == 0, run.stderr
    csv_text = (out / "figures.csv").read_text()
    statements = [f["statement"] for f in json.loads((out / "figures.json").read_text())]
    assert any(s.startswith("=HYPERLINK") for s in statements) and any(s.startswith("@SUM") for s in statements)
    assert "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text and ",\"=HYPERLINK" not in csv_text
    assert "'=HYPERLINK" in csv_text and "'@SUM(A1)" in csv_text
