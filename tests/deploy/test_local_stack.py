"""`thidua stack up|status|down` starts real servers once, reports them and stops them by PID."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from deploy.local_stack import LocalStack
from deploy.processes import pid_alive
from deploy.stack_env import prefect_auth_headers
from tasks.storage import ObjectStore, StorageUnavailableError
from tests.conftest import stack_settings

THIDUA = [sys.executable, "-m", "cli.main"]


def _run(
    args: list[str], env: dict[str, str], timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*THIDUA, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )


def _env(settings_dir: Path) -> tuple[dict[str, str], LocalStack]:
    # Distinct root and service keys, as in production: the flows run with least privilege.
    settings = stack_settings(
        settings_dir,
        s3_admin_access_key="thidua-root",
        s3_admin_secret_key="root-secret-" + uuid.uuid4().hex[:8],
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("THIDUA_")}
    env.update(
        {
            "THIDUA_VAR_DIR": str(settings.var_dir),
            "THIDUA_S3_ENDPOINT": settings.s3_endpoint,
            "THIDUA_S3_SECRET_KEY": settings.s3_secret_key.get_secret_value(),
            "THIDUA_S3_ADMIN_ACCESS_KEY": settings.s3_admin_access_key,
            "THIDUA_S3_ADMIN_SECRET_KEY": settings.s3_admin_secret_key.get_secret_value(),
            "THIDUA_PREFECT_PORT": str(settings.prefect_port),
            "THIDUA_EVENTS_PORT": str(settings.events_port),
            "THIDUA_PORTAL_PORT": str(settings.portal_port),
            "THIDUA_WEED_MASTER_PORT": str(settings.weed_master_port),
            "THIDUA_WEED_VOLUME_PORT": str(settings.weed_volume_port),
            "THIDUA_WEED_FILER_PORT": str(settings.weed_filer_port),
        }
    )
    return env, LocalStack(settings)


@pytest.mark.slow
@pytest.mark.timeout(900)  # the whole stack started, then again: minutes on a busy machine
def test_up_status_up_again_down(tmp_path: Path) -> None:
    env, stack = _env(tmp_path / "var")
    try:
        first = _run(["stack", "up"], env)
        assert first.returncode == 0, first.stdout + first.stderr
        running = {item.name: item for item in stack.status()}
        assert set(running) == {"seaweedfs", "prefect", "events", "worker", "portal"}
        assert all(item.running and item.healthy for item in running.values())
        pids = {name: item.pid for name, item in running.items()}

        status = _run(["stack", "status"], env)
        assert status.returncode == 0
        assert "seaweedfs" in status.stdout
        assert "đang chạy" in status.stdout

        again = _run(["stack", "up"], env)
        assert again.returncode == 0, again.stdout + again.stderr
        assert {item.name: item.pid for item in stack.status()} == pids  # still one stack

        written = json.loads((stack.var_dir / "seaweedfs" / "s3-identities.json").read_text())
        assert {i["name"]: i.get("policyNames") for i in written["identities"]} == {
            "thidua-admin": None,
            "thidua-service": ["thidua-service"],
            "thidua-portal": ["thidua-portal"],
        }
        for name in ("worker", "events"):  # the flows and the receiver never hold the root key
            environ = Path(f"/proc/{pids[name]}/environ").read_bytes().split(b"\0")
            assert b"THIDUA_S3_ACCESS_KEY=thidua" in environ
            assert not any(item.startswith(b"THIDUA_S3_ADMIN_") for item in environ)
            assert not any(item.startswith(b"THIDUA_PORTAL_S3_") for item in environ)
        portal = Path(f"/proc/{pids['portal']}/environ").read_bytes().split(b"\0")
        assert b"THIDUA_PORTAL_S3_ACCESS_KEY=thidua-portal" in portal  # its own narrow key
        assert not any(item.startswith(b"THIDUA_S3_ADMIN_") for item in portal)
        assert ObjectStore(stack.settings.as_admin()).ensure_buckets() == {
            "thidua-inbox": True,
            "thidua-archive": True,
            "thidua-output": True,
        }
        with pytest.raises(urllib.error.HTTPError) as anonymous:
            urllib.request.urlopen(f"{stack.settings.s3_url}/thidua-inbox/", timeout=5)
        assert anonymous.value.code == 403
        with urllib.request.urlopen(f"{stack.settings.prefect_api_url}/health", timeout=5) as r:
            assert r.status == 200
        runs = f"{stack.settings.prefect_api_url}/flow_runs/filter"
        with pytest.raises(urllib.error.HTTPError) as unauthenticated:  # the API needs auth
            urllib.request.urlopen(urllib.request.Request(runs, data=b"{}"), timeout=5)
        assert unauthenticated.value.code == 401
        signed_in = urllib.request.Request(
            runs,
            data=b"{}",
            headers={"Content-Type": "application/json", **prefect_auth_headers(stack.settings)},
        )
        with urllib.request.urlopen(signed_in, timeout=5) as r:
            assert r.status == 200
        with urllib.request.urlopen(f"{stack.settings.portal_url}/dang-nhap", timeout=5) as r:
            assert "Đăng nhập" in r.read().decode()
        assert (stack.var_dir / "run" / "seaweedfs.pid").exists()
        assert (stack.var_dir / "log" / "prefect.log").exists()
    finally:
        down = _run(["stack", "down"], env)
    assert down.returncode == 0, down.stdout + down.stderr
    assert not any(pid_alive(pid, "") for pid in pids.values() if pid)
    assert not (stack.var_dir / "run" / "seaweedfs.pid").exists()
    stopped = _run(["stack", "status"], env)
    assert stopped.returncode == 1
    assert "đã dừng" in stopped.stdout
    down_store = ObjectStore(
        stack.settings.model_copy(update={"s3_max_attempts": 2, "s3_timeout_seconds": 1.0})
    )
    with pytest.raises(StorageUnavailableError):
        down_store.bucket_exists("thidua-inbox")


def test_busy_port_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    env, stack = _env(tmp_path / "var")
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", stack.settings.s3_port))
        squatter.listen()
        result = _run(["stack", "up"], env)
    assert result.returncode == 1
    assert "đang bị chương trình khác chiếm" in result.stdout
    assert not any(item.running for item in stack.status())
