"""Annotations: entity mentions, quantities and time expressions of the batch.

Blocking (the article is quarantined): every span satisfies the offset rule (`offset_ok`);
mention types are PERS/LOC/ORG/MISC and every mention is linked to an entity; quantity
qualifiers and kinds come from the contract's vocabularies; value_low <= value <= value_high.
Warning only: mention scores within [0, 1]; units are lowercase canonical codes;
time-expression granularity is year, month or day.
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import Suite, blocking, warning

MENTION_TYPES = ["PERS", "LOC", "ORG", "MISC"]
QUALIFIERS = ["exact", "approx", "more_than", "less_than", "at_least", "at_most", "range"]
KINDS = [
    "count", "length", "caliber", "speed", "duration", "money", "percentage",
    "mass", "area", "multiplier", "other",
]

MENTIONS_SUITE = Suite(
    stage="annotate",
    name="mentions",
    key="article_id",
    expectations=[
        blocking(gxe.ExpectColumnValuesToBeInSet(column="offset_ok", value_set=[True])),
        blocking(gxe.ExpectColumnValuesToBeInSet(column="type", value_set=MENTION_TYPES)),
        blocking(gxe.ExpectColumnValuesToNotBeNull(column="entity_id")),
        warning(gxe.ExpectColumnValuesToBeBetween(column="score", min_value=0, max_value=1)),
        warning(gxe.ExpectColumnValuesToBeUnique(column="mention_id")),
    ],
)

QUANTITIES_SUITE = Suite(
    stage="annotate",
    name="quantities",
    key="article_id",
    expectations=[
        blocking(gxe.ExpectColumnValuesToBeInSet(column="offset_ok", value_set=[True])),
        blocking(gxe.ExpectColumnValuesToBeInSet(column="qualifier", value_set=QUALIFIERS)),
        blocking(gxe.ExpectColumnValuesToBeInSet(column="kind", value_set=KINDS)),
        blocking(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="value", column_B="value_low", or_equal=True, ignore_row_if="either_value_is_missing")),
        blocking(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="value_high", column_B="value", or_equal=True, ignore_row_if="either_value_is_missing")),
        warning(gxe.ExpectColumnValuesToMatchRegex(column="unit", regex=r"^[a-z][a-z0-9/]*$")),
    ],
)

TIME_SUITE = Suite(
    stage="annotate",
    name="time_expressions",
    key="article_id",
    expectations=[
        blocking(gxe.ExpectColumnValuesToBeInSet(column="offset_ok", value_set=[True])),
        warning(gxe.ExpectColumnValuesToBeInSet(column="granularity", value_set=["year", "month", "day"])),
    ],
)
