"""One publication in two languages (issue 14): the English and the Traditional Chinese "Reserves Management"
chapter of 2022, tracked as two sources with their `language`, are published together by a real refresh run
(flows/refresh.py); each edition keeps its language in the editions resource, the archive manifest and the
descriptor, and the Chinese rows are read by the Chinese grammar."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

import factsheet  # noqa: F401 - telemetry off before Prefect is imported
from factsheet.pipeline import ROOT

sys.path.insert(0, str(ROOT))
from flows.refresh import run_refresh  # noqa: E402

HKMA = ROOT.parent / "shared" / "data" / "real" / "hkma"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not HKMA.exists(), reason="shared/data/real/hkma is not beside the repo")]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from prefect.settings import PREFECT_HOME, PREFECT_LOGGING_LEVEL, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    root = tmp_path_factory.mktemp("bilingual")
    for lang in ("en", "zh"):
        shutil.copyfile(HKMA / f"hkma-reserves-management-2022.{lang}.md", root / f"chapter.{lang}.md")
    (root / "sources.toml").write_text(
        '[[source]]\nid = "reserves-management-en"\ntitle = "Reserves Management"\npath = "chapter.en.md"\n'
        'published = "2022"\nlanguage = "en"\n\n'
        '[[source]]\nid = "reserves-management-zh"\ntitle = "儲備管理"\npath = "chapter.zh.md"\n'
        'published = "2022"\nlanguage = "zh-Hant"\n', encoding="utf-8")
    settings = {PREFECT_HOME: str(tmp_path_factory.mktemp("prefect-home")), PREFECT_LOGGING_LEVEL: "WARNING"}
    with temporary_settings(settings), prefect_test_harness(server_startup_timeout=120):
        summary = run_refresh(sources=root / "sources.toml", package=root / "datapackage")
    assert summary.outcome == "published", summary.lines()
    return root


def test_both_editions_are_published_with_their_language(published: Path):
    editions = pd.read_csv(published / "datapackage" / "editions.csv")
    assert dict(zip(editions["source_id"], editions["language"])) == {
        "reserves-management-en": "en", "reserves-management-zh": "zh-Hant"}
    descriptor = json.loads((published / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(s["language"] for s in descriptor["sources"]) == ["en", "zh-Hant"]
    manifests = sorted((published / "raw").glob("*/2022/manifest.json"))
    assert [json.loads(m.read_text(encoding="utf-8"))["language"] for m in manifests] == ["en", "zh-Hant"]


def test_the_chinese_rows_are_read_in_chinese(published: Path):
    figures = pd.read_csv(published / "datapackage" / "figures.csv")
    zh = figures[figures["edition_id"] == "reserves-management-zh-2022"]
    en = figures[figures["edition_id"] == "reserves-management-en-2022"]
    assert len(zh) >= 30 and len(en) >= 30
    assert zh["label"].str.contains(r"[\u4e00-\u9fff]").all()
    assert zh["rule"].str.startswith("zh-").all() and not en["rule"].str.startswith("zh-").any()
    # most figures are stated in both editions, with the same values
    assert len(set(zh["value"]) & set(en["value"])) >= 20
