"""Score the cross-language check (`factsheet align`) on the hand-made alignment keys (tests/real/hkma/align-*.csv).

Prints one line per chapter pair, scored twice: on the keys' own figure sets (each edition's figures as its
key states them) and on the tool's own extraction of both chapters. `shared` counts the key's figures stated
in both editions (for the tool: those it reads on both sides), `paired` those paired with their twin,
`wrong` pairs of figures that are not twins, `alone`/`named` the figures one edition states alone and how
many of them the check names. Not a test: tests/test_align.py holds the floors.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from alignkeys import DOCS, align_rows, document, key_frame, score, tool_rows  # noqa: E402

from factsheet.align import align  # noqa: E402
from factsheet.pipeline import standalone_edition  # noqa: E402

YEARS = (2019, 2020, 2022)  # 2019: keys written after the check was built (held out)


def main() -> int:
    if not DOCS.exists():
        print("shared/data/real/hkma is not beside the repo", file=sys.stderr)
        return 1
    print(f"{'pair':10} {'figures':8} {'key':>5} {'shared':>7} {'paired':>7} {'wrong':>6} {'alone':>6} {'named':>6}")
    for year in YEARS:
        both = sum(1 for r in align_rows(year) if r["en_quote"] and r["zh_quote"])
        a, rows_a, ta = key_frame(year, "en")
        b, rows_b, tb = key_frame(year, "zh")
        runs = {"keys": (a, b, rows_a, rows_b, len(ta), len(tb))}
        en = standalone_edition(document(year, "en"), published=str(year))
        zh = standalone_edition(document(year, "zh"), published=str(year))
        fa, fb = en.figures.reset_index(drop=True), zh.figures.reset_index(drop=True)
        runs["tool"] = (fa, fb, tool_rows(fa, year, "en"), tool_rows(fb, year, "zh"), len(en.document.text),
                        len(zh.document.text))
        for name, (x, y, rx, ry, lx, ly) in runs.items():
            result = align(x, y, lx, ly)
            got = score(year, [(t.a, t.b) for t in result.twins], rx, ry)
            print(f"{year:<10} {name:8} {both:>5} {got.shared:>7} {got.found:>7} {len(got.wrong):>6} {got.alone:>6} "
                  f"{got.named:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
