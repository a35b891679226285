-- Khabar warehouse schema (DuckDB). The contract is ../shared/CONTRACT.md; columns beyond it
-- are extensions. Ids are content hashes, so re-loading the same input changes nothing.
-- Offsets everywhere: 0-based, end-exclusive code points of articles.body, so that
--   substr(body, char_start + 1, char_end - char_start) = surface.

CREATE TABLE IF NOT EXISTS articles (
    article_id    VARCHAR PRIMARY KEY,      -- sha256 of the cleaned body (20 hex chars)
    source_uri    VARCHAR NOT NULL,         -- input path as given, or URL; '#n' marks a record in an export
    part          INTEGER NOT NULL,         -- 0 = first article of the source, 1, 2 ... for glued ones
    title         VARCHAR,
    body          VARCHAR NOT NULL,         -- cleaned text: no captions, share buttons, teasers, repeats
    lang          VARCHAR NOT NULL,
    n_chars       INTEGER NOT NULL,
    n_sentences   INTEGER NOT NULL,
    n_tokens      INTEGER NOT NULL,
    published_at  DATE,
    ingested_at   TIMESTAMP NOT NULL,
    run_id        VARCHAR NOT NULL,         -- the run that first loaded the article
    duplicate_of  VARCHAR,                  -- near-duplicate (republished copy) of this article_id
    duplicate_similarity DOUBLE             -- estimated Jaccard similarity of 5-word shingles
);

-- MinHash signature of each article (128 x UINT32), so later runs find near-duplicates
-- without re-reading bodies. See transforms/dedup.py.
CREATE TABLE IF NOT EXISTS article_signatures (
    article_id    VARCHAR PRIMARY KEY,
    minhash       UINTEGER[] NOT NULL
);

CREATE TABLE IF NOT EXISTS sentences (
    article_id    VARCHAR NOT NULL,
    sentence_idx  INTEGER NOT NULL,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL
    -- unique (article_id, sentence_idx): loaded once with the article (warehouse/loader.py)
);

CREATE TABLE IF NOT EXISTS tokens (
    article_id    VARCHAR NOT NULL,
    sentence_idx  INTEGER NOT NULL,
    token_idx     INTEGER NOT NULL,         -- position within the sentence
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    surface       VARCHAR NOT NULL,
    norm          VARCHAR NOT NULL          -- dediacritised; alef forms, ى->ي, ة->ه, digits to ASCII
    -- unique (article_id, sentence_idx, token_idx): loaded once with the article, no key
    -- index, so a 100k-article run fits in memory (warehouse/loader.py)
);

CREATE TABLE IF NOT EXISTS entities (
    entity_id       VARCHAR PRIMARY KEY,    -- stable content hash; never renumbered
    type            VARCHAR NOT NULL,       -- PERS, LOC, ORG, MISC
    canonical_name  VARCHAR NOT NULL,       -- the most complete frequent Arabic form
    aliases         VARCHAR[] NOT NULL,     -- every surface seen
    n_mentions      BIGINT NOT NULL,
    n_articles      BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS mentions (
    mention_id    VARCHAR PRIMARY KEY,
    article_id    VARCHAR NOT NULL,
    sentence_idx  INTEGER NOT NULL,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    surface       VARCHAR NOT NULL,         -- excludes attached proclitics (لبوتين -> بوتين)
    type          VARCHAR NOT NULL,
    subtype       VARCHAR,                  -- weapon, spacecraft, media, agency, ...
    entity_id     VARCHAR NOT NULL,
    score         DOUBLE,
    backend       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS quantities (
    quantity_id   VARCHAR PRIMARY KEY,
    article_id    VARCHAR NOT NULL,
    sentence_idx  INTEGER NOT NULL,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    surface       VARCHAR NOT NULL,
    value         DOUBLE,
    value_low     DOUBLE,
    value_high    DOUBLE,
    qualifier     VARCHAR NOT NULL,         -- exact, approx, more_than, less_than, at_least, at_most, range
    unit          VARCHAR,                  -- canonical unit (see docs/units.md); NULL for plain counts
    kind          VARCHAR NOT NULL,         -- count, length, caliber, speed, duration, money, ...
    object        VARCHAR                   -- the counted noun, without clitics or article
);

CREATE TABLE IF NOT EXISTS time_expressions (
    time_id       VARCHAR PRIMARY KEY,
    article_id    VARCHAR NOT NULL,
    sentence_idx  INTEGER NOT NULL,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    surface       VARCHAR NOT NULL,
    value         VARCHAR,                  -- ISO 8601: 2016, 2022-02, 2023-09-11
    granularity   VARCHAR                   -- year, month, day
);

CREATE TABLE IF NOT EXISTS sources (
    source_uri      VARCHAR NOT NULL,
    content_sha256  VARCHAR,                -- NULL when the input could not be read
    status          VARCHAR NOT NULL,       -- loaded, unchanged, duplicate, quarantined
    n_articles      INTEGER NOT NULL,
    run_id          VARCHAR NOT NULL,
    seen_at         TIMESTAMP NOT NULL,
    encoding        VARCHAR,                -- detected text encoding
    n_bytes         BIGINT,
    PRIMARY KEY (run_id, source_uri)
);

CREATE TABLE IF NOT EXISTS dq_results (
    run_id            VARCHAR NOT NULL,
    stage             VARCHAR NOT NULL,     -- raw_sources, clean_articles, tokens, annotations, warehouse
    suite             VARCHAR NOT NULL,
    expectation       VARCHAR NOT NULL,
    column_name       VARCHAR,
    success           BOOLEAN NOT NULL,
    unexpected_count  BIGINT,
    observed_value    VARCHAR,
    checked_at        TIMESTAMP NOT NULL,
    blocking          BOOLEAN,              -- a failure quarantines the offending rows (or fails the run)
    batch             INTEGER               -- batch number within the run
);

CREATE TABLE IF NOT EXISTS quarantine (
    run_id          VARCHAR NOT NULL,
    source_uri      VARCHAR NOT NULL,
    stage           VARCHAR NOT NULL,
    reason          VARCHAR NOT NULL,
    detail          VARCHAR,
    quarantined_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS pipeline_runs (
    run_id           VARCHAR PRIMARY KEY,
    flow_run_id      VARCHAR,
    started_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP,
    status           VARCHAR NOT NULL,      -- running, completed, failed
    n_sources        INTEGER,
    n_articles       INTEGER,               -- articles loaded by this run
    n_quarantined    INTEGER,
    n_sentences      BIGINT,
    n_tokens         BIGINT,
    n_mentions       BIGINT,
    n_entities       BIGINT,
    n_quantities     BIGINT,
    n_time_expressions BIGINT,
    n_dq_failed      INTEGER,
    error            VARCHAR
);

-- Seconds each stage took in a run, summed over its batches (flows/stages.py): processor
-- time of whichever process ran the stage, so parallel workers add up beyond wall time.
CREATE TABLE IF NOT EXISTS run_stages (
    run_id       VARCHAR NOT NULL,
    stage        VARCHAR NOT NULL,          -- ingest, clean, tokenize, annotate:<name>, checks, link, dedup, load
    batches      INTEGER NOT NULL,
    seconds      DOUBLE NOT NULL,
    recorded_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, stage)
);
