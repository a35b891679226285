"""The Prefect API a run talks to, and Prefect's temporary server started early.

Without PREFECT_API_URL, Prefect starts a temporary server (a uvicorn subprocess) when the
flow is called: 6-18 s, most of a small run. Started in a background thread before the
pipeline's heavy imports (Great Expectations, camel-tools, polars), the server boots on
the other core while they load. A team with a running Prefect server sets PREFECT_API_URL
and pays neither.
"""

from __future__ import annotations

import threading

from prefect.settings import get_current_settings


def live_api_url() -> str | None:
    """The Prefect API this process talks to: configured, or the temporary server it started."""
    configured = get_current_settings().api.url
    if configured:
        return configured
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    return server.api_url if server.running else None


def start_temporary_server() -> threading.Thread | None:
    """Start Prefect's temporary server in the background when no API is configured; join
    the returned thread before the flow runs (the server is then up, or failed to start and
    the flow retries and reports it)."""
    settings = get_current_settings()
    if settings.api.url or not settings.server.ephemeral.enabled:
        return None
    from prefect.server.api.server import SubprocessASGIServer

    def start() -> None:
        try:
            SubprocessASGIServer().start()
        except RuntimeError:  # e.g. a start-up timeout: the flow's own attempt reports it
            pass

    thread = threading.Thread(target=start, name="prefect-temporary-server", daemon=True)
    thread.start()
    return thread
