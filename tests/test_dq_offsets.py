"""The offset rule and the Arabic share, computed batch-wide over code points, agree with their
one-string-at-a-time definitions on any text; suites know which columns they read."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from expectations import annotations
from expectations.offsets import with_offset_check
from transforms.arabic import arabic_share, arabic_shares

# Arabic letters and diacritics, Latin, digits, punctuation, spaces and astral characters.
TEXT = st.text(alphabet=st.sampled_from("سلامعليكمٱۺۿ١٢ًّAbz09 .،\n😀𝔸"), max_size=40)
SPAN = st.tuples(st.integers(0, 2), st.integers(-2, 45), st.integers(-2, 45), TEXT)


def sliced(body: str | None, start: int, end: int, surface: str | None) -> bool:
    return body is not None and surface is not None and 0 <= start < end <= len(body) and body[start:end] == surface


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(TEXT, st.none()), min_size=1, max_size=3), st.lists(SPAN, max_size=25), st.data())
def test_offset_check_is_the_slice_rule(bodies, spans, data):
    # Half of the surfaces are true slices of their body, so the match path is exercised.
    rows = []
    for a, start, end, surface in spans:
        body = bodies[a % len(bodies)] or ""
        if data.draw(st.booleans()) and 0 <= start < end <= len(body):
            surface = body[start:end]
        rows.append((f"a{a}", start, end, surface))
    articles = pl.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": bodies},
                            schema={"article_id": pl.Utf8, "body": pl.Utf8})
    frame = pl.DataFrame(rows, schema={"article_id": pl.Utf8, "char_start": pl.Int32, "char_end": pl.Int32,
                                       "surface": pl.Utf8}, orient="row")
    checked = with_offset_check(frame, articles)
    by_id = dict(zip(articles["article_id"], bodies))
    assert checked["offset_ok"].to_list() == [sliced(by_id.get(a), s, e, x) for a, s, e, x in rows]
    assert checked.drop("offset_ok").equals(frame)


def test_offset_check_without_surface_checks_bounds_and_unknown_articles():
    articles = pl.DataFrame({"article_id": ["a"], "body": ["نص قصير"]})
    spans = pl.DataFrame({"article_id": ["a", "a", "a", "b"], "char_start": [0, 3, 5, 0], "char_end": [7, 2, 8, 1]})
    assert with_offset_check(spans, articles)["offset_ok"].to_list() == [True, False, False, False]


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=6))
def test_arabic_shares_equal_arabic_share_per_text(texts):
    assert arabic_shares(pl.Series(texts, dtype=pl.Utf8)).to_list() == [arabic_share(t) for t in texts]


def test_a_suite_reads_the_columns_of_its_expectations_and_row_conditions():
    assert annotations.TIME_SUITE.columns == {"article_id", "offset_ok", "value", "granularity"}
    # `object` is read only by a row-conditioned check (on `unit` and `kind`).
    assert {"object", "unit", "kind"} <= annotations.QUANTITIES_SUITE.columns
    assert "char_start" not in annotations.QUANTITIES_SUITE.columns

