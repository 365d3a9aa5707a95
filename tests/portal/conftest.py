"""The real stack for the portal tests: S3, Prefect, a database, the portal, a served deployment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

from deploy.local_stack import LocalStack
from deploy.stack_env import prefect_auth, settings_env
from models.database import session_scope, upgrade
from models.settings import Settings, get_settings
from tasks.accounts.store import add_account, grant
from tasks.campaigns import load_campaign_file
from tasks.registry.upsert import import_registry
from tasks.storage import ObjectStore
from tests.conftest import stack_settings
from tests.flows.e2e import REGISTRY, campaign_file
from tests.prefect_workers import drain_prefect_workers

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "mat-khau-thu-nghiem"
LOGS = ROOT / "var" / "test-output" / "portal"
ACCOUNTS = (  # username, full name, unit, extra role
    ("don-vi-xd", "Văn thư Sở Xây dựng", "SO-XD", None),
    ("don-vi-tc", "Văn thư Sở Tài chính", "SO-TC", None),
    ("thu-ky", "Lê Thị Mai", None, "council"),
    ("quan-tri", "Quản trị viên", None, "admin"),
)


@dataclass
class PortalStack:
    """Where the portal and the stack answer."""

    settings: Settings
    url: str
    logs: Path


def _start(args: list[str], settings: Settings, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("THIDUA_", "PREFECT_"))}
    env.update(settings_env(settings), PREFECT_API_URL=settings.prefect_api_url)
    with log.open("wb") as handle:
        return subprocess.Popen(  # noqa: S603 (fixed argument list)
            [sys.executable, *args],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _ephemeral() -> int:
    """Return a port the system just handed out (other test runs scan from 20000 upwards)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    import signal

    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _wait_http(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback)
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(log.read_text(errors="replace"))


@pytest.fixture(scope="module")
def portal_stack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PortalStack]:
    """Start S3 and Prefect, load the registry and campaign, create accounts, start the portal."""
    folder = tmp_path_factory.mktemp("portal")
    settings = stack_settings(folder / "var", portal_port=_ephemeral(), prefect_port=_ephemeral())
    local = LocalStack(settings)
    saved = dict(os.environ)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        local.up(only=["seaweedfs", "prefect"])  # inside: a half-started stack is stopped too
        os.environ.update(settings_env(settings))
        get_settings.cache_clear()
        upgrade()
        ObjectStore(settings).ensure_buckets()
        with session_scope() as session:
            import_registry(session, path=REGISTRY)
            load_campaign_file(session, path=campaign_file(folder))
            for username, name, unit, role in ACCOUNTS:
                add_account(
                    session, username=username, full_name=name, password=PASSWORD, unit_code=unit
                )
                if role:
                    grant(session, username=username, role=role, granted_by="admin")
        logs = LOGS / request.module.__name__.rsplit(".", 1)[-1]
        logs.mkdir(parents=True, exist_ok=True)
        log = logs / "portal.log"
        portal = _start(["-m", "portal"], settings, log)
        processes.append(portal)
        _wait_http(f"{settings.portal_url}/suc-khoe", portal, log)
        with temporary_settings(
            updates={
                PREFECT_API_URL: settings.prefect_api_url,
                PREFECT_API_AUTH_STRING: prefect_auth(settings),
            }
        ):
            yield PortalStack(settings, settings.portal_url, logs)
    finally:
        for process in processes:
            _stop(process)
        drain_prefect_workers()  # send this process's logs and events while the server is up
        local.down(grace_seconds=2)
        os.environ.clear()
        os.environ.update(saved)
        get_settings.cache_clear()


def serve(stack: PortalStack, *names: str) -> subprocess.Popen[bytes]:
    """Serve the deployments names from a subprocess (stopped by the caller)."""
    return _start(["-m", "deploy.serve", *names], stack.settings, stack.logs / "serve.log")


__all__ = ["PASSWORD", "PortalStack", "serve", "_stop"]
