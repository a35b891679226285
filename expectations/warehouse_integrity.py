"""Warehouse integrity after a run's load, before its commit: the tables agree with each other.

Each check is a SQL query counting violating rows; the suite expects zero for every one.
All checks block: a violation means a bug, so the run is rolled back and marked failed
(its checks are still recorded in `dq_results`).
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import Suite, blocking

_SPAN_TABLES = ["sentences", "tokens", "mentions", "quantities", "time_expressions"]


def _orphans(table: str) -> str:
    return f"SELECT count(*) FROM {table} t ANTI JOIN articles a USING (article_id)"


def _bad_offsets(table: str) -> str:
    return (
        f"SELECT count(*) FROM {table} t JOIN articles a USING (article_id) "
        "WHERE substr(a.body, t.char_start + 1, t.char_end - t.char_start) <> t.surface"
    )


CHECKS: dict[str, str] = {
    **{f"{t}_orphans": _orphans(t) for t in _SPAN_TABLES},
    **{f"{t}_offsets": _bad_offsets(t) for t in ["tokens", "mentions", "quantities", "time_expressions"]},
    "sentences_out_of_body": (
        "SELECT count(*) FROM sentences s JOIN articles a USING (article_id) "
        "WHERE s.char_start < 0 OR s.char_end > length(a.body) OR s.char_start >= s.char_end"
    ),
    "mentions_unlinked": "SELECT count(*) FROM mentions m ANTI JOIN entities e USING (entity_id)",
    "article_token_counts": (
        "SELECT count(*) FROM articles a LEFT JOIN (SELECT article_id, count(*) n FROM tokens GROUP BY 1) t "
        "USING (article_id) WHERE a.n_tokens <> coalesce(t.n, 0)"
    ),
    "entity_mention_counts": (
        "SELECT count(*) FROM entities e LEFT JOIN (SELECT entity_id, count(*) n FROM mentions GROUP BY 1) m "
        "USING (entity_id) WHERE e.n_mentions <> coalesce(m.n, 0)"
    ),
    "sources_unaccounted": (
        "SELECT count(*) FROM sources WHERE status NOT IN ('loaded', 'unchanged', 'duplicate', 'quarantined')"
    ),
}

SUITE = Suite(
    stage="load",
    name="warehouse_integrity",
    key=None,
    expectations=[blocking(gxe.ExpectColumnValuesToBeBetween(column=name, min_value=0, max_value=0)) for name in CHECKS],
)
