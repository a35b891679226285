"""Clean stage: page junk removed, headline kept as title, glued articles split."""

from __future__ import annotations

import polars as pl
import pytest
from camel_tools.utils.normalize import normalize_unicode as camel_normalize_unicode
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.clean import clean, headline_starts, normalize_text, normalize_unicode

JUNK_MARKERS = ["(رويترز)", "(أ.ف.ب)", "(أ.ب)", "(إ.ب.أ)", "مشاركة :", "مقالات ذات صلة"]


def _clean(texts: dict[str, str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    return clean(pl.DataFrame({"source_uri": list(texts), "text": list(texts.values())}))


@pytest.fixture(scope="module")
def seed_articles(seed_files) -> pl.DataFrame:
    articles, rejects = _clean({p.name: p.read_text(encoding="utf-8") for p in seed_files})
    assert rejects.is_empty()
    return articles


def test_seed_002_yields_two_articles_with_titles(seed_articles):
    parts = seed_articles.filter(pl.col("source_uri").str.starts_with("002")).sort("part")
    assert parts["part"].to_list() == [0, 1]
    assert parts["title"][0].startswith("بوتين لـ«تعاون استراتيجي»")
    assert parts["title"][1].startswith("بوتين يأمر بـ«اختبارات»")
    assert parts["body"][1].startswith("أمر الرئيس الروسي فلاديمير بوتين، الجمعة")


def test_other_seeds_are_one_article_each(seed_articles):
    assert seed_articles.filter(~pl.col("source_uri").str.starts_with("002"))["part"].to_list() == [0, 0, 0, 0]


@pytest.mark.parametrize("marker", JUNK_MARKERS)
def test_no_body_keeps_page_junk(seed_articles, marker):
    assert not seed_articles["body"].str.contains(marker, literal=True).any()


def test_no_tt_line_or_repeated_line_or_headline_in_body(seed_articles):
    for title, body in seed_articles.select("title", "body").iter_rows():
        lines = body.split("\n")
        assert "TT" not in lines
        assert len(lines) == len(set(lines))
        if title:
            assert title not in lines


def test_related_block_teasers_are_gone(seed_articles):
    bodies = "\n".join(seed_articles["body"])
    assert "ترمب ووعد إنهاء الحروب" not in bodies
    assert "رنا أبتر (واشنطن)" not in bodies


def test_story_text_is_kept(seed_articles):
    body = seed_articles.filter(pl.col("source_uri").str.starts_with("002"), pl.col("part") == 0)["body"][0]
    assert "عشرات الملايين من القذائف المدفعية" in body
    assert body.endswith("لن تسمح بفرض عقوبات جديدة على البلد الجار.")


def test_article_id_is_hash_of_body():
    a, _ = _clean({"a.txt": "نص الخبر الأول هنا وهو طويل بما يكفي.", "b.txt": "نص الخبر الأول هنا وهو طويل بما يكفي."})
    assert a["article_id"][0] == a["article_id"][1]


def test_short_title_line_becomes_title():
    a, _ = _clean({"x.txt": "عنوان قصير للخبر\nهذا هو نص الخبر. وهو يتكون من جملتين."})
    assert a["title"][0] == "عنوان قصير للخبر"
    assert a["body"][0] == "هذا هو نص الخبر. وهو يتكون من جملتين."


def test_metadata_title_wins_over_first_line():
    raw = pl.DataFrame({"source_uri": ["p.html"], "text": ["سطر أول\nنص الخبر هنا."], "title": ["عنوان الصفحة"]})
    articles, _ = clean(raw)
    assert articles["title"][0] == "عنوان الصفحة"


def test_junk_only_document_is_rejected_with_reason():
    _, rejects = _clean({"junk.txt": "TT\nمشاركة :\nصورة (رويترز)"})
    assert rejects.row(0, named=True) == {
        "source_uri": "junk.txt", "stage": "clean", "reason": "no article text left after removing page junk"}


def test_normalize_text_removes_invisible_characters_and_ligatures():
    assert normalize_text("\ufeffكيم\u200f  جونغ\r\nﻻ") == "كيم جونغ\nلا"


def test_teaser_titles_in_related_block_do_not_start_articles():
    lines = ["قصة", "مقالات ذات صلة", "عنوان تشويقي", "صورة (رويترز)", "عنوان تشويقي", "ملخص"]
    assert headline_starts(lines) == []


@settings(max_examples=500)
@given(st.text(alphabet=st.characters(codec="utf-8")) | st.sampled_from(["\ufdfc 5", "\ufdfd", "ﻻ ﷲ ٱلْ\ufb50"]))
def test_unicode_normalisation_is_camel_tools(text):
    assert normalize_unicode(text) == camel_normalize_unicode(text)
