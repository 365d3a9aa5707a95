"""The local stack: SeaweedFS (S3) and a Prefect server, started, checked and stopped by PID."""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from deploy.automations import HEARTBEAT_SECONDS
from deploy.deployments import PROJECT_DIR, register
from deploy.portal_service import portal_command, portal_healthy
from models.settings import Settings, get_settings
from tasks.access.seaweedfs import write_config
from tasks.storage import ObjectStore, StorageError

ROOT_KEY_PREFIX = "THIDUA_S3_ADMIN_"
HEALTH_POLL_SECONDS = 0.1  # a service is used as soon as it answers
# Services started side by side; the second wave needs Prefect (the worker: its deployments).
STARTUP_WAVES = (("seaweedfs", "prefect"), ("events", "portal", "worker"))


class StackError(RuntimeError):
    """The local stack could not be started or stopped."""


@dataclass(frozen=True)
class ServiceStatus:
    """What `thidua stack status` reports of one service."""

    name: str
    running: bool
    healthy: bool
    pid: int | None
    url: str
    log: Path


@dataclass(frozen=True)
class Service:
    """How to run, recognise and probe one server process."""

    name: str
    command: list[str]
    env: dict[str, str]
    marker: str
    ports: tuple[int, ...]
    url: str
    healthy: Callable[[], bool]


def _binary(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which(name)
    if not found:
        raise StackError(
            f"Không tìm thấy chương trình '{name}': cài đặt bằng pip install -e '.[dev]'."
        )
    return found


def _port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
            return bool(response.status == 200)
    except OSError:
        return False


def _waves(services: list[Service]) -> list[list[Service]]:
    """Group services into start waves (STARTUP_WAVES order; any other service comes last)."""
    named = [name for wave in STARTUP_WAVES for name in wave]
    by_name = {s.name: s for s in services}
    waves = [[by_name[name] for name in wave if name in by_name] for wave in STARTUP_WAVES]
    waves.append([s for s in services if s.name not in named])
    return [wave for wave in waves if wave]


def _wait_closed(ports: Collection[int], *, seconds: float) -> None:
    """Wait until nothing listens on ports any more (a stopped server's sockets close)."""
    deadline = time.monotonic() + seconds
    while any(_port_open("127.0.0.1", port) for port in ports):
        if time.monotonic() > deadline:
            return  # _start then names the ports still taken
        time.sleep(0.2)


def _pid_alive(pid: int, marker: str) -> bool:
    """Return whether pid is a live (not zombie) process whose command line contains marker."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)  # reap our own child if it has exited
    proc = Path(f"/proc/{pid}")
    try:
        state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (OSError, IndexError):
        return False
    return state not in {"Z", "X"} and marker in cmdline


class LocalStack:
    """Start, stop and report the local servers, keeping PIDs and logs under var/."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.var_dir = self.settings.resolved_var_dir
        self.run_dir = self.var_dir / "run"
        self.log_dir = self.var_dir / "log"

    # --- the services ---------------------------------------------------------------------

    def seaweedfs(self) -> Service:
        """Describe the SeaweedFS server with its S3 gateway, bound to loopback."""
        s = self.settings
        data_dir = self.var_dir / "seaweedfs"
        host = s.s3_host
        command = [
            _binary("weed"),
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
            healthy=self._s3_healthy,
        )

    def prefect(self) -> Service:
        """Describe the local Prefect server, analytics off, its data under var/prefect."""
        s = self.settings
        env = {
            "PREFECT_HOME": str(self.var_dir / "prefect"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_UI_API_URL": s.prefect_api_url,
            "PREFECT_SERVER_API_HOST": s.prefect_host,
            "PREFECT_SERVER_API_PORT": str(s.prefect_port),
            **prefect_client_env(s),
        }
        if s.prefect_api_auth is not None:  # every client must authenticate (UI: a login)
            env["PREFECT_SERVER_API_AUTH_STRING"] = s.prefect_api_auth.get_secret_value()
        command = [
            _binary("prefect"),
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
            healthy=lambda: _http_ok(f"{s.prefect_api_url}/health"),
        )

    def worker(self) -> Service:
        """Describe a Prefect worker of the process work pool, running flows on these settings."""
        s = self.settings
        env = {
            **settings_env(s),
            **prefect_client_env(s),
            "PREFECT_HOME": str(self.var_dir / "prefect"),
            "PREFECT_FLOWS_HEARTBEAT_FREQUENCY": str(HEARTBEAT_SECONDS),
            "THIDUA_PROJECT_DIR": str(PROJECT_DIR),
        }
        command = [
            _binary("prefect"),
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
            healthy=self._worker_online,
        )

    def events(self) -> Service:
        """Describe the receiver that turns the S3 server's notifications into Prefect events."""
        s = self.settings
        env = {**settings_env(s), "PREFECT_API_URL": s.prefect_api_url}
        env["PREFECT_HOME"] = str(self.var_dir / "prefect")
        command = [sys.executable, "-m", "deploy.inbox_events", "--port", str(s.events_port)]
        return Service(
            name="events",
            command=command,
            env=env,
            marker=f"inbox_events --port {s.events_port}",
            ports=(s.events_port,),
            url=f"http://127.0.0.1:{s.events_port}",
            healthy=lambda: _http_ok(f"http://127.0.0.1:{s.events_port}/health"),
        )

    def portal(self) -> Service:
        """Describe the portal (units and reviewers), on these settings, beside Prefect."""
        s = self.settings
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

    def services(self) -> list[Service]:
        """Return the services in start order."""
        return [self.seaweedfs(), self.prefect(), self.events(), self.worker(), self.portal()]

    def _worker_online(self) -> bool:
        s = self.settings
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

    def _s3_healthy(self) -> bool:
        if not _port_open(self.settings.s3_host, self.settings.s3_port):
            return False
        try:
            probe = self.settings.as_admin().model_copy(update={"s3_max_attempts": 1})
            ObjectStore(probe).bucket_exists(self.settings.inbox_bucket)
        except StorageError:
            return False
        return True

    # --- files ------------------------------------------------------------------------------

    def pid_file(self, name: str) -> Path:
        """Return the PID file of a service."""
        return self.run_dir / f"{name}.pid"

    def log_file(self, name: str) -> Path:
        """Return the log file of a service."""
        return self.log_dir / f"{name}.log"

    def _read_pid(self, service: Service) -> int | None:
        try:
            pid = int(self.pid_file(service.name).read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _pid_alive(pid, service.marker) else None

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        with (self.run_dir / "stack.lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write_s3_config(self) -> None:
        write_config(self.settings, self.var_dir / "seaweedfs", self.var_dir)

    def reload_identities(self, *, removed: bool = False) -> bool:
        """Rewrite the identities file and have a running SeaweedFS use it; False if stopped.

        SIGHUP adds new identities but keeps removed ones (measured on 4.48), so a revocation
        restarts SeaweedFS.
        """
        with self._lock():
            self._write_s3_config()
            service = self.seaweedfs()
            pid = self._read_pid(service)
            if pid is None:
                return False
            if not removed:
                os.kill(pid, signal.SIGHUP)
                return True
            _terminate(pid, service.marker, 2.0)
            self.pid_file(service.name).unlink(missing_ok=True)
            _wait_closed(service.ports, seconds=20.0)
            self._start(service)
            return True

    # --- commands ---------------------------------------------------------------------------

    def up(self, only: Collection[str] | None = None) -> list[ServiceStatus]:
        """Start every service (or those named) not running, wait until healthy, create buckets.

        Services start in waves, each wave's processes side by side: the S3 and Prefect servers
        first, then what needs Prefect (the receiver, the portal, and the worker once the
        deployments are registered); a wave is used once all of it answers.
        """
        with self._lock():
            self._write_s3_config()
            wanted = [s for s in self.services() if only is None or s.name in only]
            for wave in _waves(wanted):
                for service, process in [self._launch(service) for service in wave]:
                    self._wait_healthy(service, process)
            if only is None or "seaweedfs" in only:
                ObjectStore(self.settings.as_admin()).ensure_buckets()
        return self.status()

    def _start(self, service: Service) -> None:
        self._wait_healthy(*self._launch(service))

    def _launch(self, service: Service) -> tuple[Service, subprocess.Popen[bytes] | None]:
        """Start service's process unless it runs; return it (None: it was running)."""
        if self._read_pid(service) is not None:
            return service, None
        if service.name == "worker":
            self._register_deployments()
        busy = [port for port in service.ports if _port_open("127.0.0.1", port)]
        if busy:
            raise StackError(
                f"Cổng {busy} đang bị chương trình khác chiếm, không khởi động được "
                f"{service.name}: đổi cổng bằng biến môi trường THIDUA_*_PORT."
            )
        self.log_dir.mkdir(parents=True, exist_ok=True)
        # The root key stays with whoever sets up: no server or worker inherits it.
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(ROOT_KEY_PREFIX)}
        env = {**inherited, **service.env}
        with self.log_file(service.name).open("ab") as log:
            process = subprocess.Popen(  # noqa: S603 (fixed argument list)
                service.command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
                cwd=self.var_dir,
            )
        self.pid_file(service.name).write_text(str(process.pid))
        return service, process

    def _wait_healthy(self, service: Service, process: subprocess.Popen[bytes] | None) -> None:
        deadline = time.monotonic() + self.settings.stack_start_timeout_seconds
        while time.monotonic() < deadline:
            if service.healthy():
                return
            if process is not None and process.poll() is not None:
                self.pid_file(service.name).unlink(missing_ok=True)
                raise StackError(
                    f"{service.name} dừng ngay khi khởi động (mã {process.returncode}); "
                    f"xem {self.log_file(service.name)}:\n{self._tail(service.name)}"
                )
            time.sleep(HEALTH_POLL_SECONDS)
        raise StackError(
            f"{service.name} không sẵn sàng sau "
            f"{self.settings.stack_start_timeout_seconds:.0f} giây; "
            f"xem {self.log_file(service.name)}:\n{self._tail(service.name)}"
        )

    def _register_deployments(self) -> None:
        s = self.settings
        try:
            register(api_url=s.prefect_api_url, work_pool=s.work_pool, env=prefect_client_env(s))
        except subprocess.SubprocessError as error:
            output = getattr(error, "stdout", "") or ""
            raise StackError(
                f"Không đăng ký được các deployment từ deploy/prefect.yaml: {error}\n"
                f"{output[-2000:]}{getattr(error, 'stderr', '') or ''}"
            ) from error

    def _tail(self, name: str, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_file(name).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def down(self, *, grace_seconds: float = 5.0) -> list[ServiceStatus]:
        """Stop every service by its PID: SIGTERM, then SIGKILL after grace_seconds."""
        with self._lock():
            for service in reversed(self.services()):
                pid = self._read_pid(service)
                if pid is not None:
                    _terminate(pid, service.marker, grace_seconds)
                self.pid_file(service.name).unlink(missing_ok=True)
        return self.status()

    def status(self) -> list[ServiceStatus]:
        """Report each service: running, healthy, PID, address and log."""
        report = []
        for service in self.services():
            pid = self._read_pid(service)
            report.append(
                ServiceStatus(
                    name=service.name,
                    running=pid is not None,
                    healthy=pid is not None and service.healthy(),
                    pid=pid,
                    url=service.url,
                    log=self.log_file(service.name),
                )
            )
        return report


def prefect_client_env(settings: Settings) -> dict[str, str]:
    """Return the variables a Prefect client of the local server needs: its URL and auth."""
    env = {"PREFECT_API_URL": settings.prefect_api_url}
    if settings.prefect_api_auth is not None:
        env["PREFECT_API_AUTH_STRING"] = settings.prefect_api_auth.get_secret_value()
    return env


def prefect_auth(settings: Settings) -> str | None:
    """Return the user:password of the local Prefect API, or None when it requires none."""
    return settings.prefect_api_auth.get_secret_value() if settings.prefect_api_auth else None


def prefect_auth_headers(settings: Settings) -> dict[str, str]:
    """Return the Authorization header of a raw HTTP call to the local Prefect API."""
    if settings.prefect_api_auth is None:
        return {}
    token = base64.b64encode(settings.prefect_api_auth.get_secret_value().encode()).decode()
    return {"Authorization": f"Basic {token}"}


def settings_env(settings: Settings) -> dict[str, str]:
    """Return settings as THIDUA_* variables (and the Prefect client's auth), for a process
    that must use the same ones."""
    values = {
        "THIDUA_VAR_DIR": str(settings.resolved_var_dir),
        "THIDUA_DATABASE_URL": settings.resolved_database_url,
        "THIDUA_TIMEZONE": settings.timezone,
        "THIDUA_S3_ENDPOINT": settings.s3_endpoint,
        "THIDUA_S3_ACCESS_KEY": settings.s3_access_key,
        "THIDUA_S3_SECRET_KEY": settings.s3_secret_key.get_secret_value(),
        "THIDUA_S3_SECURE": str(settings.s3_secure).lower(),
        "THIDUA_S3_REGION": settings.s3_region,
        "THIDUA_INBOX_BUCKET": settings.inbox_bucket,
        "THIDUA_ARCHIVE_BUCKET": settings.archive_bucket,
        "THIDUA_OUTPUT_BUCKET": settings.output_bucket,
        "THIDUA_TASK_RUNNER": settings.task_runner,
        "THIDUA_TASK_RUNNER_WORKERS": str(settings.task_runner_workers),
        "THIDUA_PREFECT_HOST": settings.prefect_host,
        "THIDUA_PREFECT_PORT": str(settings.prefect_port),
        "THIDUA_EVENTS_PORT": str(settings.events_port),
        "THIDUA_LINK_HOURS": str(settings.link_hours),
    }
    values["THIDUA_PORTAL_KEY"] = settings.portal_key.get_secret_value()
    if settings.prefect_api_auth is not None:
        values["THIDUA_PREFECT_API_AUTH"] = settings.prefect_api_auth.get_secret_value()
        values["PREFECT_API_AUTH_STRING"] = settings.prefect_api_auth.get_secret_value()
    values["THIDUA_PORTAL_HOST"] = settings.portal_host
    values["THIDUA_PORTAL_PORT"] = str(settings.portal_port)
    if settings.receipt_key is not None:
        values["THIDUA_RECEIPT_KEY"] = settings.receipt_key.get_secret_value()
    if settings.events_token is not None:
        values["THIDUA_EVENTS_TOKEN"] = settings.events_token.get_secret_value()
    if settings.dask_address:
        values["THIDUA_DASK_ADDRESS"] = settings.dask_address
    return values


def _terminate(pid: int, marker: str, grace_seconds: float) -> None:
    """Stop the process group led by pid, escalating to SIGKILL; return once it is gone."""
    for sig, wait in ((signal.SIGTERM, grace_seconds), (signal.SIGKILL, 10.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _pid_alive(pid, marker):
                return
            time.sleep(0.1)
    raise StackError(f"Không dừng được tiến trình {pid}.")
