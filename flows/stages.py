"""Where a run's time goes: seconds per stage, summed over batches (table `run_stages`).

Stages run in the flow process (ingest, link, load) or in workers (clean, tokenize, each
annotator, checks), so the sums are processor time spent on a stage by whichever process
ran it, not wall time: with two workers busy they add up to about twice the wall time of
the transform phase. They answer "which stage should get faster", cheaply enough
(a `perf_counter` pair per stage and batch) to stay on in production.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import polars as pl

from transforms.annotate import Annotator

RUN_STAGES = {"run_id": pl.Utf8, "stage": pl.Utf8, "batches": pl.Int32, "seconds": pl.Float64, "recorded_at": pl.Datetime("us")}


class StageTimes:
    """Seconds and batch counts per stage; picklable, so workers send theirs back."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.batches: dict[str, int] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float, batches: int = 1) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.batches[name] = self.batches.get(name, 0) + batches

    def merge(self, other: StageTimes) -> None:
        for name, seconds in other.seconds.items():
            self.add(name, seconds, other.batches[name])

    def frame(self, run_id: str) -> pl.DataFrame:
        now = datetime.now()
        rows = [(run_id, name, self.batches[name], seconds, now) for name, seconds in self.seconds.items()]
        return pl.DataFrame(rows, schema=RUN_STAGES, orient="row")


class Timed:
    """An annotator whose calls count towards stage `annotate:<name>`."""

    def __init__(self, annotator: Annotator, times: StageTimes) -> None:
        self.name = annotator.name
        self._annotator = annotator
        self._times = times

    def __call__(self, articles: pl.DataFrame, sentences: pl.DataFrame, tokens: pl.DataFrame) -> dict[str, pl.DataFrame]:
        with self._times.stage(f"annotate:{self.name}"):
            return self._annotator(articles, sentences, tokens)
