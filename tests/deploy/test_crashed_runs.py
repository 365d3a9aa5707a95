"""Deployed: a collect run whose process is killed is marked Crashed and frees its slot."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings
from sqlmodel import func, select

from deploy.automations import CRASH_AUTOMATION
from deploy.local_stack import LocalStack
from deploy.stack_env import prefect_auth, settings_env
from models.database import session_scope, upgrade
from models.settings import get_settings
from models.tables import Submission
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry
from tasks.storage import ObjectStore
from tests.conftest import stack_settings
from tests.flows.e2e import CODE, REGISTRY, YEAR, campaign_file, good

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
UNITS = ["SO-YT", "SO-TP", "SO-XD", "SO-NV", "SO-TC", "SO-CT", "SO-KHCN", "SO-VHTTDL"]
COPIES = 40


@pytest.fixture
def stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalStack]:
    """The whole local stack: S3, the Prefect server, a worker with the deployments."""
    settings = stack_settings(tmp_path / "var")
    for name, value in settings_env(settings).items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    upgrade()
    with session_scope() as session:
        import_registry(session, path=REGISTRY)
        load_campaign_file(session, path=campaign_file(tmp_path))
    local = LocalStack(settings)
    try:
        local.up()  # inside the try: a half-started stack is stopped too
        with temporary_settings(
            updates={
                PREFECT_API_URL: settings.prefect_api_url,
                PREFECT_API_AUTH_STRING: prefect_auth(settings),
            }
        ):
            yield local
    finally:
        local.down(grace_seconds=2)
        get_settings.cache_clear()


def _flow_process(flow_run_id: str) -> int | None:
    """Return the PID of the process running a flow run, found by its environment."""
    marker = f"PREFECT__FLOW_RUN_ID={flow_run_id}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                return int(entry.name)
        except OSError:
            continue
    return None


def _running_collect_run(seconds: float = 240) -> FlowRun:
    """Return the first collect-reports run that is Running."""
    deadline = time.monotonic() + seconds
    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name("collect-reports/collect-reports")
        while time.monotonic() < deadline:
            for run in client.read_flow_runs(limit=50):
                if run.deployment_id == deployment.id and run.state_name == "Running":
                    return run
            time.sleep(0.2)
    raise AssertionError("no collect-reports run started after the uploads")


def _wait_for(flow_run_id: str, done: object, seconds: float, poll: float = 1.0) -> FlowRun:
    deadline = time.monotonic() + seconds
    with get_client(sync_client=True) as client:
        while True:
            run = client.read_flow_run(flow_run_id)  # type: ignore[arg-type]
            if done(run):  # type: ignore[operator]
                return run
            assert time.monotonic() < deadline, f"run stayed {run.state_name}"
            time.sleep(poll)


def test_a_run_whose_worker_died_is_marked_crashed_and_the_rerun_completes(
    stack: LocalStack,
) -> None:
    settings = stack.settings
    store = ObjectStore(settings)
    for unit in UNITS:
        for copy in range(COPIES):  # enough work for the run to be caught running
            store.put_bytes(
                settings.inbox_bucket, f"{CODE}/{YEAR}/{unit}/bc-{copy}.xlsx", good(unit)
            )
    with get_client(sync_client=True) as client:
        assert client.read_automations_by_name(CRASH_AUTOMATION)
    parameters = {"campaign": CODE, "year": YEAR, "batch_size": 2}
    started = _running_collect_run()  # started by the uploads themselves (the inbox's events)
    time.sleep(3)  # its first heartbeat reaches the server
    pid = _flow_process(str(started.id))
    assert pid is not None, "the run's process was not found"
    worker = int(stack.pid_file("worker").read_text())
    os.kill(worker, signal.SIGKILL)  # the machine of the worker is lost: nobody reports the run
    os.kill(pid, signal.SIGKILL)
    crashed = _wait_for(str(started.id), lambda run: run.state_name != "Running", 240)
    assert crashed.state_name == "Crashed"
    assert crashed.state is not None
    assert "tín hiệu sống" in (crashed.state.message or "")
    stack.up(only=["worker"])  # the administrator starts a worker again

    again = run_deployment("collect-reports/collect-reports", parameters=parameters, timeout=300)
    assert again.state is not None
    assert again.state.is_completed(), again.state
    with session_scope() as session:
        recorded = session.exec(select(func.count()).select_from(Submission)).one()
    assert recorded == len(UNITS) * COPIES
