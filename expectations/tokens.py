"""Sentences and tokens: spans that tile each article body exactly.

Blocking (the article is quarantined): every span satisfies the offset rule
(`offset_ok`: body[char_start:char_end] == surface, start < end); token `norm` is present.
Warning only: sentences have non-negative starts; tokens are at most 60 characters
(longer ones are usually glued words or URLs).
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import Suite, blocking, warning

SENTENCES_SUITE = Suite(
    stage="tokenize",
    name="sentences",
    key="article_id",
    expectations=[
        blocking(gxe.ExpectColumnValuesToBeInSet(column="offset_ok", value_set=[True])),
        warning(gxe.ExpectColumnValuesToBeBetween(column="char_start", min_value=0)),
    ],
)

TOKENS_SUITE = Suite(
    stage="tokenize",
    name="tokens",
    key="article_id",
    expectations=[
        blocking(gxe.ExpectColumnValuesToBeInSet(column="offset_ok", value_set=[True])),
        blocking(gxe.ExpectColumnValuesToNotBeNull(column="norm")),
        warning(gxe.ExpectColumnValueLengthsToBeBetween(column="surface", min_value=1, max_value=60)),
    ],
)
