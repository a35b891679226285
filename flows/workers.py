"""Worker processes for the transform stage: warmed at start, on the flow's Prefect API.

A spawned worker imports polars, camel-tools and Great Expectations, loads the models and
builds the expectation suites before its first batch is done: several seconds, paid once per
worker while the flow is still ingesting, if done in the pool's initializer. A worker must
also talk to the flow's Prefect API: when the flow runs against Prefect's temporary server,
that server's address exists only in the flow process, and a spawned worker that does not
know it starts a temporary server of its own (10-20 s each, measured). `OnFlowApi` hands
the address over (process pool and local Dask cluster alike).
"""

from __future__ import annotations

import gc
import logging
from typing import Any

import polars as pl
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner

from flows.prefect_api import live_api_url

# A batch allocates millions of short-lived objects, nearly all freed by reference counting;
# with the default threshold (700) the cyclic collector ran so often that it cost 1-1.7 ms
# of CPU per article, and ~0.3 ms with this one and the warmed heap frozen (measured on
# 500-article batches).
GC_THRESHOLDS = (50_000, 20, 100)

# Two short sentences with a name, a place, a count and a date: every stage has work to do.
WARM_UP_TEXT = (
    "قال الرئيس الروسي فلاديمير بوتين في موسكو إن ثلاثة آلاف جندي وصلوا إلى الحدود.\n"
    "وأعلنت وزارة الدفاع في 12 مايو 2023 أن 25 طائرة شاركت في التدريبات."
)


def warm_worker(ner_backend: str) -> None:
    """Run a tiny document through every stage, so lazy imports, models and caches are ready;
    then tune the garbage collector for batch work (this process only runs batches)."""
    from flows.annotators import build_annotators
    from flows.batch import process_batch
    from flows.ingest import RAW_DOCS
    from transforms.arabic import arabic_share

    doc = {"source_uri": "warm-up", "file_uri": "warm-up", "text": WARM_UP_TEXT, "encoding": "utf-8",
           "n_bytes": len(WARM_UP_TEXT.encode()), "arabic_share": arabic_share(WARM_UP_TEXT)}
    try:
        process_batch(pl.DataFrame([doc], schema=RAW_DOCS), list(build_annotators(ner_backend)))
    except Exception:  # a failed initializer breaks the whole pool; the first real task will report it
        logging.getLogger(__name__).warning("worker warm-up failed", exc_info=True)
    gc.freeze()  # modules, models and suites live as long as the worker: no collection need walk them
    gc.set_threshold(*GC_THRESHOLDS)


class OnFlowApi:
    """Mixin for a task runner: task runs submitted while it is open carry the flow's API
    address in their settings, so workers report to the flow's server."""

    def __enter__(self):
        url = live_api_url()
        self._api_settings = temporary_settings({PREFECT_API_URL: url}) if url else None
        if self._api_settings:
            self._api_settings.__enter__()
        return super().__enter__()

    def __exit__(self, *exc: Any) -> None:
        try:
            super().__exit__(*exc)
        finally:
            if self._api_settings:
                self._api_settings.__exit__(*exc)


class WarmProcessPool(OnFlowApi, ProcessPoolTaskRunner):
    """Prefect's process pool whose workers are warmed and report to the flow's Prefect API."""

    def release_workers(self) -> None:
        """End the workers once the last batch is transformed, so the writer's end phase (bulk
        append, warehouse checks: up to DuckDB's memory limit) runs without their ~1 GB each."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

