"""The Khabar flow: sources -> ingest -> clean/tokenize/annotate -> load, in batches.

One Prefect task per stage per batch (never per article: a task costs ~10 ms). Stages are
pure functions (flows/batch.py, transforms/); the flow only moves frames between them and
the warehouse. A single writer holds the warehouse for the whole run inside one
transaction, so a run lands whole or not at all.
"""

from __future__ import annotations

import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from expectations import annotations as annotation_checks
from expectations import warehouse_integrity
from expectations.offsets import with_offset_check
from expectations.suite import validate
from expectations.validation_log import ValidationLog
from flows.annotators import build_annotators
from flows.batch import BatchResult, drop_articles, process_batch, quarantine_rows
from flows.ingest import Ingested, Source, discover, read_sources
from flows.data_docs import publish_data_docs
from flows.report import publish_report
from flows.stages import StageTimes
from transforms.dedup import DuplicateIndex
from transforms.linking import Linker
from transforms.screening import DEFAULT_MAX_BYTES
from warehouse.loader import CONTENT_TABLES, Warehouse, known_sources, stored_originals

# Per-batch costs (GX: ~0.26 s of CPU per batch whatever the rows; three task runs) shrink
# per article as batches grow, while a worker's memory grows with them: ~0.9 GB at 500
# articles, ~0.75 GB at 250 (benchmarks/README.md).
DEFAULT_BATCH_SIZE = 500


@dataclass
class RunSummary:
    run_id: str
    status: str
    n_sources: int = 0
    added: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    source_status: dict[str, int] = field(default_factory=dict)
    quarantined: list[tuple[str, str, str]] = field(default_factory=list)  # uri, stage, reason
    failed_checks: list[tuple[str, str, str | None, int | None]] = field(default_factory=list)
    error: str | None = None
    report: str | None = None  # the run's HTML report
    data_docs: str | None = None  # index page of the run's GX Data Docs
    stage_seconds: dict[str, float] = field(default_factory=dict)  # as recorded in run_stages


@task(name="ingest", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def ingest_batch(sources: list[Source], known: dict[str, str], known_hashes: set[str], max_bytes: int) -> Ingested:
    return read_sources(sources, known, known_hashes, max_bytes)


@task(name="transform", cache_policy=NO_CACHE)
def transform_batch(docs: pl.DataFrame, ner_backend: str, batch_no: int, shards_to: str | None) -> BatchResult:
    """The batch's frames; with `shards_to` (a worker on the writer's machine), sentences and
    tokens written there instead: a 500-article batch returns 9 MiB of pickled frames, not 43."""
    result = process_batch(docs, list(build_annotators(ner_backend)))
    return result.write_shards(shards_to, batch_no) if shards_to else result


@task(name="load", cache_policy=NO_CACHE)
def load_batch(
    wh: Warehouse,
    batch_no: int,
    ingested: Ingested,
    result: BatchResult,
    run_id: str,
    originals: DuplicateIndex,
    linker: Linker,
    times: StageTimes,
    validations: ValidationLog,
) -> None:
    """Link mentions against the warehouse's entities (as the run's earlier batches left them),
    check them, mark near-duplicates of articles already stored (or loaded earlier in the run),
    and insert the batch (its entities are stored once, at the end of the run)."""
    times.merge(result.times)
    tables = result.tables
    quarantine = [ingested.quarantine, result.quarantine]
    with times.stage("link"):
        mentions, entities = linker.link(tables.pop("mentions"))
    tables["mentions"] = mentions
    with times.stage("checks"):
        checked = validate(annotation_checks.MENTIONS_SUITE, with_offset_check(mentions, tables["articles"]))
    validations.add(*result.validations, checked.validation)
    quarantine.append(quarantine_rows(tables["articles"], checked.rejected, "annotate"))
    tables = drop_articles(tables, set(checked.rejected))
    linker.update(entities.filter(pl.col("entity_id").is_in(tables["mentions"]["entity_id"].unique().implode())))

    now = datetime.now()
    articles = tables["articles"]
    with times.stage("dedup"):
        new_ids = wh.new_articles(articles["article_id"])
        signatures = tables["article_signatures"].filter(pl.col("article_id").is_in(list(new_ids)))
        duplicates = originals.match(signatures).rename({"similarity": "duplicate_similarity"})
    tables["articles"] = articles.join(duplicates, on="article_id", how="left").with_columns(
        ingested_at=pl.lit(now), run_id=pl.lit(run_id)
    )
    with times.stage("load"):
        wh.load(tables, new_ids, result.shards)
        sources = ingested.sources.join(
            settle_sources(ingested, result.provenance.filter(pl.col("article_id").is_in(articles["article_id"].implode())), new_ids),
            on="source_uri",
            how="left",
        ).with_columns(
            status=pl.col("status").fill_null(pl.col("settled")),
            n_articles=pl.col("n_articles").fill_null(0),
        ).drop("settled")
        record_sources(wh, sources, pl.concat(quarantine), run_id, now)
        dq = pl.concat([result.dq, checked.results])
        wh.append("dq_results", dq.with_columns(run_id=pl.lit(run_id), batch=pl.lit(batch_no)))
    get_run_logger().info("batch %d loaded (uncommitted): %d articles", batch_no, tables["articles"].height)


def record_sources(
    wh: Warehouse, sources: pl.DataFrame, quarantine: pl.DataFrame, run_id: str, now: datetime
) -> None:
    """A batch's `sources` and `quarantine` rows, stamped with the run, for the end of the run."""
    wh.append("sources", sources.with_columns(run_id=pl.lit(run_id), seen_at=pl.lit(now)))
    wh.append("quarantine", quarantine.with_columns(run_id=pl.lit(run_id), quarantined_at=pl.lit(now)))


def settle_sources(ingested: Ingested, provenance: pl.DataFrame, new_ids: set[str]) -> pl.DataFrame:
    """(source_uri, settled, n_articles) for the files of a batch, in discovery order: a file
    is `loaded` when it is the first to bring one of its articles into the warehouse,
    `duplicate` when all its articles were already there, `quarantined` when none survived."""
    file_of = dict(ingested.docs.select("source_uri", "file_uri").iter_rows())
    per_file: dict[str, list[str]] = {}
    for uri, aid in provenance.iter_rows():
        per_file.setdefault(file_of.get(uri, uri), []).append(aid)
    unclaimed, rows = set(new_ids), []
    for uri in ingested.sources["source_uri"]:
        ids = per_file.get(uri, [])
        claimed = unclaimed.intersection(ids)
        unclaimed -= claimed
        status = "quarantined" if not ids else "loaded" if claimed else "duplicate"
        rows.append((uri, status, len(ids)))
    return pl.DataFrame(rows, schema={"source_uri": pl.Utf8, "settled": pl.Utf8, "n_articles": pl.Int32}, orient="row")


@task(name="check-warehouse", cache_policy=NO_CACHE)
def check_warehouse(wh: Warehouse, run_id: str, validations: ValidationLog) -> pl.DataFrame:
    """Integrity checks over the whole warehouse as it would be committed; the blocking failures."""
    wh.refresh_entity_counts()
    counts = warehouse_integrity.measure(wh.con, run_id)
    outcome = validate(warehouse_integrity.SUITE, pl.DataFrame([counts]))
    wh.insert("dq_results", outcome.results.with_columns(run_id=pl.lit(run_id), batch=pl.lit(None, pl.Int32)))
    validations.add(outcome.validation)
    return outcome.failed.filter(pl.col("blocking"))


def _landed(item: tuple) -> tuple[int, Ingested, BatchResult]:
    """A batch whose transform is done: waits for it when it was submitted to workers."""
    batch_no, ingested, outcome = item
    return batch_no, ingested, outcome.result() if isinstance(outcome, PrefectFuture) else outcome


def _batches(items: list[Source], size: int) -> list[list[Source]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def new_run_id() -> str:
    """Sortable and unique: UTC time of the start plus a random suffix."""
    return f"{datetime.utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


@flow(name="khabar-run", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=1))
def khabar_run(
    sources: list[str],
    db: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    ner_backend: str = "crf",
    max_bytes: int = DEFAULT_MAX_BYTES,
    lock_timeout: float = 60.0,
    max_in_flight: int = 3,
) -> RunSummary:
    """One pipeline run over `sources` into the DuckDB warehouse at `db`.

    Transform tasks go to the flow's task runner (threads, a process pool or Dask, see
    flows/runners.py); ingest and load stay in this process, the warehouse's single writer.
    """
    logger = get_run_logger()
    run_id = new_run_id()
    started = datetime.now()
    build_annotators(ner_backend)  # fail at start, with a clear message, if a backend is missing
    found = discover(sources)  # before taking the lock: feeds and URLs are fetched here
    wh = Warehouse(db, lock_timeout)
    summary = RunSummary(run_id=run_id, status="running", n_sources=len(found))
    times = StageTimes()
    validations = ValidationLog()
    try:
        before = wh.counts()
        known, known_hashes = known_sources(wh)
        originals = DuplicateIndex()
        originals.add(stored_originals(wh))
        linker = Linker(wh.query("SELECT * FROM entities"))
        in_flight: deque = deque()
        # One batch gains nothing from parallel workers and would pay their start-up.
        parallel = len(found) > batch_size
        shards_to = wh.staging if _on_this_machine() else None
        for batch_no, chunk in enumerate(_batches(found, batch_size)):
            with times.stage("ingest"):
                ingested = ingest_batch(chunk, known, known_hashes, max_bytes)
            if ingested.docs.is_empty():  # all unchanged, duplicate or refused: nothing to transform
                unread = ingested.sources.with_columns(n_articles=pl.lit(0, pl.Int32))
                record_sources(wh, unread, ingested.quarantine, run_id, datetime.now())
                continue
            transform = transform_batch.submit if parallel else transform_batch
            in_flight.append((batch_no, ingested, transform(ingested.docs, ner_backend, batch_no, shards_to)))
            # Bounded look-ahead (`khabar run` passes workers + 1): while the writer loads a
            # batch, each worker transforms one and one waits. Each finished batch the writer
            # has not reached yet is held as its pickled frames (9 MiB per 500 articles with
            # shards, 43 without), and at 100k articles the writer (dedup, linking, ingest
            # growing with the run) falls behind: 3, not 4, on two cores.
            while len(in_flight) > max_in_flight:
                load_batch(wh, *_landed(in_flight.popleft()), run_id, originals, linker, times, validations)
        while in_flight:
            load_batch(wh, *_landed(in_flight.popleft()), run_id, originals, linker, times, validations)
        _release_workers()
        with times.stage("load"):
            wh.insert("entities", linker.changed())
            wh.flush()
        with times.stage("checks"):
            failed = check_warehouse(wh, run_id, validations)
        if failed.height:
            raise RuntimeError(f"warehouse integrity failed: {', '.join(failed['column_name'].to_list())}")
        totals = wh.counts()
        summary.added = {t: totals[t] - before[t] for t in CONTENT_TABLES}
        summary.totals = totals
        summary.status = "completed"
        _describe(wh, run_id, summary)
        _record_run(wh, summary, started, times)
        wh.commit()
        summary.data_docs = publish_data_docs(validations, run_id, db)  # never raises
        summary.report = publish_report(wh.con, run_id, db, summary.data_docs)  # never raises
    except BaseException as exc:
        wh.rollback()
        summary.status, summary.error = "failed", f"{type(exc).__name__}: {exc}"
        _record_run(wh, summary, started, times)  # outside the rolled-back transaction: the failure is visible
        raise
    finally:
        wh.close()
    logger.info("run %s completed: %s", run_id, summary.added)
    return summary


def _on_this_machine() -> bool:
    """Do transforms run on the writer's machine (threads, or the local process pool)? Dask
    workers may not (`--dask-address`), so theirs return every frame."""
    context = FlowRunContext.get()
    return isinstance(context.task_runner if context else None, (ThreadPoolTaskRunner, ProcessPoolTaskRunner))


def _release_workers() -> None:
    """Every batch is transformed: let the task runner end its workers if it can (flows/workers.py)."""
    context = FlowRunContext.get()
    release = getattr(context.task_runner if context else None, "release_workers", None)
    if release:
        release()


def _describe(wh: Warehouse, run_id: str, summary: RunSummary) -> None:
    summary.source_status = dict(wh.con.execute(
        "SELECT status, count(*) FROM sources WHERE run_id = ? GROUP BY 1 ORDER BY 1", [run_id]).fetchall())
    summary.quarantined = wh.con.execute(
        "SELECT source_uri, stage, reason || coalesce(' (' || detail || ')', '') FROM quarantine WHERE run_id = ? "
        "ORDER BY source_uri", [run_id]).fetchall()
    summary.failed_checks = wh.con.execute(
        "SELECT DISTINCT suite, expectation, column_name, unexpected_count FROM dq_results "
        "WHERE run_id = ? AND NOT success ORDER BY 1, 2", [run_id]).fetchall()


def _record_run(wh: Warehouse, summary: RunSummary, started: datetime, times: StageTimes) -> None:
    summary.stage_seconds = dict(times.seconds)
    wh.insert("run_stages", times.frame(summary.run_id))
    added = summary.added
    wh.insert("pipeline_runs", pl.DataFrame([{
        "run_id": summary.run_id,
        "flow_run_id": str(flow_run.id) if flow_run.id else None,
        "started_at": started,
        "finished_at": datetime.now(),
        "status": summary.status,
        "n_sources": summary.n_sources,
        "n_articles": added.get("articles"),
        "n_quarantined": len(summary.quarantined),
        "n_sentences": added.get("sentences"),
        "n_tokens": added.get("tokens"),
        "n_mentions": added.get("mentions"),
        "n_entities": added.get("entities"),
        "n_quantities": added.get("quantities"),
        "n_time_expressions": added.get("time_expressions"),
        "n_dq_failed": len(summary.failed_checks),
        "error": summary.error,
    }]))
