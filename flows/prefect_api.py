"""The Prefect API a run talks to, and a temporary Prefect server started early for it.

Without a configured API (PREFECT_API_URL), Prefect starts a temporary server, uvicorn
in a subprocess, when the flow is called: 5-18 s, most of a small run. Its starter
(`SubprocessASGIServer`) lives in `prefect.server.api.server`, which imports the whole
server (FastAPI app, ORM models, services: 1.5-2 s of CPU) only to spawn that subprocess.
So `khabar run` spawns the same server command itself, as soon as Prefect's settings are
read: it boots on the other core while the pipeline imports, and the run talks to it
through PREFECT_API_URL, set for the run only. Should it fail to come up, the run goes
on without it and Prefect starts its own server as before. A team with a running Prefect
server sets PREFECT_API_URL and pays neither.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from prefect.settings import get_current_settings

# What Prefect sets for its own temporary server: no UI, ephemeral-server services only.
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
# Defaults for it that a user's own settings override: a run uses no blocks, so the server
# need not scan the installed Prefect collections and register their block types at each
# start (0.5-1 s of its boot).
SERVER_DEFAULTS = {"PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
                   "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false"}
STOP_TIMEOUT_S = 5.0


def live_api_url() -> str | None:
    """The Prefect API this process talks to: configured, or the temporary server it started."""
    configured = get_current_settings().api.url
    if configured:
        return configured
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    return server.api_url if server.running else None


class TemporaryServer:
    """Prefect's temporary server for one run: a uvicorn subprocess on a free local port."""

    def __init__(self) -> None:
        import prefect

        self.port = _free_port()
        settings = get_current_settings()
        env = {**SERVER_DEFAULTS, **os.environ, **SERVER_ENV, **settings.to_environment_variables(exclude_unset=True)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flows.prefect_server", "--app-dir", str(Path(prefect.__file__).parent.parent),
             "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
            env=env,
        )

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait_healthy(self, timeout: float) -> bool:
        """Wait until the server answers its health check; False if it died or timed out."""
        import httpx

        deadline = time.monotonic() + timeout
        with httpx.Client() as client:
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    if client.get(f"{self.api_url}/health").status_code == 200:
                        return True
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
        return False

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_temporary_server() -> TemporaryServer | None:
    """Spawn a temporary server when this process has no Prefect API and may start one."""
    settings = get_current_settings()
    if settings.api.url or not settings.server.ephemeral.enabled:
        return None
    return TemporaryServer()


@contextmanager
def on_temporary_server(server: TemporaryServer | None) -> Iterator[None]:
    """Make `server` (once it answers) this process's Prefect API while the block runs: for
    every thread and for worker processes. Then stop it, after Prefect's background log and
    event workers have sent what they hold (they would fail against a stopped server)."""
    if server is None:
        yield
        return
    timeout = get_current_settings().server.ephemeral.startup_timeout_seconds
    try:
        api = {"PREFECT_API_URL": server.api_url} if server.wait_healthy(timeout) else {}
        with _environment(api):
            try:
                yield
            finally:
                _drain_prefect_workers()
    finally:
        server.stop()


@contextmanager
def _environment(variables: dict[str, str]) -> Iterator[None]:
    """Set environment variables and have Prefect's settings read them, then restore both."""
    from prefect.context import refresh_global_settings_context

    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    refresh_global_settings_context()
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        refresh_global_settings_context()


def _drain_prefect_workers() -> None:
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=STOP_TIMEOUT_S)
    EventsWorker.drain_all(timeout=STOP_TIMEOUT_S)
