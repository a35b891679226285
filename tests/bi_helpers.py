"""A small web site on 127.0.0.1 for tests of live sources: never the internet."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering (time-outs)
    fail_first: int = 0  # answer 503 to this many requests first (retries)


@dataclass
class Site:
    base: str
    pages: dict[str, Page]
    requests: list[tuple[str, str]] = field(default_factory=list)  # path, user agent

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def local_site(pages: dict[str, Page]) -> Iterator[Site]:
    """Serve `pages` (path -> Page) on a free loopback port for the duration of the block."""
    site = Site("", pages)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            page = site.pages.get(self.path)
            if page is None:
                self.send_error(404)
                return
            time.sleep(page.delay)
            if page.fail_first > 0:
                page.fail_first -= 1
                self.send_error(503)
                return
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            self.wfile.write(page.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def rss(items: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link) items."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link></item>" for t, link in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>أخبار</title>"
            f"<link>http://127.0.0.1/</link><description>d</description>{entries}</channel></rss>").encode()


BODY = "زار بوتين بيونغ يانغ. التقى كيم وبوتين في موسكو. أطلقت كوريا صاروخين."
SENTENCES = [(0, 21), (22, 48), (49, 70)]


def synthetic_warehouse(path: str) -> None:
    """A small warehouse with every table filled a little and two runs (one with a failed
    check), so views, export, dq and the report have something to show."""
    import duckdb

    from warehouse.loader import run_sql_file

    con = duckdb.connect(path)
    run_sql_file(con, "schema.sql")
    run_sql_file(con, "views.sql")

    def insert(table: str, **columns: list) -> None:
        names = list(columns)
        rows = list(zip(*columns.values()))
        marks = ", ".join("?" * len(names))
        con.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)

    insert("articles", article_id=["a1", "a2"], source_uri=["s/1.txt", "s/2.txt"], part=[0, 0], title=["t1", None],
           body=[BODY, BODY + " "], lang=["ar", "ar"], n_chars=[70, 71], n_sentences=[3, 3], n_tokens=[12, 12],
           published_at=["2024-06-19", None], ingested_at=["2024-06-20 10:00:00", "2024-06-21 09:00:00"],
           run_id=["r1", "r2"])
    insert("sentences", article_id=["a1"] * 3 + ["a2"] * 3, sentence_idx=[0, 1, 2] * 2,
           char_start=[s for s, _ in SENTENCES] * 2, char_end=[e for _, e in SENTENCES] * 2)
    insert("entities", entity_id=["putin", "pyongyang", "kim", "moscow"],
           type=["PERS", "LOC", "PERS", "LOC"], canonical_name=["فلاديمير بوتين", "بيونغ يانغ", "كيم جونغ أون", "موسكو"],
           aliases=[["بوتين"], ["بيونغ يانغ"], ["كيم"], ["موسكو"]], n_mentions=[4, 1, 1, 1], n_articles=[2, 1, 1, 1])
    mentions = [("a1", 0, 4, 9, "بوتين", "putin"), ("a1", 0, 10, 15, "بيونغ", "pyongyang"),
                ("a1", 1, 28, 31, "كيم", "kim"), ("a1", 1, 33, 38, "بوتين", "putin"),
                ("a1", 1, 42, 47, "موسكو", "moscow"), ("a2", 0, 4, 9, "بوتين", "putin")]
    insert("mentions", mention_id=[f"m{i}" for i in range(len(mentions))], article_id=[m[0] for m in mentions],
           sentence_idx=[m[1] for m in mentions], char_start=[m[2] for m in mentions],
           char_end=[m[3] for m in mentions], surface=[m[4] for m in mentions],
           type=["PERS", "LOC", "PERS", "PERS", "LOC", "PERS"], entity_id=[m[5] for m in mentions],
           backend=["test"] * len(mentions))
    insert("quantities", quantity_id=["q1", "q2"], article_id=["a1", "a2"], sentence_idx=[2, 2],
           char_start=[61, 61], char_end=[68, 68], surface=["صاروخين", "صاروخين"], value=[2.0, 2.0],
           qualifier=["exact", "exact"], kind=["count", "count"], object=["صاروخ", "صاروخ"])
    insert("pipeline_runs", run_id=["r1", "r2"], started_at=["2024-06-20 10:00:00", "2024-06-21 09:00:00"],
           finished_at=["2024-06-20 10:00:05", "2024-06-21 09:00:02"], status=["completed", "completed"],
           n_sources=[1, 2], n_articles=[1, 1])
    insert("sources", source_uri=["s/1.txt", "s/1.txt", "s/2.txt"], content_sha256=["h1", "h1", "h2"],
           status=["loaded", "unchanged", "loaded"], n_articles=[1, 0, 1], run_id=["r1", "r2", "r2"],
           seen_at=["2024-06-20 10:00:01", "2024-06-21 09:00:01", "2024-06-21 09:00:01"])
    checks = [("r1", "raw", "not_null", True, 0, 0), ("r2", "raw", "not_null", True, 0, 0),
              ("r2", "spans", "offsets", True, 0, 0), ("r2", "spans", "offsets", False, 3, 1),
              ("r2", "warehouse", "orphans", True, 0, None)]
    insert("dq_results", run_id=[c[0] for c in checks], stage=[c[1] for c in checks],
           suite=[c[1] for c in checks], expectation=[c[2] for c in checks], column_name=["body"] * len(checks),
           success=[c[3] for c in checks], unexpected_count=[c[4] for c in checks],
           checked_at=["2024-06-20 10:00:04"] + ["2024-06-21 09:00:01"] * 4, blocking=[True] * len(checks),
           batch=[c[5] for c in checks])
    insert("quarantine", run_id=["r2"], source_uri=["s/bad.txt"], stage=["ingest"], reason=["not_arabic"],
           detail=[None], quarantined_at=["2024-06-21 09:00:01"])
    con.close()
