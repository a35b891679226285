-- Views for SQL users and BI tools, re-created by every run (README "Querying the warehouse").
-- Views only read the tables of schema.sql, so they can change without a migration.

-- Mentions per entity per day. The day is the article's publication date when known, else the
-- date it was ingested; `day_source` says which, so a chart can tell the two apart.
CREATE OR REPLACE VIEW v_entity_mentions_daily AS
SELECT
    m.entity_id,
    e.canonical_name,
    e.type,
    coalesce(a.published_at, CAST(a.ingested_at AS DATE)) AS day,
    CASE WHEN a.published_at IS NULL THEN 'ingested' ELSE 'published' END AS day_source,
    count(*) AS n_mentions,
    count(DISTINCT m.article_id) AS n_articles
FROM mentions m
JOIN articles a USING (article_id)
LEFT JOIN entities e USING (entity_id)
GROUP BY ALL;

-- Pairs of distinct entities named in the same article; `n_sentences` counts the sentences
-- naming both (0 when they only share an article). entity_a < entity_b: one row per pair.
CREATE OR REPLACE VIEW v_entity_cooccurrence AS
WITH in_sentence AS (
    SELECT DISTINCT entity_id, article_id, sentence_idx FROM mentions
),
in_article AS (
    SELECT DISTINCT entity_id, article_id FROM mentions
),
articles_together AS (
    SELECT a.entity_id AS entity_a, b.entity_id AS entity_b, count(*) AS n_articles
    FROM in_article a JOIN in_article b ON a.article_id = b.article_id AND a.entity_id < b.entity_id
    GROUP BY ALL
),
sentences_together AS (
    SELECT a.entity_id AS entity_a, b.entity_id AS entity_b, count(*) AS n_sentences
    FROM in_sentence a
    JOIN in_sentence b
      ON a.article_id = b.article_id AND a.sentence_idx = b.sentence_idx AND a.entity_id < b.entity_id
    GROUP BY ALL
)
SELECT
    t.entity_a,
    ea.canonical_name AS name_a,
    ea.type AS type_a,
    t.entity_b,
    eb.canonical_name AS name_b,
    eb.type AS type_b,
    t.n_articles,
    coalesce(s.n_sentences, 0) AS n_sentences
FROM articles_together t
LEFT JOIN sentences_together s USING (entity_a, entity_b)
LEFT JOIN entities ea ON ea.entity_id = t.entity_a
LEFT JOIN entities eb ON eb.entity_id = t.entity_b;

-- Every quantity with the sentence it was read from and its article, for checking a number
-- in context and for filtering by kind, unit or counted object.
CREATE OR REPLACE VIEW v_quantities AS
SELECT
    q.quantity_id,
    q.kind,
    q.unit,
    q.object,
    q.value,
    q.value_low,
    q.value_high,
    q.qualifier,
    q.surface,
    substr(a.body, s.char_start + 1, s.char_end - s.char_start) AS sentence,
    q.article_id,
    a.title,
    a.source_uri,
    coalesce(a.published_at, CAST(a.ingested_at AS DATE)) AS day,
    q.sentence_idx,
    q.char_start,
    q.char_end
FROM quantities q
JOIN articles a USING (article_id)
LEFT JOIN sentences s USING (article_id, sentence_idx);

-- Quantities summed up by kind, unit and counted object.
CREATE OR REPLACE VIEW v_quantities_by_kind AS
SELECT
    kind,
    unit,
    object,
    count(*) AS n_quantities,
    count(DISTINCT article_id) AS n_articles,
    sum(value) AS total_value,
    min(coalesce(value, value_low)) AS min_value,
    max(coalesce(value, value_high)) AS max_value
FROM quantities
GROUP BY ALL;

-- One row per expectation per run: a run checks each batch, so batch rows are folded
-- (failed if any batch failed, unexpected rows summed).
CREATE OR REPLACE VIEW v_dq_results AS
SELECT
    run_id,
    stage,
    suite,
    expectation,
    column_name,
    bool_and(success) AS success,
    CAST(sum(unexpected_count) AS BIGINT) AS unexpected_count,
    bool_or(coalesce(blocking, false)) AS blocking,
    count(*) AS n_batches,
    max(checked_at) AS checked_at
FROM dq_results
GROUP BY run_id, stage, suite, expectation, column_name;

-- The checks of the most recent run that recorded any (a failed run's checks are rolled back).
CREATE OR REPLACE VIEW v_dq_latest AS
SELECT * FROM v_dq_results
WHERE run_id = (SELECT arg_max(run_id, checked_at) FROM dq_results);

-- Every run, newest first: its counts, duration, sources by status and check pass rate.
CREATE OR REPLACE VIEW v_run_history AS
WITH checks AS (
    SELECT run_id, count(*) AS n_checks, count(*) FILTER (WHERE success) AS n_checks_passed
    FROM v_dq_results GROUP BY run_id
),
seen AS (
    SELECT
        run_id,
        count(*) FILTER (WHERE status = 'loaded') AS n_sources_loaded,
        count(*) FILTER (WHERE status = 'unchanged') AS n_sources_unchanged,
        count(*) FILTER (WHERE status = 'duplicate') AS n_sources_duplicate,
        count(*) FILTER (WHERE status = 'quarantined') AS n_sources_quarantined
    FROM sources GROUP BY run_id
)
SELECT
    r.*,
    date_diff('millisecond', r.started_at, r.finished_at) / 1000.0 AS duration_s,
    seen.* EXCLUDE (run_id),
    checks.n_checks,
    checks.n_checks_passed,
    checks.n_checks_passed / nullif(checks.n_checks, 0) AS dq_pass_rate
FROM pipeline_runs r
LEFT JOIN seen USING (run_id)
LEFT JOIN checks USING (run_id)
ORDER BY r.started_at DESC;

-- Kept for existing queries: the newest run.
CREATE OR REPLACE VIEW v_latest_run AS
SELECT * FROM v_run_history LIMIT 1;
