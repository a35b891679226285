"""`khabar run`: one pipeline run, a short summary, and the contract's exit codes.

Exit 0 when the run completed (even with quarantined inputs); 1 with a one-line reason on
stderr when it could not complete (nothing of it is committed then).
"""

from __future__ import annotations

import argparse
import os
import sys

from flows.annotators import NER_BACKENDS
from flows.runners import RUNNERS, task_runner
from flows.paths import DEFAULT_DB, DEFAULT_SOURCES
from flows.startup import quick_imports
from transforms.screening import DEFAULT_MAX_BYTES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="run the pipeline once (a Prefect flow run)")
    p.add_argument("--source", action="append", metavar="PATH",
                   help="file, folder (recursive) or glob; repeatable (default: seeds/)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB warehouse file (default: {DEFAULT_DB})")
    p.add_argument("--batch-size", type=int, default=None, help="sources per batch (default: 500)")
    p.add_argument("--ner-backend", choices=NER_BACKENDS, default="crf",
                   help="crf: the shipped offline model (default); camel: camel-tools BERT (extra 'bert')")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="larger inputs are quarantined")
    p.add_argument("--lock-timeout", type=float, default=60.0,
                   help="seconds to wait while another run holds the warehouse")
    p.add_argument("--runner", choices=RUNNERS, default="process",
                   help="where batches are transformed: process pool (default), threads, or Dask")
    p.add_argument("--workers", type=int, default=None,
                   help="parallel workers (default: one per core; with --dask-address, the cluster's worker "
                        "processes: the run keeps one batch more than that in flight)")
    p.add_argument("--dask-address", default=None, help="scheduler of an existing Dask cluster (tcp://host:8786)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with quick_imports():
        from flows.prefect_api import on_temporary_server, start_temporary_server

        server = start_temporary_server()  # boots on the other core while the pipeline imports
        from flows.pipeline import DEFAULT_BATCH_SIZE, khabar_run

        if server:
            warm_up(args.ner_backend)  # while the server boots
    try:
        with on_temporary_server(server):
            runner = task_runner(args.runner, args.workers, args.dask_address, args.ner_backend)
            summary = khabar_run.with_options(task_runner=runner)(
                sources=args.source or DEFAULT_SOURCES,
                db=args.db,
                batch_size=args.batch_size or DEFAULT_BATCH_SIZE,
                ner_backend=args.ner_backend,
                max_bytes=args.max_bytes,
                lock_timeout=args.lock_timeout,
                max_in_flight=(args.workers or os.cpu_count() or 1) + 1,
            )
    except Exception as exc:  # the contract: one line on stderr, non-zero exit
        print(f"khabar run failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}", file=sys.stderr)
        return 1
    print_summary(summary, args.db)
    return 0


def warm_up(ner_backend: str) -> None:
    """Load the run's models now (they are cached per process); a failure is left for the
    flow's own first call to report, as a failed flow run."""
    from flows.annotators import build_annotators

    try:
        build_annotators(ner_backend)
    except Exception:  # noqa: BLE001 - see docstring
        pass


def print_summary(summary, db: str) -> None:
    print(f"run {summary.run_id}: {summary.status} -> {db}")
    print(f"sources: {summary.n_sources} ({', '.join(f'{k} {v}' for k, v in summary.source_status.items())})")
    print(f"{'table':<18}{'added':>10}{'total':>10}")
    for table, total in summary.totals.items():
        print(f"{table:<18}{summary.added.get(table, 0):>10}{total:>10}")
    if summary.quarantined:
        print(f"quarantined ({len(summary.quarantined)}):")
        for uri, stage, reason in summary.quarantined:
            print(f"  {uri} [{stage}] {reason}")
    if summary.failed_checks:
        print(f"failed checks ({len(summary.failed_checks)}):")
        for suite, expectation, column, count in summary.failed_checks:
            print(f"  {suite}: {expectation}({column or ''}) unexpected={count}")
    if summary.report:
        print(f"report: {summary.report}")
    if summary.data_docs:
        print(f"data docs: {summary.data_docs}")
