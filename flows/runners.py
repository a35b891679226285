"""Where a run's transform tasks execute: a Prefect task runner chosen on the command line."""

from __future__ import annotations

import os

RUNNERS = ("process", "thread", "dask")


def task_runner(kind: str = "process", workers: int | None = None, dask_address: str | None = None,
                ner_backend: str = "crf"):
    """`process` (default, one warmed process per core, see flows/workers.py), `thread` (no
    start-up cost, no parallelism for Python code), or `dask` (a local cluster of `workers`
    processes, or the existing cluster at `dask_address`)."""
    from prefect.task_runners import ThreadPoolTaskRunner

    workers = workers or os.cpu_count() or 1
    if kind == "process":
        from flows.workers import WarmProcessPool, warm_worker

        return WarmProcessPool(max_workers=workers, initializer=warm_worker, initargs=(ner_backend,))
    if kind == "thread":
        return ThreadPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        from flows.dask_runner import DaskRunner

        if dask_address:
            return DaskRunner(address=dask_address)
        return DaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    raise ValueError(f"unknown runner {kind!r}; choose one of {', '.join(RUNNERS)}")
