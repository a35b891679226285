"""The quantities annotator: the annotate stage's plug-in that fills `quantities` and `time_expressions`."""

from __future__ import annotations

import polars as pl

from transforms.frames import QUANTITIES, TIME_EXPRESSIONS, span_id
from transforms.quantities.extract import Extractor


class QuantityAnnotator:
    """Runs the rule extractor sentence by sentence over `articles.body`; pure and stateless per call."""

    name = "quantities"

    def __init__(self) -> None:
        self.extractor = Extractor()

    def __call__(self, articles: pl.DataFrame, sentences: pl.DataFrame, tokens: pl.DataFrame) -> dict[str, pl.DataFrame]:
        bodies = dict(zip(articles["article_id"].to_list(), articles["body"].to_list(), strict=True))
        quantities: list[dict] = []
        times: list[dict] = []
        for article_id, sentence_idx, char_start, char_end in sentences.select("article_id", "sentence_idx", "char_start", "char_end").iter_rows():
            body = bodies.get(article_id)
            if body is None:
                continue
            found, dates = self.extractor.extract(body[char_start:char_end])
            for q in found:
                start, end = char_start + q.start, char_start + q.end
                quantities.append({
                    "quantity_id": span_id(article_id, start, end), "article_id": article_id, "sentence_idx": sentence_idx,
                    "char_start": start, "char_end": end, "surface": body[start:end],
                    "value": q.value, "value_low": q.low, "value_high": q.high, "qualifier": q.qualifier,
                    "unit": q.unit, "kind": q.kind, "object": q.object,
                })  # fmt: skip
            for t in dates:
                start, end = char_start + t.start, char_start + t.end
                times.append({
                    "time_id": span_id(article_id, start, end), "article_id": article_id, "sentence_idx": sentence_idx,
                    "char_start": start, "char_end": end, "surface": body[start:end],
                    "value": t.value, "granularity": t.granularity,
                })  # fmt: skip
        return {
            "quantities": pl.DataFrame(quantities, schema=QUANTITIES),
            "time_expressions": pl.DataFrame(times, schema=TIME_EXPRESSIONS),
        }
