"""A refresh with an English and a Chinese source of one publication (the HKMA 2022 "Reserves Management"
chapter, `counterpart` linking them in sources.toml) publishes both editions, and their twins share their
figure_key, so the English and Chinese rows of one figure join on it. A real Prefect flow run
(flows/refresh.py) on a temporary server, as the other refresh tests run it.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

import factsheet  # noqa: F401 - telemetry off before Prefect is imported
from factsheet.pipeline import ROOT

sys.path.insert(0, str(ROOT))
from flows.refresh import run_refresh  # noqa: E402

HKMA = ROOT.parent / "shared" / "data" / "real" / "hkma"
TABLE = ('[[source]]\nid = "{id}"\ntitle = "HKMA Annual Report: Reserves Management"\npath = "{id}.md"\n'
         'published = "2022"\nlanguage = "{language}"\n{extra}\n')

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_test_server"),
              pytest.mark.skipif(not HKMA.exists(), reason="shared/data/real/hkma is not beside the repo")]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("languages")
    shutil.copyfile(HKMA / "hkma-reserves-management-2022.en.md", root / "reserves-en.md")
    shutil.copyfile(HKMA / "hkma-reserves-management-2022.zh.md", root / "reserves-zh.md")
    (root / "sources.toml").write_text(
        TABLE.format(id="reserves-en", language="en", extra="")
        + TABLE.format(id="reserves-zh", language="zh-Hant", extra='counterpart = "reserves-en"'), encoding="utf-8")
    summary = run_refresh(sources=root / "sources.toml", package=root / "datapackage")
    return root / "datapackage", summary


def rows(package: Path, name: str) -> list[dict[str, str]]:
    with open(package / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_both_language_editions_are_published(published: tuple[Path, object]) -> None:
    package, summary = published
    assert summary.outcome == "published", summary.lines()
    editions = {r["edition_id"] for r in rows(package, "editions")}
    assert editions == {"reserves-en-2022", "reserves-zh-2022"}
    figures = rows(package, "figures")
    assert {r["edition_id"] for r in figures} == editions


def test_each_edition_keeps_its_language(published: tuple[Path, object]) -> None:
    package, _ = published
    assert {r["source_id"]: r["language"] for r in rows(package, "editions")} == {
        "reserves-en": "en", "reserves-zh": "zh-Hant"}
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(s["language"] for s in descriptor["sources"]) == ["en", "zh-Hant"]
    manifests = sorted((package.parent / "raw").glob("*/2022/manifest.json"))
    assert [json.loads(m.read_text(encoding="utf-8"))["language"] for m in manifests] == ["en", "zh-Hant"]


def test_the_chinese_rows_are_read_in_chinese(published: tuple[Path, object]) -> None:
    package, _ = published
    figures = rows(package, "figures")
    zh = [r for r in figures if r["edition_id"] == "reserves-zh-2022"]
    en = [r for r in figures if r["edition_id"] == "reserves-en-2022"]
    assert len(zh) >= 30 and len(en) >= 30
    assert all(re.search(r"[\u4e00-\u9fff]", r["label"]) for r in zh)
    assert all(r["rule"].startswith("zh-") for r in zh) and not any(r["rule"].startswith("zh-") for r in en)


def test_twins_share_their_figure_key(published: tuple[Path, object]) -> None:
    package, _ = published
    figures = rows(package, "figures")
    en = {}
    for r in figures:
        if r["edition_id"] == "reserves-en-2022":
            en.setdefault(r["figure_key"], []).append(r)
    zh = [r for r in figures if r["edition_id"] == "reserves-zh-2022"]
    shared = [r for r in zh if r["figure_key"] in en]
    assert len(shared) >= 25, len(shared)
    for r in shared:  # a shared key joins rows of one figure: the same kind and value (up to rounding and sign)
        twins = en[r["figure_key"]]
        assert any(t["kind"] == r["kind"] and abs(abs(float(t["value"])) - abs(float(r["value"])))
                   <= 0.01 * abs(float(r["value"])) for t in twins), (r["value_text"], [t["value_text"] for t in twins])
    loss = next(r for r in zh if r["value_text"].startswith("2,054億"))
    assert [t["value_text"] for t in en[loss["figure_key"]]] == ["HK$205.4 billion"]


def test_a_second_refresh_changes_nothing(published: tuple[Path, object]) -> None:
    package, _ = published
    before = {p.name: p.read_bytes() for p in package.iterdir() if p.is_file()}
    again = run_refresh(sources=package.parent / "sources.toml", package=package)
    assert again.outcome == "unchanged", again.lines()
    assert {p.name: p.read_bytes() for p in package.iterdir() if p.is_file()} == before
