"""Scheduled runs: the cron schedule `khabar serve` registers, and prefect.yaml's deployment."""

from __future__ import annotations

import inspect
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import duckdb
import pytest
import yaml

from flows.cli import build_parser, main
from flows.serve_command import build_deployment

REPO = Path(__file__).resolve().parents[1]
CRON = "*/15 * * * *"


def test_the_deployment_carries_the_cron_schedule_and_the_run_parameters():
    args = build_parser().parse_args(["serve", "--cron", CRON, "--timezone", "Asia/Amman", "--db", "w.duckdb",
                                      "--source", "https://example.org/rss", "--ner-backend", "none"])
    deployment = build_deployment(args)
    [schedule] = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone, schedule.active) == (CRON, "Asia/Amman", True)
    assert deployment.name == "khabar-scheduled" and deployment.entrypoint == "flows/pipeline.py:khabar_run"
    assert deployment.parameters == {"sources": ["https://example.org/rss"], "db": "w.duckdb",
                                     "ner_backend": "none", "lock_timeout": 600.0}


def test_a_bad_cron_expression_fails_in_one_line(capsys):
    assert main(["serve", "--cron", "every tuesday"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("khabar serve failed: ValueError") and "\n" not in err


def test_prefect_yaml_names_the_flow_its_parameters_and_a_valid_schedule():
    from prefect.schedules import Cron

    from flows.pipeline import khabar_run

    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    [deployment] = config["deployments"]
    path, name = deployment["entrypoint"].split(":")
    assert (REPO / path).is_file() and name == khabar_run.fn.__name__
    assert set(deployment["parameters"]) <= set(inspect.signature(khabar_run.fn).parameters)
    for schedule in deployment["schedules"]:
        Cron(schedule["cron"], timezone=schedule["timezone"])  # raises on a bad expression
    assert deployment["concurrency_limit"] == 1  # the warehouse has a single writer


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_server")
def test_khabar_serve_registers_the_scheduled_deployment_on_the_api(tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound
    from prefect.settings import get_current_settings

    name = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PREFECT_API_URL": str(get_current_settings().api.url)}
    server = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", "--cron", CRON, "--name", name,
         "--db", str(tmp_path / "w.duckdb"), "--ner-backend", "none"],
        cwd=REPO, env={**env, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deployment = None
        deadline = time.monotonic() + 120
        with get_client(sync_client=True) as client:
            while deployment is None and time.monotonic() < deadline and server.poll() is None:
                try:
                    deployment = client.read_deployment_by_name(f"khabar-run/{name}")
                except ObjectNotFound:  # not registered yet
                    time.sleep(1)
            assert deployment is not None, f"not registered; serve said: {server.stderr.read() if server.poll() is not None else ''}"
            schedules = client.read_deployment_schedules(deployment.id)
            assert [(s.schedule.cron, s.active) for s in schedules] == [(CRON, True)]
            # What the scheduler does at the cron time: a run of the deployment, executed by serve.
            flow_run = client.create_flow_run_from_deployment(deployment.id)
            while not flow_run.state.is_final() and time.monotonic() < deadline + 120:
                time.sleep(1)
                flow_run = client.read_flow_run(flow_run.id)
        assert flow_run.state.is_completed(), flow_run.state
        with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
            assert con.execute("SELECT status, flow_run_id FROM pipeline_runs").fetchall() == [
                ("completed", str(flow_run.id))]
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_server")
def test_prefect_deploy_registers_prefect_yaml_and_a_process_worker_runs_it(tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.settings import get_current_settings

    env = {**os.environ, "PREFECT_API_URL": str(get_current_settings().api.url)}
    prefect = str(Path(sys.executable).parent / "prefect")
    with get_client(sync_client=True) as client:
        try:
            client.create_work_pool(WorkPoolCreate(name="khabar", type="process"))
        except ObjectAlreadyExists:
            pass
        subprocess.run([prefect, "--no-prompt", "deploy", "--all"], cwd=REPO, env=env, check=True,
                       capture_output=True, timeout=300)
        deployment = client.read_deployment_by_name("khabar-run/khabar-scheduled")
        [schedule] = client.read_deployment_schedules(deployment.id)
        assert (schedule.schedule.cron, schedule.active) == ("0 * * * *", True)
        db = tmp_path / "w.duckdb"
        flow_run = client.create_flow_run_from_deployment(deployment.id, parameters={"ner_backend": "none", "db": str(db)})
        # The worker starts elsewhere: the pull step moves each run into $KHABAR_HOME, the clone.
        subprocess.run([prefect, "worker", "start", "--pool", "khabar", "--run-once"], cwd=tmp_path, check=True,
                       env={**env, "KHABAR_HOME": str(REPO), "PREFECT_WORKER_QUERY_SECONDS": "1"},
                       capture_output=True, timeout=300)
        assert client.read_flow_run(flow_run.id).state.is_completed()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status, n_sources FROM pipeline_runs").fetchall() == [("completed", 5)]
