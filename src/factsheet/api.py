"""The Python API: `factsheet.extract` and `factsheet.validate`, over the very functions the CLI calls.

    import factsheet
    pkg = factsheet.extract("sheet.pdf")      # frames: pkg.figures, pkg.events, pkg.editions (pandas)
    pkg.write("sheet-package")                # validated, as `factsheet extract sheet.pdf --out sheet-package`
    verdict = factsheet.validate("new.pdf", package="datapackage")    # as `factsheet validate new.pdf`

A user's mistake (a missing file, a folder that must not be written, a bad currency) raises
factsheet.errors.InputError with the same one-line message the CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from factsheet.cli import currency_option, published_option
from factsheet.pipeline import EditionData, frames_for, left_out_notes, standalone_edition, standalone_target
from factsheet.pipeline import write_standalone as _write_standalone
from factsheet.runs import DEFAULT_PACKAGE, RunSummary

if TYPE_CHECKING:
    from factsheet.validate_edition import EditionVerdict

__all__ = ["Package", "extract", "validate"]


@dataclass(frozen=True)
class Package:
    """One document read, extracted and normalised: the package's resources as pandas frames, in the columns and
    types of datapackage.json. Nothing is validated or written until write()."""

    figures: pd.DataFrame
    events: pd.DataFrame
    editions: pd.DataFrame
    changes: pd.DataFrame  # empty: one edition has nothing to compare with
    warnings: tuple[str, ...]  # one line per edition that lost mentions in normalising (as the CLI prints them)
    _data: EditionData = field(repr=False)
    _source: Path | None = field(default=None, repr=False)  # the file read: pictures of its pages on the site

    @property
    def frames(self) -> dict[str, pd.DataFrame]:
        """The four resources by name, as the publishing code takes them."""
        return {"figures": self.figures, "events": self.events, "editions": self.editions, "changes": self.changes}

    def write(self, folder: str | Path, *, force: bool = False) -> RunSummary:
        """Validate the frames (Great Expectations) and write them as a Frictionless package into `folder`, as
        `factsheet extract --out folder` does: a new or empty folder, or one an earlier extract wrote; a folder of
        yours only with force=True (your other files are kept); never the published datapackage/ or raw/.
        Returns the summary the CLI prints (summary.lines())."""
        return _write_standalone(self.frames, self._data, standalone_target(folder, force), self._source)


def extract(source: str | Path, *, currency: str = "HKD", published: str | None = None) -> Package:
    """Read, extract and normalise one fact sheet (.pdf, .txt, .htm(l) or .md, recognised by content).

    `currency`: the ISO 4217 code a bare '$' means; `published`: the edition's date (YYYY, YYYY-MM or
    YYYY-MM-DD) for a document that prints none."""
    data = standalone_edition(Path(source), currency_option(currency), published=published_option(published))
    frames = frames_for([data])
    return Package(frames["figures"], frames["events"], frames["editions"], frames["changes"],
                   tuple(left_out_notes([data])), data, Path(source).absolute())


def validate(new: str | Path, *, package: str | Path = DEFAULT_PACKAGE, source: str | None = None,
             currency: str = "HKD", published: str | None = None,
             report: str | Path | None = None) -> EditionVerdict:
    """Judge a new edition against the latest published edition of its source in `package`, publishing nothing:
    the verdict `factsheet validate` prints (verdict.passed, .errors, .warnings, .changes, .text(), .to_json()).
    `report`: also write the self-contained HTML report there."""
    from factsheet.validate_edition import validate_edition

    verdict = validate_edition(Path(new), Path(package), source, currency=currency_option(currency),
                               published=published_option(published))
    if report is not None:
        from factsheet.report import write_report

        write_report(verdict, Path(report))
    return verdict
