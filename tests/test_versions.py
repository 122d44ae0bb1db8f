"""The next package version and its CHANGELOG entry, planned against a real published package: a version
that brings no new edition names the rows it changed, and a change of any resource's columns is major."""

from __future__ import annotations

import json
from pathlib import Path

import editions as ed
import pytest

from factsheet.diff import compare_editions
from factsheet.pipeline import frames_for, plan_publication, standalone_edition


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ed.build_package(tmp_path_factory.mktemp("versions") / "datapackage")


def seed_frames():
    data = standalone_edition(ed.PUBLISHED)
    frames = frames_for([data], compare_editions(None, data.figures, None, data.edition.edition_id))
    frames["editions"]["retrieved_at"] = "2022-06-30T09:00:00+08:00"
    return data, frames


def test_the_same_rows_are_no_new_version(published: Path) -> None:
    data, frames = seed_frames()
    assert plan_publication(frames, [data], published).version is None


def test_a_re_extraction_lists_the_rows_it_changed(published: Path) -> None:
    data, frames = seed_frames()
    frames["figures"].loc[3, "label"] = "A better label"
    frames["events"] = frames["events"].iloc[1:]
    plan = plan_publication(frames, [data], published)
    assert plan.version == "1.0.1"
    entry = plan.meta.changelog_md.split("## 1.0.1 (2022-06)\n", 1)[1]
    assert entry.startswith("\nRe-extraction of the archived editions changed rows.\n\n")
    assert "- figures: 1 row changed (innovative-hong-kong-2022-06-0004).\n" in entry
    assert "- events: 1 row removed (innovative-hong-kong-2022-06-e001).\n" in entry


def test_new_columns_of_the_changes_resource_are_a_major_version(published: Path, tmp_path: Path) -> None:
    older = tmp_path / "datapackage"
    older.mkdir()
    for f in published.iterdir():
        (older / f.name).write_bytes(f.read_bytes())
    descriptor = json.loads((older / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "changes":  # as published before the pairing columns
            resource["schema"]["fields"] = resource["schema"]["fields"][:9]
    (older / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    data, frames = seed_frames()
    plan = plan_publication(frames, [data], older)
    assert plan.version == "2.0.0"
    assert "## 2.0.0 (2022-06)\n\nThe resources' columns changed.\n" in plan.meta.changelog_md
