"""Live sources on a loopback web site: articles and feeds stored raw, failures quarantined."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from flows.fetch import FETCH_LOG, fetch_sources
from flows.ingest import discover, read_sources
from tests.bi_helpers import Page, local_site, rss

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def article_page(seed: str) -> bytes:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    title, *paragraphs = [line for line in text.splitlines() if line.strip()]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang='ar'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode()


@pytest.fixture(autouse=True)
def fetch_env(tmp_path, monkeypatch) -> Path:
    raw = tmp_path / "raw"
    monkeypatch.setenv("KHABAR_RAW_DIR", str(raw))
    monkeypatch.setenv("KHABAR_FETCH_TIMEOUT", "0.5")
    monkeypatch.setenv("KHABAR_FETCH_ATTEMPTS", "2")
    monkeypatch.setenv("KHABAR_CONTACT", "ops@example.org")
    return raw


def test_article_url_is_stored_raw_with_a_polite_user_agent(fetch_env):
    page = article_page("000_fc9ed0cc6b79a9ba.txt")
    with local_site({"/a/1": Page(page)}) as site:
        [got] = fetch_sources(site.url("/a/1"))
    assert got.uri == site.url("/a/1") and got.problem is None
    assert got.path.parent == fetch_env / site.base.removeprefix("http://").replace(":", "_")
    assert got.path.suffix == ".html" and got.path.read_bytes() == page
    assert site.requests == [("/a/1", "Khabar/0.1 (+ops@example.org)")]
    log = [json.loads(line) for line in (fetch_env / FETCH_LOG).read_text().splitlines()]
    assert log[0]["url"] == site.url("/a/1") and log[0]["path"] == str(got.path)


def test_feed_entries_are_fetched_and_a_broken_link_is_quarantined():
    with local_site({"/a/1": Page(article_page("001_e4bc0d909f79ef75.txt"))}) as site:
        site.pages["/feed.xml"] = Page(rss([("one", site.url("/a/1")), ("gone", site.url("/a/404"))]),
                                       "application/rss+xml")
        one, gone = fetch_sources(site.url("/feed.xml"))
    assert (one.uri, one.problem) == (site.url("/a/1"), None) and one.path.is_file()
    assert gone.uri == site.url("/a/404") and gone.path is None
    assert gone.problem.reason == "fetch_failed" and "404" in gone.problem.detail


def test_retries_after_a_server_error():
    with local_site({"/a/1": Page(b"<html><body><p>x</p></body></html>", fail_first=1)}) as site:
        [got] = fetch_sources(site.url("/a/1"))
    assert got.problem is None and [path for path, _ in site.requests] == ["/a/1", "/a/1"]


def test_a_slow_site_times_out_and_a_closed_port_fails():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/feed.xml"  # bound, never listening
        [down] = fetch_sources(closed)
    assert down.path is None and down.problem.reason == "fetch_failed"
    assert "after 2 attempts" in down.problem.detail
    with local_site({"/slow": Page(b"late", delay=1.5)}) as site:
        [slow] = fetch_sources(site.url("/slow"))
    assert slow.path is None and slow.problem.reason == "fetch_timeout"


def test_discover_and_read_turn_urls_into_documents_named_by_url():
    with local_site({"/a/2": Page(article_page("002_1db56f28e93c3289.txt"))}) as site:
        sources = discover([site.url("/a/2"), site.url("/missing")])
    assert [s.uri for s in sources] == [site.url("/a/2"), site.url("/missing")]
    ingested = read_sources(sources, {}, set())
    assert ingested.docs["source_uri"].to_list() == [site.url("/a/2")]
    assert "كيم جونغ أون" in ingested.docs["text"][0]
    statuses = dict(ingested.sources.select("source_uri", "status").iter_rows())
    assert statuses[site.url("/missing")] == "quarantined"
    assert ingested.quarantine["reason"].to_list() == ["fetch_failed"]
