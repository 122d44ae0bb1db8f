"""`factsheet extract` over a corpus: folders, globs and list files in one process, an error list that does not
stop the batch, one package or one each, local processes or a Dask cluster, the same bytes whatever ran it."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet import cli
from factsheet.runs import ROOT

DOCS = sorted((ROOT / "tests" / "docs").glob("*.txt"))
SEED = ROOT / "raw" / "innovative-hong-kong" / "2022-06" / "source.txt"


def files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def edition_ids(package: Path) -> list[str]:
    with open(package / "editions.csv", encoding="utf-8") as handle:
        return [row["edition_id"] for row in csv.DictReader(handle)]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A folder of four fact sheets, one of them in a sub-folder."""
    folder = tmp_path / "sheets"
    (folder / "more").mkdir(parents=True)
    for doc in DOCS:
        shutil.copy(doc, folder / doc.name)
    shutil.copy(SEED, folder / "more" / "ihk-2022.txt")
    return folder


def test_a_folder_is_one_package_of_every_document_in_input_order(corpus, tmp_path, capsys):
    out = tmp_path / "all" / "pkg"
    assert cli.main(["extract", str(corpus), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("published version 1.0.0 (") and printed[-1] == "documents: 4 (4 extracted, 0 failed)"
    assert printed[1].startswith("validation: passed (") and "4 documents" in printed[1]
    assert edition_ids(out) == ["hong-kong-the-facts-2023-05", "innovative-hong-kong-2023-06",
                                "hong-kong-the-facts-2023-09", "innovative-hong-kong-2022-06"]
    frictionless = subprocess.run([str(Path(sys.executable).with_name("frictionless")), "validate",
                                   str(out / "datapackage.json")], capture_output=True, text=True, timeout=300)
    assert frictionless.returncode == 0, frictionless.stdout[-2000:]
    assert cli.main(["extract", str(corpus), "--out", str(out)]) == 0  # again: nothing rewritten
    assert capsys.readouterr().out.startswith("unchanged: version 1.0.0")
    page_is_that_of_every_row(out)


def page_is_that_of_every_row(package: Path) -> None:
    """The page, built from figures read as a stream, is the page of every row held at once; with fewer rows
    shown than there are, it holds only those it shows and says how many there are."""
    from factsheet import site

    every = {name: list(site._iter_rows(package / f"{name}.csv"))
             for name in ("figures", "figures-latest", "editions", "changes")}
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    whole = site.render_page(site.page_context(site.Loaded(package, descriptor, every), package / "site", {}))
    assert (package / "site" / "index.html").read_text(encoding="utf-8") == whole
    total = len(every["figures-latest"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site, "MAX_PREVIEW", 3)
        loaded = site.load_package(package)
        assert len(loaded.tables["figures-latest"]) == 3 and loaded.count("figures-latest") == total > 3
        site.write_site(package, package.parent / "page")
    page = (package.parent / "page" / "index.html").read_text(encoding="utf-8")
    assert f"The page shows the first 3 of {total} figures" in page and page.count('<tbody class="fig"') == 3


def test_the_package_is_written_holding_one_part_at_a_time(tmp_path):
    """A corpus's package is written from its spooled chunks one by one: a chunk is dropped before the one after
    the next is read, so memory holds a chunk whatever the number of documents."""
    import gc
    import weakref

    from factsheet.pipeline import frames_for, standalone_edition
    from factsheet.publish import publish_parts

    frames = frames_for([standalone_edition(SEED)])
    written: list[weakref.ref] = []
    alive_when_read: list[int] = []

    def parts():
        for _ in range(4):
            gc.collect()
            alive_when_read.append(sum(ref() is not None for ref in written))
            part = {"figures": frames["figures"].copy(), "events": frames["events"].copy()}
            written.append(weakref.ref(part["figures"]))
            yield part
            del part

    assert publish_parts(tmp_path / "pkg", parts(), frames["editions"], frames["changes"], lambda _: None) is None
    assert alive_when_read == [0, 1, 1, 1]  # the part being written, never the ones before it


def test_bad_documents_are_listed_and_the_batch_goes_on(corpus, tmp_path, capsys):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    shutil.copy(SEED, corpus / "same-sheet-again.txt")  # the same edition twice cannot share one package
    listed = tmp_path / "list.txt"
    listed.write_text(f"# more sheets\n{DOCS[0].name}\nnowhere.txt\n", encoding="utf-8")
    shutil.copy(DOCS[0], tmp_path / DOCS[0].name)  # named relative to the list file's folder
    out = tmp_path / "pkg"
    code = cli.main(["extract", str(corpus / "**" / "*.txt"), "--list", str(listed), "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 2
    errors = captured.err.splitlines()
    assert len(errors) == 5 and all(line.startswith("factsheet: error: ") for line in errors)
    assert "binary.txt: binary file" in errors[0] and "empty.txt: file is empty" in errors[1]
    assert "same-sheet-again.txt: edition id innovative-hong-kong-2022-06 is also that of" in errors[2]
    assert f"{tmp_path / DOCS[0].name}: edition id hong-kong-the-facts-2023-05 is also that of" in errors[3]
    assert errors[4] == f"factsheet: error: {tmp_path / 'nowhere.txt'}: no such file"
    assert captured.out.splitlines()[-1] == "documents: 9 (4 extracted, 5 failed)"
    assert len(edition_ids(out)) == 4


def _extracted(paths: list[Path]) -> list:
    from factsheet.corpus import Done, extract_document

    outcomes = [extract_document(i, str(p), p.read_bytes(), "HKD", None) for i, p in enumerate(paths)]
    return [Done(o.index, o.path, o.data) for o in outcomes]


def test_a_corpus_of_many_chunks_is_validated_in_one_run_and_a_failing_document_is_left_out(tmp_path, monkeypatch):
    """Three chunks (of one document each) make one Great Expectations run, and no per-frame run: the document
    with a failing row is named in the error list with its row, and the package is that of the other two."""
    import importlib

    from factsheet import corpus
    from factsheet.corpus import Batch, extract_document, publish_corpus

    validate = importlib.import_module("factsheet.validate")  # the package's `validate` is its API function

    monkeypatch.setattr(corpus, "CHUNK", 1)
    calls = {"validate_tables": 0, "validate_frames": 0}

    def counting(name: str):
        run = getattr(validate, name)

        def counted(*args, **kwargs):
            calls[name] += 1
            return run(*args, **kwargs)
        return counted

    for name in calls:
        monkeypatch.setattr(validate, name, counting(name))
    outcomes = [extract_document(i, str(p), p.read_bytes(), "HKD", None) for i, p in enumerate(DOCS[:3])]
    bad = outcomes[1].data.figures
    bad.loc[bad.index[0], "value_text"] = "no such text"  # no longer in its statement nor at its span
    batch = Batch()
    everything, good = tmp_path / "all" / "corpus", tmp_path / "good" / "corpus"  # one name: the package's
    summary = publish_corpus(iter(outcomes), 3, everything, batch)
    assert summary is not None and summary.outcome == "published"
    assert calls == {"validate_tables": 1, "validate_frames": 0} and batch.runs == 1 and batch.validated == 2
    assert [i for i, _ in batch.errors] == [1]
    assert (f"{DOCS[1]}: validation failed, not written: figures: expect_column_values_to_be_in_set("
            f"value_text_in_statement) on {bad['figure_id'].iloc[0]}") == batch.errors[0][1]
    assert outcomes[1].data.edition.edition_id not in edition_ids(everything)
    assert publish_corpus(iter([outcomes[0], dataclasses.replace(outcomes[2], index=1)]), 2, good, Batch())
    package = [n for n in files(everything) if not n.startswith("site/")]
    assert {n: files(everything)[n] for n in package} == {n: files(good)[n] for n in package}


def test_a_table_level_failure_fails_the_corpus(tmp_path):
    """A failure that names no document's rows (here a suite asking for at most one figure) fails the whole run:
    ValidationFailed, whose message names the expectation; nothing is left out quietly."""
    from factsheet.corpus import Batch, spool_chunk, validate_corpus
    from factsheet.validate import EXPECTATIONS_DIR, Tables, ValidationFailed

    suites = tmp_path / "suites"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    figures = json.loads((suites / "figures.json").read_text(encoding="utf-8"))
    figures["expectations"].append({"type": "expect_table_row_count_to_be_between", "kwargs": {"max_value": 1},
                                    "severity": "error", "why": "a test"})
    (suites / "figures.json").write_text(json.dumps(figures), encoding="utf-8")
    batch = Batch()
    tables = Tables(tmp_path / "tables.sqlite", suites)
    frames = spool_chunk(_extracted(DOCS[:2]), tables, batch)
    with pytest.raises(ValidationFailed) as failed:
        validate_corpus(frames["editions"], frames["changes"], tables, batch)
    assert str(failed.value).startswith("figures: expect_table_row_count_to_be_between() [error]")


def test_the_editions_count_check_reads_the_rows_counted_chunk_by_chunk():
    """Without the figures frame at hand, the editions' count check (a warning) reads the counts the chunks
    kept: right counts pass it, a wrong count fails it."""
    from factsheet.pipeline import frames_for
    from factsheet.validate import validate_frames

    frames = frames_for([d.data for d in _extracted(DOCS[:2])])
    rows = {r: frames[r]["edition_id"].value_counts().to_dict() for r in ("figures", "events")}
    only = {"editions": frames["editions"], "changes": frames["changes"]}

    def counted(rows: dict) -> bool:
        report = validate_frames(only, resources=("editions",), row_counts=rows)
        return next(r.success for r in report.results if "figures_counted" in r.columns)

    assert counted(rows)
    first = frames["editions"]["edition_id"].iloc[0]
    assert not counted({**rows, "figures": {**rows["figures"], first: rows["figures"][first] + 1}})


def test_a_document_whose_editions_row_fails_at_the_end_is_written_out_again(tmp_path):
    """The package is written while documents are extracted; an editions row that fails the corpus's run at
    the end takes its document out: the package is written again from the spool, the same bytes as a
    corpus without that document, and the document is in the error list."""
    from factsheet.corpus import Batch, extract_document, publish_corpus

    outcomes = [extract_document(i, str(p), p.read_bytes(), "HKD", None) for i, p in enumerate(DOCS[:3])]
    data = outcomes[1].data
    broken = dataclasses.replace(data, edition=dataclasses.replace(data.edition, sha256="not a hash"))
    outcomes[1] = dataclasses.replace(outcomes[1], data=broken)
    batch = Batch()
    everything, good = tmp_path / "all" / "corpus", tmp_path / "good" / "corpus"  # one name: the package's
    summary = publish_corpus(iter(outcomes), 3, everything, batch)
    assert summary is not None and summary.outcome == "published"
    assert [i for i, _ in batch.errors] == [1]
    assert "not written: editions: expect_column_values_to_match_regex(sha256) on " in batch.errors[0][1]
    assert data.edition.edition_id not in edition_ids(everything)
    assert publish_corpus(iter([outcomes[0], dataclasses.replace(outcomes[2], index=1)]), 2, good, Batch())
    package = [n for n in files(everything) if not n.startswith("site/")]
    assert {n: files(everything)[n] for n in package} == {n: files(good)[n] for n in package}


def test_the_output_is_the_same_bytes_on_one_or_two_processes(corpus, tmp_path):
    one, two = tmp_path / "one" / "pkg", tmp_path / "two" / "pkg"
    assert cli.main(["extract", str(corpus), "--out", str(one)]) == 0
    assert cli.main(["extract", str(corpus), "--out", str(two), "--workers", "2"]) == 0
    assert files(one) == files(two)


def test_each_document_gets_its_own_package(corpus, tmp_path, capsys):
    out = tmp_path / "each"
    (out / "notes").mkdir(parents=True)  # a folder of the user's beside the packages is left alone
    assert cli.main(["extract", str(corpus), "--each", "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    names = sorted(p.name for p in out.iterdir())
    assert names == ["financial-services-2023-05-datapackage", "ihk-2022-datapackage",
                     "innovative-hong-kong-2023-06-datapackage", "notes", "transport-2023-09-datapackage"]
    assert sum(" published version 1.0.0 " in line for line in printed) == 4
    assert edition_ids(out / "ihk-2022-datapackage") == ["innovative-hong-kong-2022-06"]
    single = tmp_path / "single"
    assert cli.main(["extract", str(corpus / "more" / "ihk-2022.txt"), "--out", str(single)]) == 0
    assert files(single) == files(out / "ihk-2022-datapackage")  # the same package as a single extract


def test_the_output_rules_hold_for_a_corpus(corpus, tmp_path, capsys):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.docx").write_bytes(b"precious")
    assert cli.main(["extract", str(corpus), "--out", str(foreign)]) == 2
    assert "not empty and not a package written by `factsheet extract`" in capsys.readouterr().err
    assert files(foreign) == {"thesis.docx": b"precious"}
    assert cli.main(["extract", str(corpus), "--out", str(ROOT / "datapackage")]) == 2
    assert "only `factsheet refresh` writes" in capsys.readouterr().err
    assert cli.main(["extract", str(corpus), "--out", str(foreign), "--force"]) == 0
    assert (foreign / "thesis.docx").read_bytes() == b"precious" and (foreign / "figures.csv").is_file()
    for bad, message in ((["--workers", "0"], "--workers 0: give 1 or more processes"),
                         (["--workers", "2", "--dask", "tcp://127.0.0.1:9"], "--workers and --dask: choose one"),
                         ([str(tmp_path / "no-*.pdf")], "no-*.pdf: no file matches this pattern")):
        assert cli.main(["extract", str(corpus), *bad, "--out", str(tmp_path / "x")]) == 2
        assert message in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


@pytest.mark.slow
def test_a_corpus_runs_on_a_dask_cluster_with_the_same_bytes(corpus, tmp_path, monkeypatch, capsys):
    from distributed import LocalCluster

    here = tmp_path / "here" / "pkg"
    assert cli.main(["extract", str(corpus), "--out", str(here)]) == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = tmp_path / "dask" / "pkg"
        assert cli.main(["extract", str(corpus), "--out", str(on_dask), "--dask", cluster.scheduler_address]) == 0
        monkeypatch.setenv("FACTSHEET_DASK_ADDRESS", cluster.scheduler_address)
        by_setting = tmp_path / "setting" / "pkg"
        assert cli.main(["extract", str(corpus), "--out", str(by_setting)]) == 0
        assert cluster.scheduler.n_tasks >= 8  # both batches ran on the cluster's workers
    assert files(here) == files(on_dask) == files(by_setting)
    monkeypatch.setenv("FACTSHEET_DASK_ADDRESS", "tcp://127.0.0.1:9")
    assert cli.main(["extract", str(corpus), "--out", str(tmp_path / "x")]) == 2
    assert "--dask tcp://127.0.0.1:9: cannot reach the Dask scheduler" in capsys.readouterr().err


def test_help_starts_without_the_heavy_libraries():
    script = ("import sys; from factsheet import cli\ntry:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
              "print('heavy:', *[m for m in ('pandas', 'prefect', 'great_expectations', 'pdfplumber', 'frictionless') "
              "if m in sys.modules])")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "DO_NOT_TRACK": "1"})
    assert run.stdout.splitlines()[-1] == "heavy:"
