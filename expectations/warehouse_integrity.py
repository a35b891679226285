"""Warehouse integrity after a run's load, before its commit: the tables agree with each other.

Each check is one SQL query over the warehouse as it would be committed (`$run_id` names the
run) giving one number, and the suite expects it within the check's bounds. Checks of span rows
read the run's articles only (what it loaded, and older articles it brought rows for): earlier
runs' rows were checked by their own runs, and a 100k-article warehouse holds ~80M tokens.

Blocking (the run is rolled back and marked failed; its checks are still recorded in
`dq_results`): counts of violating rows, expected zero, because a violation means a bug:
span rows without their article, sentence or a body slice equal to their surface; tokens,
mentions, quantities and time expressions outside their sentence; sentences outside their
body; unlinked mentions; stale token and mention counts; unknown source statuses;
quantity values that are NaN (pandas cannot tell NaN from NULL, so the stage suite misses them).

Warning only (statistics of the run, not bugs; a surprising run still lands):
- `duplicate_ratio`: exact-duplicate sources plus near-duplicate articles, as a share of what
  the run brought in (those plus its new articles); above 0.5 suggests a re-delivered feed or a
  scraper loop;
- `new_sources_without_articles`: 1 when the run read new inputs but added no article (all
  quarantined: a broken decoder or a feed of junk);
- `tokens_per_article_vs_history`: the run's mean tokens per new article over the mean of
  earlier articles, within [0.5, 2]; outside, tokenisation or cleaning probably changed.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import great_expectations.expectations as gxe

from expectations.suite import Suite, blocking, warning
from warehouse.loader import RUN_ARTICLES

_SPAN_TABLES = ["sentences", "tokens", "mentions", "quantities", "time_expressions"]
_IN_SENTENCES = _SPAN_TABLES[1:]


@dataclass(frozen=True)
class Check:
    sql: str  # one row, one number
    min_value: float = 0
    max_value: float = 0
    is_blocking: bool = True


# The run's articles: those it loaded, and those it brought rows for (the loader's temporary
# table). Checks of span rows read only these articles' rows, not the whole warehouse, one
# part of them at a time (`$part` of `$parts`, by hash): a part's bodies and sentence texts
# are what a join holds, so a 100k-article run is checked within DuckDB's memory limit.
_RUN_SCOPE = f"SELECT article_id FROM articles WHERE run_id = $run_id UNION SELECT article_id FROM {RUN_ARTICLES}"
_SCOPE = f"(SELECT article_id FROM ({_RUN_SCOPE}) WHERE hash(article_id) % $parts = $part)"
ARTICLES_PER_PART = 10_000
_SCOPED_ARTICLES = f"(SELECT * FROM articles SEMI JOIN {_SCOPE} USING (article_id))"


def _scoped(table: str) -> str:
    return f"(SELECT * FROM {table} SEMI JOIN {_SCOPE} USING (article_id))"


def _orphans(table: str) -> str:
    return f"SELECT count(*) FROM {_scoped(table)} t ANTI JOIN articles a USING (article_id)"


# The texts of the part's sentences, cut from their bodies once per part (`measure`) and
# shared by the four offset checks: cutting them was most of each check's cost.
_SENTENCE_TEXTS = "_sentence_texts"
_CUT_SENTENCE_TEXTS = (
    f"CREATE OR REPLACE TEMP TABLE {_SENTENCE_TEXTS} AS "
    "SELECT s.*, substr(a.body, s.char_start + 1, s.char_end - s.char_start) AS text "
    f"FROM {_scoped('sentences')} s JOIN {_SCOPED_ARTICLES} a USING (article_id)"
)


def _bad_offsets(table: str) -> str:
    """Spans whose body slice is not their surface. Slicing by code point walks the string from
    its start, so a span inside its sentence is sliced from the sentence's text (~15x shorter
    than the body); the others (none, unless a check below fails too) from the body."""
    inside = "0 <= s.char_start AND s.char_start <= t.char_start AND t.char_start <= t.char_end AND t.char_end <= s.char_end"
    outside = (
        f"SELECT t.* FROM {_scoped(table)} t LEFT JOIN {_scoped('sentences')} s USING (article_id, sentence_idx) "
        f"WHERE ({inside}) IS NOT TRUE"
    )
    return (
        f"SELECT (SELECT count(*) FROM {_scoped(table)} t JOIN {_SENTENCE_TEXTS} s USING (article_id, sentence_idx) "
        f"WHERE {inside} AND substr(s.text, t.char_start - s.char_start + 1, t.char_end - t.char_start) <> t.surface) "
        f"+ (SELECT count(*) FROM ({outside}) t JOIN {_SCOPED_ARTICLES} a USING (article_id) "
        "WHERE substr(a.body, t.char_start + 1, t.char_end - t.char_start) <> t.surface)"
    )


# Offsets are compared again on one part only (up to ARTICLES_PER_PART of the run's articles,
# a hash sample): every span already passed the same rule in its batch's suite, and what this
# guards against, a load that shifts or mismatches rows, is systematic. All parts: ~2 ms of
# CPU an article at 100k articles, the largest cost of a big run's checks.
_SAMPLED = {f"{t}_offsets" for t in _IN_SENTENCES}


def _outside_sentence(table: str) -> str:
    """Spans whose (article_id, sentence_idx) names no sentence, or that leave it."""
    return (
        f"SELECT count(*) FROM {_scoped(table)} t LEFT JOIN {_scoped('sentences')} s USING (article_id, sentence_idx) "
        "WHERE s.char_start IS NULL OR t.char_start < s.char_start OR t.char_end > s.char_end"
    )


_RUN_ARTICLES = "(SELECT count(*) FROM articles WHERE run_id = $run_id)"
_DUPLICATE_SOURCES = "(SELECT count(*) FROM sources WHERE run_id = $run_id AND status = 'duplicate')"

CHECKS: dict[str, Check] = {
    **{f"{t}_orphans": Check(_orphans(t)) for t in _SPAN_TABLES},
    **{f"{t}_offsets": Check(_bad_offsets(t)) for t in _IN_SENTENCES},
    **{f"{t}_outside_sentence": Check(_outside_sentence(t)) for t in _IN_SENTENCES},
    "sentences_out_of_body": Check(
        f"SELECT count(*) FROM {_scoped('sentences')} s JOIN {_SCOPED_ARTICLES} a USING (article_id) "
        "WHERE s.char_start < 0 OR s.char_end > length(a.body) OR s.char_start >= s.char_end"
    ),
    "mentions_unlinked": Check("SELECT count(*) FROM mentions m ANTI JOIN entities e USING (entity_id)"),
    "article_token_counts": Check(
        f"SELECT count(*) FROM {_SCOPED_ARTICLES} a LEFT JOIN (SELECT article_id, count(*) n FROM {_scoped('tokens')} "
        "GROUP BY 1) t USING (article_id) WHERE a.n_tokens <> coalesce(t.n, 0)"
    ),
    "entity_mention_counts": Check(
        "SELECT count(*) FROM entities e LEFT JOIN (SELECT entity_id, count(*) n FROM mentions GROUP BY 1) m "
        "USING (entity_id) WHERE e.n_mentions <> coalesce(m.n, 0)"
    ),
    "sources_unaccounted": Check(
        "SELECT count(*) FROM sources WHERE status NOT IN ('loaded', 'unchanged', 'duplicate', 'quarantined')"
    ),
    "quantities_nan": Check(
        f"SELECT count(*) FROM {_scoped('quantities')} WHERE isnan(value) OR isnan(value_low) OR isnan(value_high)"
    ),
    "duplicate_ratio": Check(
        f"SELECT coalesce(({_DUPLICATE_SOURCES} + (SELECT count(*) FROM articles WHERE run_id = $run_id "
        f"AND duplicate_of IS NOT NULL)) / nullif({_DUPLICATE_SOURCES} + {_RUN_ARTICLES}, 0), 0)",
        max_value=0.5, is_blocking=False,
    ),
    "new_sources_without_articles": Check(
        f"SELECT CAST(count(*) > 0 AND {_RUN_ARTICLES} = 0 AS INTEGER) FROM sources "
        "WHERE run_id = $run_id AND status NOT IN ('unchanged', 'duplicate')",
        is_blocking=False,
    ),
    "tokens_per_article_vs_history": Check(
        "SELECT coalesce(avg(n_tokens) FILTER (WHERE run_id = $run_id) "
        "/ nullif(avg(n_tokens) FILTER (WHERE run_id <> $run_id), 0), 1) FROM articles",
        min_value=0.5, max_value=2.0, is_blocking=False,
    ),
}


def measure(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, float]:
    """Every check's number for the warehouse as `con` sees it; counts over the run's articles
    summed over its parts."""
    n_articles = con.execute(f"SELECT count(*) FROM ({_RUN_SCOPE})", {"run_id": run_id}).fetchone()[0]
    parts = max(1, -(-n_articles // ARTICLES_PER_PART))
    per_part = {name: check for name, check in CHECKS.items() if "$part" in check.sql}
    out = {name: _value(con, check.sql, run_id=run_id) for name, check in CHECKS.items() if name not in per_part}
    out.update({name: 0 for name in per_part})
    for part in range(parts):
        if part == 0:
            con.execute(_CUT_SENTENCE_TEXTS, {"run_id": run_id, "parts": parts, "part": part})
        for name, check in per_part.items():
            if part == 0 or name not in _SAMPLED:
                out[name] += _value(con, check.sql, run_id=run_id, parts=parts, part=part)
    con.execute(f"DROP TABLE IF EXISTS {_SENTENCE_TEXTS}")
    return {name: out[name] for name in CHECKS}


def _value(con: duckdb.DuckDBPyConnection, sql: str, **params: object) -> float:
    """The one number `sql` gives, with those of `params` it names."""
    return con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql} or None).fetchone()[0]


SUITE = Suite(
    stage="load",
    name="warehouse_integrity",
    key=None,
    expectations=[
        (blocking if check.is_blocking else warning)(
            gxe.ExpectColumnValuesToBeBetween(column=name, min_value=check.min_value, max_value=check.max_value))
        for name, check in CHECKS.items()
    ],
)
