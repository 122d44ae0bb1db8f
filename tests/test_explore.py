"""`factsheet datasette`: the package as SQLite (always tested, standard library only) served by Datasette with
datasette-vega (tested when the optional extra is installed: `pip install -e '.[datasette]'`)."""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from factsheet.explore import metadata, write_database
from factsheet.runs import ROOT

PACKAGE = ROOT / "datapackage"
VENV_BIN = Path(sys.executable).parent


def csv_rows(name: str) -> list[dict[str, str]]:
    with open(PACKAGE / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_row_goes_into_a_typed_table(tmp_path: Path) -> None:
    db = tmp_path / "factsheet.db"
    counts = write_database(PACKAGE, db)
    assert counts["figures"] == len(csv_rows("figures")) > 0
    assert counts["figures-latest"] == len(csv_rows("figures-latest"))
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT DISTINCT typeof(value) FROM figures").fetchall() == [("real",)]
        assert {t for (t,) in con.execute("SELECT DISTINCT typeof(char_start) FROM figures")} == {"integer"}
        first = csv_rows("figures")[0]
        label, value = con.execute("SELECT label, value FROM figures WHERE figure_id = ?",
                                   (first["figure_id"],)).fetchone()
        assert (label, value) == (first["label"], float(first["value"]))
        with pytest.raises(sqlite3.IntegrityError):  # the Table Schema's primary key holds here too
            con.execute("INSERT INTO figures (figure_id, figure_key, edition_id, label, value) "
                        "SELECT figure_id, figure_key, edition_id, label, value FROM figures LIMIT 1")
    con.close()


def test_metadata_carries_licence_sources_and_column_docs() -> None:
    meta = metadata(PACKAGE)
    descriptor = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    assert meta["title"] == descriptor["title"] and meta["license"]
    columns = meta["databases"]["factsheet"]["tables"]["figures"]["columns"]
    assert columns["value"].startswith("Normalised value") and "unit" in columns["value"]


def test_without_the_extra_it_says_how_to_install_it(tmp_path: Path) -> None:
    if (VENV_BIN / "datasette").exists():
        pytest.skip("the datasette extra is installed here")
    env = {**os.environ, "PATH": str(tmp_path)}  # no datasette anywhere
    proc = subprocess.run([sys.executable, "-m", "factsheet.cli", "datasette"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == "factsheet: error: datasette is not installed: .venv/bin/pip install -e '.[datasette]'\n"


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as s:
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local server of this test
        return response.read()


@pytest.mark.slow
def test_datasette_serves_the_package_with_vega_charts(tmp_path: Path) -> None:
    from factsheet.explore import datasette_command

    try:
        datasette_command()
    except Exception:  # noqa: BLE001 - the extra is optional
        pytest.skip("the datasette extra is not installed (pip install -e '.[datasette]')")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "factsheet.cli", "datasette", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                rows = json.loads(_get(f"http://127.0.0.1:{port}/factsheet/figures.json?_shape=array&_size=max"))
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.3)
        assert len(rows) == len(csv_rows("figures"))
        page = _get(f"http://127.0.0.1:{port}/factsheet/figures").decode()
        assert "datasette_vega" in page or "datasette-vega" in page
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    with pytest.raises(OSError):  # SIGTERM stopped Datasette too: nothing listens any more
        _get(f"http://127.0.0.1:{port}/factsheet.json")
