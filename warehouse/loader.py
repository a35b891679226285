"""Single-writer, atomic loads into the DuckDB warehouse.

One `Warehouse` holds DuckDB's file lock for the whole run and one open transaction:
batches are staged as they are produced (content tables as Parquet files, log tables as
frames), inserted at `flush()`, and `commit()` lands the run whole. A crash,
an exception or `kill -9` before the commit leaves the warehouse exactly as it was
(DuckDB rolls the uncommitted WAL back on the next open). Every insert is keyed by content
hashes, so loading the same rows twice adds nothing.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import duckdb
import polars as pl

SQL_DIR = Path(__file__).parent

# The article ids a run wrote rows for, in a temporary table: what `expectations/warehouse_integrity`
# checks (the run's own rows), instead of every row of the warehouse.
RUN_ARTICLES = "run_articles"
# How each table absorbs a row whose key already exists: content-hashed facts are
# immutable (ignore), entities evolve (their aliases grow), logs are append-only.
# Sentences and tokens have no key index: they are inserted with their article, once
# (see `Warehouse.load`).
UPSERT = {
    "articles": "INSERT OR IGNORE",
    "article_signatures": "INSERT OR IGNORE",
    "sentences": "INSERT",
    "tokens": "INSERT",
    "mentions": "INSERT OR IGNORE",
    "quantities": "INSERT OR IGNORE",
    "time_expressions": "INSERT OR IGNORE",
    "entities": "INSERT OR REPLACE",
    "sources": "INSERT OR REPLACE",
    "dq_results": "INSERT",
    "quarantine": "INSERT",
    "pipeline_runs": "INSERT OR REPLACE",
    "run_stages": "INSERT OR REPLACE",
    RUN_ARTICLES: "INSERT",
}
# ~800 token rows per article: a key index over them would hold a 100k-article run's
# 80M keys in memory until its one transaction commits (~70 bytes each, measured).
# Their Parquet files ("shards") hold every article of a batch, and a run keeps a list of
# which (file, article) pairs land: a local worker writes its batch's shards itself (see
# `Warehouse.staging`), before the writer knows which of the batch's articles are new.
WITH_ARTICLE = ("sentences", "tokens")
# An article and its spans are staged as Parquet during a run and appended in one statement
# per table at its end (`Warehouse.flush`): DuckDB holds a transaction's small appends in
# memory until the commit (~100 MB per 1000 articles, measured), one large append it
# writes to the file as it goes. Value: the key of the table's rows, each of which names one
# article (span ids hash their article's id), so the run's first copy of a row is kept by
# keeping only the first batch that brings an article (`Warehouse.load`).
STAGED = {
    "articles": "article_id",
    "article_signatures": "article_id",
    "sentences": None,
    "tokens": None,
    "mentions": "mention_id",
    "quantities": "quantity_id",
    "time_expressions": "time_id",
}
# The run's log rows, which nothing reads before the end of the run: held as frames and
# inserted at `flush`, one statement per table. DuckDB gives every append to an open
# transaction blocks of its own (~175 KB for a 5-row quarantine insert): per 500-article
# batch these four tables held ~1.4 MB, ~280 MB by the end of a 100k-article run (measured).
DEFERRED = ("sources", "quarantine", "dq_results", RUN_ARTICLES)
CONTENT_TABLES = ["articles", "sentences", "tokens", "mentions", "entities", "quantities", "time_expressions"]
# DuckDB's own default is 80% of RAM, and a 100k-article run's end (one append of 77M token
# rows, then the integrity checks) took 6.5 GB of it. Within this limit DuckDB spills to
# `<db>.tmp` instead (measured: a 100k-article run completed with the writer at ~2.5 GB).
MEMORY_LIMIT = os.environ.get("KHABAR_DUCKDB_MEMORY_LIMIT", "1.5GB")


class WarehouseLocked(RuntimeError):
    """Another process holds the warehouse for longer than we were willing to wait."""


def connect(path: str | Path, wait_seconds: float = 60.0, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting up to `wait_seconds` while another run holds its lock."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLocked(
                    f"warehouse {path} is in use by another khabar run (waited {wait_seconds:.0f}s; "
                    "raise --lock-timeout to wait longer)"
                ) from exc
            time.sleep(0.5)


def run_sql_file(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute((SQL_DIR / name).read_text(encoding="utf-8"))


class Warehouse:
    """The open warehouse for one run: schema ensured, one transaction, batch inserts."""

    def __init__(self, path: str | Path, wait_seconds: float = 60.0, memory_limit: str = MEMORY_LIMIT) -> None:
        self.path = Path(path)
        self.con = connect(self.path, wait_seconds)
        self.con.execute("SET memory_limit = ?", [memory_limit])
        self.con.execute("SET temp_directory = ?", [f"{self.path}.tmp"])
        # The run's bulk appends must stream: keeping insertion order makes DuckDB buffer them
        # (a 100k-article run ran out of a 1 GB limit in its final append). Readers order by keys.
        self.con.execute("SET preserve_insertion_order = false")
        run_sql_file(self.con, "schema.sql")
        run_sql_file(self.con, "views.sql")
        self.con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {RUN_ARTICLES} (article_id VARCHAR)")
        self.con.execute("BEGIN TRANSACTION")
        self._staging = tempfile.TemporaryDirectory(prefix=".khabar-staging-", dir=os.path.abspath(self.path.parent))
        self._staged: dict[str, int] = {}  # table -> Parquet files staged
        self._staged_articles: set[str] = set()  # new articles staged
        self._run_articles: set[str] = set()  # every article the run's batches brought rows for
        self._deferred: dict[str, list[pl.DataFrame]] = {}  # DEFERRED table -> frames to insert
        self._landing: list[pl.DataFrame] = []  # (file, article_id): rows of WITH_ARTICLE shards that land

    @property
    def staging(self) -> str:
        """The run's staging directory: where workers on this machine may write shards."""
        return self._staging.name

    def query(self, sql: str, params: list | None = None) -> pl.DataFrame:
        return self.con.execute(sql, params or []).pl()

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CONTENT_TABLES}

    def insert(self, table: str, frame: pl.DataFrame) -> None:
        """Insert `frame` by column name with the table's upsert rule; a no-op for no rows."""
        if frame.height == 0:
            return
        self.con.register("_batch", frame.to_arrow())
        try:
            self.con.execute(f"{UPSERT[table]} INTO {table} BY NAME SELECT * FROM _batch")
        finally:
            self.con.unregister("_batch")

    def append(self, table: str, frame: pl.DataFrame) -> None:
        """Rows for a DEFERRED table, inserted at `flush` (queries see them from there on)."""
        if table not in DEFERRED:
            raise ValueError(f"{table} is not a deferred table")
        if frame.height:
            self._deferred.setdefault(table, []).append(frame)

    def new_articles(self, ids: pl.Series) -> set[str]:
        """Which of `ids` are neither stored nor staged by this run."""
        return set(ids) - self._staged_articles - existing_ids(self, "articles", "article_id", ids)

    def load(self, tables: dict[str, pl.DataFrame], new_articles: set[str], shards: dict[str, str] | None = None) -> None:
        """Insert a batch: STAGED tables until `flush` (rows of WITH_ARTICLE tables, as frames
        or as `shards` already written, only for `new_articles`, see `new_articles`; none for
        articles an earlier batch brought), the others now."""
        earlier = pl.Series(list(self._run_articles), dtype=pl.Utf8)
        shards = dict(shards or {})
        batch_articles: set[str] = set()
        for table, frame in tables.items():
            if "article_id" in frame.columns:
                batch_articles.update(frame["article_id"].unique())
            if table in WITH_ARTICLE:
                shards[table] = self._stage(table, frame, earlier)
            elif table in STAGED:
                self._stage(table, frame, earlier)
            else:
                self.insert(table, frame)
        landing = sorted(new_articles)
        self._landing += [pl.DataFrame({"file": path, "article_id": landing}, schema={"file": pl.Utf8, "article_id": pl.Utf8})
                          for path in shards.values() if path]
        self._staged_articles |= new_articles
        self._record_run_articles(batch_articles - self._run_articles)

    def _stage(self, table: str, frame: pl.DataFrame, earlier: pl.Series) -> str | None:
        """Write `frame` (without what earlier batches brought) as the table's next staged file."""
        if key := STAGED[table]:
            frame = frame.filter(~pl.col("article_id").is_in(earlier.implode())).unique(key, keep="first", maintain_order=True)
        if not frame.height:
            return None
        n = self._staged.get(table, 0)
        path = str(Path(self._staging.name) / f"{table}-{n:06d}.parquet")
        frame.write_parquet(path, compression="lz4")
        self._staged[table] = n + 1
        return path

    def _record_run_articles(self, ids: set[str]) -> None:
        self._run_articles |= ids
        self.append(RUN_ARTICLES, pl.DataFrame({"article_id": sorted(ids)}, schema={"article_id": pl.Utf8}))

    def flush(self) -> None:
        """Append the staged and deferred rows inside the run's transaction; queries see them
        from here on.

        Plain appends, without sorting or grouping the staged rows (they are unique already):
        DuckDB streams them into the file within its memory limit.
        """
        for table, frames in self._deferred.items():
            self.insert(table, pl.concat(frames, how="diagonal_relaxed"))
        self._deferred.clear()
        landing = pl.concat(self._landing) if self._landing else pl.DataFrame(schema={"file": pl.Utf8, "article_id": pl.Utf8})
        self.con.register("_landing", landing.to_arrow())
        try:
            for table in STAGED:
                files = sorted(Path(self._staging.name).glob(f"{table}-*.parquet"))
                if not files:
                    continue
                rows = "read_parquet(?, union_by_name = true, filename = 'file')"
                if table in WITH_ARTICLE:
                    rows = f"(SELECT * FROM {rows} SEMI JOIN _landing USING (file, article_id))"
                self.con.execute(f"{UPSERT[table]} INTO {table} BY NAME SELECT * EXCLUDE (file) FROM {rows}",
                                 [[str(f) for f in files]])
                for path in files:
                    path.unlink()
        finally:
            self.con.unregister("_landing")
        self._staged.clear()
        self._landing.clear()

    def refresh_entity_counts(self) -> None:
        """Mention and article counts of every entity, recomputed from `mentions`."""
        self.con.execute(
            """
            UPDATE entities SET n_mentions = c.n_mentions, n_articles = c.n_articles
            FROM (SELECT entity_id, count(*) AS n_mentions, count(DISTINCT article_id) AS n_articles
                  FROM mentions GROUP BY entity_id) AS c
            WHERE entities.entity_id = c.entity_id
              AND (entities.n_mentions <> c.n_mentions OR entities.n_articles <> c.n_articles)
            """
        )

    def commit(self) -> None:
        self.flush()
        self.con.execute("COMMIT")

    def rollback(self) -> None:
        self.con.execute("ROLLBACK")

    def close(self) -> None:
        self.con.close()
        self._staging.cleanup()


def known_sources(wh: Warehouse) -> tuple[dict[str, str], set[str]]:
    """uri -> sha256 of each source's latest successful load, and every loaded sha256."""
    rows = wh.con.execute(
        """
        SELECT source_uri, arg_max(content_sha256, seen_at) FROM sources
        WHERE status IN ('loaded', 'unchanged', 'duplicate') AND content_sha256 IS NOT NULL
        GROUP BY source_uri
        """
    ).fetchall()
    return dict(rows), {sha for _, sha in rows}


def stored_originals(wh: Warehouse) -> pl.DataFrame:
    """MinHash signatures of stored articles that are not themselves near-duplicates."""
    return wh.query(
        "SELECT s.article_id, s.minhash FROM article_signatures s JOIN articles a USING (article_id) "
        "WHERE a.duplicate_of IS NULL"
    )


def existing_ids(wh: Warehouse, table: str, key: str, ids: pl.Series) -> set[str]:
    """Which of `ids` are already keys of `table` (this run's earlier batches included)."""
    if ids.is_empty():
        return set()
    wh.con.register("_ids", pl.DataFrame({key: ids}).to_arrow())
    try:
        return {r[0] for r in wh.con.execute(f"SELECT {key} FROM {table} SEMI JOIN _ids USING ({key})").fetchall()}
    finally:
        wh.con.unregister("_ids")
