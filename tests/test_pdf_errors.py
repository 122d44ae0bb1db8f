"""Bad PDFs give one-line InputErrors naming the file, from read_pdf and through the CLI (exit 2)."""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pdfgen
import pytest

from factsheet.errors import InputError
from factsheet.limits import Limits
from factsheet.pdf import read_pdf
from factsheet.read import load

FACTSHEET = Path(sys.executable).with_name("factsheet")


def truncated(frac: float) -> bytes:
    data = pdfgen.two_column(["Sentence with 44,500 hotspots and $1.2 billion. " * 12] * 8)
    return data[: int(len(data) * frac)]


# name, bytes builder, max_pages, expected message tail (after "<path>: ")
CASES = [
    ("truncated-early", lambda: truncated(0.3), 200, "truncated or corrupt PDF"),
    ("truncated-late", lambda: truncated(0.95), 200, "truncated or corrupt PDF"),
    ("truncated-eof", lambda: truncated(0.999), 200, "truncated or corrupt PDF"),
    ("corrupt", lambda: b"%PDF-1.4\n" + bytes(range(256)) * 16 + b"\n%%EOF\n", 200, "truncated or corrupt PDF"),
    ("encrypted", pdfgen.encrypted, 200, "encrypted: password required"),
    ("scanned", pdfgen.scanned, 200, "no text layer (scanned image?); OCR is needed"),
    ("scanned-page-2", lambda: pdfgen.scanned(3, text_pages=(1, 3)), 200,
     "page 2 has no text layer (scanned image?); OCR is needed"),
    ("zero-pages", pdfgen.zero_pages, 200, "PDF has no pages"),
    ("no-mediabox", pdfgen.no_mediabox, 200, "truncated or corrupt PDF (TypeError"),
    ("too-many-pages", lambda: pdfgen.pages_of_text(5), 4, "5 pages, over the limit of 4 (setting max_pages)"),
    ("text-named-pdf", lambda: b"Innovative Hong Kong\n\nOverview\n\n$100 million.\n", 200,
     "not a PDF (no %PDF- header)"),
]


@pytest.mark.parametrize(("name", "build", "max_pages", "message"), CASES, ids=[c[0] for c in CASES])
def test_read_pdf_bad_input(tmp_path, name, build, max_pages, message):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(build())
    with pytest.raises(InputError) as err:
        load(path, limits=Limits(max_pages=max_pages))
    text = str(err.value)
    assert "\n" not in text
    assert text.startswith(f"{path}: ")
    assert text[len(f"{path}: "):].startswith(message)


def test_encrypted_with_owner_password_only_is_read():
    """No user password: readers open it freely, so must we."""
    doc = read_pdf(pdfgen.encrypted(user_password=""), "owner-only.pdf")
    assert doc.text == "Confidential: 44,500 hotspots.\n"


def test_page_limit_checked_before_pages_are_parsed():
    data = pdfgen.pages_of_text(201)
    with pytest.raises(InputError, match=r"^big\.pdf: 201 pages, over the limit of 200 \(setting max_pages\)$"):
        read_pdf(data, "big.pdf")


def test_damaged_bytes_never_escape_as_a_traceback():
    """Seeded byte flips all over a good PDF: each read gives a Document or a one-line InputError."""
    good = pdfgen.two_column(["Some text with 44,500 hotspots and $1.2 billion. " * 6] * 4)
    rnd = random.Random(7)
    outcomes = Counter()
    for _ in range(60):
        data = bytearray(good)
        for _ in range(rnd.choice((1, 4, 16))):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        try:
            read_pdf(bytes(data), "flipped.pdf")
            outcomes["read"] += 1
        except InputError as exc:
            assert "\n" not in str(exc) and str(exc).startswith("flipped.pdf: ")
            outcomes["refused"] += 1
    assert outcomes["refused"] > 0 and outcomes["read"] > 0


def test_pdfminer_noise_does_not_reach_stderr(capfd):
    with pytest.raises(InputError):
        read_pdf(truncated(0.5), "t.pdf")
    assert capfd.readouterr().err == ""


CLI_CASES = [c for c in CASES if c[2] == 200] + [
    ("over-200-pages", lambda: pdfgen.pages_of_text(201), 200, "201 pages, over the limit of 200"),
]


@pytest.mark.skipif(not FACTSHEET.exists(), reason="the factsheet CLI is not installed in this venv")
@pytest.mark.parametrize(("name", "build", "max_pages", "message"), CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_bad_pdf_exit_2_one_line_nothing_written(tmp_path, name, build, max_pages, message):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(build())
    out = tmp_path / "out"
    proc = subprocess.run([str(FACTSHEET), "extract", str(path), "--out", str(out)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().split("\n")
    assert len(lines) == 1 and str(path) in lines[0] and message in lines[0], proc.stderr
    assert not out.exists() or not any(out.iterdir())
