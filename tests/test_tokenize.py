"""Tokenize stage: sentence and token offsets index the body exactly."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.tokenize import split_sentences, tokenize


def _tokenize(*bodies: str):
    return tokenize(pl.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": list(bodies)}))


def test_sentences_split_on_final_punctuation_and_lines():
    body = "قال بوتين: “سنتحدث”. وأضاف كيم شيئا آخر؟ نعم\nسطر جديد"
    spans = split_sentences(body)
    assert [body[s:e] for s, e in spans] == ["قال بوتين: “سنتحدث”.", "وأضاف كيم شيئا آخر؟", "نعم", "سطر جديد"]


def test_decimal_point_does_not_end_a_sentence():
    assert len(split_sentences("بلغ النمو 2.5 بالمئة هذا العام.")) == 1


def test_tokens_match_body_and_norm_is_dediacritised():
    body = "وَقالَ بوتين: إنّه “سعيد” بـ6700 حاوية."
    _, tokens = _tokenize(body)
    for start, end, surface in tokens.select("char_start", "char_end", "surface").iter_rows():
        assert body[start:end] == surface
    assert tokens["surface"].to_list()[:3] == ["وَقالَ", "بوتين", ":"]
    assert tokens["norm"][0] == "وقال"
    assert tokens.filter(pl.col("surface") == "إنّه")["norm"][0] == "انه"


def test_token_idx_restarts_in_each_sentence():
    sentences, tokens = _tokenize("جملة أولى. جملة ثانية.")
    assert sentences.height == 2
    assert tokens.filter(pl.col("sentence_idx") == 1)["token_idx"].to_list() == [0, 1, 2]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإىة ًٌٍَُِّْ.,،؛:؟!«»“”()\n0123456789٠١٢٣ -ـ", max_size=200))
def test_offsets_hold_for_any_text(body):
    sentences, tokens = _tokenize(body)
    for start, end, surface in tokens.select("char_start", "char_end", "surface").iter_rows():
        assert body[start:end] == surface
    for start, end in sentences.select("char_start", "char_end").iter_rows():
        assert 0 <= start < end <= len(body)
    # every token lies inside the sentence it is assigned to
    joined = tokens.join(sentences, on=["article_id", "sentence_idx"], suffix="_s")
    assert joined.height == tokens.height
    assert (joined["char_start"] >= joined["char_start_s"]).all()
    assert (joined["char_end"] <= joined["char_end_s"]).all()
