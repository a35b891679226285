"""prefect-dask's task runner on the flow's Prefect API (kept apart: dask is slow to import).

A local cluster's workers are processes of this machine and report to the flow's server,
temporary or not. Workers of a remote cluster (`--dask-address`) must reach the Prefect
API themselves: run a Prefect server and set PREFECT_API_URL on both sides.
"""

from __future__ import annotations

from prefect_dask import DaskTaskRunner

from flows.workers import OnFlowApi


class DaskRunner(OnFlowApi, DaskTaskRunner):
    """DaskTaskRunner whose task runs carry the flow's API address."""
