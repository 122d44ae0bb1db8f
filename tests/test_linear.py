"""Linear time: four times the input takes well under ten times as long, on every adversarial input.

The bounds are coarse on purpose (a quadratic path takes 16 times as long, the ones found took far more),
so a loaded two-core machine does not make them flaky; the figures themselves are printed by
benchmarks/bench_adversarial.py. The faster structures behind linear time are also checked against the
plain quadratic algorithms they replaced, on random input.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from dataclasses import dataclass

import adversarial
import pdfgen
import pytest

from factsheet.extract import extract
from factsheet.normalise import figures_frame
from factsheet.numbers import _Claims
from factsheet.pdf import _rows
from factsheet.read import document_of, structure

SMALL = 6_000  # bytes; 4x that is still about a second per input
SMALLER = {"table": 2_000}  # a table is a figure every ten bytes, each read in its 400-char clause
NOISE = 0.05  # seconds: below this a measurement says nothing about growth


def pipeline_seconds(text: str) -> float:
    """Best of two runs of read -> structure -> extract -> normalise, in CPU seconds (steadier than wall time
    on a shared machine)."""
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        document = document_of(text.encode(), "adversarial.txt")
        mentions, _ = extract(structure(document))
        figures_frame(mentions, document, "x")
        best = min(best, time.process_time() - start)
    return best


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    pipeline_seconds(adversarial.real(3_000))  # grammar tables and regex caches, as a running process has them


@pytest.mark.parametrize("name", list(adversarial.INPUTS))
def test_four_times_the_text_takes_less_than_ten_times_as_long(name):
    build, size = adversarial.INPUTS[name], SMALLER.get(name, SMALL)
    small, large = pipeline_seconds(build(size)), pipeline_seconds(build(4 * size))
    assert large < 10 * max(small, NOISE), f"{name}: {small:.3f} s -> {large:.3f} s"


def test_a_5_mb_line_without_a_full_stop_is_split_and_read():
    """One giant line: sentence splitting and statements stay bounded (this ran past three minutes)."""
    text = adversarial.no_stop(300_000)
    start = time.process_time()
    parsed = structure(document_of(text.encode(), "line.txt"))
    assert time.process_time() - start < 10
    assert max(len(s.text) for s in parsed.statements) <= 20_000
    assert sum(len(s.text) for s in parsed.statements) > 0.99 * len(text.strip())


def test_many_words_on_one_pdf_row_scale_linearly(tmp_path):
    def seconds(n: int) -> float:
        """CPU time of read_pdf in a fresh interpreter, as a CLI run: a long test session's large heap makes
        every garbage collection dearer and would time the session, not the reader."""
        path = tmp_path / f"row-{n}.pdf"
        path.write_bytes(pdfgen.many_words(n))
        code = ("import sys, time; from factsheet.pdf import read_pdf; data = open(sys.argv[1], 'rb').read(); "
                "t = time.process_time(); read_pdf(data, 'row.pdf'); print(time.process_time() - t)")
        out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-2000:]
        return float(out.stdout.strip())

    small, large = seconds(600), seconds(2_400)
    assert large < 10 * max(small, NOISE), f"{small:.3f} s -> {large:.3f} s"


@dataclass
class Item:
    x0: float
    top: float
    x1: float
    bottom: float


def rows_by_brute_force(items: list[Item], min_overlap: float = 0.5) -> list[list[Item]]:
    """The row clustering as first written: each item compared with every member of each open row."""
    rows: list[list[Item]] = []
    refs: list[tuple[float, float]] = []
    active: list[int] = []
    for it in sorted(items, key=lambda i: (i.top, i.x0, i.x1)):
        active = [r for r in active if refs[r][1] > it.top]
        for r in active:
            top, bottom = refs[r]
            h = min(it.bottom - it.top, bottom - top)
            overlap = min(it.bottom, bottom) - max(it.top, top)
            if overlap >= min_overlap * max(h, 0.1) and not any(
                    m.x0 < it.x1 - 0.5 and it.x0 < m.x1 - 0.5 for m in rows[r]):
                rows[r].append(it)
                if it.bottom - it.top > bottom - top:
                    refs[r] = (it.top, it.bottom)
                break
        else:
            rows.append([it])
            refs.append((it.top, it.bottom))
            active.append(len(rows) - 1)
    for row in rows:
        row.sort(key=lambda i: (i.x0, i.top))
    rows.sort(key=lambda row: (min(i.top for i in row), row[0].x0))
    return rows


@pytest.mark.parametrize("seed", range(30))
def test_rows_are_those_of_the_brute_force_clustering(seed):
    rnd = random.Random(seed)
    items = []
    for _ in range(rnd.randint(1, 120)):
        x0, top = rnd.uniform(0, 60), rnd.choice([rnd.uniform(0, 40), float(rnd.randint(0, 8) * 5)])
        width = rnd.choice([rnd.uniform(0, 0.8), rnd.uniform(0.5, 8), rnd.uniform(5, 40)])
        items.append(Item(x0, top, x0 + width, top + rnd.choice([4.0, 5.0, rnd.uniform(0.5, 9)])))
    assert [[id(i) for i in row] for row in _rows(items)] == \
        [[id(i) for i in row] for row in rows_by_brute_force(items)]


@pytest.mark.parametrize("seed", range(30))
def test_claims_answer_as_a_list_of_spans_does(seed):
    rnd = random.Random(seed)
    claims, spans = _Claims(), []
    for _ in range(200):
        a = rnd.randint(0, 300)
        b = a + rnd.randint(1, 12)
        free = not any(a < e and s < b for s, e in spans)
        assert claims.free(a, b) == free
        if rnd.random() < 0.5:
            claims.take(a, b)
            spans.append((a, b))
