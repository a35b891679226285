"""Saved web pages: the article text, title and date survive; page furniture never does."""

from __future__ import annotations

from datetime import date

from ingest_samples import ARABIC, FURNITURE_MARKERS, news_page

from transforms.html_extract import extract_html
from transforms.screening import screen

PARAGRAPHS = ARABIC.split("\n")


def test_page_yields_article_title_and_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(news_page(PARAGRAPHS), encoding="utf-8")
    page = extract_html(path.read_text(encoding="utf-8"))
    assert page.title == "بوتين يستقبل كيم في قاعدة فوستوشني"
    assert page.published_at == date(2023, 9, 13)
    assert page.text.split("\n") == PARAGRAPHS  # headline moved to title, nothing else added
    assert not [m for m in FURNITURE_MARKERS if m in page.text]


def test_date_from_json_ld_metadata():
    html = news_page(PARAGRAPHS).replace(
        '<meta property="article:published_time" content="2023-09-13T08:30:00+03:00">',
        '<script type="application/ld+json">'
        '{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-06-19"}'
        "</script>",
    )
    assert extract_html(html).published_at == date(2024, 6, 19)


def test_page_without_date_metadata_has_no_date():
    html = news_page(PARAGRAPHS).replace(
        '<meta property="article:published_time" content="2023-09-13T08:30:00+03:00">', ""
    )
    assert extract_html(html).published_at is None


def test_boilerplate_only_page_is_screened_out():
    html = news_page([]).replace("<h1>بوتين يستقبل كيم في قاعدة فوستوشني</h1>", "")
    rejection = screen(extract_html(html).text)
    assert rejection is not None and rejection.reason in {"empty", "boilerplate"}


def test_empty_page_gives_empty_text():
    assert extract_html("").text == ""
