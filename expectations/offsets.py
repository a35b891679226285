"""The contract's offset rule as a column: does each span's surface equal its slice of the body?"""

from __future__ import annotations

import polars as pl


def with_offset_check(spans: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """`spans` plus boolean `offset_ok` (False when the article is unknown).

    With a `surface` column: body[char_start:char_end] == surface. Without one (sentences):
    0 <= char_start < char_end <= len(body).
    """
    bodies = articles.select("article_id", pl.col("body").alias("_body"))
    joined = spans.join(bodies, on="article_id", how="left")
    ok = (pl.col("char_start") >= 0) & (pl.col("char_start") < pl.col("char_end"))
    if "surface" in spans.columns:
        length = pl.col("char_end") - pl.col("char_start")
        ok = ok & (pl.col("_body").str.slice(pl.col("char_start"), length) == pl.col("surface"))
    else:
        ok = ok & (pl.col("char_end") <= pl.col("_body").str.len_chars())
    return joined.with_columns(offset_ok=ok.fill_null(False)).drop("_body")
