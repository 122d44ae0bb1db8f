"""Read stage: source bytes -> Document (text + layout) -> Structure (sections and statements)."""

from __future__ import annotations

from pathlib import Path

from factsheet.errors import InputError
from factsheet.model import Document

TEXT_ENCODINGS = ("utf-8", "cp1252", "big5")


def is_pdf(data: bytes) -> bool:
    """PDF by content: the %PDF- magic may follow a little junk, as readers allow."""
    return b"%PDF-" in data[:1024]


def load_bytes(path: Path) -> bytes:
    """The file's bytes, or a one-line InputError naming the file and the problem."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    return data


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding that decoded it; binary data is refused rather than read as noise."""
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file, not text or PDF")
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
        if controls > max(2, len(text) // 100):
            raise InputError(f"{name}: binary file, not text or PDF")
        return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"), encoding
    raise InputError(f"{name}: not text in any of {', '.join(TEXT_ENCODINGS)}")


def load(path: Path, max_pages: int = 200) -> tuple[Document, bytes]:
    """Document and raw bytes of a text or PDF source (PDF recognised by content, not extension)."""
    data = load_bytes(path)
    if is_pdf(data) or path.suffix.lower() == ".pdf":
        from factsheet.pdf import read_pdf  # pdfplumber only when a PDF is read

        return read_pdf(data, str(path), max_pages=max_pages), data
    text, encoding = decode_text(data, str(path))
    return Document.from_text(text, encoding=encoding), data
