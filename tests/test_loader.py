"""Warehouse loader: idempotent upserts, one transaction per run, a clear error when locked."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from warehouse.loader import Warehouse, WarehouseLocked, connect


def _entity(aliases: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"entity_id": ["e1"], "type": ["PERS"], "canonical_name": ["كيم جونغ أون"],
                         "aliases": [aliases], "n_mentions": [1], "n_articles": [1]})


def _sentences() -> pl.DataFrame:
    return pl.DataFrame({"article_id": ["a1", "a1"], "sentence_idx": [0, 1], "char_start": [0, 10], "char_end": [9, 20]})


def test_content_hashed_rows_are_inserted_once(tmp_path):
    wh = Warehouse(tmp_path / "w.duckdb")
    signatures = pl.DataFrame({"article_id": ["a1", "a2"], "minhash": [[1, 2], [3, 4]]},
                              schema={"article_id": pl.Utf8, "minhash": pl.List(pl.UInt32)})
    wh.insert("article_signatures", signatures)
    wh.insert("article_signatures", signatures)
    assert wh.con.execute("SELECT count(*) FROM article_signatures").fetchone()[0] == 2
    wh.close()


def test_entities_are_replaced_so_aliases_grow(tmp_path):
    wh = Warehouse(tmp_path / "w.duckdb")
    wh.insert("entities", _entity(["كيم"]))
    wh.insert("entities", _entity(["كيم", "كيم جونج أون"]))
    assert wh.con.execute("SELECT aliases FROM entities").fetchone()[0] == ["كيم", "كيم جونج أون"]
    wh.close()


def test_nothing_lands_without_commit(tmp_path):
    db = tmp_path / "w.duckdb"
    wh = Warehouse(db)
    wh.insert("sentences", _sentences())
    wh.rollback()
    wh.close()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM sentences").fetchone()[0] == 0


def test_committed_rows_survive_reopening(tmp_path):
    db = tmp_path / "w.duckdb"
    wh = Warehouse(db)
    wh.insert("sentences", _sentences())
    wh.commit()
    wh.close()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM sentences").fetchone()[0] == 2


def test_entity_counts_are_recomputed_from_mentions(tmp_path):
    wh = Warehouse(tmp_path / "w.duckdb")
    wh.insert("entities", _entity(["كيم"]))
    mentions = pl.DataFrame({
        "mention_id": ["m1", "m2", "m3"], "article_id": ["a1", "a1", "a2"], "sentence_idx": [0, 1, 0],
        "char_start": [0, 0, 0], "char_end": [3, 3, 3], "surface": ["كيم"] * 3, "type": ["PERS"] * 3,
        "subtype": [None] * 3, "entity_id": ["e1"] * 3, "score": [0.9] * 3, "backend": ["crf"] * 3,
    })
    wh.insert("mentions", mentions)
    wh.refresh_entity_counts()
    assert wh.con.execute("SELECT n_mentions, n_articles FROM entities").fetchone() == (3, 2)
    wh.close()


def test_a_locked_warehouse_raises_a_clear_error_after_waiting(tmp_path):
    db = tmp_path / "w.duckdb"
    holder = Warehouse(db)
    try:
        # DuckDB's lock is per process: emulate another process with a forked child.
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(1) as pool:
            message = pool.apply(_try_connect, (str(db),))
        assert "in use by another khabar run" in message
    finally:
        holder.close()


def _try_connect(path: str) -> str:
    try:
        connect(path, wait_seconds=0.5).close()
    except WarehouseLocked as exc:
        return str(exc)
    return "connected"


@pytest.mark.parametrize("table", ["articles", "tokens", "mentions", "entities", "quantities", "sources",
                                   "dq_results", "quarantine", "pipeline_runs", "time_expressions"])
def test_schema_creates_every_table(tmp_path, table):
    wh = Warehouse(tmp_path / "w.duckdb")
    assert wh.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    wh.close()


def _article(source_uri: str) -> pl.DataFrame:
    return pl.DataFrame({"article_id": ["a1"], "source_uri": [source_uri], "part": [0], "body": ["كيم"], "lang": ["ar"],
                         "n_chars": [3], "n_sentences": [1], "n_tokens": [1], "ingested_at": [datetime(2024, 1, 1)],
                         "run_id": ["r1"]})


def _mention(entity_id: str) -> pl.DataFrame:
    return pl.DataFrame({"mention_id": ["m1"], "article_id": ["a1"], "sentence_idx": [0], "char_start": [0],
                         "char_end": [3], "surface": ["كيم"], "type": ["PERS"], "entity_id": [entity_id], "backend": ["crf"]})


def test_an_article_brought_by_two_batches_keeps_the_first_batchs_rows(tmp_path):
    wh = Warehouse(tmp_path / "w.duckdb")
    wh.load({"articles": _article("first.txt"), "mentions": _mention("e1"), "sentences": _sentences()}, {"a1"})
    wh.load({"articles": _article("second.txt"), "mentions": _mention("e2"), "sentences": _sentences()}, set())
    wh.flush()
    assert wh.con.execute("SELECT source_uri FROM articles").fetchall() == [("first.txt",)]
    assert wh.con.execute("SELECT entity_id FROM mentions").fetchall() == [("e1",)]
    assert wh.con.execute("SELECT count(*) FROM sentences").fetchone()[0] == 2
    assert wh.con.execute("SELECT article_id FROM run_articles").fetchall() == [("a1",)]
    wh.close()


def test_shards_written_by_workers_land_only_for_the_articles_the_writer_calls_new(tmp_path):
    wh = Warehouse(tmp_path / "w.duckdb")
    two = pl.concat([_sentences(), _sentences().with_columns(article_id=pl.lit("a2"))])
    shards = []
    for n in range(2):  # two batches bring a1 and a2; a1 is new in the first, a2 in none
        path = f"{wh.staging}/sentences-batch{n:06d}.parquet"
        two.write_parquet(path)
        shards.append(path)
        wh.load({"articles": _article(f"{n}.txt")}, {"a1"} if n == 0 else set(), {"sentences": path})
    wh.flush()
    assert wh.con.execute("SELECT article_id, count(*) FROM sentences GROUP BY 1").fetchall() == [("a1", 2)]
    assert not any(Path(path).exists() for path in shards)
    wh.close()


def test_duckdb_spills_beside_the_warehouse_within_its_memory_limit(tmp_path):
    wh = Warehouse(tmp_path / "w.duckdb", memory_limit="100MB")
    settings = dict(wh.con.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name IN ('memory_limit', 'temp_directory')").fetchall())
    assert settings["temp_directory"] == f"{tmp_path / 'w.duckdb'}.tmp"
    assert settings["memory_limit"].startswith(("95.3 MiB", "100.0 MB"))
    wh.close()
