"""One batch of raw documents through clean, tokenize and annotate, checked at each stage.

Plain functions, no Prefect and no I/O, so a task, a process pool or a Dask worker can run
them; the result is plain polars frames for the single writer to load (a worker on the
writer's machine writes the two bulky ones to the warehouse's staging instead:
`BatchResult.write_shards`). An article that fails a blocking expectation is dropped from
every frame of the batch and recorded in `quarantine` with the expectation as reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from expectations import annotations, clean_articles, raw_sources, tokens as token_checks
from expectations.offsets import with_offset_check
from expectations.suite import DQ_RESULTS, Outcome, Suite, validate
from flows.ingest import QUARANTINE
from flows.stages import StageTimes, Timed
from transforms.annotate import Annotator, run_annotators
from transforms.arabic import arabic_shares
from transforms.clean import clean
from transforms.dedup import signatures
from transforms.frames import QUANTITIES, SPANS_NER, TIME_EXPRESSIONS, empty
from transforms.tokenize import tokenize
from warehouse.loader import WITH_ARTICLE


@dataclass
class BatchResult:
    """Frames ready to load: articles, article_signatures, sentences, tokens, mentions (not
    yet linked), quantities, time_expressions; plus the batch's check results, quarantine rows
    and which document yielded which article (copies included)."""

    tables: dict[str, pl.DataFrame]
    dq: pl.DataFrame
    quarantine: pl.DataFrame
    provenance: pl.DataFrame  # (source_uri, article_id) for every article a document yielded
    times: StageTimes  # seconds per stage spent on this batch
    validations: list[dict]  # GX results of the batch's suites, for the run's Data Docs
    shards: dict[str, str] = field(default_factory=dict)  # table -> Parquet file, instead of a frame

    def write_shards(self, directory: str, batch_no: int) -> BatchResult:
        """Sentences and tokens (~80% of a batch's bytes) written as Parquet into the warehouse's
        staging `directory` instead of travelling back to the writer as pickled frames: a worker
        on the writer's machine does this (flows/pipeline.py); the writer decides at load which
        of their articles land (warehouse/loader.py)."""
        for table in WITH_ARTICLE:
            path = str(Path(directory) / f"{table}-batch{batch_no:06d}.parquet")
            self.tables.pop(table).write_parquet(path, compression="lz4")
            self.shards[table] = path
        return self


def drop_articles(tables: dict[str, pl.DataFrame], article_ids: set[str]) -> dict[str, pl.DataFrame]:
    """Every frame of the batch without the given articles."""
    if not article_ids:
        return tables
    ids = pl.Series(list(article_ids), dtype=pl.Utf8)
    return {name: frame.filter(~pl.col("article_id").is_in(ids.implode())) for name, frame in tables.items()}


def quarantine_rows(articles: pl.DataFrame, rejected: dict[str, str], stage: str) -> pl.DataFrame:
    """Quarantine rows for rejected articles, named by their source_uri."""
    uris = dict(articles.select("article_id", "source_uri").iter_rows())
    rows = [{"source_uri": uris.get(aid, aid), "stage": stage, "reason": reason, "detail": f"article_id={aid}"}
            for aid, reason in rejected.items()]
    return pl.DataFrame(rows, schema=QUARANTINE)


def with_counts(articles: pl.DataFrame, sentences: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Articles with n_chars, n_sentences and n_tokens."""
    n_sent = sentences.group_by("article_id").agg(n_sentences=pl.len().cast(pl.Int32))
    n_tok = tokens.group_by("article_id").agg(n_tokens=pl.len().cast(pl.Int32))
    return (
        articles.join(n_sent, on="article_id", how="left")
        .join(n_tok, on="article_id", how="left")
        .with_columns(
            n_chars=pl.col("body").str.len_chars().cast(pl.Int32),
            n_sentences=pl.col("n_sentences").fill_null(0),
            n_tokens=pl.col("n_tokens").fill_null(0),
        )
    )


class Checks:
    """Collects check outcomes of a batch and applies blocking rejections to its frames."""

    def __init__(self) -> None:
        self.results: list[pl.DataFrame] = []
        self.quarantine: list[pl.DataFrame] = []
        self.validations: list[dict] = []
        self.times = StageTimes()

    def run(self, suite: Suite, frame: pl.DataFrame) -> Outcome:
        with self.times.stage("checks"):
            outcome = validate(suite, frame)
        self.results.append(outcome.results)
        self.validations.append(outcome.validation)
        return outcome

    def spans(self, suite: Suite, tables: dict[str, pl.DataFrame], name: str) -> dict[str, pl.DataFrame]:
        """Validate span table `name` (offset rule included) and drop articles it rejects."""
        articles = tables["articles"]
        with self.times.stage("checks"):
            spans = with_offset_check(tables[name], articles)
        outcome = self.run(suite, spans)
        self.quarantine.append(quarantine_rows(articles, outcome.rejected, suite.stage))
        return drop_articles(tables, set(outcome.rejected))

    def result(self, tables: dict[str, pl.DataFrame], provenance: pl.DataFrame) -> BatchResult:
        dq = pl.concat(self.results) if self.results else empty(DQ_RESULTS)
        quarantine = pl.concat(self.quarantine) if self.quarantine else empty(QUARANTINE)
        kept = provenance.filter(pl.col("article_id").is_in(tables["articles"]["article_id"].implode()))
        return BatchResult(tables, dq, quarantine, kept, self.times, self.validations)


def process_batch(docs: pl.DataFrame, annotators: list[Annotator]) -> BatchResult:
    """Raw documents (flows.ingest.RAW_DOCS) -> checked frames of the warehouse tables."""
    checks = Checks()
    screened = checks.run(raw_sources.SUITE, docs)
    refused = pl.col("source_uri").is_in(list(screened.rejected))
    checks.quarantine.append(docs.filter(refused).select(
        "source_uri", stage=pl.lit("ingest"), reason=pl.col("rejection"), detail=pl.col("rejection_detail")))
    docs = docs.filter(~refused)

    with checks.times.stage("clean"):
        articles, rejects = clean(docs)
    checks.quarantine.append(rejects.select("source_uri", "stage", "reason", pl.lit(None, pl.Utf8).alias("detail")))
    with checks.times.stage("checks"):
        articles = articles.with_columns(arabic_shares(articles["body"]).alias("arabic_share"),
                                         n_chars=pl.col("body").str.len_chars())
    cleaned = checks.run(clean_articles.SUITE, articles)
    checks.quarantine.append(quarantine_rows(articles, cleaned.rejected, "clean"))
    articles = articles.filter(~pl.col("article_id").is_in(list(cleaned.rejected))).drop("arabic_share", "n_chars")
    # Which source yielded which article, before copies within the batch collapse to one row.
    provenance = articles.select("source_uri", "article_id")
    articles = articles.unique("article_id", keep="first", maintain_order=True)

    with checks.times.stage("tokenize"):
        sentences, tokens = tokenize(articles)
    tables = {"articles": articles, "sentences": sentences, "tokens": tokens}
    tables = checks.spans(token_checks.SENTENCES_SUITE, tables, "sentences")
    tables = checks.spans(token_checks.TOKENS_SUITE, tables, "tokens")

    timed = [Timed(annotator, checks.times) for annotator in annotators]
    found = run_annotators(timed, tables["articles"], tables["sentences"], tables["tokens"])
    tables["mentions"] = found.get("mentions", empty(SPANS_NER))
    tables["quantities"] = found.get("quantities", empty(QUANTITIES))
    tables["time_expressions"] = found.get("time_expressions", empty(TIME_EXPRESSIONS))
    tables = checks.spans(annotations.QUANTITIES_SUITE, tables, "quantities")
    tables = checks.spans(annotations.TIME_SUITE, tables, "time_expressions")
    tables["articles"] = with_counts(tables["articles"], tables["sentences"], tables["tokens"])
    with checks.times.stage("dedup"):
        tables["article_signatures"] = signatures(tables["articles"])
    return checks.result(tables, provenance)
