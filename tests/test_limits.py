"""Bounded inputs: a decompression bomb, a page of 200,000 glyphs, a document over its time budget and a page
over its character limit each end quickly in one line (exit 2 from the CLI), naming the file and the setting."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pdfgen
import pytest

from factsheet.errors import InputError
from factsheet.limits import Deadline, Limits
from factsheet.pdf import _check_raw_streams, read_pdf
from factsheet.pipeline import standalone_edition

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "tests" / "docs" / "transport-2023-09.txt"


def factsheet(*args: object, **env: str) -> tuple[subprocess.CompletedProcess, float]:
    """The CLI as a user runs it, and how long it took."""
    environ = {**os.environ, "DO_NOT_TRACK": "1", "GX_ANALYTICS_ENABLED": "false", **env}
    start = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "factsheet.cli", *map(str, args)], capture_output=True, text=True,
                         env=environ, timeout=120)
    return run, time.monotonic() - start


def one_line(run: subprocess.CompletedProcess) -> str:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_a_decompression_bomb_ends_in_one_line_exit_2_in_under_10_s(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdfgen.decompression_bomb(1 << 30))  # 1 GB of zeros in about 1 MB
    assert bomb.stat().st_size < 2_000_000
    run, seconds = factsheet("extract", bomb, "--out", tmp_path / "out")
    line = one_line(run)
    assert str(bomb) in line and "expands to over 50000000 bytes" in line and "max_stream_bytes" in line
    assert seconds < 10
    assert not (tmp_path / "out").exists()


def test_the_stream_limit_is_a_setting():
    data = pdfgen.decompression_bomb(8 << 20)
    with pytest.raises(InputError, match=r"^b\.pdf: a compressed stream expands to over 4194304 bytes, over the "
                                         r"limit \(setting max_stream_bytes\)$"):
        read_pdf(data, "b.pdf", Limits(max_stream_bytes=4 << 20))
    _check_raw_streams(data, "b.pdf", 16 << 20)  # under the limit: nothing to say


@pytest.mark.parametrize("build", [lambda: pdfgen.encrypted(user_password=""), lambda: pdfgen.pages_of_text(1)],
                         ids=["encrypted", "ascii85-over-flate"])
def test_streams_hidden_from_the_raw_scan_are_checked_once_decoded(build):
    data = build()
    _check_raw_streams(data, "s.pdf", 10)  # ciphertext or ASCII85 text: no zlib header to see
    with pytest.raises(InputError, match=r"^s\.pdf: a compressed stream expands to over 10 bytes"):
        read_pdf(data, "s.pdf", Limits(max_stream_bytes=10))


def test_real_compressed_streams_pass_the_check():
    data = pdfgen.two_column(["Hong Kong has over 44,500 hotspots and $1.2 billion of funds. " * 20] * 6)
    assert b"/FlateDecode" in data
    assert "44,500" in read_pdf(data, "ok.pdf").text


def test_a_page_of_200000_glyphs_is_refused_in_one_line_in_under_10_s(tmp_path):
    path = tmp_path / "glyphs.pdf"
    path.write_bytes(pdfgen.many_glyphs(200_000))
    assert path.stat().st_size < 10_000
    run, seconds = factsheet("extract", path, "--out", tmp_path / "out")
    line = one_line(run)
    assert line.endswith(f"{path}: page 1 has over 20000 characters, over the limit (setting max_chars_per_page)")
    assert seconds < 10


def test_the_characters_per_page_limit_is_a_setting():
    data = pdfgen.pages_of_text(1, "Page {n} holds 44,500 hotspots and a few more words to count.")
    assert "44,500" in read_pdf(data, "p.pdf", Limits(max_chars_per_page=60)).text
    with pytest.raises(InputError, match=r"^p\.pdf: page 1 has over 40 characters, over the limit "
                                         r"\(setting max_chars_per_page\)$"):
        read_pdf(data, "p.pdf", Limits(max_chars_per_page=40))


def test_a_document_over_its_time_budget_ends_in_one_line():
    with pytest.raises(InputError) as err:
        standalone_edition(DOC, limits=Limits(document_seconds=1e-9))
    assert str(err.value) == f"{DOC}: not read within 1e-09 s, the limit per document (setting document_seconds)"


def test_the_time_budget_is_checked_inside_a_pdf_page():
    data = pdfgen.word_grid(120, 20)  # 2,400 words on one page: some thousand glyphs
    with pytest.raises(InputError, match=r"^grid\.pdf: not read within"):
        read_pdf(data, "grid.pdf", deadline=Deadline("grid.pdf", 1e-9))


def test_the_time_budget_is_a_setting_of_the_cli(tmp_path):
    run, _ = factsheet("extract", DOC, "--out", tmp_path / "out", FACTSHEET_DOCUMENT_SECONDS="0.000001")
    assert one_line(run).endswith(f"{DOC}: not read within 1e-06 s, the limit per document "
                                  f"(setting document_seconds)")
    assert not (tmp_path / "out").exists()


def test_a_document_within_its_budget_is_read():
    edition = standalone_edition(DOC, limits=Limits(document_seconds=60))
    assert len(edition.figures) > 10


def test_no_deadline_never_expires():
    Deadline("x", None).check()
    with pytest.raises(InputError, match=r"^x: not read within 0 s"):
        Deadline("x", 0).check()


@pytest.mark.parametrize(("env", "expected"), [
    ({}, Limits()),
    ({"FACTSHEET_MAX_PAGES": "12", "FACTSHEET_DOCUMENT_SECONDS": "2.5"}, Limits(max_pages=12, document_seconds=2.5)),
    ({"FACTSHEET_MAX_CHARS_PER_PAGE": " "}, Limits()),
])
def test_limits_from_the_environment(env, expected):
    assert Limits.from_env(env) == expected


@pytest.mark.parametrize(("env", "message"), [
    ({"FACTSHEET_MAX_PAGES": "ten"}, "FACTSHEET_MAX_PAGES=ten: not a whole number"),
    ({"FACTSHEET_MAX_PAGES": "2.5"}, "FACTSHEET_MAX_PAGES=2.5: not a whole number"),
    ({"FACTSHEET_DOCUMENT_SECONDS": "inf"}, "FACTSHEET_DOCUMENT_SECONDS=inf: must be a finite number above 0"),
    ({"FACTSHEET_MAX_BYTES": "0"}, "FACTSHEET_MAX_BYTES=0: must be a finite number above 0"),
    ({"FACTSHEET_DOCUMENT_SECONDS": "nan"}, "FACTSHEET_DOCUMENT_SECONDS=nan: must be a finite number above 0"),
])
def test_a_bad_limit_setting_is_one_line(env, message):
    with pytest.raises(InputError) as err:
        Limits.from_env(env)
    assert str(err.value) == message
