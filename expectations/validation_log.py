"""A run's GX validation results, one per suite, kept for its Data Docs.

A run validates each stage suite once per batch, but its Data Docs should show one page per
suite, like `v_dq_results`: so batch results are merged as they arrive (counts summed,
success only when every batch passed). Each result is trimmed first (`compact`): the full
unexpected lists are dropped and sample values, which can be whole article bodies, cut
short; a run's log then stays a few kilobytes per suite however many batches it has.
"""

from __future__ import annotations

import json

SAMPLE_VALUES = 20  # unexpected values kept per expectation
SAMPLE_CHARS = 120  # of each kept value
_DROPPED = ("unexpected_list", "unexpected_index_list", "unexpected_index_query", "partial_unexpected_index_list")
_SUMMED = ("element_count", "unexpected_count", "missing_count")
# percentage key -> (numerator key, denominator: all elements or the non-missing ones)
_PERCENTS = {
    "unexpected_percent": ("unexpected_count", "present"),
    "unexpected_percent_nonmissing": ("unexpected_count", "present"),
    "unexpected_percent_total": ("unexpected_count", "all"),
    "missing_percent": ("missing_count", "all"),
}


def _short(value: object) -> object:
    return value[:SAMPLE_CHARS] + "…" if isinstance(value, str) and len(value) > SAMPLE_CHARS else value


def compact(validation) -> dict:
    """An `ExpectationSuiteValidationResult` as a JSON dict without its bulky row lists."""
    data = validation.to_json_dict()
    for res in data["results"]:
        result = res["result"]
        for key in _DROPPED:
            result.pop(key, None)
        if "partial_unexpected_list" in result:
            result["partial_unexpected_list"] = [_short(v) for v in result["partial_unexpected_list"][:SAMPLE_VALUES]]
        if "partial_unexpected_counts" in result:
            result["partial_unexpected_counts"] = _merge_counts(result["partial_unexpected_counts"], [])
    return data


def _merge_counts(a: list[dict], b: list[dict]) -> list[dict]:
    """Value counts of two batches added up, most frequent first."""
    total: dict[str, dict] = {}
    for item in a + b:
        value = _short(item["value"])
        key = json.dumps(value, sort_keys=True, default=str)
        total[key] = {"value": value, "count": total.get(key, {"count": 0})["count"] + item["count"]}
    return sorted(total.values(), key=lambda c: -c["count"])[:SAMPLE_VALUES]


def _merge_result(a: dict, b: dict) -> dict:
    """One expectation's result over two batches; details (observed value) of a failing one."""
    ra, rb = a["result"], b["result"]
    result = dict(rb if a["success"] and not b["success"] else ra)
    for key in _SUMMED:
        if key in result:
            result[key] = (ra.get(key) or 0) + (rb.get(key) or 0)
    total = result.get("element_count") or 0
    bases = {"all": total, "present": total - (result.get("missing_count") or 0)}
    for key, (numerator, base) in _PERCENTS.items():
        if key in result:
            result[key] = 100 * (result.get(numerator) or 0) / bases[base] if bases[base] else None
    samples, counts = "partial_unexpected_list", "partial_unexpected_counts"
    if samples in result:
        result[samples] = (ra.get(samples, []) + rb.get(samples, []))[:SAMPLE_VALUES]
    if counts in result:
        result[counts] = _merge_counts(ra.get(counts, []), rb.get(counts, []))
    raised = a if a["exception_info"].get("raised_exception") else b
    return {**a, "success": a["success"] and b["success"], "result": result, "exception_info": raised["exception_info"]}


def _key(res: dict) -> str:
    """An expectation's identity across batches: its type and arguments, not the batch."""
    config = res["expectation_config"]
    kwargs = {k: v for k, v in config["kwargs"].items() if k != "batch_id"}
    return json.dumps([config["type"], kwargs], sort_keys=True, default=str)


def merge(a: dict, b: dict) -> dict:
    """Two batches' results of one suite as one result."""
    later = {_key(r): r for r in b["results"]}
    results = [_merge_result(r, later.pop(_key(r))) if _key(r) in later else r for r in a["results"]]
    results += later.values()
    passed = sum(bool(r["success"]) for r in results)
    statistics = {
        "evaluated_expectations": len(results),
        "successful_expectations": passed,
        "unsuccessful_expectations": len(results) - passed,
        "success_percent": 100 * passed / len(results) if results else None,
    }
    meta = {**a["meta"], "batches": a["meta"].get("batches", 1) + b["meta"].get("batches", 1)}
    return {**a, "success": a["success"] and b["success"], "results": results, "statistics": statistics, "meta": meta}


class ValidationLog:
    """The validation results of one run, merged per suite in the order suites first ran."""

    def __init__(self) -> None:
        self.suites: dict[str, dict] = {}

    def add(self, *validations: dict) -> None:
        for validation in validations:
            if validation:
                name = validation["suite_name"]
                self.suites[name] = merge(self.suites[name], validation) if name in self.suites else validation
