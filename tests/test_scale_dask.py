"""Scale-out: batches transformed on a two-worker Dask cluster, or the default process pool, land exactly as a sequential run's.

Twelve articles assembled from the seed lines, four per batch: three transform tasks spread
over the cluster's workers while the flow stays the single writer.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from tests.conftest import SEEDS

N_ARTICLES = 12
LINES_PER_ARTICLE = 8
# Content of each table, without what differs between runs (run ids, load times).
CONTENT = {
    "articles": "article_id, source_uri, part, title, body, n_chars, n_sentences, n_tokens, duplicate_of",
    "tokens": "article_id, sentence_idx, token_idx, char_start, char_end, surface, norm",
    "mentions": "mention_id, article_id, char_start, char_end, surface, type, subtype, entity_id, score",
    "quantities": "quantity_id, article_id, char_start, char_end, surface, value, value_low, value_high, unit, kind",
    "entities": "entity_id, type, canonical_name, aliases, n_mentions, n_articles",
}


def seed_articles(folder: Path) -> Path:
    """Twelve distinct articles: every twelfth story line of the seeds, from a different start."""
    lines = [line for path in sorted(SEEDS.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 60]
    folder.mkdir()
    for i in range(N_ARTICLES):
        picked = lines[i::N_ARTICLES][:LINES_PER_ARTICLE]
        (folder / f"article_{i:02d}.txt").write_text("\n".join(picked) + "\n", encoding="utf-8")
    return folder


def fingerprint(db: Path) -> dict[str, tuple[int, str]]:
    """(rows, sha256 of the sorted rows) of each content table."""
    with duckdb.connect(str(db), read_only=True) as con:
        out = {}
        for table, columns in CONTENT.items():
            rows = con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()
            out[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
        return out


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


@pytest.mark.slow
def test_dask_cluster_warehouse_equals_sequential_run(prefect_server, cluster, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = str(seed_articles(tmp_path / "articles").relative_to(tmp_path))
    common = ["run", "--source", source, "--batch-size", "4"]
    assert main([*common, "--db", "sequential.duckdb", "--runner", "thread", "--workers", "1"]) == 0
    assert main([*common, "--db", "dask.duckdb", "--runner", "dask", "--dask-address", cluster.scheduler_address]) == 0
    sequential, dask = fingerprint(tmp_path / "sequential.duckdb"), fingerprint(tmp_path / "dask.duckdb")
    assert sequential["articles"][0] == N_ARTICLES
    assert sequential["tokens"][0] > 1000 and sequential["mentions"][0] > 50
    assert dask == sequential
    with duckdb.connect(str(tmp_path / "dask.duckdb"), read_only=True) as con:
        stages = dict(con.execute("SELECT stage, batches FROM run_stages").fetchall())
    assert stages["tokenize"] == 3 and stages["annotate:ner"] == 3


@pytest.mark.slow
def test_process_pool_warehouse_equals_sequential_run(prefect_server, tmp_path, monkeypatch):
    """The default runner: warmed worker processes, ended once the last batch is transformed."""
    monkeypatch.chdir(tmp_path)
    source = str(seed_articles(tmp_path / "articles").relative_to(tmp_path))
    common = ["run", "--source", source, "--batch-size", "4"]
    assert main([*common, "--db", "sequential.duckdb", "--runner", "thread", "--workers", "1"]) == 0
    assert main([*common, "--db", "process.duckdb", "--runner", "process", "--workers", "2"]) == 0
    assert fingerprint(tmp_path / "process.duckdb") == fingerprint(tmp_path / "sequential.duckdb")
