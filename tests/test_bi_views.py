"""The SQL views answer the questions the README promises, on a small known warehouse."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from tests.bi_helpers import synthetic_warehouse


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("views") / "w.duckdb")
    synthetic_warehouse(path)
    con = duckdb.connect(path, read_only=True)
    yield con
    con.close()


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_mentions_per_day_fall_back_to_the_ingestion_date(con):
    got = rows(con, "SELECT day, day_source, n_mentions, n_articles FROM v_entity_mentions_daily "
                    "WHERE entity_id = 'putin' ORDER BY day")
    assert got == [(date(2024, 6, 19), "published", 2, 1), (date(2024, 6, 21), "ingested", 1, 1)]


def test_cooccurrence_counts_shared_articles_and_sentences(con):
    got = {(a, b): (n_art, n_sent) for a, b, n_art, n_sent in
           rows(con, "SELECT entity_a, entity_b, n_articles, n_sentences FROM v_entity_cooccurrence")}
    assert got[("putin", "pyongyang")] == (1, 1)
    assert got[("kim", "putin")] == (1, 1)
    assert got[("moscow", "pyongyang")] == (1, 0)  # same article, different sentences
    assert all(a < b for a, b in got)
    assert len(got) == 6  # 4 entities of a1, each pair once; a2 names putin alone


def test_quantities_come_with_their_sentence_and_article(con):
    got = rows(con, "SELECT kind, object, value, surface, sentence, title, day FROM v_quantities ORDER BY day")
    assert got[0] == ("count", "صاروخ", 2.0, "صاروخين", "أطلقت كوريا صاروخين.", "t1", date(2024, 6, 19))
    assert rows(con, "SELECT kind, object, n_quantities, n_articles, total_value FROM v_quantities_by_kind") == [
        ("count", "صاروخ", 2, 2, 4.0)]


def test_dq_views_fold_batches_and_pick_the_latest_run(con):
    latest = rows(con, "SELECT run_id, stage, success, unexpected_count, n_batches FROM v_dq_latest ORDER BY stage")
    assert latest == [("r2", "raw", True, 0, 1), ("r2", "spans", False, 3, 2), ("r2", "warehouse", True, 0, 1)]


def test_run_history_is_newest_first_with_sources_and_pass_rate(con):
    got = rows(con, "SELECT run_id, duration_s, n_sources_loaded, n_sources_unchanged, n_checks, dq_pass_rate "
                    "FROM v_run_history")
    assert got[0][:5] == ("r2", 2.0, 1, 1, 3) and got[0][5] == pytest.approx(2 / 3)
    assert got[1] == ("r1", 5.0, 1, 0, 1, 1.0)
    assert rows(con, "SELECT run_id FROM v_latest_run") == [("r2",)]
