"""The servers of the local stack: how each one is started and how its health is probed."""

from __future__ import annotations

import json
import sys
import urllib.request

from deploy.automations import HEARTBEAT_SECONDS
from deploy.deployments import PROJECT_DIR
from deploy.portal_service import portal_command, portal_healthy
from deploy.processes import Service, binary, http_ok, port_open
from deploy.stack_env import prefect_auth_headers, prefect_client_env, settings_env
from models.settings import Settings
from tasks.storage import ObjectStore, StorageError


def seaweedfs(s: Settings) -> Service:
    """Describe the SeaweedFS server with its S3 gateway, bound to loopback."""
    data_dir = s.resolved_var_dir / "seaweedfs"
    host = s.s3_host
    command = [
        binary("weed"),
        "server",
        f"-dir={data_dir}",
        f"-ip={host}",
        f"-ip.bind={host}",
        f"-master.port={s.weed_master_port}",
        f"-volume.port={s.weed_volume_port}",
        f"-filer.port={s.weed_filer_port}",
        "-s3",
        f"-s3.port={s.s3_port}",
        f"-s3.config={data_dir / 's3-identities.json'}",
        "-s3.autoCreateBucket=false",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        # Every bucket is a collection with volumes of its own: small volumes and a fixed,
        # generous count keep many buckets writable whatever the free disk space.
        "-master.volumeSizeLimitMB=64",
        "-volume.max=1000",
    ]
    ports = (s.s3_port, s.weed_master_port, s.weed_volume_port, s.weed_filer_port)
    return Service(
        name="seaweedfs",
        command=command,
        env={},
        marker=str(data_dir),
        ports=ports,
        url=s.s3_url,
        healthy=lambda: s3_healthy(s),
    )


def prefect(s: Settings) -> Service:
    """Describe the local Prefect server, analytics off, its data under var/prefect."""
    env = {
        "PREFECT_HOME": str(s.resolved_var_dir / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_API_URL": s.prefect_api_url,
        "PREFECT_SERVER_API_HOST": s.prefect_host,
        "PREFECT_SERVER_API_PORT": str(s.prefect_port),
        **prefect_client_env(s),
    }
    if s.prefect_api_auth is not None:  # every client must authenticate (UI: a login)
        env["PREFECT_SERVER_API_AUTH_STRING"] = s.prefect_api_auth.get_secret_value()
    command = [
        binary("prefect"),
        "server",
        "start",
        "--host",
        s.prefect_host,
        "--port",
        str(s.prefect_port),
        "--analytics-off",
    ]
    return Service(
        name="prefect",
        command=command,
        env=env,
        marker="prefect",
        ports=(s.prefect_port,),
        url=s.prefect_ui_url,
        healthy=lambda: http_ok(f"{s.prefect_api_url}/health"),
    )


def worker(s: Settings) -> Service:
    """Describe a Prefect worker of the process work pool, running flows on these settings."""
    env = {
        **settings_env(s),
        **prefect_client_env(s),
        "PREFECT_HOME": str(s.resolved_var_dir / "prefect"),
        "PREFECT_FLOWS_HEARTBEAT_FREQUENCY": str(HEARTBEAT_SECONDS),
        "THIDUA_PROJECT_DIR": str(PROJECT_DIR),
    }
    command = [
        binary("prefect"),
        "worker",
        "start",
        "--pool",
        s.work_pool,
        "--type",
        "process",
        "--name",
        f"thidua-{s.prefect_port}",
    ]
    return Service(
        name="worker",
        command=command,
        env=env,
        marker=f"thidua-{s.prefect_port}",
        ports=(),
        url=f"{s.prefect_ui_url}/work-pools/work-pool/{s.work_pool}",
        healthy=lambda: worker_online(s),
    )


def events(s: Settings) -> Service:
    """Describe the receiver that turns the S3 server's notifications into Prefect events."""
    env = {**settings_env(s), "PREFECT_API_URL": s.prefect_api_url}
    env["PREFECT_HOME"] = str(s.resolved_var_dir / "prefect")
    command = [sys.executable, "-m", "deploy.inbox_events", "--port", str(s.events_port)]
    return Service(
        name="events",
        command=command,
        env=env,
        marker=f"inbox_events --port {s.events_port}",
        ports=(s.events_port,),
        url=f"http://127.0.0.1:{s.events_port}",
        healthy=lambda: http_ok(f"http://127.0.0.1:{s.events_port}/health"),
    )


def portal(s: Settings) -> Service:
    """Describe the portal (units and reviewers), on these settings, beside Prefect."""
    env = {
        **settings_env(s),
        **prefect_client_env(s),
        "PYTHONPATH": str(PROJECT_DIR),
        # The portal's own storage key (put into the inbox, read feedback), not the flows'.
        "THIDUA_PORTAL_S3_ACCESS_KEY": s.portal_s3_access_key,
        "THIDUA_PORTAL_S3_SECRET_KEY": s.portal_s3_secret_key.get_secret_value(),
    }
    return Service(
        name="portal",
        command=portal_command(s.portal_port),
        env=env,
        marker=f"--thidua-portal={s.portal_port}",
        ports=(s.portal_port,),
        url=s.portal_url,
        healthy=lambda: portal_healthy(s),
    )


def services(s: Settings) -> list[Service]:
    """Return the services in start order."""
    return [seaweedfs(s), prefect(s), events(s), worker(s), portal(s)]


def worker_online(s: Settings) -> bool:
    request = urllib.request.Request(  # noqa: S310 (loopback only)
        f"{s.prefect_api_url}/work_pools/{s.work_pool}/workers/filter",
        data=b"{}",
        headers={"Content-Type": "application/json", **prefect_auth_headers(s)},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
            workers = json.loads(response.read())
    except (OSError, ValueError):
        return False
    return any(w.get("status") == "ONLINE" for w in workers)


def s3_healthy(s: Settings) -> bool:
    if not port_open(s.s3_host, s.s3_port):
        return False
    try:
        probe = s.as_admin().model_copy(update={"s3_max_attempts": 1})
        ObjectStore(probe).bucket_exists(s.inbox_bucket)
    except StorageError:
        return False
    return True


# --- files ------------------------------------------------------------------------------
