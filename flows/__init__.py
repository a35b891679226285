"""Thin Prefect orchestration over `transforms/`: tasks, retries, caching, logging, the CLI."""

import os

# Khabar runs offline: Prefect's server would otherwise try to send telemetry at start-up.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# Prefect's progress logs go to stdout with the run summary: stderr carries only the one-line
# reason of a failed run (the contract of `khabar run`).
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_STREAM", "ext://sys.stdout")
