"""Scraper exports: one record per article with a locator; every malformed record rejected."""

from __future__ import annotations

import json
from datetime import date

from transforms.records import Record, parse_export


def test_jsonl_export_with_broken_line_and_record_without_text(tmp_path):
    lines = [
        json.dumps({"title": "أ", "body": "نص أول", "url": "https://x/1", "published_at": "2023-09-13T08:30:00Z"}),
        '{"title": "broken", "body": ',
        "",
        json.dumps({"title": "بلا نص", "url": "https://x/3"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"headline": "ب", "content": "نص ثان", "link": "https://x/6", "pubDate": "Wed, 13 Sep 2023 10:00:00 GMT"}),
        json.dumps({"title": "نص فارغ", "text": "   "}),
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    records, rejects = parse_export(path.read_text(encoding="utf-8"), path.name)
    assert records == [
        Record("L1", "نص أول", "أ", "https://x/1", date(2023, 9, 13)),
        Record("L6", "نص ثان", "ب", "https://x/6", date(2023, 9, 13)),
    ]
    assert [(r.locator, r.reason) for r in rejects] == [
        ("L2", "bad_json"),
        ("L4", "no_text"),
        ("L5", "not_object"),
        ("L7", "no_text"),
    ]
    assert all(r.detail for r in rejects)


def test_json_export_with_articles_list(tmp_path):
    doc = {
        "source": "scraper",
        "articles": [
            {"title": "أ", "text": "نص أول", "date": "2023-09-13"},
            {"title": "بلا نص"},
            {"title": "ج", "body": "نص ثالث", "published": "not a date"},
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    records, rejects = parse_export(path.read_text(encoding="utf-8"), path.name)
    assert [(r.locator, r.text, r.published_at) for r in records] == [
        ("/articles/0", "نص أول", date(2023, 9, 13)),
        ("/articles/2", "نص ثالث", None),
    ]
    assert [(r.locator, r.reason) for r in rejects] == [("/articles/1", "no_text")]


def test_json_list_and_other_list_keys():
    items = [{"text": "أ"}, {"text": "ب"}]
    assert [r.locator for r in parse_export(json.dumps(items), "a.json")[0]] == ["/0", "/1"]
    for key in ("items", "data"):
        records, _ = parse_export(json.dumps({key: items}), "a.json")
        assert [r.locator for r in records] == [f"/{key}/0", f"/{key}/1"]


def test_single_article_object_is_the_whole_file():
    records, rejects = parse_export(json.dumps({"title": "أ", "text": "نص"}), "a.json")
    assert (records[0].locator, records[0].text, rejects) == (None, "نص", [])


def test_json_lines_under_a_json_name():
    text = json.dumps({"text": "أ"}) + "\n" + json.dumps({"text": "ب"}) + "\n"
    records, rejects = parse_export(text, "export.json")
    assert [r.locator for r in records] == ["L1", "L2"] and rejects == []


def test_malformed_json_file_is_one_reject():
    records, rejects = parse_export('{"articles": [{"text": "أ"}', "export.json")
    assert records == []
    assert [(r.locator, r.reason) for r in rejects] == [(None, "bad_json")]
