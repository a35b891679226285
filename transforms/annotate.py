"""The annotate stage's plug-in interface.

An annotator is one small component, in the spirit of a spaCy pipe: it reads the batch's
articles, sentences and tokens and returns named span frames (`mentions`, `quantities`,
`time_expressions`, ...). Every span carries code-point offsets into `articles.body`.
Annotators are pure: no I/O, no global state beyond a model loaded once at construction.
"""

from __future__ import annotations

from typing import Protocol

import polars as pl


class Annotator(Protocol):
    name: str

    def __call__(
        self, articles: pl.DataFrame, sentences: pl.DataFrame, tokens: pl.DataFrame
    ) -> dict[str, pl.DataFrame]: ...


def run_annotators(
    annotators: list[Annotator],
    articles: pl.DataFrame,
    sentences: pl.DataFrame,
    tokens: pl.DataFrame,
) -> dict[str, pl.DataFrame]:
    """Run each annotator and merge their outputs by table name (later ones append)."""
    out: dict[str, pl.DataFrame] = {}
    for annotator in annotators:
        for table, frame in annotator(articles, sentences, tokens).items():
            out[table] = pl.concat([out[table], frame]) if table in out else frame
    return out
