"""Faults: a run killed mid-way leaves the warehouse as it was; two runs on one warehouse
never corrupt it (the second waits, or stops with a clear message)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.ingest_samples import seed

TABLES = ["articles", "sentences", "tokens", "mentions", "entities", "quantities", "sources", "pipeline_runs"]


def _corpus(folder: Path, n: int, salt: str) -> Path:
    """`n` distinct articles made of seed sentences (each file is its own article)."""
    folder.mkdir(parents=True)
    sentences = [s for k in range(5) for s in seed(k).split("\n") if len(s) > 80]
    for i in range(n):
        picked = [sentences[(i * 7 + j * 3) % len(sentences)] for j in range(6)]
        (folder / f"{salt}_{i:03d}.txt").write_text(f"خبر رقم {i} من {salt}.\n" + "\n".join(picked), encoding="utf-8")
    return folder


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _khabar(*args: str, api_url: str) -> subprocess.Popen:
    # Unbuffered, so progress lines arrive while the run is still going.
    env = {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_LOGGING_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "run", "--runner", "thread", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    """Exit code and stderr, reading both pipes so a chatty run never blocks on a full pipe."""
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err


@pytest.fixture(scope="module")
def api_url(prefect_server) -> str:
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value()


@pytest.fixture
def warm_db(tmp_path, api_url) -> Path:
    """A warehouse holding one completed run."""
    db = tmp_path / "w.duckdb"
    proc = _khabar("--source", str(_corpus(tmp_path / "first", 3, "a")), "--db", str(db), api_url=api_url)
    code, err = _finish(proc)
    assert code == 0, err
    return db


@pytest.mark.slow
def test_kill_9_mid_run_leaves_warehouse_unchanged_and_next_run_completes(tmp_path, warm_db, api_url):
    before = _counts(warm_db)
    source = _corpus(tmp_path / "second", 80, "b")
    proc = _khabar("--source", str(source), "--db", str(warm_db), "--batch-size", "4", api_url=api_url)
    for line in proc.stdout:  # kill once batches sit in the run's open transaction
        if "batch 1 loaded" in line:
            break
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _counts(warm_db) == before

    again = _khabar("--source", str(source), "--db", str(warm_db), "--batch-size", "4", api_url=api_url)
    code, err = _finish(again)
    assert code == 0, err
    after = _counts(warm_db)
    assert after["articles"] == before["articles"] + 80
    assert after["pipeline_runs"] == before["pipeline_runs"] + 1


@pytest.mark.slow
def test_second_run_stops_with_clear_message_when_lock_wait_expires(warm_db, api_url):
    holder = duckdb.connect(str(warm_db))  # another writer holds the warehouse
    try:
        proc = _khabar("--db", str(warm_db), "--lock-timeout", "1", api_url=api_url)
        code, err = _finish(proc, timeout=120)
        assert code == 1
        err = err.strip().splitlines()
        assert err[-1].startswith("khabar run failed: WarehouseLocked") and "in use" in err[-1]
    finally:
        holder.close()


@pytest.mark.slow
def test_concurrent_runs_serialise_without_losing_or_doubling_rows(tmp_path, warm_db, api_url):
    before = _counts(warm_db)
    first = _khabar("--source", str(_corpus(tmp_path / "c1", 10, "c")), "--db", str(warm_db), api_url=api_url)
    time.sleep(0.5)
    second = _khabar("--source", str(_corpus(tmp_path / "c2", 10, "d")), "--db", str(warm_db),
                     "--lock-timeout", "240", api_url=api_url)
    for proc in (first, second):
        code, err = _finish(proc)
        assert code == 0, err
    after = _counts(warm_db)
    assert after["articles"] == before["articles"] + 20
    assert after["pipeline_runs"] == before["pipeline_runs"] + 2
