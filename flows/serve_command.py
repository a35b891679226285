"""`khabar serve --cron "..."`: run the pipeline on a schedule, served by Prefect.

This process registers a deployment of the `khabar-run` flow with its cron schedule on the
Prefect API (the one PREFECT_API_URL names, or a temporary local server) and executes the
scheduled runs itself until stopped (Ctrl-C pauses the schedule). Runs are incremental:
sources whose bytes were loaded before are `unchanged` and skipped, so a run with nothing
new is quick. At most one run executes at a time: the warehouse has a single writer.
Teams with a Prefect server and workers use `prefect deploy` with prefect.yaml instead.
"""

from __future__ import annotations

import argparse

from flows.annotators import NER_BACKENDS
from flows.paths import DEFAULT_DB, DEFAULT_SOURCES
from flows.readonly import report_failure

DEFAULT_NAME = "khabar-scheduled"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the pipeline on a cron schedule with Prefect (runs until stopped)")
    p.add_argument("--cron", required=True, help='cron expression, e.g. "*/30 * * * *" (every 30 minutes)')
    p.add_argument("--timezone", default="UTC", help="time zone of the cron expression (default: UTC)")
    p.add_argument("--source", action="append", metavar="PATH_OR_URL",
                   help="file, folder, glob, article URL or RSS/Atom feed URL; repeatable (default: seeds/)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB warehouse file (default: {DEFAULT_DB})")
    p.add_argument("--ner-backend", choices=NER_BACKENDS, default="crf")
    p.add_argument("--lock-timeout", type=float, default=600.0,
                   help="seconds a scheduled run waits while the warehouse is busy (default: 600)")
    p.add_argument("--name", default=DEFAULT_NAME, help=f"deployment name (default: {DEFAULT_NAME})")
    p.set_defaults(func=run)


def build_deployment(args: argparse.Namespace):
    """The deployment `khabar-run/<name>` with its cron schedule and run parameters."""
    from prefect.schedules import Cron

    from flows.pipeline import khabar_run

    return khabar_run.to_deployment(
        name=args.name,
        schedules=[Cron(args.cron, timezone=args.timezone)],
        parameters={"sources": args.source or DEFAULT_SOURCES, "db": args.db,
                    "ner_backend": args.ner_backend, "lock_timeout": args.lock_timeout},
        description="Scheduled incremental Khabar runs (khabar serve).",
        tags=["khabar", "scheduled"],
    )


def run(args: argparse.Namespace) -> int:
    from prefect import serve

    try:
        deployment = build_deployment(args)
    except Exception as exc:  # a bad cron expression or time zone: one line, exit 1
        return report_failure("serve", exc)
    serve(deployment, limit=1)
    return 0
