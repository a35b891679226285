"""Run a stage's Great Expectations suite over a polars frame and say what it rejects.

GX 1.x has no polars engine and its SQL route through duckdb-engine is broken, so each
frame is validated as pandas, converted through Arrow, narrowed to the columns the suite
reads. Every expectation is marked in its suite as **blocking** (a row-level failure
quarantines the offending input, identified by the suite's key column, and the run goes
on) or **warning** (recorded in `dq_results` only). Table-level expectations cannot name
a row, so they only ever warn. Each outcome also keeps GX's own result, trimmed, for the
run's Data Docs (flows/data_docs.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, cached_property

import great_expectations as gx
import great_expectations.expectations as gxe
import polars as pl
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.expectations.row_conditions import Condition, deserialize_row_condition
from great_expectations.validator.v1_validator import Validator  # what Batch.validate builds

from expectations.validation_log import compact

DQ_RESULTS = {
    "stage": pl.Utf8,
    "suite": pl.Utf8,
    "expectation": pl.Utf8,
    "column_name": pl.Utf8,
    "success": pl.Boolean,
    "unexpected_count": pl.Int64,
    "observed_value": pl.Utf8,
    "checked_at": pl.Datetime("us"),
    "blocking": pl.Boolean,
}


def blocking(expectation: gxe.Expectation) -> gxe.Expectation:
    expectation.meta = {**(expectation.meta or {}), "blocking": True}
    return expectation


def warning(expectation: gxe.Expectation) -> gxe.Expectation:
    expectation.meta = {**(expectation.meta or {}), "blocking": False}
    return expectation


@dataclass
class Suite:
    """One suite: the stage it guards, the column naming the input a row belongs to, checks."""

    stage: str
    name: str
    key: str | None
    expectations: list[gxe.Expectation]

    @cached_property
    def gx_suite(self) -> gx.ExpectationSuite:
        return gx.ExpectationSuite(name=self.name, expectations=self.expectations)

    @cached_property
    def columns(self) -> set[str] | None:
        """The columns the expectations (and their row conditions) read, with the key; None
        when a row condition is a pandas query string, which could read any column."""
        columns = {self.key} if self.key else set()
        for expectation in self.expectations:
            kwargs = expectation.configuration.kwargs
            columns.update(kwargs.get(name) for name in ("column", "column_A", "column_B") if kwargs.get(name))
            columns.update(kwargs.get("column_list") or [])
            condition = deserialize_row_condition(kwargs.get("row_condition"))
            if isinstance(condition, str):
                return None
            columns |= _condition_columns(condition)
        return columns

    @cached_property
    def batch_definition(self):
        source = _context().data_sources.add_or_update_pandas(f"khabar_{self.name}")
        return source.add_dataframe_asset(self.name).add_batch_definition_whole_dataframe("batch")


@dataclass
class Outcome:
    results: pl.DataFrame  # rows for dq_results (without run_id)
    rejected: dict[str, str] = field(default_factory=dict)  # key value -> reason
    validation: dict = field(default_factory=dict)  # the GX result, trimmed (validation_log.compact)

    @property
    def failed(self) -> pl.DataFrame:
        return self.results.filter(~pl.col("success"))


def _condition_columns(condition: Condition | None) -> set[str]:
    if condition is None:
        return set()
    if hasattr(condition, "conditions"):  # and / or
        return set().union(*map(_condition_columns, condition.conditions))
    return {condition.column.name}


@cache
def _context() -> gx.data_context.AbstractDataContext:
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _observed(result: dict) -> str | None:
    value = result.get("observed_value")
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def column_label(config) -> str | None:
    """The checked column, with its row condition when it has one (`unit if kind == count`)."""
    column = config.kwargs.get("column") or config.kwargs.get("column_A")
    condition = deserialize_row_condition(config.kwargs.get("row_condition"))
    return f"{column} if {condition!r}" if condition else column


def validate(suite: Suite, frame: pl.DataFrame) -> Outcome:
    """Validate `frame` against `suite`; blocking row failures name the keys to quarantine.

    GX's BASIC results (counts and observed values) cost about two thirds of its detailed
    ones, and almost every batch passes: the suite runs again with details (which rows,
    by key) only when something failed. One validator serves both runs: GX fingerprints
    the whole frame each time it loads a batch (`Batch.validate` loads it a second time),
    which was half the time of the tokens suite.
    """
    if suite.columns is not None:
        frame = frame.select(column for column in frame.columns if column in suite.columns)
    validator = Validator(suite.batch_definition, {"result_format": "BASIC"}, {"dataframe": frame.to_pandas()})
    validation = validator.validate_expectation_suite(suite.gx_suite)
    if not validation.success:
        detailed: dict = {"result_format": "COMPLETE" if suite.key else "SUMMARY"}
        if suite.key:
            detailed["unexpected_index_column_names"] = [suite.key]
        validator.result_format = detailed
        validation = validator.validate_expectation_suite(suite.gx_suite)
    now = datetime.now()
    rows, rejected = [], {}
    for res in validation.results:
        config = res.expectation_config
        is_blocking = bool((config.meta or {}).get("blocking"))
        rows.append(
            {
                "stage": suite.stage,
                "suite": suite.name,
                "expectation": config.type,
                "column_name": column_label(config),
                "success": bool(res.success),
                "unexpected_count": res.result.get("unexpected_count"),
                "observed_value": _observed(res.result),
                "checked_at": now,
                "blocking": is_blocking,
            }
        )
        if is_blocking and not res.success and suite.key:
            reason = f"{suite.name}: {config.type}({column_label(config) or ''}) failed"
            for row in res.result.get("unexpected_index_list") or []:
                rejected.setdefault(row[suite.key], reason)
    return Outcome(pl.DataFrame(rows, schema=DQ_RESULTS), rejected, compact(validation))
