"""Cleaned articles: one row per article, its body free of page junk.

Blocking (the article is quarantined):
- `body` is present and at least 40 characters long (shorter is a fragment, not a story);
- the body is mostly Arabic (`arabic_share` >= 0.5).
Warning only: no boilerplate markers survived cleaning (captions with an agency credit,
"TT", share buttons, a related-articles heading); the body is at most 20,000 characters
(`n_chars`; longer is usually several stories or a page dump glued together, but a long
feature is possible, so it is not refused); `title` at most 300 characters; `part` is 0 or
more; `lang` is `ar`; article ids unique in the batch.
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import Suite, blocking, warning

MIN_BODY_CHARS = 40
MAX_BODY_CHARS = 20_000
BOILERPLATE = r"(?m)(?:^TT$|^مشاركة\s*:|مقالات ذات صلة|\((?:رويترز|أ\.ف\.ب|أ\.ب|إ\.ب\.أ)\)$)"

SUITE = Suite(
    stage="clean",
    name="clean_articles",
    key="article_id",
    expectations=[
        blocking(gxe.ExpectColumnValuesToNotBeNull(column="body")),
        blocking(gxe.ExpectColumnValueLengthsToBeBetween(column="body", min_value=MIN_BODY_CHARS)),
        blocking(gxe.ExpectColumnValuesToBeBetween(column="arabic_share", min_value=0.5)),
        warning(gxe.ExpectColumnValuesToNotMatchRegex(column="body", regex=BOILERPLATE)),
        warning(gxe.ExpectColumnValuesToBeBetween(column="n_chars", max_value=MAX_BODY_CHARS)),
        warning(gxe.ExpectColumnValueLengthsToBeBetween(column="title", max_value=300)),
        warning(gxe.ExpectColumnValuesToBeBetween(column="part", min_value=0)),
        warning(gxe.ExpectColumnValuesToBeInSet(column="lang", value_set=["ar"])),
        warning(gxe.ExpectColumnValuesToBeUnique(column="article_id")),
    ],
)
