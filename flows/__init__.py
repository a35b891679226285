"""Thin Prefect orchestration over `transforms/`: tasks, retries, caching, logging, the CLI."""

import os

# Khabar runs offline: Prefect's server would otherwise try to send telemetry at start-up.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
