"""Column schemas of the frames that flow between stages; one place, so stages agree.

Every span frame carries `char_start`/`char_end`: 0-based, end-exclusive code-point offsets
into `articles.body`, so that `body[char_start:char_end] == surface`.
"""

from __future__ import annotations

import hashlib

import polars as pl

ARTICLES = {
    "article_id": pl.Utf8,
    "source_uri": pl.Utf8,
    "part": pl.Int32,
    "title": pl.Utf8,
    "body": pl.Utf8,
    "lang": pl.Utf8,
    "published_at": pl.Date,
}

SENTENCES = {
    "article_id": pl.Utf8,
    "sentence_idx": pl.Int32,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
}

TOKENS = {
    "article_id": pl.Utf8,
    "sentence_idx": pl.Int32,
    "token_idx": pl.Int32,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "surface": pl.Utf8,
    "norm": pl.Utf8,
}

# Mentions as a recogniser emits them (before linking adds mention_id and entity_id).
SPANS_NER = {
    "article_id": pl.Utf8,
    "sentence_idx": pl.Int32,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "surface": pl.Utf8,
    "type": pl.Utf8,
    "subtype": pl.Utf8,
    "score": pl.Float64,
    "backend": pl.Utf8,
}

MENTIONS = {"mention_id": pl.Utf8, **SPANS_NER, "entity_id": pl.Utf8}

ENTITIES = {
    "entity_id": pl.Utf8,
    "type": pl.Utf8,
    "canonical_name": pl.Utf8,
    "aliases": pl.List(pl.Utf8),
    "n_mentions": pl.Int64,
    "n_articles": pl.Int64,
}

QUANTITIES = {
    "quantity_id": pl.Utf8,
    "article_id": pl.Utf8,
    "sentence_idx": pl.Int32,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "surface": pl.Utf8,
    "value": pl.Float64,
    "value_low": pl.Float64,
    "value_high": pl.Float64,
    "qualifier": pl.Utf8,
    "unit": pl.Utf8,
    "kind": pl.Utf8,
    "object": pl.Utf8,
}

TIME_EXPRESSIONS = {
    "time_id": pl.Utf8,
    "article_id": pl.Utf8,
    "sentence_idx": pl.Int32,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "surface": pl.Utf8,
    "value": pl.Utf8,  # ISO 8601: 2016, 2022-02, 2023-09-11
    "granularity": pl.Utf8,  # year, month, day
}


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """An empty frame with the given schema (stages return this instead of None)."""
    return pl.DataFrame(schema=schema)


def span_id(*parts: object) -> str:
    """Content-hash id of a span, stable across runs (16 hex chars of sha1)."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]
