"""Recognition and linking scores against a gold annotation (pure functions on frames).

Mentions match when `article_id`, `char_start`, `char_end` and `type` agree exactly (CoNLL
style: a boundary or type error is a false positive and a false negative). Linking is scored
pairwise over the mentions whose spans both sides found: a pair of mentions is "linked" in the
gold when they share a `cluster` and in the prediction when they share an `entity_id`. Pair
counts come from contingency counts (n choose 2), never from enumerating pairs.
"""

from __future__ import annotations

import polars as pl

from transforms.metrics import PRF

SPAN = ["article_id", "char_start", "char_end"]


def mention_scores(gold: pl.DataFrame, pred: pl.DataFrame, by_type: bool = False) -> dict[str, PRF]:
    """Exact span + type scores, overall under "ALL" and, with `by_type`, per gold/predicted type."""
    cols = [*SPAN, "type"]
    g, p = gold.select(cols).unique(), pred.select(cols).unique()
    tp = g.join(p, on=cols, how="inner")
    out = {"ALL": PRF(tp.height, p.height, g.height)}
    if by_type:
        types = sorted(set(g["type"].to_list()) | set(p["type"].to_list()))
        for t in types:
            n = lambda f: f.filter(pl.col("type") == t).height  # noqa: E731
            out[t] = PRF(n(tp), n(p), n(g))
    return out


def _pairs(counts: pl.Series) -> int:
    return int((counts * (counts - 1) // 2).sum())


def pairwise_link_scores(gold: pl.DataFrame, pred: pl.DataFrame) -> PRF:
    """Pairwise linking P/R/F1 over mentions whose spans are in both `gold` (cluster) and `pred` (entity_id)."""
    both = gold.select(*SPAN, "cluster").unique(SPAN).join(pred.select(*SPAN, "entity_id").unique(SPAN), on=SPAN)
    gold_pairs = _pairs(both.group_by("cluster").len()["len"])
    pred_pairs = _pairs(both.group_by("entity_id").len()["len"])
    common = _pairs(both.group_by("cluster", "entity_id").len()["len"])
    return PRF(common, pred_pairs, gold_pairs)
