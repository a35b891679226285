"""Annotations: entity mentions, quantities and time expressions of the batch.

Blocking (the article is quarantined), because the row would break the contract or the
sums and date parsing built on it: every span satisfies the offset rule (`offset_ok`);
mention types are PERS/LOC/ORG/MISC and every mention is linked to an entity; quantity
qualifiers and kinds come from the contract's vocabularies; value_low <= value <= value_high;
values are finite and >= 0 (between 0 and 1e15: larger is a parsing error); kind and unit
agree (a count has no unit, a calibre is in mm or cm, a percentage in percent); a time
expression's value is ISO 8601 (`2016`, `2022-02`, `2024-11-22`, `--09-11`, `-3099`, `-10999`).
Warning only, because a plausible row can trip them: mention scores within [0, 1]; units are
lowercase canonical codes; a measure has no counted noun (`object` NULL when `unit` is set;
calibres keep their weapon as object); a quantity's surface is not a bare year 19xx/20xx
(years are not quantities, but `2000` can be a count); time-expression granularity is year,
month or day.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

from expectations.suite import Suite, blocking, warning

MENTION_TYPES = ["PERS", "LOC", "ORG", "MISC"]
QUALIFIERS = ["exact", "approx", "more_than", "less_than", "at_least", "at_most", "range"]
MAX_VALUE = 1e15
BARE_YEAR = r"^(?:19|20|١٩|٢٠)\d{2}$"
IS_COUNT, IS_CALIBER, IS_PERCENTAGE = (Column("kind") == kind for kind in ("count", "caliber", "percentage"))
# Years of more than four digits (11000 BC = -10999) in ISO 8601's expanded form.
TIME_VALUE = r"^-?\d{4,}(?:-\d{2}(?:-\d{2})?)?$|^--\d{2}-\d{2}$"


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
        *(blocking(gxe.ExpectColumnValuesToBeBetween(column=c, min_value=0, max_value=MAX_VALUE))
          for c in ("value", "value_low", "value_high")),
        blocking(gxe.ExpectColumnValuesToBeNull(column="unit", row_condition=IS_COUNT)),
        blocking(gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=["mm", "cm"], row_condition=IS_CALIBER)),
        blocking(gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=["percent"], row_condition=IS_PERCENTAGE)),
        warning(gxe.ExpectColumnValuesToMatchRegex(column="unit", regex=r"^[a-z][a-z0-9/]*$")),
        warning(gxe.ExpectColumnValuesToBeNull(
            column="object", row_condition=Column("unit").is_not_null() & (Column("kind") != "caliber"))),
        warning(gxe.ExpectColumnValuesToNotMatchRegex(column="surface", regex=BARE_YEAR)),
    ],
)

TIME_SUITE = Suite(
    stage="annotate",
    name="time_expressions",
    key="article_id",
    expectations=[
        blocking(gxe.ExpectColumnValuesToBeInSet(column="offset_ok", value_set=[True])),
        blocking(gxe.ExpectColumnValuesToMatchRegex(column="value", regex=TIME_VALUE)),
        warning(gxe.ExpectColumnValuesToBeInSet(column="granularity", value_set=["year", "month", "day"])),
    ],
)
