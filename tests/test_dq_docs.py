"""GX Data Docs: batch results merged per suite, a site per run built offline, linked from
`khabar run`, `khabar dq` and the HTML report, and never a reason for a run to fail."""

from __future__ import annotations

import logging
import shutil
import socket

import polars as pl
import pytest

from expectations import clean_articles
from expectations.suite import validate
from expectations.validation_log import SAMPLE_CHARS, ValidationLog
from flows.cli import main
from flows.data_docs import ICON_MARKS, docs_root, index_page, publish_data_docs
from tests.conftest import SEEDS


def _articles(*bodies: str) -> pl.DataFrame:
    return pl.DataFrame({
        "article_id": [f"a{i}" for i in range(len(bodies))], "body": list(bodies), "title": None, "part": 0,
        "lang": "ar", "arabic_share": 1.0, "n_chars": [len(b) for b in bodies],
    })


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_batches_merge_into_one_result_per_suite_with_short_samples():
    log = ValidationLog()
    log.add(validate(clean_articles.SUITE, _articles("ب" * 50, "قصير" * 200)).validation,
            validate(clean_articles.SUITE, _articles("قصير")).validation)
    merged = log.suites["clean_articles"]
    assert merged["meta"]["batches"] == 2 and merged["success"] is False
    by_check = {(r["expectation_config"]["type"], r["expectation_config"]["kwargs"].get("column")): r
                for r in merged["results"]}
    lengths = by_check["expect_column_value_lengths_to_be_between", "body"]["result"]
    assert (lengths["element_count"], lengths["unexpected_count"]) == (3, 1)
    assert lengths["unexpected_percent"] == pytest.approx(100 / 3)
    assert "unexpected_list" not in lengths
    assert by_check["expect_column_values_to_be_between", "n_chars"]["success"]
    assert all(len(v) <= SAMPLE_CHARS + 1 for r in merged["results"]
               for v in r["result"].get("partial_unexpected_list", []) if isinstance(v, str))


def test_site_is_built_offline_and_latest_follows_the_newest_run(tmp_path, no_network):
    log = ValidationLog()
    log.add(validate(clean_articles.SUITE, _articles("ب" * 50, "قصير")).validation)
    db = tmp_path / "khabar.duckdb"
    for run_id in ("run-1", "run-2"):
        assert publish_data_docs(log, run_id, db) == str(index_page(db, run_id))
    index = index_page(db, "run-2").read_text(encoding="utf-8")
    assert "clean_articles: FAILED, 8 of 9 expectations met" in index  # the plain list, readable without scripts
    [page] = (docs_root(db) / "run-2").glob("validations/clean_articles/**/*.html")
    assert ICON_MARKS in page.read_text(encoding="utf-8")  # pass/fail readable without the icon font
    assert not (docs_root(db) / "run-2" / "static").exists()
    assert (docs_root(db) / "latest").resolve() == (docs_root(db) / "run-2").resolve()


def test_a_docs_failure_is_a_warning_not_an_error(tmp_path, caplog):
    db = tmp_path / "khabar.duckdb"
    docs_root(db).write_text("a file where the docs folder should be")
    with caplog.at_level(logging.WARNING):
        assert publish_data_docs(ValidationLog(), "run-1", db) is None
    assert "could not build the Data Docs of run run-1" in caplog.text


@pytest.mark.slow
def test_run_summary_dq_and_report_link_the_runs_data_docs(prefect_server, tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, src / seed.name)
    db = tmp_path / "w" / "khabar.duckdb"
    assert main(["run", "--source", str(src), "--db", str(db), "--runner", "thread"]) == 0
    printed = capsys.readouterr().out
    docs_line = next(line for line in printed.splitlines() if line.startswith("data docs: "))
    index = docs_line.removeprefix("data docs: ")
    run_id = index.split("/")[-2]
    page = (docs_root(db) / run_id / "index.html").read_text(encoding="utf-8")
    for suite in ("raw_sources", "clean_articles", "tokens", "quantities", "mentions", "warehouse_integrity"):
        assert f"{suite}: passed" in page
    report = (db.parent / "reports" / f"{run_id}.html").read_text(encoding="utf-8")
    assert f"../data_docs/{run_id}/index.html" in report

    assert main(["dq", "--db", str(db)]) == 0
    assert f"data docs: {index}" in capsys.readouterr().out
