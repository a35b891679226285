"""Real-world inputs end to end: every input is accounted for in `sources`, with a reason
in `quarantine` when it was refused, and near-copies are linked to their original."""

from __future__ import annotations

import json
import os

import duckdb
import pytest

from flows.cli import main
from tests.ingest_samples import ARABIC, news_page, seed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("inputs")
    src = root / "in"
    src.mkdir()
    (src / "legacy_cp1256.txt").write_bytes(seed(3).encode("cp1256", errors="replace"))
    (src / "utf16.txt").write_bytes(seed(4).encode("utf-16"))
    (src / "bom.txt").write_bytes(b"\xef\xbb\xbf" + seed(1).encode())
    (src / "page.html").write_text(news_page(ARABIC.split("\n")), encoding="utf-8")
    records = [
        {"title": "عنوان أول", "text": seed(0), "url": "https://example.test/a", "published_at": "2023-09-13"},
        {"title": "بلا نص"},
    ]
    (src / "export.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{broken\n",
                                      encoding="utf-8")
    (src / "blob.bin").write_bytes(bytes(range(256)) * 40)
    (src / "english.txt").write_text("The quick brown fox jumps over the lazy dog. " * 30, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    near = seed(0).replace("الأربعاء", "الخميس").replace("حوالي ساعة", "نحو ساعة")
    (src / "near_copy_of_export.txt").write_text(near, encoding="utf-8")
    (src / "same_bytes.txt").write_bytes(seed(1).encode())
    (src / "same_bytes_again.txt").write_bytes(seed(1).encode())
    (src / "it's \"quoted\"; DROP TABLE articles;--.txt").write_text(seed(2), encoding="utf-8")
    outside = root / "secret.txt"
    outside.write_text(seed(3), encoding="utf-8")
    os.symlink(outside, src / "link_outside.txt")
    db = root / "w.duckdb"
    assert main(["run", "--source", str(src), "--db", str(db), "--runner", "thread"]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        yield src, con


def _status(con, name: str) -> str:
    return con.execute("SELECT status FROM sources WHERE source_uri LIKE ?", [f"%/{name}"]).fetchone()[0]


def _quarantine_reason(con, name: str) -> str:
    return con.execute("SELECT reason FROM quarantine WHERE source_uri LIKE ?", [f"%/{name}"]).fetchone()[0]


@pytest.mark.slow
def test_every_input_is_in_sources(corpus):
    src, con = corpus
    seen = {r[0] for r in con.execute("SELECT source_uri FROM sources").fetchall()}
    assert seen == {str(p) for p in src.iterdir()}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["legacy_cp1256.txt", "utf16.txt", "bom.txt", "page.html", "export.jsonl"])
def test_encodings_pages_and_exports_load(corpus, name):
    _, con = corpus
    assert _status(con, name) == "loaded"


@pytest.mark.slow
@pytest.mark.parametrize(("name", "reason"), [
    ("blob.bin", "binary"), ("english.txt", "not_arabic"), ("empty.txt", "empty"),
    ("link_outside.txt", "symlink_outside"),
])
def test_junk_is_quarantined_with_reason(corpus, name, reason):
    _, con = corpus
    assert _status(con, name) == "quarantined"
    assert _quarantine_reason(con, name) == reason


@pytest.mark.slow
def test_export_records_are_rows_and_bad_records_are_quarantined(corpus):
    _, con = corpus
    rows = con.execute("SELECT source_uri, title, published_at FROM articles WHERE source_uri LIKE '%export.jsonl#%'").fetchall()
    assert [(uri.rsplit("#", 1)[1], title, str(day)) for uri, title, day in rows] == [("L1", "عنوان أول", "2023-09-13")]
    reasons = con.execute("SELECT source_uri, reason FROM quarantine WHERE source_uri LIKE '%export.jsonl#%' ORDER BY 1").fetchall()
    assert [(uri.rsplit("#", 1)[1], reason) for uri, reason in reasons] == [("L2", "no_text"), ("L3", "bad_json")]


@pytest.mark.slow
def test_exact_copy_is_a_duplicate_and_stored_once(corpus):
    _, con = corpus
    statuses = sorted([_status(con, "same_bytes.txt"), _status(con, "same_bytes_again.txt"), _status(con, "bom.txt")])
    assert statuses.count("duplicate") == 2 and statuses.count("loaded") == 1


@pytest.mark.slow
def test_near_copy_links_to_original(corpus):
    _, con = corpus
    original, similarity = con.execute(
        "SELECT o.source_uri, a.duplicate_similarity FROM articles a JOIN articles o ON a.duplicate_of = o.article_id "
        "WHERE a.source_uri LIKE '%near_copy_of_export.txt'"
    ).fetchone()
    assert original.endswith("export.jsonl#L1") and similarity > 0.7


@pytest.mark.slow
def test_file_name_with_quotes_and_sql_is_stored_verbatim(corpus):
    src, con = corpus
    name = str(src / "it's \"quoted\"; DROP TABLE articles;--.txt")
    assert con.execute("SELECT status FROM sources WHERE source_uri = ?", [name]).fetchone()[0] == "loaded"
    assert con.execute("SELECT count(*) FROM articles WHERE source_uri = ?", [name]).fetchone()[0] == 2


@pytest.mark.slow
def test_saved_page_keeps_title_and_date(corpus):
    _, con = corpus
    title, day, body = con.execute("SELECT title, published_at, body FROM articles WHERE source_uri LIKE '%page.html'").fetchone()
    assert title and "فوستوشني" in title and str(day) == "2023-09-13"
    assert "MARK" not in body
