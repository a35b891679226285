"""Mention and pairwise linking scores on toy data."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.linking.scoring import PRF, mention_scores, pairwise_link_scores


def frame(rows: list[tuple], last: str) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["article_id", "char_start", "char_end", "type", last], orient="row")


GOLD = frame([("a", 0, 5, "PERS", "g1"), ("a", 10, 15, "PERS", "g1"), ("a", 20, 25, "LOC", "g2"), ("b", 0, 5, "PERS", "g1")], "cluster")


def test_prf_arithmetic() -> None:
    s = PRF(tp=3, n_pred=4, n_gold=6)
    assert (s.precision, s.recall) == (0.75, 0.5)
    assert s.f1 == pytest.approx(0.6)
    assert PRF(0, 0, 0).f1 == 0.0


def test_mention_scores_need_exact_span_and_type() -> None:
    pred = frame([("a", 0, 5, "PERS", "x"), ("a", 10, 14, "PERS", "x"), ("a", 20, 25, "ORG", "y"), ("b", 0, 5, "PERS", "x")], "entity_id")
    scores = mention_scores(GOLD, pred, by_type=True)
    assert (scores["ALL"].tp, scores["ALL"].n_pred, scores["ALL"].n_gold) == (2, 4, 4)
    assert (scores["PERS"].tp, scores["PERS"].n_gold) == (2, 3)
    assert (scores["ORG"].n_pred, scores["ORG"].n_gold) == (1, 0)


def test_pairwise_linking_over_mentions_found_by_both() -> None:
    # Gold pairs among the 3 PERS mentions: 3. Prediction splits b's mention off and adds an unmatched span.
    pred = frame([("a", 0, 5, "PERS", "x"), ("a", 10, 15, "PERS", "x"), ("a", 20, 25, "LOC", "z"), ("b", 0, 5, "PERS", "w"), ("c", 0, 3, "PERS", "x")], "entity_id")
    s = pairwise_link_scores(GOLD, pred)
    assert (s.tp, s.n_pred, s.n_gold) == (1, 1, 3)
    merged = pred.with_columns(pl.lit("x").alias("entity_id"))
    s = pairwise_link_scores(GOLD, merged)
    assert (s.tp, s.n_pred, s.n_gold) == (3, 6, 3)
