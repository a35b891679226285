"""Whole runs through Prefect: incremental re-runs, the report hook, feeds on loopback, failures."""

from __future__ import annotations

import socket
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from flows.report import ARTIFACT_KEY
from tests.bi_helpers import Page, local_site, rss
from tests.test_bi_export import hold_write_lock
from tests.test_bi_fetch import article_page

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_server")]


def run(sources: list[str], db: Path, **options):
    from flows.pipeline import khabar_run

    return khabar_run(sources=sources, db=str(db), ner_backend="none", **options)


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    db = tmp_path_factory.mktemp("flow") / "w.duckdb"
    return db, run([str(SEEDS)], db), run([str(SEEDS)], db)


def test_a_second_run_with_nothing_new_processes_nothing_and_is_quick(two_runs):
    db, first, second = two_runs
    assert first.status == second.status == "completed"
    assert first.source_status == {"loaded": 5} and first.added["articles"] > 0
    assert second.source_status == {"unchanged": 5}
    assert set(second.added.values()) == {0}
    [(duration,)] = query(db, "SELECT duration_s FROM v_run_history WHERE run_id = ?", [second.run_id])
    assert duration < 10, f"an empty incremental run took {duration:.1f}s"


def test_each_run_writes_a_report_and_a_prefect_artifact(two_runs):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    db, first, second = two_runs
    for summary in (first, second):
        assert summary.report == str(db.parent / "reports" / f"{summary.run_id}.html")
        assert summary.run_id in Path(summary.report).read_text(encoding="utf-8")
    assert (db.parent / "reports" / "latest.html").read_text() == Path(second.report).read_text()
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[ARTIFACT_KEY])))
    texts = [a.data for a in artifacts]
    assert any(f"# Khabar run {second.run_id}" in t and "| articles | 0 |" in t for t in texts)


def test_feed_on_loopback_is_ingested_by_url_and_a_dead_feed_is_quarantined(tmp_path, monkeypatch):
    monkeypatch.setenv("KHABAR_RAW_DIR", str(tmp_path / "raw"))
    monkeypatch.setenv("KHABAR_FETCH_ATTEMPTS", "1")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/rss"  # bound, never listening
        with local_site({f"/a/{i}": Page(article_page(f.name)) for i, f in enumerate(sorted(SEEDS.glob("*.txt"))[:2])}) as site:
            site.pages["/rss"] = Page(rss([("0", site.url("/a/0")), ("1", site.url("/a/1"))]), "application/rss+xml")
            summary = run([site.url("/rss"), dead], tmp_path / "w.duckdb")
    assert summary.status == "completed" and summary.source_status == {"loaded": 2, "quarantined": 1}
    db = tmp_path / "w.duckdb"
    assert {uri for (uri,) in query(db, "SELECT source_uri FROM articles")} == {site.url("/a/0"), site.url("/a/1")}
    assert query(db, "SELECT source_uri, reason FROM quarantine") == [(dead, "fetch_failed")]
    # The raw copies replay the run from disk: the same articles (the feed's XML is kept beside them).
    replay = run([str(tmp_path / "raw" / "**" / "*.html")], tmp_path / "replay.duckdb")
    assert replay.source_status == {"loaded": 2}
    assert query(tmp_path / "replay.duckdb", "SELECT article_id FROM articles ORDER BY 1") == \
        query(db, "SELECT article_id FROM articles ORDER BY 1")


def test_a_run_failing_after_opening_the_warehouse_is_recorded_as_failed(tmp_path, monkeypatch):
    def broken(wh):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("flows.pipeline.known_sources", broken)
    from flows.pipeline import khabar_run

    state = khabar_run(sources=[str(SEEDS)], db=str(tmp_path / "w.duckdb"), ner_backend="none", return_state=True)
    assert state.is_failed()
    assert query(tmp_path / "w.duckdb", "SELECT status, error, flow_run_id IS NOT NULL FROM v_run_history") == [
        ("failed", "RuntimeError: disk on fire", True)]


def test_a_locked_warehouse_fails_the_command_with_one_line(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    holder = hold_write_lock(str(db))
    try:
        code = main(["run", "--db", str(db), "--source", str(SEEDS), "--ner-backend", "none", "--lock-timeout", "1"])
    finally:
        holder.kill()
        holder.wait()
    assert code == 1
    failures = [line for line in capsys.readouterr().err.splitlines() if line.startswith("khabar run failed")]
    assert len(failures) == 1 and "WarehouseLocked" in failures[0]
