"""Builders shared by the linking tests: recogniser-shaped mention frames from (article, surface, type)."""

from __future__ import annotations

import polars as pl

from transforms.frames import SPANS_NER


def spans(items: list[tuple[str, str, str]]) -> pl.DataFrame:
    """A SPANS_NER frame, one mention per (article_id, surface, type), at distinct offsets."""
    rows = [
        {
            "article_id": article,
            "sentence_idx": 0,
            "char_start": 20 * i,
            "char_end": 20 * i + len(surface),
            "surface": surface,
            "type": type_,
            "subtype": None,
            "score": None,
            "backend": "test",
        }
        for i, (article, surface, type_) in enumerate(items)
    ]
    return pl.DataFrame(rows, schema=SPANS_NER)
