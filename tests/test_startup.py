"""`khabar run` without a configured Prefect API: it starts its own temporary Prefect server
(flows/prefect_api.py), runs against it, and stops it — nothing is left running."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import psutil

REPO = Path(__file__).resolve().parent.parent


def _servers_of(home: Path) -> list[psutil.Process]:
    """Temporary Prefect servers started for this Prefect home."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "flows.prefect_server" in " ".join(proc.info["cmdline"] or []) and \
                    proc.environ().get("PREFECT_HOME") == str(home):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def test_run_on_its_own_temporary_server(tmp_path):
    home, db = tmp_path / "prefect-home", tmp_path / "w.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", "--runner", "thread", "--source", str(REPO / "seeds"), "--db", str(db)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == ""
    assert "Starting temporary server" not in proc.stdout  # Prefect's own fallback was not needed
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 6
        flow_run_id = con.execute("SELECT flow_run_id FROM pipeline_runs").fetchone()[0]
    assert flow_run_id  # the flow ran on a Prefect API, and recorded its run id
    assert (home / "prefect.db").exists()  # the temporary server kept its runs in this home
    assert _servers_of(home) == []
