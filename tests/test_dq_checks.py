"""Each data-quality check catches a crafted bad frame; blocking ones reject, warnings only record."""

from __future__ import annotations

import math

import polars as pl
import pytest

from expectations import annotations, clean_articles, raw_sources, tokens, warehouse_integrity
from expectations.suite import Suite, column_label, validate

SUITES = [raw_sources.SUITE, clean_articles.SUITE, tokens.SENTENCES_SUITE, tokens.TOKENS_SUITE,
          annotations.MENTIONS_SUITE, annotations.QUANTITIES_SUITE, annotations.TIME_SUITE, warehouse_integrity.SUITE]


def failures(suite: Suite, frame: pl.DataFrame) -> tuple[dict[str, bool], dict[str, str]]:
    """(failed column -> blocking, rejected key -> reason)."""
    outcome = validate(suite, frame)
    failed = outcome.failed
    assert failed.filter(pl.col("observed_value").str.contains("exception", literal=True)).height == 0
    return dict(zip(failed["column_name"], failed["blocking"])), outcome.rejected


@pytest.mark.parametrize("suite", SUITES, ids=lambda s: s.name)
def test_every_expectation_is_marked_and_recorded_under_its_own_name(suite):
    assert all("blocking" in (e.meta or {}) for e in suite.expectations)
    # v_dq_results folds rows by (expectation, column): two checks must never share a name.
    names = [(e.expectation_type, column_label(e.configuration)) for e in suite.expectations]
    assert len(set(names)) == len(names)


def test_raw_sources_warns_on_a_doubtful_encoding_and_blocks_only_screening_rejections():
    docs = pl.DataFrame({
        "source_uri": ["sure.txt", "doubtful.txt", "junk.bin"],
        "encoding": ["utf-8", "cp1256", "utf-8"],
        "encoding_confidence": [1.0, 0.55, 1.0],
        "arabic_share": [0.95, 0.9, 0.0],
        "rejection": [None, None, "binary"],
    })
    failed, rejected = failures(raw_sources.SUITE, docs)
    assert failed == {"encoding_confidence": False, "rejection": True, "arabic_share": False}
    assert set(rejected) == {"junk.bin"}


def test_clean_articles_warns_on_a_very_long_body_and_blocks_a_fragment():
    long_body = "كلمة " * 5000
    articles = pl.DataFrame({
        "article_id": ["long", "short"], "body": [long_body, "قصير"], "title": [None, None], "part": [0, 0],
        "lang": ["ar", "ar"], "arabic_share": [1.0, 1.0], "n_chars": [len(long_body), 4],
    })
    failed, rejected = failures(clean_articles.SUITE, articles)
    assert failed == {"n_chars": False, "body": True}
    assert set(rejected) == {"short"}


def _quantities(rows: dict[str, dict]) -> pl.DataFrame:
    base = {"offset_ok": True, "qualifier": "exact", "kind": "count", "unit": None, "object": "صاروخ",
            "value": 3.0, "value_low": None, "value_high": None, "surface": "3 صواريخ"}
    return pl.DataFrame([{**base, **row, "article_id": aid} for aid, row in rows.items()],
                        schema_overrides={"value_low": pl.Float64, "value_high": pl.Float64, "unit": pl.Utf8})


def test_quantity_invariants_block_contract_breaks_and_warn_on_doubtful_rows():
    frame = _quantities({
        "fine": {},
        "caliber": {"kind": "caliber", "unit": "mm", "object": "مدفع", "value": 155.0, "surface": "155 ملم"},
        "count_with_unit": {"unit": "km"},
        "caliber_in_km": {"kind": "caliber", "unit": "km"},
        "percentage_in_mm": {"kind": "percentage", "unit": "mm", "object": None},
        "negative": {"value": -3.0},
        "infinite_high": {"qualifier": "range", "value": None, "value_low": 1.0, "value_high": math.inf},
        "measure_with_object": {"kind": "length", "unit": "km", "object": "طريق"},
        "bare_year": {"surface": "2016", "value": 2016.0},
    })
    failed, rejected = failures(annotations.QUANTITIES_SUITE, frame)
    assert failed == {
        "unit if kind == count": True,
        "unit if kind == caliber": True,
        "unit if kind == percentage": True,
        "value": True,
        "value_high": True,
        "object if (unit IS NOT NULL AND kind != caliber)": False,
        "surface": False,
    }
    assert set(rejected) == {"count_with_unit", "caliber_in_km", "percentage_in_mm", "negative", "infinite_high"}


def test_time_expression_values_must_be_iso_dates():
    values = {"y": "2016", "ym": "2022-02", "ymd": "2024-11-22", "md": "--09-11", "bc": "-3099",
              "long_ago": "-10999", "bad_month": "2022-2", "words": "فبراير"}
    frame = pl.DataFrame({"article_id": list(values), "value": list(values.values()), "offset_ok": True,
                          "granularity": "year"})
    failed, rejected = failures(annotations.TIME_SUITE, frame)
    assert failed == {"value": True}
    assert set(rejected) == {"bad_month", "words"}
