"""What a refresh run is, without pandas or Prefect: where it works, its summary, each source's outcome.

Kept light on purpose: the no-op check (factsheet.unchanged), `factsheet status` and the CLI's start-up
import this module, and none of them should pay for pandas, Great Expectations or Prefect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PACKAGE = ROOT / "datapackage"


@dataclass
class RunSummary:
    """What a run did, for the CLI's summary lines and the Prefect artifact."""

    outcome: str  # "published", "unchanged" or "failed"
    version: str | None = None
    package: Path | None = None
    figures: int = 0
    events: int = 0
    changes: int = 0
    verdict: str = ""
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        head = {
            "published": f"published version {self.version} ({self.figures} figures, {self.events} events, "
                         f"{self.changes} changes)",
            "unchanged": f"unchanged: version {self.version} ({self.figures} figures, {self.events} events)",
            "failed": "failed",
        }[self.outcome]
        out = [head]
        if self.verdict:
            out.append(f"validation: {self.verdict}")
        if self.package:
            out.append(f"package: {self.package}")
        return out + self.notes


@dataclass(frozen=True)
class SourceCheck:
    """Outcome of checking one tracked source: a new edition archived, unchanged, or failed (why)."""

    source_id: str
    outcome: str  # "new-edition", "unchanged" or "failed"
    edition_id: str | None = None
    message: str = ""


@dataclass(frozen=True)
class FetchSettings:
    """Network limits of a refresh (settings, so a deployment can tune them without code)."""

    timeout: float = 20.0
    max_bytes: int = 20_000_000
    retries: int = 3
    backoff: float = 1.0
    deadline: float = 120.0  # the whole fetch, retries included (FACTSHEET_FETCH_DEADLINE)
