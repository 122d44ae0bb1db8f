"""The README is what a new user reads first: its resource tables must match the schema the code publishes."""

import re
from pathlib import Path

from factsheet import schema

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_names_every_column_of_every_resource():
    for resource, fields in schema.RESOURCES.items():
        section = README.split(f"### {resource}\n", 1)[1].split("\n### ", 1)[0]
        listed = [row for row in re.findall(r"^\| (\w+) \| (\w+) \|", section, flags=re.M) if row[0] != "field"]
        assert listed == [(f["name"], f["type"]) for f in fields], resource


def test_readme_gives_the_two_commands():
    assert "make run" in README and "make test" in README
