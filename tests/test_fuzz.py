"""Fuzzing as a test: mutated real fact sheets (texts, and PDFs rendered from them) go through read ->
extract -> normalise, and whatever comes out must pass the package's own gate.

The properties, for every input:
- the tool either reads it or refuses it with its own one-line InputError, never another exception;
- each document takes bounded time;
- the rows it produces pass the Great Expectations suites (with the span checks over the raw text) and
  can be written as CSV: an impossible date or an absurd number is left out and counted, never published
  and never a row the gate must reject.

The default run is a fixed, small number of examples with derandomize (reproducible in CI, well under a
minute); FACTSHEET_FUZZ_EXAMPLES=500 runs that many random examples per test. Minimal reproducers found
by fuzzing are kept below as table-driven regression tests (REPRODUCERS).
"""

from __future__ import annotations

import hashlib
import os
import time

import pytest
from fuzzing import ByteEdit, Mutated, byte_edits, corpus, mutated_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfgen import FACTSHEET_LAYOUTS, factsheet_pdf
from reportlab.platypus.doctemplate import LayoutError

from factsheet.errors import InputError
from factsheet.model import Edition
from factsheet.normalise import LeftOut
from factsheet.pipeline import EditionData, extract_frames, frames_for, publish_frames, texts_of
from factsheet.publish import csv_bytes
from factsheet.read import document_of, structure
from factsheet.validate import validate_frames

EXAMPLES = int(os.environ.get("FACTSHEET_FUZZ_EXAMPLES", "0"))
SECONDS_PER_DOCUMENT = 10.0  # generous: a hang or a quadratic blow-up, not a speed target (see benchmarks/)
# pytest-timeout's 600 s is for one test; many examples need longer (an example validates a batch: seconds)
LONG_RUN = pytest.mark.timeout(max(600, 30 * EXAMPLES))



def fuzz(default_examples: int) -> settings:
    """Hypothesis settings: a few fixed examples by default, FACTSHEET_FUZZ_EXAMPLES random ones when set."""
    return settings(
        max_examples=EXAMPLES or default_examples,
        derandomize=not EXAMPLES,  # CI: the same examples every run; with the variable set: new ones each run
        database=None,  # nothing written to .hypothesis/; a failure prints the example and its reproduce blob
        deadline=None,  # an example validates a whole batch with GX: seconds, which vary with the machine
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
    )


def read_extract_normalise(data: bytes, name: str, edition_id: str) -> EditionData | None:
    """The stages under test on one document: its frames, or None when the tool refused it (InputError)."""
    start = time.perf_counter()
    left_out: list[LeftOut] = []
    try:
        document = document_of(data, name)
        parsed = structure(document)
        figures, events = extract_frames(document, parsed, edition_id, left_out=left_out, name=name)
    except InputError as exc:
        assert "\n" not in str(exc).strip(), f"an error is one line: {exc}"
        return None
    finally:
        elapsed = time.perf_counter() - start
        assert elapsed < SECONDS_PER_DOCUMENT, f"{name}: {elapsed:.1f} s for {len(data)} bytes"
    assert all(x.reason and x.what in ("figure", "event") for x in left_out)
    edition = Edition(edition_id=edition_id, source_id="fuzz", title=parsed.title or name,
                      published=parsed.published or "", source_url="", raw_path=f"raw/fuzz/{name}",
                      sha256=hashlib.sha256(data).hexdigest(), retrieved_at="2024-01-01T00:00:00Z",
                      pages=document.pages)
    return EditionData(edition, document, parsed, figures, events, tuple(left_out))


def assert_gate_passes(editions: list[EditionData]) -> None:
    """The package's own checks over every row the editions produced: the GX suites, then the CSV writer."""
    if not editions:
        return
    frames = frames_for(editions)
    report = validate_frames(frames, texts=texts_of(editions))
    failed = [r for r in report.failures if r.severity == "error"]
    assert not failed, report.summary()
    for resource, frame in frames.items():
        csv_bytes(frame, resource)


def run_batch(documents: list[tuple[str, bytes]]) -> list[EditionData]:
    built = [read_extract_normalise(data, name, f"fuzz-{i}") for i, (name, data) in enumerate(documents)]
    editions = [e for e in built if e is not None]
    assert_gate_passes(editions)
    return editions


# --- property-based ---------------------------------------------------------------------------------


@LONG_RUN
@fuzz(8)
@given(st.lists(mutated_texts(), min_size=2, max_size=6), st.lists(byte_edits, max_size=1))
def test_mutated_texts_are_read_or_refused_and_pass_the_gate(docs: list[Mutated], damage: list[ByteEdit]) -> None:
    batch = [(doc.name, doc.text.encode("utf-8", "surrogatepass")) for doc in docs]
    if damage:  # a damaged download: bytes no text edit makes (NUL, invalid UTF-8, a cut multi-byte char)
        name, data = batch[0]
        batch[0] = (name, damage[0](data))
    run_batch(batch)


def pdf_of(doc: Mutated, layout: str, damage: list[ByteEdit]) -> tuple[str, bytes]:
    """The mutated text rendered by reportlab in a fact-sheet layout, then maybe damaged."""
    try:
        data = factsheet_pdf(doc.text, layout)
    except (ValueError, LayoutError):  # the test's own generator: a side panel or a word too big for its box
        data = factsheet_pdf(doc.text, "one-column")
    for edit in damage:
        data = edit(data)
    return doc.name.replace(".txt", ".pdf"), data


mutated_pdfs = st.tuples(mutated_texts(max_mutations=5, min_mutations=0), st.sampled_from(sorted(FACTSHEET_LAYOUTS)),
                         st.lists(byte_edits, max_size=2))


@LONG_RUN
@fuzz(5)
@given(st.lists(mutated_pdfs, min_size=1, max_size=3))
def test_mutated_pdfs_are_read_or_refused_and_pass_the_gate(docs: list[tuple[Mutated, str, list[ByteEdit]]]) -> None:
    run_batch([pdf_of(*doc) for doc in docs])


# --- the corpus of minimal reproducers ---------------------------------------------------------------

HEAD = "Fuzz Facts\n(June 2024)\n\nFindings\n\n• Hong Kong has 1,200 start-ups.\n"
NINES = "9" * 400

# (id, body after HEAD, what must be left out: (what, reason) pairs, in order)
REPRODUCERS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("february-30-a-year-earlier",  # DateParseError in _year_before
     "• Exports in February 30, 2024 were down 5 per cent from a year earlier.\n",
     [("figure", "impossible date 2024-02-30")]),
    ("400-digit-count",  # value inf
     f"• There are over {NINES} hotspots.\n", [("figure", "number too large")]),
    ("400-digit-money", f"• The Government set aside HK${NINES} billion.\n", [("figure", "number too large")]),
    ("beyond-a-quadrillion", "• Reserves reached US$200 trillion in 2023.\n", [("figure", "number too large")]),
    ("31-april-event", "• The scheme was launched on 31 April 2024.\n", [("event", "impossible date 2024-04-31")]),
    ("31-june-period", "• As at 31 June 2024, there were over 1,300 firms.\n",
     [("figure", "impossible date 2024-06-31")]),
    ("percent-900", "• Over 900% of homes have broadband.\n", [("figure", "percent 900 above 500")]),
    ("rank-0", "• Hong Kong is the No.0 hub in Asia-Pacific.\n", [("figure", "rank 0 below 1")]),
    ("negative-money-is-signed", "• -$100 million has been allocated to the fund.\n", []),
    ("repeated-lines-span",  # a repeated line is read as page furniture; the figure's span straddled it
     "• The MTR network comprises 10 railway lines with 98 stations, serving around\n4.5 million passengers und\n"
     "4.5 million passengers und\n4.5 passengers.\n", [("figure", "its text is not at chars")]),
    ("event-without-label",  # the label came out empty: the statement stands in
     "• opened area, in 2023.\n", []),
    ("day-month-swapped", "• The Centre opened on 13 31, 2023 with 500 places.\n", []),
    ("29-february-leap", "• The Centre opened on February 29, 2024 with 500 places.\n", []),
    ("29-february-not-leap", "• The Centre opened on February 29, 2023 with 500 places.\n",
     [("figure", "impossible date 2023-02-29"), ("event", "impossible date 2023-02-29")]),
]


@pytest.fixture(scope="module")
def reproduced() -> dict[str, EditionData | None]:
    return {rid: read_extract_normalise((HEAD + body).encode(), f"{rid}.txt", f"fuzz-{rid}")
            for rid, body, _ in REPRODUCERS}


@pytest.mark.parametrize("rid, body, expected", REPRODUCERS, ids=[r[0] for r in REPRODUCERS])
def test_reproducer_is_left_out_and_counted(reproduced: dict[str, EditionData | None], rid: str, body: str,
                                            expected: list[tuple[str, str]]) -> None:
    edition = reproduced[rid]
    assert edition is not None
    assert [(x.what, x.reason[:len(r)]) for x, (_, r) in zip(edition.left_out, expected)] == expected
    assert len(edition.left_out) == len(expected), edition.left_out
    assert edition.figures["value_text"].iloc[0] == "1,200"  # the good figure beside it is kept
    assert edition.events["label"].str.strip().str.len().gt(0).all()


def test_reproducers_publish_through_the_real_gate(reproduced: dict[str, EditionData | None], tmp_path) -> None:
    """All of them in one package: GX suites with span checks, frictionless, the CSV writer; warnings counted."""
    editions = [e for e in reproduced.values() if e is not None]
    summary = publish_frames(frames_for(editions), editions, tmp_path / "pkg", created="2024-06-01T00:00:00Z")
    assert summary.outcome == "published"
    warnings = [n for n in summary.notes if n.startswith("warning: ")]
    assert len(warnings) == sum(1 for _, _, expected in REPRODUCERS if expected)
    assert "warning: fuzz-february-30-a-year-earlier: 1 figure left out: impossible date 2024-02-30 " \
           "('down 5 per cent' at chars" in "\n".join(warnings)


def test_the_corpus_itself_loses_nothing() -> None:
    """The unmutated texts: nothing left out, so the leaving-out never hides a real figure."""
    editions = run_batch([(name, text.encode()) for name, text in corpus()])
    assert len(editions) == len(corpus())
    assert [(e.edition.title, e.left_out) for e in editions if e.left_out] == []
