"""raw/ archive: editions written whole, listed by date, never overwritten, idempotent for same bytes."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from factsheet.archive import archive_edition, edition_text, list_editions, read_manifest
from factsheet.errors import InputError
from factsheet.fetch import FetchResult
from factsheet.model import Document, Source

REPO = Path(__file__).resolve().parents[1]
SOURCE = Source(id="innovative-hong-kong", title="Innovative Hong Kong")
JUNE = "Innovative Hong Kong\n(June 2022)\nWi-Fi.HK hotspots: over 44,500\n"
JAN = "Innovative Hong Kong\n(January 2023)\nWi-Fi.HK hotspots: over 46,000\n"
STAMP = "2023-01-09T01:00:00Z"
IHK = "innovative-hong-kong"


def archive(raw: Path, text: str, published: str, **kwargs):
    document = Document.from_text(text)
    return archive_edition(raw, SOURCE, text.encode(), document, published, STAMP, kwargs.get("fetched"))


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes() if p.is_file() else b"")
            for p in sorted(folder.rglob("*"))}


def test_archive_then_list(tmp_path):
    raw = tmp_path / "raw"
    jan = archive(raw, JAN, "2023-01")  # archived first, listed second: order is by the edition's date
    june = archive(raw, JUNE, "2022-06")
    assert list_editions(raw, SOURCE.id) == [june, jan]
    assert june.edition_id == "innovative-hong-kong-2022-06"
    assert june.raw_path == "raw/innovative-hong-kong/2022-06/source.txt"
    assert (june.sha256, june.retrieved_at, june.source_url, june.pages) == (
        hashlib.sha256(JUNE.encode()).hexdigest(), STAMP, "", None)
    folder = raw / "innovative-hong-kong" / "2022-06"
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "source.txt", "text.txt"]
    assert (folder / "source.txt").read_bytes() == JUNE.encode()
    assert edition_text(raw, june) == JUNE
    text = (folder / "manifest.json").read_text()
    manifest = json.loads(text)
    assert text == json.dumps(manifest, sort_keys=True, indent=1) + "\n"
    assert manifest == {
        "source_id": "innovative-hong-kong", "title": "Innovative Hong Kong", "url": "",
        "sha256": june.sha256, "retrieved_at": STAMP, "published": "2022-06", "media_type": "text/plain",
        "encoding": "utf-8", "pages": None, "etag": None, "last_modified": None,
    }
    assert [p.name for p in (raw / "innovative-hong-kong").iterdir() if p.name.startswith(".")] == []
    assert list_editions(raw, "other-source") == []


def test_same_bytes_again_is_a_no_op(tmp_path):
    raw = tmp_path / "raw"
    first = archive(raw, JUNE, "2022-06")
    before = snapshot(raw)
    again = archive(raw, JUNE, "2022-06")
    assert again == first
    assert snapshot(raw) == before  # not one byte or mtime changed


def test_different_bytes_for_an_archived_edition_is_a_conflict(tmp_path):
    raw = tmp_path / "raw"
    archive(raw, JUNE, "2022-06")
    before = snapshot(raw)
    with pytest.raises(InputError) as info:
        archive(raw, JUNE + "Cyberport: over 1,800 start-ups\n", "2022-06")
    message = str(info.value)
    assert message.startswith(f"{raw}/innovative-hong-kong/2022-06: edition 2022-06 is already archived with "
                              "different bytes (sha256 ")
    assert message.endswith("archived editions are never overwritten") and "\n" not in message
    assert snapshot(raw) == before


def test_pdf_bytes_and_fetch_details_are_recorded(tmp_path):
    raw = tmp_path / "raw"
    data = b"%PDF-1.7\n%fake but magic is what counts\n"
    sha = hashlib.sha256(data).hexdigest()
    fetched = FetchResult(status="changed", url="https://www.example.gov.hk/ihk.pdf", body=data, sha256=sha,
                          etag='"abc"', last_modified="Wed, 01 Jun 2022 01:00:00 GMT", http_status=200)
    document = Document(text="Innovative Hong Kong\n", lines=(), media_type="application/pdf", pages=2)
    edition = archive_edition(raw, SOURCE, data, document, "2022-06-30", STAMP, fetched)
    assert edition.raw_path == "raw/innovative-hong-kong/2022-06-30/source.pdf"
    assert (edition.source_url, edition.pages) == ("https://www.example.gov.hk/ihk.pdf", 2)
    assert edition.extra == {"text_path": "raw/innovative-hong-kong/2022-06-30/text.txt",
                             "media_type": "application/pdf", "etag": '"abc"',
                             "last_modified": "Wed, 01 Jun 2022 01:00:00 GMT"}
    manifest = json.loads((raw / "innovative-hong-kong/2022-06-30/manifest.json").read_text())
    assert manifest["encoding"] is None and manifest["media_type"] == "application/pdf"
    assert (raw / "innovative-hong-kong/2022-06-30/source.pdf").read_bytes() == data


def test_an_html_page_is_archived_as_source_html_with_its_media_type(tmp_path):
    raw = tmp_path / "raw"
    data = b"<html><body><p>(June 2022)</p><p>Wi-Fi.HK hotspots: over 44,500</p></body></html>"
    document = Document(text="(June 2022)\n\nWi-Fi.HK hotspots: over 44,500\n", lines=(), media_type="text/html",
                        encoding="cp1252")
    edition = archive_edition(raw, SOURCE, data, document, "2022-06", STAMP, None)
    folder = raw / "innovative-hong-kong/2022-06"
    assert edition.raw_path == "raw/innovative-hong-kong/2022-06/source.html"
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "source.html", "text.txt"]
    assert (folder / "source.html").read_bytes() == data
    assert (folder / "text.txt").read_text(encoding="utf-8") == document.text
    manifest = json.loads((folder / "manifest.json").read_text())
    assert (manifest["media_type"], manifest["encoding"]) == ("text/html", "cp1252")
    assert edition.extra["media_type"] == "text/html"


@pytest.mark.parametrize(
    ("source_id", "published", "stamp", "problem"),
    [
        ("innovative-hong-kong", "June 2022", STAMP, "bad edition date 'June 2022' (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("innovative-hong-kong", "2022-13", STAMP, "bad edition date '2022-13' (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("innovative-hong-kong", "../../etc", STAMP, "bad edition date '../../etc' (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("../up", "2022-06", STAMP, "bad source id (lower-case letters, digits and single hyphens)"),
        (IHK, "2022-06", "yesterday", "retrieved_at 'yesterday' is not an ISO 8601 timestamp"),
        (IHK, "2022-06", "2022-06-30T01:00", "retrieved_at '2022-06-30T01:00' has no time zone"),
    ],
)
def test_bad_arguments_are_refused_before_writing(tmp_path, source_id, published, stamp, problem):
    source = Source(id=source_id, title="T")
    with pytest.raises(InputError, match=re.escape(problem)):
        archive_edition(tmp_path, source, b"x\n", Document.from_text("x\n"), published, stamp, None)
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_edition_and_no_temp_dir(tmp_path):
    raw = tmp_path / "raw"
    broken = Document.from_text("lone surrogate \udc80 cannot be UTF-8\n")
    with pytest.raises(UnicodeEncodeError):
        archive_edition(raw, SOURCE, b"bytes\n", broken, "2022-06", STAMP, None)
    assert list((raw / SOURCE.id).iterdir()) == []


def test_fetched_bytes_must_match(tmp_path):
    fetched = FetchResult(status="changed", url="https://x.hk/a.txt", body=b"other", sha256="0" * 64)
    with pytest.raises(InputError, match="bytes differ from what was fetched from https://x.hk/a.txt"):
        archive(tmp_path, JUNE, "2022-06", fetched=fetched)


def test_damaged_archives_are_reported(tmp_path):
    raw = tmp_path / "raw"
    archive(raw, JUNE, "2022-06")
    folder = raw / SOURCE.id / "2022-06"
    (folder / "source.txt").write_bytes(b"tampered\n")
    with pytest.raises(InputError, match=r"source.txt: sha256 [0-9a-f]{64} does not match the manifest"):
        read_manifest(folder, verify=True)
    (raw / SOURCE.id / "2023-01").mkdir()
    with pytest.raises(InputError, match="2023-01/manifest.json: no such file"):
        list_editions(raw, SOURCE.id)
    with pytest.raises(InputError, match="edition directory without manifest.json"):
        archive(raw, JAN, "2023-01")


def test_repo_raw_holds_the_june_2022_edition_unchanged():
    (edition,) = list_editions(REPO / "raw", "innovative-hong-kong")
    shared = Path("/work/shared/data/innovative-hong-kong-2022-06.txt")
    assert edition.edition_id == "innovative-hong-kong-2022-06"
    assert edition.raw_path == "raw/innovative-hong-kong/2022-06/source.txt"
    assert read_manifest(REPO / "raw/innovative-hong-kong/2022-06", verify=True) == edition
    if shared.exists():  # the shared copy is the bytes as given: the archive must be identical
        assert (REPO / edition.raw_path).read_bytes() == shared.read_bytes()
    assert "(June 2022)" in edition_text(REPO / "raw", edition)
