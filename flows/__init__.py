"""Thin Prefect orchestration over `transforms/`: tasks, retries, caching, logging, the CLI."""
