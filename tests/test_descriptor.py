"""datapackage.json to the Data Package v2 standard: $schema, typed tables, bytes and hash on every file, field
titles, examples and units, categories beside enums, an official address for each edition, and a licence and
attribution that fit HKSAR Government content. Real files, real frictionless."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from frames import good_frames

from factsheet import schema
from factsheet.model import Edition
from factsheet.pipeline import LICENSES, plan_publication
from factsheet.publish import PROFILE, publish_package

ROOT = Path(__file__).resolve().parents[1]
FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def _editions(frames: dict) -> list[SimpleNamespace]:
    """What plan_publication reads of each built edition: its Edition."""
    return [SimpleNamespace(edition=Edition(
        edition_id=r.edition_id, source_id=r.source_id, title=r.title, published=r.published,
        source_url=r.source_url, raw_path=r.raw_path, sha256=r.sha256, retrieved_at=r.retrieved_at))
        for r in frames["editions"].itertuples(index=False)]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A package published as the refresh publishes one: its metadata planned by the pipeline."""
    frames = good_frames()
    out = tmp_path_factory.mktemp("v2") / "package"
    plan = plan_publication(frames, _editions(frames), out)
    publish_package(frames, out, plan.meta)
    return out


def _descriptor(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def _validate(folder: Path) -> dict:
    done = subprocess.run([str(FRICTIONLESS), "validate", "--json", str(folder / "datapackage.json")],
                          capture_output=True, text=True, timeout=120)
    return json.loads(done.stdout)


def test_descriptor_declares_v2_and_every_file_has_bytes_and_hash(package: Path) -> None:
    pkg = _descriptor(package)
    assert next(iter(pkg)) == "$schema" and pkg["$schema"] == PROFILE
    assert '"profile":' not in json.dumps(pkg)  # the v1 profile properties are gone everywhere
    for res in pkg["resources"]:
        assert res["bytes"] == (package / res["path"]).stat().st_size, res["name"]
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", res["hash"]), res["name"]
        assert res.get("type") == ("table" if res["format"] == "csv" else None), res["name"]


def test_every_field_has_a_title_an_example_and_categories_beside_its_enum(package: Path) -> None:
    for res in _descriptor(package)["resources"]:
        for field in res["schema"]["fields"]:
            assert field["title"] and "example" in field, (res["name"], field["name"])
            enum = field.get("constraints", {}).get("enum")
            assert field.get("categories") == enum, field["name"]
    fields = {f["name"]: f for f in schema.table_schema("figures")["fields"]}
    assert (fields["value"]["unitField"], fields["value"]["currencyField"]) == ("unit", "currency")
    assert fields["value_hkd"]["unit"] == "HKD" and fields["bbox"]["unit"] == "PDF point"


def test_columns_toml_documents_exactly_the_columns() -> None:
    docs = schema.field_docs()
    assert set(docs) == set(schema.RESOURCES)
    for resource in schema.RESOURCES:
        assert list(docs[resource]) == schema.columns(resource), resource
        for name, entry in docs[resource].items():
            assert set(entry) <= {"title", "example", *schema.DOCUMENTED}, (resource, name)


def test_examples_meet_their_columns_constraints() -> None:
    """frictionless checks an example's type; the enum and pattern are ours to keep."""
    for resource in schema.RESOURCES:
        for field in schema.table_schema(resource)["fields"]:
            rules, example = field.get("constraints", {}), field["example"]
            assert example in rules.get("enum", [example]), field["name"]
            assert re.fullmatch(rules.get("pattern", ".*"), example), field["name"]
            assert len(example) <= rules.get("maxLength", len(example)), field["name"]


def test_licence_and_attribution_fit_government_content(package: Path) -> None:
    pkg = _descriptor(package)
    assert pkg["licenses"] == [dict(item) for item in LICENSES]
    assert not any(word in json.dumps(pkg["licenses"]) for word in ("PDDL", "CC0", "public domain"))
    assert "© HKSAR Government" in pkg["licenses"][0]["title"] and "© HKSAR Government" in pkg["attribution"]
    assert pkg["contributors"][0]["roles"] == ["publisher", "rightsHolder"]
    assert [s["url"] for s in pkg["sources"]] == [f"https://www.example.gov.hk/{e}.pdf" for e in
                                                 good_frames()["editions"]["edition_id"]]


def test_frictionless_validates_it_and_keeps_categories_on_a_round_trip(package: Path) -> None:
    from frictionless import Package

    assert _validate(package)["valid"] is True
    back = Package(str(package / "datapackage.json")).to_descriptor()
    kind = next(f for f in back["resources"][0]["schema"]["fields"] if f["name"] == "kind")
    assert kind["categories"] == list(schema.KINDS)


def test_a_changed_json_form_fails_frictionless_validate(package: Path, tmp_path: Path) -> None:
    """The JSON forms are checked as files: a byte changed in one is caught by its hash and size."""
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    data = (copy / "figures.json").read_bytes()
    (copy / "figures.json").write_bytes(data.replace(b'"figure_id"', b'"figure_iD"', 1))
    report = _validate(copy)
    [task] = [t for t in report["tasks"] if t["name"] == "figures-json"]
    assert not task["valid"] and {e["type"] for e in task["errors"]} == {"hash-count"}


def test_a_descriptor_of_another_form_is_republished_as_a_patch(package: Path, tmp_path: Path) -> None:
    """Same rows, older descriptor (a field title missing, as before v2): the plan publishes a patch version."""
    frames = good_frames()
    assert plan_publication(frames, _editions(frames), package).version is None  # the same rows and form
    copy = tmp_path / "old"
    shutil.copytree(package, copy)
    old = _descriptor(copy)
    del old["resources"][0]["schema"]["fields"][0]["title"]
    (copy / "datapackage.json").write_text(json.dumps(old, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    plan = plan_publication(frames, _editions(frames), copy)
    assert (plan.previous_version, plan.version) == ("1.0.0", "1.0.1")
    assert "The descriptor changed" in plan.meta.changelog_md


def test_the_published_package_names_an_official_url_for_every_edition() -> None:
    pkg = _descriptor(ROOT / "datapackage")
    editions = (ROOT / "datapackage" / "editions.csv").read_text(encoding="utf-8").splitlines()
    header = editions[0].split(",")
    urls = [row.split(",")[header.index("source_url")] for row in editions[1:]]
    assert urls and all(u.startswith("https://www.gov.hk/") for u in urls)
    assert [s["url"] for s in pkg["sources"]] == urls
    assert pkg["$schema"] == PROFILE
