"""The whole flow on seeds/: contract tables, offsets, idempotent re-runs, junk-free bodies."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from flows.cli import main
from tests.conftest import SEEDS

CONTRACT = {
    "articles": ["article_id", "source_uri", "part", "title", "body", "lang", "n_chars", "n_sentences",
                 "n_tokens", "published_at", "ingested_at", "run_id"],
    "sentences": ["article_id", "sentence_idx", "char_start", "char_end"],
    "tokens": ["article_id", "sentence_idx", "token_idx", "char_start", "char_end", "surface", "norm"],
    "mentions": ["mention_id", "article_id", "sentence_idx", "char_start", "char_end", "surface", "type",
                 "subtype", "entity_id", "score", "backend"],
    "entities": ["entity_id", "type", "canonical_name", "aliases", "n_mentions", "n_articles"],
    "quantities": ["quantity_id", "article_id", "sentence_idx", "char_start", "char_end", "surface", "value",
                   "value_low", "value_high", "qualifier", "unit", "kind", "object"],
    "sources": ["source_uri", "content_sha256", "status", "n_articles", "run_id", "seen_at"],
    "dq_results": ["run_id", "stage", "suite", "expectation", "column_name", "success", "unexpected_count",
                   "observed_value", "checked_at"],
    "quarantine": ["run_id", "source_uri", "stage", "reason", "detail", "quarantined_at"],
    "pipeline_runs": ["run_id", "flow_run_id", "started_at", "finished_at", "status", "n_sources",
                      "n_articles", "n_quarantined"],
}
COUNTED = ["articles", "sentences", "tokens", "mentions", "entities", "quantities"]


def _counts(db) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}


@pytest.fixture(scope="module")
def runs(prefect_server, tmp_path_factory, monkeypatch_module):
    """Two runs over a copy of seeds/, with the row counts after each."""
    work = tmp_path_factory.mktemp("seeds_run")
    shutil.copytree(SEEDS, work / "seeds")
    monkeypatch_module.chdir(work)
    db = work / "warehouse" / "khabar.duckdb"
    counts = []
    for _ in range(2):
        assert main(["run"]) == 0
        counts.append(_counts(db))
    return db, counts


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


@pytest.fixture
def con(runs):
    with duckdb.connect(str(runs[0]), read_only=True) as c:
        yield c


@pytest.mark.slow
def test_every_contract_table_and_column_exists(con):
    for table, columns in CONTRACT.items():
        have = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
        assert set(columns) <= have, (table, set(columns) - have)


@pytest.mark.slow
def test_six_articles_with_seed_002_split_in_two(con):
    rows = con.execute("SELECT source_uri, part FROM articles ORDER BY 1, 2").fetchall()
    assert len(rows) == 6
    assert [p for uri, p in rows if "002_" in uri] == [0, 1]
    assert all(uri.startswith("seeds/") for uri, _ in rows)


@pytest.mark.slow
@pytest.mark.parametrize("table", ["tokens", "mentions", "quantities"])
def test_offsets_index_the_body(con, table):
    bad = con.execute(
        f"SELECT count(*) FROM {table} t JOIN articles a USING (article_id) "
        "WHERE substr(a.body, t.char_start + 1, t.char_end - t.char_start) <> t.surface"
    ).fetchone()[0]
    assert bad == 0
    assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0


@pytest.mark.slow
def test_second_run_adds_nothing_and_is_faster(runs, con):
    _, counts = runs
    assert counts[0] == counts[1]
    # Nothing changed, so no batch was transformed, and the flow took less time.
    first, second = con.execute("SELECT run_id FROM pipeline_runs ORDER BY started_at").fetchall()
    stages = {r[0] for r in con.execute("SELECT stage FROM run_stages WHERE run_id = ?", [second[0]]).fetchall()}
    assert not stages & {"clean", "tokenize", "annotate:ner", "annotate:quantities"}
    durations = [r[0] for r in con.execute(
        "SELECT epoch(finished_at - started_at) FROM pipeline_runs ORDER BY started_at").fetchall()]
    assert durations[1] < durations[0]
    statuses = con.execute(
        "SELECT status, count(*) FROM sources WHERE run_id = (SELECT max(run_id) FROM pipeline_runs) GROUP BY 1"
    ).fetchall()
    assert statuses == [("unchanged", 5)]
    assert con.execute("SELECT count(*), count(DISTINCT status) FROM pipeline_runs").fetchone() == (2, 1)


@pytest.mark.slow
def test_no_body_holds_page_junk(con):
    for marker in ["(رويترز)", "(أ.ف.ب)", "مشاركة :", "مقالات ذات صلة", "\nTT\n"]:
        hits = con.execute("SELECT count(*) FROM articles WHERE contains(body, ?)", [marker]).fetchone()[0]
        assert hits == 0, marker


@pytest.mark.slow
def test_run_records_counts_and_checks(con):
    run = con.execute("SELECT status, n_sources, n_articles, n_tokens FROM pipeline_runs ORDER BY started_at LIMIT 1").fetchone()
    assert run[0] == "completed" and run[1] == 5 and run[2] == 6 and run[3] > 4000
    stages = {r[0] for r in con.execute("SELECT DISTINCT stage FROM dq_results").fetchall()}
    assert stages == {"ingest", "clean", "tokenize", "annotate", "load"}
    assert con.execute("SELECT count(*) FROM dq_results WHERE NOT success AND blocking").fetchone()[0] == 0


@pytest.mark.slow
def test_kim_is_one_entity_across_spellings(con):
    aliases = con.execute(
        "SELECT e.aliases FROM mentions m JOIN entities e USING (entity_id) WHERE m.surface = 'كيم جونج أون' LIMIT 1"
    ).fetchone()
    assert aliases is not None and {"كيم جونغ أون", "كيم"} <= set(aliases[0])


@pytest.mark.slow
def test_default_relative_db_gets_report_and_data_docs(runs):
    folder = runs[0].parent  # warehouse/, given to `khabar run` as a relative path
    assert (folder / "reports" / "latest.html").exists()
    assert list(folder.glob("data_docs/*/index.html"))
