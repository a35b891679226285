"""`khabar export` and `khabar dq` on a known warehouse, including while a writer holds it."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import duckdb
import pytest

from flows.cli import main
from tests.bi_helpers import synthetic_warehouse

READERS = {"parquet": "read_parquet", "csv": "read_csv"}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("export") / "w.duckdb")
    synthetic_warehouse(path)
    return path


def relation_counts(db: str) -> dict[str, int]:
    with duckdb.connect(db, read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_schema = 'main'").fetchall()]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_every_table_and_view_is_readable_by_a_fresh_duckdb(db, tmp_path, fmt, capsys):
    out = tmp_path / "snapshot"
    assert main(["export", "--db", db, "--format", fmt, "--out", str(out)]) == 0
    expected = relation_counts(db)
    assert {"articles", "mentions", "dq_results", "v_entity_cooccurrence", "v_run_history"} <= set(expected)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["latest_run_id"] == "r2"
    assert {name: entry["rows"] for name, entry in manifest["relations"].items()} == expected
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{n}.{fmt}" for n in expected] + ["manifest.json"])
    fresh = duckdb.connect()
    for name, n in expected.items():
        assert fresh.execute(f"SELECT count(*) FROM {READERS[fmt]}('{out / f'{name}.{fmt}'}')").fetchone()[0] == n
    assert "exported" in capsys.readouterr().out


def hold_write_lock(db: str) -> subprocess.Popen:
    """Another process with the warehouse open for writing, as a running pipeline has it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(float(sys.argv[2]))", db, "3"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    return holder


def test_export_waits_for_a_writer_and_fails_in_one_line_when_it_waits_too_long(db, tmp_path, capsys):
    holder = hold_write_lock(db)
    try:
        assert main(["export", "--db", db, "--out", str(tmp_path / "x"), "--lock-timeout", "0.5"]) == 1
        err = capsys.readouterr().err.strip()
        assert err.startswith("khabar export failed: WarehouseLocked") and "\n" not in err
        started = time.monotonic()
        assert main(["export", "--db", db, "--out", str(tmp_path / "y"), "--lock-timeout", "30"]) == 0
        assert time.monotonic() - started > 0.5  # it waited for the writer to let go
    finally:
        holder.kill()
        holder.wait()
    assert (tmp_path / "y" / "manifest.json").is_file()


def test_dq_prints_failures_first_for_the_latest_run_or_a_chosen_one(db, capsys):
    assert main(["dq", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "run r2: 3 checks, 1 failed (1 blocking)"
    assert lines[1].split() == ["suite", "expectation", "column", "result", "unexpected", "blocking"]
    assert lines[2].split() == ["spans", "offsets", "body", "FAIL", "3", "yes"]
    assert [line.split()[3] for line in lines[3:]] == ["ok", "ok"]
    assert main(["dq", "--db", db, "--run", "r1"]) == 0
    assert capsys.readouterr().out.startswith("run r1: 1 checks, 0 failed")
    assert main(["dq", "--db", db, "--run", "nope"]) == 1
    assert capsys.readouterr().err.strip() == "khabar dq failed: LookupError: run nope has no data-quality results (no such run)"
