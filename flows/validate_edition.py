"""Prefect flow: validate a new edition (a file path or URL) before publishing; the report is an artifact.

Thin on purpose: the work is factsheet.validate_edition, the same function `factsheet validate` runs. A
failed validation fails the run (after the artifact is created), so the editor sees it red in the UI.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact

from factsheet.fetch import fetch, is_url
from factsheet.pipeline import slug
from factsheet.report import render_markdown, write_report
from factsheet.validate_edition import DEFAULT_PACKAGE, validate_edition


class EditionRejected(Exception):
    """The edition failed validation; str() names the failed error-severity expectations."""


@task(name="local-copy")
def local_copy(location: str, workdir: str) -> str:
    """A local file for the location: a path as is, a URL fetched (retries, size cap) into workdir."""
    if not is_url(location):
        return location
    result = fetch(location, previous=None)
    name = Path(urlsplit(result.url).path).name or "edition"
    path = Path(workdir) / name
    path.write_bytes(result.body or b"")
    return str(path)


@flow(name="validate-edition")
def validate_edition_flow(location: str, package_dir: str = str(DEFAULT_PACKAGE), source_id: str | None = None,
                          report_path: str | None = None) -> dict[str, Any]:
    """Validate the edition at `location` against the published package; publish nothing.

    Creates a Markdown artifact (key validate-<edition id>) with the verdict, failed expectations and
    changes, writes the HTML report to report_path when given, returns the verdict's JSON object.
    """
    with tempfile.TemporaryDirectory(prefix="factsheet-validate-") as tmp:
        path = local_copy(location, tmp)
        verdict = validate_edition(Path(path), Path(package_dir), source_id)
    if report_path:
        write_report(verdict, Path(report_path))
    create_markdown_artifact(
        markdown=render_markdown(verdict, report_path),
        key=f"validate-{slug(verdict.edition.edition_id)}",
        description=f"Validation of {verdict.edition.edition_id} ({location}): {verdict.verdict}",
    )
    if not verdict.passed:
        names = ", ".join(x.name for x in verdict.errors)
        raise EditionRejected(f"{verdict.edition.edition_id}: failed: {len(verdict.errors)} error(s): {names}")
    return verdict.to_json()


if __name__ == "__main__":
    import sys

    validate_edition_flow(sys.argv[1], *sys.argv[2:3])
